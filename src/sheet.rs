//! Reading a clerk's spreadsheets into rows of cells, for `import` (a foundation: it knows no register).
//!
//! Workbooks (.xlsx, .xls, .ods, and the same saved by WPS under other
//! names) are recognised by their bytes and read with calamine; anything
//! else is read as CSV, in UTF-8 (with or without a BOM) or GB18030/GBK,
//! detected from the bytes, never guessed from the file name. Rows keep the
//! number the spreadsheet shows (1-based, header included). Judges nothing.

use std::path::Path;

use anyhow::{Context, Result, bail};
use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A real date cell (Excel/ODS), or a date-time's date.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, the way a person reads it (`20050310`, not `20050310.0`).
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            #[allow(clippy::cast_possible_truncation, reason = "integral and in range, checked")]
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row, with the number the spreadsheet shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// One sheet (a CSV file is one sheet without a name).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

/// The text encoding a CSV file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

impl Encoding {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8(带 BOM)",
            Encoding::Gb18030 => "GB18030/GBK",
        }
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Workbook,
    Csv(Encoding),
}

/// Reads every sheet of `path` (or only `only`, by name).
pub(crate) fn read(path: &Path, only: Option<&str>) -> Result<(Kind, Vec<Sheet>)> {
    let bytes = std::fs::read(path).with_context(|| format!("无法读取 `{}`", path.display()))?;
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if zip || ole {
        return Ok((Kind::Workbook, workbook(path, bytes, only)?));
    }
    let (text, encoding) = decode(&bytes);
    if let Some(name) = only {
        bail!("`{}` 是 CSV 文件,没有工作表 `{name}`\n提示: CSV 不需要 --sheet", path.display());
    }
    Ok((Kind::Csv(encoding), vec![csv(path, &text)?]))
}

/// CSV text: UTF-8 (BOM stripped) when the bytes are UTF-8, else GB18030.
pub(crate) fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(), Encoding::Gb18030),
    }
}

fn csv(path: &Path, text: &str) -> Result<Sheet> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("`{}` 不是有效的 CSV", path.display()))?;
        let number = record.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cells =
            record.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_owned()) }).collect();
        rows.push(Row { number, cells });
    }
    Ok(Sheet { name: None, rows })
}

fn workbook(path: &Path, bytes: Vec<u8>, only: Option<&str>) -> Result<Vec<Sheet>> {
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        anyhow::anyhow!(
            "无法读取工作簿 `{}`: {e}\n提示: 支持 .xlsx、.xls、.ods(包括 WPS 保存的);加密或损坏的文件请在 WPS/Excel 中另存为 .xlsx 后再导入",
            path.display()
        )
    })?;
    let names = wb.sheet_names();
    let chosen: Vec<String> = match only {
        Some(name) if names.iter().any(|n| n == name) => vec![name.to_owned()],
        Some(name) => bail!("`{}` 中没有工作表 `{name}`;有: {}", path.display(), names.join("、")),
        None => names,
    };
    let mut sheets = Vec::new();
    for name in chosen {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| anyhow::anyhow!("无法读取 `{}` 的工作表 `{name}`: {e}", path.display()))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .zip(0u32..)
            .map(|(cells, i)| {
                let mut row: Vec<Cell> = (0..first_col).map(|_| Cell::Empty).collect();
                row.extend(cells.iter().map(cell));
                Row { number: first_row + i + 1, cells: row }
            })
            .collect();
        sheets.push(Sheet { name: Some(name), rows });
    }
    Ok(sheets)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        #[allow(clippy::cast_precision_loss, reason = "spreadsheet integers are far below 2^52")]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_owned()),
        Data::DateTime(_) => d.as_datetime().map_or(Cell::Empty, |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) => {
            s.get(..10).and_then(|x| x.parse().ok()).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
    }
}

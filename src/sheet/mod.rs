//! Reading a clerk's spreadsheets into rows of cells, for `import` (a foundation: it knows no register).
//!
//! Workbooks (.xlsx, .xls, .ods, and the same saved by WPS under other
//! names) are recognised by their bytes and read with calamine; anything
//! else is read as CSV, in UTF-8 (with or without a BOM) or GB18030/GBK,
//! detected from the bytes, never guessed from the file name. Rows keep the
//! number the spreadsheet shows (1-based, header included). Judges nothing.
//!
//! Input is bounded: [`guard`] measures a workbook before calamine parses it
//! and a CSV before it is split (zip entries as inflated, repeated cells,
//! extents, text), and [`workbook`] streams an .xlsx sheet cell by cell
//! keeping only rows with a value; a file past the limits is refused with a
//! Chinese error naming it and the cell, never an abort.

use std::path::Path;

mod guard;
mod workbook;

use std::io::Read;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

/// The largest file `import` reads (a real list of 30,000 documents is a few MB).
const MAX_FILE: u64 = 256 << 20;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A real date cell (Excel/ODS), or a date-time's date.
    Date(NaiveDate),
    /// A date cell whose Excel serial is not a day from 1900-03-01 to
    /// 9999-12-31 (serial 60 is Excel's non-existent 1900-02-29).
    BadSerial(f64),
}

impl Cell {
    /// The cell as text, the way a person reads it (`20050310`, not `20050310.0`).
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            #[allow(clippy::cast_possible_truncation, reason = "integral and in range, checked")]
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) | Cell::BadSerial(n) => n.to_string(),
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
    /// UTF-16 with a byte-order mark (Excel's "Unicode 文本" export).
    Utf16,
}

impl Encoding {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8(带 BOM)",
            Encoding::Gb18030 => "GB18030/GBK",
            Encoding::Utf16 => "UTF-16",
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
    let bytes = read_bounded(path)?;
    let format = if bytes.starts_with(b"PK\x03\x04") {
        Some(workbook::Format::Zip)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(workbook::Format::Ole)
    } else {
        None
    };
    if let Some(format) = format {
        return Ok((Kind::Workbook, workbook::read(path, &bytes, format, only)?));
    }
    let (text, encoding) = decode(path, &bytes)?;
    if let Some(name) = only {
        bail!("`{}` 是 CSV 文件,没有工作表 `{name}`\n提示: CSV 不需要 --sheet", path.display());
    }
    Ok((Kind::Csv(encoding), vec![csv(path, &text)?]))
}

/// CSV text: UTF-16 with a BOM; UTF-8 with a BOM (then every byte must be
/// UTF-8: an invalid one is an error naming its row, never U+FFFD); UTF-8;
/// else GB18030.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding)> {
    if let Some((enc, rest)) = [(encoding_rs::UTF_16LE, &b"\xFF\xFE"[..]), (encoding_rs::UTF_16BE, &b"\xFE\xFF"[..])]
        .into_iter()
        .find_map(|(e, bom)| bytes.strip_prefix(bom).map(|r| (e, r)))
    {
        let (text, bad) = enc.decode_without_bom_handling(rest);
        if bad {
            bail!(
                "`{}` 以 UTF-16 保存,但其中有无效的字符\n提示: 在 WPS/Excel 中另存为 CSV(UTF-8)后再导入",
                path.display()
            );
        }
        return Ok((text.into_owned(), Encoding::Utf16));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_owned(), Encoding::Utf8Bom)),
            Err(e) => {
                let before = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                let row = RowCounter::new(before).row_of(before.len());
                bail!(
                    "`{}` 第 {row} 行: 文件标明是 UTF-8(带 BOM),但这一行有不是 UTF-8 的字节,未导入\n提示: 文件可能被不同的软件拼接过;在 WPS/Excel 中打开,另存为 CSV(UTF-8)后再导入",
                    path.display()
                )
            }
        };
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(), Encoding::Gb18030),
    })
}

/// The field separator: a tab when the first line has tabs and no commas
/// (Excel's "文本文件(制表符分隔)" and "Unicode 文本"), else a comma.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' }
}

fn csv(path: &Path, text: &str) -> Result<Sheet> {
    let delimiter = delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    guard::csv(path, text, delimiter)?;
    let mut record = csv::StringRecord::new();
    let mut rows_at = RowCounter::new(text);
    while reader.read_record(&mut record).with_context(|| format!("`{}` 不是有效的 CSV", path.display()))? {
        let number = record.position().map_or(0, |p| rows_at.row_of(usize::try_from(p.byte()).unwrap_or(usize::MAX)));
        let width = record.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()).last().map_or(0, |(i, _)| i + 1);
        let cells = record
            .iter()
            .take(width)
            .map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_owned()) })
            .collect();
        rows.push(Row { number, cells });
    }
    Ok(Sheet { name: None, rows })
}

/// The file's bytes, refusing one larger than any document list.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("无法读取 `{}`", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes).with_context(|| format!("无法读取 `{}`", path.display()))?;
    if bytes.len() as u64 > MAX_FILE {
        bail!(
            "`{}` 超过 {} MB,不像是文件目录\n提示: 确认选对了文件;目录表格请只保留目录所在的工作表后再导入",
            path.display(),
            MAX_FILE >> 20
        );
    }
    Ok(bytes)
}

/// The spreadsheet row a CSV record starts on, as Excel and WPS number
/// them: line ends CRLF, LF or CR alike, a quoted cell's line breaks inside
/// its row, blank lines counted. Offsets are asked in increasing order; the
/// text is walked once.
struct RowCounter<'t> {
    text: &'t [u8],
    at: usize,
    row: u32,
    quoted: bool,
}

impl<'t> RowCounter<'t> {
    fn new(text: &'t str) -> Self {
        RowCounter { text: text.as_bytes(), at: 0, row: 1, quoted: false }
    }

    fn row_of(&mut self, offset: usize) -> u32 {
        let end = offset.min(self.text.len());
        while self.at < end {
            match self.text[self.at] {
                b'"' => self.quoted = !self.quoted,
                b'\r' if !self.quoted => {
                    self.row += 1;
                    if self.text.get(self.at + 1) == Some(&b'\n') {
                        self.at += 1;
                    }
                }
                b'\n' if !self.quoted => self.row += 1,
                _ => {}
            }
            self.at += 1;
        }
        self.row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_spreadsheets_rows_whatever_the_line_ends() {
        for text in ["h\r\na\r\n\r\n\"x\r\ny\"\r\nb\r\n", "h\na\n\n\"x\ny\"\nb\n", "h\ra\r\r\"x\ry\"\rb\r"] {
            let sheet = csv(Path::new("t.csv"), text).unwrap();
            let rows: Vec<(u32, String)> =
                sheet.rows.iter().map(|r| (r.number, r.cells.first().map(Cell::text).unwrap_or_default())).collect();
            let b = rows.iter().find(|(_, c)| c == "b").unwrap_or_else(|| panic!("{text:?}: {rows:?}"));
            assert_eq!(b.0, 5, "{text:?}: {rows:?}");
            assert_eq!(rows[0].0, 1);
        }
    }
}

//! Workbooks (.xlsx, .xls, .ods) read with calamine into sheets of rows,
//! within bounds: the file is measured first (`guard`), an .xlsx sheet is
//! streamed cell by cell (its claimed dimension is never allocated), and only
//! rows that hold a value are kept, each as wide as its last value.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use anyhow::{Result, bail};
use calamine::{Data, DataType, Reader};

use super::guard::{self, MAX_CELL_CHARS, MAX_CELLS, MAX_TEXT, Zipped};
use super::{Cell, Row, Sheet};

/// The file's format, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Zip,
    Ole,
}

/// Reads every sheet of a workbook (or only `only`, by name).
pub(super) fn read(path: &Path, bytes: &[u8], format: Format, only: Option<&str>) -> Result<Vec<Sheet>> {
    let mut budget = Budget::new(path);
    match format {
        Format::Zip => match guard::zip(path, bytes)? {
            Zipped::Xlsx => {
                let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| cannot_open(path, &e))?;
                let names = chosen(path, wb.sheet_names(), only)?;
                let mut sheets = Vec::new();
                for name in names {
                    let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| cannot_read(path, &name, &e))?;
                    let mut grid = Grid::default();
                    while let Some(c) = cells.next_cell().map_err(|e| cannot_read(path, &name, &e))? {
                        let (row, col) = c.get_position();
                        grid.put(&mut budget, &name, row, col, Data::from(c.get_value().clone()))?;
                    }
                    sheets.push(grid.into_sheet(name));
                }
                Ok(sheets)
            }
            Zipped::Ods => {
                guard::ods(path, bytes)?;
                let wb = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| cannot_open(path, &e))?;
                ranges(path, wb, only, &mut budget)
            }
        },
        Format::Ole => {
            guard::xls(path, bytes)?;
            let wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| cannot_open(path, &e))?;
            ranges(path, wb, only, &mut budget)
        }
    }
}

/// Reads sheets calamine has already built (.ods, .xls: measured by `guard`).
fn ranges<RS, W>(path: &Path, mut wb: W, only: Option<&str>, budget: &mut Budget<'_>) -> Result<Vec<Sheet>>
where
    RS: std::io::Read + std::io::Seek,
    W: Reader<RS>,
    W::Error: std::fmt::Display,
{
    let names = chosen(path, wb.sheet_names(), only)?;
    let mut sheets = Vec::new();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(|e| cannot_read(path, &name, &e))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::default();
        for (cells, row) in range.rows().zip(first_row..) {
            for (d, col) in cells.iter().zip(first_col..) {
                grid.put(budget, &name, row, col, d.clone())?;
            }
        }
        sheets.push(grid.into_sheet(name));
    }
    Ok(sheets)
}

/// The sheets to read: all, or the one named.
fn chosen(path: &Path, names: Vec<String>, only: Option<&str>) -> Result<Vec<String>> {
    match only {
        Some(name) if names.iter().any(|n| n == name) => Ok(vec![name.to_owned()]),
        Some(name) => bail!("`{}` 中没有工作表 `{name}`;有: {}", path.display(), names.join("、")),
        None => Ok(names),
    }
}

fn cannot_open(path: &Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "无法读取工作簿 `{}`: {e}\n提示: 支持 .xlsx、.xls、.ods(包括 WPS 保存的);加密或损坏的文件请在 WPS/Excel 中另存为 .xlsx 后再导入",
        path.display()
    )
}

fn cannot_read(path: &Path, sheet: &str, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("无法读取 `{}` 的工作表 `{sheet}`: {e}", path.display())
}

/// What one file's cells may still take: cells (empty ones inside a row
/// counted) and bytes of text.
struct Budget<'a> {
    path: &'a Path,
    cells: u64,
    text: u64,
}

impl<'a> Budget<'a> {
    fn new(path: &'a Path) -> Self {
        Budget { path, cells: 0, text: 0 }
    }
}

/// A sheet's rows with a value, in order, each as wide as its last value.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<u32, Vec<Cell>>,
}

impl Grid {
    /// Puts one value at a 0-based position; empty values are not kept.
    fn put(&mut self, budget: &mut Budget<'_>, sheet: &str, row: u32, col: u32, d: Data) -> Result<()> {
        let cell = cell(d);
        if cell == Cell::Empty {
            return Ok(());
        }
        let (r, c) = (u64::from(row), u64::from(col));
        if let Cell::Text(s) = &cell {
            if s.chars().count() as u64 > MAX_CELL_CHARS {
                return Err(guard::cell_too_long(budget.path, sheet, r, c));
            }
            budget.text += s.len() as u64;
            if budget.text > MAX_TEXT {
                return Err(guard::too_much_text(budget.path));
            }
        }
        let cells = self.rows.entry(row).or_default();
        let width = usize::try_from(col).unwrap_or(usize::MAX).saturating_add(1);
        if cells.len() < width {
            budget.cells += (width - cells.len()) as u64;
            if budget.cells > MAX_CELLS {
                return Err(guard::too_many_cells(budget.path, sheet, r, c));
            }
            cells.resize(width, Cell::Empty);
        }
        cells[width - 1] = cell;
        Ok(())
    }

    fn into_sheet(self, name: String) -> Sheet {
        let rows = self.rows.into_iter().map(|(row, cells)| Row { number: row + 1, cells }).collect();
        Sheet { name: Some(name), rows }
    }
}

fn cell(d: Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s),
        #[allow(clippy::cast_precision_loss, reason = "spreadsheet integers are far below 2^52")]
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Text(if b { "是" } else { "否" }.to_owned()),
        // Excel serials 61 (1900-03-01) to 2958465 (9999-12-31); 60 is the
        // 1900-02-29 Excel invented, 0 and below are no day at all.
        Data::DateTime(dt) if !(61.0..2_958_466.0).contains(&dt.as_f64()) => Cell::BadSerial(dt.as_f64()),
        Data::DateTime(_) => d.as_datetime().map_or(Cell::Empty, |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) => {
            s.get(..10).and_then(|x| x.parse().ok()).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
    }
}

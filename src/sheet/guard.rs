//! Bounds on a workbook before it is parsed: what a file claims (zip entry
//! sizes, repeated cells, a sheet's extent) is measured in small memory, and a
//! file beyond the limits is refused with a Chinese error naming it, so a
//! 5 KB file can never make `import` allocate gigabytes.
//!
//! calamine builds dense ranges for .xls and .ods sheets and reads whole zip
//! entries; the .xlsx path streams cells itself (see `workbook`), but all three
//! are measured here first.

use std::io::{Cursor, Read};
use std::path::Path;

use anyhow::{Result, bail};
use quick_xml::events::Event;

/// Bytes a zip entry may inflate to (sheet XML, shared strings, content.xml).
pub(super) const MAX_ENTRY: u64 = 128 << 20;
/// Bytes all zip entries together may inflate to.
const MAX_INFLATED: u64 = 512 << 20;
/// Entries a workbook zip may hold.
const MAX_ENTRIES: usize = 10_000;
/// Cells a file may spread over, counting the empty ones inside each sheet's
/// used area (a document list of 100,000 rows × 40 columns fits).
pub(super) const MAX_CELLS: u64 = 4_000_000;
/// Characters in one cell: Excel's own limit.
pub(super) const MAX_CELL_CHARS: u64 = 32_767;
/// Bytes of text all cells together may hold.
pub(super) const MAX_TEXT: u64 = 128 << 20;

/// What to do when a workbook is too large: the same advice everywhere.
pub(super) const ADVICE: &str = "提示: 在 WPS/Excel 中按 Ctrl+End 查看最后一个单元格,删除目录以外的行列;或只复制目录所在的行列到新工作簿,另存为 .xlsx 后再导入";

/// The kind of zip workbook, by the entries it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zipped {
    Xlsx,
    Ods,
}

/// Checks every entry of a zip workbook inflates within bounds (measured, not
/// trusted from the header) and says which kind it is.
pub(super) fn zip(path: &Path, bytes: &[u8]) -> Result<Zipped> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(path, &e))?;
    if archive.len() > MAX_ENTRIES {
        bail!("`{}` 不是正常的工作簿: 压缩包里有 {} 个文件\n{ADVICE}", path.display(), archive.len());
    }
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let kind = if names.iter().any(|n| n == "xl/workbook.xml") {
        Zipped::Xlsx
    } else if names.iter().any(|n| n == "content.xml") {
        Zipped::Ods
    } else if names.iter().any(|n| n == "xl/workbook.bin") {
        bail!("`{}` 是 .xlsb(二进制工作簿),不能导入\n提示: 在 WPS/Excel 中另存为 .xlsx 后再导入", path.display());
    } else {
        bail!("`{}` 是压缩包,但不是 .xlsx 或 .ods 工作簿\n提示: 在 WPS/Excel 中另存为 .xlsx 后再导入", path.display());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| unreadable(path, &e))?;
        let name = entry.name().to_owned();
        let n = std::io::copy(&mut (&mut entry).take(MAX_ENTRY + 1), &mut std::io::sink())
            .map_err(|e| unreadable(path, &e))?;
        if n > MAX_ENTRY {
            bail!(
                "`{}` 中的 `{name}` 解压后超过 {} MB,超出导入能处理的范围(可能是损坏或恶意构造的文件)\n{ADVICE}",
                path.display(),
                MAX_ENTRY >> 20
            );
        }
        total += n;
        if total > MAX_INFLATED {
            bail!("`{}` 解压后超过 {} MB,超出导入能处理的范围\n{ADVICE}", path.display(), MAX_INFLATED >> 20);
        }
    }
    Ok(kind)
}

fn unreadable(path: &Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "无法读取工作簿 `{}`: {e}\n提示: 文件可能已损坏;在 WPS/Excel 中打开后另存为 .xlsx 再导入",
        path.display()
    )
}

/// The letters of a 0-based column (`0` → `A`, `16383` → `XFD`).
pub(super) fn column_name(col: u64) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = u8::try_from((n - 1) % 26).unwrap_or(0);
        out.push(char::from(b'A' + d));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A 0-based cell position as a person reads it (`XFD1048576`).
pub(super) fn cell_name(row: u64, col: u64) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// The error for a sheet whose used area is too large.
pub(super) fn too_many_cells(path: &Path, sheet: &str, row: u64, col: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "`{}` 的工作表 `{sheet}` 超出导入能处理的范围: 有内容的单元格延伸到 {}(超过 {} 万个单元格)\n{ADVICE}",
        path.display(),
        cell_name(row, col),
        MAX_CELLS / 10_000
    )
}

/// The error for a cell longer than a spreadsheet allows.
pub(super) fn cell_too_long(path: &Path, sheet: &str, row: u64, col: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "`{}` 的工作表 `{sheet}` 单元格 {} 超过 {MAX_CELL_CHARS} 个字符,超出导入能处理的范围\n提示: 检查该单元格;目录中的标题、文号等不会这么长",
        path.display(),
        cell_name(row, col)
    )
}

/// The error for a file whose cells hold too much text together.
pub(super) fn too_much_text(path: &Path) -> anyhow::Error {
    anyhow::anyhow!("`{}` 中的文字总量超过 {} MB,超出导入能处理的范围\n{ADVICE}", path.display(), MAX_TEXT >> 20)
}

/// Counts a CSV text's fields in constant memory before it is parsed: one
/// line of 45 million commas would otherwise make a record of 45 million
/// fields. Refuses a row wider than a spreadsheet (16,384 columns) or a file
/// of more than [`MAX_CELLS`] fields, naming the line.
pub(super) fn csv(path: &Path, text: &str, delimiter: u8) -> Result<()> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut scratch = [0u8; 4096];
    let (mut line, mut record_line) = (1u64, 1u64);
    let (mut fields, mut total) = (0u64, 0u64);
    loop {
        let (result, read, _) = reader.read_field(input, &mut scratch);
        #[allow(clippy::naive_bytecount, reason = "a line count for the message, not a hot loop")]
        let newlines = input[..read].iter().filter(|&&b| b == b'\n').count();
        line += newlines as u64;
        input = &input[read..];
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                fields += 1;
                total += 1;
                if fields > 16_384 {
                    bail!(
                        "`{}` 第 {record_line} 行超过 16384 列(电子表格最多的列数),超出导入能处理的范围\n提示: 确认这是文件目录;用 WPS/Excel 打开检查该行",
                        path.display()
                    );
                }
                if total > MAX_CELLS {
                    bail!(
                        "`{}` 第 {record_line} 行: 表格超过 {} 万个单元格,超出导入能处理的范围\n{ADVICE}",
                        path.display(),
                        MAX_CELLS / 10_000
                    );
                }
                if record_end {
                    fields = 0;
                    record_line = line;
                }
            }
            csv_core::ReadFieldResult::End => return Ok(()),
        }
    }
}

/// Measures an .ods file's `content.xml` as calamine will expand it: each
/// sheet's used area (repeated rows and columns counted) and each cell's text
/// (`<text:s text:c="…"/>` spaces counted).
pub(super) fn ods(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(path, &e))?;
    let entry = archive.by_name("content.xml").map_err(|e| unreadable(path, &e))?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buf = Vec::new();
    let mut area = OdsArea::default();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| unreadable(path, &e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"table:table" => {
                        area = OdsArea { name: attr(e, b"table:name").unwrap_or_default(), ..OdsArea::default() }
                    }
                    b"table:table-row" => area.row_start(repeat(e, b"table:number-rows-repeated")),
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let filled = e.attributes().flatten().any(|a| {
                            matches!(
                                a.key.as_ref(),
                                b"office:value"
                                    | b"office:string-value"
                                    | b"office:date-value"
                                    | b"office:time-value"
                                    | b"office:boolean-value"
                                    | b"office:value-type"
                                    | b"table:formula"
                            )
                        });
                        area.cell(repeat(e, b"table:number-columns-repeated"), filled);
                        if empty {
                            area.cell_end(path)?;
                        }
                    }
                    b"text:s" => area.text(repeat(e, b"text:c")),
                    _ => {}
                }
            }
            Event::Text(t) => area.text(t.len() as u64),
            Event::GeneralRef(_) => area.text(1),
            Event::End(e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => area.cell_end(path)?,
                b"table:table-row" => area.row_end(path)?,
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A repeat count attribute (1 when absent or unreadable, as calamine reads it).
fn repeat(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> u64 {
    attr(e, key).and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

/// One .ods sheet being measured.
#[derive(Default)]
struct OdsArea {
    name: String,
    /// Rows before the current one, repeats counted (capped as calamine caps them).
    rows: u64,
    row_repeat: u64,
    /// Columns before the current cell in this row.
    col: u64,
    /// One past the last filled column of this row.
    row_width: u64,
    /// The widest row and the row after the last filled one.
    width: u64,
    height: u64,
    cell_repeat: u64,
    cell_filled: bool,
    cell_chars: u64,
    text: u64,
}

impl OdsArea {
    const MAX_ROWS: u64 = 1_048_576;
    const MAX_COLUMNS: u64 = 16_384;

    fn row_start(&mut self, repeat: u64) {
        self.row_repeat = repeat.min(Self::MAX_ROWS.saturating_sub(self.rows));
        self.col = 0;
        self.row_width = 0;
    }

    fn cell(&mut self, repeat: u64, filled: bool) {
        self.cell_repeat = repeat.min(Self::MAX_COLUMNS.saturating_sub(self.col));
        self.cell_filled = filled;
        self.cell_chars = 0;
    }

    fn text(&mut self, chars: u64) {
        self.cell_chars = self.cell_chars.saturating_add(chars);
    }

    fn cell_end(&mut self, path: &Path) -> Result<()> {
        if self.cell_chars > MAX_CELL_CHARS * 4 {
            return Err(cell_too_long(path, &self.name, self.rows, self.col));
        }
        self.col += self.cell_repeat;
        if self.cell_filled {
            self.row_width = self.col;
            let copies = self.cell_repeat.saturating_mul(self.row_repeat);
            self.text = self.text.saturating_add(self.cell_chars.saturating_mul(copies));
            if self.text > MAX_TEXT {
                return Err(too_much_text(path));
            }
        }
        self.cell_repeat = 0;
        self.cell_chars = 0;
        Ok(())
    }

    fn row_end(&mut self, path: &Path) -> Result<()> {
        self.rows += self.row_repeat;
        if self.row_width > 0 {
            self.width = self.width.max(self.row_width);
            self.height = self.rows;
            if self.width.saturating_mul(self.height) > MAX_CELLS {
                return Err(too_many_cells(path, &self.name, self.height - 1, self.width - 1));
            }
        }
        Ok(())
    }
}

/// Measures an .xls file's sheets as calamine will build them: each sheet's
/// extent (the DIMENSIONS record it reserves for, and every cell record) and
/// the text its cells copy from the shared string table.
pub(super) fn xls(path: &Path, bytes: &[u8]) -> Result<()> {
    // calamine sizes two tables from header fields before reading them; the
    // cfb crate checks the chains (a DIFAT loop would make calamine loop).
    let field =
        |at: usize| bytes.get(at..at + 4).map_or(u64::MAX, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
    if field(44) > bytes.len() as u64 / 512 + 1 || field(62) > 1 << 24 {
        return Err(unreadable(path, &"文件头中的扇区数不对"));
    }
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| unreadable(path, &e))?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"].into_iter().find(|n| cfb.is_stream(n));
    let Some(name) = name else { return Ok(()) }; // calamine names what is missing
    let mut stream = Vec::new();
    cfb.open_stream(name).and_then(|mut s| s.read_to_end(&mut stream)).map_err(|e| unreadable(path, &e))?;
    let mut sheets = Vec::new();
    let mut sst = Vec::new();
    let mut globals = records(&stream, 0).peekable();
    while let Some((typ, data)) = globals.next() {
        match typ {
            0x0085 if data.len() >= 8 => {
                let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
                sheets.push((pos, biff_name(&data[6..])));
            }
            0x00FC => {
                let mut parts = vec![data];
                while let Some((_, more)) = globals.next_if(|(t, _)| *t == 0x003C) {
                    parts.push(more);
                }
                sst = sst_lengths(&parts);
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut cells = 0u64;
    let mut text = 0u64;
    for (pos, sheet) in &sheets {
        // calamine makes two dense ranges per sheet: values and formulas.
        let mut values = Extent::default();
        let mut formulas = Extent::default();
        for (typ, data) in records(&stream, *pos) {
            let at = |i: usize| u64::from(u16::from_le_bytes([data[i], data[i + 1]]));
            match typ {
                0x0200 if data.len() == 14 => {
                    let u32_at =
                        |i: usize| u64::from(u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]));
                    let (first_row, end_row, first_col, end_col) = (u32_at(0), u32_at(4), at(8), at(10));
                    let first_col = if first_col > 0xFF || end_col < first_col { 0 } else { first_col };
                    if end_row >= 1 && end_col >= 1 {
                        // calamine reserves this many cells, wrapping when the ends are reversed.
                        if end_row <= first_row || end_col <= first_col {
                            return Err(too_many_cells(path, sheet, end_row, end_col));
                        }
                        values.touch(path, sheet, end_row - first_row - 1, end_col - first_col - 1)?;
                    }
                }
                0x0006 if data.len() >= 4 => {
                    values.touch(path, sheet, at(0), at(2))?;
                    formulas.touch(path, sheet, at(0), at(2))?;
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                    values.touch(path, sheet, at(0), at(2))?;
                    if typ == 0x00FD && data.len() >= 10 {
                        let i = u32::from_le_bytes([data[6], data[7], data[8], data[9]]) as usize;
                        text += sst.get(i).copied().unwrap_or(0);
                        if text > MAX_TEXT {
                            return Err(too_much_text(path));
                        }
                    }
                }
                0x00BD if data.len() >= 6 => values.touch(path, sheet, at(0), at(data.len() - 2))?,
                0x000A => break,
                _ => {}
            }
        }
        cells = cells.saturating_add(values.cells()).saturating_add(formulas.cells());
        if cells > MAX_CELLS {
            return Err(too_many_cells(path, sheet, values.rows.saturating_sub(1), values.cols.saturating_sub(1)));
        }
    }
    Ok(())
}

/// The area a dense range will span: one past the last row and column seen.
#[derive(Default)]
struct Extent {
    rows: u64,
    cols: u64,
}

impl Extent {
    fn touch(&mut self, path: &Path, sheet: &str, row: u64, col: u64) -> Result<()> {
        self.rows = self.rows.max(row + 1);
        self.cols = self.cols.max(col + 1);
        if self.cells() > MAX_CELLS {
            return Err(too_many_cells(path, sheet, row, col));
        }
        Ok(())
    }

    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.cols)
    }
}

/// The BIFF records of `stream` from `pos`: (type, data), stopping at a truncated one.
fn records(stream: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(pos..).unwrap_or_default();
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes([*rest.first()?, *rest.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*rest.get(2)?, *rest.get(3)?]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// A sheet name from a BOUNDSHEET record (`ShortXLUnicodeString`).
fn biff_name(data: &[u8]) -> String {
    let (Some(&cch), Some(&flags)) = (data.first(), data.get(1)) else { return String::new() };
    let chars = &data[2..];
    if flags & 1 == 0 {
        chars.iter().take(usize::from(cch)).map(|&b| char::from(b)).collect()
    } else {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(usize::from(cch)).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    }
}

/// The UTF-8 bytes each shared string will take (3 per UTF-16 unit at most),
/// read from the SST record and its CONTINUE records.
fn sst_lengths(parts: &[&[u8]]) -> Vec<u64> {
    let mut r = Biff { parts, part: 0, at: 8 };
    let count = parts.first().filter(|p| p.len() >= 8).map_or(0, |p| u32::from_le_bytes([p[4], p[5], p[6], p[7]]));
    let mut out = Vec::new();
    for _ in 0..count {
        let Some(cch) = r.u16() else { break };
        let Some(flags) = r.byte() else { break };
        let runs = if flags & 0x8 != 0 { r.u16().unwrap_or(0) } else { 0 };
        let ext = if flags & 0x4 != 0 { r.u32().unwrap_or(0) } else { 0 };
        if !r.chars(u64::from(cch), flags & 1 != 0) {
            break;
        }
        r.skip(u64::from(runs) * 4 + u64::from(ext));
        out.push(u64::from(cch) * 3);
    }
    out
}

/// A cursor over an SST split across records.
struct Biff<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    at: usize,
}

impl Biff<'_> {
    fn byte(&mut self) -> Option<u8> {
        while self.at >= self.parts.get(self.part)?.len() {
            self.part += 1;
            self.at = 0;
        }
        let b = self.parts[self.part][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, mut n: u64) {
        while n > 0 && self.byte().is_some() {
            n -= 1;
        }
    }

    /// Skips `n` characters; a CONTINUE record inside them restarts with a
    /// byte saying whether the rest are 1 or 2 bytes wide. False when cut short.
    fn chars(&mut self, mut n: u64, mut wide: bool) -> bool {
        while n > 0 {
            let Some(part) = self.parts.get(self.part) else { return false };
            if self.at >= part.len() {
                self.part += 1;
                self.at = 0;
                let Some(flags) = self.parts.get(self.part).and_then(|p| p.first()) else { return false };
                wide = flags & 1 != 0;
                self.at = 1;
                continue;
            }
            let width = if wide { 2 } else { 1 };
            let fit = ((part.len() - self.at) / width) as u64;
            let take = fit.min(n).max(1);
            self.at += usize::try_from(take).unwrap_or(usize::MAX).saturating_mul(width).min(part.len() - self.at);
            n -= take;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_read_as_in_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(column_name(255), "IV");
    }

    #[test]
    fn shared_string_lengths_cross_continue_records() {
        // Two strings: "ab" (1 byte wide), then "日本" split by a CONTINUE
        // record after its first character, continuing 2 bytes wide.
        let sst: &[u8] = &[2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, b'a', b'b', 2, 0, 1, 0xE5, 0x65];
        let cont: &[u8] = &[1, 0x2C, 0x67];
        assert_eq!(sst_lengths(&[sst, cont]), vec![6, 6]);
    }

    #[test]
    fn biff_records_stop_at_a_truncated_one() {
        let stream = [0x09, 0x08, 2, 0, 1, 2, 0x0A, 0, 5, 0, 1];
        let got: Vec<_> = records(&stream, 0).collect();
        assert_eq!(got, vec![(0x0809, &[1u8, 2][..])]);
    }
}

//! Rendering the catalogues: CSV bytes in the chosen encoding, the
//! 清理结果.md notice, and an Excel workbook. Returns bytes; never writes files.

use std::borrow::Cow;
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::judge::catalog::{ANNEXES, Catalog, Entry, SUMMARY_FILE};
use crate::load::model::Verdict;
use crate::render::{cell_text, csv_safe, md_text};

/// Text encoding of the CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 with a byte-order mark: opens correctly in Excel/WPS on Chinese Windows.
    Utf8Bom,
    /// Plain UTF-8, for pipelines.
    Utf8,
    /// GB18030, for older systems.
    Gb18030,
}

/// A catalogue's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Number,
    Title,
    DocNumber,
    Issuers,
    Issued,
    Expires,
    Verdict,
    Reason,
}

impl Column {
    pub(crate) fn header(self) -> &'static str {
        match self {
            Column::Number => "序号",
            Column::Title => "文件名称",
            Column::DocNumber => "文号",
            Column::Issuers => "制定机关",
            Column::Issued => "发布日期",
            Column::Expires => "有效期至",
            Column::Verdict => "清理意见",
            Column::Reason => "理由",
        }
    }
}

/// Which catalogue a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Annex(Verdict),
    InForce,
}

/// The columns of a catalogue: 附件1 has no 清理意见 (it would say 保留 on
/// every row); 现行有效目录 adds 有效期至 (what a citizen checks first).
pub(crate) fn columns(table: Table) -> &'static [Column] {
    use Column::{DocNumber, Expires, Issued, Issuers, Number, Reason, Title, Verdict as V};
    match table {
        Table::Annex(Verdict::Keep) => &[Number, Title, DocNumber, Issuers, Issued, Reason],
        Table::Annex(_) => &[Number, Title, DocNumber, Issuers, Issued, V, Reason],
        Table::InForce => &[Number, Title, DocNumber, Issuers, Issued, Expires, V, Reason],
    }
}

/// The 理由 cell: a pending entry says it lists a rule suggestion.
pub(crate) fn reason_cell<'e>(e: &'e Entry<'_>) -> Cow<'e, str> {
    if e.pending {
        Cow::Owned(format!("(规则建议,尚待作出清理意见){}", e.reason))
    } else {
        Cow::Borrowed(&e.reason)
    }
}

/// One cell of a row numbered `n`, borrowed where possible.
fn cell<'e>(column: Column, n: &'e str, e: &'e Entry<'_>) -> Cow<'e, str> {
    match column {
        Column::Number => Cow::Borrowed(n),
        Column::Title => Cow::Borrowed(e.title),
        Column::DocNumber => Cow::Borrowed(&e.doc_number),
        Column::Issuers => Cow::Borrowed(&e.issuers),
        Column::Issued => Cow::Owned(e.issued.to_string()),
        Column::Expires => e.expires.map_or(Cow::Borrowed(""), |d| Cow::Owned(d.to_string())),
        Column::Verdict => Cow::Borrowed(e.verdict.as_str()),
        Column::Reason => reason_cell(e),
    }
}

/// The cells of a row in `columns`.
fn cells<'e>(columns: &[Column], n: &'e str, e: &'e Entry<'_>) -> Vec<Cow<'e, str>> {
    columns.iter().map(|c| cell(*c, n, e)).collect()
}

/// Writes one catalogue as CSV in the chosen encoding.
pub(crate) fn csv(
    out: &mut dyn Write,
    table: Table,
    entries: &[&Entry<'_>],
    encoding: Encoding,
) -> std::io::Result<()> {
    let columns = columns(table);
    let write_utf8 = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        w.write_record(columns.iter().map(|c| c.header()))?;
        for (i, e) in entries.iter().enumerate() {
            let n = (i + 1).to_string();
            for c in cells(columns, &n, e) {
                w.write_field(csv_safe(&c).as_bytes())?;
            }
            w.write_record(None::<&[u8]>)?;
        }
        w.flush()
    };
    match encoding {
        Encoding::Utf8 => write_utf8(out),
        Encoding::Utf8Bom => {
            out.write_all(b"\xEF\xBB\xBF")?;
            write_utf8(out)
        }
        Encoding::Gb18030 => {
            let mut utf8 = Vec::new();
            write_utf8(&mut utf8)?;
            let text = String::from_utf8(utf8).map_err(std::io::Error::other)?;
            out.write_all(&encoding_rs::GB18030.encode(&text).0)
        }
    }
}

/// `2007年6月30日`.
pub(crate) fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The title of an annex: `保留的行政规范性文件目录`.
pub(crate) fn annex_title(v: Verdict) -> String {
    format!("{v}的行政规范性文件目录")
}

/// The four annexes' sizes, in publication order.
pub(crate) fn counts(cat: &Catalog<'_>) -> [usize; 4] {
    let n = |v| cat.annex(v).len();
    [n(Verdict::Keep), n(Verdict::Amend), n(Verdict::Repeal), n(Verdict::Expire)]
}

/// The counts sentence of a 清理结果 notice (seed 000 第三篇), the same in
/// every output: `现将保留的N件……目录予以公布。`
pub(crate) fn counts_sentence([keep, amend, repeal, expire]: [usize; 4]) -> String {
    format!(
        "现将保留的{keep}件行政规范性文件目录、修改的{amend}件行政规范性文件目录、废止的{repeal}件行政规范性文件目录及失效的{expire}件行政规范性文件目录予以公布。"
    )
}

/// What was cleaned up: `对2007年6月30日前制定的行政规范性文件`.
pub(crate) fn scope_phrase(made_before: Option<NaiveDate>) -> String {
    match made_before {
        Some(mb) => format!("对{}前制定的行政规范性文件", cn_date(crate::dates::add_days(mb, -1))),
        None => "对现行行政规范性文件".to_owned(),
    }
}

/// The 非公布即废止 sentence, with the given comma (`,` in Markdown, `，`
/// in the Word notice).
pub(crate) fn not_listed_sentence(made_before: Option<NaiveDate>, comma: char) -> String {
    let before =
        made_before.map_or_else(String::new, |mb| format!("{}前制定的", cn_date(crate::dates::add_days(mb, -1))));
    format!(
        "自公布之日起{comma}除上述保留、修改的行政规范性文件外{comma}{before}其他文件一律不得再作为实施行政管理的依据。"
    )
}

/// The follow-up for the documents to be amended.
pub(crate) fn amend_sentence(comma: char) -> String {
    format!("对确定为修改的行政规范性文件{comma}相关责任单位要抓紧进行修改。")
}

/// The notice summary: counts, the sentence a 清理结果 notice uses, and the
/// four lists.
pub(crate) fn markdown(
    out: &mut dyn Write,
    cat: &Catalog<'_>,
    name: &str,
    campaign: Option<&str>,
    made_before: Option<NaiveDate>,
    as_of: NaiveDate,
) -> std::io::Result<()> {
    writeln!(out, "# {}结果\n", md_text(campaign.unwrap_or("行政规范性文件清理")))?;
    if !name.is_empty() {
        write!(out, "{} · ", md_text(name))?;
    }
    writeln!(out, "评估日 {as_of}\n")?;
    writeln!(out, "经{}进行全面清理,{}\n", scope_phrase(made_before), counts_sentence(counts(cat)))?;
    writeln!(out, "{}{}\n", not_listed_sentence(made_before, ','), amend_sentence(','))?;
    let pending = cat.pending();
    if !pending.is_empty() {
        let count = |v: Verdict| pending.iter().filter(|e| e.verdict == v).count();
        writeln!(
            out,
            "> 注意:清理尚未完成。以上数字中有 {} 件尚未作出清理意见,暂按规则建议计入:保留 {}、修改 {}、废止 {}、失效 {}。\n",
            pending.len(),
            count(Verdict::Keep),
            count(Verdict::Amend),
            count(Verdict::Repeal),
            count(Verdict::Expire)
        )?;
    }
    let list: Vec<String> =
        ANNEXES.iter().enumerate().map(|(i, (v, _, _))| format!("{}.{}", i + 1, annex_title(*v))).collect();
    writeln!(out, "附件:{}", list.join(" "))?;
    for (v, _, label) in ANNEXES {
        let entries = cat.annex(*v);
        write!(out, "\n## {label} {}({}件)\n\n", annex_title(*v), entries.len())?;
        if entries.is_empty() {
            writeln!(out, "(无)")?;
            continue;
        }
        let columns = columns(Table::Annex(*v));
        let headers: Vec<&str> = columns.iter().map(|c| c.header()).collect();
        write!(out, "| {} |\n|{}\n", headers.join(" | "), "---|".repeat(columns.len()))?;
        for (i, e) in entries.iter().enumerate() {
            let n = (i + 1).to_string();
            out.write_all(b"|")?;
            for c in cells(columns, &n, e) {
                write!(out, " {} |", md_text(&c))?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Data rows a sheet holds: Excel's 1,048,576 rows less the title and header.
const SHEET_ROWS: usize = 1_048_576 - 2;

/// Display width in Excel character units (CJK characters count two).
fn width(s: &str) -> f64 {
    let w = unicode_width::UnicodeWidthStr::width(s);
    f64::from(u32::try_from(w).unwrap_or(u32::MAX))
}

/// A date cell's value.
pub(crate) fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(u16::try_from(d.year()).unwrap_or(1900), d.month() as u8, d.day() as u8)
}

/// Writes `d` as a date cell, or as text where Excel holds no such date
/// (before 1900, after 9999): a draft over a record with an odd date is
/// still written, never refused with Excel's English error.
pub(crate) fn write_date(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    d: NaiveDate,
    date: &rust_xlsxwriter::Format,
    text: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    match excel_date(d) {
        Ok(x) => ws.write_date_with_format(row, col, &x, date).map(|_| ()),
        Err(_) => ws.write_string_with_format(row, col, d.to_string(), text).map(|_| ()),
    }
}

/// Printable as handed out: A4 landscape, every column on one page width,
/// the header row repeated on each page (the title only on the first),
/// page numbers in the footer.
pub(crate) fn print_setup(ws: &mut rust_xlsxwriter::Worksheet) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页,共 &N 页");
    Ok(())
}

/// The workbook: one sheet per annex plus 现行有效目录, each with a title row,
/// a header, and column widths fitted to the (Chinese) text. Written
/// straight to `out` (never whole in memory: a province catalogue is large).
pub(crate) fn xlsx(
    cat: &Catalog<'_>,
    name: &str,
    as_of: NaiveDate,
    excluded: &[crate::load::register::Excluded],
    out: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    xlsx_split(cat, name, as_of, excluded, (SHEET_ROWS, ROW_HEIGHTS_UP_TO), out)
}

/// The cell formats of qingli's workbooks (catalogue, deadlines): a
/// Chinese font (GB2312 charset) named in every format, so Excel and WPS do
/// not fall back to a Western face for the CJK text.
pub(crate) struct Formats {
    pub title: Format,
    pub head: Format,
    /// Text, wrapped.
    pub cell: Format,
    /// Numbers, centred.
    pub number: Format,
    pub date: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let font = || Format::new().set_font_name("宋体").set_font_charset(134).set_font_size(11);
        let number =
            font().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
        Formats {
            title: font().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            head: font()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            cell: font().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter),
            date: number.clone().set_num_format("yyyy-mm-dd"),
            number,
        }
    }
}

/// A draft's sheet naming the records it leaves out.
fn excluded_sheet(
    wb: &mut Workbook,
    excluded: &[crate::load::register::Excluded],
    f: &Formats,
) -> Result<(), XlsxError> {
    // A draft: what it leaves out is named in the workbook too.
    let ws = wb.add_worksheet_with_constant_memory();
    ws.set_name("未能评估的文件")?;
    for (c, w) in [6.0, 40.0, 24.0, 50.0, 8.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    print_setup(ws)?;
    let title = format!("未能评估的文件({}件,有错误,未列入任何目录)", excluded.len());
    ws.merge_range(0, 0, 0, 4, &title, &f.title)?;
    let header = ["序号", "文件", "文号", "文件名称", "错误数"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &f.head)?;
    }
    for (i, e) in excluded.iter().enumerate() {
        let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
        let row = [
            (i + 1).to_string(),
            e.file.clone(),
            e.doc_number.clone().unwrap_or_default(),
            e.title.clone().unwrap_or_default(),
            e.errors.to_string(),
        ];
        for (c, text) in row.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, cell_text(text).as_ref(), &f.cell)?;
        }
    }
    Ok(())
}

/// [`xlsx`] with `sheet_rows` data rows a sheet at most.
/// Sheets longer than this get no row heights (see `xlsx_split`).
const ROW_HEIGHTS_UP_TO: usize = 100_000;

fn xlsx_split(
    cat: &Catalog<'_>,
    name: &str,
    as_of: NaiveDate,
    excluded: &[crate::load::register::Excluded],
    (sheet_rows, heights_up_to): (usize, usize),
    out: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation time keeps the file byte-identical for the same input.
    let created =
        ExcelDateTime::from_ymd(u16::try_from(as_of.year()).unwrap_or(2000), as_of.month() as u8, as_of.day() as u8)?;
    wb.set_properties(
        &DocProperties::new().set_title(cell_text(&format!("{name}清理结果"))).set_creation_datetime(&created),
    );
    let f = Formats::new();
    let mut sheets: Vec<(String, String, Table, Vec<&Entry<'_>>)> = ANNEXES
        .iter()
        .map(|(v, _, label)| {
            (format!("{label} {v}"), format!("{label} {}", annex_title(*v)), Table::Annex(*v), cat.annex(*v))
        })
        .collect();
    sheets.push(("现行有效目录".to_owned(), "现行有效的行政规范性文件目录".to_owned(), Table::InForce, cat.in_force()));
    for (sheet, title, table, entries) in sheets {
        let columns = columns(table);
        let last = u16::try_from(columns.len() - 1).unwrap_or(0);
        // Excel holds 1,048,576 rows a sheet: a longer list continues on
        // numbered sheets (`现行有效目录 (2)`), each with title and header.
        let parts = entries.len().div_ceil(sheet_rows).max(1);
        for part in 0..parts {
            let chunk = &entries[(part * sheet_rows).min(entries.len())..((part + 1) * sheet_rows).min(entries.len())];
            let (sheet, title) = if parts == 1 {
                (sheet.clone(), title.clone())
            } else {
                (format!("{sheet} ({})", part + 1), format!("{title}(第 {} 部分,共 {parts} 部分)", part + 1))
            };
            let first = part * sheet_rows;
            // Widths and row heights first: in constant-memory mode a
            // sheet's rows are written out in order, once.
            let mut widths: Vec<f64> = columns.iter().map(|c| width(c.header())).collect();
            for (i, e) in chunk.iter().enumerate() {
                let n = (first + i + 1).to_string();
                for (c, text) in cells(columns, &n, e).iter().enumerate() {
                    widths[c] = widths[c].max(width(text));
                }
            }
            // Long titles and reasons wrap instead of widening the page.
            let widths: Vec<f64> = widths
                .iter()
                .zip(columns)
                .map(|(w, c)| (w + 2.0).min(if matches!(c, Column::Title | Column::Reason) { 36.0 } else { 20.0 }))
                .collect();
            let ws = wb.add_worksheet_with_constant_memory();
            ws.set_name(&sheet)?;
            for (c, w) in widths.iter().enumerate() {
                ws.set_column_width(c as u16, *w)?;
            }
            ws.set_freeze_panes(2, 0)?;
            print_setup(ws)?;
            ws.merge_range(0, 0, 0, last, &title, &f.title)?;
            for (c, h) in columns.iter().enumerate() {
                ws.write_string_with_format(1, c as u16, h.header(), &f.head)?;
            }
            for (i, e) in chunk.iter().enumerate() {
                let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
                let n = (first + i + 1).to_string();
                let cells = cells(columns, &n, e);
                // Row heights for the wrapped lines (LibreOffice does not fit
                // them on opening; Excel and WPS would, but a set height does no
                // harm). Only rows that wrap, and only on sheets of at most
                // ROW_HEIGHTS_UP_TO rows: rust_xlsxwriter keeps every set height
                // (about 350 bytes) until the workbook is saved, even in
                // constant-memory mode, and a province's sheets are opened in
                // Excel or WPS, which fit rows themselves.
                let lines = cells
                    .iter()
                    .zip(&widths)
                    .map(|(text, w)| (width(text) / (w - 1.0).max(1.0)).ceil().max(1.0))
                    .fold(1.0_f64, f64::max)
                    .min(15.0);
                if lines > 1.0 && chunk.len() <= heights_up_to {
                    ws.set_row_height(r, 15.0 * lines)?;
                }
                for (c, (text, column)) in cells.iter().zip(columns).enumerate() {
                    let c16 = u16::try_from(c).unwrap_or(u16::MAX);
                    match column {
                        // 序号 a number and the dates dates, so they sort and filter.
                        Column::Number => {
                            let n = f64::from(u32::try_from(first + i + 1).unwrap_or(u32::MAX));
                            ws.write_number_with_format(r, 0, n, &f.number)?;
                        }
                        Column::Issued => write_date(ws, r, c16, e.issued, &f.date, &f.cell)?,
                        Column::Expires if e.expires.is_some() => {
                            write_date(ws, r, c16, e.expires.unwrap_or(e.issued), &f.date, &f.cell)?;
                        }
                        _ => {
                            ws.write_string_with_format(r, c as u16, cell_text(text).as_ref(), &f.cell)?;
                        }
                    }
                }
            }
        }
    }
    if !excluded.is_empty() {
        excluded_sheet(&mut wb, excluded, &f)?;
    }
    wb.save_to_writer(out)
}

/// `--require-decisions` with documents still undecided: each one, and why nothing was written.
pub(crate) fn undecided(
    err: &mut dyn Write,
    pending: &[&Entry<'_>],
    unexplained: &[&Entry<'_>],
) -> std::io::Result<()> {
    let named = |e: &Entry<'_>| {
        let number = if e.doc_number.is_empty() { String::new() } else { format!("{} ", e.doc_number) };
        crate::render::terminal_text(&format!("{number}《{}》(id {})", e.title, e.id)).into_owned()
    };
    for e in pending {
        writeln!(err, "错误: {}尚未作出清理意见(规则建议: {})", named(e), e.verdict)?;
    }
    for e in unexplained {
        writeln!(err, "错误: {}的清理意见为{},与规则建议不同,但没有说明理由", named(e), e.verdict)?;
    }
    if !pending.is_empty() {
        writeln!(
            err,
            "--require-decisions: {} 件文件尚未作出清理意见,未写出目录\n提示: 在这些文件的 [review] 中填写 decision",
            pending.len()
        )?;
    }
    if !unexplained.is_empty() {
        writeln!(
            err,
            "--require-decisions: {} 件文件的清理意见与规则建议不同、没有理由,未写出目录(目录的“理由”一栏将公布这一理由)\n提示: qingli decide <id> <意见> --reason \"理由\",或在 [review] 中填写 reason",
            unexplained.len()
        )?;
    }
    Ok(())
}

/// What `catalog` wrote, with the counts per annex.
pub(crate) fn written(
    out: &mut dyn Write,
    cat: &Catalog<'_>,
    dir: &std::path::Path,
    as_of: NaiveDate,
    files: &[&str],
    left_out: usize,
) -> std::io::Result<()> {
    let [keep, amend, repeal, expire] = counts(cat);
    writeln!(
        out,
        "已写出清理目录到 {}: 保留 {keep}、修改 {amend}、废止 {repeal}、失效 {expire}(评估日 {as_of})",
        dir.display(),
    )?;
    for f in files {
        writeln!(out, "  {f}")?;
    }
    if left_out > 0 {
        writeln!(
            out,
            "注意: 另有 {left_out} 件文件有错误、未能评估,未列入任何目录(草稿;见 {SUMMARY_FILE} 的“未能评估的文件”)"
        )?;
    }
    Ok(())
}

/// A catalogue written before every decision is made.
pub(crate) fn pending_note(err: &mut dyn Write, pending: usize) -> std::io::Result<()> {
    writeln!(err, "注意: {pending} 件文件尚未作出清理意见,暂按规则建议列入目录(定稿时用 --require-decisions)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;

    #[test]
    fn a_list_longer_than_a_sheet_continues_on_numbered_sheets() {
        let docs: Vec<crate::load::model::Document> = (0..5)
            .map(|i| {
                let mut d = crate::judge::rules::tests::doc(&format!("d{i}"), "2005-01-01");
                d.title = format!("文件{i}").into();
                d
            })
            .collect();
        let reg =
            crate::load::register::Register::from_parts_in_order(crate::load::model::Config::default(), docs, vec![]);
        let as_of = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap();
        let evals = crate::judge::rules::evaluate(&reg, as_of);
        let cat = Catalog::new(&reg, &evals);
        let mut bytes = Vec::new();
        xlsx_split(&cat, "测试", as_of, &[], (2, ROW_HEIGHTS_UP_TO), &mut bytes).unwrap();
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names[..3], ["附件1 保留 (1)", "附件1 保留 (2)", "附件1 保留 (3)"]);
        let third = wb.worksheet_range("附件1 保留 (3)").unwrap();
        assert_eq!(
            third.get_value((0, 0)),
            Some(&calamine::Data::String("附件1 保留的行政规范性文件目录(第 3 部分,共 3 部分)".into()))
        );
        // Numbering continues across the parts.
        assert_eq!(third.get_value((2, 0)), Some(&calamine::Data::Float(5.0)));
    }

    /// Only rows whose text wraps get a height (one line is the default),
    /// and only on sheets up to the limit.
    #[test]
    fn only_wrapped_rows_get_a_height() {
        let docs: Vec<crate::load::model::Document> = ["短", &"很长的文件名称".repeat(12)]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = crate::judge::rules::tests::doc(&format!("d{i}"), "2005-01-01");
                d.title = (*t).into();
                d.review = Some(crate::load::model::Review {
                    decision: Some(crate::load::model::Verdict::Keep),
                    reason: Some("合法有效".into()),
                    ..crate::load::model::Review::default()
                });
                d
            })
            .collect();
        let reg = crate::load::register::Register::from_parts(crate::load::model::Config::default(), docs, vec![]);
        let as_of = NaiveDate::from_ymd_opt(2007, 1, 1).unwrap();
        let cat = Catalog::evaluate(&reg, as_of);
        let sheet = |heights_up_to| {
            let mut bytes = Vec::new();
            xlsx_split(&cat, "测试", as_of, &[], (SHEET_ROWS, heights_up_to), &mut bytes).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut sheet = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
            sheet
        };
        let row = |sheet: &str, n: u32| {
            let at = sheet.find(&format!("<row r=\"{n}\"")).unwrap();
            sheet[at..at + sheet[at..].find('>').unwrap()].to_owned()
        };
        let normal = sheet(ROW_HEIGHTS_UP_TO);
        assert!(!row(&normal, 3).contains("customHeight"), "{}", row(&normal, 3));
        assert!(row(&normal, 4).contains("customHeight=\"1\"") && !row(&normal, 4).contains("ht=\"15\""));
        // A sheet longer than the limit gets none (Excel and WPS fit rows).
        assert!(!sheet(1).contains("customHeight"));
    }
}

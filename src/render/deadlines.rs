//! Rendering `qingli deadlines`: a table grouped by responsible unit, CSV,
//! JSON (the contract of `docs/outputs.md`), Markdown and iCalendar.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::NaiveDate;
use comfy_table::Color;
use serde::Serialize;

use crate::judge::deadline::{self, Item, Kind, Params, Status, Texts};
use crate::judge::rules::Status as DocStatus;
use crate::load::model::Document;
use crate::load::register::Register;
use crate::render::{Fit, csv_safe, fitted_table, md_text};

/// Everything the deadline renderers need.
pub(crate) struct View<'a> {
    pub reg: &'a Register,
    pub items: &'a [Item],
    /// The documents' statuses and the parameters the items were listed
    /// with: each item's words are written from them when it is shown.
    pub statuses: &'a [DocStatus],
    pub params: &'a Params<'a>,
    pub as_of: NaiveDate,
    pub all: bool,
    pub within: u32,
    /// How many items fell due before `deadlines_from` (the date) and are
    /// left out of this view (`--all` lists them).
    pub hidden: Option<(usize, NaiveDate)>,
    pub color: bool,
    /// The width the tables must fit (`None`: no limit).
    pub width: Option<usize>,
}

/// An Excel sheet name for a unit: at most 31 characters, none of
/// `[]:*?/\\`, unique (case-insensitive) in the workbook.
fn sheet_name(unit: &str, used: &mut Vec<String>) -> String {
    let clean: String = unit
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .take(28)
        .collect();
    let clean = clean.trim_matches('\'').to_owned();
    let clean = if clean.is_empty() { "单位".to_owned() } else { clean };
    let mut name = clean.clone();
    let mut n = 1;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        n += 1;
        name = format!("{clean}-{n}");
    }
    used.push(name.clone());
    name
}

/// Days left as a person reads them: beyond a year in years
/// (`逾期 13 年`, `约 2 年后`), else the number (negative = overdue).
pub(crate) fn days_text(days: i64) -> String {
    match days {
        d if d < -365 => format!("逾期 {} 年", -d / 365),
        d if d > 365 => format!("约 {} 年后", d / 365),
        d => d.to_string(),
    }
}

const HEADER: &[&str] =
    &["序号", "类别", "事项", "文号", "文件名称", "到期日", "状态", "剩余天数", "剩余工作日", "说明"];

impl View<'_> {
    fn doc(&self, it: &Item) -> &Document {
        &self.reg.documents[it.doc()]
    }

    /// The item's name and note.
    fn texts(&self, it: &Item) -> Texts {
        deadline::texts(self.reg, self.statuses[it.doc()], self.params, it)
    }

    fn cells(&self, n: usize, it: &Item) -> [String; 10] {
        let d = self.doc(it);
        let Texts { name, note } = self.texts(it);
        [
            n.to_string(),
            it.kind.id().to_owned(),
            name.into_owned(),
            d.doc_number.as_deref().unwrap_or("—").to_owned(),
            d.title.to_string(),
            it.due.to_string(),
            it.status.to_string(),
            it.days_left.to_string(),
            it.working_days_left.to_string(),
            note,
        ]
    }

    /// The terminal's cells: far-off day counts in years.
    fn screen_cells(&self, n: usize, it: &Item) -> Vec<String> {
        let mut c = self.cells(n, it).to_vec();
        c[7] = days_text(i64::from(it.days_left));
        if it.days_left.abs() > 365 {
            "—".clone_into(&mut c[8]);
        }
        c
    }

    /// Items grouped by responsible unit (units in 拼音 order, items in report order).
    fn by_unit(&self) -> Vec<(&str, Vec<&Item>)> {
        let mut m: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
        for it in self.items {
            m.entry(&*self.doc(it).responsible_unit).or_default().push(it);
        }
        let mut units: Vec<(&str, Vec<&Item>)> = m.into_iter().collect();
        super::sort_pinyin(&mut units);
        units
    }

    fn heading(&self) -> String {
        let name = self.reg.config.name.as_deref().unwrap_or("登记簿");
        let scope = if self.all {
            "全部期限事项".to_owned()
        } else {
            format!("已逾期及{}日内到期的未完成事项", self.within)
        };
        format!("{name} · 期限提醒 · 评估日 {} · {scope}", self.as_of)
    }

    fn summary(&self) -> String {
        let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
        for it in self.items {
            *counts.entry(it.status).or_default() += 1;
        }
        let parts: Vec<String> = counts.iter().map(|(s, n)| format!("{s} {n}")).collect();
        if parts.is_empty() {
            "没有符合条件的期限事项".to_owned()
        } else {
            format!("共 {} 项: {}", self.items.len(), parts.join("、"))
        }
    }

    /// The terminal view: one table per responsible unit.
    pub(crate) fn table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let parts: Vec<String> = self.heading().split(" · ").map(str::to_owned).collect();
        writeln!(out, "{}", super::join_wrapped(&parts, " · ", self.width))?;
        for (unit, items) in self.by_unit() {
            let overdue = items.iter().filter(|i| i.status == Status::Overdue).count();
            writeln!(out, "\n【{unit}】{} 项,其中已逾期 {overdue} 项", items.len())?;
            let rows: Vec<Vec<String>> = items.iter().enumerate().map(|(n, it)| self.screen_cells(n + 1, it)).collect();
            let colors = self.color.then(|| {
                let colors = items
                    .iter()
                    .map(|it| match it.status {
                        Status::Overdue => Some(Color::Red),
                        Status::DueSoon => Some(Color::Yellow),
                        _ => None,
                    })
                    .collect();
                (colors, 6)
            });
            // Narrow terminals: 说明, 剩余工作日, 类别, 序号, 状态 and 文号 go
            // (in that order); 文件名称 is clipped.
            let fit = Fit { width: self.width, drop: &[9, 8, 1, 0, 6, 3], flex: &[4, 2], right: &[0, 7, 8], colors };
            writeln!(out, "{}", fitted_table(HEADER, rows, fit))?;
        }
        writeln!(out, "\n{}", self.summary())?;
        if let Some(line) = self.hidden_line() {
            writeln!(out, "{line}")?;
        }
        super::excluded::footer(out, &self.reg.excluded)
    }

    /// [`View::hidden_line`] on stderr, for the formats that have no place
    /// for it (CSV, JSON, iCalendar, Excel).
    pub(crate) fn hidden_note(&self, err: &mut dyn Write) -> std::io::Result<()> {
        match self.hidden_line() {
            Some(line) => writeln!(err, "注意: {line}"),
            None => Ok(()),
        }
    }

    /// What the view leaves out as history, and how to see it; `None` when
    /// nothing is left out.
    pub(crate) fn hidden_line(&self) -> Option<String> {
        let (n, from) = self.hidden?;
        Some(format!(
            "另有 {n} 项在 {from}(deadlines_from)之前到期的历史事项未列出,也不计入 --fail-on;`qingli deadlines --all` 列出全部"
        ))
    }

    /// An Excel workbook with one sheet per responsible unit (to send round),
    /// printable like the catalogue; dates are date cells, days numbers.
    pub(crate) fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{DocProperties, Workbook};
        let mut wb = Workbook::new();
        let created = super::catalog::excel_date(self.as_of)?;
        wb.set_properties(
            &DocProperties::new().set_title(super::cell_text(&self.heading())).set_creation_datetime(&created),
        );
        let f = super::catalog::Formats::new();
        let overdue = f.cell.clone().set_font_color(rust_xlsxwriter::Color::Red);
        let mut used: Vec<String> = Vec::new();
        let units = self.by_unit();
        if units.is_empty() {
            let ws = wb.add_worksheet();
            ws.set_name("期限提醒")?;
            ws.write_string(0, 0, self.summary())?;
        }
        for (unit, items) in units {
            let ws = wb.add_worksheet();
            let unit = super::cell_text(if unit.is_empty() { "未登记责任单位" } else { unit });
            ws.set_name(sheet_name(&unit, &mut used))?;
            let title = super::cell_text(&format!("{unit} · {}", self.heading())).into_owned();
            let last = u16::try_from(HEADER.len() - 1).unwrap_or(0);
            ws.merge_range(0, 0, 0, last, &title, &f.title)?;
            for (c, h) in HEADER.iter().enumerate() {
                ws.write_string_with_format(1, u16::try_from(c).unwrap_or(0), *h, &f.head)?;
            }
            for (i, it) in items.iter().enumerate() {
                let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
                let c = self.cells(i + 1, it);
                #[allow(clippy::cast_precision_loss)] // day counts are small
                let numbers = [(0, (i + 1) as f64), (7, f64::from(it.days_left)), (8, f64::from(it.working_days_left))];
                for (col, text) in c.iter().enumerate() {
                    let col16 = u16::try_from(col).unwrap_or(0);
                    if let Some((_, n)) = numbers.iter().find(|(k, _)| *k == col) {
                        ws.write_number_with_format(r, col16, *n, &f.number)?;
                    } else if col == 5 {
                        super::catalog::write_date(ws, r, col16, it.due, &f.date, &f.cell)?;
                    } else {
                        let fmt = if col == 6 && it.status == Status::Overdue { &overdue } else { &f.cell };
                        ws.write_string_with_format(r, col16, super::cell_text(text).as_ref(), fmt)?;
                    }
                }
            }
            for (c, w) in [6.0, 6.0, 20.0, 20.0, 36.0, 12.0, 10.0, 10.0, 10.0, 40.0].iter().enumerate() {
                ws.set_column_width(u16::try_from(c).unwrap_or(0), *w)?;
            }
            ws.set_freeze_panes(2, 0)?;
            super::catalog::print_setup(ws)?;
        }
        wb.save_to_buffer()
    }

    /// Markdown, grouped by unit, for a report or an issue.
    pub(crate) fn markdown(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "### {}", md_text(&self.heading()))?;
        for (unit, items) in self.by_unit() {
            writeln!(out, "\n#### {}\n", md_text(unit))?;
            writeln!(out, "| {} |", HEADER.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
            for (n, it) in items.iter().enumerate() {
                let c = self.cells(n + 1, it);
                writeln!(out, "| {} |", c.iter().map(|s| md_text(s)).collect::<Vec<_>>().join(" | "))?;
            }
        }
        writeln!(out, "\n{}。", self.summary())?;
        if let Some(line) = self.hidden_line() {
            writeln!(out, "\n{}", md_text(&line))?;
        }
        super::excluded::markdown_footer(out, &self.reg.excluded)
    }

    /// CSV, one row per item, in report order.
    pub(crate) fn csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "id",
            "文号",
            "文件名称",
            "责任单位",
            "类别",
            "事项",
            "到期日",
            "状态",
            "剩余天数",
            "剩余工作日",
            "说明",
        ])?;
        for it in self.items {
            let d = self.doc(it);
            let Texts { name, note } = self.texts(it);
            let rec = [
                d.id().to_owned(),
                d.doc_number.as_deref().unwrap_or_default().to_owned(),
                d.title.to_string(),
                d.responsible_unit.to_string(),
                it.kind.id().to_owned(),
                name.into_owned(),
                it.due.to_string(),
                it.status.to_string(),
                it.days_left.to_string(),
                it.working_days_left.to_string(),
                note,
            ];
            w.write_record(rec.iter().map(|s| csv_safe(s).into_owned()))?;
        }
        w.flush()
    }

    /// The JSON contract.
    pub(crate) fn json(&self, out: &mut dyn Write, lines: bool) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct JsonItem<'a> {
            id: &'a str,
            doc_number: Option<&'a str>,
            title: &'a str,
            responsible_unit: &'a str,
            kind: Kind,
            name: std::borrow::Cow<'static, str>,
            due: NaiveDate,
            status: Status,
            days_left: i64,
            working_days_left: i64,
            note: String,
        }
        // Built batch by batch as they are written: never all held.
        let item = |it: &'_ Item| {
            let d = self.doc(it);
            let Texts { name, note } = self.texts(it);
            JsonItem {
                id: d.id(),
                doc_number: d.doc_number.as_deref(),
                title: &d.title,
                responsible_unit: &d.responsible_unit,
                kind: it.kind,
                name,
                due: it.due,
                status: it.status,
                days_left: i64::from(it.days_left),
                working_days_left: i64::from(it.working_days_left),
                note,
            }
        };
        if lines {
            return super::jsonl_mapped(out, self.items, item);
        }
        // Byte-identical to one `to_writer_pretty` of {"as_of", "items"}.
        write!(out, "{{\n  \"as_of\": \"{}\",\n  \"items\": [", self.as_of)?;
        super::json_array_mapped(out, self.items, item, 1)?;
        super::excluded::json_member(out, &self.reg.excluded)?;
        writeln!(out, "\n}}")
    }

    /// iCalendar (RFC 5545): one all-day event per item, so a unit can
    /// subscribe to its deadlines. Deterministic: DTSTAMP is the as-of date.
    pub(crate) fn ics(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let name = self.reg.config.name.as_deref().unwrap_or("登记簿");
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//qingli//deadlines//ZH".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "METHOD:PUBLISH".to_owned(),
            format!("X-WR-CALNAME:{}", ics_text(&format!("{name} 期限"))),
        ];
        let stamp = format!("{}T000000Z", self.as_of.format("%Y%m%d"));
        for it in self.items {
            let d = self.doc(it);
            let Texts { name, note } = self.texts(it);
            let number = d.doc_number.as_deref().map_or_else(String::new, |n| format!("{n} "));
            lines.extend([
                "BEGIN:VEVENT".to_owned(),
                format!(
                    "UID:{}",
                    ics_text(&format!("{}-{:016x}-{}-{}@qingli", d.id(), path_hash(&d.path), it.kind.id(), it.phase))
                ),
                format!("DTSTAMP:{stamp}"),
                format!("DTSTART;VALUE=DATE:{}", it.due.format("%Y%m%d")),
                format!("DTEND;VALUE=DATE:{}", crate::dates::add_days(it.due, 1).format("%Y%m%d")),
                format!("SUMMARY:{}", ics_text(&format!("【{name}】{}", d.title))),
                format!(
                    "DESCRIPTION:{}",
                    ics_text(&format!(
                        "{number}{}\n责任单位: {}\n状态({}): {}\n{}",
                        d.title, d.responsible_unit, self.as_of, it.status, note
                    ))
                ),
                format!("CATEGORIES:{}", ics_text(&d.responsible_unit)),
                "TRANSP:TRANSPARENT".to_owned(),
                "END:VEVENT".to_owned(),
            ]);
        }
        lines.push("END:VCALENDAR".to_owned());
        for l in lines {
            out.write_all(fold(&l).as_bytes())?;
        }
        Ok(())
    }
}

/// Escapes an iCalendar TEXT value.
fn ics_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c if super::is_hidden(c) => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and
/// ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out.push_str("\r\n");
    out
}

/// Formats a list of years as ranges: `2005、2007–2011`.
fn year_ranges(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if i == j { years[i].to_string() } else { format!("{}–{}", years[i], years[j]) });
        i = j + 1;
    }
    parts.join("、")
}

/// The warning for years the listed items depend on that have no calendar data.
pub(crate) fn calendar_warning(err: &mut dyn Write, missing: &[i32]) -> std::io::Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    writeln!(
        err,
        "警告: {} 年没有工作日历数据,工作日按周一至周五计算;可在登记簿的 calendar/ 中添加该年的放假安排",
        year_ranges(missing)
    )
}

/// A stable hash of a record's path (FNV-1a, 64 bits): two records that
/// share an id (in different folders) still get different calendar UIDs,
/// and the same record gets the same UID on every run.
fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let line = format!("SUMMARY:{}", "永".repeat(40));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}

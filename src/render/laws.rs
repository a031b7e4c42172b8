//! Rendering `qingli laws` (the law table, uncited laws, references that
//! match no law) and `qingli laws impact` (a memo of the documents a law's
//! change touches), as a table, CSV, JSON or Markdown.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::judge::impact::{Affected, LawRow, Unresolved};
use crate::render::{Fit, csv_safe, fitted_table, md_text, new_table};

/// The formats the law reports come in (the command line's `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    Markdown,
}

fn d(x: Option<NaiveDate>) -> String {
    x.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

fn cells(r: &LawRow<'_>) -> [String; 9] {
    [
        r.name.to_owned(),
        r.full_name.unwrap_or("—").to_owned(),
        r.level.unwrap_or("—").to_owned(),
        d(r.effective.or(r.promulgated)),
        d(r.revised),
        d(r.repealed),
        r.replaced_by.unwrap_or("—").to_owned(),
        r.status.as_str().to_owned(),
        r.cited_by.to_string(),
    ]
}

const HEADER: [&str; 9] = ["名称", "全称", "位阶", "施行", "最近修订", "废止", "替代", "状态", "被引用"];

/// The law table.
pub(crate) fn table(
    out: &mut dyn Write,
    rows: &[LawRow<'_>],
    unresolved: &[Unresolved],
    as_of: NaiveDate,
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                as_of: NaiveDate,
                laws: &'a [LawRow<'a>],
                unresolved: &'a [Unresolved],
            }
            serde_json::to_writer_pretty(&mut *out, &Report { as_of, laws: rows, unresolved })?;
            writeln!(out)
        }
        // One law per line (the JSON format's `laws` items).
        Format::Jsonl => super::jsonl_items(out, rows),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(HEADER)?;
            for r in rows {
                w.write_record(cells(r).iter().map(|c| csv_safe(c).into_owned()))?;
            }
            w.flush()
        }
        Format::Markdown => {
            writeln!(out, "### 上位法库 · 评估日 {as_of}\n")?;
            for (cited, heading) in [(true, "被本登记册引用的法律"), (false, "没有文件引用的法律")] {
                let part: Vec<&LawRow<'_>> = rows.iter().filter(|r| (r.cited_by > 0) == cited).collect();
                writeln!(out, "#### {heading}({} 部)\n", part.len())?;
                if part.is_empty() {
                    writeln!(out, "无。\n")?;
                    continue;
                }
                writeln!(out, "| {} |\n|{}", HEADER.join(" | "), "---|".repeat(HEADER.len()))?;
                for r in part {
                    writeln!(out, "| {} |", cells(r).iter().map(|c| md_text(c)).collect::<Vec<_>>().join(" | "))?;
                }
                writeln!(out)?;
            }
            for u in unresolved {
                writeln!(
                    out,
                    "\n- 法律库中没有《{}》,引用它的文件: {}",
                    md_text(&u.reference),
                    md_text(&u.documents.join("、"))
                )?;
            }
            Ok(())
        }
        Format::Table => {
            writeln!(out, "上位法库 · 评估日 {as_of}")?;
            for (cited, heading) in [(true, "被本登记册引用的法律"), (false, "没有文件引用的法律")] {
                let part: Vec<&LawRow<'_>> = rows.iter().filter(|r| (r.cited_by > 0) == cited).collect();
                if part.is_empty() {
                    writeln!(out, "{heading}: 无")?;
                    continue;
                }
                writeln!(out, "{heading}({} 部):", part.len())?;
                let mut t = new_table(&HEADER);
                for r in part {
                    t.add_row(cells(r).to_vec());
                }
                writeln!(out, "{t}")?;
            }
            if !unresolved.is_empty() {
                writeln!(out, "法律库中找不到的引用({} 个):", unresolved.len())?;
                for u in unresolved {
                    writeln!(out, "  《{}》 ← {}", u.reference, u.documents.join("、"))?;
                }
            }
            Ok(())
        }
    }
}

fn change(a: &Affected<'_>) -> String {
    a.change.map_or_else(|| "—".to_owned(), |c| c.describe())
}

/// What `laws impact` cannot know: how many documents of the campaign
/// have no `basis`, so that a law's change cannot be traced to them.
fn unknown_line(without_basis: usize) -> Option<String> {
    (without_basis > 0).then(|| {
        format!(
            "另有 {without_basis} 件本次清理的文件没有填写上位法依据(basis),无从判断它们是否受该法变动影响;请补填 basis 后再查"
        )
    })
}

/// [`unknown_line`] on stderr, for CSV and JSON Lines (no place for it).
pub(crate) fn impact_note(err: &mut dyn Write, without_basis: usize, format: Format) -> std::io::Result<()> {
    match unknown_line(without_basis) {
        Some(line) if matches!(format, Format::Csv | Format::Jsonl) => writeln!(err, "注意: {line}"),
        _ => Ok(()),
    }
}

/// The impact of one law's change; `without_basis` documents of the
/// campaign cite no law at all (said, never left out silently). The
/// terminal table fits `width` (`None`: no limit).
pub(crate) fn impact(
    out: &mut dyn Write,
    law: Option<&LawRow<'_>>,
    docs: &[Affected<'_>],
    as_of: NaiveDate,
    format: Format,
    without_basis: usize,
    width: Option<usize>,
) -> std::io::Result<()> {
    let name = law.map_or("", |l| l.name);
    let needs = docs.iter().filter(|d| d.needs_cleanup).count();
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                as_of: NaiveDate,
                law: Option<&'a LawRow<'a>>,
                documents: &'a [Affected<'a>],
                without_basis: usize,
            }
            serde_json::to_writer_pretty(&mut *out, &Report { as_of, law, documents: docs, without_basis })?;
            writeln!(out)
        }
        // One document per line (the JSON format's `documents` items).
        Format::Jsonl => super::jsonl_items(out, docs),
        Format::Csv => impact_csv(out, docs),
        Format::Markdown => {
            writeln!(out, "### 关于《{}》变动后规范性文件清理情况的报告\n", md_text(name))?;
            if let Some(l) = law {
                writeln!(
                    out,
                    "《{}》{},最近修订 {},截至 {as_of} 状态为「{}」。登记簿中引用该法的文件 {} 件,其中 **{needs} 件在该法变动后尚未对照审查,需要清理**。\n",
                    md_text(l.name),
                    l.effective.map_or_else(String::new, |e| format!("自{e}起施行")),
                    d(l.revised),
                    l.status.as_str(),
                    docs.len()
                )?;
            }
            writeln!(out, "| 文件 | 状态 | 变动 | 已对照审查 | 需要清理 | 规则建议 |\n|---|---|---|---|---|---|")?;
            for a in docs {
                let doc = super::doc_name(a.doc_number, a.title);
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    md_text(&doc),
                    a.status,
                    change(a),
                    if a.reviewed { "是" } else { "否" },
                    if a.needs_cleanup { "**是**" } else { "否" },
                    a.suggested.map_or_else(|| "—".to_owned(), |v| v.to_string())
                )?;
            }
            if let Some(line) = unknown_line(without_basis) {
                writeln!(out, "\n{}", md_text(&line))?;
            }
            Ok(())
        }
        Format::Table => {
            writeln!(out, "《{name}》的变动与引用它的文件 · 评估日 {as_of}")?;
            let header = ["文号", "文件名称", "状态", "引用方式", "变动", "已对照", "需要清理", "建议"];
            let rows: Vec<Vec<String>> = docs
                .iter()
                .map(|a| {
                    vec![
                        a.doc_number.unwrap_or("—").to_owned(),
                        a.title.to_owned(),
                        a.status.to_string(),
                        a.cited_as.join(" "),
                        change(a),
                        if a.reviewed { "是" } else { "否" }.to_owned(),
                        if a.needs_cleanup { "是" } else { "否" }.to_owned(),
                        a.suggested.map_or_else(|| "—".to_owned(), |v| v.to_string()),
                    ]
                })
                .collect();
            // Narrow terminals: 已对照, 引用方式, 状态 and 建议 go (in that
            // order); 文件名称, then 变动, are clipped.
            let fit = Fit { width, drop: &[5, 3, 2, 7], flex: &[1, 4], right: &[], colors: None };
            writeln!(out, "{}", fitted_table(&header, rows, fit))?;
            writeln!(out, "引用该法的文件 {} 件,需要清理(该法变动后尚未对照审查)的 {needs} 件", docs.len())?;
            match unknown_line(without_basis) {
                Some(line) => writeln!(out, "{line}"),
                None => Ok(()),
            }
        }
    }
}

/// `laws impact --format csv`: one row per document.
fn impact_csv(out: &mut dyn Write, docs: &[Affected<'_>]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "文号",
        "文件名称",
        "状态",
        "引用方式",
        "变动",
        "已对照审查",
        "需要清理",
        "规则建议",
        "相关规则",
    ])?;
    for a in docs {
        let rec = [
            a.id.to_owned(),
            a.doc_number.unwrap_or("").to_owned(),
            a.title.to_owned(),
            a.status.to_string(),
            a.cited_as.join(" "),
            change(a),
            if a.reviewed { "是" } else { "否" }.to_owned(),
            if a.needs_cleanup { "是" } else { "否" }.to_owned(),
            a.suggested.map_or_else(String::new, |v| v.to_string()),
            a.rules.join(";"),
        ];
        w.write_record(rec.iter().map(|c| csv_safe(c).into_owned()))?;
    }
    w.flush()
}

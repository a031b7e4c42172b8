//! Rendering `qingli review`: terminal table, CSV, JSON (the contract of
//! `docs/outputs.md`), Markdown, the summary line and `--explain`.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::AsOfSource;
use crate::judge::rules::{Evaluation, Explanation, Fired, Outcome, Status};
use crate::load::model::{Document, Verdict};
use crate::load::register::Register;
use crate::render::{Fit, csv_safe, fitted_table, json_item, md_text, pad};

/// One listed document with its evaluation.
pub(crate) struct Row<'a> {
    pub doc: &'a Document,
    pub ev: &'a Evaluation,
}

const HEADER: &[&str] = &["序号", "文号", "文件名称", "责任单位", "规则建议", "触发规则", "清理意见", "一致"];

fn dash(s: Option<impl ToString>) -> String {
    s.map_or_else(|| "—".to_owned(), |x| x.to_string())
}

fn suggestion_cell(ev: &Evaluation) -> String {
    match ev.suggested {
        Some(v) if ev.needs_review => format!("{v}(需复核)"),
        Some(v) => v.to_string(),
        None => ev.status.to_string(),
    }
}

fn rules_cell(ev: &Evaluation) -> String {
    let mut s = ev.rules.iter().map(|f| f.id).collect::<Vec<_>>().join(" ");
    if !ev.advice.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str("建议:");
        s.push_str(&ev.advice.iter().map(|f| f.id).collect::<Vec<_>>().join(" "));
    }
    s
}

fn agrees_cell(ev: &Evaluation) -> &'static str {
    match ev.agrees {
        Some(true) => "是",
        Some(false) => "否",
        None => "—",
    }
}

fn cells(i: usize, r: &Row<'_>) -> [String; 8] {
    [
        (i + 1).to_string(),
        dash(r.doc.doc_number.as_deref()),
        r.doc.title.to_string(),
        r.doc.responsible_unit.to_string(),
        suggestion_cell(r.ev),
        rules_cell(r.ev),
        dash(r.ev.decision),
        agrees_cell(r.ev).to_owned(),
    ]
}

/// Counts per verdict, in the order 保留, 修改, 废止, 失效.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    #[serde(rename = "保留")]
    pub keep: usize,
    #[serde(rename = "修改")]
    pub amend: usize,
    #[serde(rename = "废止")]
    pub repeal: usize,
    #[serde(rename = "失效")]
    pub expire: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Keep => self.keep += 1,
            Verdict::Amend => self.amend += 1,
            Verdict::Repeal => self.repeal += 1,
            Verdict::Expire => self.expire += 1,
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.keep + self.amend + self.repeal + self.expire
    }

    /// `保留 3、修改 1、废止 0、失效 2`.
    pub(crate) fn text(&self) -> String {
        format!("保留 {}、修改 {}、废止 {}、失效 {}", self.keep, self.amend, self.repeal, self.expire)
    }

    /// Only the non-zero counts: `保留 3、失效 2`.
    pub(crate) fn short(&self) -> String {
        let parts: Vec<String> =
            [("保留", self.keep), ("修改", self.amend), ("废止", self.repeal), ("失效", self.expire)]
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(v, n)| format!("{v} {n}"))
                .collect();
        parts.join("、")
    }

    /// Effective verdicts of the listed documents.
    pub(crate) fn of<'a>(rows: impl IntoIterator<Item = &'a Row<'a>>) -> Counts {
        let mut c = Counts::default();
        for r in rows {
            if let Some(v) = r.ev.verdict {
                c.add(v);
            }
        }
        c
    }
}

/// The summary lines, over exactly the listed rows: counts per effective
/// verdict (the decision, else the suggestion — as the table's columns
/// show) and per responsible unit, disagreements, documents needing review;
/// then the documents matching the filters that are not subject to the
/// campaign and were not listed.
pub(crate) fn summary(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    unlisted: &[Status],
    width: Option<usize>,
) -> std::io::Result<()> {
    let counts = Counts::of(rows);
    let disagreements = rows.iter().filter(|r| r.ev.disagrees()).count();
    let review = rows.iter().filter(|r| r.ev.needs_review).count();
    let undecided = rows.iter().filter(|r| r.ev.suggested.is_some() && r.ev.decision.is_none()).count();
    let other = rows.len() - counts.total();
    let mut parts = vec![
        format!("合计 {} 件(按清理意见计,未填写的按规则建议): {}", counts.total(), counts.text()),
        format!("清理意见与规则建议不一致 {disagreements} 件"),
        format!("需人工复核 {review} 件"),
        format!("尚未填写清理意见 {undecided} 件"),
    ];
    if other > 0 {
        parts.push(format!("另列出不在本次清理之列的 {other} 件"));
    }
    writeln!(out, "{}", super::join_wrapped(&parts, ";", width))?;
    let mut units: BTreeMap<&str, Counts> = BTreeMap::new();
    for r in rows {
        if let Some(v) = r.ev.verdict {
            units.entry(&r.doc.responsible_unit).or_default().add(v);
        }
    }
    if units.len() > 1 {
        writeln!(out, "按责任单位:")?;
        let mut units: Vec<(&str, Counts)> = units.into_iter().collect();
        super::sort_pinyin(&mut units);
        for (unit, c) in units {
            writeln!(out, "  {unit}: {}", c.short())?;
        }
    }
    let mut other: BTreeMap<Status, usize> = BTreeMap::new();
    for s in unlisted {
        *other.entry(*s).or_default() += 1;
    }
    if !other.is_empty() {
        let parts: Vec<String> = other.iter().map(|(s, n)| format!("{s} {n} 件")).collect();
        writeln!(out, "不在本次清理之列: {}(用 --all 列出)", parts.join("、"))?;
    }
    Ok(())
}

/// The heading, its parts on further lines when the terminal is narrow.
fn heading_fit(reg: &Register, as_of: NaiveDate, width: Option<usize>) -> String {
    let parts: Vec<String> = heading(reg, as_of).split(" · ").map(str::to_owned).collect();
    super::join_wrapped(&parts, " · ", width)
}

fn heading(reg: &Register, as_of: NaiveDate) -> String {
    let name = reg.config.name.as_deref().unwrap_or("登记簿");
    match reg.config.campaign.as_ref().and_then(|c| c.name.as_deref()) {
        Some(c) => format!("{name} · {c} · 评估日 {as_of}"),
        None => format!("{name} · 评估日 {as_of}"),
    }
}

/// The terminal table, with a heading and the summary.
pub(crate) fn table(
    out: &mut dyn Write,
    reg: &Register,
    rows: &[Row<'_>],
    unlisted: &[Status],
    as_of: NaiveDate,
    width: Option<usize>,
) -> std::io::Result<()> {
    writeln!(out, "{}", heading_fit(reg, as_of, width))?;
    let cells: Vec<Vec<String>> = rows.iter().enumerate().map(|(i, r)| cells(i, r).to_vec()).collect();
    // Narrow terminals: 责任单位, then 触发规则, then 序号 go; 文件名称 is clipped.
    let fit = Fit { width, drop: &[3, 5, 0], flex: &[2], right: &[0], colors: None };
    let t = fitted_table(HEADER, cells, fit);
    if rows.is_empty() {
        writeln!(out, "(没有符合条件的文件)")?;
    } else {
        writeln!(out, "{t}")?;
    }
    summary(out, rows, unlisted, width)?;
    super::excluded::footer(out, &reg.excluded)
}

/// A Markdown table, for pasting into a report or a pull request.
pub(crate) fn markdown(out: &mut dyn Write, reg: &Register, rows: &[Row<'_>], as_of: NaiveDate) -> std::io::Result<()> {
    writeln!(out, "### {}\n", md_text(&heading(reg, as_of)))?;
    writeln!(out, "| {} |", HEADER.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
    for (i, r) in rows.iter().enumerate() {
        let c = cells(i, r);
        writeln!(out, "| {} |", c.iter().map(|s| md_text(s)).collect::<Vec<_>>().join(" | "))?;
    }
    writeln!(out)?;
    let counts = Counts::of(rows);
    writeln!(out, "合计 {} 件: {}。", counts.total(), counts.text())?;
    super::excluded::markdown_footer(out, &reg.excluded)
}

/// CSV with the table's columns plus id and the explanations.
pub(crate) fn csv(out: &mut dyn Write, rows: &[Row<'_>]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = HEADER.to_vec();
    header.extend(["id", "状态", "需复核", "理由"]);
    w.write_record(&header)?;
    for (i, r) in rows.iter().enumerate() {
        let mut rec: Vec<String> = cells(i, r).into_iter().collect();
        rec.push(r.doc.id().to_owned());
        rec.push(r.ev.status.to_string());
        rec.push(if r.ev.needs_review { "是" } else { "否" }.to_owned());
        let mut why = r.ev.reasons();
        for a in &r.ev.advice {
            if !why.is_empty() {
                why.push(';');
            }
            why.push_str(&format!("{}: {}", a.name, a.explanation));
        }
        rec.push(why);
        w.write_record(rec.iter().map(|s| csv_safe(s).into_owned()))?;
    }
    w.flush()
}

#[derive(Serialize)]
struct JsonAdvice<'a> {
    id: &'a str,
    explanation: &'a str,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: &'a str,
    doc_number: Option<&'a str>,
    title: &'a str,
    issuer: &'a str,
    responsible_unit: &'a str,
    issued: NaiveDate,
    promulgated: NaiveDate,
    status: Status,
    suggested: Option<Verdict>,
    rules: &'a [Fired],
    advice: Vec<JsonAdvice<'a>>,
    needs_review: bool,
    decision: Option<Verdict>,
    verdict: Option<Verdict>,
    agrees: Option<bool>,
}

fn json_doc<'a>(doc: &'a Document, ev: &'a Evaluation) -> JsonDoc<'a> {
    JsonDoc {
        id: doc.id(),
        doc_number: doc.doc_number.as_deref(),
        title: &doc.title,
        issuer: &doc.issuer,
        responsible_unit: &doc.responsible_unit,
        issued: doc.issued,
        promulgated: doc.promulgated(),
        status: ev.status,
        suggested: ev.suggested,
        rules: &ev.rules,
        advice: ev.advice.iter().map(|a| JsonAdvice { id: a.id, explanation: &a.explanation }).collect(),
        needs_review: ev.needs_review,
        decision: ev.decision,
        verdict: ev.verdict,
        agrees: ev.agrees,
    }
}

/// The JSON contract of `review --format json`, streamed: documents are
/// evaluated (by `evaluate`, which the command supplies), filtered by `keep` and serialised batch by batch in one
/// parallel pass, so no evaluation outlives its batch. The bytes are those
/// of one `to_writer_pretty` over the whole report.
pub(crate) fn json(
    out: &mut dyn Write,
    reg: &Register,
    as_of: NaiveDate,
    evaluate: &(dyn Fn(&Document) -> Evaluation + Sync),
    keep: &(dyn Fn(&Document, &Evaluation) -> bool + Sync),
) -> std::io::Result<()> {
    let register = serde_json::to_string(&reg.config.name)?;
    write!(out, "{{\n  \"register\": {register},\n  \"as_of\": \"{as_of}\",\n  \"documents\": [")?;
    let counts = std::sync::Mutex::new(Counts::default());
    let make = |batch: &[std::sync::Arc<Document>]| -> std::io::Result<Vec<Vec<u8>>> {
        let rendered: Vec<Option<(Option<Verdict>, Vec<u8>)>> = batch
            .par_iter()
            .map(|doc| {
                let ev = evaluate(doc);
                keep(doc, &ev).then(|| json_item(&json_doc(doc, &ev), 1).map(|bytes| (ev.verdict, bytes))).transpose()
            })
            .collect::<std::io::Result<_>>()?;
        let mut c = counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(rendered
            .into_iter()
            .flatten()
            .map(|(verdict, bytes)| {
                if let Some(v) = verdict {
                    c.add(v);
                }
                bytes
            })
            .collect())
    };
    super::json_array_batches(out, &reg.documents, make, 1)?;
    let counts = counts.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let summary = serde_json::to_string_pretty(&counts)?.replace('\n', "\n  ");
    write!(out, ",\n  \"summary\": {summary}")?;
    super::excluded::json_member(out, &reg.excluded)?;
    writeln!(out, "\n}}")
}

/// JSON Lines: one document per line, as the JSON format's `documents`
/// items, evaluated and written in bounded batches.
pub(crate) fn jsonl(
    out: &mut dyn Write,
    reg: &Register,
    evaluate: &(dyn Fn(&Document) -> Evaluation + Sync),
    keep: &(dyn Fn(&Document, &Evaluation) -> bool + Sync),
) -> std::io::Result<()> {
    let make = |batch: &[std::sync::Arc<Document>]| -> std::io::Result<Vec<Option<Vec<u8>>>> {
        batch
            .par_iter()
            .map(|doc| {
                let ev = evaluate(doc);
                keep(doc, &ev)
                    .then(|| {
                        let mut line = serde_json::to_vec(&json_doc(doc, &ev))?;
                        line.push(b'\n');
                        Ok(line)
                    })
                    .transpose()
            })
            .collect()
    };
    super::overlapped(&reg.documents, make, |lines| lines?.iter().flatten().try_for_each(|line| out.write_all(line)))
}

fn opt_date(d: Option<NaiveDate>) -> String {
    dash(d)
}

/// `--explain` of an id that several records share (a `duplicate-id` error):
/// every one is explained, after this note.
pub(crate) fn duplicated(out: &mut dyn Write, id: &str, files: &[String]) -> std::io::Result<()> {
    writeln!(
        out,
        "注意: id `{id}` 对应 {} 件文件(文件名重复,`qingli check` 报 duplicate-id): {}",
        files.len(),
        files.join("、")
    )?;
    writeln!(out, "以下逐件说明。\n")
}

/// `review --explain`: the facts, every rule's evaluation, and the result.
pub(crate) fn explain(
    out: &mut dyn Write,
    reg: &Register,
    doc: &Document,
    x: &Explanation<'_>,
    as_of: NaiveDate,
    source: AsOfSource,
) -> std::io::Result<()> {
    facts(out, reg, doc, x)?;
    let ev = &x.ev;
    let src = match source {
        AsOfSource::Flag => "命令行 --as-of",
        AsOfSource::Campaign => "本次清理设置",
        AsOfSource::Today => "今天的日期",
    };
    writeln!(out, "\n评估日: {as_of}(来自 {src})    状态: {}", ev.status)?;
    if ev.status != Status::InForce {
        writeln!(out, "  {},不作清理评估。", ev.status_reason)?;
        return Ok(());
    }
    writeln!(out, "\n规则判断:")?;
    for t in &x.trace {
        let verdict = match t.fired {
            Some(Outcome::Verdict(v)) => format!("触发 → {v}"),
            Some(Outcome::Advice) => "触发 → 建议".to_owned(),
            None => "未触发".to_owned(),
        };
        writeln!(out, "  {} {} {verdict}: {}", t.id, pad(t.name, 16), t.explanation)?;
    }
    let q00 = if ev.rules.iter().any(|f| f.id == "Q00") {
        "触发 → 保留: 没有规则给出废止、失效或修改"
    } else {
        "未触发: 已有规则给出结论"
    };
    writeln!(out, "  Q00 {} {q00}", pad("合法有效", 16))?;
    conclusion(out, doc, ev)
}

/// After `--explain`'s conclusion: what the document's text says that a
/// reviewer looks at (`judge::scan`), as advice that changes no verdict.
pub(crate) fn text_points(out: &mut dyn Write, scan: &crate::judge::scan::Scan) -> std::io::Result<()> {
    use crate::judge::scan::Kind;
    let mut points: Vec<_> = scan.items.iter().filter(|i| i.kind == Kind::ReviewPoint).collect();
    points.sort_by_key(|p| p.line);
    if points.is_empty() && scan.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n文本中的审查要点(qingli scan 读出,仅供参考,不改变上面的结论):")?;
    for p in points {
        let at = p.article.clone().unwrap_or_else(|| format!("第{}行", p.line));
        writeln!(out, "  {at} {}:「{}」", p.value, super::clip_width(&p.sentence, 60))?;
    }
    for w in &scan.warnings {
        writeln!(out, "  文本与记录不同: {}", w.message)?;
    }
    Ok(())
}

/// The recorded facts of one document, as `--explain` opens.
fn facts(out: &mut dyn Write, reg: &Register, doc: &Document, x: &Explanation<'_>) -> std::io::Result<()> {
    writeln!(out, "《{}》", doc.title)?;
    writeln!(
        out,
        "  文号: {}    id: {}    记录: {}",
        dash(doc.doc_number.as_deref()),
        doc.id(),
        reg.display(&doc.path)
    )?;
    writeln!(out, "  类别: {}    制定机关: {}", doc.kind, doc.issuer)?;
    if !doc.co_issuers.is_empty() {
        writeln!(out, "  联合发文: {}    牵头单位: {}", doc.co_issuers.join("、"), doc.lead_unit)?;
    }
    writeln!(out, "  清理责任单位: {}", doc.responsible_unit)?;
    let expiry = match x.expiry {
        Some((d, true)) => format!("{d}(未注明,按政策推定)"),
        Some((d, false)) => d.to_string(),
        None => "未注明".to_owned(),
    };
    writeln!(
        out,
        "  发布: {}    施行: {}    有效期至: {expiry}    暂行/试行: {}",
        doc.issued,
        doc.effective,
        if doc.provisional { "是" } else { "否" }
    )?;
    writeln!(out, "  适用期至: {}    调整对象消失: {}", opt_date(doc.applies_until), opt_date(doc.subject_gone))?;
    let basis: Vec<String> = x
        .basis
        .iter()
        .map(|b| match (b.law, b.repealed.as_deref()) {
            (Some(l), Some("日期不详")) => format!("《{}》(已废止,日期不详)", l.name),
            (Some(l), Some(r)) => format!("《{}》(已于{r}废止)", l.name),
            (Some(l), None) => format!("《{}》", l.name),
            (None, _) => format!("《{}》(法律库中没有)", b.cited),
        })
        .collect();
    writeln!(out, "  上位法依据: {}", if basis.is_empty() { "—".to_owned() } else { basis.join("、") })?;
    writeln!(out, "  被替代: {}", dash(doc.superseded_by.as_deref()))?;
    for (i, f) in doc.findings.iter().enumerate() {
        writeln!(
            out,
            "  审查发现 {}: {}{} {}{} {}",
            i + 1,
            f.kind,
            match f.scope {
                Some(crate::load::model::FindingScope::Main) => " (主要内容)",
                Some(crate::load::model::FindingScope::Partial) => " (个别条款)",
                None => "",
            },
            f.law.as_deref().map_or_else(String::new, |l| format!("《{}》", l.trim_matches(['《', '》']))),
            f.articles.as_deref().unwrap_or(""),
            f.note.as_deref().unwrap_or("")
        )?;
    }
    for e in &doc.events {
        writeln!(
            out,
            "  管理记录: {} {} {} {}",
            e.date,
            e.kind,
            e.law.as_deref().unwrap_or(""),
            e.note.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

/// The suggestion, the recorded opinion and whether they agree.
fn conclusion(out: &mut dyn Write, doc: &Document, ev: &Evaluation) -> std::io::Result<()> {
    writeln!(out, "\n结论:")?;
    writeln!(out, "  规则建议: {}{}", dash(ev.suggested), if ev.needs_review { "(需人工复核)" } else { "" })?;
    match doc.review.as_ref().and_then(|r| r.decision.map(|d| (d, r))) {
        Some((d, r)) => {
            writeln!(
                out,
                "  清理意见: {d}{}",
                r.reason.as_deref().map_or_else(String::new, |x| format!("(理由: {x})"))
            )?;
            if let Some(o) = &r.override_reason {
                writeln!(out, "  不采纳规则建议的理由: {o}")?;
            }
        }
        None => writeln!(out, "  清理意见: 尚未填写(以规则建议为准)")?,
    }
    writeln!(out, "  清理结论: {}", dash(ev.verdict))?;
    let agree = match ev.agrees {
        Some(true) => "一致",
        Some(false) => "不一致",
        None => "—",
    };
    writeln!(out, "  与规则建议: {agree}")
}

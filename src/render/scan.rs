//! What `qingli scan` says: per document, what its text states and where
//! that differs from the record; what `--apply` wrote or could not; the
//! totals. Human lines and JSON (`docs/text.md`).

use std::io::Write;

use serde::Serialize;

use crate::judge::scan::{Item, Kind, Scan};
use crate::load::register::Register;

/// What `--apply` did for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Applied {
    /// Written, with the keys added.
    Written(usize, Vec<&'static str>),
    /// Not written, with why (changed meanwhile, no longer the record).
    Refused(usize, String),
}

/// Everything a scan run reports.
pub(crate) struct Report<'a> {
    pub reg: &'a Register,
    /// Each document with a text: its scan, or why the text could not be read.
    pub scans: &'a [(usize, Result<Scan, String>)],
    pub applied: &'a [Applied],
    pub apply: bool,
}

/// Whether the record agrees with an item that has a recorded value.
fn differs(item: &Item) -> Option<String> {
    match item.kind {
        Kind::Basis if item.recorded.is_none() => Some("记录的 basis 中没有".to_owned()),
        Kind::Effective | Kind::Provisional if item.recorded.as_deref() != Some(&item.value) => {
            Some(format!("记录为 {}", item.recorded.as_deref().unwrap_or("(未写)")))
        }
        Kind::Expires if item.recorded.as_deref() != Some(&item.value) => {
            Some(item.recorded.as_deref().map_or_else(|| "记录未写有效期".to_owned(), |r| format!("记录为 {r}")))
        }
        Kind::Supersedes if item.recorded.is_none() => Some("它的记录没有写 superseded_by".to_owned()),
        _ => None,
    }
}

fn where_(item: &Item) -> String {
    item.article.clone().unwrap_or_else(|| format!("第{}行", item.line))
}

/// Totals over the texts read.
#[derive(Debug, Default, Serialize)]
struct Totals {
    texts: usize,
    unreadable: usize,
    basis_clauses: usize,
    basis: usize,
    basis_not_recorded: usize,
    unresolved_laws: usize,
    effective: usize,
    expires: usize,
    supersedes: usize,
    review_points: usize,
    records_to_fill: usize,
}

fn totals(r: &Report<'_>) -> Totals {
    let mut t = Totals::default();
    for (_, s) in r.scans {
        let Ok(s) = s else {
            t.unreadable += 1;
            continue;
        };
        t.texts += 1;
        let count = |k: Kind| s.items.iter().filter(|i| i.kind == k).count();
        t.basis_clauses += usize::from(s.clause);
        t.basis += count(Kind::Basis);
        t.basis_not_recorded += s.items.iter().filter(|i| i.kind == Kind::Basis && i.recorded.is_none()).count();
        t.unresolved_laws += count(Kind::UnresolvedLaw);
        t.effective += count(Kind::Effective);
        t.expires += count(Kind::Expires);
        t.supersedes += count(Kind::Supersedes);
        t.review_points += count(Kind::ReviewPoint);
        t.records_to_fill += usize::from(!s.fill.is_empty());
    }
    t
}

/// The human report.
pub(crate) fn human(out: &mut dyn Write, r: &Report<'_>) -> std::io::Result<()> {
    let reg = r.reg;
    for (i, s) in r.scans {
        let doc = &reg.documents[*i];
        let s = match s {
            Ok(s) if s.items.is_empty() => continue,
            other => other,
        };
        let label = super::doc_name(doc.doc_number.as_deref(), &doc.title);
        writeln!(out, "{}  {label}", reg.display(&crate::load::texts::text_of(&doc.path)))?;
        let s = match s {
            Ok(s) => s,
            Err(why) => {
                writeln!(out, "  无法读取: {why}\n")?;
                continue;
            }
        };
        for item in &s.items {
            let value = match item.kind {
                Kind::Basis => format!("《{}》", item.value),
                Kind::Supersedes => {
                    let other = reg.by_id(&item.value).first().map(|&j| &reg.documents[j]);
                    match other.and_then(|o| o.doc_number.as_deref()) {
                        Some(n) => format!("{}({n})", item.value),
                        None => item.value.clone(),
                    }
                }
                Kind::Provisional => "是".to_owned(),
                _ => item.value.clone(),
            };
            let note = differs(item).map(|d| format!("  ← {d}")).unwrap_or_default();
            writeln!(out, "  {} {}: {value}{note}", where_(item), item.kind.label())?;
            if matches!(item.kind, Kind::ReviewPoint | Kind::UnresolvedLaw | Kind::Basis) {
                writeln!(out, "      「{}」", super::clip_width(&item.sentence, 66))?;
            }
        }
        writeln!(out)?;
    }
    let t = totals(r);
    let unreadable =
        if t.unreadable > 0 { format!("(另有 {} 件无法读取)", t.unreadable) } else { String::new() };
    writeln!(
        out,
        "共读 {} 件文本{unreadable}: 依据条款 {} 件,引用法律 {} 部次(法律库中没有 {} 个名称),施行日期 {} 件,有效期 {} 件,同时废止 {} 件,审查要点 {} 处。",
        t.texts, t.basis_clauses, t.basis, t.unresolved_laws, t.effective, t.expires, t.supersedes, t.review_points
    )?;
    for a in r.applied {
        match a {
            Applied::Written(i, keys) => {
                writeln!(out, "已写入 {}: {}", reg.display(&reg.documents[*i].path), keys.join("、"))?;
            }
            Applied::Refused(i, why) => {
                writeln!(out, "未写入 {}: {why};请重新运行 qingli scan --apply", reg.display(&reg.documents[*i].path))?;
            }
        }
    }
    if !r.apply && t.records_to_fill > 0 {
        writeln!(
            out,
            "有 {} 件记录缺少文本写明的依据或日期;运行 qingli scan --apply 写入(记录已有的值一律不改)。扫描只作提示,不改变清理结论。",
            t.records_to_fill
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Unreadable<'a> {
    id: &'a str,
    file: String,
    message: &'a str,
}

#[derive(Serialize)]
struct Written<'a> {
    id: &'a str,
    file: String,
    keys: &'a [&'static str],
}

#[derive(Serialize)]
struct Json<'a> {
    totals: Totals,
    items: Vec<&'a Item>,
    unreadable: Vec<Unreadable<'a>>,
    applied: Vec<Written<'a>>,
    refused: Vec<Unreadable<'a>>,
}

/// The JSON report.
pub(crate) fn json(out: &mut dyn Write, r: &Report<'_>) -> std::io::Result<()> {
    let reg = r.reg;
    let file = |i: usize| reg.display(&reg.documents[i].path);
    let id = |i: usize| reg.documents[i].id();
    let report = Json {
        totals: totals(r),
        items: r.scans.iter().filter_map(|(_, s)| s.as_ref().ok()).flat_map(|s| &s.items).collect(),
        unreadable: r
            .scans
            .iter()
            .filter_map(|(i, s)| {
                s.as_ref().err().map(|m| Unreadable {
                    id: id(*i),
                    file: reg.display(&crate::load::texts::text_of(&reg.documents[*i].path)),
                    message: m,
                })
            })
            .collect(),
        applied: r
            .applied
            .iter()
            .filter_map(|a| match a {
                Applied::Written(i, keys) => Some(Written { id: id(*i), file: file(*i), keys }),
                Applied::Refused(..) => None,
            })
            .collect(),
        refused: r
            .applied
            .iter()
            .filter_map(|a| match a {
                Applied::Refused(i, m) => Some(Unreadable { id: id(*i), file: file(*i), message: m }),
                Applied::Written(..) => None,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

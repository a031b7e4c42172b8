//! The law table on a date and a law's impact on the register, for
//! `qingli laws` and `qingli laws impact`. Pure: a register, a date, a law.
//!
//! A document cites a law through `basis` (依据), a finding's `law` (审查发现)
//! or `superseded_by` (替代). The change that matters for it is the latest
//! revision or the repeal, dated after the document was issued and on or
//! before the as-of date, of a law it cites; it is reviewed when a 对照审查
//! event naming that law is dated on or after the change; it needs cleanup
//! when it is in force, a change exists and it is not reviewed. A document
//! citing a law this law replaced (物权法 for 民法典) is affected by that
//! law's repeal; one citing only this law, by this law's own revisions
//! alone (民法典's "change" on 2021-01-01 is the repeal of the laws it
//! replaced, not a change of 民法典).

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::judge::rules::{self, Status};
use crate::load::model::{Document, EventType, Law};
use crate::load::register::{Register, Target};

/// A law's status on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum LawStatus {
    #[serde(rename = "现行有效")]
    InForce,
    #[serde(rename = "已废止")]
    Repealed,
    #[serde(rename = "尚未施行")]
    NotYet,
}

impl LawStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            LawStatus::InForce => "现行有效",
            LawStatus::Repealed => "已废止",
            LawStatus::NotYet => "尚未施行",
        }
    }
}

/// One law as `qingli laws` lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LawRow<'r> {
    pub name: &'r str,
    pub full_name: Option<&'r str>,
    pub level: Option<&'static str>,
    pub promulgated: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    /// The latest revision on or before the date.
    pub revised: Option<NaiveDate>,
    pub repealed: Option<NaiveDate>,
    pub replaced_by: Option<&'r str>,
    pub status: LawStatus,
    /// How many documents cite it.
    pub cited_by: usize,
}

/// A reference that names no law, with the documents that make it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Unresolved {
    pub reference: String,
    pub documents: Vec<String>,
}

fn status(law: &Law, as_of: NaiveDate) -> LawStatus {
    if law.repealed_on(as_of) {
        LawStatus::Repealed
    } else if law.effective.or(law.promulgated).is_some_and(|e| e > as_of) {
        LawStatus::NotYet
    } else {
        LawStatus::InForce
    }
}

/// The laws a law replaced (物权法 for 民法典): citing them rests on it too.
fn predecessors<'r>(reg: &'r Register, law: &Law) -> Vec<&'r Law> {
    reg.laws.laws.iter().filter(|l| l.replaced_by.as_deref().is_some_and(|r| reg.laws.same(r, &law.name))).collect()
}

/// How a document cites a law or a law it replaced (依据, 审查发现, 替代),
/// and which of those laws it cites, each once, in the order given.
fn cited_as<'r>(reg: &'r Register, doc: &Document, laws: &[&'r Law]) -> (Vec<&'static str>, Vec<&'r Law>) {
    let mut which: Vec<&'r Law> = Vec::new();
    let mut hits = |r: &str| -> bool {
        let mut hit = false;
        for (_, l) in reg.laws.resolve_all(r) {
            if let Some(l) = l.filter(|l| laws.iter().any(|x| std::ptr::eq(*x, *l))) {
                hit = true;
                if !which.iter().any(|w| std::ptr::eq(*w, l)) {
                    which.push(l);
                }
            }
        }
        hit
    };
    let mut how = Vec::new();
    if doc.basis.iter().fold(false, |any, b| hits(b) | any) {
        how.push("依据");
    }
    if doc.findings.iter().filter_map(|f| f.law.as_deref()).fold(false, |any, l| hits(l) | any) {
        how.push("审查发现");
    }
    if let Some(Target::Law(l)) = doc.superseded_by.as_deref().map(|s| reg.resolve(s))
        && laws.iter().any(|x| std::ptr::eq(*x, l))
    {
        how.push("替代");
        if !which.iter().any(|w| std::ptr::eq(*w, l)) {
            which.push(l);
        }
    }
    (how, which)
}

/// Every law on `as_of`, in table order, and the references that name none.
pub(crate) fn table(reg: &Register, as_of: NaiveDate) -> (Vec<LawRow<'_>>, Vec<Unresolved>) {
    // Documents are counted in parallel (a province register has a
    // million): each part of the register counts the laws its documents
    // cite and lists the references no law answers, in the documents'
    // order; the parts are added up in order.
    let index: HashMap<usize, usize> =
        reg.laws.laws.iter().enumerate().map(|(i, l)| (std::ptr::from_ref(l) as usize, i)).collect();
    let index_of = |l: &Law| index.get(&(std::ptr::from_ref(l) as usize)).copied();
    let laws = reg.laws.laws.len();
    let (cited, missing) = reg
        .documents
        .par_iter()
        .fold(
            || (vec![0usize; laws], Vec::new()),
            |(mut cited, mut missing): (Vec<usize>, Vec<(String, &str)>), doc| {
                let mut mine: Vec<usize> = Vec::new();
                let refs = doc.basis.iter().map(|b| &**b).chain(doc.findings.iter().filter_map(|f| f.law.as_deref()));
                for r in refs {
                    for (c, law) in reg.laws.resolve_all(r) {
                        match law {
                            Some(l) => mine.extend(index_of(l)),
                            None => missing.push((c.name, doc.id())),
                        }
                    }
                }
                if let Some(Target::Law(l)) = doc.superseded_by.as_deref().map(|s| reg.resolve(s)) {
                    mine.extend(index_of(l));
                }
                mine.sort_unstable();
                mine.dedup();
                for i in mine {
                    cited[i] += 1;
                }
                (cited, missing)
            },
        )
        .reduce(
            || (vec![0usize; laws], Vec::new()),
            |(mut cited, mut missing), (more, later)| {
                for (n, m) in cited.iter_mut().zip(more) {
                    *n += m;
                }
                missing.extend(later);
                (cited, missing)
            },
        );
    let mut unresolved: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (name, id) in missing {
        unresolved.entry(name).or_default().push(id.to_owned());
    }
    let rows = reg
        .laws
        .laws
        .iter()
        .zip(cited)
        .map(|(l, n)| LawRow {
            name: &l.name,
            full_name: l.full_name.as_deref(),
            level: l.level.map(crate::load::model::LawLevel::as_str),
            promulgated: l.promulgated,
            effective: l.effective,
            revised: l.revised.iter().rev().find(|r| **r <= as_of).copied(),
            repealed: l.repealed,
            replaced_by: l.replaced_by.as_deref(),
            status: status(l, as_of),
            cited_by: n,
        })
        .collect();
    let unresolved = unresolved
        .into_iter()
        .map(|(reference, mut documents)| {
            documents.dedup();
            Unresolved { reference, documents }
        })
        .collect();
    (rows, unresolved)
}

/// A change of a law that matters for a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Change<'r> {
    /// 修订 or 废止.
    pub kind: &'static str,
    pub date: NaiveDate,
    /// The law that changed: the law asked about, or one it replaced.
    pub law: &'r str,
    /// The law that replaced it, when the change is a repeal and the law
    /// table names its successor.
    pub replaced_by: Option<&'r str>,
}

impl Change<'_> {
    /// What changed, as a clerk says it: `《物权法》2021-01-01废止,由《民法典》替代`.
    pub(crate) fn describe(&self) -> String {
        match self.replaced_by {
            Some(r) if self.kind == "废止" => format!("《{}》{}废止,由《{r}》替代", self.law, self.date),
            _ => format!("《{}》{}{}", self.law, self.date, self.kind),
        }
    }
}

/// One document citing the law.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Affected<'r> {
    pub id: &'r str,
    pub doc_number: Option<&'r str>,
    pub title: &'r str,
    pub status: Status,
    /// 依据, 审查发现, 替代.
    pub cited_as: Vec<&'static str>,
    pub change: Option<Change<'r>>,
    pub reviewed: bool,
    pub needs_cleanup: bool,
    pub suggested: Option<crate::load::model::Verdict>,
    /// Rules that fired because of this law: "Qnn 名称: 说明".
    pub rules: Vec<String>,
}

/// The latest revision or the repeal after `issued` and on or before `as_of`.
pub(crate) fn change(law: &Law, issued: NaiveDate, as_of: NaiveDate) -> Option<Change<'_>> {
    let within = |d: NaiveDate| d > issued && d <= as_of;
    let (name, replaced_by) = (law.name.as_str(), law.replaced_by.as_deref());
    let repeal =
        law.repealed.filter(|d| within(*d)).map(|date| Change { kind: "废止", date, law: name, replaced_by });
    let revision = law.revised.iter().rev().find(|d| within(**d)).map(|&date| Change {
        kind: "修订",
        date,
        law: name,
        replaced_by: None,
    });
    match (repeal, revision) {
        (Some(r), Some(v)) => Some(if r.date >= v.date { r } else { v }),
        (r, v) => r.or(v),
    }
}

/// How many documents subject to the campaign (in force on `as_of`) have
/// no `basis`: for them, what a law's change touches cannot be judged.
pub(crate) fn without_basis(reg: &Register, as_of: NaiveDate) -> usize {
    let env = rules::Env::new(reg, as_of);
    reg.documents.par_iter().filter(|d| d.basis.is_empty() && rules::status(&env, d).0 == Status::InForce).count()
}

/// Every document citing `law`: those needing cleanup first, then the rest,
/// each in report order.
pub(crate) fn impact<'r>(reg: &'r Register, law: &'r Law, as_of: NaiveDate) -> Vec<Affected<'r>> {
    let env = rules::Env::new(reg, as_of);
    let laws: Vec<&Law> = std::iter::once(law).chain(predecessors(reg, law)).collect();
    let mut out: Vec<Affected<'r>> = reg
        .documents
        .iter()
        .filter_map(|doc| {
            let (how, which) = cited_as(reg, doc, &laws);
            if how.is_empty() {
                return None;
            }
            let ev = rules::evaluate_doc(&env, doc);
            // The latest change of a law the document cites: this law's own,
            // or the repeal of one it replaced.
            let change = which.iter().filter_map(|l| change(l, doc.issued, as_of)).max_by_key(|c| c.date);
            let reviewed = change.is_some_and(|c| {
                doc.events.iter().any(|e| {
                    e.kind == EventType::Comparison
                        && e.date >= c.date
                        && e.date <= as_of
                        && e.law.as_deref().is_some_and(|l| which.iter().any(|w| reg.laws.same(l, &w.name)))
                })
            });
            let mentions: Vec<String> = laws.iter().map(|l| format!("《{}》", l.name)).collect();
            let rules = ev
                .rules
                .iter()
                .chain(&ev.advice)
                .filter(|f| mentions.iter().any(|m| f.explanation.contains(m.as_str())))
                .map(|f| format!("{} {}: {}", f.id, f.name, f.explanation))
                .collect();
            Some(Affected {
                id: doc.id(),
                doc_number: doc.doc_number.as_deref(),
                title: &doc.title,
                status: ev.status,
                cited_as: how,
                change,
                reviewed,
                needs_cleanup: ev.status == Status::InForce && change.is_some() && !reviewed,
                suggested: ev.suggested,
                rules,
            })
        })
        .collect();
    // Stable: report order within each group.
    out.sort_by_key(|a| !a.needs_cleanup);
    out
}

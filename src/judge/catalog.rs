//! The cleanup catalogues (附件1–4, 现行有效目录) as data.
//!
//! Built from the effective verdicts of the documents subject to the
//! campaign, in document order. A document without a recorded decision is
//! listed under its rule suggestion and marked pending. Pure: no I/O.

use rayon::prelude::*;
use std::borrow::Cow;

use chrono::NaiveDate;

use crate::judge::rules::{Evaluation, Status};
use crate::load::model::{Document, Verdict};
use crate::load::register::Register;

/// One catalogue row, borrowing from the register where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    pub title: &'a str,
    /// Normalised 文号, or empty.
    pub doc_number: Cow<'a, str>,
    /// 制定机关: the issuer and any co-issuers.
    pub issuers: Cow<'a, str>,
    /// 发布日期 as published: `promulgated`, else `issued`.
    pub issued: NaiveDate,
    /// 有效期至, as recorded.
    pub expires: Option<NaiveDate>,
    pub verdict: Verdict,
    /// The 理由 published ([`REASON_PENDING`] when there is none yet).
    pub reason: Cow<'a, str>,
    /// Decided otherwise than the rules suggest, with no recorded reason:
    /// the 理由 is [`REASON_PENDING`], and the final run refuses.
    pub unexplained: bool,
    /// Listed under a rule suggestion: no decision recorded yet.
    pub pending: bool,
    pub id: &'a str,
    /// Index into `Register::documents`.
    pub doc: usize,
}

/// The 理由 of a decision that differs from the rules' verdict and has no
/// recorded reason (in a draft; `catalog --require-decisions` refuses).
pub(crate) const REASON_PENDING: &str = "(理由待填)";

/// The annexes, in publication order.
pub(crate) const ANNEXES: &[(Verdict, &str, &str)] = &[
    (Verdict::Keep, "附件1-保留目录.csv", "附件1"),
    (Verdict::Amend, "附件2-修改目录.csv", "附件2"),
    (Verdict::Repeal, "附件3-废止目录.csv", "附件3"),
    (Verdict::Expire, "附件4-失效目录.csv", "附件4"),
];

/// The catalogue of documents still in force (保留 and 修改).
pub(crate) const IN_FORCE_FILE: &str = "现行有效目录.csv";
/// The notice summary.
pub(crate) const SUMMARY_FILE: &str = "清理结果.md";
/// The Excel workbook (with `--xlsx`).
pub(crate) const XLSX_FILE: &str = "清理结果.xlsx";
/// The Word notice (with `--docx`).
pub(crate) const DOCX_FILE: &str = "清理结果通知.docx";

/// One file `qingli catalog` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// 附件1–4, by verdict.
    Annex(Verdict),
    /// 现行有效目录.
    InForce,
    /// 清理结果.md.
    Summary,
    /// 清理结果.xlsx.
    Workbook,
    /// 清理结果通知.docx.
    Notice,
}

impl Output {
    /// The outputs of one run, in the order they are listed.
    pub(crate) fn selected(workbook: bool, notice: bool) -> Vec<Output> {
        let mut all: Vec<Output> = ANNEXES.iter().map(|(v, _, _)| Output::Annex(*v)).collect();
        all.extend([Output::InForce, Output::Summary]);
        if workbook {
            all.push(Output::Workbook);
        }
        if notice {
            all.push(Output::Notice);
        }
        all
    }

    /// The file name (fixed, so scripts and the published site can rely on it).
    pub(crate) fn file(self) -> &'static str {
        match self {
            Output::Annex(v) => ANNEXES.iter().find(|(x, _, _)| *x == v).map_or("", |(_, f, _)| f),
            Output::InForce => IN_FORCE_FILE,
            Output::Summary => SUMMARY_FILE,
            Output::Workbook => XLSX_FILE,
            Output::Notice => DOCX_FILE,
        }
    }
}

/// All entries of the campaign, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Catalog<'a> {
    pub entries: Vec<Entry<'a>>,
}

/// The 理由 a catalogue publishes for a document listed under `verdict`:
/// the decision's recorded reason; else the rules' explanation, but only
/// when the rules reach the verdict published (an explanation of another
/// verdict would contradict the decision); else [`REASON_PENDING`] (the
/// bool: unexplained).
fn reason<'a>(doc: &'a Document, ev: &Evaluation, verdict: Verdict) -> (Cow<'a, str>, bool) {
    match public_reason(doc, ev, verdict) {
        Some(r) => (r, false),
        None => (Cow::Borrowed(REASON_PENDING), true),
    }
}

/// The reason published for `doc` under `verdict`: the decision's recorded
/// reason; else the rules' explanation when the rules reach `verdict`;
/// else none (the catalogues then say [`REASON_PENDING`]).
pub(crate) fn public_reason<'a>(doc: &'a Document, ev: &Evaluation, verdict: Verdict) -> Option<Cow<'a, str>> {
    let recorded =
        doc.review.as_ref().and_then(|r| r.reason.as_deref()).filter(|r| ev.decision.is_some() && !r.trim().is_empty());
    match recorded {
        Some(r) => Some(Cow::Borrowed(r)),
        None if ev.suggested == Some(verdict) => Some(Cow::Owned(ev.reasons())),
        None => None,
    }
}

fn entry<'a>(index: usize, doc: &'a Document, ev: &Evaluation, verdict: Verdict) -> Entry<'a> {
    let (reason, unexplained) = reason(doc, ev, verdict);
    Entry {
        title: &doc.title,
        doc_number: doc.shown_doc_number(),
        issuers: doc.issuers(),
        issued: doc.promulgated(),
        expires: doc.expires,
        verdict,
        reason,
        unexplained,
        pending: ev.decision.is_none(),
        id: doc.id(),
        doc: index,
    }
}

impl<'a> Catalog<'a> {
    /// Builds the catalogue from a register and its evaluations (tests:
    /// the commands use [`Catalog::evaluate`], which holds no evaluations).
    #[cfg(test)]
    pub(crate) fn new(reg: &'a Register, evals: &[Evaluation]) -> Catalog<'a> {
        let entries = reg
            .documents
            .iter()
            .zip(evals)
            .enumerate()
            .filter(|(_, (_, ev))| ev.status == Status::InForce)
            .filter_map(|(i, (doc, ev))| ev.verdict.map(|v| entry(i, doc, ev, v)))
            .collect();
        Catalog { entries }
    }

    /// Evaluates the register and keeps only the catalogue: each
    /// document's evaluation is dropped as soon as its entry is made, so a
    /// province-size register does not hold a million evaluations.
    pub(crate) fn evaluate(reg: &'a Register, as_of: NaiveDate) -> Catalog<'a> {
        let env = crate::judge::rules::Env::new(reg, as_of);
        let entries = reg
            .documents
            .par_iter()
            .enumerate()
            .filter_map(|(i, doc)| {
                let ev = crate::judge::rules::evaluate_doc(&env, doc);
                (ev.status == Status::InForce).then_some(())?;
                ev.verdict.map(|v| entry(i, doc, &ev, v))
            })
            .collect();
        Catalog { entries }
    }

    /// The entries with one verdict.
    pub(crate) fn annex(&self, v: Verdict) -> Vec<&Entry<'a>> {
        self.entries.iter().filter(|e| e.verdict == v).collect()
    }

    /// 保留 and 修改: what remains a basis for administration.
    pub(crate) fn in_force(&self) -> Vec<&Entry<'a>> {
        self.entries.iter().filter(|e| matches!(e.verdict, Verdict::Keep | Verdict::Amend)).collect()
    }

    /// Entries still awaiting a decision.
    pub(crate) fn pending(&self) -> Vec<&Entry<'a>> {
        self.entries.iter().filter(|e| e.pending).collect()
    }

    /// Decisions that differ from the rules' verdict without a reason.
    pub(crate) fn unexplained(&self) -> Vec<&Entry<'a>> {
        self.entries.iter().filter(|e| e.unexplained).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outputs and their fixed names, and the two views of the entries:
    /// in force (保留 and 修改) and pending (no decision yet).
    #[test]
    fn outputs_in_force_and_pending() {
        let names: Vec<&str> = Output::selected(true, true).iter().map(|o| o.file()).collect();
        assert_eq!(
            names,
            [
                "附件1-保留目录.csv",
                "附件2-修改目录.csv",
                "附件3-废止目录.csv",
                "附件4-失效目录.csv",
                "现行有效目录.csv",
                "清理结果.md",
                "清理结果.xlsx",
                "清理结果通知.docx"
            ]
        );
        assert_eq!(Output::selected(false, false).len(), 6);
        let mut docs: Vec<Document> =
            (0..4).map(|i| crate::judge::rules::tests::doc(&format!("d{i}"), "2005-01-01")).collect();
        for (d, v) in docs.iter_mut().zip([Some(Verdict::Keep), Some(Verdict::Amend), Some(Verdict::Repeal), None]) {
            d.review = v.map(|v| crate::load::model::Review { decision: Some(v), ..Default::default() });
        }
        let reg = Register::from_parts(crate::load::model::Config::default(), docs, Vec::new());
        let cat = Catalog::evaluate(&reg, NaiveDate::from_ymd_opt(2007, 10, 31).unwrap());
        let ids = |v: Vec<&Entry<'_>>| v.iter().map(|e| e.id.to_owned()).collect::<Vec<String>>();
        assert_eq!(ids(cat.in_force()), ["d0", "d1", "d3"]);
        assert_eq!(ids(cat.pending()), ["d3"]);
        assert_eq!(ids(cat.annex(Verdict::Repeal)), ["d2"]);
    }

    #[test]
    fn evaluating_straight_into_the_catalogue_gives_the_same_catalogue() {
        let mut docs: Vec<Document> = (0..50)
            .map(|i| crate::judge::rules::tests::doc(&format!("d{i}"), &format!("20{:02}-01-01", i % 20)))
            .collect();
        for (i, d) in docs.iter_mut().enumerate() {
            if i % 3 == 0 {
                d.expires = NaiveDate::from_ymd_opt(2010, 1, 1);
            }
            if i % 7 == 0 {
                d.review = Some(crate::load::model::Review {
                    decision: Some(Verdict::Amend),
                    reason: Some("理由".into()),
                    ..Default::default()
                });
            }
        }
        let reg = Register::from_parts_in_order(crate::load::model::Config::default(), docs, vec![]);
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let evals = crate::judge::rules::evaluate(&reg, as_of);
        assert_eq!(Catalog::evaluate(&reg, as_of), Catalog::new(&reg, &evals));
        assert!(!Catalog::evaluate(&reg, as_of).entries.is_empty());
    }
}

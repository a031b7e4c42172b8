//! The cleanup catalogues (附件1–4, 现行有效目录) as data.
//!
//! Built from the effective verdicts of the documents subject to the
//! campaign, in document order. A document without a recorded decision is
//! listed under its rule suggestion and marked pending. Pure: no I/O.

use chrono::NaiveDate;

use crate::docnum;
use crate::model::{Document, Verdict};
use crate::register::Register;
use crate::rules::{Evaluation, Status};

/// One catalogue row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// Normalised 文号, or empty.
    pub doc_number: String,
    /// 制定机关: the issuer and any co-issuers.
    pub issuers: String,
    pub issued: NaiveDate,
    pub verdict: Verdict,
    /// The decision's reason, else the fired rules' explanations.
    pub reason: String,
    /// Listed under a rule suggestion: no decision recorded yet.
    pub pending: bool,
    pub id: String,
}

/// The annexes, in publication order.
pub const ANNEXES: &[(Verdict, &str, &str)] = &[
    (Verdict::Keep, "附件1-保留目录.csv", "附件1"),
    (Verdict::Amend, "附件2-修改目录.csv", "附件2"),
    (Verdict::Repeal, "附件3-废止目录.csv", "附件3"),
    (Verdict::Expire, "附件4-失效目录.csv", "附件4"),
];

/// The catalogue of documents still in force (保留 and 修改).
pub const IN_FORCE_FILE: &str = "现行有效目录.csv";
/// The notice summary.
pub const SUMMARY_FILE: &str = "清理结果.md";
/// The Excel workbook (with `--xlsx`).
pub const XLSX_FILE: &str = "清理结果.xlsx";

/// All entries of the campaign, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub entries: Vec<Entry>,
}

fn entry(doc: &Document, ev: &Evaluation, verdict: Verdict) -> Entry {
    let decided_reason = doc.review.as_ref().and_then(|r| r.reason.clone()).filter(|_| ev.decision.is_some());
    let mut issuers = vec![doc.issuer.as_str()];
    issuers.extend(doc.co_issuers.iter().map(String::as_str).filter(|c| *c != doc.issuer));
    Entry {
        title: doc.title.clone(),
        doc_number: doc.doc_number.as_deref().map(docnum::normalize).unwrap_or_default(),
        issuers: issuers.join("、"),
        issued: doc.issued,
        verdict,
        reason: decided_reason.unwrap_or_else(|| ev.reasons()),
        pending: ev.decision.is_none(),
        id: doc.id.clone(),
    }
}

impl Catalog {
    /// Builds the catalogue from a register and its evaluations.
    pub fn new(reg: &Register, evals: &[Evaluation]) -> Catalog {
        let entries = reg
            .documents
            .iter()
            .zip(evals)
            .filter(|(_, ev)| ev.status == Status::InForce)
            .filter_map(|(doc, ev)| ev.verdict.map(|v| entry(doc, ev, v)))
            .collect();
        Catalog { entries }
    }

    /// The entries with one verdict.
    pub fn annex(&self, v: Verdict) -> Vec<&Entry> {
        self.entries.iter().filter(|e| e.verdict == v).collect()
    }

    /// 保留 and 修改: what remains a basis for administration.
    pub fn in_force(&self) -> Vec<&Entry> {
        self.entries.iter().filter(|e| matches!(e.verdict, Verdict::Keep | Verdict::Amend)).collect()
    }

    /// Entries still awaiting a decision.
    pub fn pending(&self) -> Vec<&Entry> {
        self.entries.iter().filter(|e| e.pending).collect()
    }
}

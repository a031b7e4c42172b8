//! Which documents a review lists: the one filter `review` (every format)
//! and `review --interactive` share, from `--unit`, `--verdict`,
//! `--disagreements`, `--id` and `--all`. Pure: a document and its
//! evaluation in, a yes or no out.

use crate::judge::rules::{Evaluation, Status};
use crate::load::model::{Document, Verdict};

/// The review's filters.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Selection<'a> {
    /// `--unit`: the responsible unit, exactly.
    pub unit: Option<&'a str>,
    /// `--verdict`: the conclusion (decision, else suggestion).
    pub verdict: Option<Verdict>,
    /// `--disagreements`: decisions that differ from the suggestion.
    pub disagreements: bool,
    /// `--id`: these documents, whatever their status.
    pub ids: &'a [String],
    /// `--all`: documents not subject to the campaign too.
    pub all: bool,
}

impl Selection<'_> {
    /// Whether `d` (evaluated as `e`) passes the filters, status aside.
    fn matches(&self, d: &Document, e: &Evaluation) -> bool {
        self.unit.is_none_or(|u| &*d.responsible_unit == u)
            && self.verdict.is_none_or(|v| e.verdict == Some(v))
            && (!self.disagreements || e.disagrees())
            && (self.ids.is_empty() || self.ids.iter().any(|i| i == d.id()))
    }

    /// Whether `review` lists `d`: a document subject to the campaign, or
    /// any document with `--all` or named by `--id`.
    pub(crate) fn lists(&self, d: &Document, e: &Evaluation) -> bool {
        (self.all || e.status == Status::InForce || !self.ids.is_empty()) && self.matches(d, e)
    }

    /// Whether `d` is left out only for not being subject to the campaign
    /// (counted under the terminal table, listed with `--all`).
    pub(crate) fn unlisted(&self, d: &Document, e: &Evaluation) -> bool {
        e.status != Status::InForce
            && !self.all
            && self.ids.is_empty()
            && self.verdict.is_none()
            && !self.disagreements
            && self.unit.is_none_or(|u| &*d.responsible_unit == u)
    }

    /// Whether the interactive review lists `d`: only documents that can
    /// take a decision (subject to the campaign), with the same filters.
    pub(crate) fn decidable(&self, d: &Document, e: &Evaluation) -> bool {
        e.status == Status::InForce && self.matches(d, e)
    }
}

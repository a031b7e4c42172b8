//! Judging, all pure: a loaded register and a date in, results out.
//!
//! - [`rules`]: the rule engine (Q00–Q13), one function per rule.
//! - [`deadline`]: deadlines D1–D8, one function per kind.
//! - [`select`]: which documents a review lists (`review` and `review -i`).
//! - [`catalog`]: the cleanup catalogues (附件1–4, 现行有效目录) as data.
//! - [`compare`]: the register at two revisions, compared.
//! - [`disagreement`]: recorded decisions that differ from the rules without a reason.
//! - [`edits`]: edits of the law table, the calendars and the settings between two revisions.
//! - [`impact`]: the law table on a date, and which documents a law's change touches.
//! - [`notice`]: the 清理结果通知's settings, defaults filled in.
//! - [`publish`]: each document's public status on a date, for the website.
//! - [`scan`]: what a document's text says, set against its record (`scan`, `check`).

pub(crate) mod catalog;
pub(crate) mod compare;
pub(crate) mod deadline;
pub(crate) mod disagreement;
pub(crate) mod edits;
pub(crate) mod impact;
pub(crate) mod notice;
pub(crate) mod publish;
pub(crate) mod rules;
pub(crate) mod scan;
pub(crate) mod select;

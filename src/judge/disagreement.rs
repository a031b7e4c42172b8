//! Unjustified disagreements: a recorded decision that differs from the
//! rules' suggestion without an `override_reason` (a warning by default;
//! `check --strict` or `[check] deny` makes it an error). Pure: a register,
//! a date and the rules in, diagnostics out. The gate ([`crate::gate`])
//! puts them with the other findings; `compare` finds them on both sides
//! of a diff while it evaluates each document anyway.

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::judge::rules;
use crate::load::model::{Document, Verdict};
use crate::load::register::Register;
use crate::pos::Pos;

/// Every unjustified disagreement of `reg` on `as_of`, in the documents' order.
pub(crate) fn all(reg: &Register, as_of: chrono::NaiveDate) -> Vec<Diagnostic> {
    let env = rules::Env::new(reg, as_of);
    reg.documents
        .par_iter()
        .filter(|doc| may_disagree(doc))
        .filter_map(|doc| disagreement(reg, doc, &rules::evaluate_doc(&env, doc)))
        .collect()
}

/// Whether `doc` can disagree unjustifiably: only a recorded decision
/// without an override reason can.
pub(crate) fn may_disagree(doc: &Document) -> bool {
    doc.decision().is_some() && doc.review.as_ref().is_some_and(|r| r.override_reason.is_none())
}

/// The disagreement diagnostic of `doc` (of `reg`), evaluated as `ev`, if
/// it has one.
pub(crate) fn disagreement(reg: &Register, doc: &Document, ev: &rules::Evaluation) -> Option<Diagnostic> {
    if !may_disagree(doc) || !ev.disagrees() {
        return None;
    }
    let (decision, suggested): (Verdict, Verdict) = (ev.decision?, ev.suggested?);
    let ids: Vec<&str> = ev.rules.iter().map(|f| f.id).collect();
    Some(Diagnostic::new(
        Code::Disagreement,
        &reg.display(&doc.path),
        doc.review.as_ref().map_or(Pos::START, |r| r.decision_pos),
        format!("清理意见为「{decision}」,规则建议为「{suggested}」({}),且未说明理由", ids.join("、")),
        "在 [review] 中填写 override_reason 说明理由,或改正清理意见;`qingli review --explain` 查看规则判断",
    ))
}

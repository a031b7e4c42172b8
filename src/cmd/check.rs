//! `qingli check`: every problem in the register, in one run.

use std::io::Write;

use anyhow::Result;
use rayon::prelude::*;

use crate::cli::{CheckArgs, CheckFormat};
use crate::ctx::Ctx;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::register::Register;
use crate::render;
use crate::rules;
use crate::validate;

/// Every diagnostic of a loaded register: load problems, cross-file checks
/// and unjustified disagreements (errors when `strict`), sorted.
pub(crate) fn diagnostics(reg: &Register, as_of: chrono::NaiveDate, strict: bool) -> Vec<Diagnostic> {
    let mut all = reg.diagnostics.clone();
    all.extend(validate::validate(reg));
    // Only a recorded decision without an override reason can be an
    // unjustified disagreement: evaluate just those documents.
    let env = rules::Env::new(reg, as_of);
    let candidates: Vec<(&crate::model::Document, rules::Evaluation)> = reg
        .documents
        .par_iter()
        .filter(|d| d.decision().is_some() && d.review.as_ref().is_some_and(|r| r.override_reason.is_none()))
        .map(|d| (d, rules::evaluate_doc(&env, d)))
        .collect();
    for (doc, ev) in candidates {
        if !ev.disagrees() {
            continue;
        }
        let (Some(decision), Some(suggested)) = (ev.decision, ev.suggested) else {
            continue;
        };
        let ids: Vec<&str> = ev.rules.iter().map(|f| f.id).collect();
        let mut d = Diagnostic::new(
            Code::Disagreement,
            &reg.display(&doc.path),
            doc.review.as_ref().map_or(crate::source::Pos::START, |r| r.decision_pos),
            format!("清理意见为「{decision}」,规则建议为「{suggested}」({}),且未说明理由", ids.join("、")),
            "在 [review] 中填写 override_reason 说明理由,或改正清理意见;`qingli review --explain` 查看规则判断",
        );
        if strict {
            d.severity = Severity::Error;
        }
        all.push(d);
    }
    diag::sort(&mut all);
    all
}

pub(crate) fn run(args: &CheckArgs, ctx: &Ctx, out: &mut dyn Write, _err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let (as_of, _) = ctx.as_of(&reg);
    let diags = diagnostics(&reg, as_of, args.strict);
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    match args.format {
        CheckFormat::Human => render::diag::human(out, &diags, reg.files_read)?,
        CheckFormat::Json => render::diag::json(out, &reg, &diags)?,
    }
    super::release((reg, diags));
    Ok(u8::from(errors > 0))
}

//! `qingli decide REF DECISION`: record one decision in a record's
//! `[review]`, atomically, every other byte of the file kept.
//!
//! Refuses (nothing written) an unknown or ambiguous REF (exit 2, with the
//! closest 文号 and titles), a record with errors, and a document not
//! subject to the campaign (exit 1). A decision that differs from the rule
//! suggestion without an override reason is written, with a warning.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::DecideArgs;
use crate::ctx::Ctx;
use crate::docnum;
use crate::judge::rules::{self, Status};
use crate::load::register::Register;
use crate::render::decide as view;
use crate::write::decide::{self, Decision, Recorded};

/// Up to three documents a mistyped REF may have meant: a title containing
/// it, or a 文号 close to it ([`crate::lookup`]).
pub(crate) fn near(reg: &Register, reference: &str) -> Vec<usize> {
    let want = docnum::key(reference);
    let mut scored: Vec<(usize, usize)> = reg
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            if reference.trim().chars().count() >= 2 && d.title.contains(reference.trim()) {
                return Some((0, i));
            }
            Some((crate::lookup::distance(&want, &docnum::key(d.doc_number.as_deref()?))?, i))
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, i)| i).collect()
}

/// The one record `reference` names, for a command that writes into it
/// (`decide`, `text add`). `None` when it names a record left out for its
/// errors (explained on `out`, "nothing written" on `err`: exit 1); an
/// unknown or ambiguous reference is a usage error (exit 2).
pub(crate) fn the_record(
    reg: &Register,
    reference: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Option<usize>> {
    let found = reg.find(reference);
    match found[..] {
        [i] => Ok(Some(i)),
        [] => {
            let broken = reg.excluded_matching(reference);
            if broken.is_empty() {
                bail!("{}", view::unknown(reg, reference, &near(reg, reference)));
            }
            crate::render::excluded::explain(out, reg, &broken)?;
            view::untouched(err)?;
            Ok(None)
        }
        _ => bail!("{}", view::ambiguous(reg, reference, &found)),
    }
}

pub(crate) fn run(args: &DecideArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let Some(i) = the_record(&reg, &args.reference, out, err)? else { return Ok(1) };
    let doc = &reg.documents[i];
    let (as_of, _) = ctx.as_of(&reg);
    let findings = crate::gate::Findings::errors_of(&reg, as_of, &crate::diag::Levels::default());
    let shown = reg.display(&doc.path);
    let errors: Vec<_> = findings.errors_in(&shown).collect();
    if !errors.is_empty() {
        view::flawed(err, doc, &errors)?;
        return Ok(1);
    }
    let env = rules::Env::new(&reg, as_of);
    let ev = rules::evaluate_doc(&env, doc);
    if ev.status != Status::InForce {
        view::not_subject(err, doc, &ev)?;
        return Ok(1);
    }
    let root = ctx.root()?;
    let path = root.join(&*doc.path);
    let reviewer = args.reviewer.clone().or_else(|| ctx.reviewer.clone()).or_else(|| crate::load::git::user_name(root));
    let decision = Decision {
        decision: Some(args.decision.verdict()),
        reason: args.reason.as_deref().map(Into::into),
        reviewer: reviewer.map(Into::into),
        decided: Some(args.date.unwrap_or(ctx.today)),
        approved: args.approved,
        published: args.published,
        revised: args.revised,
        override_reason: args.override_reason.as_deref().map(Into::into),
        ..Decision::default()
    };
    match decide::record((&doc.path, &path), &root.join(crate::load::walk::DOCUMENTS), &doc.identity(), &decision)? {
        Recorded::Written { .. } => {}
        Recorded::ChangedMeanwhile => {
            view::changed_meanwhile(err, &reg.display(&doc.path))?;
            return Ok(1);
        }
        Recorded::NotAsLoaded(why) => {
            view::not_as_loaded(err, &reg.display(&doc.path), &why)?;
            return Ok(1);
        }
    }
    view::recorded(out, &reg, doc, &decision)?;
    if let Some(word) = args.decision.alias() {
        view::understood(out, word, args.decision.verdict())?;
    }
    let chosen = args.decision.verdict();
    let earlier = doc.review.as_ref();
    let reason = decision.reason.is_some() || earlier.is_some_and(|r| r.reason.is_some());
    let override_reason = decision.override_reason.is_some() || earlier.is_some_and(|r| r.override_reason.is_some());
    if ev.suggested.is_some_and(|s| s != chosen) {
        view::disagreement(err, doc, chosen, &ev, (reason, override_reason))?;
    }
    Ok(0)
}

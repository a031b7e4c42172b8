//! `qingli diff REV [REV2]`: the register at two git revisions, compared.

use std::io::Write;

use anyhow::Result;

use crate::cli::{DiffArgs, DiffFailOn, DiffFormat};
use crate::ctx::Ctx;
use crate::gate::{self, Findings};
use crate::judge::compare::{self, Side};
use crate::judge::rules;
use crate::load::git;
use crate::load::register::Register;
use crate::load::revision::{self, Unchanged};
use crate::render::diff as view;

pub(crate) fn run(args: &DiffArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let (top, prefix) = git::locate(&root)?;
    // Every revision is verified before any git command sees it: a
    // revision like `--output=FILE` is never taken as an option.
    let base_commit = git::verify(&top, &args.base)?;
    let head_commit = args.head.as_deref().map(|rev| git::verify(&top, rev)).transpose()?;
    // The head first; the base then reads only the files that differ from
    // it and shares every record that does not. While the head loads, git
    // says what changed and lists the base (at a million files, about 1.5 s
    // and 1 s that would otherwise wait for the head).
    let (head, changed, listing) = std::thread::scope(|s| {
        let changed = s.spawn(|| git::changed(&top, &base_commit, head_commit.as_deref(), &prefix));
        let listing = s.spawn(|| revision::list(&root, &top, &prefix, &base_commit));
        let head = match &head_commit {
            Some(rev) => revision::load(&root, &top, &prefix, rev, None),
            None => Register::load(&root),
        };
        (head, joined(changed), joined(listing))
    });
    let head = head?;
    // Sharing only saves work: should git not say what changed, every file
    // of the base is read, with the same result.
    let unchanged = changed.ok().map(|changed| Unchanged { other: &head, changed });
    let base = revision::load_listed(&root, listing?, unchanged.as_ref())?;
    let (as_of, _) = ctx.as_of(&head);
    // The checks at each side's own levels; the disagreements `compare`
    // finds get the same levels below.
    let (db, dh) = rayon::join(
        || Findings::leveled_for(&base, gate::checks(&base)),
        || Findings::leveled_for(&head, gate::checks(&head)),
    );
    let (b, h) = (
        Side { reg: &base, env: rules::Env::new(&base, as_of), diags: &db },
        Side { reg: &head, env: rules::Env::new(&head, as_of), diags: &dh },
    );
    let mut cmp = compare::compare(&b, &h);
    cmp.new_problems = Findings::leveled_for(&head, std::mem::take(&mut cmp.new_problems));
    cmp.fixed_problems = Findings::leveled_for(&base, std::mem::take(&mut cmp.fixed_problems));
    // What `check` would count at the head: the one gate's answer.
    cmp.head_errors = Findings::error_count(&head, as_of, &dh);
    let head_name = args.head.clone().unwrap_or_else(|| "工作区".to_owned());
    let labels = view::Labels { base: &args.base, head: &head_name, as_of };
    match args.format {
        DiffFormat::Text => view::text(out, &cmp, &labels)?,
        DiffFormat::Markdown => view::markdown(out, &cmp, &labels)?,
        DiffFormat::Json => view::json(out, &cmp, &labels)?,
    }
    Ok(u8::from(args.fail_on == Some(DiffFailOn::Errors) && cmp.head_errors > 0))
}

/// What a scoped thread returned (its panic goes on in this thread).
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

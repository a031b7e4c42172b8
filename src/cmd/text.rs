//! `qingli text add REF FILE` and `qingli text import DIR|FILE…`: read a
//! document's text from what the clerk has (`crate::text`) and put it
//! beside its record (`write::text`), all or nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::{TextAction, TextAddArgs, TextArgs, TextImportArgs};
use crate::ctx::Ctx;
use crate::render::text as view;
use crate::write::text::{self as plan, MatchedBy};

pub(crate) fn run(args: &TextArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    match &args.action {
        TextAction::Add(a) => add(a, ctx, out, err),
        TextAction::Import(a) => import(a, ctx, out),
    }
}

fn add(args: &TextAddArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    if !args.file.is_file() {
        bail!("找不到文件 `{}`", args.file.display());
    }
    let Some(doc) = super::decide::the_record(&reg, &args.reference, out, err)? else { return Ok(1) };
    let input = args.file.display().to_string();
    let text = match crate::text::read(&args.file) {
        Ok(t) => t,
        Err(error) => {
            view::problem(out, &reg, &plan::Problem::Unreadable { input, error })?;
            return Ok(1);
        }
    };
    let matcher = plan::Matcher::new(&reg);
    match plan::plan_one(&reg, &matcher, (input, text), doc, MatchedBy::Reference, args.replace) {
        Ok(p) => {
            plan::apply(&reg, std::slice::from_ref(&p))?;
            view::planned(out, &reg, &p)?;
            Ok(0)
        }
        Err(problem) => {
            view::problem(out, &reg, &problem)?;
            Ok(1)
        }
    }
}

/// The files to read: those named, and in each folder named every file a
/// reader knows, sorted (hidden entries skipped).
fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn folder(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("无法读取文件夹 `{}`: {e}", dir.display()))?
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with(['.', '~']))
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                folder(&p, found)?;
            } else if crate::text::Source::of(&p).is_some() {
                found.push(p);
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    for p in paths {
        if p.is_dir() {
            folder(p, &mut found)?;
        } else if p.is_file() {
            found.push(p.clone());
        } else {
            bail!("找不到 `{}`", p.display());
        }
    }
    if found.is_empty() {
        bail!("没有找到可以读取的文件(认得 {})", crate::text::EXTENSIONS);
    }
    Ok(found)
}

fn import(args: &TextImportArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let files = inputs(&args.paths)?;
    let planned = plan::plan(&reg, &files, args.replace, &|p: &Path| crate::text::read(p));
    view::report(out, &reg, &planned, args.dry_run)?;
    if !planned.problems.is_empty() {
        return Ok(1);
    }
    if !args.dry_run {
        plan::apply(&reg, &planned.items)?;
    }
    Ok(0)
}

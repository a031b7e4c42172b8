//! `qingli import`: bring a clerk's spreadsheets into the register.
//!
//! Reads every file (and sheet), plans the whole import, and writes only
//! when no row has an error: new records with `create_new`, updates with
//! `replace_if_unchanged`, each atomic. `--dry-run` writes nothing.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::cli::{ImportArgs, ImportFormat};
use crate::ctx::Ctx;
use crate::render::import as view;
use crate::sheet::{self, Sheet};
use crate::write::atomic;
use crate::write::import::{self, Field, Options, Source};
use crate::write::record;

/// `--map 列名=KEY` pairs.
fn mappings(raw: &[String]) -> Result<Vec<(String, Field)>> {
    raw.iter()
        .map(|m| {
            let Some((name, key)) = m.split_once('=') else {
                bail!("--map `{m}` 应写作 列名=KEY,例如 --map 文件标题名称=title");
            };
            let Some(field) = Field::from_key(key) else {
                let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                bail!("--map `{m}`: 没有 KEY `{}`;可用: {}", key.trim(), keys.join("、"));
            };
            Ok((import::header_key(name), field))
        })
        .collect()
}

pub(crate) fn run(args: &ImportArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let reg = ctx.load()?;
    let map = mappings(&args.map)?;
    let mut dir = String::new();
    if let Some(sub) = &args.dir {
        for part in sub.split(['/', '\\']).filter(|p| !p.is_empty() && *p != "." && *p != "..") {
            dir.push_str(&record::safe_id(part));
            dir.push('/');
        }
    }
    // A documents/ that leads out of the register is never written to
    // (`part-outside-register`), with or without --dir.
    record::inside_documents(&root, &root.join("documents").join(&dir))?;
    let opts = Options { issuer: args.issuer.clone(), map, dir, update: args.update };
    // Read every file first: a file that cannot be read stops the import (exit 2).
    let mut read: Vec<(String, sheet::Kind, Vec<Sheet>)> = Vec::new();
    for path in &args.files {
        let (kind, sheets) = sheet::read(path, args.sheet.as_deref())?;
        read.push((path.display().to_string(), kind, sheets));
    }
    let sources: Vec<(Source, &Sheet)> = read
        .iter()
        .flat_map(|(file, _, sheets)| {
            let several = sheets.len() > 1;
            sheets.iter().map(move |s| (Source { file: file.clone(), sheet: s.name.clone(), name_sheet: several }, s))
        })
        .collect();
    let read_file = |rel: &str| crate::load::files::read_file(&root.join(rel)).ok();
    let exists = |rel: &str| root.join(rel).symlink_metadata().is_ok();
    // Only --update writes into registered records: only then are their errors needed.
    let (as_of, _) = ctx.as_of(&reg);
    let findings = args.update.then(|| crate::gate::Findings::errors_of(&reg, as_of, &crate::diag::Levels::default()));
    let flawed_files = findings.as_ref().map(crate::gate::Findings::error_files).unwrap_or_default();
    let flawed = |rel: &str| flawed_files.contains(reg.display(rel).as_str());
    let plan =
        import::plan(&reg, &sources, &opts, &import::Lookups { read: &read_file, exists: &exists, flawed: &flawed });
    let files: Vec<(String, sheet::Kind, usize)> = read.iter().map(|(f, k, s)| (f.clone(), *k, s.len())).collect();
    let json = args.format == ImportFormat::Json;
    if !plan.errors.is_empty() {
        view::report(out, &plan, &files, view::State::Refused, json)?;
        return Ok(1);
    }
    if args.dry_run {
        view::report(out, &plan, &files, view::State::DryRun, json)?;
        return Ok(0);
    }
    std::fs::create_dir_all(root.join("documents").join(&opts.dir))?;
    // New records in parallel (each atomic, never over an existing file);
    // then the updates. All or nothing: a failure takes back every file
    // this import created and every record it updated.
    let created: Vec<Result<()>> = plan
        .created
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            crate::hooks::fail_rename(i + 1)?;
            atomic::create_new(&root.join(&c.file), c.text.as_bytes())
        })
        .collect();
    let mut failed: Vec<String> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    for (c, r) in plan.created.iter().zip(created) {
        match r {
            Ok(()) => made.push(root.join(&c.file)),
            Err(e) => failed.push(format!("{}: {e:#}", c.file)),
        }
    }
    let documents = root.join(crate::load::walk::DOCUMENTS);
    let mut updated: Vec<(PathBuf, &[u8], &[u8])> = Vec::new();
    for u in plan.updated.iter().filter(|_| failed.is_empty()) {
        let path: PathBuf = root.join(&u.file);
        let expected = atomic::Expected { inside: &documents, pieces: &[&u.original], id: None };
        match atomic::replace_if_unchanged(&path, &expected, u.text.as_bytes()) {
            Ok(atomic::Replaced::Written) => updated.push((path, &u.original, u.text.as_bytes())),
            Ok(atomic::Replaced::ChangedMeanwhile) => {
                failed.push(format!("{}: 在导入期间被其他程序修改,未覆盖", u.file));
                break;
            }
            Err(e) => {
                failed.push(format!("{}: {e:#}", u.file));
                break;
            }
        }
    }
    if !failed.is_empty() {
        // Take everything back: the files created, the records updated.
        let mut kept = Vec::new();
        for path in &made {
            if std::fs::remove_file(path).is_err() {
                kept.push(path.display().to_string());
            }
        }
        for (path, original, written) in &updated {
            let expected = atomic::Expected { inside: &documents, pieces: &[written], id: None };
            if !matches!(atomic::replace_if_unchanged(path, &expected, original), Ok(atomic::Replaced::Written)) {
                kept.push(path.display().to_string());
            }
        }
        view::write_failures(err, &failed, made.len() + updated.len(), &kept)?;
        return Ok(1);
    }
    view::report(out, &plan, &files, view::State::Written, json)?;
    Ok(0)
}

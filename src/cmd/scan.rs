//! `qingli scan`: read every text (or `--id`'s) against its record
//! (`judge::scan`), report what each says, and with `--apply` write what a
//! record lacks (`write::fill`, through the one in-place edit path). It
//! suggests; it never decides a verdict.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;
use rayon::prelude::*;

use crate::cli::{ScanArgs, ScanFormat};
use crate::ctx::Ctx;
use crate::judge::scan::{Scan, Scanner};
use crate::load::register::Register;
use crate::load::texts;
use crate::render::scan::{self as view, Applied, Report};
use crate::write::decide::{Recorded, edit_record};

/// Each of `docs` that has a text, with its scan or why its text could
/// not be read (in parallel; in `docs`' order).
pub(crate) fn scan_texts(reg: &Register, docs: &[usize]) -> Vec<(usize, Result<Scan, String>)> {
    let scanner = Scanner::new(reg);
    docs.par_iter()
        .filter_map(|&i| {
            let doc = &reg.documents[i];
            let shown = reg.display(&texts::text_of(&doc.path));
            match texts::with_record_text(&reg.root, &doc.path, |t| scanner.scan(i, &shown, t)) {
                Ok(None) => None,
                Ok(Some(scan)) => Some((i, Ok(scan))),
                Err(why) => Some((i, Err(why))),
            }
        })
        .collect()
}

/// What `check` learns from the texts: their problems as files, and each
/// readable text's disagreements with its record (each text read once,
/// scanned and dropped: 30,000 texts are 400 MB).
pub(crate) fn check_texts(reg: &Register) -> Result<Vec<crate::diag::Diagnostic>> {
    let listed = texts::list(&reg.root)?;
    if listed.is_empty() {
        return Ok(Vec::new()); // no index of a register's paths for no text
    }
    let scanner = Scanner::new(reg);
    let by_path: HashMap<&str, usize> = reg.documents.iter().enumerate().map(|(i, d)| (&*d.path, i)).collect();
    let loaded = |record: &str| by_path.contains_key(record);
    let (mut diags, warnings) = texts::read(&reg.root, &listed, loaded, |rel, text| {
        let i = *by_path.get(texts::record_of(rel).as_str())?;
        Some(scanner.check(i, &reg.display(rel), text))
    });
    diags.extend(warnings.into_iter().flatten());
    Ok(diags)
}

pub(crate) fn run(args: &ScanArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    super::check_filters(&reg, None, &args.id)?;
    crate::render::excluded::warn(err, &reg, true)?;
    let chosen: Vec<usize> = if args.id.is_empty() {
        crate::load::texts::with_text(&reg, &texts::list(&reg.root)?)
    } else {
        let mut v: Vec<usize> = args.id.iter().flat_map(|id| reg.by_id(id)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let read = scan_texts(&reg, &chosen);
    let mut applied = Vec::new();
    if args.apply {
        let inside = reg.root.join("documents");
        for (i, scan) in read.iter().filter_map(|(i, s)| s.as_ref().ok().map(|s| (*i, s))) {
            if scan.fill.is_empty() {
                continue;
            }
            let doc = &reg.documents[i];
            let added = RefCell::new(Vec::new());
            let edit = |text: &str| {
                let (new, keys) = crate::write::fill::apply(text, &scan.fill)?;
                *added.borrow_mut() = keys;
                Ok(new)
            };
            let recorded = edit_record((&doc.path, &reg.root.join(&*doc.path)), &inside, &doc.identity(), &edit)?;
            let added = added.into_inner();
            applied.push(match recorded {
                Recorded::Written { before, after } if before != after => Applied::Written(i, added),
                Recorded::Written { .. } => continue,
                Recorded::ChangedMeanwhile => Applied::Refused(i, "读入后文件已被改动".to_owned()),
                Recorded::NotAsLoaded(why) => Applied::Refused(i, why),
            });
        }
    }
    let report = Report { reg: &reg, scans: &read, applied: &applied, apply: args.apply };
    match args.format {
        ScanFormat::Human => view::human(out, &report)?,
        ScanFormat::Json => view::json(out, &report)?,
    }
    Ok(u8::from(applied.iter().any(|a| matches!(a, Applied::Refused(..)))))
}

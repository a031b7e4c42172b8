//! `qingli fmt`: rewrite records into their canonical form (`canon`).
//! A file that does not parse is reported and never rewritten; writes are
//! atomic; `--check` changes nothing and lists what would change.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::cli::FmtArgs;
use crate::ctx::Ctx;
use crate::diag::{Code, Diagnostic};
use crate::load::register::{self, FileKind};
use crate::load::source::pos_at;
use crate::render::fmt as view;
use crate::write::canon;
use crate::write::fsx;

enum Outcome {
    Unchanged,
    Changed { old: String, new: String },
    Failed(Diagnostic),
}

fn format_file(path: &Path, shown: &str, kind: FileKind) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed(Diagnostic::new(
                Code::Io,
                shown,
                crate::load::source::Pos::START,
                format!("无法读取文件: {e}"),
                "检查路径和权限",
            ));
        }
    };
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = match register::decode(bytes, shown) {
        Ok(t) => t,
        Err(d) => return Outcome::Failed(d),
    };
    match canon::canonical(&text, kind) {
        Ok(new) if new == text && !had_bom => Outcome::Unchanged,
        Ok(new) => Outcome::Changed { old: text, new },
        Err(e) => Outcome::Failed(Diagnostic::new(
            Code::TomlSyntax,
            shown,
            pos_at(&text, e.offset.unwrap_or(0)),
            format!("TOML 语法错误,未格式化: {}", e.message.trim()),
            "先修正语法错误(qingli check 给出详情),再运行 qingli fmt",
        )),
    }
}

fn kind_of(rel: &str) -> FileKind {
    match register::classify(rel) {
        Some(FileKind::Laws) => FileKind::Laws,
        Some(FileKind::Calendar) => FileKind::Calendar,
        _ => FileKind::Document,
    }
}

pub(crate) fn run(args: &FmtArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    let targets: Vec<(PathBuf, String, FileKind)> = if args.files.is_empty() {
        let (files, _) = register::list_files(&root)?;
        files
            .into_iter()
            .filter(|(_, k)| *k != FileKind::Calendar)
            .map(|(rel, k)| (root.join(&rel), register::display_path(&root, &rel), k))
            .collect()
    } else {
        let canon_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        args.files
            .iter()
            .map(|p| {
                let rel = std::fs::canonicalize(p)
                    .ok()
                    .and_then(|c| c.strip_prefix(&canon_root).ok().map(|r| r.to_string_lossy().replace('\\', "/")))
                    .unwrap_or_default();
                (p.clone(), p.display().to_string(), kind_of(&rel))
            })
            .collect()
    };
    let results: Vec<Outcome> = targets.par_iter().map(|(path, shown, kind)| format_file(path, shown, *kind)).collect();
    let (mut changed, mut failed) = (0, 0);
    for ((path, shown, _), outcome) in targets.iter().zip(results) {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Failed(d) => {
                failed += 1;
                crate::render::diag::line(err, &d)?;
            }
            Outcome::Changed { old, new } => {
                changed += 1;
                if args.check {
                    view::needs_formatting(out, shown, &old, &new)?;
                } else {
                    fsx::write_atomic(path, new.as_bytes())?;
                    view::formatted(out, shown)?;
                }
            }
        }
    }
    view::summary(out, targets.len(), args.check, changed, failed)?;
    Ok(u8::from(failed > 0 || (args.check && changed > 0)))
}

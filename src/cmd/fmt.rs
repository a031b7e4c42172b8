//! `qingli fmt`: rewrite records into their canonical form (`canon`), and
//! document texts into theirs (`crate::text::canonical`: whitespace and
//! line ends only, never another character). A file that does not parse is
//! reported and never rewritten; writes are atomic; `--check` changes
//! nothing and lists what would change.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::cli::FmtArgs;
use crate::ctx::Ctx;
use crate::diag::{Code, Diagnostic};

use crate::load::walk::FileKind;
use crate::pos::{Pos, pos_at};
use crate::render::fmt as view;
use crate::write::atomic;
use crate::write::canon;

enum Outcome {
    Unchanged,
    /// `old` the text as read (after a BOM, when `bom`) from the file `id`,
    /// `new` the canonical text.
    Changed {
        bom: bool,
        old: String,
        new: String,
        id: atomic::FileId,
    },
    Failed(Diagnostic),
}

/// What a file to format is: a TOML file of a part, or a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Toml(FileKind),
    Text,
}

/// A text in its canonical form; one that is not UTF-8 is left as it is.
fn format_text(path: &Path, shown: &str) -> Outcome {
    let (bytes, id) = match basis(path, shown, "文本") {
        Ok(b) => b,
        Err(failed) => return failed,
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Outcome::Failed(Diagnostic::new(
            Code::TextUnreadable,
            shown,
            Pos::START,
            "文本不是有效的 UTF-8,未格式化",
            "用 qingli text add 从原文件重新读取,或用编辑器另存为 UTF-8",
        ));
    };
    let new = crate::text::canonical(&text);
    if new == text || new.is_empty() {
        return Outcome::Unchanged;
    }
    Outcome::Changed { bom: false, old: text, new, id }
}

/// The bytes and identity of the `what` (文件 or 文本) at `path`, the basis
/// of its rewrite; or why it could not be read.
fn basis(path: &Path, shown: &str, what: &str) -> Result<(Vec<u8>, atomic::FileId), Outcome> {
    let b = atomic::read_basis(path).map_err(|e| {
        Outcome::Failed(Diagnostic::new(Code::Io, shown, Pos::START, format!("无法读取{what}: {e}"), "检查路径和权限"))
    })?;
    Ok((b.bytes, b.id))
}

fn format_file(path: &Path, shown: &str, kind: FileKind) -> Outcome {
    let (bytes, id) = match basis(path, shown, "文件") {
        Ok(b) => b,
        Err(failed) => return failed,
    };
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = match crate::load::files::decode(bytes, shown) {
        Ok(t) => t,
        Err(d) => return Outcome::Failed(d),
    };
    if text.trim().is_empty() {
        // Never the basis of a write: an editor may be between truncating
        // the file and writing it.
        return Outcome::Failed(Diagnostic::new(
            Code::MissingKey,
            shown,
            crate::pos::Pos::START,
            "文件是空的,未格式化",
            "补全记录(标题、制定机关、发布日期);文件若正被另一个程序保存,稍后再运行",
        ));
    }
    match canon::canonical(&text, kind) {
        Ok(new) if new == text && !had_bom => Outcome::Unchanged,
        Ok(new) => Outcome::Changed { bom: had_bom, old: text, new, id },
        Err(e) => Outcome::Failed(Diagnostic::new(
            Code::TomlSyntax,
            shown,
            pos_at(&text, e.offset.unwrap_or(0)),
            format!("TOML 语法错误,未格式化: {}", e.message.trim()),
            "先修正语法错误(qingli check 给出详情),再运行 qingli fmt",
        )),
    }
}

/// A file to format: (path, path as shown, part).
type Target = (PathBuf, String, Part);

/// The files named on the command line: each must be a record or a law
/// table inside the register (never `qingli.toml`, a calendar, or a file
/// elsewhere), else it is refused with a diagnostic.
fn named_files(root: &Path, files: &[PathBuf]) -> Result<(Vec<Target>, Vec<Diagnostic>)> {
    let canon_root = std::fs::canonicalize(root).with_context(|| format!("无法访问 `{}`", root.display()))?;
    let mut targets = Vec::new();
    let mut refused = Vec::new();
    for p in files {
        let shown = p.display().to_string();
        let rel = std::fs::canonicalize(p)
            .ok()
            .and_then(|c| c.strip_prefix(&canon_root).ok().map(|r| r.to_string_lossy().replace('\\', "/")));
        let refuse = |message: &str, hint: &'static str| Diagnostic::new(Code::Io, &shown, Pos::START, message, hint);
        match rel.as_deref().map(|r| (r, crate::load::walk::classify(r))) {
            None => refused.push(refuse(
                "不在登记簿中(或不存在),未格式化",
                "qingli fmt 只整理登记簿内 documents/ 下的记录与文本和 laws/ 下的法律库",
            )),
            Some((_, Some(kind @ (FileKind::Document | FileKind::Laws)))) => {
                targets.push((p.clone(), shown, Part::Toml(kind)));
            }
            Some((r, None)) if r.starts_with("documents/") && r.ends_with(".txt") => {
                targets.push((p.clone(), shown, Part::Text));
            }
            Some((r, _)) => refused.push(refuse(
                &format!("`{r}` 不是记录文件或法律库,未格式化"),
                "qingli fmt 不改动 qingli.toml 和日历文件;只整理 documents/ 下的记录和 laws/ 下的法律库",
            )),
        }
    }
    Ok((targets, refused))
}

pub(crate) fn run(args: &FmtArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let root = ctx.root()?.to_path_buf();
    // Whether two targets may be the same file: named files may be, walked
    // ones only when the walk met a symbolic link.
    let (targets, refused, linked): (Vec<Target>, Vec<Diagnostic>, bool) = if args.files.is_empty() {
        let (files, walk, linked) = crate::load::walk::list_files_linked(&root)?;
        // A part of the register that resolves outside it is never written to.
        let outside: Vec<Diagnostic> = walk.into_iter().filter(|d| d.code == Code::PartOutsideRegister).collect();
        let texts = crate::load::walk::list_texts(&root)?;
        let targets = files
            .into_iter()
            .filter(|(_, k)| *k != FileKind::Calendar)
            .map(|(rel, k)| (rel, Part::Toml(k)))
            .chain(texts.into_iter().map(|rel| (rel, Part::Text)))
            .map(|(rel, k)| (root.join(&rel), crate::load::discover::display_path(&root, &rel), k))
            .collect();
        (targets, outside, linked)
    } else {
        let (targets, refused) = named_files(&root, &args.files)?;
        (targets, refused, true)
    };
    for d in &refused {
        crate::render::diag::line(err, d)?;
    }
    // A file reached by several paths (a record and a link to it) is
    // formatted once. Resolving every path (a `readlink` per folder of it)
    // was most of `fmt --check`'s system time: only done when needed.
    let targets: Vec<Target> = if linked {
        let mut seen = std::collections::HashSet::new();
        targets
            .into_iter()
            .filter(|(p, _, _)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
            .collect()
    } else {
        targets
    };
    let results: Vec<Outcome> = targets
        .par_iter()
        .map(|(path, shown, part)| match part {
            Part::Toml(kind) => format_file(path, shown, *kind),
            Part::Text => format_text(path, shown),
        })
        .collect();
    let (mut changed, mut failed) = (0, refused.len());
    let (documents, laws) = (root.join(crate::load::walk::DOCUMENTS), root.join("laws"));
    let part_of =
        |_: &Path, part: Part| if part == Part::Toml(FileKind::Laws) { laws.as_path() } else { documents.as_path() };
    for ((path, shown, kind), outcome) in targets.iter().zip(results) {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Failed(d) => {
                failed += 1;
                crate::render::diag::line(err, &d)?;
            }
            Outcome::Changed { bom, old, new, id } => {
                changed += 1;
                if args.check {
                    view::needs_formatting(out, shown, &old, &new)?;
                } else {
                    let read: &[&[u8]] = if bom { &[b"\xEF\xBB\xBF", old.as_bytes()] } else { &[old.as_bytes()] };
                    let expected = atomic::Expected { inside: part_of(&root, *kind), pieces: read, id };
                    match atomic::replace_if_unchanged(path, &expected, new.as_bytes())? {
                        atomic::Replaced::Written => view::formatted(out, shown)?,
                        atomic::Replaced::ChangedMeanwhile => {
                            changed -= 1;
                            failed += 1;
                            view::changed_meanwhile(err, shown)?;
                        }
                    }
                }
            }
        }
    }
    view::summary(out, targets.len() + refused.len(), args.check, changed, failed)?;
    Ok(u8::from(failed > 0 || (args.check && changed > 0)))
}

//! The document texts beside the records (`documents/…/<id>.txt`), read
//! once and checked as files ([`read`]): a text with no record of the same
//! name beside it (`orphan-text`), a text that is not valid UTF-8
//! (`text-unreadable`).
//! [`of_record`] reads the text of one record, for `scan`, `check`'s
//! comparison with the record and `review --explain`: a text never changes
//! a verdict, and every command works the same with or without texts.

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::load::discover::display_path;
use crate::pos::{Pos, pos_at};

/// The record a text belongs to: the same path ending in `.toml`.
pub(crate) fn record_of(text_rel: &str) -> String {
    format!("{}.toml", text_rel.strip_suffix(".txt").unwrap_or(text_rel))
}

/// The text beside a record, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextOf {
    /// The record has no text.
    None,
    /// A text that cannot be read (not UTF-8, no permission): why, in Chinese.
    Unreadable(String),
    Text(String),
}

/// The path of the text of the record at `record_rel`.
pub(crate) fn text_of(record_rel: &str) -> String {
    format!("{}.txt", record_rel.strip_suffix(".toml").unwrap_or(record_rel))
}

/// Reads the text of the record at `record_rel` under `root`.
pub(crate) fn of_record(root: &Path, record_rel: &str) -> TextOf {
    match with_record_text(root, record_rel, str::to_owned) {
        Ok(Some(t)) => TextOf::Text(t),
        Ok(None) => TextOf::None,
        Err(why) => TextOf::Unreadable(why),
    }
}

/// Reads the text of the record at `record_rel` under `root` and hands it
/// to `f`, checked as UTF-8 in place (simdutf8; `scan` reads every text):
/// `Ok(None)` when the record has no text, `Err(why)` (in Chinese) when it
/// cannot be read.
pub(crate) fn with_record_text<T>(
    root: &Path,
    record_rel: &str,
    f: impl FnOnce(&str) -> T,
) -> Result<Option<T>, String> {
    let bytes = match std::fs::read(root.join(text_of(record_rel))) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("无法读取文本: {e}")),
    };
    match simdutf8::compat::from_utf8(&bytes) {
        Ok(text) => Ok(Some(f(text))),
        Err(e) => Err(format!("文本不是有效的 UTF-8(第 {} 个字节起),运行 qingli check 查看", e.valid_up_to() + 1)),
    }
}

/// The texts under `root`'s `documents/` (`walk::list_texts`).
pub(crate) fn list(root: &Path) -> Result<Vec<String>> {
    crate::load::walk::list_texts(root)
}

/// The texts `texts` (listed by [`list`]), each read once and handed with
/// its path to `each` (in parallel; no text is kept after it): their
/// problems as files, and what `each` made of the readable ones that have
/// a record beside them. `loaded` says whether a record (by its path) was
/// loaded: only for the others is the disk asked whether it is there.
pub(crate) fn read<T: Send>(
    root: &Path,
    texts: &[String],
    loaded: impl Fn(&str) -> bool + Sync,
    each: impl Fn(&str, &str) -> Option<T> + Sync,
) -> (Vec<Diagnostic>, Vec<T>) {
    let (read, problems): (Vec<_>, Vec<_>) =
        texts.par_iter().map(|rel| read_one(root, rel, &loaded, &each)).partition(Result::is_ok);
    (
        problems.into_iter().filter_map(Result::err).collect(),
        read.into_iter().filter_map(Result::ok).flatten().collect(),
    )
}

/// The records that have a text among `texts`, in register order.
pub(crate) fn with_text(reg: &crate::load::register::Register, texts: &[String]) -> Vec<usize> {
    let texts: std::collections::HashSet<&str> = texts.iter().map(String::as_str).collect();
    (0..reg.documents.len()).filter(|&i| texts.contains(text_of(&reg.documents[i].path).as_str())).collect()
}

fn read_one<T>(
    root: &Path,
    rel: &str,
    loaded: &impl Fn(&str) -> bool,
    each: &impl Fn(&str, &str) -> Option<T>,
) -> Result<Option<T>, Diagnostic> {
    let shown = display_path(root, rel);
    let record = record_of(rel);
    if !loaded(&record) && root.join(&record).symlink_metadata().is_err() {
        let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".txt");
        return Err(Diagnostic::new(
            Code::OrphanText,
            &shown,
            Pos::START,
            format!("旁边没有记录 `{stem}.toml`,这份文本不属于任何文件"),
            "文本与记录同名、放在同一目录;记录改名后请把文本一起改名,或用 qingli text add 重新加入",
        ));
    }
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            return Err(Diagnostic::new(Code::Io, &shown, Pos::START, format!("无法读取文本: {e}"), "检查文件权限"));
        }
    };
    let e = match simdutf8::compat::from_utf8(&bytes) {
        Ok(text) => return Ok(each(rel, text)),
        Err(e) => e,
    };
    let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
    let bad = bytes[e.valid_up_to()..].iter().take(4).fold(String::new(), |mut s, b| {
        s.push_str(&format!("\\x{b:02X}"));
        s
    });
    Err(Diagnostic::new(
        Code::TextUnreadable,
        &shown,
        pos_at(valid, valid.len()),
        format!("文本不是有效的 UTF-8(从字节 `{bad}` 起),可能是 GBK 编码"),
        "用 qingli text add 从原文件重新读取(会自动识别 GBK),或用编辑器另存为 UTF-8",
    ))
}

//! Output sets: the files one run of `catalog` or `site` writes into an
//! output folder, as a set that survives a kill and never deletes outside.
//!
//! - A marker in the folder (`.qingli-catalog`, `.qingli-site`) lists each
//!   file the last run wrote with its SHA-256. The next run removes the
//!   files it no longer writes — never following a link, never a path that
//!   leads out of the folder, and never a file changed since qingli wrote
//!   it (that one is kept and named).
//! - Files replaced as a set ([`OutDir::replace_set`]) are first written
//!   whole to temporary files; a journal (`.qingli-journal`) then lists the
//!   renames before any is made. A run killed during the renames leaves the
//!   journal: the next run completes the set from it before writing.
//! - A site's marker says "in progress" while its pages are written; after
//!   a kill the next run removes the temporary files the dead run left
//!   anywhere in the folder and rewrites every page.
//! - Temporary files of a run killed while staging (`.qingli-*.tmp`,
//!   previous versions kept aside `.qingli-*.old`, a site's staging folder)
//!   are removed before anything is written.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::write::atomic::{self, Staged, sha256};

/// The journal of a set being renamed into place.
const JOURNAL: &str = ".qingli-journal";
const JOURNAL_HEADER: &str = "# qingli: an output set being renamed into place (do not edit)";
/// The first line of a marker whose run has not finished.
const IN_PROGRESS: &str = "# in progress";

/// A path a marker or journal may name: relative, plain components only,
/// none hidden (so never the marker, the journal or a temporary file).
pub(crate) fn safe_relative(line: &str) -> bool {
    let p = Path::new(line);
    !line.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// One file a marker lists: its path and, when known, its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    path: String,
    sha256: Option<String>,
}

/// Parses a marker: `<sha256>  <path>` lines (`-` for an unknown hash); a
/// bare path is a marker of an earlier version.
fn parse_marker(text: &str) -> (bool, Vec<Listed>) {
    let interrupted = text.lines().any(|l| l == IN_PROGRESS);
    let listed = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| match l.split_once("  ") {
            Some(("-", p)) => Listed { path: p.to_owned(), sha256: None },
            Some((h, p)) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Listed { path: p.to_owned(), sha256: Some(h.to_owned()) }
            }
            _ => Listed { path: l.to_owned(), sha256: None },
        })
        .filter(|l| safe_relative(&l.path))
        .collect();
    (interrupted, listed)
}

/// An output folder and what the previous run left in it.
pub(crate) struct OutDir {
    dir: PathBuf,
    marker: &'static str,
    previous: Vec<Listed>,
    /// Whether the folder held a marker (a folder this kind of run wrote).
    pub(crate) had_marker: bool,
    /// What was done to recover from an interrupted run, for the report.
    pub(crate) recovered: Vec<String>,
}

/// What [`OutDir::finish`] did with the files of the previous run.
#[derive(Debug, Default)]
pub(crate) struct Finished {
    pub(crate) removed: usize,
    /// Files of the previous run that this one does not write but that
    /// were changed (or replaced by a link) since: kept.
    pub(crate) kept: Vec<String>,
}

impl OutDir {
    /// Opens `dir` (created when missing) for a set tracked by `marker`:
    /// completes a set an interrupted run was renaming, removes the
    /// temporary files it left, and reads the previous run's marker.
    pub(crate) fn open(dir: &Path, marker: &'static str) -> Result<OutDir> {
        match dir.symlink_metadata() {
            Err(_) => std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 `{}`", dir.display()))?,
            Ok(m) if m.is_dir() => {}
            Ok(m) if m.file_type().is_symlink() && dir.is_dir() => {}
            Ok(_) => bail!("`{}` 不是目录", dir.display()),
        }
        let mut out =
            OutDir { dir: dir.to_path_buf(), marker, previous: Vec::new(), had_marker: false, recovered: Vec::new() };
        out.complete_journal()?;
        let text = match std::fs::read_to_string(dir.join(marker)) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("无法读取 `{}`", dir.join(marker).display())),
        };
        let interrupted = text.as_deref().is_some_and(|t| parse_marker(t).0);
        out.remove_temporaries(interrupted)?;
        if let Some(text) = text {
            out.had_marker = true;
            out.previous = parse_marker(&text).1;
            if interrupted {
                out.recovered.push("上次运行在写入期间被中断;本次重新写出全部文件,并删除了它留下的临时文件".to_owned());
            }
        }
        Ok(out)
    }

    /// Whether the folder holds anything but what qingli left.
    pub(crate) fn is_empty(&self) -> Result<bool> {
        let entries =
            std::fs::read_dir(&self.dir).with_context(|| format!("无法读取输出目录 `{}`", self.dir.display()))?;
        Ok(entries.flatten().next().is_none())
    }

    /// Finishes the renames a killed run journalled: each staged file still
    /// waiting is moved into place (its previous version aside), then the
    /// previous versions and the journal are removed.
    fn complete_journal(&mut self) -> Result<()> {
        let path = self.dir.join(JOURNAL);
        let Ok(text) = std::fs::read_to_string(&path) else { return Ok(()) };
        let mut completed = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(tmp), Some(aside), Some(target)) = (parts.next(), parts.next(), parts.next()) else { continue };
            if !(is_temp_file_name(tmp) && is_temp_file_name(aside) && safe_relative(target)) {
                continue;
            }
            let (tmp, aside, target) = (self.dir.join(tmp), self.dir.join(aside), self.dir.join(target));
            if !tmp.symlink_metadata().is_ok_and(|m| m.is_file()) {
                continue; // already in place
            }
            if target.symlink_metadata().is_ok() && aside.symlink_metadata().is_err() {
                std::fs::rename(&target, &aside)
                    .with_context(|| format!("无法保留 `{}` 的旧版本", target.display()))?;
            }
            std::fs::rename(&tmp, &target).with_context(|| format!("无法写出 `{}`", target.display()))?;
            completed += 1;
        }
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some(aside) = line.split('\t').nth(1).filter(|a| is_temp_file_name(a)) {
                remove_plain_file(&self.dir.join(aside));
            }
        }
        std::fs::remove_file(&path).with_context(|| format!("无法删除 `{}`", path.display()))?;
        self.recovered.push(format!("上次运行在替换文件期间被中断;已按记录完成那一组文件的替换({completed} 个)"));
        Ok(())
    }

    /// Removes qingli's temporary files from the folder (and, after an
    /// interrupted run, from every folder inside it), never following a link.
    fn remove_temporaries(&mut self, everywhere: bool) -> Result<()> {
        let removed = remove_temporaries_in(&self.dir, everywhere)?;
        if removed > 0 {
            self.recovered.push(format!("删除了上次被中断的运行留下的 {removed} 个临时文件"));
        }
        Ok(())
    }

    /// Marks the folder's set as being written: listed are the previous
    /// run's files and `paths` (this run's), so a run killed now leaves a
    /// marker the next run recovers from.
    pub(crate) fn begin(&self, paths: &[&str]) -> Result<()> {
        let mut text = format!("# qingli: files written to this folder (do not edit)\n{IN_PROGRESS}\n");
        for l in &self.previous {
            text.push_str(&format!("{}  {}\n", l.sha256.as_deref().unwrap_or("-"), l.path));
        }
        for p in paths {
            text.push_str(&format!("-  {p}\n"));
        }
        atomic::create_or_replace(&self.dir.join(self.marker), text.as_bytes())
    }

    /// Replaces `staged` (files directly in this folder) as one set: the
    /// journal is written first, then each previous version is moved aside
    /// and the new file renamed into place; a failed rename restores them all.
    pub(crate) fn replace_set(&self, staged: Vec<Staged>) -> Result<()> {
        let mut journal = format!("{JOURNAL_HEADER}\n");
        let mut asides = Vec::new();
        for file in &staged {
            let aside = tempfile::Builder::new()
                .prefix(".qingli-")
                .suffix(".old")
                .tempfile_in(&self.dir)
                .with_context(|| format!("无法在 `{}` 中保留旧版本", self.dir.display()))?
                .into_temp_path();
            let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            journal.push_str(&format!("{}\t{}\t{}\n", name(file.temp_path()), name(&aside), name(file.target())));
            asides.push(aside);
        }
        atomic::create_or_replace(&self.dir.join(JOURNAL), journal.as_bytes())?;
        let result = atomic::replace_set(staged.into_iter().zip(asides).collect());
        std::fs::remove_file(self.dir.join(JOURNAL)).with_context(|| format!("无法删除 `{JOURNAL}`"))?;
        result
    }

    /// Ends the run: removes the previous run's files that this one did not
    /// write (`written`: relative paths and SHA-256, sorted by path) and
    /// writes the marker listing `written`.
    pub(crate) fn finish(&self, written: &[(&str, String)]) -> Result<Finished> {
        let mut done = Finished::default();
        for stale in self.previous.iter().filter(|l| written.binary_search_by(|(p, _)| (*p).cmp(&l.path)).is_err()) {
            match self.stale(stale) {
                Stale::Gone => {}
                Stale::Removed => done.removed += 1,
                Stale::Kept => done.kept.push(stale.path.clone()),
            }
        }
        let mut text = String::from("# qingli: files written to this folder by the last run (do not edit)\n");
        for (path, hash) in written {
            text.push_str(hash);
            text.push_str("  ");
            text.push_str(path);
            text.push('\n');
        }
        atomic::create_or_replace(&self.dir.join(self.marker), text.as_bytes())?;
        Ok(done)
    }

    /// Removes one file of the previous run, if it is still what qingli
    /// wrote: every folder on its way a real folder inside this one (no
    /// link followed), the file itself a regular file with the listed hash.
    fn stale(&self, listed: &Listed) -> Stale {
        let mut path = self.dir.clone();
        let parts: Vec<&str> = listed.path.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            let Ok(meta) = path.symlink_metadata() else { return Stale::Gone };
            let last = i + 1 == parts.len();
            if meta.file_type().is_symlink() || (!last && !meta.is_dir()) {
                return Stale::Kept;
            }
            if last && !meta.is_file() {
                return Stale::Kept;
            }
        }
        if let Some(want) = &listed.sha256
            && std::fs::read(&path).map(|b| sha256(&b)).ok().as_ref() != Some(want)
        {
            return Stale::Kept;
        }
        if std::fs::remove_file(&path).is_ok() { Stale::Removed } else { Stale::Kept }
    }
}

/// Removes qingli's temporary files and staging folders in `dir` (and in
/// its sub-folders when `deep`), never entering a link. How many.
fn remove_temporaries_in(dir: &Path, deep: bool) -> Result<usize> {
    let mut removed = 0;
    let entries = std::fs::read_dir(dir).with_context(|| format!("无法读取 `{}`", dir.display()))?;
    for entry in entries.flatten() {
        let Ok(ty) = entry.file_type() else { continue };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        if ty.is_dir() && name.starts_with(".qingli-staging-") {
            std::fs::remove_dir_all(&path).with_context(|| format!("无法删除上次运行留下的 `{}`", path.display()))?;
            removed += 1;
        } else if ty.is_file() && is_temp_file_name(&name) {
            std::fs::remove_file(&path).with_context(|| format!("无法删除上次运行留下的 `{}`", path.display()))?;
            removed += 1;
        } else if deep && ty.is_dir() {
            removed += remove_temporaries_in(&path, true)?;
        }
    }
    Ok(removed)
}

enum Stale {
    Gone,
    Removed,
    Kept,
}

/// Whether `name` is one of qingli's temporary file names.
fn is_temp_file_name(name: &str) -> bool {
    crate::load::walk::is_temp_name(name) && !name.contains(['/', '\\'])
}

fn remove_plain_file(path: &Path) {
    if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_listed() {
        for ok in ["index.html", "docs/a.html", "清理结果.html"] {
            assert!(safe_relative(ok), "{ok}");
        }
        for bad in ["", "/etc/passwd", "../x", "docs/../../x", ".qingli-site", ".git/config", "docs/.hidden", "./a"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn markers_of_both_versions_parse() {
        let h = "a".repeat(64);
        let text = format!("# header\n{h}  index.html\n-  docs/a.html\nold/format.html\n../escape\n");
        let (interrupted, listed) = parse_marker(&text);
        assert!(!interrupted);
        assert_eq!(
            listed,
            vec![
                Listed { path: "index.html".into(), sha256: Some(h.clone()) },
                Listed { path: "docs/a.html".into(), sha256: None },
                Listed { path: "old/format.html".into(), sha256: None },
            ]
        );
        assert!(parse_marker(&format!("# x\n{IN_PROGRESS}\n")).0);
    }
}

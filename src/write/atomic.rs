//! The write path: every file qingli writes goes through here.
//!
//! - A file is first written whole to a temporary file in the destination
//!   folder, created with an unpredictable short name and `O_EXCL` (the
//!   `tempfile` crate: no planted file or symlink is ever followed or
//!   overwritten), flushed to disk, then renamed over the target. Every
//!   error path removes the temporary file.
//! - [`create_new`] never replaces an existing file.
//! - [`replace_if_unchanged`] edits a file in place only if its bytes are
//!   still those that were read (a file changed by someone else meanwhile is
//!   never overwritten), keeping its permission bits; a symbolic link is
//!   written through to its target, never replaced by a copy.
//! - [`replace_set`] replaces several files as a set: all are written first,
//!   then renamed; if one rename fails, the files already replaced are
//!   restored from the previous versions kept until the end, so the folder
//!   never mixes two runs.
//!
//! - [`replace_generated`] replaces a generated file (a site page) without
//!   waiting for the disk: a rerun reproduces it.
//!
//! With the `test-hooks` feature (`cargo test` only) the fault hooks of
//! [`crate::hooks`] fail a rename of a set or change a file between the
//! read and the check of [`replace_if_unchanged`].

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// A file written whole to its temporary name, waiting to be renamed.
pub(crate) struct Staged {
    tmp: tempfile::TempPath,
    target: PathBuf,
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Writes the output of `fill` to a new temporary file beside `path`.
pub(crate) fn stage(path: &Path, fill: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>) -> Result<Staged> {
    let dir = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".qingli-").suffix(".tmp");
    // A finished file is an ordinary file (rw-r--r--), not a private temporary one.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let tmp = builder.tempfile_in(dir).with_context(|| format!("无法在 `{}` 中创建临时文件", dir.display()))?;
    let (file, tmp) = tmp.into_parts();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
    fill(&mut w).with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    let file = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    file.sync_all().with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    Ok(Staged { tmp, target: path.to_path_buf() })
}

impl Staged {
    /// Renames the temporary file over the target.
    pub(crate) fn commit(self) -> Result<()> {
        let target = self.target;
        self.tmp.persist(&target).map_err(|e| e.error).with_context(|| format!("无法替换 `{}`", target.display()))
    }

    /// Renames the temporary file to the target only if no file is there.
    fn commit_new(self) -> Result<()> {
        let target = self.target;
        self.tmp.persist_noclobber(&target).map_err(|e| e.error).with_context(|| {
            if target.exists() {
                format!("`{}` 已存在,不会覆盖", target.display())
            } else {
                format!("无法创建 `{}`", target.display())
            }
        })
    }
}

/// Replaces `path` with `bytes` atomically (a temporary file beside it,
/// renamed over it; a link at `path` is replaced, not followed), without
/// waiting for the disk (no `fsync`): for generated files that a rerun
/// reproduces, such as the thousands of pages of `qingli site`.
pub(crate) fn replace_generated(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".qingli-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir).with_context(|| format!("无法在 `{}` 中创建临时文件", dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("无法写出 `{}`", path.display()))?;
    Ok(())
}

/// Creates `path` with `bytes` only if it does not exist yet (atomically:
/// the content appears whole or not at all). Fails when it exists.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        bail!("`{}` 已存在,不会覆盖", path.display());
    }
    stage(path, |w| w.write_all(bytes))?.commit_new()
}

/// What [`replace_if_unchanged`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replaced {
    Written,
    /// The file's bytes are no longer those that were read: left as it is.
    ChangedMeanwhile,
}

/// Replaces `path`'s content with `new` if the file still holds exactly
/// the bytes it was read with (`expected`, in pieces), keeping its
/// permission bits. A symbolic link is followed and its target written.
pub(crate) fn replace_if_unchanged(path: &Path, expected: &[&[u8]], new: &[u8]) -> Result<Replaced> {
    let real = std::fs::canonicalize(path).with_context(|| format!("无法访问 `{}`", path.display()))?;
    let permissions = std::fs::metadata(&real).with_context(|| format!("无法访问 `{}`", path.display()))?.permissions();
    if permissions.readonly() {
        bail!("`{}` 是只读文件,未修改\n提示: 确认可以修改它(例如 chmod u+w)后再试", path.display());
    }
    let staged = stage(&real, |w| w.write_all(new))?;
    std::fs::set_permissions(&staged.tmp, permissions)
        .with_context(|| format!("无法设置 `{}` 的权限", path.display()))?;
    crate::hooks::change_before_rename(&real);
    // Just before the rename: is it still the file that was read?
    if !holds(&real, expected).with_context(|| format!("无法读取 `{}`", path.display()))? {
        return Ok(Replaced::ChangedMeanwhile);
    }
    staged.commit()?;
    Ok(Replaced::Written)
}

/// Whether the file holds exactly the concatenation of `pieces`, compared
/// in blocks (never a second copy of a large file in memory). Opened
/// without waiting: a file replaced by a pipe meanwhile is not the file
/// that was read, and opening a pipe to read would wait for a writer.
fn holds(path: &Path, pieces: &[&[u8]]) -> std::io::Result<bool> {
    use std::io::Read;
    let mut file = crate::load::files::open_without_waiting(path)?;
    let meta = file.metadata()?;
    let total: usize = pieces.iter().map(|p| p.len()).sum();
    if !meta.is_file() || usize::try_from(meta.len()).ok() != Some(total) {
        return Ok(false);
    }
    let mut block = vec![0u8; 1 << 16];
    for piece in pieces {
        let mut rest = *piece;
        while !rest.is_empty() {
            let n = rest.len().min(block.len());
            file.read_exact(&mut block[..n])?;
            if block[..n] != rest[..n] {
                return Ok(false);
            }
            rest = &rest[n..];
        }
    }
    Ok(file.read(&mut block[..1])? == 0)
}

/// Replaces every staged file as one set. The previous version of each
/// target is moved aside first (to a temporary name of its own) and kept
/// until all renames are done; if one fails, the targets already replaced
/// get their previous version back (or are removed when there was none),
/// and the error names every file and the state the folder is in.
pub(crate) fn replace_set(staged: Vec<Staged>) -> Result<()> {
    // (target, previous version moved aside, if there was one)
    let mut done: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    for (n, file) in staged.into_iter().enumerate() {
        let target = file.target.clone();
        let result = (|| -> Result<Option<tempfile::TempPath>> {
            let previous = if target.symlink_metadata().is_ok() {
                // Reserve a fresh name (O_EXCL), then move the old version onto it.
                let aside = tempfile::Builder::new()
                    .prefix(".qingli-")
                    .suffix(".old")
                    .tempfile_in(folder_of(&target))
                    .with_context(|| format!("无法在 `{}` 旁保留旧版本", target.display()))?
                    .into_temp_path();
                std::fs::rename(&target, &aside)
                    .with_context(|| format!("无法保留 `{}` 的旧版本", target.display()))?;
                Some(aside)
            } else {
                None
            };
            let renamed = crate::hooks::fail_rename(n + 1).map_err(anyhow::Error::from).and_then(|()| file.commit());
            if let Err(e) = renamed {
                if let Some(aside) = &previous {
                    let _ = std::fs::rename(aside, &target);
                }
                return Err(e);
            }
            Ok(previous)
        })();
        match result {
            Ok(previous) => done.push((target, previous)),
            Err(e) => {
                let mut restored = Vec::new();
                let mut lost = Vec::new();
                for (t, previous) in done.iter().rev() {
                    let ok = match previous {
                        Some(aside) => std::fs::rename(aside, t).is_ok(),
                        None => std::fs::remove_file(t).is_ok(),
                    };
                    if ok { &mut restored } else { &mut lost }.push(t.display().to_string());
                }
                let mut message = format!("无法写出 `{}`: {e:#}", target.display());
                if lost.is_empty() {
                    message.push_str("\n输出目录已恢复为本次运行之前的状态,没有混合两次运行的文件");
                    if !restored.is_empty() {
                        message.push_str(&format!("(已恢复: {})", restored.join("、")));
                    }
                } else {
                    message.push_str(&format!(
                        "\n警告: 以下文件未能恢复为旧版本,输出目录中新旧文件混合,请删除整个目录后重新生成: {}",
                        lost.join("、")
                    ));
                }
                bail!("{message}");
            }
        }
    }
    // Every file is in place: the previous versions are dropped (deleted).
    drop(done);
    Ok(())
}

//! The write path: every file qingli writes goes through here.
//!
//! - A file is first written whole to a temporary file in the destination
//!   folder, created with an unpredictable short name and `O_EXCL` (the
//!   `tempfile` crate: no planted file or symlink is ever followed or
//!   overwritten), flushed to disk, then renamed over the target. Every
//!   error path removes the temporary file.
//! - [`create_new`] never replaces an existing file.
//! - [`replace_if_unchanged`] is the one in-place edit (`decide`, the
//!   interactive review, `fmt`, `import --update`): it writes only if the
//!   file is still the one that was read ([`read_basis`]: the same bytes and
//!   the same inode, checked just before the rename), never on the basis of
//!   an empty file, keeping its permission bits; a symbolic link is written
//!   through to its target only while that target is inside the register.
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
    sha256: String,
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A new temporary file in `dir`: a short unpredictable `.qingli-*.tmp`
/// name, created with `O_EXCL`, and (once renamed) an ordinary file
/// (rw-r--r--), not a private temporary one.
fn temp_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".qingli-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    builder.tempfile_in(dir).with_context(|| format!("无法在 `{}` 中创建临时文件", dir.display()))
}

/// Writes the output of `fill` to a new temporary file beside `path`.
pub(crate) fn stage(path: &Path, fill: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>) -> Result<Staged> {
    let dir = folder_of(path);
    let tmp = temp_in(dir)?;
    let (file, tmp) = tmp.into_parts();
    let mut w = Hashing::new(std::io::BufWriter::with_capacity(1 << 16, file));
    fill(&mut w).with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    let (w, sha256) = w.finish();
    let file = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    file.sync_all().with_context(|| format!("无法写入 `{}` 的临时文件", path.display()))?;
    Ok(Staged { tmp, target: path.to_path_buf(), sha256 })
}

/// Replaces `path` with `bytes` atomically and durably (a temporary file
/// beside it, flushed to disk, renamed over it).
pub(crate) fn create_or_replace(path: &Path, bytes: &[u8]) -> Result<()> {
    stage(path, |w| w.write_all(bytes))?.commit()
}

impl Staged {
    /// The temporary file it is written to.
    pub(crate) fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// The file it will replace.
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// The SHA-256 of its content, in hex.
    pub(crate) fn sha256(&self) -> &str {
        &self.sha256
    }

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
    let mut tmp = temp_in(dir)?;
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

/// A temporary file beside `path` for a report written with `--output`.
pub(crate) fn report_file(path: &Path) -> Result<tempfile::NamedTempFile> {
    temp_in(folder_of(path))
}

/// Puts a finished report in place: flushed to disk, renamed over `path`.
pub(crate) fn finish_report(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.as_file().sync_all().with_context(|| format!("无法写入 `{}`", path.display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("无法写出 `{}`", path.display()))?;
    Ok(())
}

/// What [`replace_if_unchanged`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replaced {
    Written,
    /// The file's bytes are no longer those that were read: left as it is.
    ChangedMeanwhile,
}

/// The identity of a file (device and inode on Unix): a file replaced by
/// another one (an editor saving by rename) has a new identity even when
/// its bytes are the same. `None` where the platform does not say.
pub(crate) type FileId = Option<(u64, u64)>;

#[allow(clippy::unnecessary_wraps, reason = "None on platforms without inodes")]
fn id_of(meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// A file's bytes as read for an in-place edit, and the identity of the
/// file they were read from.
pub(crate) struct Basis {
    pub(crate) bytes: Vec<u8>,
    pub(crate) id: FileId,
}

/// Reads `path` for an in-place edit: its bytes and its identity, from one
/// open file (opened without waiting: a pipe is refused, not waited on).
pub(crate) fn read_basis(path: &Path) -> std::io::Result<Basis> {
    use std::io::Read;
    let file = crate::load::files::open_without_waiting(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("不是普通文件"));
    }
    let mut bytes = Vec::new();
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(Basis { bytes, id: id_of(&meta) })
}

/// What an in-place edit expects to find: the file still under `inside`
/// (its real path, links resolved now), holding exactly `pieces`
/// (concatenated), and, when known, the same file (`id`).
pub(crate) struct Expected<'a> {
    pub(crate) inside: &'a Path,
    pub(crate) pieces: &'a [&'a [u8]],
    pub(crate) id: FileId,
}

/// Replaces `path`'s content with `new` if the file is still the one that
/// was read (see [`Expected`]), keeping its permission bits. A symbolic
/// link is followed and its target written, but only when the target is
/// inside `expected.inside`: a record swapped for a link to a file outside
/// the register after it was loaded is refused. An empty (or blank) file is
/// never the basis of a write: an editor that truncates and then writes may
/// be between the two.
pub(crate) fn replace_if_unchanged(path: &Path, expected: &Expected<'_>, new: &[u8]) -> Result<Replaced> {
    if expected.pieces.iter().all(|p| p.iter().all(u8::is_ascii_whitespace)) {
        bail!(
            "`{}` 是空文件(可能正被另一个程序写入),未修改\n提示: 稍后重新运行;若它确实是空的,请先补全记录",
            path.display()
        );
    }
    let real = std::fs::canonicalize(path).with_context(|| format!("无法访问 `{}`", path.display()))?;
    let inside =
        std::fs::canonicalize(expected.inside).with_context(|| format!("无法访问 `{}`", expected.inside.display()))?;
    if !real.starts_with(&inside) {
        bail!(
            "`{}` 现在指向 `{}` 之外的 `{}`,拒绝写入\n提示: 有人把记录换成了指向别处的链接;检查这个文件,恢复为普通的记录文件后再试",
            path.display(),
            expected.inside.display(),
            real.display()
        );
    }
    let permissions = std::fs::metadata(&real).with_context(|| format!("无法访问 `{}`", path.display()))?.permissions();
    if permissions.readonly() {
        bail!("`{}` 是只读文件,未修改\n提示: 确认可以修改它(例如 chmod u+w)后再试", path.display());
    }
    let staged = stage(&real, |w| w.write_all(new))?;
    std::fs::set_permissions(&staged.tmp, permissions)
        .with_context(|| format!("无法设置 `{}` 的权限", path.display()))?;
    crate::hooks::change_before_rename(&real);
    // Just before the rename: is it still the file that was read?
    if !holds(&real, expected.pieces, expected.id).with_context(|| format!("无法读取 `{}`", path.display()))? {
        return Ok(Replaced::ChangedMeanwhile);
    }
    staged.commit()?;
    Ok(Replaced::Written)
}

/// Whether the file holds exactly the concatenation of `pieces`, compared
/// in blocks (never a second copy of a large file in memory). Opened
/// without waiting: a file replaced by a pipe meanwhile is not the file
/// that was read, and opening a pipe to read would wait for a writer.
fn holds(path: &Path, pieces: &[&[u8]], id: FileId) -> std::io::Result<bool> {
    use std::io::Read;
    let mut file = crate::load::files::open_without_waiting(path)?;
    let meta = file.metadata()?;
    let total: usize = pieces.iter().map(|p| p.len()).sum();
    let same_file = id.is_none() || id_of(&meta) == id;
    if !meta.is_file() || !same_file || usize::try_from(meta.len()).ok() != Some(total) {
        return Ok(false);
    }
    let mut block = vec![0u8; 1 << 16];
    for piece in pieces {
        let mut rest = *piece;
        while !rest.is_empty() {
            let n = rest.len().min(block.len());
            match file.read_exact(&mut block[..n]) {
                Ok(()) => {}
                // Cut short since its size was read: someone is writing it.
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
                Err(e) => return Err(e),
            }
            if block[..n] != rest[..n] {
                return Ok(false);
            }
            rest = &rest[n..];
        }
    }
    Ok(file.read(&mut block[..1])? == 0)
}

/// Replaces every staged file as one set. Each is paired with a name
/// reserved beside it (`O_EXCL`) for its target's previous version, which
/// is moved there first and kept until all renames are done; if one fails,
/// the targets already replaced get their previous version back (or are
/// removed when there was none), and the error names every file and the
/// state the folder is in. (`outset` journals the names first, so that a
/// run killed here is completed by the next one.)
pub(crate) fn replace_set(staged: Vec<(Staged, tempfile::TempPath)>) -> Result<()> {
    // (target, previous version moved aside, if there was one)
    let mut done: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    for (n, (file, aside)) in staged.into_iter().enumerate() {
        let target = file.target.clone();
        let result = (|| -> Result<Option<tempfile::TempPath>> {
            let previous = if target.symlink_metadata().is_ok() {
                std::fs::rename(&target, &aside)
                    .with_context(|| format!("无法保留 `{}` 的旧版本", target.display()))?;
                Some(aside)
            } else {
                drop(aside);
                None
            };
            crate::hooks::killed_during_renames(n + 1);
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

/// A file's SHA-256, in hex (the hash an output set's marker lists).
pub(crate) fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hash: sha2::Sha256,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing { inner, hash: <sha2::Sha256 as sha2::Digest>::new() }
    }

    /// The inner writer and the SHA-256 of everything written.
    fn finish(self) -> (W, String) {
        (self.inner, hex(&sha2::Digest::finalize(self.hash)))
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        sha2::Digest::update(&mut self.hash, &buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let mut w = Hashing::new(Vec::new());
        w.write_all(b"abc").unwrap();
        assert_eq!(w.finish().1, sha256(b"abc"));
    }
}

//! Atomic file writes: write a temporary file beside the target, flush it to
//! disk, then rename it over the target. A failed write leaves the original
//! untouched and removes the temporary file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Streams the output of `fill` to `path` atomically (buffered), so large
/// files never have to be built in memory first.
pub(crate) fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "qingli".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.qingli-tmp-{}", std::process::id()));
    let result = (|| -> Result<()> {
        let f = std::fs::File::create(&tmp).with_context(|| format!("无法创建临时文件 `{}`", tmp.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut w).with_context(|| format!("无法写入 `{}`", tmp.display()))?;
        let f = w
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .with_context(|| format!("无法写入 `{}`", tmp.display()))?;
        f.sync_all().with_context(|| format!("无法写入 `{}`", tmp.display()))?;
        std::fs::rename(&tmp, path).with_context(|| format!("无法替换 `{}`", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Creates `path` with `bytes` only if it does not exist yet (atomically:
/// the content appears whole or not at all). Fails when it exists.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        anyhow::bail!("`{}` 已存在,不会覆盖", path.display());
    }
    write_atomic(path, bytes)
}

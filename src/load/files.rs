//! Reading a register's files: where their bytes come from ([`Source`]: the
//! disk, or a git revision in [`crate::load::revision`]) and how bytes
//! become text ([`decode`]: UTF-8 with or without a BOM; GBK recognised and
//! explained). The third step of loading, after the walk.
//!
//! Files are opened without waiting ([`open_without_waiting`]): a pipe
//! named like a record reads as empty instead of hanging the run.

use std::io::Read;
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::pos::pos_at;

/// Decodes file bytes: UTF-8 with an optional BOM. Anything else is a
/// `not-utf8` diagnostic pointing at the first bad byte.
pub(crate) fn decode(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let pos = pos_at(prefix, prefix.len());
            let (_, _, gbk_errors) = encoding_rs::GBK.decode(&bytes);
            let (message, hint) = if gbk_errors {
                (
                    "文件不是 UTF-8 编码(第一个无效字节在此处)".to_owned(),
                    "登记簿文件须为 UTF-8;请用编辑器另存为 UTF-8".to_owned(),
                )
            } else {
                (
                    "文件不是 UTF-8 编码,看起来是 GBK/GB18030".to_owned(),
                    format!(
                        "转换为 UTF-8 后再保存:Windows 上用记事本打开,“另存为”时编码选择 UTF-8;Linux/macOS: iconv -f GB18030 -t UTF-8 '{file}' > tmp && mv tmp '{file}'"
                    ),
                )
            };
            Err(Diagnostic::new(Code::NotUtf8, file, pos, message, hint))
        }
    }
}

/// Where a register's files come from: the disk, or a git revision.
pub(crate) trait Source: Sync {
    /// The bytes of the register-relative file `rel`.
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;
}

/// The register's files on disk, under `root`.
pub(crate) struct Disk<'a> {
    pub root: &'a Path,
}

impl Source for Disk<'_> {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        // A `File`'s own `read_to_end` first asks its size (a `statx` and an
        // `lseek` per record); through `take` it just reads, and a record
        // fits the first buffer anyway.
        let mut bytes = Vec::with_capacity(4096);
        open_without_waiting(&self.root.join(rel))?.take(u64::MAX).read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// The bytes of the file at `path`, which must be a regular file: a pipe
/// (or socket, or device) named like a register file is refused, where
/// reading it would wait for a writer forever. For files named on the
/// command line or found by name (`qingli.toml`, `fmt FILE`, `decide`).
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "是文件夹" } else { "是管道、套接字或设备" };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("不是普通文件({what})")));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&file).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Flags that open a file for reading without waiting: a pipe opens at
/// once (and reads as empty) instead of waiting for a writer.
#[cfg(unix)]
const READ_FLAGS: rustix::fs::OFlags =
    rustix::fs::OFlags::RDONLY.union(rustix::fs::OFlags::CLOEXEC).union(rustix::fs::OFlags::NONBLOCK);

/// Opens `path` for reading with [`READ_FLAGS`] (elsewhere than on Unix,
/// as the standard library does).
pub(crate) fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    return Ok(rustix::fs::open(path, READ_FLAGS, rustix::fs::Mode::empty())?.into());
    #[cfg(not(unix))]
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_accepted() {
        assert_eq!(decode(b"\xEF\xBB\xBFa = 1".to_vec(), "f").unwrap(), "a = 1");
    }

    #[test]
    fn gbk_is_recognised() {
        let (gbk, _, _) = encoding_rs::GBK.encode("title = \"永嘉县\"\n");
        let d = decode(gbk.into_owned(), "documents/a.toml").unwrap_err();
        assert_eq!(d.code, Code::NotUtf8);
        assert_eq!((d.line, d.column), (1, 10));
        assert!(d.message.contains("GBK"), "{}", d.message);
        assert!(d.hint.contains("iconv") && d.hint.contains("记事本"), "{}", d.hint);
    }
}

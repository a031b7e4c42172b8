//! Where a register is: its root (`--register`, `QINGLI_REGISTER`, or the
//! nearest folder upward holding `qingli.toml`) and how paths inside it are
//! shown to a clerk (`root/rel`, `/`-separated). The first step of loading.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// The settings file that marks a register root.
pub(crate) const CONFIG_FILE: &str = "qingli.toml";

/// Finds the register root: `explicit` (`--register` or `QINGLI_REGISTER`),
/// else the nearest directory from `cwd` upward holding `qingli.toml`.
pub(crate) fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    let chosen = explicit.filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
    if let Some(root) = chosen {
        if !root.join(CONFIG_FILE).is_file() {
            if !root.is_dir() {
                bail!("登记簿目录 `{}` 不存在\n提示: 检查 --register 或 QINGLI_REGISTER 的路径", root.display());
            }
            bail!(
                "`{}` 不是登记簿: 缺少 {CONFIG_FILE}\n提示: 用 `qingli init {}` 新建登记簿,或指向含有 {CONFIG_FILE} 的目录",
                root.display(),
                root.display()
            );
        }
        return Ok(root);
    }
    let mut dir = cwd.to_path_buf();
    let mut rel = PathBuf::from(".");
    loop {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(rel);
        }
        if !dir.pop() {
            bail!(
                "找不到登记簿: 当前目录及其上级目录中都没有 {CONFIG_FILE}\n提示: 用 --register DIR 指定登记簿(示例登记簿: --register register),或用 `qingli init` 新建"
            );
        }
        rel = if rel == Path::new(".") { PathBuf::from("..") } else { rel.join("..") };
    }
}

/// The display form of a path inside the register: `root/rel` with `/`,
/// without a leading `./`.
pub(crate) fn display_path(root: &Path, rel: &str) -> String {
    display_prefix(root) + rel
}

/// What [`display_path`] puts before a register-relative path: `root/`,
/// or nothing for `.` (made once for a register's many files).
pub(crate) fn display_prefix(root: &Path) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." { String::new() } else { format!("{root}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("."), "documents/a.toml"), "documents/a.toml");
        assert_eq!(display_path(Path::new("register/"), "documents/a.toml"), "register/documents/a.toml");
    }
}

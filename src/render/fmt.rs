//! Rendering `qingli fmt`: which files change, the unified diff that
//! `--check` shows, and the closing count.

use std::io::Write;

/// A file `--check` would rewrite, with the change as a unified diff.
pub(crate) fn needs_formatting(out: &mut dyn Write, shown: &str, old: &str, new: &str) -> std::io::Result<()> {
    writeln!(out, "需要格式化: {shown}")?;
    let diff = similar::TextDiff::from_lines(old, new);
    write!(out, "{}", diff.unified_diff().context_radius(1).header(shown, &format!("{shown}(格式化后)")))
}

/// A file rewritten.
pub(crate) fn formatted(out: &mut dyn Write, shown: &str) -> std::io::Result<()> {
    writeln!(out, "已格式化: {shown}")
}

/// A file someone else changed between qingli's read and its write: left alone.
pub(crate) fn changed_meanwhile(err: &mut dyn Write, shown: &str) -> std::io::Result<()> {
    writeln!(err, "错误: `{shown}` 在格式化期间被其他程序修改,未覆盖(以免丢失修改);请重新运行 qingli fmt")
}

/// The closing count.
pub(crate) fn summary(
    out: &mut dyn Write,
    total: usize,
    check: bool,
    changed: usize,
    failed: usize,
) -> std::io::Result<()> {
    let verb = if check { "需要格式化" } else { "已格式化" };
    writeln!(out, "共 {total} 个文件: {verb} {changed} 个,无法处理 {failed} 个(未改动)")
}

//! Rendering what `qingli init` and `qingli new` tell the clerk they made.

use std::io::Write;

use crate::load::register::CONFIG_FILE;

/// A new register skeleton and the next step.
pub(crate) fn initialised(out: &mut dyn Write, name: &str, shown: &str) -> std::io::Result<()> {
    writeln!(out, "已新建登记簿「{name}」: {shown}")?;
    writeln!(out, "  {shown}/{CONFIG_FILE}        设置与清理方案(请填写 [campaign])")?;
    writeln!(out, "  {shown}/documents/          文件记录(用 `qingli new` 添加)")?;
    writeln!(out, "  {shown}/laws/national.toml  常用法律表(请核对、增补)")?;
    writeln!(out, "下一步: qingli --register {shown} new --title … --issuer … --issued YYYY-MM-DD")
}

/// `new` with a 文号 the register already has: nothing written.
pub(crate) fn duplicate(err: &mut dyn Write, number: &str, file: &str) -> std::io::Result<()> {
    writeln!(err, "错误: 文号 `{number}` 已登记在 {file},未新建记录(同一文号只能登记一次)")?;
    writeln!(err, "提示: 修改已有的记录;或用 `qingli decide` 记录它的清理意见")
}

/// A new record.
pub(crate) fn created(out: &mut dyn Write, shown: &str) -> std::io::Result<()> {
    writeln!(out, "已新建文件记录: {shown}")
}

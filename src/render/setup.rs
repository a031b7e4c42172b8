//! Rendering what `qingli init` and `qingli new` tell the clerk they made.

use std::io::Write;

use crate::load::discover::CONFIG_FILE;

/// A new register skeleton and the next step. `git`: made a repository
/// (`Some(true)`), already inside one (`Some(false)`), git missing (`None`).
pub(crate) fn initialised(out: &mut dyn Write, name: &str, shown: &str, git: Option<bool>) -> std::io::Result<()> {
    writeln!(out, "已新建登记簿「{name}」: {shown}")?;
    let git_line = match git {
        Some(true) => {
            "  已初始化 git 仓库(分支 main,已作第一次提交;.gitattributes: 记录统一用 LF 换行;.gitignore: 清理目录/ 等输出),并设置 core.quotepath=false 以显示中文文件名\n  (在其他仓库中: git config --global core.quotepath false)"
        }
        Some(false) => "  位于已有的 git 仓库中;中文文件名显示为转义时运行: git config core.quotepath false",
        None => "  未找到 git:建议安装 git 后在此目录运行 git init,用 git 管理登记簿的修改",
    };
    writeln!(out, "{git_line}")?;
    writeln!(out, "  {shown}/{CONFIG_FILE}        设置与清理方案(请填写 [campaign])")?;
    writeln!(out, "  {shown}/documents/          文件记录(用 `qingli new` 添加)")?;
    writeln!(out, "  {shown}/laws/national.toml  常用法律表(请核对、增补)")?;
    writeln!(out, "下一步: qingli --register {shown} new --title … --issuer … --issued YYYY-MM-DD")
}

/// The first commit was signed `qingli`: how to set one's own name.
pub(crate) fn anonymous_commit(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "  尚未设置 git 身份,第一次提交署名为 qingli <qingli@localhost>;设置自己的姓名和邮箱:\n    git config --global user.name \"张三\"\n    git config --global user.email \"zhangsan@example.gov.cn\""
    )
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

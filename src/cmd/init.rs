//! `qingli init`: write a working register skeleton.

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::cli::InitArgs;
use crate::ctx::Ctx;
use crate::load::discover::CONFIG_FILE;
use crate::write::atomic;

/// The commented `qingli.toml` template (`{name}` is replaced).
pub(crate) const CONFIG_TEMPLATE: &str = include_str!("../templates/qingli.toml");
/// Records are text with LF line ends on every platform (clean diffs).
const GITATTRIBUTES: &str = "*.toml text eol=lf\n";
/// Outputs that belong in CI artefacts, not in the register's history.
const GITIGNORE: &str = "# qingli 的输出(由 CI 生成,不入库)\n清理目录/\nsite/\n*.xlsx\n*.docx\n*.ics\n# 写入中断时可能残留的临时文件\n.qingli-*\n";

/// The starter law table.
pub(crate) const LAWS_TEMPLATE: &str = include_str!("../templates/laws.toml");

pub(crate) fn run(args: &InitArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let dir = if args.dir.is_absolute() { args.dir.clone() } else { ctx.cwd.join(&args.dir) };
    if dir.join(CONFIG_FILE).exists() {
        bail!(
            "`{}` 已是登记簿(已有 {CONFIG_FILE}),不会覆盖\n提示: 换一个目录,或直接使用现有登记簿",
            args.dir.display()
        );
    }
    for sub in ["documents", "laws"] {
        let p = dir.join(sub);
        // A link planted where the register's folders go would lead the
        // files init writes out of DIR.
        if p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            bail!(
                "`{}` 是符号链接,不会经由它写入\n提示: 登记簿的 documents/ 和 laws/ 必须是目录本身;删除这个链接,或换一个目录",
                p.display()
            );
        }
        if p.is_dir() && std::fs::read_dir(&p).is_ok_and(|mut d| d.next().is_some()) {
            bail!("`{}` 已存在且不为空,不会覆盖\n提示: 换一个空目录", p.display());
        }
    }
    let name = args.name.clone().unwrap_or_else(|| "行政规范性文件登记簿".to_owned());
    let quoted = crate::write::canon::toml_string(&name);
    let config = CONFIG_TEMPLATE.replace("\"{name}\"", &quoted).replace("{today}", &ctx.today.to_string());
    std::fs::create_dir_all(dir.join("documents")).with_context(|| format!("无法创建 `{}`", dir.display()))?;
    std::fs::create_dir_all(dir.join("laws"))?;
    // git keeps no empty folders: without this, a clone of a new register
    // would have no documents/ (an error, see `missing-documents`).
    let keep = dir.join("documents").join(".gitkeep");
    if !keep.exists() {
        atomic::create_new(&keep, b"")?;
    }
    atomic::create_new(&dir.join("laws").join("national.toml"), LAWS_TEMPLATE.as_bytes())?;
    // A register lives in git: a new folder becomes a repository, with LF
    // line ends for records and the usual outputs ignored.
    let mut ours = vec![CONFIG_FILE, "documents/.gitkeep", "laws/national.toml"];
    let git = if crate::load::git::inside_work_tree(&dir) {
        Some(false)
    } else if crate::load::git::init(&dir)? {
        for (file, text) in [(".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)] {
            if !dir.join(file).exists() {
                atomic::create_new(&dir.join(file), text.as_bytes())?;
                ours.push(file);
            }
        }
        Some(true)
    } else {
        None
    };
    // qingli.toml last: a register only exists once everything else is in place.
    atomic::create_new(&dir.join(CONFIG_FILE), config.as_bytes())?;
    // A new repository gets its first commit on `main`: the files init
    // wrote, nothing else that was in the folder.
    let anonymous = match git {
        Some(true) => Some(crate::load::git::first_commit(&dir, &ours, "新建行政规范性文件登记簿(qingli init)")?),
        _ => None,
    };
    crate::render::setup::initialised(out, &name, &args.dir.display().to_string(), git)?;
    if anonymous == Some(true) {
        crate::render::setup::anonymous_commit(out)?;
    }
    Ok(0)
}

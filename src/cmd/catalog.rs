//! `qingli catalog`: write the cleanup catalogues into `--out`.

use std::io::Write;

use anyhow::{Context, Result};

use crate::catalog::{ANNEXES, Catalog, IN_FORCE_FILE, SUMMARY_FILE, XLSX_FILE};
use crate::cli::{CatalogArgs, EncodingArg};
use crate::ctx::Ctx;
use crate::fsx;
use crate::render::catalog::{self as view, Encoding};
use crate::rules;

pub fn run(args: &CatalogArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    super::warn_load_errors(&reg, err)?;
    let (as_of, _) = ctx.as_of(&reg);
    let evals = rules::evaluate(&reg, as_of);
    let cat = Catalog::new(&reg, &evals);
    let pending = cat.pending();
    if args.require_decisions && !pending.is_empty() {
        for e in &pending {
            let number = if e.doc_number.is_empty() { String::new() } else { format!("{} ", e.doc_number) };
            writeln!(err, "error: {number}《{}》(id {})尚未作出清理意见(规则建议: {})", e.title, e.id, e.verdict)?;
        }
        writeln!(
            err,
            "--require-decisions: {} 件文件尚未作出清理意见,未写出目录\n提示: 在这些文件的 [review] 中填写 decision",
            pending.len()
        )?;
        return Ok(1);
    }
    let encoding = match args.encoding {
        EncodingArg::Utf8Bom => Encoding::Utf8Bom,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gb18030 => Encoding::Gb18030,
    };
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建输出目录 `{}`", dir.display()))?;
    let mut written = Vec::new();
    for (v, file, _) in ANNEXES {
        fsx::write_atomic(&dir.join(file), &view::csv(&cat.annex(*v), encoding)?)?;
        written.push(*file);
    }
    fsx::write_atomic(&dir.join(IN_FORCE_FILE), &view::csv(&cat.in_force(), encoding)?)?;
    written.push(IN_FORCE_FILE);
    let name = reg.config.name.as_deref().unwrap_or("");
    let campaign = reg.config.campaign.as_ref();
    let md = view::markdown(
        &cat,
        name,
        campaign.and_then(|c| c.name.as_deref()),
        campaign.and_then(|c| c.made_before),
        as_of,
    );
    fsx::write_atomic(&dir.join(SUMMARY_FILE), md.as_bytes())?;
    written.push(SUMMARY_FILE);
    if args.xlsx {
        let bytes = view::xlsx(&cat, name, as_of).context("无法生成 Excel 工作簿")?;
        fsx::write_atomic(&dir.join(XLSX_FILE), &bytes)?;
        written.push(XLSX_FILE);
    }
    let count = |v| cat.annex(v).len();
    use crate::model::Verdict::{Amend, Expire, Keep, Repeal};
    writeln!(
        out,
        "已写出清理目录到 {}: 保留 {}、修改 {}、废止 {}、失效 {}(评估日 {as_of})",
        dir.display(),
        count(Keep),
        count(Amend),
        count(Repeal),
        count(Expire)
    )?;
    for f in written {
        writeln!(out, "  {f}")?;
    }
    if !pending.is_empty() {
        writeln!(
            err,
            "注意: {} 件文件尚未作出清理意见,暂按规则建议列入目录(定稿时用 --require-decisions)",
            pending.len()
        )?;
    }
    Ok(0)
}

//! `qingli catalog`: write the cleanup catalogues into `--out`.

use std::io::Write;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::catalog::{ANNEXES, Catalog, IN_FORCE_FILE, SUMMARY_FILE, XLSX_FILE};
use crate::cli::{CatalogArgs, EncodingArg};
use crate::ctx::Ctx;
use crate::diag::Severity;
use crate::fsx;
use crate::model::Verdict;
use crate::render::catalog::{self as view, Encoding};
use crate::render::excluded;
use crate::rules;

pub(crate) fn run(args: &CatalogArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let (as_of, _) = ctx.as_of(&reg);
    // An incomplete catalogue repeals what it leaves out (非公布即废止):
    // with any error, write nothing unless a draft is asked for.
    let other_errors = crate::validate::validate(&reg).iter().filter(|d| d.severity == Severity::Error).count();
    if reg.load_errors() + other_errors > 0 {
        if !args.allow_errors {
            excluded::refusal(err, &reg, other_errors)?;
            super::release(reg);
            return Ok(1);
        }
        excluded::warn(err, &reg, false)?;
    }
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
    let name = reg.config.name.as_deref().unwrap_or("");
    let campaign = reg.config.campaign.as_ref();
    // The files are independent: write them in parallel, each atomically.
    let mut jobs: Vec<&str> = ANNEXES.iter().map(|(_, f, _)| *f).collect();
    jobs.extend([IN_FORCE_FILE, SUMMARY_FILE]);
    if args.xlsx {
        jobs.push(XLSX_FILE);
    }
    jobs.par_iter().try_for_each(|file| -> Result<()> {
        let path = dir.join(file);
        match *file {
            SUMMARY_FILE => fsx::write_atomic_with(&path, |w| {
                let c = campaign.and_then(|c| c.name.as_deref());
                view::markdown(w, &cat, name, c, campaign.and_then(|c| c.made_before), as_of)?;
                excluded::markdown_section(w, &reg.excluded)
            }),
            XLSX_FILE => fsx::write_atomic(
                &path,
                &view::xlsx(&cat, name, as_of, &reg.excluded).context("无法生成 Excel 工作簿")?,
            ),
            IN_FORCE_FILE => fsx::write_atomic_with(&path, |w| view::csv(w, &cat.in_force(), encoding)),
            annex => {
                let v = ANNEXES.iter().find(|(_, f, _)| *f == annex).map_or(Verdict::Keep, |(v, _, _)| *v);
                fsx::write_atomic_with(&path, |w| view::csv(w, &cat.annex(v), encoding))
            }
        }
    })?;
    let written = jobs;
    let count = |v| cat.annex(v).len();
    writeln!(
        out,
        "已写出清理目录到 {}: 保留 {}、修改 {}、废止 {}、失效 {}(评估日 {as_of})",
        dir.display(),
        count(Verdict::Keep),
        count(Verdict::Amend),
        count(Verdict::Repeal),
        count(Verdict::Expire)
    )?;
    for f in written {
        writeln!(out, "  {f}")?;
    }
    if !reg.excluded.is_empty() {
        writeln!(
            out,
            "注意: 另有 {} 件文件有错误、未能评估,未列入任何目录(草稿;见 {SUMMARY_FILE} 的“未能评估的文件”)",
            reg.excluded.len()
        )?;
    }
    if !pending.is_empty() {
        writeln!(
            err,
            "注意: {} 件文件尚未作出清理意见,暂按规则建议列入目录(定稿时用 --require-decisions)",
            pending.len()
        )?;
    }
    drop(cat);
    super::release((reg, evals));
    Ok(0)
}

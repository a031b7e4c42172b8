//! `qingli catalog`: write the cleanup catalogues into `--out`.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::cli::{CatalogArgs, EncodingArg};
use crate::ctx::Ctx;
use crate::judge::catalog::{Catalog, Output};
use crate::load::register::Register;
use crate::render::catalog::{self as view, Encoding};
use crate::render::{docx, excluded};
use crate::write::atomic;
use crate::write::outset::OutDir;

/// The marker that lists the files the last `catalog` run wrote into its folder.
pub(crate) const MARKER: &str = ".qingli-catalog";

pub(crate) fn run(args: &CatalogArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let (as_of, _) = ctx.as_of(&reg);
    if !super::may_publish(&reg, as_of, args.allow_errors, "清理目录", err)? {
        return Ok(1);
    }
    let cat = Catalog::evaluate(&reg, as_of);
    let pending = cat.pending();
    let unexplained = cat.unexplained();
    if args.require_decisions && !(pending.is_empty() && unexplained.is_empty()) {
        view::undecided(err, &pending, &unexplained)?;
        return Ok(1);
    }
    let encoding = match args.encoding {
        EncodingArg::Utf8Bom => Encoding::Utf8Bom,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gb18030 => Encoding::Gb18030,
    };
    let dir = &args.out;
    // Every file is written to a temporary file first (in parallel), then
    // all are renamed as one set: the folder never mixes two runs, a run
    // killed meanwhile is completed by the next, and files of an earlier
    // run this one does not write are removed unless changed since.
    let outdir = OutDir::open(dir, MARKER)?;
    let outputs = Output::selected(args.xlsx, args.docx);
    let staged = stage(&reg, &cat, as_of, dir, &outputs, encoding)?;
    let mut written: Vec<(&str, String)> =
        outputs.iter().zip(&staged).map(|(o, s)| (o.file(), s.sha256().to_owned())).collect();
    written.sort_unstable();
    outdir.replace_set(staged)?;
    let finished = outdir.finish(&written)?;
    let files: Vec<&str> = outputs.iter().map(|o| o.file()).collect();
    view::written(out, &cat, dir, as_of, &files, reg.excluded.len())?;
    crate::render::outset::report(out, &outdir.recovered, &finished)?;
    if !pending.is_empty() {
        view::pending_note(err, pending.len())?;
    }
    drop(cat);
    Ok(0)
}

/// Writes each output to a temporary file in `dir` (in parallel), ready to
/// be renamed into place as one set.
pub(crate) fn stage(
    reg: &Register,
    cat: &Catalog<'_>,
    as_of: NaiveDate,
    dir: &Path,
    outputs: &[Output],
    encoding: Encoding,
) -> Result<Vec<atomic::Staged>> {
    let name = reg.config.name.as_deref().unwrap_or("");
    let campaign = reg.config.campaign.as_ref();
    outputs
        .par_iter()
        .map(|output| -> Result<atomic::Staged> {
            let path = dir.join(output.file());
            match *output {
                Output::Summary => atomic::stage(&path, |w| {
                    let c = campaign.and_then(|c| c.name.as_deref());
                    view::markdown(w, cat, name, c, campaign.and_then(|c| c.made_before), as_of)?;
                    excluded::markdown_section(w, &reg.excluded)
                }),
                Output::Workbook => atomic::stage(&path, |w| {
                    view::xlsx(cat, name, as_of, &reg.excluded, w).map_err(std::io::Error::other)
                })
                .context("无法生成 Excel 工作簿"),
                Output::Notice => {
                    let notice = crate::judge::notice::resolve(&reg.config, reg, as_of);
                    let bytes = docx::notice(cat, &notice, &reg.excluded).context("无法生成 Word 通知")?;
                    atomic::stage(&path, |w| w.write_all(&bytes))
                }
                Output::InForce => {
                    atomic::stage(&path, |w| view::csv(w, view::Table::InForce, &cat.in_force(), encoding))
                }
                Output::Annex(v) => {
                    atomic::stage(&path, |w| view::csv(w, view::Table::Annex(v), &cat.annex(v), encoding))
                }
            }
        })
        .collect()
}

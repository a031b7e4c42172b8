//! `qingli laws` and `qingli laws impact NAME`: the law table on the as-of
//! date, and which documents a law's revision or repeal touches.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{ImpactFailOn, LawsAction, LawsArgs, ReportFormat};
use crate::ctx::Ctx;
use crate::judge::impact;
use crate::render::laws as view;

pub(crate) fn run(args: &LawsArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    crate::render::excluded::warn(err, &reg, true)?;
    let (as_of, _) = ctx.as_of(&reg);
    let code = match &args.action {
        None => {
            let (rows, unresolved) = impact::table(&reg, as_of);
            view::table(out, &rows, &unresolved, as_of, format(args.format))?;
            0
        }
        Some(LawsAction::Impact(a)) => {
            let Some(law) = reg.laws.get(&a.name) else {
                let near = reg.laws.closest(&a.name);
                let hint = if near.is_empty() {
                    "提示: `qingli laws` 列出法律库中的全部法律".to_owned()
                } else {
                    format!("是否是: {}", near.iter().map(|n| format!("《{n}》")).collect::<Vec<_>>().join("、"))
                };
                bail!("法律库中没有《{}》\n{hint}", a.name.trim().trim_matches(['《', '》']));
            };
            let (rows, _) = impact::table(&reg, as_of);
            let row = rows.into_iter().find(|r| std::ptr::eq(r.name, law.name.as_str()));
            let affected = impact::impact(&reg, law, as_of);
            let without_basis = impact::without_basis(&reg, as_of);
            view::impact(out, row.as_ref(), &affected, as_of, format(args.format), without_basis, ctx.width)?;
            view::impact_note(err, without_basis, format(args.format))?;
            let fail = a.fail_on == Some(ImpactFailOn::NeedsCleanup) && affected.iter().any(|d| d.needs_cleanup);
            u8::from(fail)
        }
    };
    // What borrowed it went with its branch.
    Ok(code)
}

/// The command line's format as the law reports name it.
fn format(f: ReportFormat) -> view::Format {
    match f {
        ReportFormat::Table => view::Format::Table,
        ReportFormat::Csv => view::Format::Csv,
        ReportFormat::Json => view::Format::Json,
        ReportFormat::Jsonl => view::Format::Jsonl,
        ReportFormat::Markdown => view::Format::Markdown,
    }
}

//! `qingli review`: evaluate every document and report suggestions,
//! decisions and agreement; `--explain ID` justifies one document.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{ReportFormat, ReviewArgs, VerdictArg};
use crate::ctx::Ctx;
use crate::judge::rules::{self, Status};
use crate::judge::select::Selection;
use crate::render::review::{self as view, Row};

/// The review's filters, from its arguments (shared with `review -i`).
pub(crate) fn selection(args: &ReviewArgs) -> Selection<'_> {
    Selection {
        unit: args.unit.as_deref(),
        verdict: args.verdict.map(VerdictArg::verdict),
        disagreements: args.disagreements,
        ids: &args.id,
        all: args.all,
    }
}

pub(crate) fn run(args: &ReviewArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    if args.interactive {
        return super::interactive::run(args, ctx);
    }
    let reg = ctx.load()?;
    super::check_filters(&reg, args.unit.as_deref(), &args.id)?;
    crate::render::excluded::warn(err, &reg, matches!(args.format, ReportFormat::Csv | ReportFormat::Jsonl))?;
    let (as_of, source) = ctx.as_of(&reg);
    if let Some(key) = &args.explain {
        let found = reg.find(key);
        if found.is_empty() {
            let broken = reg.excluded_matching(key);
            if broken.is_empty() {
                bail!("{}", crate::render::decide::unknown(&reg, key, &super::decide::near(&reg, key)));
            }
            crate::render::excluded::explain(out, &reg, &broken)?;
            return Ok(1);
        }
        if found.len() > 1 {
            let files: Vec<String> = found.iter().map(|&i| reg.display(&reg.documents[i].path)).collect();
            view::duplicated(out, key, &files)?;
        }
        for &i in &found {
            let doc = &reg.documents[i];
            let explanation = rules::explain(&reg, as_of, doc);
            view::explain(out, &reg, doc, &explanation, as_of, source)?;
            if let Some((_, Ok(scan))) = super::scan::scan_texts(&reg, &[i]).pop() {
                view::text_points(out, &scan)?;
            }
        }
        return Ok(u8::from(found.len() > 1));
    }
    let select = selection(args);
    let keep = |d: &crate::load::model::Document, e: &rules::Evaluation| select.lists(d, e);
    if matches!(args.format, ReportFormat::Json | ReportFormat::Jsonl) {
        // Streamed: the formats scripts use on whole registers.
        let env = rules::Env::new(&reg, as_of);
        if args.format == ReportFormat::Json {
            view::json(out, &reg, as_of, &|doc| rules::evaluate_doc(&env, doc), &keep)?;
        } else {
            view::jsonl(out, &reg, &|doc| rules::evaluate_doc(&env, doc), &keep)?;
        }
        return Ok(0);
    }
    let evals = rules::evaluate(&reg, as_of);
    let rows: Vec<Row<'_>> =
        reg.documents.iter().zip(&evals).filter(|(d, e)| keep(d, e)).map(|(doc, ev)| Row { doc, ev }).collect();
    if args.format == ReportFormat::Markdown {
        view::markdown(out, &reg, &rows, as_of)?;
    } else if args.format == ReportFormat::Csv {
        view::csv(out, &rows)?;
    } else {
        // Not listed because not subject to the campaign (without --all),
        // but matching the other filters: counted under the table.
        let unlisted: Vec<Status> =
            reg.documents.iter().zip(&evals).filter(|(d, e)| select.unlisted(d, e)).map(|(_, e)| e.status).collect();
        view::table(out, &reg, &rows, &unlisted, as_of, ctx.width)?;
    }
    drop(rows);
    Ok(0)
}

//! `qingli review`: evaluate every document and report suggestions,
//! decisions and agreement; `--explain ID` justifies one document.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{ReportFormat, ReviewArgs, VerdictArg};
use crate::ctx::Ctx;
use crate::judge::rules::{self, Status};
use crate::load::register::Register;
use crate::render::review::{self as view, Row};

/// Finds the documents an id or a 文号 names: one, or every record sharing
/// a duplicated id (each is shown, with its file).
pub(crate) fn find(reg: &Register, key: &str) -> Result<Vec<usize>> {
    let by_id = reg.by_id(key.trim());
    if !by_id.is_empty() {
        return Ok(by_id);
    }
    match reg.by_number(key)[..] {
        [i] => Ok(vec![i]),
        [] => {
            bail!("登记簿中没有 id 或文号为 `{key}` 的文件\n提示: 用 `qingli review --format csv` 查看全部 id 与文号")
        }
        ref several => {
            let files: Vec<String> = several.iter().map(|&i| reg.display(&reg.documents[i].path)).collect();
            bail!("文号 `{key}` 对应多件文件: {},请改用 id", files.join("、"))
        }
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
        let found = match find(&reg, key) {
            Ok(found) => found,
            Err(e) => {
                let broken = reg.excluded_matching(key);
                if broken.is_empty() {
                    return Err(e);
                }
                crate::render::excluded::explain(out, &reg, &broken)?;
                return Ok(1);
            }
        };
        if found.len() > 1 {
            let files: Vec<String> = found.iter().map(|&i| reg.display(&reg.documents[i].path)).collect();
            view::duplicated(out, key, &files)?;
        }
        for &i in &found {
            let doc = &reg.documents[i];
            let explanation = rules::explain(&reg, as_of, doc);
            view::explain(out, &reg, doc, &explanation, as_of, source)?;
        }
        return Ok(u8::from(found.len() > 1));
    }
    let wanted = args.verdict.map(VerdictArg::verdict);
    let keep = |d: &crate::load::model::Document, e: &rules::Evaluation| {
        let listed = args.all || e.status == Status::InForce || !args.id.is_empty();
        listed
            && args.unit.as_ref().is_none_or(|u| *d.responsible_unit == **u)
            && wanted.is_none_or(|v| e.verdict == Some(v))
            && (!args.disagreements || e.disagrees())
            && (args.id.is_empty() || args.id.iter().any(|i| i == d.id()))
    };
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
        let unlisted: Vec<Status> = reg
            .documents
            .iter()
            .zip(&evals)
            .filter(|(d, e)| {
                e.status != Status::InForce
                    && !args.all
                    && args.id.is_empty()
                    && args.unit.as_ref().is_none_or(|u| *d.responsible_unit == **u)
                    && wanted.is_none()
                    && !args.disagreements
            })
            .map(|(_, e)| e.status)
            .collect();
        view::table(out, &reg, &rows, &unlisted, as_of, ctx.width)?;
    }
    drop(rows);
    Ok(0)
}

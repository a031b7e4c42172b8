//! `qingli deadlines`: what is due, what is overdue, and whose job it is.

use std::io::Write;

use anyhow::Result;
use chrono::Datelike;
use rayon::prelude::*;

use crate::cli::{DeadlineFormat, DeadlinesArgs, FailOn};
use crate::ctx::Ctx;
use crate::judge::deadline::{self, Params, Status};
use crate::judge::rules;
use crate::load::calendar::Calendar;
use crate::render::deadlines as view;

pub(crate) fn run(args: &DeadlinesArgs, ctx: &Ctx, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    super::check_filters(&reg, args.unit.as_deref(), &[])?;
    crate::render::excluded::warn(
        err,
        &reg,
        matches!(args.format, DeadlineFormat::Csv | DeadlineFormat::Ics | DeadlineFormat::Jsonl | DeadlineFormat::Xlsx),
    )?;
    let (as_of, _) = ctx.as_of(&reg);
    let calendar = Calendar::new(&reg.calendars);
    let statuses = rules::statuses(&reg, as_of);
    let params = Params {
        as_of,
        within: args.within,
        calendar: &calendar,
        all: args.all,
        unit: args.unit.as_deref(),
        kinds: &args.kind,
    };
    let mut items: Vec<deadline::Item> = deadline::items(&reg, &statuses, &params);
    // A register with history: what fell due before `from` is kept out of
    // the gate and the default view (still listed with --all), but for a
    // document still in force past its validity (D1 overdue): that is a
    // present problem, not history.
    let from = args.from.or(reg.config.policy.deadlines_from);
    let current = |i: &deadline::Item| from.is_none_or(|f| i.due >= f) || deadline::in_force_past_validity(i);
    let hidden = if args.all { 0 } else { items.iter().filter(|i| !current(i)).count() };
    if !args.all {
        items.retain(current);
    }
    // The distinct spans first (a few hundred, however many items), then
    // their years: collecting every item's years before deduplicating held
    // tens of millions of them (about 100 MB at a million documents).
    let spans: std::collections::BTreeSet<(i32, i32)> = items
        .par_iter()
        .fold(std::collections::BTreeSet::new, |mut spans, it| {
            let (a, b) = it.calendar_span(&reg, as_of);
            spans.insert((a.year().min(b.year()), a.year().max(b.year())));
            spans
        })
        .reduce(std::collections::BTreeSet::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    let missing: Vec<i32> = spans
        .iter()
        .flat_map(|&(lo, hi)| calendar.missing_years(lo, hi))
        .collect::<std::collections::BTreeSet<i32>>()
        .into_iter()
        .collect();
    view::calendar_warning(err, &missing)?;
    let view = view::View {
        reg: &reg,
        items: &items,
        statuses: &statuses,
        params: &params,
        as_of,
        all: args.all,
        within: args.within,
        hidden: from.filter(|_| hidden > 0).map(|f| (hidden, f)),
        color: ctx.color,
        width: ctx.width,
    };
    match args.format {
        DeadlineFormat::Table => view.table(out)?,
        DeadlineFormat::Markdown => view.markdown(out)?,
        DeadlineFormat::Csv => view.csv(out)?,
        DeadlineFormat::Json => view.json(out, false)?,
        DeadlineFormat::Jsonl => view.json(out, true)?,
        DeadlineFormat::Ics => view.ics(out)?,
        DeadlineFormat::Xlsx => {
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                anyhow::bail!(
                    "Excel 工作簿是二进制文件,不能显示在终端;请重定向到文件: qingli deadlines --format xlsx > 期限提醒.xlsx"
                );
            }
            out.write_all(&view.xlsx().map_err(|e| anyhow::anyhow!("无法生成 Excel 工作簿: {e}"))?)?;
        }
    }
    if !matches!(args.format, DeadlineFormat::Table | DeadlineFormat::Markdown) {
        view.hidden_note(err)?;
    }
    let fail = match args.fail_on {
        Some(FailOn::Overdue) => items.iter().filter(|i| current(i)).any(|i| i.status == Status::Overdue),
        Some(FailOn::Due) => {
            items.iter().filter(|i| current(i)).any(|i| matches!(i.status, Status::Overdue | Status::DueSoon))
        }
        None => false,
    };
    // A gate never passes on a register it could not read whole.
    let findings = match args.fail_on {
        Some(_) => crate::gate::Findings::errors_of(&reg, as_of, &crate::diag::Levels::default()),
        None => crate::gate::Findings::default(),
    };
    let unreadable = findings.errors() > 0;
    if unreadable {
        crate::render::excluded::gate(err, &reg, &findings)?;
    }
    let fail = fail || unreadable;
    drop(items);
    Ok(u8::from(fail))
}

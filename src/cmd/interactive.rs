//! `qingli review --interactive`: the full-screen review. Builds the list
//! from the same evaluation as `review`, runs the event loop, and performs
//! each decision at once through the same code as `decide` (so a crash
//! loses nothing), re-evaluating the register after every write.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Result, bail};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::cli::ReviewArgs;
use crate::ctx::Ctx;
use crate::judge::rules::{self};
use crate::load::model::Verdict;
use crate::load::walk::DOCUMENTS;
use crate::render::review as review_view;
use crate::render::tui as view;
use crate::tui::{Action, App, Item, Key};
use crate::write::atomic;
use crate::write::decide::{self, Decision, Recorded};

/// The subject documents as the screen lists them, with `review`'s filters.
fn items(args: &ReviewArgs, ctx: &Ctx) -> Result<(Vec<Item>, chrono::NaiveDate)> {
    let reg = ctx.load()?;
    super::check_filters(&reg, args.unit.as_deref(), &args.id)?;
    let (as_of, source) = ctx.as_of(&reg);
    let select = super::review::selection(args);
    // A record with errors is listed with its first error and never decided
    // here (as `decide` refuses it); one that could not be read at all too.
    let findings = crate::gate::Findings::errors_of(&reg, as_of, &crate::diag::Levels::default());
    let first_error = |file: &str| findings.errors_in(file).next().map(|d| format!("{} {}", d.code.name(), d.message));
    let mut items = Vec::new();
    for doc in &reg.documents {
        let x = rules::explain(&reg, as_of, doc);
        let ev = &x.ev;
        if !select.decidable(doc, ev) {
            continue;
        }
        let mut text = Vec::new();
        review_view::explain(&mut text, &reg, doc, &x, as_of, source)?;
        let review = doc.review.as_ref();
        items.push(Item {
            id: doc.id().to_owned(),
            path: doc.path.to_string(),
            doc_number: doc.doc_number.as_deref().map(str::to_owned),
            title: doc.title.to_string(),
            unit: doc.responsible_unit.to_string(),
            suggested: ev.suggested,
            decision: ev.decision,
            reason: review.and_then(|r| r.reason.as_deref().map(str::to_owned)),
            override_reason: review.and_then(|r| r.override_reason.as_deref().map(str::to_owned)),
            details: String::from_utf8_lossy(&text).lines().map(str::to_owned).collect(),
            identity: doc.identity(),
            broken: first_error(&reg.display(&doc.path)),
        });
    }
    for x in reg.excluded.iter().filter(|x| args.id.is_empty() || args.id.contains(&x.id)) {
        let errors: Vec<String> =
            findings.errors_in(&x.file).map(|d| format!("错误 {}: {}", d.code.name(), d.message)).collect();
        let first = errors.first().cloned().or_else(|| x.reason.clone()).unwrap_or_else(|| "无法读取".to_owned());
        let mut details = vec![format!("{}(有错误,未能评估)", x.file)];
        details.extend(errors);
        details.push("修正后重新打开本界面(qingli check 查看详情)".to_owned());
        items.push(Item {
            id: x.id.clone(),
            path: x.file.clone(),
            doc_number: x.doc_number.clone(),
            title: x.title.clone().unwrap_or_else(|| x.file.clone()),
            unit: String::new(),
            suggested: None,
            decision: None,
            reason: None,
            override_reason: None,
            details,
            identity: crate::load::model::Identity {
                title: x.title.as_deref().unwrap_or_default().into(),
                issuer: "".into(),
                issued: as_of,
                doc_number: None,
            },
            broken: Some(first),
        });
    }
    Ok((items, as_of))
}

fn key(ev: &event::KeyEvent) -> Option<Key> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    // Ctrl-C quits; any other key with Ctrl or Alt is ignored (Ctrl-A is not `a`).
    let modified = ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER);
    Some(match ev.code {
        KeyCode::Char('c') if ev.modifiers.contains(KeyModifiers::CONTROL) => Key::Interrupt,
        _ if modified => return None,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Char(c) => Key::Char(c),
        _ => return None,
    })
}

/// One write of this session: the file, its bytes before and after.
struct Written {
    path: PathBuf,
    before: Vec<u8>,
    after: Vec<u8>,
}

/// Writes one decision (or reason) through `decide`'s code, into the
/// record `item` was made from.
fn record(ctx: &Ctx, item: &Item, d: &Decision) -> Result<Written> {
    let root = ctx.root()?;
    let path = root.join(&item.path);
    match decide::record((&item.path, &path), &root.join(DOCUMENTS), &item.identity, d)? {
        Recorded::Written { before, after } => Ok(Written { path, before, after }),
        Recorded::ChangedMeanwhile => bail!("文件在记录期间被其他程序修改,未覆盖"),
        Recorded::NotAsLoaded(why) => bail!("文件在读入之后被改动,{why};未覆盖"),
    }
}

pub(crate) fn run(args: &ReviewArgs, ctx: &Ctx) -> Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "review --interactive 需要在终端中运行(标准输入和输出都须是终端)\n提示: 在脚本或 CI 中用 `qingli decide REF 意见` 记录清理意见"
        );
    }
    let (list, as_of) = items(args, ctx)?;
    let mut app = App::new(list);
    let reviewer = ctx.reviewer.clone().or_else(|| ctx.root().ok().and_then(crate::load::git::user_name));
    let mut history: Vec<Written> = Vec::new();
    // SIGTERM quits like Ctrl-C, restoring the terminal. (SIGHUP keeps its
    // default: the terminal is gone, there is nothing to restore, and
    // reading a closed terminal would spin.)
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop))?;
    // ratatui's init restores the terminal on panic too.
    let mut terminal = ratatui::try_init()?;
    let result = (|| -> Result<()> {
        loop {
            terminal.draw(|f| view::draw(f, &app, as_of, ctx.color))?;
            let k = loop {
                if stop.load(Ordering::Relaxed) {
                    break Key::Interrupt;
                }
                if event::poll(Duration::from_millis(200))?
                    && let Event::Key(k) = event::read()?
                    && let Some(k) = key(&k)
                {
                    break k;
                }
            };
            match app.on_key(k) {
                Action::Nothing => {}
                Action::Quit => return Ok(()),
                Action::Record { id, decision, reason, override_reason } => {
                    let Some(item) = app.items.iter().find(|i| i.id == id && i.broken.is_none()).cloned() else {
                        continue;
                    };
                    let d = Decision {
                        decision,
                        reason: reason.map(Into::into),
                        override_reason: override_reason.map(Into::into),
                        reviewer: decision.and(reviewer.clone()).map(Into::into),
                        decided: decision.map(|_| ctx.today),
                        ..Decision::default()
                    };
                    match record(ctx, &item, &d) {
                        Ok(w) => {
                            history.push(w);
                            app.undoable.push(id.clone());
                            app.message = match decision {
                                Some(v) => format!("已记录 {id}: {}", Verdict::as_str(v)),
                                None => format!("已保存 {id} 的理由"),
                            };
                            let advance = app.advance;
                            app.refresh(items(args, ctx)?.0, advance);
                        }
                        Err(e) => app.write_failed(format!("未记录: {e:#}")),
                    }
                }
                Action::Undo => {
                    if let (Some(w), Some(id)) = (history.pop(), app.undoable.pop()) {
                        let expected =
                            atomic::Expected { inside: &ctx.root()?.join(DOCUMENTS), pieces: &[&w.after], id: None };
                        match atomic::replace_if_unchanged(&w.path, &expected, &w.before) {
                            Ok(atomic::Replaced::Written) => app.message = format!("已撤销 {id} 的上一次记录"),
                            Ok(atomic::Replaced::ChangedMeanwhile) => {
                                "文件已被其他程序修改,未撤销".clone_into(&mut app.message);
                            }
                            Err(e) => app.message = format!("未撤销: {e:#}"),
                        }
                        app.refresh(items(args, ctx)?.0, false);
                    }
                }
            }
        }
    })();
    ratatui::restore();
    result.map(|()| 0)
}

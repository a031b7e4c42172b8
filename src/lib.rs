//! qingli (清理): a command-line toolkit for the periodic cleanup of
//! normative documents (规范性文件) kept in a plain-text register.
//!
//! The house, in layers, lowest first. A module uses modules of its own
//! layer and of the layers before it, never of a later one, and no two
//! modules import each other, directly or around a circle. `tests/house.rs`
//! reads this list and checks every `use crate::…` against it, with the
//! 800-line limit for a file and `unsafe_code = "forbid"`.
//!
//! 1. Foundations, knowing no register: [`diag`] (diagnostic codes,
//!    severities, levels), [`dates`] (calendar arithmetic), [`docnum`] (文号
//!    normalisation and keys), [`pos`] (positions and source lines in a
//!    file's text), [`lookup`] ("did you mean": one closeness rule for every
//!    name), [`sheet`] (a clerk's spreadsheet as rows, for `import`),
//!    [`text`] (a document's text: its written form and the readers of
//!    .docx/.txt/.html/.pdf/.doc, for `text`),
//!    [`progress`] (the stderr progress line), [`hooks`] (the tests' fault
//!    hooks, compiled with the `test-hooks` feature only).
//! 2. [`load`], the reading side, in plain steps: discover → walk → files
//!    (read and decode) → parse → index → register; with the model, the law
//!    table, calendars, git revisions and the cross-file checks.
//! 3. [`judge`], all pure: rules Q00–Q13, deadlines D1–D8, the catalogues
//!    as data, disagreements, two revisions compared, law impact, the
//!    notice's settings, the public status; and [`tui`], the interactive
//!    review's state machine (keys in, state out).
//! 4. [`gate`]: the findings every command reads (load problems, cross-file
//!    checks, disagreements, at the office's levels): may this register be
//!    acted on.
//! 5. [`write`], the writing side: the canonical form, atomic writes, new
//!    records, a decision written into a record, the import plan.
//! 6. [`render`]: the only code that turns results into text.
//! 7. The command line: [`cli`] (clap definitions, Chinese usage errors),
//!    [`ctx`] (the register root and dates, decided once), [`cmd`] (one
//!    module per subcommand, orchestrating the above); and `props`
//!    (invariants shared by property tests and the fuzzers, built for those
//!    only).
//!
//! (The links above resolve with `cargo doc --document-private-items`.)
//!
//! The library API carries no stability promise; the command line, the
//! register format and the JSON output do (see `docs/`).

#![allow(rustdoc::private_intra_doc_links, reason = "the map is for maintainers")]

pub mod cli;
pub(crate) mod cmd;
pub(crate) mod ctx;
pub(crate) mod dates;
pub(crate) mod diag;
pub mod docnum;
pub(crate) mod gate;
pub(crate) mod hooks;
pub(crate) mod judge;
pub(crate) mod load;
pub(crate) mod lookup;
pub(crate) mod pos;
pub(crate) mod progress;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod props;
pub(crate) mod render;
pub(crate) mod sheet;
pub(crate) mod text;
pub(crate) mod tui;
pub(crate) mod write;

use std::io::Write;

use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::ctx::Ctx;

/// The width terminal tables fit: `--wide` none, then `--width`, then
/// `COLUMNS`, then the terminal's own width; not a terminal: none.
fn table_width(flag: Option<u16>, wide: bool) -> Option<usize> {
    if wide {
        return None;
    }
    if let Some(w) = flag {
        return Some(usize::from(w));
    }
    if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|w| *w >= 20) {
        return Some(w);
    }
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return ratatui::crossterm::terminal::size().ok().map(|(w, _)| usize::from(w)).filter(|w| *w >= 20);
    }
    None
}

/// Runs one invocation and returns the exit code (0 or 1); `Err` means the
/// command could not run (exit 2).
pub fn run(cli: Cli, today: NaiveDate) -> anyhow::Result<u8> {
    hooks::init();
    if let Some(file) = &cli.output
        && !cli.command.reports_to_stdout()
    {
        anyhow::bail!(
            "--output `{}`: 这个命令自己写文件(或只输出几行说明),不能用 --output\n提示: --output 用于 check、review、deadlines、diff、laws、import --format json 等的报告",
            file.display()
        );
    }
    // With --output the report goes to a file: no colours, no terminal width.
    let to_file = cli.output.is_some();
    let ctx = Ctx {
        register: cli.register,
        cwd: std::env::current_dir()?,
        as_of_flag: cli.as_of,
        today,
        color: !to_file
            && std::io::IsTerminal::is_terminal(&std::io::stdout())
            && std::env::var_os("NO_COLOR").is_none(),
        width: if to_file { cli.width.map(usize::from) } else { table_width(cli.width, cli.wide) },
        root: std::sync::OnceLock::new(),
        reviewer: std::env::var("QINGLI_REVIEWER").ok().filter(|r| !r.trim().is_empty()),
    };
    // A progress line on stderr for long runs, only on a terminal (or when
    // QINGLI_PROGRESS=always asks for it).
    let mode = match std::env::var("QINGLI_PROGRESS").as_deref() {
        Ok("always") => progress::Mode::Always,
        Ok("never") => progress::Mode::Never,
        _ if std::io::IsTerminal::is_terminal(&std::io::stderr()) => progress::Mode::AfterASecond,
        _ => progress::Mode::Never,
    };
    let progress_line = progress::Display::start(mode);
    let stdout = std::io::stdout();
    // The report's destination: stdout, or (--output) a temporary file
    // beside FILE, renamed over it once the command has finished.
    let staged = cli.output.as_deref().map(write::atomic::report_file).transpose()?;
    let sink: Box<dyn std::io::Write> = match &staged {
        Some(tmp) => Box::new(tmp.reopen()?),
        None => Box::new(stdout.lock()),
    };
    // A large buffer: reports over 100,000 documents run to tens of megabytes.
    // Human-readable reports and every message are made terminal-safe.
    let mut out = render::TerminalSafe {
        inner: std::io::BufWriter::with_capacity(1 << 18, sink),
        enabled: cli.command.is_human_readable(),
    };
    // Unlocked: the progress thread writes to stderr too, and a lock held for
    // the whole command would deadlock it.
    let mut err = render::TerminalSafe { inner: std::io::stderr(), enabled: true };
    let code = match &cli.command {
        Command::Check(a) => cmd::check::run(a, &ctx, &mut out),
        Command::Review(a) => cmd::review::run(a, &ctx, &mut out, &mut err),
        Command::Init(a) => cmd::init::run(a, &ctx, &mut out),
        Command::New(a) => cmd::new::run(a, &ctx, &mut out, &mut err),
        Command::Import(a) => cmd::import::run(a, &ctx, &mut out, &mut err),
        Command::Decide(a) => cmd::decide::run(a, &ctx, &mut out, &mut err),
        Command::Laws(a) => cmd::laws::run(a, &ctx, &mut out, &mut err),
        Command::Deadlines(a) => cmd::deadlines::run(a, &ctx, &mut out, &mut err),
        Command::Catalog(a) => cmd::catalog::run(a, &ctx, &mut out, &mut err),
        Command::Site(a) => cmd::site::run(a, &ctx, &mut out, &mut err),
        Command::Diff(a) => cmd::diff::run(a, &ctx, &mut out),
        Command::Fmt(a) => cmd::fmt::run(a, &ctx, &mut out, &mut err),
        Command::Text(a) => cmd::text::run(a, &ctx, &mut out, &mut err),
        Command::Scan(a) => cmd::scan::run(a, &ctx, &mut out, &mut err),
        Command::Completions(a) => Ok(cmd::shell::completions(a.shell, &mut out)),
        Command::Man => cmd::shell::man(&mut out),
    }?;
    drop(progress_line);
    out.flush()?;
    drop(out);
    if let (Some(tmp), Some(file)) = (staged, &cli.output) {
        write::atomic::finish_report(tmp, file)?;
    }
    Ok(code)
}

/// An error message for the terminal: control and bidi characters from the
/// register (a 文号 given as REF, a path) made harmless.
#[must_use]
pub fn terminal_message(message: &str) -> String {
    render::terminal_text(message).into_owned()
}

/// Whether an error is a closed pipe (`qingli review | head`), which is not a failure.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

//! qingli (清理): a command-line toolkit for the periodic cleanup of
//! normative documents (规范性文件) kept in a plain-text register.
//!
//! Layers, each depending only on those above it in this list; the folders
//! group them:
//! - Foundations: [`diag`] (diagnostic codes, severities, levels), [`dates`]
//!   (calendar arithmetic), [`docnum`] (文号 normalisation and keys),
//!   [`hooks`] (the tests' fault hooks, compiled with `test-hooks` only),
//!   [`lookup`] ("did you mean": one closeness rule for every name),
//!   [`pos`] (positions and source lines in a file's text).
//! - [`load`], the reading side: `source`, `model`, `read`, `parse`, `laws`,
//!   `calendar`, `intern`, `register` (discovery, walk, loading, records
//!   left out), `disk` (reading records from disk), `pages` (small memory
//!   pages at province scale), `index` (report order, lookups by id and
//!   文号, records read ahead in report order), `git`, `revision` (a
//!   register at a git revision, sharing unchanged records), `validate`
//!   (cross-file checks, everything `check` reports), `sheet`.
//! - [`judge`], all pure: `rules` (Q00–Q13), `deadline` (D1–D8), `catalog`
//!   (附件1–4 as data), `compare` (two revisions).
//! - [`gate`]: the findings every command reads (load problems, cross-file
//!   checks, disagreements, at the office's levels): may this register be
//!   acted on.
//! - [`write`], the writing side: `canon` (the canonical form), `fsx`
//!   (atomic writes).
//! - [`render`]: the only code that turns results into text.
//! - The command line: [`cli`] (clap definitions, Chinese usage errors),
//!   [`ctx`] (the register root and dates, decided once), [`progress`] (the
//!   stderr progress line), [`cmd`] (one module per subcommand,
//!   orchestrating the above), [`tui`] (the interactive review's state machine).
//! - `props`: invariants shared by property tests and the fuzzers (built for those only).
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
    let ctx = Ctx {
        register: cli.register,
        cwd: std::env::current_dir()?,
        as_of_flag: cli.as_of,
        today,
        color: std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::env::var_os("NO_COLOR").is_none(),
        width: table_width(cli.width, cli.wide),
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
    // A large buffer: reports over 100,000 documents run to tens of megabytes.
    // Human-readable reports and every message are made terminal-safe.
    let mut out = render::TerminalSafe {
        inner: std::io::BufWriter::with_capacity(1 << 18, stdout.lock()),
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
        Command::Completions(a) => Ok(cmd::shell::completions(a.shell, &mut out)),
        Command::Man => cmd::shell::man(&mut out),
    }?;
    drop(progress_line);
    out.flush()?;
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

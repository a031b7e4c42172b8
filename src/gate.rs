//! The gate: whether a register may be acted on, decided in one place.
//!
//! One findings step — load problems, cross-file checks
//! ([`crate::load::validate`]) and unjustified disagreements
//! ([`crate::judge::disagreement`]) — with the office's `[check]` levels and
//! then the command line's applied once. Every command reads the same
//! answer: `check` prints the findings; `catalog` and `site` refuse on any
//! error (or write a marked draft with `--allow-errors`); `decide` refuses a
//! record with an error; `import` refuses rows that would duplicate or update
//! one; `diff --fail-on errors` and `deadlines --fail-on` count them.
//!
//! Above `judge` (it needs the rules), below everything that writes or renders.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::diag::{self, Code, Diagnostic, Levels, Severity};
use crate::judge::disagreement;
use crate::load::register::Register;
use crate::load::validate;

/// What is wrong with a register, at the levels in force, sorted.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    diagnostics: Vec<Diagnostic>,
    errors: usize,
}

impl Findings {
    /// Everything wrong with `reg` on `as_of`, at `reg`'s `[check]` levels
    /// and then `extra` (the command line's): what `check` prints.
    pub(crate) fn of(reg: &Register, as_of: NaiveDate, extra: &Levels) -> Findings {
        Findings::of_with(reg, as_of, extra, Vec::new())
    }

    /// [`Findings::of`] with `more` found outside the register's load (the
    /// texts' checks, which only `check` reads), at the same levels.
    pub(crate) fn of_with(reg: &Register, as_of: NaiveDate, extra: &Levels, more: Vec<Diagnostic>) -> Findings {
        let mut all = checks(reg);
        all.extend(disagreement::all(reg, as_of));
        all.extend(more);
        Findings::leveled(&levels(reg, extra), all)
    }

    /// The errors of [`Findings::of`] alone (warnings left out): what a
    /// command that only asks "may I act?" needs. Disagreements are
    /// evaluated only when the levels make them errors.
    pub(crate) fn errors_of(reg: &Register, as_of: NaiveDate, extra: &Levels) -> Findings {
        let levels = levels(reg, extra);
        let mut all = checks(reg);
        all.extend(denied_disagreements(reg, as_of, &levels));
        let mut found = Findings::leveled(&levels, all);
        found.diagnostics.retain(|d| d.severity == Severity::Error);
        found
    }

    /// How many errors [`Findings::errors_of`] finds at `reg`'s own levels,
    /// given its checks already at those levels ([`Findings::leveled_for`]):
    /// `diff` has them in hand and need not run the checks again.
    pub(crate) fn error_count(reg: &Register, as_of: NaiveDate, leveled_checks: &[Diagnostic]) -> usize {
        let levels = levels(reg, &Levels::default());
        let disagreements = denied_disagreements(reg, as_of, &levels).len();
        leveled_checks.iter().filter(|d| d.severity == Severity::Error).count() + disagreements
    }

    /// `diagnostics` found elsewhere (`diff` finds disagreements while it
    /// compares), at `reg`'s levels.
    pub(crate) fn leveled_for(reg: &Register, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        Findings::leveled(&levels(reg, &Levels::default()), diagnostics).diagnostics
    }

    fn leveled(levels: &Levels, mut diagnostics: Vec<Diagnostic>) -> Findings {
        diag::sort(&mut diagnostics);
        levels.apply(&mut diagnostics);
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Findings { diagnostics, errors }
    }

    /// How many errors: any one blocks publishing.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// Every finding, sorted.
    pub(crate) fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The errors in the file shown as `file` (a record's display path).
    pub(crate) fn errors_in<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.severity == Severity::Error && d.file == file)
    }

    /// The files that hold an error, each once, sorted.
    pub(crate) fn error_files(&self) -> BTreeSet<&str> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.file.as_str()).collect()
    }
}

/// The disagreements of `reg`, only when `levels` make them errors (else
/// none are evaluated).
fn denied_disagreements(reg: &Register, as_of: NaiveDate, levels: &Levels) -> Vec<Diagnostic> {
    if levels.deny.contains(&Code::Disagreement) { disagreement::all(reg, as_of) } else { Vec::new() }
}

/// `reg`'s `[check]` levels, then `extra`.
fn levels(reg: &Register, extra: &Levels) -> Levels {
    reg.config.check.clone().then(extra)
}

/// Load problems and cross-file checks at their default severities,
/// unsorted: everything but the disagreements, which need the rules.
pub(crate) fn checks(reg: &Register) -> Vec<Diagnostic> {
    let mut all = reg.diagnostics.clone();
    all.extend(validate::validate(reg));
    all
}

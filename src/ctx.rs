//! The resolved invocation context: register root and dates, decided once.
//!
//! Commands never read environment variables or the clock: `main` reads
//! today's date once, the register root is resolved here once, and the
//! as-of date is `--as-of`, else the campaign's `as_of`, else that today.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::dates::AsOfSource;
use crate::load::register::Register;

/// The context every command runs in.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// `--register` or `QINGLI_REGISTER`, if given.
    pub register: Option<PathBuf>,
    pub cwd: PathBuf,
    pub as_of_flag: Option<NaiveDate>,
    /// Today, read once at start-up.
    pub today: NaiveDate,
    /// Colour in terminal output: stdout is a terminal and `NO_COLOR` is unset.
    pub color: bool,
    /// The width terminal tables must fit (`--width`, `COLUMNS`, the
    /// terminal); `None`: no limit (`--wide`, or not a terminal).
    pub width: Option<usize>,
    /// `QINGLI_REVIEWER`, if set: who records decisions.
    pub reviewer: Option<String>,
    /// The register root, resolved on first use (`init` and `completions` need none).
    pub root: std::sync::OnceLock<PathBuf>,
}

impl Ctx {
    /// The as-of date for a loaded register, with its source.
    pub(crate) fn as_of(&self, reg: &Register) -> (NaiveDate, AsOfSource) {
        if let Some(d) = self.as_of_flag {
            return (d, AsOfSource::Flag);
        }
        if let Some(d) = reg.config.campaign.as_ref().and_then(|c| c.as_of) {
            return (d, AsOfSource::Campaign);
        }
        (self.today, AsOfSource::Today)
    }

    /// The register root: `--register` (or `QINGLI_REGISTER`), else the
    /// nearest folder upward holding `qingli.toml`. Resolved once.
    pub(crate) fn root(&self) -> anyhow::Result<&Path> {
        if let Some(root) = self.root.get() {
            return Ok(root);
        }
        let found = crate::load::discover::discover(self.register.as_deref(), &self.cwd)?;
        Ok(self.root.get_or_init(|| found))
    }

    /// Finds and loads the register.
    pub(crate) fn load(&self) -> anyhow::Result<Register> {
        Register::load(self.root()?)
    }
}

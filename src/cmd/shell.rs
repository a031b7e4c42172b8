//! `qingli completions SHELL` and `qingli man`: generated from the clap
//! definition, so they never drift from the real command line.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

pub(crate) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> u8 {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "qingli", out);
    0
}

pub(crate) fn man(out: &mut dyn Write) -> Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(0)
}

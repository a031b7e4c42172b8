//! `qingli check`: every problem in the register, in one run.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{CheckArgs, CheckFormat};
use crate::ctx::Ctx;
use crate::diag::{self, Code, Levels};
use crate::gate::Findings;
use crate::render;

/// `--deny/--warn/--allow` as levels; a bad code name is a usage error.
fn cli_levels(args: &CheckArgs) -> Result<Levels> {
    let mut levels = Levels::default();
    for (names, level, list) in [
        (&args.allow, "allow", &mut levels.allow),
        (&args.warn, "warn", &mut levels.warn),
        (&args.deny, "deny", &mut levels.deny),
    ] {
        for name in names {
            match diag::level_code(name, level) {
                Ok(code) => list.push(code),
                Err(message) => bail!("--{level}: {message}"),
            }
        }
    }
    Ok(levels)
}

pub(crate) fn run(args: &CheckArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let reg = ctx.load()?;
    let (as_of, _) = ctx.as_of(&reg);
    let mut levels = cli_levels(args)?;
    if args.strict {
        levels = levels.then(&Levels { deny: vec![Code::Disagreement], ..Levels::default() });
    }
    // The texts as files, then what each says against its record: one read.
    let more = super::scan::check_texts(&reg)?;
    let findings = Findings::of_with(&reg, as_of, &levels, more);
    let diags = findings.diagnostics();
    match args.format {
        CheckFormat::Human => render::diag::human(out, diags, reg.files_read)?,
        CheckFormat::Json => render::diag::json(out, &reg, diags)?,
        CheckFormat::Jsonl => render::diag::jsonl(out, diags)?,
    }
    Ok(u8::from(findings.errors() > 0))
}

//! Rendering diagnostics: one line per problem (`file:line:col:
//! error[code]: message`) with a hint underneath, or JSON for CI.

use std::io::Write;

use crate::diag::{Diagnostic, Severity};
use crate::register::Register;

fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, diags.len() - errors)
}

/// One diagnostic: `file:line:col: severity[code]: message` and its hint.
pub(crate) fn line(out: &mut dyn Write, d: &Diagnostic) -> std::io::Result<()> {
    writeln!(out, "{}:{}:{}: {}[{}]: {}", d.file, d.line, d.column, d.severity.as_str(), d.code.name(), d.message)?;
    writeln!(out, "  = 提示: {}", d.hint)
}

/// Human-readable diagnostics and a closing summary line.
pub(crate) fn human(out: &mut dyn Write, diags: &[Diagnostic], files: usize) -> std::io::Result<()> {
    for d in diags {
        line(out, d)?;
    }
    let (errors, warnings) = counts(diags);
    let verdict = if errors > 0 { "检查未通过" } else { "检查通过" };
    writeln!(out, "{verdict}: 共检查 {files} 个文件,{errors} 个错误,{warnings} 个警告")
}

/// Diagnostics as JSON: `{"register", "files", "errors", "warnings",
/// "diagnostics": [...]}` (the list serialised in parallel).
pub(crate) fn json(out: &mut dyn Write, reg: &Register, diags: &[Diagnostic]) -> std::io::Result<()> {
    let (errors, warnings) = counts(diags);
    let register = serde_json::to_string(&reg.config.name)?;
    write!(
        out,
        "{{\n  \"register\": {register},\n  \"files\": {},\n  \"errors\": {errors},\n  \"warnings\": {warnings},\n  \"diagnostics\": [",
        reg.files_read
    )?;
    super::json_array_items(out, diags, 1)?;
    writeln!(out, "\n}}")
}

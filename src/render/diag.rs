//! Rendering diagnostics: one line per problem (`file:line:col:
//! 错误[code]: message`, 警告[code] for warnings) with a hint underneath, or JSON for CI.

use std::io::Write;

use crate::diag::{Diagnostic, Severity};
use crate::load::register::Register;

fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, diags.len() - errors)
}

/// One diagnostic: `file:line:col: severity[code]: message`, the source
/// line with the problem underlined (when known), and the hint.
pub(crate) fn line(out: &mut dyn Write, d: &Diagnostic) -> std::io::Result<()> {
    writeln!(out, "{}:{}:{}: {}[{}]: {}", d.file, d.line, d.column, d.severity.label(), d.code.name(), d.message)?;
    if let (Some(text), Some(span)) = (&d.line_text, d.span) {
        let (shown, under) = underline(text, d.column, span.end.saturating_sub(span.start));
        let gutter = " ".repeat(d.line.to_string().len());
        writeln!(out, "{gutter} |")?;
        writeln!(out, "{} | {shown}", d.line)?;
        writeln!(out, "{gutter} | {under}")?;
    }
    writeln!(out, "  = 提示: {}", d.hint)
}

/// How a source line is shown: tabs as four spaces, control characters as
/// U+FFFD (a line must not drive the terminal).
fn visible(s: &str) -> String {
    super::terminal_text(s).replace('\t', "    ")
}

/// The line as shown and the marker line under it: `^` over the `len` bytes
/// from character `column` (1-based), sized by display width, so a CJK
/// character (two columns) gets two carets. Long lines are cut at 200 characters.
fn underline(text: &str, column: u32, len: usize) -> (String, String) {
    use unicode_width::UnicodeWidthStr;
    let text: String = text.chars().take(super::TABLE_CELL_MAX).collect();
    let before_chars = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let split = text.char_indices().nth(before_chars).map_or(text.len(), |(i, _)| i);
    let (before, rest) = text.split_at(split);
    let mut end = len.min(rest.len());
    while !rest.is_char_boundary(end) {
        end += 1;
    }
    let marked = &rest[..end];
    let pad = visible(before).width();
    let carets = visible(marked).width().max(1);
    (visible(&text), format!("{}{}", " ".repeat(pad), "^".repeat(carets)))
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
/// One diagnostic per line, as the JSON format's `diagnostics` items.
pub(crate) fn jsonl(out: &mut dyn Write, diags: &[Diagnostic]) -> std::io::Result<()> {
    super::jsonl_items(out, diags)
}

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

#[cfg(test)]
mod tests {
    use super::underline;

    #[test]
    fn carets_are_sized_by_display_width() {
        // `issued = "二〇〇六年"`: the value starts at character 10 and is 7 characters, 12 columns wide.
        let (shown, under) = underline("issued = \"二〇〇六年\"", 10, "\"二〇〇六年\"".len());
        assert_eq!(shown, "issued = \"二〇〇六年\"");
        assert_eq!(under, format!("{}{}", " ".repeat(9), "^".repeat(12)));
        // After CJK text the padding counts two columns a character.
        let (_, under) = underline("title = \"通知\" x", 14, 1);
        assert_eq!(under, format!("{}^", " ".repeat(15)));
        // Control characters never reach the terminal.
        assert_eq!(underline("a\u{1b}[2Jb", 1, 1).0, "a\u{FFFD}[2Jb");
    }
}

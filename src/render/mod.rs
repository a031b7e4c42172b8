//! Rendering: the only code that turns results into text (tables, CSV,
//! JSON, Markdown, diagnostics). Renderers write to a `Write` they are given
//! and never probe the terminal themselves.

pub mod catalog;
pub mod deadlines;
pub mod diag;
pub mod diff;
pub mod review;

use comfy_table::{ContentArrangement, Table, presets};

/// A table in the house style: UTF-8 borders, no wrapping (so output does
/// not depend on the terminal width).
pub(crate) fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    t
}

/// Escapes a Markdown table cell.
pub(crate) fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ")
}

/// Neutralises a spreadsheet cell that would run as a formula (starts with
/// `=`, `+`, `-` or `@`, or a tab/CR) by prefixing an apostrophe.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Pads `s` with spaces to `width` terminal columns (CJK characters count two).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

//! Rendering: the only code that turns results into text (tables, CSV,
//! JSON, Markdown, diagnostics). Renderers write to a `Write` they are given
//! and never probe the terminal themselves.

pub mod catalog;
pub mod deadlines;
pub mod diag;
pub mod diff;
pub mod review;

use comfy_table::{ContentArrangement, Table, presets};
use rayon::prelude::*;
use serde::Serialize;

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

/// Writes `items` as the elements of a pretty-printed JSON array whose
/// opening `[` is already written at nesting `level`, serialising them in
/// parallel. The bytes are exactly those `serde_json::to_writer_pretty`
/// would write for the whole value (two-space indent), in the same order.
pub(crate) fn json_array_items<T: Serialize + Sync>(
    out: &mut dyn std::io::Write,
    items: &[T],
    level: usize,
) -> std::io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"]");
    }
    let pad = "  ".repeat(level + 1);
    let render = |item: &T| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(1024);
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::new());
        item.serialize(&mut ser).map_err(std::io::Error::from)?;
        // Re-indent to the array's nesting; JSON strings hold no raw newlines.
        let mut indented = Vec::with_capacity(buf.len() + buf.len() / 8);
        indented.extend_from_slice(pad.as_bytes());
        for &b in &buf {
            indented.push(b);
            if b == b'\n' {
                indented.extend_from_slice(pad.as_bytes());
            }
        }
        Ok(indented)
    };
    out.write_all(b"\n")?;
    // Bounded batches keep memory flat however many items there are.
    for (n, batch) in items.chunks(4096).enumerate() {
        let chunks: Vec<Vec<u8>> = batch.par_iter().map(render).collect::<std::io::Result<_>>()?;
        for (i, c) in chunks.iter().enumerate() {
            if n > 0 || i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(c)?;
        }
    }
    write!(out, "\n{}]", "  ".repeat(level))
}

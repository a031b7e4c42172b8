//! Rendering: the only code that turns results into text (tables, CSV,
//! JSON, Markdown, diagnostics). Renderers write to a `Write` they are given
//! and never probe the terminal themselves.
//!
//! One module per command's output: `review`, `deadlines`, `catalog` (and
//! `docx`, its Word notice), `decide`,
//! `diff`, `diag` (check's diagnostics), `fmt`, `import`, `laws`, `setup` (init and
//! new), `site` (the published website, with `chart` for its SVG charts),
//! `text` (`text add`/`text import`), `scan` (what texts say), `tui` (the interactive review's screen), `outset` (what a run writing
//! an output set did to the previous run's files); and
//! `excluded`, the records left out, named in every output that lists
//! documents. Shared here: table style, Markdown and CSV escaping, streamed
//! JSON arrays.

pub(crate) mod catalog;
pub(crate) mod chart;
pub(crate) mod deadlines;
pub(crate) mod decide;
pub(crate) mod diag;
pub(crate) mod diff;
pub(crate) mod docx;
pub(crate) mod excluded;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod laws;
pub(crate) mod outset;
pub(crate) mod review;
pub(crate) mod scan;
pub(crate) mod setup;
pub(crate) mod site;
pub(crate) mod text;
pub(crate) mod tui;

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

/// Parts joined with `sep`, broken onto indented lines so that none is
/// wider than `width` (no limit: one line). A break goes after `sep`.
pub(crate) fn join_wrapped(parts: &[String], sep: &str, width: Option<usize>) -> String {
    let display = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut out = String::new();
    let mut line = 0;
    for (i, p) in parts.iter().enumerate() {
        let piece = if i + 1 < parts.len() { format!("{p}{sep}") } else { p.clone() };
        if let Some(w) = width
            && line > 0
            && line + display(piece.trim_end()) > w
        {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push_str("\n  ");
            line = 2;
        }
        line += display(&piece);
        out.push_str(&piece);
    }
    out
}

/// A sort key putting Chinese names in 拼音 order (as a clerk looks up a
/// unit), characters of the same reading by code point, other text as is.
pub(crate) fn pinyin_key(s: &str) -> Vec<(&'static str, char)> {
    use pinyin::ToPinyin;
    s.chars().map(|c| (c.to_pinyin().map_or("", |p| p.plain()), c)).collect()
}

/// Names sorted by [`pinyin_key`].
pub(crate) fn sort_pinyin<T>(items: &mut [(&str, T)]) {
    items.sort_by_cached_key(|(name, _)| pinyin_key(name));
}

/// A document as messages name it: `永政发〔2006〕3号《标题》`, or `《标题》`.
pub(crate) fn doc_name(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n}《{title}》"),
        None => format!("《{title}》"),
    }
}

/// Text clipped to `width` display columns (CJK characters count two),
/// ending in `…` when clipped.
pub(crate) fn clip_width(s: &str, width: usize) -> std::borrow::Cow<'_, str> {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    std::borrow::Cow::Owned(out)
}

/// A table that fits `width` terminal columns (`None`: no limit): columns
/// in `drop` (least important first) are left out while the table is too
/// wide, then column `flex` (a title) is clipped by display width with `…`.
/// Cells longer than [`TABLE_CELL_MAX`] are clipped in any case.
pub(crate) struct Fit<'a> {
    pub width: Option<usize>,
    /// Columns to leave out first, least important first.
    pub drop: &'a [usize],
    /// The columns clipped to fit (a title first), in order.
    pub flex: &'a [usize],
    /// Right-aligned columns (numbers).
    pub right: &'a [usize],
    /// A colour per row for column `.1` (a status), when colour is on.
    pub colors: Option<(Vec<Option<comfy_table::Color>>, usize)>,
}

/// The table laid out as [`Fit`] says.
pub(crate) fn fitted_table(header: &[&str], rows: Vec<Vec<String>>, fit: Fit<'_>) -> Table {
    let Fit { width, drop, flex, right, colors } = fit;
    let display = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.into_iter().map(clip).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| display(h)).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.lines().map(display).max().unwrap_or(0));
        }
    }
    let mut keep: Vec<usize> = (0..header.len()).collect();
    // "│ a ┆ b │": one border per column plus one, two spaces of padding.
    let total = |keep: &[usize], widths: &[usize]| keep.iter().map(|&c| widths[c] + 3).sum::<usize>() + 1;
    let mut clipped: Vec<(usize, usize)> = Vec::new();
    if let Some(limit) = width {
        for &d in drop {
            if total(&keep, &widths) <= limit {
                break;
            }
            keep.retain(|&c| c != d);
        }
        let flex: Vec<usize> = flex.iter().copied().filter(|f| keep.contains(f)).collect();
        let mut clip_to = |f: usize, w: usize, widths: &mut Vec<usize>| {
            if w < widths[f] {
                widths[f] = w;
                clipped.retain(|(c, _)| *c != f);
                clipped.push((f, w));
            }
        };
        // The other long columns give up their excess first (down to 24
        // columns), so the title keeps a fair share; then the title, then
        // the others again, until the table fits.
        for &f in flex.iter().skip(1) {
            if total(&keep, &widths) > limit {
                clip_to(f, widths[f].min(24).max(display(header[f])), &mut widths);
            }
        }
        for &f in &flex {
            let over = total(&keep, &widths).saturating_sub(limit);
            if over == 0 {
                break;
            }
            clip_to(f, widths[f].saturating_sub(over).max(display(header[f])).max(6), &mut widths);
        }
    }
    let mut t = new_table(&keep.iter().map(|&c| header[c]).collect::<Vec<_>>());
    if colors.is_some() {
        t.enforce_styling();
    }
    for (i, r) in rows.into_iter().enumerate() {
        let cells: Vec<comfy_table::Cell> = keep
            .iter()
            .map(|&c| {
                let text = match clipped.iter().find(|(f, _)| *f == c) {
                    Some((_, w)) => clip_width(&r[c], *w).into_owned(),
                    None => r[c].clone(),
                };
                let mut cell = comfy_table::Cell::new(text);
                if right.contains(&c) {
                    cell = cell.set_alignment(comfy_table::CellAlignment::Right);
                }
                if let Some((colors, col)) = &colors
                    && *col == c
                    && let Some(Some(color)) = colors.get(i)
                {
                    cell = cell.fg(*color);
                }
                cell
            })
            .collect();
        t.add_row(cells);
    }
    t
}

/// The longest cell a terminal table shows; longer text ends in `…`.
/// (comfy-table's line splitting is quadratic in a cell's length, and a
/// megabyte-long title is unreadable in a terminal anyway; CSV, JSON and
/// Markdown keep the full text.)
pub(crate) const TABLE_CELL_MAX: usize = 200;

/// `s` clipped to [`TABLE_CELL_MAX`] characters for a terminal table.
pub(crate) fn clip(s: String) -> String {
    match s.char_indices().nth(TABLE_CELL_MAX) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

/// Escapes text for Markdown: HTML special characters become entities (a
/// title like `<img onerror=…>` must stay text in a rendered catalogue or
/// pull-request comment) and Markdown's own markup characters are escaped.
pub(crate) fn md_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                o.push('\\');
                o.push(c);
            }
            '\n' | '\r' => o.push(' '),
            // Control characters (NUL, ESC…) would corrupt a rendered page or terminal.
            c if c.is_control() || crate::docnum::is_bidi_control(c) => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// A CSV cell: control and bidi characters shown as U+FFFD (as in a
/// terminal table), and a cell that would run as a formula (starting with
/// `=`, `+`, `-` or `@`, or a tab, after any spaces a spreadsheet trims)
/// prefixed with an apostrophe. A plain number (`-5476`, `+3`) is no
/// formula and stays a number, so it sorts.
pub(crate) fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let s = terminal_text(s);
    let t = s.trim_start_matches([' ', '\u{3000}']);
    let rest = t.as_bytes().get(1..).unwrap_or_default();
    let number = !rest.is_empty()
        && rest.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && rest.iter().any(u8::is_ascii_digit);
    if t.starts_with(['=', '+', '-', '@', '\t']) && !(t.starts_with(['+', '-']) && number && t.len() == s.len()) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        s
    }
}

/// The most characters an Excel cell holds, and the most a Word table
/// cell gets (LibreOffice did not open a notice with a 10 MB title within
/// 400 s).
pub(crate) const CELL_MAX: usize = 32_767;

/// A workbook's or a Word table's cell text: control and bidi characters
/// shown as U+FFFD, and cut (marked `…`) at [`CELL_MAX`] characters.
pub(crate) fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    let s = terminal_text(s);
    match s.char_indices().nth(CELL_MAX - 1) {
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..at])),
        None => s,
    }
}

/// Whether `c` must not reach a published or exchanged text as it is:
/// a control character (tabs and line breaks aside) or a bidi control,
/// which would move a terminal's cursor or reorder the text a reader sees.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || crate::docnum::is_bidi_control(c)
}

/// Pads `s` with spaces to `width` terminal columns (CJK characters count two).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// One item of a pretty-printed JSON array nested at `level`: serialised
/// as `serde_json`'s two-space pretty printer would at that depth.
pub(crate) fn json_item<T: Serialize>(item: &T, level: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(1024);
    indent(&mut out, level + 1)?;
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested { depth: level + 1, has_value: false });
    item.serialize(&mut ser).map_err(std::io::Error::from)?;
    Ok(out)
}

/// A comma, a line break and the indents of the deepest nesting written at
/// once: each element's separator and indent is one slice of it.
const BREAK: &[u8; 66] = b",\n                                                                ";

/// Writes `depth` two-space indents.
fn indent<W: ?Sized + std::io::Write>(w: &mut W, depth: usize) -> std::io::Result<()> {
    match BREAK.get(2..2 + 2 * depth) {
        Some(spaces) => w.write_all(spaces),
        None => (0..depth).try_for_each(|_| w.write_all(b"  ")),
    }
}

/// `serde_json`'s `PrettyFormatter` starting at nesting `depth` instead of
/// at the top (which has no way to start deeper): the layout of one item of
/// a streamed array, with nothing to re-indent afterwards (a pass over
/// every byte written was 4% of `review --format json` at 100,000 records).
struct Nested {
    depth: usize,
    has_value: bool,
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Nested {
    /// Opens an array or object.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// The line break and indent before an element or key.
    fn next<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        // One write for the separator and indent (writing them two bytes at
        // a time was 1.2% of `review --format json` at 100,000 records).
        if let Some(bytes) = BREAK.get(usize::from(first)..2 + 2 * self.depth) {
            return w.write_all(bytes);
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }

    /// Closes an array or object (on its own line unless it is empty).
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }
}

/// How many items are rendered in one parallel batch: enough to keep every
/// thread busy, few enough that a batch's bytes stay a few megabytes.
pub(crate) const BATCH: usize = 4096;

/// Makes one batch of [`BATCH`] items at a time from `items` with `make`
/// and hands the batches, in order, to `write`: the next batch is made on
/// the pool while this thread writes the one before, so writing (one
/// thread) does not leave the others idle. At most two batches are held.
pub(crate) fn overlapped<'i, I: Sync, T: Send>(
    items: &'i [I],
    make: impl Fn(&'i [I]) -> T + Sync,
    mut write: impl FnMut(T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut batches = items.chunks(BATCH);
    let mut next = batches.next().map(&make);
    while let Some(current) = next.take() {
        let upcoming = batches.next();
        rayon::in_place_scope(|s| {
            if let Some(batch) = upcoming {
                s.spawn(|_| next = Some(make(batch)));
            }
            write(current)
        })?;
    }
    Ok(())
}

/// Writes the items of a JSON array whose `[` is already written at nesting
/// `level`, from batches of `items` that `make` renders with [`json_item`]
/// (made with [`overlapped`]); closes the array. The bytes equal those of
/// one `to_writer_pretty` of the value.
pub(crate) fn json_array_batches<'i, I: Sync>(
    out: &mut dyn std::io::Write,
    items: &'i [I],
    make: impl Fn(&'i [I]) -> std::io::Result<Vec<Vec<u8>>> + Sync,
    level: usize,
) -> std::io::Result<()> {
    let mut first = true;
    overlapped(items, make, |batch| {
        for item in batch? {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            out.write_all(&item)?;
            first = false;
        }
        Ok(())
    })?;
    if first {
        return out.write_all(b"]");
    }
    write!(out, "\n{}]", "  ".repeat(level))
}

/// Writes `items` as the elements of a JSON array whose `[` is already
/// written at nesting `level`, serialising them in parallel, bounded batches.
pub(crate) fn json_array_items<T: Serialize + Sync>(
    out: &mut dyn std::io::Write,
    items: &[T],
    level: usize,
) -> std::io::Result<()> {
    json_array_mapped(out, items, |item| item, level)
}

/// [`json_array_items`] of `f(item)` for each item: the values are built
/// in the same parallel, bounded batches, so they are never all held.
pub(crate) fn json_array_mapped<'i, I: Sync, T: Serialize>(
    out: &mut dyn std::io::Write,
    items: &'i [I],
    f: impl Fn(&'i I) -> T + Sync,
    level: usize,
) -> std::io::Result<()> {
    let make = |batch: &'i [I]| batch.par_iter().map(|item| json_item(&f(item), level)).collect();
    json_array_batches(out, items, make, level)
}

/// Writes `items` as JSON Lines: one compact object per line, serialised in
/// parallel, bounded batches (the items of the JSON format, for DuckDB,
/// pandas and Spark).
pub(crate) fn jsonl_items<T: Serialize + Sync>(out: &mut dyn std::io::Write, items: &[T]) -> std::io::Result<()> {
    jsonl_mapped(out, items, |item| item)
}

/// [`jsonl_items`] of `f(item)` for each item, built batch by batch.
pub(crate) fn jsonl_mapped<'i, I: Sync, T: Serialize>(
    out: &mut dyn std::io::Write,
    items: &'i [I],
    f: impl Fn(&'i I) -> T + Sync,
) -> std::io::Result<()> {
    let make = |batch: &'i [I]| -> std::io::Result<Vec<Vec<u8>>> {
        batch
            .par_iter()
            .map(|item| {
                let mut line = serde_json::to_vec(&f(item))?;
                line.push(b'\n');
                Ok(line)
            })
            .collect()
    };
    overlapped(items, make, |lines| lines?.iter().try_for_each(|line| out.write_all(line)))
}

/// Text for a terminal: C0 and C1 control characters (ESC, OSC, BEL…) and
/// bidi controls become U+FFFD, so register text cannot move the cursor,
/// erase rows, retitle the window or write the clipboard (OSC 52). Line
/// breaks and tabs stay.
pub(crate) fn terminal_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_hidden) {
        std::borrow::Cow::Owned(s.chars().map(|c| if is_hidden(c) { '\u{FFFD}' } else { c }).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A writer that passes text through [`terminal_text`] when `enabled`
/// (human-readable output and every message); JSON, CSV and ICS pass
/// unchanged. Writes arrive as whole `str` pieces (from `write!`), so a
/// character is never split between two calls.
pub(crate) struct TerminalSafe<W: std::io::Write> {
    pub inner: W,
    pub enabled: bool,
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.enabled {
            return self.inner.write(buf);
        }
        match std::str::from_utf8(buf) {
            Ok(text) => self.inner.write_all(terminal_text(text).as_bytes()),
            Err(_) => self.inner.write_all(
                &String::from_utf8_lossy(buf)
                    .replace(|c: char| c.is_control() && c != '\n' && c != '\t', "\u{FFFD}")
                    .into_bytes(),
            ),
        }?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Serialize;

    #[derive(Debug, Clone, Serialize)]
    struct Item {
        id: String,
        n: i64,
        flag: Option<bool>,
        list: Vec<String>,
        /// Objects in an array, empty or holding (empty) arrays.
        nested: Vec<std::collections::BTreeMap<String, Vec<u8>>>,
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            "[a-z永\\\"\n\t<>&]{0,8}",
            any::<i64>(),
            proptest::option::of(any::<bool>()),
            proptest::collection::vec("[a-z永]{0,4}", 0..3),
            proptest::collection::vec(
                proptest::collection::btree_map("[a-z]{1,3}", proptest::collection::vec(any::<u8>(), 0..3), 0..3),
                0..3,
            ),
        )
            .prop_map(|(id, n, flag, list, nested)| Item { id, n, flag, list, nested })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The streamed writer's bytes equal one `to_writer_pretty` of the
        /// whole value, at the top level and nested one level deeper.
        #[test]
        fn streamed_json_equals_to_writer_pretty(items in proptest::collection::vec(item(), 0..20)) {
            #[derive(Serialize)]
            struct Report<'a> { name: &'a str, items: &'a [Item] }
            let mut streamed = Vec::new();
            streamed.extend_from_slice(b"{\n  \"name\": \"x\",\n  \"items\": [");
            super::json_array_items(&mut streamed, &items, 1).unwrap();
            streamed.extend_from_slice(b"\n}");
            let whole = serde_json::to_vec_pretty(&Report { name: "x", items: &items }).unwrap();
            prop_assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
            let mut top = b"[".to_vec();
            super::json_array_items(&mut top, &items, 0).unwrap();
            prop_assert_eq!(String::from_utf8(top).unwrap(), serde_json::to_string_pretty(&items).unwrap());
        }
    }
}

#[cfg(test)]
mod deep_tests {
    /// Nesting deeper than the prepared indent (32 levels) is laid out as
    /// `serde_json`'s pretty printer lays it out, at the deep end too.
    #[test]
    fn deep_nesting_is_indented_like_to_string_pretty() {
        let mut value = serde_json::json!({"a": [1, "永"], "b": {}});
        for depth in 0..40 {
            value = if depth % 2 == 0 { serde_json::json!([value, depth]) } else { serde_json::json!({"k": value}) };
        }
        let item = String::from_utf8(super::json_item(&value, 0).unwrap()).unwrap();
        let whole = serde_json::to_string_pretty(&[&value]).unwrap();
        assert_eq!(format!("[\n{item}\n]"), whole);
        assert!(item.lines().any(|l| l.len() - l.trim_start().len() > 2 * 33));
    }
}

#[cfg(test)]
mod batch_tests {
    /// Several batches, made while the one before is written, come out in
    /// order: the bytes equal one `to_writer_pretty`, and one line per item.
    #[test]
    fn batches_are_written_in_order() {
        let items: Vec<(usize, String)> = (0..super::BATCH * 2 + 7).map(|i| (i, format!("第{i}件"))).collect();
        let mut top = b"[".to_vec();
        super::json_array_items(&mut top, &items, 0).unwrap();
        assert_eq!(String::from_utf8(top).unwrap(), serde_json::to_string_pretty(&items).unwrap());
        let mut lines = Vec::new();
        super::jsonl_items(&mut lines, &items).unwrap();
        let want: String = items.iter().map(|i| serde_json::to_string(i).unwrap() + "\n").collect();
        assert_eq!(String::from_utf8(lines).unwrap(), want);
        let mut empty = b"[".to_vec();
        super::json_array_items::<u8>(&mut empty, &[], 0).unwrap();
        assert_eq!(empty, b"[]");
    }
}

#[cfg(test)]
mod pinyin_tests {
    #[test]
    fn units_sort_by_reading_not_code_point() {
        let mut units = vec![("水利局", 0), ("财政局", 1), ("安监局", 2), ("Zeta", 3), ("教育局", 4)];
        super::sort_pinyin(&mut units);
        let names: Vec<&str> = units.iter().map(|u| u.0).collect();
        // 安 an < 财 cai < 教 jiao < 水 shui; code-point order would put 安 (U+5B89) after 财 (U+8D22)? no: 安 U+5B89 < 教 U+6559 < 水 U+6C34 < 财 U+8D22.
        assert_eq!(names, ["Zeta", "安监局", "财政局", "教育局", "水利局"]);
    }
}

//! The canonical form of register files, for `qingli fmt`. `&str` in,
//! `String` out; no file system access (the command writes).
//!
//! Canonical means: keys in the spec's order (unknown keys after the known
//! ones, in their original order); `[[finding]]`, `[[event]]` and `[review]`
//! as standard tables in that order, one blank line before each; inline
//! tables and dotted `review.*` keys turned into standard tables; strings
//! re-encoded the same way every time; 文号 brackets normalised (`doc_number`
//! and `superseded_by`); `key = value` with single spaces; no blank lines
//! between keys; one newline at the end. Every comment is kept with the key
//! or table it precedes, and every value is kept; a comment block that
//! directly follows a key stays directly under it (no blank line is added),
//! so uncommenting a line of a new record's template keeps the form.
//! Formatting is idempotent.

use toml_edit::{ArrayOfTables, Decor, DocumentMut, Item, Key, RawString, Table, Value};

use crate::docnum;
use crate::load::parse::{DOC_KEYS, EVENT_KEYS, FINDING_KEYS, LAW_KEYS, REVIEW_KEYS};
use crate::load::walk::FileKind;

/// A string as a TOML value (quoted and escaped the way `fmt` writes it).
pub(crate) fn toml_string(s: &str) -> String {
    Value::from(s).to_string()
}

/// A list of strings as a one-line TOML array.
pub(crate) fn toml_array(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Why a file could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unformattable {
    pub message: String,
    /// Byte offset of the problem, when known.
    pub offset: Option<usize>,
}

fn raw(d: Option<&RawString>) -> &str {
    d.and_then(RawString::as_str).unwrap_or("")
}

/// Comment lines of a decor prefix, trimmed, each ending in a newline.
/// `keep_blank`: collapse blank lines to one instead of dropping them (a
/// blank line after a comment block says the comment is not about what
/// follows, so it is kept).
fn comments(prefix: &str, keep_blank: bool) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in prefix.lines().map(str::trim) {
        if line.starts_with('#') || (keep_blank && line.is_empty() && out.last().is_some_and(|l| !l.is_empty())) {
            out.push(line);
        }
    }
    out.iter().fold(String::new(), |mut s, l| {
        s.push_str(l);
        s.push('\n');
        s
    })
}

/// Whether a comment block follows the line before it directly (no blank
/// line between): kept that way, so that a commented-out key (a new
/// record's template) can be uncommented without the layout changing.
fn glued(prefix: &str) -> bool {
    prefix.trim_start_matches([' ', '\t']).starts_with('#')
}

/// A trailing same-line comment, normalised to `  # text`.
fn trailing(suffix: &str) -> String {
    match suffix.find('#') {
        Some(i) => format!("  {}", suffix[i..].trim_end()),
        None => String::new(),
    }
}

fn set_decor(d: &mut Decor, prefix: String, suffix: String) {
    d.set_prefix(prefix);
    d.set_suffix(suffix);
}

/// Re-encodes a value in its canonical representation, keeping its decor
/// (and so any comment around it). `key` is the record-level key whose 文号
/// is normalised (`doc_number`, `superseded_by`), or `""` anywhere else.
fn reencode(key: &str, v: &mut Value) {
    let decor = v.decor().clone();
    let fresh = match v {
        Value::String(s) => {
            let text = s.value();
            let text =
                if matches!(key, "doc_number" | "superseded_by") { docnum::normalize(text) } else { text.clone() };
            Some(Value::from(text))
        }
        Value::Integer(i) => Some(Value::from(*i.value())),
        Value::Float(f) => Some(Value::from(*f.value())),
        Value::Boolean(b) => Some(Value::from(*b.value())),
        Value::Datetime(dt) => Some(Value::from(*dt.value())),
        Value::Array(a) => {
            let commented =
                a.iter().any(|x| raw(x.decor().prefix()).contains('#') || raw(x.decor().suffix()).contains('#'))
                    || a.trailing().as_str().is_some_and(|t| t.contains('#'));
            for item in a.iter_mut() {
                reencode("", item);
            }
            if !commented {
                a.fmt();
                a.set_trailing("");
                a.set_trailing_comma(false);
            }
            None
        }
        Value::InlineTable(t) => {
            for (_, item) in t.iter_mut() {
                reencode("", item);
            }
            t.fmt();
            None
        }
    };
    if let Some(f) = fresh {
        *v = f;
    }
    *v.decor_mut() = decor;
}

/// Re-encodes a key's value and normalises its spacing: ` = value  # comment`.
fn canonical_value(key: &str, v: &mut Value) {
    reencode(key, v);
    let d = v.decor_mut();
    let suffix = trailing(raw(d.suffix()));
    set_decor(d, " ".to_owned(), suffix);
}

fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

/// Normalises the key/value pairs of one table and sorts them into `order`.
/// `record` marks a document's top level, the only place a 文号 is normalised.
fn canonical_table(t: &mut Table, order: &[&str], record: bool) {
    for (mut key, item) in t.iter_mut() {
        let name = if record { key.get().to_owned() } else { String::new() };
        if let Item::Value(v) = item {
            let prefix = comments(raw(key.leaf_decor().prefix()), false);
            set_decor(key.leaf_decor_mut(), prefix, " ".to_owned());
            canonical_value(&name, v);
        } else {
            // A table header's key: `[review]`, no spaces inside the brackets.
            set_decor(key.leaf_decor_mut(), String::new(), String::new());
        }
    }
    t.sort_values_by(|a, _, b, _| rank(order, a.get()).cmp(&rank(order, b.get())));
}

/// Turns `key = { … }` and `key = [{ … }, …]` into standard tables, and a
/// dotted `review.x = …` into a `[review]` table.
fn standard_tables(root: &mut Table, key: &str) {
    let Some(item) = root.get_mut(key) else { return };
    let replacement = match std::mem::take(item) {
        Item::Value(Value::InlineTable(t)) => Item::Table(t.into_table()),
        Item::Value(Value::Array(a)) if a.iter().all(Value::is_inline_table) && !a.is_empty() => {
            let mut aot = ArrayOfTables::new();
            for v in a {
                if let Value::InlineTable(t) = v {
                    aot.push(t.into_table());
                }
            }
            Item::ArrayOfTables(aot)
        }
        Item::Table(mut t) if t.is_dotted() => {
            t.set_dotted(false);
            Item::Table(t)
        }
        other => other,
    };
    *item = replacement;
}

/// Normalises a sub-table's header and body; `first` = nothing precedes it.
fn canonical_subtable(t: &mut Table, order: &[&str], position: &mut isize, first: bool) {
    t.set_implicit(false);
    t.set_position(Some(*position));
    *position += 1;
    let d = t.decor_mut();
    let lead = if first || glued(raw(d.prefix())) { "" } else { "\n" };
    let prefix = format!("{lead}{}", comments(raw(d.prefix()), true));
    let suffix = trailing(raw(d.suffix()));
    set_decor(d, prefix, suffix);
    canonical_table(t, order, false);
}

fn order_for(key: &str) -> &'static [&'static str] {
    match key {
        "finding" => FINDING_KEYS,
        "event" => EVENT_KEYS,
        "review" => REVIEW_KEYS,
        "law" => LAW_KEYS,
        _ => &[],
    }
}

/// The canonical text of a document record or a law table file.
pub(crate) fn canonical(text: &str, kind: FileKind) -> Result<String, Unformattable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| Unformattable {
        message: e.message().to_owned(),
        offset: e.span().map(|s| s.start),
    })?;
    let root = doc.as_table_mut();
    let top_order: &[&str] = match kind {
        FileKind::Document => DOC_KEYS,
        FileKind::Laws => &["law"],
        FileKind::Calendar => &["year", "holidays", "workdays"],
    };
    if kind == FileKind::Document {
        for key in ["finding", "event", "review"] {
            standard_tables(root, key);
        }
    }
    canonical_table(root, top_order, kind == FileKind::Document);
    // Sub-tables in the order of their keys; nothing precedes the first one
    // only when the root has no plain values.
    let mut first = !root.iter().any(|(_, i)| i.is_value());
    let mut position = 1;
    let keys: Vec<Key> = root.iter().map(|(k, _)| Key::new(k)).collect();
    for key in keys {
        let order = order_for(key.get());
        match root.get_mut(key.get()) {
            Some(Item::Table(t)) => {
                canonical_subtable(t, order, &mut position, first);
                first = false;
            }
            Some(Item::ArrayOfTables(a)) => {
                for t in a.iter_mut() {
                    canonical_subtable(t, order, &mut position, first);
                    first = false;
                }
            }
            _ => {}
        }
    }
    let tail = comments(raw(Some(doc.trailing())), true);
    let lead = if glued(raw(Some(doc.trailing()))) { "" } else { "\n" };
    doc.set_trailing(if tail.is_empty() { String::new() } else { format!("{lead}{tail}") });
    let mut out = doc.to_string();
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        canonical(s, FileKind::Document).unwrap()
    }

    #[test]
    fn orders_keys_and_tables_and_keeps_comments() {
        let input = "# 记录说明\nissuer='永嘉县水利局'\n\n\ntitle   =    \"通知\"  # 标题\nissued = 2005-03-10\ndoc_number = \"永水[2005]12号\"\n\n# 清理意见\n[review]\nreason = \"理由\"\ndecision =   '修改'   # 待审批\n\n[[finding]]\nscope = \"partial\"\ntype = \"越权设定\"\n";
        let out = fmt(input);
        assert_eq!(
            out,
            "title = \"通知\"  # 标题\n# 记录说明\nissuer = \"永嘉县水利局\"\nissued = 2005-03-10\ndoc_number = \"永水〔2005〕12号\"\n\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\n\n# 清理意见\n[review]\ndecision = \"修改\"  # 待审批\nreason = \"理由\"\n"
        );
        assert_eq!(fmt(&out), out, "idempotent");
    }

    #[test]
    fn inline_tables_become_standard_tables() {
        let input = "title = \"a\"\nissuer = \"b\"\nissued = 2005-01-01\nreview = { decision = \"保留\", reason = \"r\" }\nfinding = [{ type = \"其他\", scope = \"main\" }]\n";
        let out = fmt(input);
        assert_eq!(
            out,
            "title = \"a\"\nissuer = \"b\"\nissued = 2005-01-01\n\n[[finding]]\ntype = \"其他\"\nscope = \"main\"\n\n[review]\ndecision = \"保留\"\nreason = \"r\"\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn arrays_are_normalised_unless_commented() {
        let out = fmt("title = \"a\"\nbasis = [ \"水法\" ,'河道管理条例', ]\n");
        assert_eq!(out, "title = \"a\"\nbasis = [\"水法\", \"河道管理条例\"]\n");
        let commented = "title = \"a\"\nbasis = [\n  \"水法\",  # 主要依据\n  \"河道管理条例\",\n]\n";
        assert!(fmt(commented).contains("# 主要依据"));
        assert_eq!(fmt(&fmt(commented)), fmt(commented));
    }

    /// Found by the `formatting` property test: only the record's own 文号
    /// is normalised, not a key of the same name inside a sub-table.
    #[test]
    fn doc_number_inside_a_table_is_left_alone() {
        let input =
            "title = \"a\"\n\n[[finding]]\ntype = \"其他\"\nscope = \"main\"\ndoc_number = \"永政发[2007]3号\"\n";
        assert!(fmt(input).contains("doc_number = \"永政发[2007]3号\""), "{}", fmt(input));
        assert!(fmt("doc_number = \"永政发[2007]3号\"\n").contains("永政发〔2007〕3号"));
    }

    #[test]
    fn unparseable_text_is_refused() {
        let e = canonical("title = \n", FileKind::Document).unwrap_err();
        assert_eq!(e.offset, Some(8));
    }

    #[test]
    fn law_tables() {
        let input = "# 法律库\n\n[[law]]\neffective = 2007-10-01\nname = \"物权法\"\n[[law]]\nname = \"民法典\"\n";
        let out = canonical(input, FileKind::Laws).unwrap();
        assert_eq!(
            out,
            "# 法律库\n\n[[law]]\nname = \"物权法\"\neffective = 2007-10-01\n\n[[law]]\nname = \"民法典\"\n"
        );
        assert_eq!(canonical(&out, FileKind::Laws).unwrap(), out);
    }
}

//! What `scan --apply` writes into a record: the `basis`, `effective`,
//! `expires` and `provisional` its text states and the record lacks. A key
//! the record already has is never touched; a new key goes on a line of its
//! own at its place in the canonical order (after the last key that comes
//! before it), so every other byte stays and `fmt --check` stays clean.
//! [`apply`] is pure; the write goes through `decide::edit_record`, the one
//! in-place edit path.

use toml_edit::Document;

use crate::judge::scan::Fill;
use crate::load::parse::DOC_KEYS;
use crate::write::canon::toml_array;

/// The lines `fill` would add, by key, in canonical order.
fn lines(fill: &Fill) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(d) = fill.effective {
        out.push(("effective", format!("effective = {d}")));
    }
    if let Some(d) = fill.expires {
        out.push(("expires", format!("expires = {d}")));
    }
    if fill.provisional {
        out.push(("provisional", "provisional = true".to_owned()));
    }
    if !fill.basis.is_empty() {
        out.push(("basis", format!("basis = {}", toml_array(&fill.basis))));
    }
    out
}

fn rank(key: &str) -> usize {
    DOC_KEYS.iter().position(|k| *k == key).unwrap_or(DOC_KEYS.len())
}

/// The record text with the keys of `fill` it lacks added, and the keys
/// added. Fails when the text does not parse.
pub(crate) fn apply(text: &str, fill: &Fill) -> Result<(String, Vec<&'static str>), String> {
    let mut text = text.to_owned();
    let mut added = Vec::new();
    for (key, line) in lines(fill) {
        let doc = Document::parse(text.as_str()).map_err(|e| e.message().to_owned())?;
        let root = doc.as_table();
        if root.contains_key(key) {
            continue;
        }
        // The end of the last top-level value that comes before `key`.
        let after = root
            .iter()
            .filter(|(k, item)| rank(k) < rank(key) && item.is_value())
            .filter_map(|(k, _)| root.get_key_value(k).and_then(|(_, item)| item.span()))
            .map(|span| span.end)
            .max();
        let at = match after {
            Some(end) => text[end..].find('\n').map_or(text.len(), |n| end + n + 1),
            None => 0,
        };
        let mut insert = String::new();
        if at > 0 && !text[..at].ends_with('\n') {
            insert.push('\n');
        }
        insert.push_str(&line);
        insert.push('\n');
        text.insert_str(at, &insert);
        added.push(key);
    }
    Ok((text, added))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill() -> Fill {
        Fill {
            basis: vec!["物权法".into(), "行政处罚法".into()],
            effective: Some("2011-01-01".parse().unwrap()),
            expires: Some("2015-12-31".parse().unwrap()),
            provisional: true,
        }
    }

    #[test]
    fn adds_in_canonical_order_and_keeps_every_byte() {
        let text = "# 记录\ntitle = \"通知\"  # 标题\nissuer = \"县政府\"\nissued = 2010-12-01\ndoc_number = \"永政发〔2010〕3号\"\nsubject = \"采砂\"\ndisclosure = \"主动公开\"\n\n# 发现\n[[finding]]\ntype = \"其他\"\nnote = \"x\"\n";
        let (out, added) = apply(text, &fill()).unwrap();
        assert_eq!(added, ["effective", "expires", "provisional", "basis"]);
        assert_eq!(
            out,
            "# 记录\ntitle = \"通知\"  # 标题\nissuer = \"县政府\"\nissued = 2010-12-01\ndoc_number = \"永政发〔2010〕3号\"\neffective = 2011-01-01\nexpires = 2015-12-31\nprovisional = true\nsubject = \"采砂\"\nbasis = [\"物权法\", \"行政处罚法\"]\ndisclosure = \"主动公开\"\n\n# 发现\n[[finding]]\ntype = \"其他\"\nnote = \"x\"\n"
        );
    }

    #[test]
    fn never_touches_a_key_the_record_has() {
        let text = "title = \"通知\"\nissuer = \"县政府\"\nissued = 2010-12-01\neffective = 2010-12-05\nbasis = [\n  \"民法典\",\n]\n";
        let (out, added) = apply(text, &fill()).unwrap();
        assert_eq!(added, ["expires", "provisional"]);
        assert_eq!(
            out,
            "title = \"通知\"\nissuer = \"县政府\"\nissued = 2010-12-01\neffective = 2010-12-05\nexpires = 2015-12-31\nprovisional = true\nbasis = [\n  \"民法典\",\n]\n"
        );
    }

    #[test]
    fn a_file_without_a_final_newline() {
        let (out, _) =
            apply("title = \"a\"\nissued = 2010-12-01", &Fill { provisional: true, ..Fill::default() }).unwrap();
        assert_eq!(out, "title = \"a\"\nissued = 2010-12-01\nprovisional = true\n");
        assert!(apply("title = ", &fill()).is_err());
    }
}

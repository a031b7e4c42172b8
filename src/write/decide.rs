//! Recording a decision: the `[review]` table of one record, edited with
//! `toml_edit` so that every other byte of the file — comments, blank lines,
//! key order, other tables — stays as it was. Keys inside `[review]` are
//! kept in the canonical order `fmt` uses, so `fmt --check` stays clean.
//! [`apply`] is pure (text in, text out); [`record`] reads a record, applies
//! and writes it through `atomic` — the one path `decide` and the interactive
//! review both take.

use chrono::NaiveDate;
use toml_edit::{DocumentMut, Item, Table, value};

use crate::load::parse::REVIEW_KEYS;

/// What to record in `[review]`: the record model's own `[review]`, where
/// `None` leaves a key as it is (its position is not used).
pub(crate) type Decision = crate::load::model::Review;

fn date(d: NaiveDate) -> Item {
    d.to_string().parse::<Item>().unwrap_or_else(|_| value(d.to_string()))
}

/// The record text with `d` written into `[review]` (created at the end of
/// the file when absent). Fails when the text does not parse or `review`
/// is not a table.
pub(crate) fn apply(text: &str, d: &Decision) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_owned())?;
    if doc.get("review").is_none() {
        let mut t = Table::new();
        t.set_implicit(false);
        // At the very end: after the comments that close the file (a new
        // record's commented template), so that uncommenting one of them
        // later puts the key above `[review]`, where it belongs.
        let trailing = doc.trailing().as_str().unwrap_or("").trim_end().to_owned();
        if !trailing.trim().is_empty() {
            t.decor_mut().set_prefix(format!("{trailing}\n\n"));
            doc.set_trailing("");
        }
        doc.insert("review", Item::Table(t));
    }
    let Some(review) = doc.get_mut("review").and_then(Item::as_table_like_mut) else {
        return Err("记录中的 review 不是表".to_owned());
    };
    let values: [(&str, Option<Item>); 8] = [
        ("decision", d.decision.map(|v| value(v.as_str()))),
        ("reason", d.reason.as_deref().map(value)),
        ("reviewer", d.reviewer.as_deref().map(value)),
        ("decided", d.decided.map(date)),
        ("approved", d.approved.map(date)),
        ("published", d.published.map(date)),
        ("revised", d.revised.map(date)),
        ("override_reason", d.override_reason.as_deref().map(value)),
    ];
    for (key, item) in values {
        let Some(item) = item else { continue };
        match review.get_mut(key) {
            // Replace the value, keep the key's comments and spacing.
            Some(existing) => {
                let decor = existing.as_value().map(|v| v.decor().clone());
                *existing = item;
                if let (Some(decor), Some(v)) = (decor, existing.as_value_mut()) {
                    *v.decor_mut() = decor;
                }
            }
            None => {
                review.insert(key, item);
            }
        }
    }
    // Canonical order inside [review]; unknown keys after the known ones.
    let rank = |k: &str| REVIEW_KEYS.iter().position(|x| *x == k).unwrap_or(REVIEW_KEYS.len());
    if let Some(t) = doc.get_mut("review").and_then(Item::as_table_mut) {
        t.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    }
    Ok(doc.to_string())
}

/// A record file's bytes with `edit` applied to its text (a decision's
/// [`apply`], `scan --apply`'s fill), keeping what the text does not show:
/// a UTF-8 BOM and CRLF line endings. Bytes that are not UTF-8 are refused,
/// never rewritten (a lossy decode would turn every Chinese character of a
/// GBK file into U+FFFD).
pub(crate) fn edit_bytes(before: &[u8], edit: &dyn Fn(&str) -> Result<String, String>) -> Result<Vec<u8>, String> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (bom, body) = match before.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (&b""[..], before),
    };
    let text = std::str::from_utf8(body).map_err(|e| {
        format!("文件不是 UTF-8 编码(第 {} 个字节起无效);请先另存为 UTF-8", bom.len() + e.valid_up_to() + 1)
    })?;
    let crlf = text.contains("\r\n");
    let new = if crlf { edit(&text.replace("\r\n", "\n"))?.replace('\n', "\r\n") } else { edit(text)? };
    Ok([bom, new.as_bytes()].concat())
}

/// What [`record`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Recorded {
    /// Written (or already as asked, left untouched): the file's bytes
    /// before and after (for undo).
    Written { before: Vec<u8>, after: Vec<u8> },
    /// The file changed between the read and the write: left as it is.
    ChangedMeanwhile,
    /// The file is no longer the record that was loaded (emptied, cut
    /// short, another record, re-saved in another encoding): left as it is,
    /// with the reason.
    NotAsLoaded(String),
}

/// Whether `text` is still the record `loaded`: it parses without an
/// error, and names the same document (title, issuer, date, 文号). An
/// editor caught between truncating and writing leaves an empty or partial
/// file, which never passes.
fn same_record(rel: &str, text: &str, loaded: &crate::load::model::Identity) -> Result<(), String> {
    let (doc, diags) = crate::load::parse::parse_document(rel, rel, text);
    if let Some(d) = diags.iter().find(|d| d.severity == crate::diag::Severity::Error) {
        return Err(format!("它现在不是完整的记录({}: {})", d.code.name(), d.message));
    }
    match doc {
        Some(doc) if doc.identity() == *loaded => Ok(()),
        _ => Err("它的标题、制定机关、日期或文号与读入时不同".to_owned()),
    }
}

/// Writes `d` into the `[review]` of the record `loaded` (`rel`, at `path`) under
/// `inside` (the register's documents/), a BOM and CRLF kept: through the
/// one in-place edit path ([`edit_record`]).
pub(crate) fn record(
    at: (&str, &std::path::Path),
    inside: &std::path::Path,
    loaded: &crate::load::model::Identity,
    d: &Decision,
) -> anyhow::Result<Recorded> {
    edit_record(at, inside, loaded, &|text| apply(text, d))
}

/// Applies `edit` to the record `loaded` (`rel`, at `path`) under `inside`,
/// a BOM and CRLF kept, only if the file is still that record — read now,
/// checked against what was loaded, and checked again (same bytes, same
/// file) just before the rename.
pub(crate) fn edit_record(
    (rel, path): (&str, &std::path::Path),
    inside: &std::path::Path,
    loaded: &crate::load::model::Identity,
    edit: &dyn Fn(&str) -> Result<String, String>,
) -> anyhow::Result<Recorded> {
    use crate::write::atomic::{self, Expected, Replaced};
    crate::hooks::before_edit(path);
    let basis = atomic::read_basis(path).map_err(|e| anyhow::anyhow!("无法读取 `{}`: {e}", path.display()))?;
    let after = match edit_bytes(&basis.bytes, edit) {
        Ok(after) => after,
        Err(e) => return Ok(Recorded::NotAsLoaded(e)),
    };
    let text = String::from_utf8_lossy(basis.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&basis.bytes));
    if let Err(why) = same_record(rel, &text, loaded) {
        return Ok(Recorded::NotAsLoaded(why));
    }
    if after == basis.bytes {
        // Nothing to change: the file is left untouched, not rewritten.
        return Ok(Recorded::Written { before: basis.bytes, after });
    }
    let expected = Expected { inside, pieces: &[&basis.bytes], id: basis.id };
    Ok(match atomic::replace_if_unchanged(path, &expected, &after)? {
        Replaced::Written => Recorded::Written { before: basis.bytes, after },
        Replaced::ChangedMeanwhile => Recorded::ChangedMeanwhile,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::model::Verdict;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// (what, the file's bytes, the decision, the bytes written, or the
    /// start of the refusal).
    type Case<'a> = (&'a str, &'a [u8], Decision, Result<&'a [u8], &'a str>);

    /// The edit, case by case.
    #[test]
    fn the_edit_keeps_what_it_does_not_change() {
        let keep = |v: Verdict| Decision { decision: Some(v), ..Decision::default() };
        let cases: Vec<Case<'_>> = vec![
            (
                "a comment on a replaced value stays",
                "title = \"a\"\n\n[review]\ndecision = \"保留\"  # 初审意见\n".as_bytes(),
                keep(Verdict::Repeal),
                Ok("title = \"a\"\n\n[review]\ndecision = \"废止\"  # 初审意见\n".as_bytes()),
            ),
            (
                "a comment above a replaced key stays",
                "title = \"a\"\n\n[review]\n# 二审\ndecision = \"保留\"\n".as_bytes(),
                keep(Verdict::Amend),
                Ok("title = \"a\"\n\n[review]\n# 二审\ndecision = \"修改\"\n".as_bytes()),
            ),
            (
                "CRLF line endings stay CRLF, new lines included",
                b"title = \"a\"\r\nissuer = \"b\"\r\n",
                keep(Verdict::Keep),
                Ok(b"title = \"a\"\r\nissuer = \"b\"\r\n\r\n[review]\r\ndecision = \"\xE4\xBF\x9D\xE7\x95\x99\"\r\n"),
            ),
            (
                "a BOM stays",
                b"\xEF\xBB\xBFtitle = \"a\"\n",
                keep(Verdict::Keep),
                Ok("\u{FEFF}title = \"a\"\n\n[review]\ndecision = \"保留\"\n".as_bytes()),
            ),
            (
                "a BOM, CRLF and a comment together",
                "\u{FEFF}title = \"a\"\r\n\r\n[review]\r\ndecision = \"保留\" # 初审\r\n".as_bytes(),
                keep(Verdict::Expire),
                Ok("\u{FEFF}title = \"a\"\r\n\r\n[review]\r\ndecision = \"失效\" # 初审\r\n".as_bytes()),
            ),
            (
                "GBK is refused, never rewritten lossily",
                &encoding_rs::GBK.encode("title = \"永嘉县水利局关于加强河道采砂管理的通知\"\n").0.into_owned().leak()
                    [..],
                keep(Verdict::Keep),
                Err("文件不是 UTF-8 编码"),
            ),
            ("a syntax error is refused", b"title = \n", keep(Verdict::Keep), Err("")),
        ];
        for (what, before, decision, want) in cases {
            let got = edit_bytes(before, &|t| apply(t, &decision));
            match (got, want) {
                (Ok(got), Ok(want)) => {
                    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(want), "{what}");
                }
                (Err(got), Err(want)) => assert!(got.starts_with(want), "{what}: {got}"),
                (got, want) => panic!("{what}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn creates_review_at_the_end_and_keeps_every_byte() {
        let text = "# 记录\ntitle = \"通知\"  # 标题\nissuer = \"县政府\"\nissued = 2005-01-01\n\n# 发现\n[[finding]]\ntype = \"其他\"\n";
        let dec = Decision {
            decision: Some(Verdict::Amend),
            reason: Some("第五条".into()),
            decided: Some(d("2007-08-20")),
            ..Decision::default()
        };
        let out = apply(text, &dec).unwrap();
        assert!(out.starts_with(text), "{out}");
        assert!(out.ends_with("\n[review]\ndecision = \"修改\"\nreason = \"第五条\"\ndecided = 2007-08-20\n"), "{out}");
    }

    #[test]
    fn replaces_values_in_place_in_canonical_order() {
        let text = "title = \"a\"\n\n[review]\nreason = \"旧\"  # 说明\ndecision = \"保留\"\n";
        let dec =
            Decision {
                decision: Some(Verdict::Repeal), override_reason: Some("经审核".into()), ..Decision::default()
            };
        let out = apply(text, &dec).unwrap();
        assert_eq!(
            out,
            "title = \"a\"\n\n[review]\ndecision = \"废止\"\nreason = \"旧\"  # 说明\noverride_reason = \"经审核\"\n"
        );
    }
}

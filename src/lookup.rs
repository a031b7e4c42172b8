//! "Did you mean": the one place that decides whether a word a clerk typed
//! is close to one qingli knows — a TOML key or value, a check code, a law
//! name, a 文号, a responsible unit or an id.
//!
//! One rule everywhere: by meaning first (作废 → 废止, from [`SYNONYMS`]),
//! then by spelling: an optimal-string-alignment edit distance (a swap of
//! two neighbours is one edit) of at most a third of the typed word's
//! length, and at least one. So `titel` → `title` and 城市规划法 → 城乡规划法,
//! but 合同法 never offers 专利法 or 价格法, and 条例 never 信访条例. Containing
//! the word is a separate question ([`containing`]), asked only where a
//! part of a name is what clerks type (a unit, a title).

/// Words clerks write for the register's words: by meaning, not spelling.
pub(crate) const SYNONYMS: &[(&str, &str)] = &[
    ("作废", "废止"),
    ("撤销", "废止"),
    ("取消", "废止"),
    ("予以废止", "废止"),
    ("继续有效", "保留"),
    ("有效", "保留"),
    ("继续保留", "保留"),
    ("修订", "修改"),
    ("修正", "修改"),
    ("过期", "失效"),
    ("到期", "失效"),
    ("宣布失效", "失效"),
    ("已失效", "失效"),
];

/// How far `typed` is from `known`, if close enough to be a typo of it
/// (never 0: the same word is not a suggestion).
pub(crate) fn distance(typed: &str, known: &str) -> Option<usize> {
    let d = strsim::osa_distance(typed, known);
    let limit = (typed.chars().count() / 3).max(1);
    (d > 0 && d <= limit).then_some(d)
}

/// Up to `n` of `known` close to `typed` ([`distance`]), closest first;
/// ties in the order given, each name once.
pub(crate) fn closest<'k>(typed: &str, known: impl IntoIterator<Item = &'k str>, n: usize) -> Vec<&'k str> {
    let mut scored: Vec<(usize, usize, &str)> =
        known.into_iter().enumerate().filter_map(|(i, k)| Some((distance(typed, k)?, i, k))).collect();
    scored.sort_unstable();
    let mut out: Vec<&str> = Vec::new();
    for (_, _, k) in scored {
        if !out.contains(&k) {
            out.push(k);
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// The allowed word `typed` means (作废 → 废止), else the closest by spelling.
pub(crate) fn suggest<'w>(typed: &str, allowed: &[&'w str]) -> Option<&'w str> {
    let typed = typed.trim();
    if let Some(&(_, target)) = SYNONYMS.iter().find(|(w, _)| *w == typed)
        && let Some(a) = allowed.iter().find(|a| **a == target)
    {
        return Some(a);
    }
    closest(typed, allowed.iter().copied(), 1).first().copied()
}

/// Up to `n` of `known` that contain `typed` (two characters or more),
/// in the order given, each once: for a part of a unit's name or a title.
pub(crate) fn containing<'k>(typed: &str, known: impl IntoIterator<Item = &'k str>, n: usize) -> Vec<&'k str> {
    let typed = typed.trim();
    if typed.chars().count() < 2 {
        return Vec::new();
    }
    let mut out: Vec<&str> = Vec::new();
    for k in known {
        if k != typed && k.contains(typed) && !out.contains(&k) {
            out.push(k);
            if out.len() == n {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_offered_and_other_words_are_not() {
        let keys = ["title", "issuer", "issued", "doc_number"];
        assert_eq!(suggest("titel", &keys), Some("title"));
        assert_eq!(suggest("doc_numbr", &keys), Some("doc_number"));
        assert_eq!(suggest("zzzzzz", &keys), None);
        assert_eq!(suggest("作废", &["保留", "修改", "废止", "失效"]), Some("废止"));
        let laws = ["专利法", "仲裁法", "价格法", "信访条例", "城乡规划法"];
        assert!(closest("合同法", laws, 3).is_empty());
        assert!(closest("条例", laws, 3).is_empty());
        assert_eq!(closest("城市规划法", laws, 3), ["城乡规划法"]);
        assert_eq!(closest("unknow-law", ["unknown-law", "duplicate-law"], 3), ["unknown-law"]);
    }

    #[test]
    fn containing_needs_two_characters() {
        let units = ["水政水资源科", "办公室", "水政水资源科"];
        assert_eq!(containing("水政", units, 3), ["水政水资源科"]);
        assert!(containing("水", units, 3).is_empty());
    }
}

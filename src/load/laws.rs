//! The superior-law table (上位法库) and name resolution.
//!
//! A reference matches a law's `name`, `full_name` or an alias, ignoring
//! 《》 and a leading 中华人民共和国 (so `《中华人民共和国物权法》`, `物权法` and
//! `中华人民共和国物权法` all resolve to the same law). Pure lookups.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::load::model::Law;

/// One law named in a citation as clerks write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// The law's name as cited (brackets, version note and articles removed).
    pub name: String,
    /// The cited version note (`2022年修订`), when there is one.
    pub version: Option<String>,
    /// The articles cited (`第十条`), when there are any.
    pub articles: Option<String>,
}

/// The laws a citation names: `《体育法》（2022年修订）`, `体育法第十条`,
/// `《A》、《B》`, `《A》等法律`, `<…>`, `〈…〉`, `«…»`, full-width letters, and a
/// title with a law quoted inside it (`《最高人民法院关于适用<民事诉讼法>的解释》`
/// is one citation: the 解释).
pub(crate) fn citations(reference: &str) -> Vec<Citation> {
    let text: String = reference
        .nfkc()
        .map(|c| match c {
            '<' | '〈' | '«' | '‹' => '《',
            '>' | '〉' | '»' | '›' => '》',
            c => c,
        })
        .collect();
    // Top-level 《…》 segments, each with the text after it (version, articles).
    let mut pieces: Vec<(String, String)> = Vec::new();
    let (mut depth, mut current, mut tail) = (0usize, String::new(), String::new());
    for c in text.chars() {
        match c {
            '《' => {
                if depth == 0 {
                    if !current.is_empty() {
                        pieces.push((std::mem::take(&mut current), std::mem::take(&mut tail)));
                    }
                    tail.clear();
                } else {
                    current.push(c);
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    current.push(c);
                }
            }
            c if depth > 0 => current.push(c),
            c => tail.push(c),
        }
    }
    if !current.is_empty() {
        pieces.push((current, tail));
    } else if pieces.is_empty() {
        // No 《》: a list separated by 、 , ; or a single name.
        pieces = text.split(['、', ',', ';', '，', '；']).map(|p| (p.to_owned(), String::new())).collect();
    } else if let Some(last) = pieces.last_mut() {
        last.1 = tail;
    }
    pieces
        .into_iter()
        .filter_map(|(inner, after)| {
            let inner: String = inner.chars().filter(|c| !matches!(c, '《' | '》')).collect();
            let mut rest = format!("{inner}{after}");
            rest = rest.trim().trim_end_matches(['、', ',', '，', ';', '；']).to_owned();
            for suffix in ["等法律法规", "等法律", "等法规", "等"] {
                if let Some(r) = rest.strip_suffix(suffix) {
                    rest = r.to_owned();
                }
            }
            // Articles after a version note, or a version note after articles.
            let (rest, articles) = split_articles(&rest);
            let (rest, version) = split_version(&rest);
            let (name, articles) = match articles {
                Some(a) => (rest, Some(a)),
                None => split_articles(&rest),
            };
            let name = name.trim().to_owned();
            (!name.is_empty()).then_some(Citation { name, version, articles })
        })
        .collect()
}

/// `体育法(2022年修订)` → (`体育法`, `2022年修订`).
fn split_version(s: &str) -> (String, Option<String>) {
    let t = s.trim_end();
    if let Some(body) = t.strip_suffix(')').or_else(|| t.strip_suffix('）'))
        && let Some(open) = body.rfind(['(', '（'])
    {
        let note = &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..];
        if note.contains('修') || note.contains('年') || note.chars().all(|c| c.is_ascii_digit()) {
            return (body[..open].to_owned(), Some(note.trim().to_owned()));
        }
    }
    (t.to_owned(), None)
}

/// `民法典第一千一百六十五条` → (`民法典`, `第一千一百六十五条`).
fn split_articles(s: &str) -> (String, Option<String>) {
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十百千".contains(c);
    for (i, _) in s.match_indices('第') {
        let after = &s[i + '第'.len_utf8()..];
        let n = after.chars().take_while(|c| numeral(*c)).count();
        let rest: String = after.chars().skip(n).collect();
        if n > 0 && (rest.starts_with('条') || rest.starts_with('章')) && i > 0 {
            return (s[..i].to_owned(), Some(s[i..].to_owned()));
        }
    }
    (s.to_owned(), None)
}

/// Normalises a law reference for lookup.
pub(crate) fn normalize(reference: &str) -> String {
    let s: String =
        reference.chars().filter(|c| !matches!(c, '《' | '》' | '〈' | '〉') && !c.is_whitespace()).collect();
    match s.strip_prefix("中华人民共和国") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => s,
    }
}

/// The law table with a lookup index.
#[derive(Debug, Default, Clone)]
pub(crate) struct LawTable {
    pub laws: Vec<Law>,
    index: HashMap<String, Vec<usize>>,
}

impl LawTable {
    /// Up to three law names close to an unknown one ([`crate::lookup`]),
    /// over name, full name and aliases (written forms normalised first).
    pub(crate) fn closest(&self, name: &str) -> Vec<&str> {
        let want = normalize(name);
        let mut scored: Vec<(usize, usize, &str)> = self
            .laws
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let best = std::iter::once(&l.name)
                    .chain(l.full_name.iter())
                    .chain(l.aliases.iter())
                    .filter_map(|n| crate::lookup::distance(&want, &normalize(n)))
                    .min()?;
                Some((best, i, l.name.as_str()))
            })
            .collect();
        scored.sort_unstable();
        scored.into_iter().take(3).map(|(_, _, n)| n).collect()
    }

    /// Builds the index. Duplicate keys are kept (see [`LawTable::duplicates`]).
    pub(crate) fn new(laws: Vec<Law>) -> Self {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, law) in laws.iter().enumerate() {
            let mut keys: Vec<String> = std::iter::once(&law.name)
                .chain(law.full_name.iter())
                .chain(law.aliases.iter())
                .map(|n| normalize(n))
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                index.entry(k).or_default().push(i);
            }
        }
        LawTable { laws, index }
    }

    /// The law a name (already cleaned of brackets) names, when exactly one matches.
    fn lookup(&self, name: &str) -> Option<&Law> {
        // Most names are already plain: look them up without allocating.
        let plain = !name.starts_with("中华人民共和国")
            && !name.chars().any(|c| matches!(c, '《' | '》' | '〈' | '〉') || c.is_whitespace());
        let hits = if plain { self.index.get(name) } else { self.index.get(&normalize(name)) };
        match hits?.as_slice() {
            [i] => Some(&self.laws[*i]),
            _ => None,
        }
    }

    /// The law a reference names, when it cites exactly one law and that
    /// law is in the table (version notes and articles ignored).
    pub(crate) fn get(&self, reference: &str) -> Option<&Law> {
        if let Some(law) = self.lookup(reference) {
            return Some(law);
        }
        match &citations(reference)[..] {
            [one] => self.lookup(&one.name),
            _ => None,
        }
    }

    /// Every law a reference cites, each with the law it resolves to.
    pub(crate) fn resolve_all(&self, reference: &str) -> Vec<(Citation, Option<&Law>)> {
        if let Some(law) = self.lookup(reference) {
            let c = Citation { name: reference.trim().to_owned(), version: None, articles: None };
            return vec![(c, Some(law))];
        }
        citations(reference)
            .into_iter()
            .map(|c| {
                let law = self.lookup(&c.name);
                (c, law)
            })
            .collect()
    }

    /// Names shared by more than one law: (normalised name, indices).
    pub(crate) fn duplicates(&self) -> Vec<(&str, &[usize])> {
        let mut d: Vec<_> =
            self.index.iter().filter(|(_, v)| v.len() > 1).map(|(k, v)| (k.as_str(), v.as_slice())).collect();
        d.sort();
        d
    }

    /// Whether two references name the same law.
    pub(crate) fn same(&self, a: &str, b: &str) -> bool {
        match (self.get(a), self.get(b)) {
            (Some(x), Some(y)) => std::ptr::eq(x, y),
            _ => normalize(a) == normalize(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pos::Pos;

    fn law(name: &str, full: &str) -> Law {
        Law {
            name: name.into(),
            full_name: Some(full.into()),
            aliases: vec![],
            level: None,
            promulgated: None,
            effective: None,
            repealed: None,
            repealed_undated: false,
            replaced_by: None,
            revised: vec![],
            file: String::new(),
            pos: Pos::START,
        }
    }

    #[test]
    fn resolves_every_spelling() {
        let t = LawTable::new(vec![law("物权法", "中华人民共和国物权法")]);
        for r in ["物权法", "《物权法》", "中华人民共和国物权法", "《中华人民共和国物权法》", " 物权法 "]
        {
            assert_eq!(t.get(r).map(|l| l.name.as_str()), Some("物权法"), "{r}");
        }
        assert!(t.get("民法典").is_none());
        assert!(t.same("《物权法》", "中华人民共和国物权法"));
    }

    #[test]
    fn citations_as_clerks_write_them() {
        let t = LawTable::new(vec![
            law("体育法", "中华人民共和国体育法"),
            law("民法典", "中华人民共和国民法典"),
            law("民事诉讼法解释", "最高人民法院关于适用中华人民共和国民事诉讼法的解释"),
        ]);
        for r in [
            "《中华人民共和国体育法》（2022年修订）",
            "体育法（2022修正）",
            "《体育法》第十条",
            "体育法第十条第二款",
            "<体育法>",
            "〈体育法〉",
            "«体育法»",
            "《中华人民共和国体育法》(2022年修订)第十条",
            "《体育法》",
            "中华人民共和国体育法",
            "《体育法》等法律",
        ] {
            assert_eq!(t.get(r).map(|l| l.name.as_str()), Some("体育法"), "{r}");
        }
        assert_eq!(t.get("《民法典》第一千一百六十五条").map(|l| l.name.as_str()), Some("民法典"));
        let nested = "《最高人民法院关于适用<中华人民共和国民事诉讼法>的解释》";
        assert_eq!(t.get(nested).map(|l| l.name.as_str()), Some("民事诉讼法解释"));
        let list = t.resolve_all("《体育法》、《民法典》");
        assert_eq!(
            list.iter().map(|(_, l)| l.map(|l| l.name.as_str())).collect::<Vec<_>>(),
            [Some("体育法"), Some("民法典")]
        );
        assert!(t.get("《体育法》、《民法典》").is_none(), "a list is not one law");
        let c = &citations("《中华人民共和国体育法》（2022年修订）第十条")[0];
        assert_eq!((c.version.as_deref(), c.articles.as_deref()), (Some("2022年修订"), Some("第十条")));
        assert_eq!(t.get("ＡＢＣ法"), None);
    }

    #[test]
    fn ambiguous_names_resolve_to_nothing() {
        let t = LawTable::new(vec![law("条例", "甲条例"), law("条例", "乙条例")]);
        assert!(t.get("条例").is_none());
        assert_eq!(t.duplicates().len(), 1);
    }
}

//! The superior-law table (上位法库) and name resolution.
//!
//! A reference matches a law's `name`, `full_name` or an alias, ignoring
//! 《》 and a leading 中华人民共和国 (so `《中华人民共和国物权法》`, `物权法` and
//! `中华人民共和国物权法` all resolve to the same law). Pure lookups.

use std::collections::HashMap;

use crate::load::model::Law;

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

    /// The law a reference names, when exactly one law matches.
    pub(crate) fn get(&self, reference: &str) -> Option<&Law> {
        // Most references are already plain names: look them up without allocating.
        let plain = !reference.starts_with("中华人民共和国")
            && !reference.chars().any(|c| matches!(c, '《' | '》' | '〈' | '〉') || c.is_whitespace());
        let hits = if plain { self.index.get(reference) } else { self.index.get(&normalize(reference)) };
        match hits?.as_slice() {
            [i] => Some(&self.laws[*i]),
            _ => None,
        }
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
    use crate::load::source::Pos;

    fn law(name: &str, full: &str) -> Law {
        Law {
            name: name.into(),
            full_name: Some(full.into()),
            aliases: vec![],
            level: None,
            promulgated: None,
            effective: None,
            repealed: None,
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
    fn ambiguous_names_resolve_to_nothing() {
        let t = LawTable::new(vec![law("条例", "甲条例"), law("条例", "乙条例")]);
        assert!(t.get("条例").is_none());
        assert_eq!(t.duplicates().len(), 1);
    }
}

//! Report order and the register's lookups.
//!
//! Owns the order every report lists documents in (`issued`, `doc_number`,
//! id, path: [`Document::report_order`]) and the two lookups, by id and by
//! normalised 文号. What they need of a record ([`Keys`]) is taken while the
//! record is parsed, when it is in cache: sorting and indexing then compare
//! small keys held side by side and reach a record (two pointers away, and
//! at province scale almost never in cache) only when two keys tie.

use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::docnum;
use crate::load::model::Document;

/// How many bytes of the 文号 a sort key holds: the 代字, year and most
/// numbers (`永人社〔2019〕23179号` is 24 bytes). Records whose keys tie are
/// compared in full.
const NUMBER_PREFIX: usize = 24;

/// How many bytes of the id a sort key holds: most ids whole.
const ID_PREFIX: usize = 16;

/// Where a record goes in report order, as far as its first bytes tell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SortKey {
    issued: NaiveDate,
    /// The 文号's first bytes, zero-padded, as big-endian words (which
    /// compare as the bytes do): keys that differ here order as the whole
    /// 文号 would (no 文号 sorts as an empty one).
    number: [u64; NUMBER_PREFIX / 8],
    /// Whether `number` holds the whole 文号 (no longer than the prefix, no
    /// zero byte): two such keys that tie in it have equal 文号, and the
    /// id decides next. Records without a 文号 (several a day at province
    /// scale) tie so, and were compared through their records.
    whole: bool,
    /// The id's first bytes, zero-padded, as big-endian words.
    id: [u64; ID_PREFIX / 8],
    /// The record's place in the list being sorted.
    at: u32,
}

/// `text`'s first `N * 8` bytes, zero-padded, as big-endian words.
fn words<const N: usize>(text: &str) -> [u64; N] {
    let mut out = [0; N];
    for (word, chunk) in out.iter_mut().zip(text.as_bytes().chunks(8)) {
        let mut bytes = [0; 8];
        bytes[..chunk.len()].copy_from_slice(chunk);
        *word = u64::from_be_bytes(bytes);
    }
    out
}

impl SortKey {
    /// This key for the record at `at` in the list to sort.
    pub(crate) fn at(self, at: usize) -> SortKey {
        SortKey { at: place(at), ..self }
    }
}

/// What the lookups read of a record.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    /// [`hash`] of the id.
    id: u64,
    /// [`hash`] of the normalised 文号, when there is a 文号.
    number: Option<u64>,
    /// The normalised 文号, when it differs from the 文号 as written (most
    /// are written so).
    normalised: Option<Box<str>>,
}

/// The keys of `doc` (cheapest while the record is still in cache); the
/// sort key is placed in the list to sort with [`SortKey::at`].
pub(crate) fn keys_of(doc: &Document) -> (SortKey, Keys) {
    let written = doc.doc_number.as_deref();
    let text = written.unwrap_or("");
    let number = words(text);
    let whole = text.len() <= NUMBER_PREFIX && !text.contains('\0');
    let id = words(doc.id());
    let (hashed, normalised) = match written.map(docnum::key) {
        None => (None, None),
        Some(std::borrow::Cow::Borrowed(k)) => (Some(hash(k)), None),
        Some(std::borrow::Cow::Owned(k)) => (Some(hash(&k)), Some(k.into_boxed_str())),
    };
    (SortKey { issued: doc.issued, number, whole, id, at: 0 }, Keys { id: hash(doc.id()), number: hashed, normalised })
}

/// The hash the lookups sort by (fixed, so the order is the same on every run).
fn hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x7169_6e67_6c69).hash_one(text)
}

/// Puts `documents` into report order, given each one's [`SortKey`], and
/// returns where each went (by its place before). The order is total
/// (paths are unique), so the result does not depend on the order they
/// came in.
pub(crate) fn sort(documents: &mut Vec<Arc<Document>>, mut order: Vec<SortKey>) -> Vec<u32> {
    debug_assert_eq!(documents.len(), order.len());
    let docs = &*documents;
    order.par_sort_unstable_by(|a, b| {
        (a.issued, a.number)
            .cmp(&(b.issued, b.number))
            .then_with(|| if a.whole && b.whole { a.id.cmp(&b.id) } else { std::cmp::Ordering::Equal })
            .then_with(|| docs[a.at as usize].report_order(&docs[b.at as usize]))
    });
    let mut went = vec![0; order.len()];
    for (to, k) in order.iter().enumerate() {
        went[k.at as usize] = place(to);
    }
    // Moved into place, not cloned: a clone would reach every record.
    let mut slots: Vec<Option<Arc<Document>>> = std::mem::take(documents).into_iter().map(Some).collect();
    *documents = order.iter().filter_map(|k| slots[k.at as usize].take()).collect();
    went
}

/// Sorts (hash, index) entries by hash, then by the `text` hashed (read only
/// when hashes tie), then by index: total, so the unstable sort is
/// deterministic.
fn sort_hashed<'a>(entries: &mut [(u64, u32)], text: impl Fn(u32) -> &'a str + Sync) {
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| text(a.1).cmp(text(b.1))).then(a.1.cmp(&b.1)));
}

/// A record's place in a list, as the lookups hold it.
fn place(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 records")
}

/// The lookups, by index into the documents in report order.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// (hash of the id, index), sorted by hash, then id, then index: a
    /// lookup compares integers in one array instead of following three
    /// pointers to each document's path.
    by_id: Vec<(u64, u32)>,
    /// (hash of the normalised 文号, index) of the documents with a 文号,
    /// sorted by hash, then normalised 文号, then index.
    by_number: Vec<(u64, u32)>,
    /// The normalised 文号 of the documents whose 文号 is not written in
    /// that form, by index (most are: kept apart, the index stays small).
    normalised: Vec<(u32, Box<str>)>,
}

impl Index {
    /// The lookups over `docs` (in report order), given their `keys` in
    /// the order they were read and where each went ([`sort`]).
    pub(crate) fn new(docs: &[Arc<Document>], keys: Vec<Keys>, went: &[u32]) -> Index {
        debug_assert_eq!(keys.len(), went.len());
        let mut by_id: Vec<(u64, u32)> = keys.par_iter().zip(went).map(|(k, &i)| (k.id, i)).collect();
        sort_hashed(&mut by_id, |i| docs[i as usize].id());
        let mut by_number: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
        let mut normalised = Vec::new();
        for (k, &i) in keys.into_iter().zip(went) {
            if let Some(h) = k.number {
                by_number.push((h, i));
            }
            if let Some(key) = k.normalised {
                normalised.push((i, key));
            }
        }
        normalised.sort_unstable_by_key(|&(i, _)| i);
        let mut index = Index { by_id, by_number: Vec::new(), normalised };
        sort_hashed(&mut by_number, |i| index.number_key(docs, i));
        index.by_number = by_number;
        index
    }

    /// The normalised 文号 of document `i` (which has one).
    fn number_key<'a>(&'a self, docs: &'a [Arc<Document>], i: u32) -> &'a str {
        match self.normalised.binary_search_by_key(&i, |(j, _)| *j) {
            Ok(at) => &self.normalised[at].1,
            Err(_) => docs[i as usize].doc_number.as_deref().unwrap_or_default(),
        }
    }

    /// The entries of `sorted` whose hash is `h`: one binary search, then
    /// a scan over the (almost always zero or one) entries with that hash.
    /// A second binary search for the end walked the whole table again, a
    /// cache miss a step at a million records.
    fn with_hash(sorted: &[(u64, u32)], h: u64) -> &[(u64, u32)] {
        let lo = sorted.partition_point(|e| e.0 < h);
        let len = sorted[lo..].iter().take_while(|e| e.0 == h).count();
        &sorted[lo..lo + len]
    }

    /// Documents with this id, in index order.
    pub(crate) fn by_id(&self, docs: &[Arc<Document>], id: &str) -> Vec<usize> {
        let found = Self::with_hash(&self.by_id, hash(id)).iter().map(|&(_, i)| i as usize);
        found.filter(|&i| docs[i].id() == id).collect()
    }

    /// Documents with this 文号 (bracket variants match), in index order.
    pub(crate) fn by_number(&self, docs: &[Arc<Document>], number: &str) -> Vec<usize> {
        let want = docnum::key(number);
        let found = Self::with_hash(&self.by_number, hash(&want)).iter().map(|&(_, i)| i);
        found.filter(|&i| self.number_key(docs, i) == want).map(|i| i as usize).collect()
    }

    /// Groups of two or more documents sharing an id, each in index order.
    pub(crate) fn duplicate_ids(&self, docs: &[Arc<Document>]) -> Vec<Vec<usize>> {
        let id = |i: u32| docs[i as usize].id();
        Self::runs(&self.by_id, |a, b| id(a) == id(b))
    }

    /// Groups of two or more documents sharing a normalised 文号, each in
    /// index order.
    pub(crate) fn duplicate_numbers(&self, docs: &[Arc<Document>]) -> Vec<Vec<usize>> {
        Self::runs(&self.by_number, |a, b| self.number_key(docs, a) == self.number_key(docs, b))
    }

    /// Runs of entries with equal hashes that are `same`, two or more long.
    fn runs(sorted: &[(u64, u32)], same: impl Fn(u32, u32) -> bool) -> Vec<Vec<usize>> {
        sorted
            .chunk_by(|a, b| a.0 == b.0 && same(a.1, b.1))
            .filter(|run| run.len() > 1)
            .map(|run| run.iter().map(|&(_, i)| i as usize).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(path: &str, issued: NaiveDate, number: Option<&str>) -> Document {
        let mut d = crate::judge::rules::tests::doc("x", "2020-01-01");
        d.path = path.into();
        d.issued = issued;
        d.doc_number = number.map(Into::into);
        d
    }

    proptest! {
        /// Sorting by keys equals sorting by `report_order`, whatever the
        /// input order, including 文号 longer than the prefix that tie in
        /// it, missing and empty ones, equal dates, and ids that tie in
        /// their prefix.
        #[test]
        fn key_order_is_report_order(
            records in prop::collection::vec((0u8..4, prop::option::of(0usize..8), 0u8..3), 1..60),
            seed in any::<u64>(),
        ) {
            let numbers = ["", "永政发〔2019〕1号", "永政发〔2019〕10号", "永政发〔2019〕100000000号",
                "永政发〔2019〕100000001号", "永政办发〔2019〕1号", "a", "a\u{0}"];
            // Ids that tie in the key's first 16 bytes and differ after them.
            let ids = ["r0", "r1", "r2", "abcdefghijklmnop", "abcdefghijklmnop1", "abcdefghijklmnop2", "abcdefghijklmnoq"];
            let mut docs: Vec<Arc<Document>> = records.iter().enumerate().map(|(i, &(day, n, dir))| {
                let date = NaiveDate::from_ymd_opt(2020, 1, 1 + u32::from(day)).unwrap();
                Arc::new(doc(&format!("documents/{dir}/{}.toml", ids[i % 7]), date, n.map(|n| numbers[n])))
            }).collect();
            // Unique paths, as a register's are.
            docs.sort_by(|a, b| a.path.cmp(&b.path));
            docs.dedup_by(|a, b| a.path == b.path);
            let mut want = docs.clone();
            want.sort_by(|a, b| a.report_order(b));
            let mut shuffled = docs;
            let len = shuffled.len();
            for i in 0..len {
                shuffled.swap(i, usize::try_from(seed.rotate_left(u32::try_from(i % 64).unwrap()) % len as u64).unwrap());
            }
            let before = shuffled.clone();
            let order = shuffled.iter().enumerate().map(|(i, d)| keys_of(d).0.at(i)).collect();
            let went = sort(&mut shuffled, order);
            let got: Vec<&str> = shuffled.iter().map(|d| &*d.path).collect();
            let want: Vec<&str> = want.iter().map(|d| &*d.path).collect();
            prop_assert_eq!(got, want);
            for (d, &to) in before.iter().zip(&went) {
                prop_assert_eq!(&shuffled[to as usize].path, &d.path);
            }
        }

        /// Lookups and duplicate groups equal a scan of every document.
        #[test]
        fn lookups_equal_a_scan(records in prop::collection::vec((0usize..6, 0usize..5), 1..40)) {
            let numbers = ["永政发〔2019〕1号", "永政发[2019]1号", "永政发（2019）1号", "永政发〔2019〕2号", " 永政发〔2019〕2号 "];
            let docs: Vec<Arc<Document>> = records.iter().enumerate().map(|(i, &(n, id))| {
                Arc::new(doc(&format!("documents/{i}/r{id}.toml"), NaiveDate::MIN, (n < numbers.len()).then(|| numbers[n])))
            }).collect();
            // Keys in another order than the documents', as after sorting.
            let went: Vec<u32> = (0..docs.len()).rev().map(|i| u32::try_from(i).unwrap()).collect();
            let keys = went.iter().map(|&i| keys_of(&docs[i as usize]).1).collect();
            let index = Index::new(&docs, keys, &went);
            for probe in numbers.iter().copied().chain(["r0", "r1", "无"]) {
                let want: Vec<usize> = (0..docs.len())
                    .filter(|&i| docs[i].doc_number.as_deref().is_some_and(|n| docnum::key(n) == docnum::key(probe)))
                    .collect();
                prop_assert_eq!(index.by_number(&docs, probe), want);
                let want: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].id() == probe).collect();
                prop_assert_eq!(index.by_id(&docs, probe), want);
            }
            let mut groups = index.duplicate_numbers(&docs);
            groups.sort();
            let mut want: Vec<Vec<usize>> = Vec::new();
            for i in 0..docs.len() {
                let Some(n) = docs[i].doc_number.as_deref() else { continue };
                let same: Vec<usize> = (0..docs.len())
                    .filter(|&j| docs[j].doc_number.as_deref().is_some_and(|m| docnum::key(m) == docnum::key(n)))
                    .collect();
                if same.len() > 1 && same[0] == i {
                    want.push(same);
                }
            }
            prop_assert_eq!(groups, want);
            let mut groups = index.duplicate_ids(&docs);
            groups.sort();
            let mut want: Vec<Vec<usize>> = Vec::new();
            for i in 0..docs.len() {
                let same: Vec<usize> = (0..docs.len()).filter(|&j| docs[j].id() == docs[i].id()).collect();
                if same.len() > 1 && same[0] == i {
                    want.push(same);
                }
            }
            prop_assert_eq!(groups, want);
        }
    }
}

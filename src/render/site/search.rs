//! The site's search data (`assets/search/`), split so that a search loads
//! only what it needs (a province's texts are gigabytes): the catalogue
//! rows in chunks of [`ROWS`]; an index of the titles, 文号 and 制定机关
//! (each character and each adjacent pair with its positions, so a query is
//! matched exactly without loading the rows); an index of the public texts
//! (each adjacent pair with the documents whose sentences hold it); each
//! document's sentences, loaded to confirm a hit and show its sentence; and
//! the filters' values. Each index is cut into shards by [`shard`] of about
//! [`SHARD_BYTES`]. Every file is one call of a function `search.js`
//! defines, so a site opened from disk (`file://`) can load it.
//!
//! The search box's example ([`placeholder`]) comes from the register's own
//! titles and 文号.
//!
//! Only the documents in force are searched, as before; only texts that may
//! be published ([`text_is_public`]) are in the text index.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::RwLock;

use chrono::Datelike;
use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::{Site, script_json};
use crate::judge::publish::{Group, text_is_public};
use crate::load::register::Register;
use crate::load::texts::TextOf;
use crate::render::terminal_text;
use crate::text::search::{grams, norm, shard};

/// The folder of the search data.
pub(crate) const DIR: &str = "assets/search";

/// Rows of the catalogue in each `rows-N.js`: a page of results loads at
/// most that many chunks, whatever the register's size.
pub(crate) const ROWS: usize = 20;

/// About the size of one shard of an index.
const SHARD_BYTES: usize = 16 * 1024;

/// Separates the title, 文号 and 制定机关 in the text the titles' index
/// reads (a pair across it is not indexed).
const SEP: char = '\u{1}';

/// One index's shards: each shard's keys with their postings, in key order.
type Shards = Vec<Vec<(String, String)>>;

/// The built indexes. Their postings are held until their pages are
/// written, then [`Index::release`]d: a province's titles' index is some
/// 100 MB, and the other pages are rendered without it.
#[derive(Default)]
pub(crate) struct Index {
    /// How many shards each index has: titles', texts'.
    pub shards: [usize; 2],
    /// Ordinals (in the catalogue's order) of the documents whose text is
    /// in the text index.
    pub with_text: Vec<usize>,
    postings: RwLock<[Shards; 2]>,
}

/// A number in base 36, as the script reads it (`parseInt(x, 36)`).
fn base36(mut n: usize, out: &mut String) {
    let mut digits = [0u8; 16];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b"0123456789abcdefghijklmnopqrstuvwxyz"[n % 36];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&b| char::from(b)));
}

/// A posting list being written: entries `Δ[,position…]` joined by `;`,
/// each Δ the ordinal's distance from the one before.
#[derive(Default)]
struct List {
    last: Option<usize>,
    out: String,
    positions: bool,
}

/// The characters of a bitmap list, six rows each (`search.js` has the same).
const BITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl List {
    fn push(&mut self, ordinal: usize, positions: &[usize]) {
        if self.last.is_some() {
            self.out.push(';');
        }
        base36(ordinal - self.last.map_or(0, |l| l + 1), &mut self.out);
        for &p in positions {
            self.out.push(',');
            base36(p, &mut self.out);
        }
        self.positions |= !positions.is_empty();
        self.last = Some(ordinal);
    }

    /// The list as written: a list without positions that holds a large
    /// part of the `rows` as a bitmap instead (`~` and six rows a
    /// character: 管理 in 16,000 texts is 2.8 KB, not 33 KB).
    fn finish(self, rows: usize) -> String {
        let bitmap = 1 + rows.div_ceil(6);
        if self.positions || self.out.len() <= bitmap {
            return self.out;
        }
        let mut bits = vec![0u8; rows.div_ceil(6)];
        let mut at = 0;
        for (k, delta) in self.out.split(';').enumerate() {
            at += usize::from_str_radix(delta, 36).unwrap_or(0) + usize::from(k > 0);
            bits[at / 6] |= 1 << (at % 6);
        }
        std::iter::once('~').chain(bits.into_iter().map(|b| char::from(BITS[usize::from(b)]))).collect()
    }
}

/// A key: two adjacent characters, or one and [`SEP`] (which no pair
/// holds, since none is made across it).
type Key = [char; 2];

/// Posting lists by key.
type Lists = HashMap<Key, List, RandomState>;

/// The lists cut into shards of about [`SHARD_BYTES`], each in key order
/// (none for no lists: a site without texts has no texts' index); `rows`
/// is how many rows the ordinals count.
fn shards(lists: Lists, rows: usize) -> Vec<Vec<(String, String)>> {
    if lists.is_empty() {
        return Vec::new();
    }
    let lists: Vec<(Vec<char>, String)> =
        lists.into_iter().map(|(k, l)| (k.into_iter().filter(|c| *c != SEP).collect(), l.finish(rows))).collect();
    let bytes: usize = lists.iter().map(|(k, l)| k.len() * 3 + l.len() + 6).sum();
    let n = bytes.div_ceil(SHARD_BYTES).max(1);
    let mut out: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); n];
    for (key, list) in lists {
        out[shard(&key, n)].insert(key.into_iter().collect(), list);
    }
    out.into_iter().map(|m| m.into_iter().collect()).collect()
}

/// What the titles' index reads of a row: title, 文号, 制定机关.
fn meta_text(row: &[String; 8]) -> Vec<char> {
    let mut chars: Vec<char> = norm(&row[1]).chars().collect();
    for field in [&row[2], &row[3]] {
        chars.push(SEP);
        chars.extend(norm(field).chars());
    }
    chars
}

/// A row's keys in the titles' index, each character with no positions
/// and each pair with where it stands, in key order.
fn meta_keys(row: &[String; 8]) -> Vec<(Key, Vec<usize>)> {
    let chars = meta_text(row);
    let mut at: Vec<(Key, usize)> = Vec::new();
    for (p, &c) in chars.iter().enumerate().filter(|(_, c)| **c != SEP) {
        at.push(([c, SEP], usize::MAX));
        if let Some(&next) = chars.get(p + 1).filter(|n| **n != SEP) {
            at.push(([c, next], p));
        }
    }
    at.sort_unstable();
    let mut out: Vec<(Key, Vec<usize>)> = Vec::new();
    for (key, p) in at {
        if out.last().is_none_or(|(k, _)| *k != key) {
            out.push((key, Vec::new()));
        }
        if p != usize::MAX
            && let Some((_, positions)) = out.last_mut()
        {
            positions.push(p);
        }
    }
    out
}

/// The distinct pairs of a text's sentences (none across two sentences:
/// a hit is confirmed, and shown, sentence by sentence).
fn text_pairs(text: &str) -> Vec<[char; 2]> {
    // Sorted as numbers: a province's texts have billions of pairs.
    let mut pairs: Vec<u64> = Vec::new();
    for (_, group) in super::text::sentences(text) {
        for s in group {
            let n: Vec<char> = norm(s).chars().collect();
            pairs.extend(grams(&n).map(|(_, [a, b])| u64::from(a) << 32 | u64::from(b)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let char_of = |c: u64| char::from_u32(u32::try_from(c & 0xffff_ffff).unwrap_or(0)).unwrap_or('\u{fffd}');
    pairs.into_iter().map(|p| [char_of(p >> 32), char_of(p)]).collect()
}

impl Index {
    /// The indexes of `site`'s documents in force.
    pub(crate) fn build(site: &Site<'_>) -> Index {
        let mut meta = Lists::default();
        for (k, &i) in site.in_force.iter().enumerate() {
            for (key, positions) in meta_keys(&site.search_row(i)) {
                meta.entry(key).or_default().push(k, &positions);
            }
        }
        // Texts in chunks, each chunk's read in parallel and added in order:
        // a province's texts are never all held.
        let mut text = Lists::default();
        let mut with_text = Vec::new();
        let public: Vec<(usize, usize)> = site
            .in_force
            .iter()
            .enumerate()
            .filter(|&(_, &i)| text_is_public(&site.reg.documents[i]))
            .map(|(k, &i)| (k, i))
            .collect();
        for chunk in public.chunks(512) {
            let pairs: Vec<(usize, Vec<[char; 2]>)> = chunk
                .par_iter()
                .filter_map(|&(k, i)| match (site.texts)(i) {
                    TextOf::Text(t) => Some((k, text_pairs(&t))),
                    TextOf::None | TextOf::Unreadable(_) => None,
                })
                .collect();
            for (k, pairs) in pairs {
                with_text.push(k);
                for g in pairs {
                    text.entry(g).or_default().push(k, &[]);
                }
            }
        }
        let rows = site.in_force.len();
        let (meta, text) = (shards(meta, rows), shards(text, rows));
        Index { shards: [meta.len(), text.len()], with_text, postings: RwLock::new([meta, text]) }
    }

    /// Shard `n` of index `k` (0 the titles', 1 the texts') as its script,
    /// `qingliIndex("m", 3, {"河道": "…", …});`; `None` once released.
    pub(crate) fn shard_script(&self, k: usize, n: usize) -> Option<String> {
        let postings = self.postings.read().ok()?;
        let map: BTreeMap<&str, &str> = postings[k].get(n)?.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Some(format!("qingliIndex(\"{}\",{n},{});\n", ["m", "t"][k], script_json(&map)))
    }

    /// Drops the postings (their pages are written); the counts stay.
    pub(crate) fn release(&self) {
        if let Ok(mut postings) = self.postings.write() {
            *postings = [Vec::new(), Vec::new()];
        }
    }
}

/// Rows `c·ROWS…` of the catalogue: `qingliRows(c, [[page, title, 文号,
/// 制定机关, 发布日期, 有效期至, 状态, 责任单位], …]);`.
pub(crate) fn rows_script(site: &Site<'_>, c: usize) -> String {
    let end = ((c + 1) * ROWS).min(site.in_force.len());
    let rows: Vec<[String; 8]> = site.in_force[c * ROWS..end].iter().map(|&i| site.search_row(i)).collect();
    format!("qingliRows({c},{});\n", script_json(&rows))
}

/// The filters' choices: every 制定机关 (co-issuers too), 责任单位, year of
/// promulgation and status of the documents in force. The first page's
/// options and `facets.js` are both made from these, so an option chosen
/// is always found in the facets.
pub(super) struct Choices<'a> {
    pub issuers: BTreeSet<&'a str>,
    pub units: BTreeSet<&'a str>,
    pub years: BTreeSet<i32>,
    pub statuses: BTreeSet<Group>,
}

/// [`Choices`] of `site`'s documents in force.
pub(super) fn choices<'a>(site: &Site<'a>) -> Choices<'a> {
    let mut c =
        Choices { issuers: BTreeSet::new(), units: BTreeSet::new(), years: BTreeSet::new(), statuses: BTreeSet::new() };
    for &i in &site.in_force {
        let d = &site.reg.documents[i];
        c.issuers.insert(&*d.issuer);
        c.issuers.extend(d.co_issuers.iter().map(|x| &**x));
        if !d.responsible_unit.is_empty() {
            c.units.insert(&*d.responsible_unit);
        }
        c.years.insert(d.promulgated().year());
        c.statuses.insert(site.published.entries[i].group);
    }
    c
}

/// What `facets.js` holds (see [`facets_script`]).
#[derive(serde::Serialize)]
struct Facets<'a> {
    issuers: Vec<Cow<'a, str>>,
    units: Vec<Cow<'a, str>>,
    statuses: &'a BTreeSet<&'a str>,
    rows: &'a [(Vec<usize>, Option<usize>, i32, usize)],
}

/// The filters' values of every row: `qingliFacets({"issuers": […],
/// "units": […], "statuses": […], "rows": [[[issuer…], unit, year,
/// status], …]});` (indexes into the lists; `null` for no unit).
pub(crate) fn facets_script<'a>(site: &Site<'a>) -> String {
    let Choices { issuers, units, statuses, .. } = choices(site);
    let statuses: BTreeSet<&str> = statuses.into_iter().map(Group::as_str).collect();
    let at = |set: &BTreeSet<&'_ str>| -> HashMap<String, usize> {
        set.iter().enumerate().map(|(k, v)| ((*v).to_owned(), k)).collect()
    };
    let (issuer_at, unit_at, status_at) = (at(&issuers), at(&units), at(&statuses));
    let rows: Vec<(Vec<usize>, Option<usize>, i32, usize)> = site
        .in_force
        .iter()
        .map(|&i| {
            let d = &site.reg.documents[i];
            let who =
                std::iter::once(&*d.issuer).chain(d.co_issuers.iter().map(|c| &**c)).map(|w| issuer_at[w]).collect();
            let status = status_at[site.published.entries[i].group.as_str()];
            (who, unit_at.get(&*d.responsible_unit).copied(), d.promulgated().year(), status)
        })
        .collect();
    // Shown as the filters' options show them (control characters made
    // visible); written straight from the rows (no JSON tree of a
    // province's half million).
    let shown = |set: &BTreeSet<&'a str>| -> Vec<Cow<'a, str>> { set.iter().map(|s| terminal_text(s)).collect() };
    let all = Facets { issuers: shown(&issuers), units: shown(&units), statuses: &statuses, rows: &rows };
    format!("qingliFacets({});\n", script_json(&all))
}

/// The sentences of a document's text: `qingliText("docs/…html", [[anchor,
/// [sentence, …]], …]);` (the page the hit links to, with `#anchor`).
pub(crate) fn text_script(href: &str, text: &str) -> String {
    // Control and bidi characters made visible, as on the page itself.
    let groups: Vec<(String, Vec<Cow<'_, str>>)> = super::text::sentences(text)
        .into_iter()
        .map(|(anchor, group)| (anchor, group.into_iter().map(terminal_text).collect()))
        .collect();
    format!("qingliText({},{});\n", script_json(&href), script_json(&groups))
}

/// The path of a document's sentences, from its page's (`docs/2005/a.html`
/// → `assets/search/docs/2005/a.js`; `search.js` derives it the same way).
pub(crate) fn text_path(page: &str) -> String {
    format!("{DIR}/{}.js", page.strip_suffix(".html").unwrap_or(page))
}

/// The search box's example: the register's most common 文号 series with
/// its latest year (`永政发〔2005〕`) and a word its titles share (`水资源`
/// would be `水资`: substring search needs no whole word).
pub(super) fn placeholder(reg: &Register, in_force: &[usize]) -> String {
    use std::collections::BTreeMap;
    let mut series: BTreeMap<String, (usize, String)> = BTreeMap::new();
    // A word: (titles it is in, order first seen).
    let mut words: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for &i in in_force {
        let d = &reg.documents[i];
        if let Some(n) = d.doc_number.as_deref()
            && let (Some(code), Some(end)) = (crate::docnum::series(n), n.find('〕'))
        {
            let e = series.entry(code.into_owned()).or_default();
            e.0 += 1;
            e.1 = e.1.clone().max(n[..end + '〕'.len_utf8()].to_owned());
        }
        let chars: Vec<char> = d.title.chars().collect();
        let mut seen = BTreeSet::new();
        for w in chars.windows(2) {
            let word: String = w.iter().collect();
            let generic = w.iter().any(|c| "的于关和与及对在为县市省区镇乡一进若干做好有等".contains(*c))
                || !w.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                || GENERIC_WORDS.contains(&word.as_str());
            if !generic && seen.insert(word.clone()) {
                let order = words.len();
                words.entry(word).or_insert((0, order)).0 += 1;
            }
        }
    }
    let many = in_force.len().max(1);
    let word = words
        .iter()
        .filter(|(_, (n, _))| *n >= 2 && *n * 3 <= many.max(3))
        .max_by(|(_, a), (_, b)| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(w, _)| w.clone());
    let number = series.values().max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1))).map(|(_, n)| n.clone());
    let examples: Vec<String> = word.into_iter().chain(number).collect();
    if examples.is_empty() {
        "文件名称或文号中的字词".to_owned()
    } else {
        format!("如:{}", examples.join("、"))
    }
}

/// Words nearly every title has: no example of a search.
const GENERIC_WORDS: &[&str] = &[
    "通知", "办法", "规定", "意见", "管理", "实施", "暂行", "试行", "决定", "人民", "政府", "民政", "印发", "加强",
    "问题", "工作", "细则", "规范", "进行", "公告", "通告", "批复", "方案", "条例", "规则", "制度", "办公", "公室",
    "发布", "执行", "修订", "修改", "废止", "补充", "关于", "知的",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_deltas_in_base_36() {
        let mut l = List::default();
        l.push(0, &[3]);
        l.push(37, &[0, 40]);
        l.push(38, &[]);
        assert_eq!(l.finish(40), "0,3;10,0,14;0", "a list with positions stays a list");
    }

    #[test]
    fn a_list_of_many_rows_is_a_bitmap() {
        let mut l = List::default();
        for k in [0, 1, 2, 7, 11] {
            l.push(k, &[]);
        }
        // 12 rows: two characters of six bits, rows 0-2 (0b000111 = H) and 7, 11 (0b100010 = i).
        assert_eq!(l.finish(12), "~Hi");
        let mut few = List::default();
        few.push(500, &[]);
        assert_eq!(few.finish(1_000), "dw", "one row of a thousand stays a list");
    }

    #[test]
    fn pairs_stay_inside_sentences() {
        let pairs = text_pairs("标题\n\n第一条 甲乙。丙丁\n");
        let shown: Vec<String> = pairs.iter().map(|g| g.iter().collect()).collect();
        assert!(shown.contains(&"甲乙".to_owned()) && shown.contains(&"丙丁".to_owned()));
        assert!(!shown.iter().any(|s| s == "\u{3002}丙"), "{shown:?}");
    }
}

//! Chinese search by substring, as the published site does it: the one
//! normal form a text and a query are compared in ([`norm`], the same as
//! `norm` in the site's `search.js`), the characters and adjacent pairs an
//! index keys on ([`grams`]), and the shard a key is kept in ([`shard`],
//! the same hash as the script's). No word segmentation: a query of n
//! characters is found where its n−1 pairs stand next to each other.

use unicode_normalization::UnicodeNormalization;

/// Opening brackets of every style, compared as `〔` (`[2005]` finds `〔2005〕`).
const OPEN: &str = "[(【〖［（﹝〔<〈《";
/// Closing brackets of every style, compared as `〕`.
const CLOSE: &str = "])】〗］）﹞〕>〉》";

/// `s` as searched: NFKC (full-width letters and digits as half-width),
/// lower case, one bracket style, no whitespace.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Ideographs are their own normal form and never combine with a
        // neighbour: passed through whole, which is most of a Chinese text.
        let cut = rest.find(|c| !is_ideograph(c)).unwrap_or(rest.len());
        out.push_str(&rest[..cut]);
        rest = &rest[cut..];
        let cut = rest.find(is_ideograph).unwrap_or(rest.len());
        out.extend(rest[..cut].nfkc().flat_map(char::to_lowercase).filter(|c| !c.is_whitespace()).map(bracket));
        rest = &rest[cut..];
    }
    out
}

/// A CJK unified ideograph (not a compatibility one, which NFKC maps).
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Every opening bracket as `〔`, every closing one as `〕`.
fn bracket(c: char) -> char {
    if OPEN.contains(c) {
        '〔'
    } else if CLOSE.contains(c) {
        '〕'
    } else {
        c
    }
}

/// The pairs of adjacent characters of a normal form, with the index of
/// the first (a query's pairs at positions p, p+1, … are the query at p).
pub(crate) fn grams(normal: &[char]) -> impl Iterator<Item = (usize, [char; 2])> + '_ {
    normal.windows(2).enumerate().map(|(at, w)| (at, [w[0], w[1]]))
}

/// The shard of `shards` that holds `key` (one or two characters): FNV-1a
/// over the code points, as `search.js` computes it with `Math.imul`.
pub(crate) fn shard(key: &[char], shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &c in key {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    usize::try_from(h).unwrap_or(0) % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_brackets_and_spaces_are_one_form() {
        assert_eq!(norm("永政发[2005] 1号"), "永政发〔2005〕1号");
        assert_eq!(norm("永政发（２００５）１号"), "永政发〔2005〕1号");
        assert_eq!(norm("《ＡＢ法》"), "〔ab法〕");
        assert_eq!(norm("河道\u{3000}采砂\n管理"), "河道采砂管理");
        // Ideographs pass through; a compatibility ideograph is mapped.
        assert_eq!(norm("第五条\u{F900}Ａ，"), "第五条\u{8C48}a,");
    }

    #[test]
    fn pairs_and_shards() {
        let n: Vec<char> = norm("河道采砂").chars().collect();
        let pairs: Vec<(usize, String)> = grams(&n).map(|(at, g)| (at, g.iter().collect())).collect();
        assert_eq!(pairs, [(0, "河道".to_owned()), (1, "道采".to_owned()), (2, "采砂".to_owned())]);
        // The script computes the same numbers (tests/browser checks a search end to end).
        assert_eq!(shard(&['河', '道'], 1), 0);
        assert_eq!(shard(&['a'], 1 << 20), (0x811c_9dc5u32 ^ 0x61).wrapping_mul(0x0100_0193) as usize % (1 << 20));
        let spread: std::collections::BTreeSet<usize> =
            "规范性文件清理河道采砂管理办法".chars().map(|c| shard(&[c], 64)).collect();
        assert!(spread.len() > 8, "{spread:?}");
    }
}

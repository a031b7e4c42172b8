//! 文号 (document numbers): bracket normalisation and 代字 extraction.
//!
//! GB/T 9704 writes the year of a 文号 in hexagonal brackets: `永政发〔2007〕58号`.
//! Registers copied from old catalogues and public databases use `[2007]`,
//! `(2007)`, `【2007】`, `„2010‟`, `﹝2018﹞`, mismatched `(2017〕`, full-width
//! digits, stray spaces (`渝府发〔2022〕32 号`), `第` before the serial, leading
//! zeros, trailing junk (`48号〔〕`), a missing `号`, and invisible characters
//! pasted from web pages. [`canonical`] writes every one of them the standard
//! way; 文号 are compared and indexed by it ([`key`]). [`series`] extracts
//! the 代字 (`永政发`) used by campaign scope windows.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Opening brackets seen around the year of a 文号 (after NFKC, which
/// already maps full-width `［（｛` and the small `﹝` to `[({` and `〔`).
const OPENERS: &[char] = &['〔', '[', '(', '【', '„', '〖', '{', '〈', '<', '「', '『'];
/// Closing brackets, matched to any opener: real catalogues mix them (`(2017〕`).
const CLOSERS: &[char] = &['〕', ']', ')', '】', '‟', '〗', '}', '〉', '>', '」', '』'];

/// Invisible characters that change nothing a reader sees: every default
/// ignorable code point (zero-width spaces and joiners, the BOM, word
/// joiners, soft hyphens, variation selectors, tags, Hangul fillers, the
/// bidi controls U+202A–U+202E and U+2066–U+2069 …) and the braille blank.
pub(crate) fn is_invisible(c: char) -> bool {
    // Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt,
    // Unicode 15), and the blanks it does not cover: U+2800 (braille blank).
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// A bidi control (U+202A–U+202E, U+2066–U+2069): can make text read
/// differently from what it is.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Finds the year in brackets: (byte start of opener, byte end of closer, year).
/// The text has no white space (see [`canonical`]).
fn year_span(number: &str) -> Option<(usize, usize, &str)> {
    for (i, open) in number.char_indices() {
        if !OPENERS.contains(&open) {
            continue;
        }
        let inner = i + open.len_utf8();
        let rest = &number[inner..];
        let year_len = rest.chars().take_while(char::is_ascii_digit).count();
        if year_len != 4 {
            continue;
        }
        if let Some(close) = rest[4..].chars().next().filter(|c| CLOSERS.contains(c)) {
            return Some((i, inner + 4 + close.len_utf8(), &rest[..4]));
        }
    }
    None
}

/// `第012号` / `12` / `12号〔〕` → `12号`: the serial without `第`, leading
/// zeros and trailing bracket junk, with its `号`. `None` when the text
/// after the year is not a plain serial (kept as it is then).
fn serial(rest: &str) -> Option<String> {
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let tail = after.strip_prefix('号').unwrap_or(after);
    let junk = tail.chars().all(|c| OPENERS.contains(&c) || CLOSERS.contains(&c));
    if !(after.is_empty() || after.starts_with('号') && junk) {
        return None;
    }
    let trimmed = rest[..digits].trim_start_matches('0');
    Some(format!("{}号", if trimmed.is_empty() { "0" } else { trimmed }))
}

/// A 令 number without a year (`…令第03号`): the serial's leading zeros dropped, nothing else touched.
fn without_zeros(number: String) -> String {
    let Some(at) = number.rfind('第') else { return number };
    let digits = &number[at + '第'.len_utf8()..];
    let n = digits.chars().take_while(char::is_ascii_digit).count();
    let zeros = digits[..n].chars().take_while(|c| *c == '0').count();
    if n < 2 || zeros == 0 || !digits[n..].starts_with('号') {
        return number;
    }
    let keep = zeros.min(n - 1);
    format!("{}第{}", &number[..at], &digits[keep..])
}

/// The canonical 文号 (GB/T 9704): NFKC (full-width digits and brackets),
/// invisible characters and white space removed, the year in `〔〕` whatever
/// brackets were used (mismatched too), and a plain serial written `N号`
/// (no `第`, no leading zeros, no trailing junk, `号` added when missing).
/// A 令 number without a year keeps its form, spaces and zeros removed
/// (`重庆市人民政府令第 0359 号` → `重庆市人民政府令第359号`). Borrowed when
/// the input is already canonical.
pub(crate) fn canonical(raw: &str) -> Cow<'_, str> {
    if already_canonical(raw) {
        return Cow::Borrowed(raw);
    }
    let out = canonical_slow(raw);
    if out == raw { Cow::Borrowed(raw) } else { Cow::Owned(out) }
}

/// NFKC, without invisible characters and white space.
fn cleaned(raw: &str) -> String {
    raw.nfkc().filter(|c| !is_invisible(*c) && !c.is_whitespace()).collect()
}

/// [`canonical`] without the fast path (the property tests compare the two).
pub(crate) fn canonical_slow(raw: &str) -> String {
    let cleaned = cleaned(raw);
    match year_span(&cleaned) {
        Some((start, end, year)) => {
            let rest = &cleaned[end..];
            let tail = serial(rest).unwrap_or_else(|| rest.to_owned());
            format!("{}〔{year}〕{tail}", &cleaned[..start])
        }
        None => without_zeros(cleaned),
    }
}

/// A compatibility character NFKC would change (full-width and small
/// forms, circled and parenthesised numbers, CJK compatibility ideographs).
fn is_compat(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{24FF}' | '\u{3200}'..='\u{33FF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE10}'..='\u{FE6F}' | '\u{FF00}'..='\u{FFEF}')
}

/// The common case without allocating: `代字〔YYYY〕N号` already in canonical
/// form (no spaces, invisible or compatibility characters, no other
/// bracket, no leading zero). `false` only means "take the long way".
fn already_canonical(raw: &str) -> bool {
    let Some(open) = raw.find('〔') else { return false };
    let (prefix, rest) = (&raw[..open], &raw[open + '〔'.len_utf8()..]);
    let Some((year, rest)) = rest.split_at_checked(4) else { return false };
    let Some(serial) = rest.strip_prefix('〕').and_then(|r| r.strip_suffix('号')) else { return false };
    let plain = |c: char| {
        !c.is_whitespace() && !is_invisible(c) && !is_compat(c) && !OPENERS.contains(&c) && !CLOSERS.contains(&c)
    };
    year.bytes().all(|b| b.is_ascii_digit())
        && !serial.is_empty()
        && serial.bytes().all(|b| b.is_ascii_digit())
        && (serial == "0" || !serial.starts_with('0'))
        && prefix.chars().all(plain)
}

/// The canonical 文号 as an owned string (see [`canonical`]).
#[must_use]
pub fn normalize(number: &str) -> String {
    canonical(number).into_owned()
}

/// A comparison key equal for two 文号 exactly when their canonical forms
/// are equal (borrowed when the 文号 is already canonical).
#[must_use]
pub fn key(number: &str) -> Cow<'_, str> {
    canonical(number)
}

/// True when the 文号 is already in its canonical form.
#[must_use]
pub fn is_standard(number: &str) -> bool {
    matches!(canonical(number), Cow::Borrowed(_))
}

/// The 代字 of a 文号: the text before the bracketed year (`永政发〔2007〕58号`
/// → `永政发`, whatever the brackets). `None` when there is no bracketed year.
#[must_use]
pub fn series(number: &str) -> Option<Cow<'_, str>> {
    match canonical(number) {
        Cow::Borrowed(n) => n.find('〔').map(|at| Cow::Borrowed(&n[..at])),
        Cow::Owned(n) => n.find('〔').map(|at| Cow::Owned(n[..at].to_owned())),
    }
}

/// What makes a 文号 non-canonical, in words for a clerk.
pub(crate) fn deviations(raw: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    if raw.chars().any(is_invisible) {
        found.push("含不可见字符");
    }
    if raw.nfkc().ne(raw.chars()) {
        found.push("含全角或兼容字符");
    }
    if raw.chars().any(char::is_whitespace) {
        found.push("含空格");
    }
    let cleaned = cleaned(raw);
    if let Some((start, end, _)) = year_span(&cleaned) {
        if !cleaned[start..].starts_with('〔') || !cleaned[..end].ends_with('〕') {
            found.push("年份括号不是〔〕");
        }
        let rest = &cleaned[end..];
        if rest.starts_with('第') {
            found.push("序号前有“第”");
        }
        let digits = rest.trim_start_matches('第');
        if digits.starts_with('0') && digits.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            found.push("序号有前导零");
        }
        let n = digits.chars().take_while(char::is_ascii_digit).count();
        if n > 0 && !digits[n..].starts_with('号') && digits[n..].is_empty() {
            found.push("缺少“号”");
        }
        if n > 0 && digits[n..].strip_prefix('号').is_some_and(|t| !t.is_empty()) {
            found.push("“号”后有多余字符");
        }
    }
    if found.is_empty() && !is_standard(raw) {
        found.push("写法不规范");
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_every_bracket_variant() {
        for raw in [
            "永政发[2007]58号",
            "永政发(2007)58号",
            "永政发（2007）58号",
            "永政发【2007】58号",
            "永政发„2007‟58号",
            "永政发［2007］58号",
            " 永政发 〔 2007 〕 58号 ",
            "永政发〔2007〕58号",
            "永政发﹝2007﹞58号",
            "永政发(2007〕58号",
            "永政发〔２００７〕５８号",
            "永政发〔2007〕\u{200B}58号",
            "永政发〔2007〕58 号",
            "永政发〔2007〕第58号",
            "永政发〔2007〕058号",
            "永政发〔2007〕58号〔〕",
            "永政发〔2007〕58",
            "\u{202E}永政发〔2007〕58号",
        ] {
            assert_eq!(normalize(raw), "永政发〔2007〕58号", "{raw:?}");
            assert!(!deviations(raw).is_empty() || raw == "永政发〔2007〕58号", "{raw:?}");
        }
    }

    #[test]
    fn deviations_name_what_is_wrong() {
        assert_eq!(deviations("永政发〔２００７〕５８号"), ["含全角或兼容字符"]);
        assert_eq!(deviations("渝府发〔2022〕32 号"), ["含空格"]);
        assert_eq!(deviations("国发〔2019〕第1号"), ["序号前有“第”"]);
        assert_eq!(deviations("永政发[2007]058号"), ["年份括号不是〔〕", "序号有前导零"]);
        assert_eq!(deviations("晋政办发〔2012〕18"), ["缺少“号”"]);
        assert_eq!(deviations("永政发〔2007〕48号〔〕"), ["“号”后有多余字符"]);
        assert!(deviations("永政发〔2007〕58号").is_empty());
    }

    #[test]
    fn order_numbers_without_a_year() {
        assert_eq!(normalize("第3号"), "第3号");
        assert_eq!(normalize("重庆市人民政府令第 359 号"), "重庆市人民政府令第359号");
        assert_eq!(normalize("永嘉县人民政府令第03号"), "永嘉县人民政府令第3号");
        assert_eq!(normalize("永政令(第3号)"), "永政令(第3号)");
        assert!(is_standard("第3号"));
        assert!(!is_standard("永政办[2007]58号"));
    }

    #[test]
    fn keys_match_normalised_forms() {
        let all = [
            "永政发[2007]58号",
            "永政发〔2007〕58号",
            " 永政发 (2007) 58号",
            "第3号",
            "永政发〔2007〕59号",
            "永政发〔２００７〕５８号",
        ];
        for a in all {
            for b in all {
                assert_eq!(key(a) == key(b), normalize(a) == normalize(b), "{a} / {b}");
            }
            assert_eq!(is_standard(a), normalize(a) == a, "{a}");
        }
    }

    #[test]
    fn extracts_series() {
        assert_eq!(series("永政发〔2007〕58号").as_deref(), Some("永政发"));
        assert_eq!(series("永政办[2007]58号").as_deref(), Some("永政办"));
        assert_eq!(series("永政办﹝2007﹞58号").as_deref(), Some("永政办"));
        assert_eq!(series("第3号"), None);
    }
}

//! 文号 (document numbers): bracket normalisation and 代字 extraction.
//!
//! GB/T 9704 writes the year of a 文号 in hexagonal brackets: `永政发〔2007〕58号`.
//! Registers copied from old catalogues use `[2007]`, `(2007)`, `【2007】`,
//! `„2010‟` and full-width variants; [`normalize`] rewrites those to `〔〕`.
//! [`series`] extracts the 代字 (`永政发`) used by campaign scope windows.

/// Opening brackets seen around the year of a 文号, with their closers.
const BRACKETS: &[(char, char)] = &[
    ('〔', '〕'),
    ('[', ']'),
    ('［', '］'),
    ('(', ')'),
    ('（', '）'),
    ('【', '】'),
    ('„', '‟'),
    ('〖', '〗'),
    ('{', '}'),
    ('｛', '｝'),
    ('〈', '〉'),
    ('<', '>'),
    ('「', '」'),
];

/// Finds the year in brackets: (byte start of opener, byte end of closer, year).
fn year_span(number: &str) -> Option<(usize, usize, &str)> {
    for (i, open) in number.char_indices() {
        let Some(&(_, close)) = BRACKETS.iter().find(|(o, _)| *o == open) else {
            continue;
        };
        let inner_start = i + open.len_utf8();
        let rest = &number[inner_start..];
        let digits = rest.trim_start().len();
        let lead_ws = rest.len() - digits;
        let year_len = rest[lead_ws..].chars().take_while(char::is_ascii_digit).count();
        if year_len != 4 {
            continue;
        }
        let after_year = &rest[lead_ws + year_len..];
        let trimmed = after_year.trim_start();
        if trimmed.starts_with(close) {
            let end = inner_start + lead_ws + year_len + (after_year.len() - trimmed.len()) + close.len_utf8();
            return Some((i, end, &rest[lead_ws..lead_ws + year_len]));
        }
    }
    None
}

/// Rewrites the year brackets of a 文号 to the standard `〔〕` and trims
/// surrounding white space. A 文号 with no recognisable bracketed year is
/// returned trimmed but otherwise unchanged.
#[must_use]
pub fn normalize(number: &str) -> String {
    let number = number.trim();
    match year_span(number) {
        Some((start, end, year)) => {
            format!("{}〔{}〕{}", number[..start].trim_end(), year, number[end..].trim_start())
        }
        None => number.to_owned(),
    }
}

/// A comparison key equal for two 文号 exactly when their normalised forms
/// are equal, computed without allocating: (代字, year, rest).
#[must_use]
pub fn key(number: &str) -> (&str, &str, &str) {
    let number = number.trim();
    match year_span(number) {
        Some((start, end, year)) => (number[..start].trim_end(), year, number[end..].trim_start()),
        None => (number, "", ""),
    }
}

/// True when the 文号 already uses the standard brackets (or has no
/// bracketed year at all, which is not a bracket problem).
#[must_use]
pub fn is_standard(number: &str) -> bool {
    match year_span(number) {
        // Standard: 〔 right after the 代字, no spaces, and nothing to trim.
        Some((start, end, _)) => {
            number.trim() == number
                && number[start..].starts_with('〔')
                && number[..end].ends_with('〕')
                && number[..start].trim_end() == &number[..start]
                && end - start == "〔".len() + 4 + "〕".len()
                && number[end..].trim_start() == &number[end..]
        }
        None => number.trim() == number,
    }
}

/// The 代字 of a 文号: the text before the bracketed year (`永政发〔2007〕58号`
/// → `永政发`). `None` when there is no bracketed year.
#[must_use]
pub fn series(number: &str) -> Option<&str> {
    let number = number.trim();
    year_span(number).map(|(start, _, _)| number[..start].trim_end())
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
        ] {
            assert_eq!(normalize(raw), "永政发〔2007〕58号", "{raw}");
        }
    }

    #[test]
    fn leaves_unbracketed_numbers_alone() {
        assert_eq!(normalize("第3号"), "第3号");
        assert_eq!(normalize("永政令(第3号)"), "永政令(第3号)");
        assert!(is_standard("第3号"));
        assert!(!is_standard("永政办[2007]58号"));
    }

    #[test]
    fn keys_match_normalised_forms() {
        let all = ["永政发[2007]58号", "永政发〔2007〕58号", " 永政发 (2007) 58号", "第3号", "永政发〔2007〕59号"];
        for a in all {
            for b in all {
                assert_eq!(key(a) == key(b), normalize(a) == normalize(b), "{a} / {b}");
            }
            assert_eq!(is_standard(a), normalize(a) == a, "{a}");
        }
    }

    #[test]
    fn extracts_series() {
        assert_eq!(series("永政发〔2007〕58号"), Some("永政发"));
        assert_eq!(series("永政办[2007]58号"), Some("永政办"));
        assert_eq!(series("第3号"), None);
    }
}

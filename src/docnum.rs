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
pub fn normalize(number: &str) -> String {
    let number = number.trim();
    match year_span(number) {
        Some((start, end, year)) => {
            format!("{}〔{}〕{}", number[..start].trim_end(), year, number[end..].trim_start())
        }
        None => number.to_owned(),
    }
}

/// True when the 文号 already uses the standard brackets (or has no
/// bracketed year at all, which is not a bracket problem).
pub fn is_standard(number: &str) -> bool {
    normalize(number) == number
}

/// The 代字 of a 文号: the text before the bracketed year (`永政发〔2007〕58号`
/// → `永政发`). `None` when there is no bracketed year.
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
    fn extracts_series() {
        assert_eq!(series("永政发〔2007〕58号"), Some("永政发"));
        assert_eq!(series("永政办[2007]58号"), Some("永政办"));
        assert_eq!(series("第3号"), None);
    }
}

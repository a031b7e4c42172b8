//! Invariants that must hold for any input, shared by the fuzz targets
//! (`fuzz/`) and the property tests below. Each function panics when its
//! invariant is broken; libFuzzer and proptest report the input.
//!
//! Not part of qingli's interface; public only so `fuzz/` can call it.

use chrono::NaiveDate;

use crate::docnum;
use crate::load::calendar::Calendar;
use crate::load::parse;
use crate::load::walk::FileKind;
use crate::write::canon;

/// Parsing and validating a record never panics, and every diagnostic
/// points inside the file (1-based line and column).
pub fn record(data: &[u8]) {
    let text = match crate::load::files::decode(data.to_vec(), "f.toml") {
        Ok(t) => t,
        Err(d) => {
            assert!(d.line >= 1 && d.column >= 1);
            return;
        }
    };
    let lines = text.lines().count() as u32 + 1;
    let (_, diags) = parse::parse_document("f.toml", "f.toml", &text);
    for d in &diags {
        assert!(d.line >= 1 && d.column >= 1 && d.line <= lines, "{d:?} outside {lines} lines");
    }
    let _ = parse::parse_laws("l.toml", &text);
    let _ = parse::parse_config("q.toml", &text);
    let _ = parse::parse_calendar("2026.toml", &text);
}

/// 文号 normalisation is idempotent and agrees with the comparison key, the
/// standard-form test and the 代字.
pub fn doc_number(s: &str) {
    assert_eq!(docnum::canonical(s), docnum::canonical_slow(s), "the fast path agrees for {s:?}");
    let n = docnum::normalize(s);
    assert_eq!(docnum::normalize(&n), n, "normalize is idempotent for {s:?}");
    assert!(docnum::is_standard(&n), "{n:?} is standard");
    assert_eq!(docnum::is_standard(s), n == s, "is_standard({s:?})");
    assert_eq!(docnum::key(s), docnum::key(&n), "key({s:?})");
    assert_eq!(docnum::series(s), docnum::series(&n), "series({s:?})");
}

/// Adding N working days and counting them back round-trips, and the
/// result is the first day with that count.
pub fn workdays(start_offset: u32, n: u16) {
    let cal = Calendar::builtin();
    let base = NaiveDate::from_ymd_opt(2018, 1, 1).expect("valid");
    let start = crate::dates::add_days(base, i64::from(start_offset % 4000));
    let n = u32::from(n % 800);
    let end = cal.add_workdays(start, n);
    assert_eq!(cal.workdays_between(start, end), i64::from(n), "{start} + {n}");
    assert_eq!(cal.workdays_between(end, start), -i64::from(n));
    if n > 0 {
        assert!(cal.is_workday(end), "{end} is a working day");
        assert_eq!(cal.workdays_between(start, crate::dates::add_days(end, -1)), i64::from(n) - 1);
    }
    let next = cal.next_workday(start);
    assert!(cal.is_workday(next) && next >= start);
}

/// Formatting is idempotent and never changes the parsed data (except the
/// normalised 文号); text that formats must still parse.
pub fn canonical(text: &str) {
    let Ok(once) = canon::canonical(text, FileKind::Document) else { return };
    let twice = canon::canonical(&once, FileKind::Document).expect("formatted text parses");
    assert_eq!(twice, once, "idempotent");
    let data = |t: &str| -> Option<toml::Table> {
        let mut table: toml::Table = t.trim_start_matches('\u{feff}').parse().ok()?;
        for key in ["doc_number", "superseded_by"] {
            if let Some(toml::Value::String(s)) = table.get_mut(key) {
                *s = docnum::normalize(s);
            }
        }
        Some(table)
    };
    if let Some(before) = data(text) {
        assert_eq!(Some(before), data(&once), "data preserved");
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Strings built from the characters register files are made of.
    fn tomlish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("title = \"关于\"\n".to_owned()),
                Just("issuer = '县政府'\n".to_owned()),
                Just("issued = 2007-06-30\n".to_owned()),
                Just("doc_number = \"永政发[2007]3号\"\n".to_owned()),
                Just("basis = [\"水法\", \"物权法\"]  # 依据\n".to_owned()),
                Just("[review]\ndecision = \"保留\"\n".to_owned()),
                Just("[[finding]]\ntype = \"其他\"\nscope = \"main\"\n".to_owned()),
                Just("# 注释\n".to_owned()),
                Just("\n".to_owned()),
                "[a-z_]{1,8} = [0-9]{1,4}\n",
                "[\\[\\]{}=\"'#,\\n .0-9a-z永]{0,12}",
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn records_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            super::record(&bytes);
        }

        #[test]
        fn tomlish_records_never_panic(text in tomlish()) {
            super::record(text.as_bytes());
        }

        #[test]
        fn doc_numbers(s in "[永政发办〔〕\\[\\]()（）【】„‟﹝﹞ 0-9０-９号第\u{200B}]{0,16}") {
            super::doc_number(&s);
        }

        #[test]
        fn workday_arithmetic_round_trips(start in any::<u32>(), n in any::<u16>()) {
            super::workdays(start, n);
        }

        #[test]
        fn formatting(text in tomlish()) {
            super::canonical(&text);
        }

        /// `check` reads with toml-spanner, `fmt` rewrites with toml_edit: the
        /// two grammars must accept and reject the same texts, or `check`
        /// would pass a file that `fmt` cannot format (or the reverse).
        #[test]
        fn check_and_fmt_accept_the_same_texts(text in tomlish()) {
            let arena = toml_spanner::Arena::new();
            let spanner = toml_spanner::parse(&text, &arena).is_ok();
            let edit = text.parse::<toml_edit::DocumentMut>().is_ok();
            prop_assert_eq!(spanner, edit, "toml-spanner {} / toml_edit {} on {:?}", spanner, edit, text);
        }
    }
}

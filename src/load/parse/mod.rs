//! Turning one file's text into typed records, with per-file checks.
//!
//! Documents ([`document`]), law tables ([`laws`]), `qingli.toml`
//! ([`config`]) and calendar files ([`calendar`]) each have a `parse_*`
//! function: text in, record(s) plus diagnostics out. Every bad field is
//! reported (not just the first), and a record is returned only when its
//! required fields are usable. Shared here: reading the TOML itself, with
//! the syntax errors clerks make explained. Cross-file checks live in
//! `validate`. No file system access, no clock.

mod calendar;
mod config;
mod document;
mod laws;

pub(crate) use calendar::parse_calendar;
pub(crate) use config::parse_config;
pub(crate) use document::{
    DOC_KEYS, EVENT_KEYS, FINDING_KEYS, REVIEW_KEYS, parse_document, parse_document_sharing, salvage,
};
pub(crate) use laws::{LAW_KEYS, parse_laws};

use toml_spanner::{Arena, Document as TomlDocument, ErrorKind, Table};

use crate::diag::Code;
use crate::docnum;
use crate::load::read::Reader;

/// A Chinese explanation of a TOML syntax error.
/// A character as a clerk can read it: itself when printable (Chinese
/// included), its code point otherwise.
pub(super) fn shown_char(c: char) -> String {
    if c.is_control() || crate::docnum::is_invisible(c) { format!("U+{:04X}", u32::from(c)) } else { c.to_string() }
}

/// Chinese names clerks give the record's fields, and the key to write.
pub(super) const CHINESE_KEYS: &[(&[&str], &str)] = &[
    (&["标题", "文件名称", "名称", "文件标题"], "title"),
    (&["制定机关", "发文机关", "发布机关"], "issuer"),
    (&["发布日期", "印发日期", "发文日期", "成文日期"], "issued"),
    (&["文号", "发文字号"], "doc_number"),
    (&["施行日期", "生效日期"], "effective"),
    (&["有效期至", "有效期", "失效日期"], "expires"),
    (&["责任单位", "清理责任单位", "承办单位"], "responsible_unit"),
    (&["类别", "文件类别"], "kind"),
    (&["清理意见", "处理意见"], "decision"),
    (&["理由", "清理理由"], "reason"),
    (&["上位法依据", "依据", "制定依据"], "basis"),
    (&["被替代", "替代文件"], "superseded_by"),
    (&["适用期至", "适用期"], "applies_until"),
    (&["暂行", "试行", "暂行试行"], "provisional"),
    (&["公开属性", "公开方式"], "disclosure"),
];

/// The syntax errors clerks really make, recognised on the line of the
/// error, with the fix: a Chinese key, a date with dots, slashes or 年月日,
/// an unquoted value.
pub(super) fn clerk_mistake(text: &str, at: usize) -> Option<(String, String)> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    let value = rest.split(" #").next().unwrap_or("").trim();
    if !key.is_empty() && !key.is_ascii() && !key.starts_with(['"', '\'']) {
        return Some(match CHINESE_KEYS.iter().find(|(names, _)| names.contains(&key)) {
            Some((_, k)) => (
                format!("字段名须用英文:`{key}` 应写作 `{k}`"),
                format!("把 `{key} = …` 改为 `{k} = …`(字段名见 docs/record-format.md)"),
            ),
            None => (format!("字段名 `{key}` 不是英文字段名"), "字段名须用英文,见 docs/record-format.md".to_owned()),
        });
    }
    // A date written with dots, slashes or 年月日 (`2020.2.3`, `2020/02/03`,
    // `2020年2月3日`), read as import reads dates.
    let quoted = value.trim_matches(['"', '\'']);
    if quoted.contains(['.', '/', '年']) && !quoted.contains('-') {
        match crate::dates::parse_loose(quoted) {
            Ok(d) => {
                return Some((
                    format!("日期 `{value}` 的写法不对"),
                    format!("改为 `{key} = {d}`(年-月-日,用短横线,不加引号)"),
                ));
            }
            Err(crate::dates::LooseError::NoSuchDay(why)) => {
                return Some((
                    format!("日期 `{value}` 的写法不对,且该日不存在({why})"),
                    "核对原件,写作 YYYY-MM-DD".to_owned(),
                ));
            }
            Err(crate::dates::LooseError::Form) => {}
        }
    }
    let first = value.chars().next()?;
    if !first.is_ascii() {
        return Some((format!("取值 `{value}` 没有加引号"), format!("文字须用英文双引号括起:`{key} = \"{value}\"`")));
    }
    None
}

pub(super) fn syntax_message(kind: &ErrorKind<'_>, found: &str, english: &str) -> String {
    match kind {
        ErrorKind::UnexpectedEof => "文件意外结束:缺少值或结尾的括号、引号".to_owned(),
        ErrorKind::Unexpected('\n') => "此处缺少值(等号后面没有内容)".to_owned(),
        ErrorKind::Unexpected(c) => format!("此处不应出现字符 `{}`", shown_char(*c)),
        ErrorKind::UnterminatedString(_) => "字符串缺少结尾的引号".to_owned(),
        ErrorKind::InvalidCharInString(c) => format!("字符串中有不允许的字符 `{}`", shown_char(*c)),
        ErrorKind::InvalidEscape(_) | ErrorKind::InvalidHexEscape(_) | ErrorKind::InvalidEscapeValue(_) => {
            "字符串中有无效的转义(反斜杠 \\ 须写作 \\\\)".to_owned()
        }
        ErrorKind::DuplicateKey { .. } => format!("字段 `{found}` 重复出现"),
        ErrorKind::DuplicateTable { .. } | ErrorKind::RedefineAsArray { .. } => format!("表 `{found}` 重复定义"),
        ErrorKind::UnquotedString => format!("字符串 `{found}` 没有加引号"),
        ErrorKind::MissingArrayComma | ErrorKind::MissingInlineTableComma => "缺少逗号".to_owned(),
        ErrorKind::UnclosedArray => "数组缺少结尾的 `]`".to_owned(),
        ErrorKind::UnclosedInlineTable => "内联表缺少结尾的 `}`".to_owned(),
        ErrorKind::FileTooLarge => "文件过大".to_owned(),
        ErrorKind::OutOfRange { ty, .. } if ty.contains("recursion") => "嵌套层数过多".to_owned(),
        ErrorKind::InvalidInteger(_) | ErrorKind::OutOfRange { .. } => format!("数值 `{found}` 无效或超出范围"),
        _ => english.to_owned(),
    }
}

/// Parses TOML text, reporting a syntax error (an impossible date as
/// `bad-date`). Returns `None` when the text does not parse: a file that
/// does not parse is judged no further.
pub(super) fn parse_toml<'i>(r: &mut Reader<'_>, text: &'i str, arena: &'i Arena) -> Option<TomlDocument<'i>> {
    let e = match toml_spanner::parse(text, arena) {
        Ok(doc) => return Some(doc),
        Err(e) => e,
    };
    let span = e.span();
    let at = span.start as usize;
    let found: String = text.get(at..span.end as usize).unwrap_or("").trim().chars().take(40).collect();
    if let ErrorKind::InvalidDateTime(_) = e.kind() {
        let shown = text
            .get(at..)
            .unwrap_or("")
            .split(|c: char| c.is_whitespace() || c == ',' || c == ']')
            .next()
            .unwrap_or("");
        r.report(
            Code::BadDate,
            at,
            match crate::load::read::no_such_day(shown) {
                why if why.is_empty() => format!("日期 `{shown}` 不存在或格式错误"),
                why => format!("日期 `{shown}` 不存在{why}"),
            },
            "核对原件,改为真实存在的日期(YYYY-MM-DD)",
        );
    } else if let Some((message, hint)) = clerk_mistake(text, at) {
        r.report(Code::TomlSyntax, at, message, hint);
    } else {
        let message = format!("TOML 语法错误: {}", syntax_message(&e.kind(), &found, &e.message(text)));
        r.report(Code::TomlSyntax, at, message, "对照 docs/record-format.md 修正此处;字符串须用英文双引号");
    }
    None
}

pub(super) fn table_has(table: &Table<'_>, key: &str) -> bool {
    table.get(key).is_some()
}

/// Reports each required key that `t` lacks, with an example line.
pub(super) fn require(r: &mut Reader<'_>, table: &str, t: &Table<'_>, at: usize, keys: &[(&str, &str)]) {
    for (key, example) in keys {
        if !table_has(t, key) {
            r.missing(table, key, at, example);
        }
    }
}

/// Reports a 文号 not written in the GB/T 9704 form (`doc-number-brackets`),
/// naming what deviates and the canonical form.
pub(super) fn doc_number_style(r: &mut Reader<'_>, at: usize, n: &str, prefix: &str, fix: &str) {
    if !docnum::is_standard(n) {
        r.report(
            Code::DocNumberBrackets,
            at,
            format!("{prefix}文号 `{n}` 写法不规范({})", docnum::deviations(n).join("、")),
            format!("按 GB/T 9704 写作 `{}`{fix}", docnum::normalize(n)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    fn codes(diags: &[Diagnostic]) -> Vec<(&str, u32, u32)> {
        diags.iter().map(|d| (d.code.name(), d.line, d.column)).collect()
    }

    #[test]
    fn impossible_date_is_located() {
        let (doc, diags) = parse_document("a.toml", "a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-06-31\n");
        assert!(doc.is_none());
        assert_eq!(codes(&diags), vec![("bad-date", 3, 10)]);
        assert!(diags[0].message.contains("2007-06-31"), "{}", diags[0].message);
    }

    #[test]
    fn defaults_are_applied() {
        let text = "title = \"关于某某的暂行办法\"\nissuer = \"县政府\"\nissued = 2007-01-05\n";
        let (doc, diags) = parse_document("a.toml", "a.toml", text);
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.effective, doc.issued);
        assert_eq!(&*doc.lead_unit, "县政府");
        assert_eq!(&*doc.responsible_unit, "县政府");
        assert!(doc.provisional);
        assert_eq!(&*doc.kind, "规范性文件");
    }

    #[test]
    fn explicit_provisional_false_wins_over_title() {
        let text = "title = \"试行办法\"\nissuer = \"县政府\"\nissued = 2007-01-05\nprovisional = false\n";
        assert!(!parse_document("a.toml", "a.toml", text).0.unwrap().provisional);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let text = "titel = \"甲\"\nissuer = 3\nissued = \"2007-01-05\"\n[review]\ndecision = \"保流\"\n";
        let (doc, diags) = parse_document("a.toml", "a.toml", text);
        assert!(doc.is_none());
        let got = codes(&diags);
        assert!(got.contains(&("unknown-key", 1, 1)), "{got:?}");
        assert!(got.contains(&("wrong-type", 2, 10)), "{got:?}");
        assert!(got.contains(&("bad-date", 3, 10)), "{got:?}");
        assert!(got.contains(&("bad-value", 5, 12)), "{got:?}");
        assert!(got.contains(&("missing-key", 1, 1)), "{got:?}");
    }
}

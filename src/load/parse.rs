//! Turning one file's text into typed records, with per-file checks.
//!
//! Documents, law tables, `qingli.toml` and calendar files each have a
//! `parse_*` function: text in, record(s) plus diagnostics out. Every bad
//! field is reported (not just the first), and a record is returned only when
//! its required fields are usable. Cross-file checks live in `validate`.
//! No file system access, no clock.

use toml_spanner::{Arena, Document as TomlDocument, ErrorKind, Table};

use crate::diag::{Code, Diagnostic};
use crate::docnum;
use crate::load::intern::{Interner, Shared};
use crate::load::model::{
    CalendarYear, Campaign, Config, Disclosure, DocPositions, Document, Event, EventType, Finding, FindingScope,
    FindingType, Focus, Law, LawLevel, NoticeConfig, Phase, PhaseDue, Policy, Review, ReviewDate, ScopeWindow, Verdict,
};
use crate::load::read::{Reader, start};
use crate::load::source::Pos;

/// The keys of a document record, in the canonical order of the spec.
pub(crate) const DOC_KEYS: &[&str] = &[
    "title",
    "issuer",
    "issued",
    "doc_number",
    "kind",
    "co_issuers",
    "lead_unit",
    "responsible_unit",
    "effective",
    "expires",
    "provisional",
    "subject",
    "subject_gone",
    "applies_until",
    "basis",
    "superseded_by",
    "disclosure",
    "disclosure_reason",
    "disclosed",
    "filed",
    "finding",
    "event",
    "review",
];
/// The keys of a `[[finding]]`.
pub(crate) const FINDING_KEYS: &[&str] = &["type", "scope", "law", "articles", "note"];
/// The keys of an `[[event]]`.
pub(crate) const EVENT_KEYS: &[&str] = &["date", "type", "law", "note"];
/// The keys of `[review]`.
pub(crate) const REVIEW_KEYS: &[&str] =
    &["decision", "reason", "reviewer", "decided", "approved", "published", "revised", "override_reason"];
/// The keys of a `[[law]]`.
pub(crate) const LAW_KEYS: &[&str] =
    &["name", "full_name", "aliases", "level", "promulgated", "effective", "repealed", "replaced_by", "revised"];

/// A Chinese explanation of a TOML syntax error.
/// A character as a clerk can read it: itself when printable (Chinese
/// included), its code point otherwise.
fn shown_char(c: char) -> String {
    if c.is_control() || crate::docnum::is_invisible(c) { format!("U+{:04X}", u32::from(c)) } else { c.to_string() }
}

/// Chinese names clerks give the record's fields, and the key to write.
const CHINESE_KEYS: &[(&[&str], &str)] = &[
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
fn clerk_mistake(text: &str, at: usize) -> Option<(String, String)> {
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

fn syntax_message(kind: &ErrorKind<'_>, found: &str, english: &str) -> String {
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
fn parse_toml<'i>(r: &mut Reader<'_>, text: &'i str, arena: &'i Arena) -> Option<TomlDocument<'i>> {
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

/// Parses one document record. `path` is its path relative to the
/// register root (its stem is the id), `file` the path shown in diagnostics.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse_document(path: &str, file: &str, text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    parse_document_sharing(path, file, text, &Interner::default())
}

/// [`parse_document`], storing the text records repeat in `interner` (a
/// register's records share one).
pub(crate) fn parse_document_sharing(
    path: &str,
    file: &str,
    text: &str,
    interner: &Interner,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut r = Reader::sharing(file, text, interner);
    let arena = Arena::new();
    let doc = parse_toml(&mut r, text, &arena).and_then(|d| document(&mut r, path, d.table()));
    (doc, r.diags)
}

/// What can still be read of a record that does not parse: its title and
/// 文号, so that the record can be named where it is left out. Reads the
/// TOML when it parses, else top-level `key = "…"` lines.
pub(crate) fn salvage(text: &str) -> (Option<String>, Option<String>) {
    let arena = Arena::new();
    let pick = |want: &str| -> Option<String> {
        if let Ok(doc) = toml_spanner::parse(text, &arena) {
            return match doc.table().get(want)?.value() {
                toml_spanner::Value::String(s) if !s.trim().is_empty() => Some((*s).to_owned()),
                _ => None,
            };
        }
        text.lines().take_while(|l| !l.trim_start().starts_with('[')).find_map(|line| {
            let (key, value) = line.split_once('=')?;
            if key.trim() != want {
                return None;
            }
            let value = value.trim();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let inner = value[1..].split(quote).next()?.trim();
            (!inner.is_empty()).then(|| inner.to_owned())
        })
    };
    (pick("title"), pick("doc_number"))
}

#[derive(Default)]
struct DocFields {
    title: Option<Box<str>>,
    issuer: Option<Shared>,
    issued: Option<chrono::NaiveDate>,
    issued_at: usize,
    doc_number: Option<Box<str>>,
    kind: Option<Shared>,
    co_issuers: Vec<Shared>,
    lead_unit: Option<Shared>,
    responsible_unit: Option<Shared>,
    effective: Option<chrono::NaiveDate>,
    effective_at: usize,
    expires: Option<chrono::NaiveDate>,
    expires_at: usize,
    provisional: Option<bool>,
    subject: Option<Box<str>>,
    subject_gone: Option<chrono::NaiveDate>,
    applies_until: Option<chrono::NaiveDate>,
    basis: Vec<Shared>,
    superseded_by: Option<Box<str>>,
    disclosure: Option<Disclosure>,
    disclosure_at: usize,
    disclosure_reason: Option<Box<str>>,
    disclosed: Option<chrono::NaiveDate>,
    filed: Option<chrono::NaiveDate>,
    findings: Vec<Finding>,
    events: Vec<Event>,
    review: Option<Review>,
    pos: DocPositions,
    broken: bool,
}

fn document(r: &mut Reader<'_>, path: &str, table: &Table<'_>) -> Option<Document> {
    let mut f = DocFields::default();
    let errors_before = r.diags.len();
    for (key, v) in table {
        let k = key.name;
        let at = start(v);
        match k {
            "title" => f.title = r.boxed(k, v),
            "issuer" => f.issuer = r.shared(k, v),
            "issued" => (f.issued, f.issued_at) = (r.date(k, v), at),
            "doc_number" => {
                f.pos.doc_number = r.pos(at);
                f.doc_number = r.boxed(k, v);
                if let Some(n) = &f.doc_number {
                    doc_number_style(r, at, n, "", "(qingli fmt 可自动改正)");
                }
            }
            "kind" => f.kind = r.shared(k, v),
            "co_issuers" => f.co_issuers = r.shared_list(k, v),
            "lead_unit" => f.lead_unit = r.shared(k, v),
            "responsible_unit" => f.responsible_unit = r.shared(k, v),
            "effective" => (f.effective, f.effective_at) = (r.date(k, v), at),
            "expires" => (f.expires, f.expires_at) = (r.date(k, v), at),
            "provisional" => f.provisional = r.bool(k, v),
            "subject" => f.subject = r.boxed(k, v),
            "subject_gone" => f.subject_gone = r.date(k, v),
            "applies_until" => f.applies_until = r.date(k, v),
            "basis" => {
                f.pos.basis = r.pos(at);
                f.basis = r.shared_list(k, v);
            }
            "superseded_by" => {
                f.pos.superseded_by = r.pos(at);
                f.superseded_by = r.boxed(k, v);
            }
            "disclosure" => {
                f.disclosure_at = at;
                f.disclosure = r.word(k, v, Disclosure::parse, Disclosure::NAMES);
            }
            "disclosure_reason" => f.disclosure_reason = r.boxed(k, v),
            "disclosed" => f.disclosed = r.date(k, v),
            "filed" => f.filed = r.date(k, v),
            "finding" => f.findings = r.each_table(k, v, finding),
            "event" => f.events = r.each_table(k, v, event),
            "review" => {
                if let Some(t) = r.table(k, v) {
                    f.review = Some(review(r, t));
                }
            }
            _ => r.unknown(key, DOC_KEYS, "文件记录"),
        }
    }
    for (key, present, example) in [
        ("title", table_has(table, "title"), "title = \"……关于……的通知\""),
        ("issuer", table_has(table, "issuer"), "issuer = \"永嘉县人民政府\""),
        ("issued", table_has(table, "issued"), "issued = 2007-06-30"),
    ] {
        if !present {
            r.missing("", key, 0, example);
            f.broken = true;
        }
    }
    // Any error inside the record (not warnings) makes its data untrustworthy
    // for rules; the record still takes part in id/文号 uniqueness checks only
    // when it is complete.
    let has_error = r.diags[errors_before..].iter().any(|d| d.severity == crate::diag::Severity::Error);
    if f.broken || has_error {
        return None;
    }
    finish(r, f, path)
}

/// The checks that need the whole record (dates against each other, a
/// withheld disclosure's reason) and the defaults, for a record whose
/// fields all read without error.
fn finish(r: &mut Reader<'_>, f: DocFields, path: &str) -> Option<Document> {
    let (Some(title), Some(issuer), Some(issued)) = (f.title, f.issuer, f.issued) else {
        return None;
    };
    let effective = f.effective.unwrap_or(issued);
    if effective < issued {
        r.report(
            Code::EffectiveBeforeIssued,
            f.effective_at,
            format!("施行日期 {effective} 早于发布日期 {issued}"),
            "核对原件;施行日期不应早于发布日期",
        );
    }
    if let Some(expires) = f.expires
        && expires < effective
    {
        r.report(
            Code::ExpiresBeforeEffective,
            f.expires_at,
            format!("有效期至 {expires} 早于施行日期 {effective}"),
            "核对原件中的有效期",
        );
    }
    if f.disclosure == Some(Disclosure::Withheld) && f.disclosure_reason.is_none() {
        r.report(
            Code::DisclosureReasonMissing,
            f.disclosure_at,
            "公开属性为不予公开,但未填写 `disclosure_reason`".to_owned(),
            "添加一行: disclosure_reason = \"……\"(不予公开理由)",
        );
    }
    let lead_unit = f.lead_unit.unwrap_or_else(|| Shared::clone(&issuer));
    let responsible_unit = f.responsible_unit.unwrap_or_else(|| Shared::clone(&lead_unit));
    let provisional = f.provisional.unwrap_or_else(|| title.contains("暂行") || title.contains("试行"));
    Some(Document {
        path: path.into(),
        title,
        issuer,
        issued,
        doc_number: f.doc_number,
        kind: f.kind.unwrap_or_else(|| r.share("规范性文件")),
        co_issuers: f.co_issuers.into(),
        lead_unit,
        responsible_unit,
        effective,
        expires: f.expires,
        provisional,
        subject: f.subject,
        subject_gone: f.subject_gone,
        applies_until: f.applies_until,
        basis: f.basis.into(),
        superseded_by: f.superseded_by,
        disclosure: f.disclosure,
        disclosure_reason: f.disclosure_reason,
        disclosed: f.disclosed,
        filed: f.filed,
        findings: f.findings.into(),
        events: f.events.into(),
        review: f.review,
        pos: f.pos,
    })
}

fn table_has(table: &Table<'_>, key: &str) -> bool {
    table.get(key).is_some()
}

/// Reports each required key that `t` lacks, with an example line.
fn require(r: &mut Reader<'_>, table: &str, t: &Table<'_>, at: usize, keys: &[(&str, &str)]) {
    for (key, example) in keys {
        if !table_has(t, key) {
            r.missing(table, key, at, example);
        }
    }
}

fn finding(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Finding> {
    let (mut kind, mut scope, mut law, mut articles, mut note) = (None, None, None, None, None);
    let mut law_pos = Pos::START;
    for (key, v) in t {
        let k = key.name;
        match k {
            "type" => kind = r.word(k, v, FindingType::parse, FindingType::NAMES),
            "scope" => scope = r.word(k, v, FindingScope::parse, FindingScope::NAMES),
            "law" => {
                law_pos = r.pos(start(v));
                law = r.shared(k, v);
            }
            "articles" => articles = r.text(k, v),
            "note" => note = r.text(k, v),
            _ => r.unknown(key, FINDING_KEYS, "[[finding]] "),
        }
    }
    require(r, "[[finding]] ", t, at, &[("type", "type = \"上位法抵触\"  # 或 越权设定、与上级文件不一致、其他")]);
    // Only the rules for 上位法抵触 and 越权设定 read the scope (Q01, Q06, Q08).
    if matches!(kind, Some(FindingType::Conflict | FindingType::Ultra)) && !table_has(t, "scope") {
        let kind = kind.map_or("", FindingType::as_str);
        r.report(
            Code::MissingKey,
            at,
            format!("「{kind}」审查发现缺少必填字段 `scope`"),
            "添加一行: scope = \"partial\"  # main = 主要内容, partial = 个别条款",
        );
    }
    Some(Finding { kind: kind?, scope, law, articles, note, pos: r.pos(at), law_pos })
}

fn event(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Event> {
    let (mut date, mut kind, mut law, mut note) = (None, None, None, None);
    for (key, v) in t {
        let k = key.name;
        match k {
            "date" => date = r.date(k, v),
            "type" => kind = r.word(k, v, EventType::parse, EventType::NAMES),
            "law" => law = r.shared(k, v),
            "note" => note = r.text(k, v),
            _ => r.unknown(key, EVENT_KEYS, "[[event]] "),
        }
    }
    require(r, "[[event]] ", t, at, &[("date", "date = 2007-08-20"), ("type", "type = \"清理\"")]);
    Some(Event { date: date?, kind: kind?, law, note, pos: r.pos(at) })
}

fn review(r: &mut Reader<'_>, t: &Table<'_>) -> Review {
    let mut rv = Review::default();
    for (key, v) in t {
        let k = key.name;
        match k {
            "decision" => {
                rv.decision_pos = r.pos(start(v));
                rv.decision = r.word(k, v, Verdict::parse, Verdict::NAMES);
            }
            "reason" => rv.reason = r.shared(k, v),
            "reviewer" => rv.reviewer = r.shared(k, v),
            "decided" => rv.decided = r.date(k, v),
            "approved" => rv.approved = r.date(k, v),
            "published" => rv.published = r.date(k, v),
            "revised" => rv.revised = r.date(k, v),
            "override_reason" => rv.override_reason = r.boxed(k, v),
            _ => r.unknown(key, REVIEW_KEYS, "[review] "),
        }
    }
    rv
}

/// Parses a law table file (`laws/*.toml`): any number of `[[law]]` entries.
pub(crate) fn parse_laws(file: &str, text: &str) -> (Vec<Law>, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut laws = Vec::new();
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        for (key, v) in t {
            if key.name == "law" {
                laws.extend(r.each_table("law", v, |r, t, at| law(r, file, t, at)));
            } else {
                r.unknown(key, &["law"], "法律库文件");
            }
        }
    }
    (laws, r.diags)
}

fn law(r: &mut Reader<'_>, file: &str, t: &Table<'_>, at: usize) -> Option<Law> {
    let mut l = Law {
        name: String::new(),
        full_name: None,
        aliases: Vec::new(),
        level: None,
        promulgated: None,
        effective: None,
        repealed: None,
        repealed_undated: false,
        replaced_by: None,
        revised: Vec::new(),
        file: file.to_owned(),
        pos: r.pos(at),
    };
    let mut name = None;
    let mut repealed_at = at;
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => name = r.text(k, v),
            "full_name" => l.full_name = r.text(k, v),
            "aliases" => l.aliases = r.strings(k, v),
            "level" => l.level = r.word(k, v, LawLevel::parse, LawLevel::NAMES),
            "promulgated" => l.promulgated = r.date(k, v),
            "effective" => l.effective = r.date(k, v),
            "repealed" => {
                repealed_at = start(v);
                // `repealed = true`: repealed, date unknown.
                match r.true_or_date(k, v) {
                    Ok(undated) => l.repealed_undated = undated,
                    Err(date) => l.repealed = date,
                }
            }
            "replaced_by" => l.replaced_by = r.text(k, v),
            "revised" => l.revised = r.dates(k, v),
            _ => r.unknown(key, LAW_KEYS, "[[law]] "),
        }
    }
    require(r, "[[law]] ", t, at, &[("name", "name = \"物权法\"")]);
    if let (Some(repealed), Some(took_effect)) = (l.repealed, l.effective.or(l.promulgated))
        && repealed < took_effect
    {
        r.report(
            Code::LawDates,
            repealed_at,
            format!("废止日期 {repealed} 早于施行(或公布)日期 {took_effect}"),
            "核对法律的公布、施行、废止日期",
        );
    }
    l.name = name?;
    l.revised.sort_unstable();
    Some(l)
}

/// Parses `qingli.toml`. Bad parts are reported and replaced by defaults.
pub(crate) fn parse_config(file: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut cfg = Config::default();
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        for (key, v) in t {
            let k = key.name;
            match k {
                "register" => {
                    if let Some(t) = r.table(k, v) {
                        for (key, v) in t {
                            match key.name {
                                "name" => cfg.name = r.text("name", v),
                                _ => r.unknown(key, &["name"], "[register] "),
                            }
                        }
                    }
                }
                "policy" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.policy = policy(&mut r, t);
                    }
                }
                "campaign" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.campaign = Some(campaign(&mut r, t));
                    }
                }
                "check" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.check = check_levels(&mut r, t);
                    }
                }
                "notice" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.notice = notice(&mut r, t);
                    }
                }
                _ => r.unknown(key, &["register", "policy", "campaign", "check", "notice"], "qingli.toml "),
            }
        }
    }
    (cfg, r.diags)
}

/// Reports a 文号 not written in the GB/T 9704 form (`doc-number-brackets`),
/// naming what deviates and the canonical form.
fn doc_number_style(r: &mut Reader<'_>, at: usize, n: &str, prefix: &str, fix: &str) {
    if !docnum::is_standard(n) {
        r.report(
            Code::DocNumberBrackets,
            at,
            format!("{prefix}文号 `{n}` 写法不规范({})", docnum::deviations(n).join("、")),
            format!("按 GB/T 9704 写作 `{}`{fix}", docnum::normalize(n)),
        );
    }
}

/// The keys of `[notice]`.
pub(crate) const NOTICE_KEYS: &[&str] = &["issuer", "doc_number", "recipients", "title", "basis", "date", "disclosure"];

/// `[notice]`: the settings of the 清理结果通知. A 文号 not in the
/// GB/T 9704 form is reported like a document's and used in canonical form.
fn notice(r: &mut Reader<'_>, t: &Table<'_>) -> NoticeConfig {
    let mut n = NoticeConfig::default();
    for (key, v) in t {
        let k = key.name;
        match k {
            "issuer" => n.issuer = r.text(k, v),
            "recipients" => n.recipients = r.text(k, v),
            "title" => n.title = r.text(k, v),
            "basis" => n.basis = r.text(k, v),
            "disclosure" => n.disclosure = r.text(k, v),
            "date" => n.date = r.date(k, v),
            "doc_number" => {
                n.doc_number = r.text(k, v).map(|raw| {
                    doc_number_style(r, start(v), &raw, "[notice] ", "");
                    docnum::normalize(&raw)
                });
            }
            _ => r.unknown(key, NOTICE_KEYS, "[notice] "),
        }
    }
    n
}

/// `[check]`: `deny`, `warn`, `allow` lists of check codes.
fn check_levels(r: &mut Reader<'_>, t: &Table<'_>) -> crate::diag::Levels {
    let mut levels = crate::diag::Levels::default();
    for (key, v) in t {
        let k = key.name;
        let list = match k {
            "deny" => &mut levels.deny,
            "warn" => &mut levels.warn,
            "allow" => &mut levels.allow,
            _ => {
                r.unknown(key, &["deny", "warn", "allow"], "[check] ");
                continue;
            }
        };
        let Some(items) = r.array(k, v) else { continue };
        for item in items {
            let Some(name) = r.string(k, item) else { continue };
            match crate::diag::level_code(&name, k) {
                Ok(code) => list.push(code),
                Err(message) => r.report(Code::BadValue, start(item), message, "改正或删除这个代码"),
            }
        }
    }
    levels
}

/// The keys of `[policy]`.
pub(crate) const POLICY_KEYS: &[&str] = &[
    "validity_max_years",
    "provisional_max_years",
    "default_validity_years",
    "evaluate_before_expiry_months",
    "cleanup_interval_years",
    "filing_days",
    "disclosure_working_days",
    "revision_days",
    "law_change_review_days",
    "extend_to_workday",
    "deadlines_from",
];

fn policy(r: &mut Reader<'_>, t: &Table<'_>) -> Policy {
    let mut p = Policy::default();
    for (key, v) in t {
        let k = key.name;
        let slot = match k {
            "validity_max_years" => &mut p.validity_max_years,
            "provisional_max_years" => &mut p.provisional_max_years,
            "default_validity_years" => &mut p.default_validity_years,
            "evaluate_before_expiry_months" => &mut p.evaluate_before_expiry_months,
            "cleanup_interval_years" => &mut p.cleanup_interval_years,
            "filing_days" => &mut p.filing_days,
            "disclosure_working_days" => &mut p.disclosure_working_days,
            "revision_days" => &mut p.revision_days,
            "law_change_review_days" => &mut p.law_change_review_days,
            "extend_to_workday" => {
                if let Some(b) = r.bool(k, v) {
                    p.extend_to_workday = b;
                }
                continue;
            }
            "deadlines_from" => {
                p.deadlines_from = r.date(k, v);
                continue;
            }
            _ => {
                r.unknown(key, POLICY_KEYS, "[policy] ");
                continue;
            }
        };
        let Some(n) = r.uint(k, v) else { continue };
        // Sane bounds: a typo (50 → 500, days → years) must not silently move every deadline.
        let (lo, hi, unit) = match k {
            "validity_max_years" | "provisional_max_years" => (1, 50, "年"),
            "default_validity_years" | "cleanup_interval_years" => (0, 50, "年"),
            "evaluate_before_expiry_months" => (0, 600, "个月"),
            _ => (0, 3650, "日"),
        };
        if (lo..=hi).contains(&n) {
            *slot = n;
        } else {
            r.report(
                Code::BadValue,
                start(v),
                format!("`{k}` 为 {n}{unit},超出合理范围 {lo}–{hi}{unit}"),
                "核对取值(单位是否写错);超出范围时按默认值计算",
            );
        }
    }
    p
}

fn campaign(r: &mut Reader<'_>, t: &Table<'_>) -> Campaign {
    let mut c = Campaign::default();
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => c.name = r.text(k, v),
            "as_of" => c.as_of = r.date(k, v),
            "made_before" => c.made_before = r.date(k, v),
            "scope" => c.scope = r.each_table(k, v, |r, t, _| Some(scope(r, t))),
            "focus" => c.focus = r.each_table(k, v, focus),
            "phase" => c.phases = r.each_table(k, v, phase),
            _ => r.unknown(key, &["name", "as_of", "made_before", "scope", "focus", "phase"], "[campaign] "),
        }
    }
    c
}

fn scope(r: &mut Reader<'_>, t: &Table<'_>) -> ScopeWindow {
    let mut w = ScopeWindow { kinds: Vec::new(), series: Vec::new(), from: None, to: None };
    for (key, v) in t {
        let k = key.name;
        match k {
            "kinds" => w.kinds = r.strings(k, v),
            "series" => w.series = r.strings(k, v),
            "from" => w.from = r.date(k, v),
            "to" => w.to = r.date(k, v),
            _ => r.unknown(key, &["kinds", "series", "from", "to"], "[[campaign.scope]] "),
        }
    }
    w
}

fn focus(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Focus> {
    let (mut law, mut keywords) = (None, Vec::new());
    for (key, v) in t {
        let k = key.name;
        match k {
            "law" => law = r.text(k, v),
            "keywords" => keywords = r.strings(k, v),
            _ => r.unknown(key, &["law", "keywords"], "[[campaign.focus]] "),
        }
    }
    require(r, "[[campaign.focus]] ", t, at, &[("law", "law = \"物权法\"")]);
    Some(Focus { law: law?, keywords })
}

fn phase(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Phase> {
    let (mut name, mut due, mut after, mut days, mut requires) = (None, None, None, None, None);
    let mut verdicts: Vec<Verdict> = Vec::new();
    let mut verdicts_at = at;
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => name = r.text(k, v),
            "due" => due = r.date(k, v),
            "after" => after = r.word(k, v, ReviewDate::parse, ReviewDate::NAMES),
            "days" => days = r.uint(k, v),
            "requires" => requires = r.word(k, v, ReviewDate::parse, ReviewDate::NAMES),
            "verdicts" => {
                verdicts_at = start(v);
                for item in r.array(k, v).unwrap_or_default() {
                    verdicts.extend(r.word(k, item, Verdict::parse, Verdict::NAMES));
                }
            }
            _ => r.unknown(key, &["name", "due", "after", "days", "requires", "verdicts"], "[[campaign.phase]] "),
        }
    }
    let named = name.as_deref().map_or_else(|| "清理阶段".to_owned(), |n| format!("清理阶段「{n}」"));
    require(r, &named, t, at, &[("name", "name = \"上报清理意见\""), ("requires", "requires = \"decided\"")]);
    let due = match (due, after, days) {
        (Some(d), None, None) => PhaseDue::Absolute(d),
        (None, Some(key), Some(days)) => PhaseDue::After { key, days },
        _ => {
            let has_due = table_has(t, "due");
            let has_rel = table_has(t, "after") || table_has(t, "days");
            let complete_rel = table_has(t, "after") && table_has(t, "days");
            // A key that is present but failed to parse was reported already.
            let msg = if has_due && has_rel {
                Some(format!("{named}不能同时写 `due` 和 `after`/`days`"))
            } else if !has_due && !complete_rel {
                Some(format!("{named}须有 `due`(固定日期),或 `after` 加 `days`(相对期限)"))
            } else {
                None
            };
            if let Some(msg) = msg {
                r.report(Code::PhaseNoDeadline, at, msg, "例如 due = 2007-08-31,或 after = \"approved\" 与 days = 20");
            }
            return None;
        }
    };
    // 修改完成 (`revised`) concerns only the documents being amended.
    if requires == Some(ReviewDate::Revised) && (verdicts.is_empty() || verdicts.iter().any(|v| *v != Verdict::Amend)) {
        r.report(
            Code::PhaseVerdicts,
            verdicts_at,
            format!("{named}要求填写 revised(修改完成日期),只适用于清理意见为修改的文件"),
            "加上 verdicts = [\"修改\"],否则保留、废止的文件也会出现这一期限",
        );
    }
    Some(Phase { name: name?, due, requires: requires?, verdicts })
}

/// Parses a calendar file (`calendar/<year>.toml` or a built-in one).
pub(crate) fn parse_calendar(file: &str, text: &str) -> (Option<CalendarYear>, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut out = None;
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        let mut cal = CalendarYear { year: 0, holidays: Vec::new(), workdays: Vec::new() };
        let mut year = None;
        for (key, v) in t {
            let k = key.name;
            match k {
                "year" => {
                    year = r.uint(k, v).and_then(|y| i32::try_from(y).ok());
                    if let Some(y) = year
                        && let Some(stem) = file.rsplit('/').next().and_then(|n| n.strip_suffix(".toml"))
                        && stem.parse::<i32>().is_ok_and(|s| s != y)
                    {
                        r.report(
                            Code::CalendarYear,
                            start(v),
                            format!("日历文件 `{stem}.toml` 中 year = {y},与文件名不符"),
                            "文件名须为年份,例如 calendar/2027.toml 中写 year = 2027",
                        );
                    }
                }
                "holidays" => cal.holidays = r.dates(k, v),
                "workdays" => cal.workdays = r.dates(k, v),
                _ => r.unknown(key, &["year", "holidays", "workdays"], "日历文件"),
            }
        }
        if let Some(y) = year {
            cal.year = y;
            out = Some(cal);
        } else if !table_has(t, "year") {
            r.missing("", "year", 0, "year = 2027");
        }
    }
    (out, r.diags)
}

#[cfg(test)]
mod tests {
    use super::*;

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

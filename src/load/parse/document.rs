//! A document record (`documents/**/*.toml`): its keys, `[[finding]]`,
//! `[[event]]` and `[review]`, and what can still be read of a broken one.

use toml_spanner::{Arena, Table};

use crate::diag::{Code, Diagnostic};
use crate::load::intern::{Interner, Shared};
use crate::load::model::{
    Disclosure, DocPositions, Document, Event, EventType, Finding, FindingScope, FindingType, Review, Verdict,
};
use crate::load::read::{Reader, start};
use crate::pos::Pos;

use super::{doc_number_style, parse_toml, require, table_has};

/// The keys of a document record, in the canonical order of the spec.
pub(crate) const DOC_KEYS: &[&str] = &[
    "title",
    "issuer",
    "issued",
    "promulgated",
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

/// Parses one document record. `path` is its path relative to the
/// register root (its stem is the id), `file` the path shown in diagnostics.
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
    promulgated: Option<chrono::NaiveDate>,
    promulgated_at: usize,
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
            "promulgated" => (f.promulgated, f.promulgated_at) = (r.date(k, v), at),
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
                    f.review = Some(review(r, t, key.span.start as usize));
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
    if let Some(p) = f.promulgated
        && p < issued
    {
        r.report(
            Code::PromulgatedBeforeIssued,
            f.promulgated_at,
            format!("公布日期 {p} 早于成文日期 {issued}"),
            "核对原件:issued 是成文(印发)日期,promulgated 是公布日期,公布不会早于成文",
        );
    }
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
        promulgated: f.promulgated.filter(|p| *p != issued),
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

fn review(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Review {
    let mut rv = Review::default();
    let mut decision_key = false;
    for (key, v) in t {
        decision_key |= key.name == "decision";
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
            // A document key below `[review]`: an uncommented template line.
            _ if DOC_KEYS.contains(&k) => r.report(
                Code::UnknownKey,
                key.span.start as usize,
                format!("`{k}` 是文件记录的字段,写在了 [review] 之内"),
                "把这一行移到 [review] 之上(文件开头的字段部分);写在 [review] 下面的行都属于 [review]",
            ),
            _ => r.unknown(key, REVIEW_KEYS, "[review] "),
        }
    }
    let something = rv.reason.is_some()
        || rv.reviewer.is_some()
        || rv.decided.is_some()
        || rv.approved.is_some()
        || rv.published.is_some()
        || rv.revised.is_some()
        || rv.override_reason.is_some();
    if something && !decision_key {
        r.report(
            Code::ReviewWithoutDecision,
            at,
            "[review] 中有理由、审核人或日期,却没有清理意见 `decision`".to_owned(),
            "补上 decision = \"保留\"(或 修改、废止、失效);这些内容若属于另一件文件,移到那件文件中",
        );
    }
    rv
}

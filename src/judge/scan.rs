//! What a document's text says, set against its record, for `qingli scan`,
//! `check` and `review --explain`. Pure: a register, a record and its text
//! in; items, what `--apply` may fill in, and warnings out. It suggests and
//! warns; it never decides a verdict.
//!
//! The text's readings come from `text::clauses`; here each cited name is
//! resolved through the law table (every form `laws` resolves), each
//! repealed document found in the register by 文号 or title, and each
//! reading compared with the record: a basis law the record lacks
//! (`basis-not-recorded`), a 施行 or 有效期 date that differs from the
//! record's (`text-date-differs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{Code, Diagnostic};
use crate::load::model::{Document, Law};
use crate::load::register::Register;
use crate::pos::Pos;
use crate::text::clauses::{self, Effective, Validity};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    Basis,
    Effective,
    Expires,
    Provisional,
    Supersedes,
    ReviewPoint,
    UnresolvedLaw,
}

impl Kind {
    /// The kind as a clerk reads it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Basis => "依据",
            Kind::Effective => "施行日期",
            Kind::Expires => "有效期至",
            Kind::Provisional => "暂行/试行",
            Kind::Supersedes => "同时废止",
            Kind::ReviewPoint => "审查要点",
            Kind::UnresolvedLaw => "法律库中没有",
        }
    }
}

/// One thing the text says, with where it says it and what the record holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Item {
    pub id: String,
    pub kind: Kind,
    /// A law's name in the table, a date, `true`, a record's id, what a
    /// review point sets, or a name as cited.
    pub value: String,
    pub sentence: String,
    pub article: Option<String>,
    /// The line of the sentence in the text file.
    pub line: u32,
    /// What the record holds for it (its default included), if anything.
    pub recorded: Option<String>,
}

/// What `--apply` may write into a record: the text's values the record
/// does not hold (`basis` only when it has none); the writer adds a key
/// only when the file lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fill {
    pub basis: Vec<String>,
    pub effective: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub provisional: bool,
}

impl Fill {
    pub(crate) fn is_empty(&self) -> bool {
        self == &Fill::default()
    }
}

/// One text's scan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub items: Vec<Item>,
    pub fill: Fill,
    pub warnings: Vec<Diagnostic>,
    /// Whether the text has a basis clause.
    pub clause: bool,
}

/// Scans texts against one register; its titles are indexed once, when a
/// 同时废止 sentence first needs them.
pub(crate) struct Scanner<'r> {
    reg: &'r Register,
    titles: OnceLock<HashMap<String, Vec<usize>>>,
}

/// A title compared without whitespace and brackets.
fn title_key(t: &str) -> String {
    crate::text::squeeze(t).chars().filter(|c| !matches!(c, '《' | '》' | '〈' | '〉')).collect()
}

impl<'r> Scanner<'r> {
    pub(crate) fn new(reg: &'r Register) -> Self {
        Scanner { reg, titles: OnceLock::new() }
    }

    fn titles(&self) -> &HashMap<String, Vec<usize>> {
        self.titles.get_or_init(|| {
            let mut titles: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, d) in self.reg.documents.iter().enumerate() {
                titles.entry(title_key(&d.title)).or_default().push(i);
            }
            titles
        })
    }

    fn law(&self, name: &str) -> Option<&'r Law> {
        self.reg.laws.get(&format!("《{name}》"))
    }

    /// The register document a 同时废止 sentence names: by 文号, else by title.
    fn named(&self, n: &clauses::Named, not: usize) -> Option<usize> {
        let by_number = n.number.as_deref().map(|k| self.reg.by_number(k)).unwrap_or_default();
        let found = if by_number.is_empty() {
            n.title.as_deref().and_then(|t| self.titles().get(&title_key(t))).cloned().unwrap_or_default()
        } else {
            by_number
        };
        match found.iter().filter(|&&i| i != not).collect::<Vec<_>>()[..] {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The laws an unbracketed span names: itself when it is one law, else
    /// its parts at 、, each itself or cut again at 和/及
    /// (`宪法、地方各级人民代表大会和地方各级人民政府组织法`).
    fn plain_names(&self, span: &str) -> Vec<String> {
        if self.law(span).is_some() {
            return vec![span.to_owned()];
        }
        span.split('、')
            .flat_map(|p| if self.law(p).is_some() { vec![p.to_owned()] } else { clauses::split_plain(p) })
            .collect()
    }

    /// What `check` warns of in document `i`'s text: its basis clause and
    /// dates against the record (the text read only that deep).
    pub(crate) fn check(&self, i: usize, rel: &str, text: &str) -> Vec<Diagnostic> {
        let doc = &self.reg.documents[i];
        let r = clauses::read_to(text, clauses::Depth::Facts);
        let one = One { i, doc, own_title: String::new(), r, text, rel };
        let mut scan = Scan::default();
        self.basis(&one, &mut scan);
        dates(&one, &mut scan);
        scan.warnings
    }

    /// Reads document `i`'s text (`rel` is the text's display path).
    pub(crate) fn scan(&self, i: usize, rel: &str, text: &str) -> Scan {
        let doc = &self.reg.documents[i];
        let one = One { i, doc, own_title: title_key(&doc.title), r: clauses::read(text), text, rel };
        let mut scan = Scan::default();
        self.basis(&one, &mut scan);
        dates(&one, &mut scan);
        self.repeals(&one, &mut scan);
        // Then the points to review, in the text's order.
        let points = scan.items.len();
        self.mentions(&one, &mut scan);
        for (at, what) in &one.r.points {
            scan.items.push(one.item(Kind::ReviewPoint, what.join("、"), *at, None));
        }
        scan.items[points..].sort_by_key(|i| i.line);
        scan
    }

    /// The basis clause: each law resolved, or listed as not in the table.
    fn basis(&self, one: &One<'_>, scan: &mut Scan) {
        let (doc, r) = (one.doc, &one.r);
        let Some(b) = &r.basis else { return };
        let at = b.at;
        scan.clause = true;
        // An unbracketed span is one law, or a list of them.
        let names: Vec<String> =
            if b.plain { b.names.iter().flat_map(|n| self.plain_names(n)).collect() } else { b.names.clone() };
        let mut missing = Vec::new();
        for name in &names {
            match self.law(name) {
                Some(law) => {
                    let recorded =
                        doc.basis.iter().find(|b| self.reg.laws.get(b).is_some_and(|l| std::ptr::eq(l, law)));
                    if recorded.is_none() && !missing.contains(&law.name) {
                        missing.push(law.name.clone());
                    }
                    scan.items.push(one.item(Kind::Basis, law.name.clone(), at, recorded.map(ToString::to_string)));
                }
                None => scan.items.push(one.item(Kind::UnresolvedLaw, name.clone(), at, None)),
            }
        }
        if missing.is_empty() {
            return;
        }
        let laws: Vec<String> = missing.iter().map(|n| format!("《{n}》")).collect();
        scan.warnings.push(one.warn(
            Code::BasisNotRecorded,
            at,
            format!("依据条款引用{},记录 `{}` 的 basis 中没有:「{}」", laws.join("、"), doc.path, r.sentences[at].text),
            "把这些法律加入记录的 basis(没有 basis 的记录可用 qingli scan --apply 写入),法律变动时 laws impact 才能找到它",
        ));
        if doc.basis.is_empty() {
            scan.fill.basis = missing;
        }
    }

    /// Laws named elsewhere: review points, or names the table lacks.
    fn mentions(&self, one: &One<'_>, scan: &mut Scan) {
        for (at, name) in &one.r.mentions {
            if title_key(name) == one.own_title {
                continue;
            }
            match self.law(name) {
                Some(law) => scan.items.push(one.item(Kind::ReviewPoint, format!("《{}》", law.name), *at, None)),
                None if name.ends_with('法') || name.ends_with("条例") => {
                    scan.items.push(one.item(Kind::UnresolvedLaw, name.clone(), *at, None));
                }
                None => {}
            }
        }
    }

    /// Documents of the register repealed along with this one.
    fn repeals(&self, one: &One<'_>, scan: &mut Scan) {
        for (at, n) in &one.r.supersedes {
            if n.title.as_deref().is_some_and(|t| title_key(t) == one.own_title) && n.number.is_none() {
                continue;
            }
            if let Some(j) = self.named(n, one.i) {
                let other = &self.reg.documents[j];
                let recorded = other.superseded_by.as_deref().map(str::to_owned);
                scan.items.push(one.item(Kind::Supersedes, other.id().to_owned(), *at, recorded));
            }
        }
    }
}

/// One text being scanned, with its record.
struct One<'a> {
    i: usize,
    doc: &'a Document,
    /// The document's title as compared ([`title_key`]).
    own_title: String,
    r: clauses::Reading<'a>,
    text: &'a str,
    rel: &'a str,
}

impl One<'_> {
    fn item(&self, kind: Kind, value: String, at: usize, recorded: Option<String>) -> Item {
        let s = &self.r.sentences[at];
        Item {
            id: self.doc.id().to_owned(),
            kind,
            value,
            sentence: s.text.to_owned(),
            article: s.article.map(str::to_owned),
            line: s.line,
            recorded,
        }
    }

    fn warn(&self, code: Code, at: usize, message: String, hint: &'static str) -> Diagnostic {
        // The column counted within the sentence's own line: a position
        // counted from the start of the text made a long text quadratic.
        let s = &self.r.sentences[at];
        let line_start = self.text[..s.start].rfind('\n').map_or(0, |n| n + 1);
        let col = u32::try_from(self.text[line_start..s.start].chars().count() + 1).unwrap_or(u32::MAX);
        Diagnostic::new(code, self.rel, Pos { line: s.line, col }, message, hint)
    }
}

/// The document's own dates: 施行, 有效期, 试行.
fn dates(one: &One<'_>, scan: &mut Scan) {
    let (doc, r) = (one.doc, &one.r);
    let effective = r.effective.map(|(at, e)| {
        let date = match e {
            Effective::On(d) => d,
            Effective::Issued => doc.issued,
            Effective::Promulgated => doc.promulgated.unwrap_or(doc.issued),
        };
        (at, date)
    });
    if let Some((at, date)) = effective {
        scan.items.push(one.item(Kind::Effective, date.to_string(), at, Some(doc.effective.to_string())));
        if date != doc.effective {
            scan.warnings.push(one.warn(
                Code::TextDateDiffers,
                at,
                format!(
                    "文本的施行日期是 {date},记录 `{}` 的施行日期是 {}{}",
                    doc.path,
                    doc.effective,
                    if doc.effective == doc.issued { "(未写 effective 时即印发日期)" } else { "" }
                ),
                "核对原件;记录未写 effective 时按印发日期计算,可用 qingli scan --apply 写入",
            ));
            scan.fill.effective = Some(date);
        }
    }
    if let Some((at, v)) = r.validity {
        let start = effective.map_or(doc.effective, |(_, d)| d);
        let date = match v {
            Validity::Until(d) => d,
            Validity::Years(n) => crate::dates::period_end(start, i64::from(n)),
        };
        let recorded = doc.expires.map(|d| d.to_string());
        scan.items.push(one.item(Kind::Expires, date.to_string(), at, recorded.clone()));
        if doc.expires != Some(date) {
            let shown = recorded.map_or_else(|| "未写有效期(expires)".to_owned(), |d| format!("有效期至 {d}"));
            scan.warnings.push(one.warn(
                Code::TextDateDiffers,
                at,
                format!("文本的有效期至 {date},记录 `{}` {shown}", doc.path),
                "核对原件;记录没有 expires 时可用 qingli scan --apply 写入",
            ));
            if doc.expires.is_none() {
                scan.fill.expires = Some(date);
            }
        }
    }
    if let Some(at) = r.provisional {
        scan.items.push(one.item(Kind::Provisional, "true".to_owned(), at, Some(doc.provisional.to_string())));
        scan.fill.provisional = !doc.provisional;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::register::Register;

    fn reg() -> Register {
        let (laws, _) = crate::load::parse::parse_laws(
            "laws/l.toml",
            "[[law]]\nname = \"物权法\"\nfull_name = \"中华人民共和国物权法\"\n\n[[law]]\nname = \"行政处罚法\"\nfull_name = \"中华人民共和国行政处罚法\"\n",
        );
        let doc = |id: &str, body: &str| {
            crate::load::parse::parse_document(&format!("documents/{id}.toml"), id, body).0.unwrap()
        };
        Register::from_parts(
            crate::load::model::Config::default(),
            vec![
                doc("a", "title = \"永嘉县河道采砂管理办法\"\nissuer = \"县政府\"\nissued = 2010-12-01\n"),
                doc(
                    "old",
                    "title = \"永嘉县采砂管理暂行规定\"\nissuer = \"县政府\"\nissued = 2005-01-01\ndoc_number = \"永政发〔2005〕12号\"\n",
                ),
            ],
            laws,
        )
    }

    #[test]
    fn a_text_against_its_record() {
        let reg = reg();
        let a = reg.find("a")[0];
        let text = "永嘉县河道采砂管理办法\n\n第一条 根据《中华人民共和国物权法》和《浙江省河道管理条例》，制定本办法。\n\n第二条 违反的，依照《行政处罚法》处以罚款。\n\n第三条 本办法自2011年1月1日起施行，有效期5年。《永嘉县采砂管理暂行规定》（永政发〔2005〕12号）同时废止。\n";
        let s = Scanner::new(&reg).scan(a, "documents/a.txt", text);
        let got: Vec<(Kind, &str, Option<&str>)> =
            s.items.iter().map(|i| (i.kind, i.value.as_str(), i.article.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Kind::Basis, "物权法", Some("第一条")),
                (Kind::UnresolvedLaw, "浙江省河道管理条例", Some("第一条")),
                (Kind::Effective, "2011-01-01", Some("第三条")),
                (Kind::Expires, "2015-12-31", Some("第三条")),
                (Kind::Supersedes, "old", Some("第三条")),
                (Kind::ReviewPoint, "《行政处罚法》", Some("第二条")),
                (Kind::ReviewPoint, "罚款", Some("第二条")),
            ]
        );
        assert_eq!(s.items[2].line, 7);
        assert_eq!(
            s.fill,
            Fill {
                basis: vec!["物权法".into()],
                effective: Some("2011-01-01".parse().unwrap()),
                expires: Some("2015-12-31".parse().unwrap()),
                provisional: false,
            }
        );
        let codes: Vec<&str> = s.warnings.iter().map(|w| w.code.name()).collect();
        assert_eq!(codes, ["basis-not-recorded", "text-date-differs", "text-date-differs"]);
        assert_eq!(s.warnings[0].line, 3);
    }

    #[test]
    fn an_unbracketed_list_is_cut_only_where_no_law_is_whole() {
        let (laws, _) = crate::load::parse::parse_laws(
            "laws/l.toml",
            "[[law]]\nname = \"宪法\"\n\n[[law]]\nname = \"地方各级人民代表大会和地方各级人民政府组织法\"\n",
        );
        let reg = Register::from_parts(crate::load::model::Config::default(), vec![], laws);
        let s = Scanner::new(&reg);
        assert_eq!(
            s.plain_names("宪法、地方各级人民代表大会和地方各级人民政府组织法"),
            ["宪法", "地方各级人民代表大会和地方各级人民政府组织法"]
        );
        assert_eq!(s.plain_names("宪法和森林法"), ["宪法", "森林法"]);
    }
}

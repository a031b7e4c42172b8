//! The published website (`qingli site`): every page rendered from the
//! templates in `templates/site/` with minijinja (HTML auto-escaping of every
//! value), charts as inline SVG (`stats`). A document's page shows its text when it
//! may be published (`text`); the search data are scripts of their own
//! (JSON escaped for `<script>`), split so a search loads only what it
//! needs (`search`). Produces (relative path, bytes); never writes files,
//! and reads texts only through the function the command hands it.

mod search;
mod stats;
mod text;

use std::borrow::Cow;
use std::sync::Mutex;

use chrono::NaiveDate;
use minijinja::value::Serde;
use minijinja::{Environment, Value};
use serde::Serialize;

use crate::judge::catalog::{ANNEXES, Catalog, Entry};
use crate::judge::publish::{self, Group, Link, Published};
use crate::judge::rules::Fired;
use crate::load::register::Register;
use crate::load::texts::TextOf;
use crate::render::catalog::{annex_title, counts, counts_sentence, not_listed_sentence, reason_cell, scope_phrase};

/// Rows per page of the 现行有效目录; search on the first page covers all.
pub(crate) const PAGE_ROWS: usize = 1_000;

/// The stylesheet and the search script, embedded in the binary.
pub(crate) const ASSETS: [(&str, &str); 2] = [
    ("assets/site.css", include_str!("../../templates/site/site.css")),
    ("assets/search.js", include_str!("../../templates/site/search.js")),
];

pub(crate) use search::Index;

/// One file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    /// Page `n` (0-based) of the 现行有效目录.
    Index(usize),
    /// A document's page, by index into the register.
    Document(usize),
    /// 清理结果.html (with the first page of each annex).
    Result,
    /// Page `n` (1-based, ≥ 1) of annex `k` of [`ANNEXES`] past the first,
    /// which is on 清理结果.html.
    Annex(usize, usize),
    /// 统计.html.
    Stats,
    /// A stylesheet or script.
    Asset(usize),
    /// Chunk `n` of the search's catalogue rows.
    Rows(usize),
    /// Shard `n` of the titles' index.
    MetaIndex(usize),
    /// Shard `n` of the texts' index.
    TextIndex(usize),
    /// The filters' values of every row.
    Facets,
    /// The sentences of the `n`th document with a text in the index.
    Sentences(usize),
}

/// Everything the pages are made from.
pub(crate) struct Site<'a> {
    pub reg: &'a Register,
    /// The rules, run again for each document page: a province register's
    /// evaluations are never all held.
    pub rules: crate::judge::rules::Env<'a>,
    pub published: &'a Published,
    pub cat: &'a Catalog<'a>,
    pub as_of: NaiveDate,
    pub title: String,
    pub base_url: Option<String>,
    /// Catalogue files present beside the site, linked from 清理结果.html.
    pub downloads: Vec<String>,
    /// Due dates of open deadline items (overdue ones included).
    pub due: Vec<NaiveDate>,
    /// Why the site is a draft (a banner on every page), when it is one.
    pub draft: Option<String>,
    /// The search box's example, from the register's own titles and 文号.
    placeholder: String,
    /// Indices of the documents in force, in report order.
    pub in_force: Vec<usize>,
    /// A document's text, by its index (`TextOf::None` for one that has
    /// none or may not be published): read by the command, not here.
    texts: &'a (dyn Fn(usize) -> TextOf + Sync),
    /// The search data, built by [`Index::build`] once the site is made.
    pub search: Index,
    /// Documents whose text could not be read, found while rendering.
    unreadable: Mutex<Vec<usize>>,
    /// The entries of each annex of [`ANNEXES`], listed once: each annex
    /// page takes its thousand rows from here (filtering the whole
    /// catalogue per page made a province site quadratic).
    annexes: Vec<Vec<&'a Entry<'a>>>,
    env: Environment<'static>,
}

/// HTML text and attribute values: `& < > " '` escaped. (minijinja also
/// escapes `/`, which is safe but turns every link into `..&#x2f;index.html`.)
fn html_escape(out: &mut minijinja::Output, s: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if super::is_hidden(c) && c != '\r' => "\u{FFFD}",
            _ => continue,
        };
        out.write_str(&s[last..i])?;
        out.write_str(rep)?;
        last = i + c.len_utf8();
    }
    out.write_str(&s[last..])
}

fn env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_formatter(|out, state, value| {
        if matches!(state.auto_escape(), minijinja::AutoEscape::Html)
            && !value.is_safe()
            && let Some(s) = value.as_str()
        {
            return html_escape(out, s).map_err(|_| minijinja::Error::from(minijinja::ErrorKind::WriteFailure));
        }
        minijinja::escape_formatter(out, state, value)
    });
    for (name, source) in [
        ("base.html", include_str!("../../templates/site/base.html")),
        ("index.html", include_str!("../../templates/site/index.html")),
        ("document.html", include_str!("../../templates/site/document.html")),
        ("result.html", include_str!("../../templates/site/result.html")),
        ("annex.html", include_str!("../../templates/site/annex.html")),
        ("annex_table.html", include_str!("../../templates/site/annex_table.html")),
        ("stats.html", include_str!("../../templates/site/stats.html")),
    ] {
        // The templates are part of the binary; a broken one fails the tests.
        env.add_template(name, source).expect("site template");
    }
    env
}

/// JSON for a `<script type="application/json">` block: nothing in it can
/// end the element or open a comment (`<`, `>`, `&` and the line separators
/// are written as `\u` escapes, which JSON reads back unchanged).
pub(crate) fn script_json<T: Serialize>(value: &T) -> String {
    let mut out = ScriptSafe(Vec::new());
    if serde_json::to_writer(&mut out, value).is_err() {
        return "[]".to_owned();
    }
    // Only whole UTF-8 text from serde_json went in, escaped by ASCII.
    String::from_utf8(out.0).unwrap_or_else(|_| "[]".to_owned())
}

/// A writer that escapes JSON for a `<script>` block as `serde_json` writes it
/// (no second copy of a province's search data). `serde_json` writes whole
/// characters in each call, so a line separator is never split.
struct ScriptSafe(Vec<u8>);

impl std::io::Write for ScriptSafe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
            self.0.extend_from_slice(&rest[..at]);
            let (escape, len): (&[u8], usize) = match rest[at..] {
                [b'<', ..] => (b"\\u003c", 1),
                [b'>', ..] => (b"\\u003e", 1),
                [b'&', ..] => (b"\\u0026", 1),
                [0xE2, 0x80, 0xA8, ..] => (b"\\u2028", 3),
                [0xE2, 0x80, 0xA9, ..] => (b"\\u2029", 3),
                _ => (&rest[at..=at], 1),
            };
            self.0.extend_from_slice(escape);
            rest = &rest[at + len..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Serialize)]
struct IndexRow<'a> {
    n: usize,
    href: String,
    title: &'a str,
    doc_number: String,
    issuer: String,
    issued: String,
    expires: String,
    status: &'static str,
}

#[derive(Serialize)]
struct PageLink {
    n: usize,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct LinkCtx {
    href: Option<String>,
    label: String,
}

#[derive(Serialize)]
struct EventCtx {
    date: NaiveDate,
    kind: &'static str,
    law: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct DocCtx<'a> {
    title: &'a str,
    doc_number: String,
    issuers: String,
    kind: &'a str,
    issued: NaiveDate,
    promulgated: Option<NaiveDate>,
    effective: NaiveDate,
    expires: Option<NaiveDate>,
    disclosure: Option<&'static str>,
    unit: &'a str,
    basis: &'a [crate::load::intern::Shared],
    status: &'static str,
    group_class: &'static str,
    reason: &'a str,
    replaced_by: Option<LinkCtx>,
    replaces: Vec<LinkCtx>,
    rules: &'a [Fired],
    advice: &'a [Fired],
    history: Vec<EventCtx>,
}

#[derive(Serialize)]
struct AnnexRow<'a> {
    n: usize,
    href: String,
    title: &'a str,
    doc_number: &'a str,
    issuers: &'a str,
    issued: NaiveDate,
    verdict: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct Annex<'a> {
    /// 1-based, for anchors.
    k: usize,
    label: &'static str,
    title: String,
    /// Whether the table has a 清理意见 column (附件1's would say 保留 on every row).
    with_verdict: bool,
    /// Rows in the whole annex.
    total: usize,
    /// This page's rows.
    rows: Vec<AnnexRow<'a>>,
    first: usize,
    last: usize,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct Download {
    href: String,
    name: String,
}

fn group_class(g: Group) -> &'static str {
    match g {
        Group::InForce => "in-force",
        Group::ToAmend => "to-amend",
        Group::Repealed => "repealed",
        Group::Expired => "expired",
        Group::NotYet => "not-yet",
    }
}

impl<'a> Site<'a> {
    /// Prepares the site; `in_force` is derived from the entries.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        reg: &'a Register,
        published: &'a Published,
        cat: &'a Catalog<'a>,
        as_of: NaiveDate,
        title: String,
        base_url: Option<String>,
        due: Vec<NaiveDate>,
        texts: &'a (dyn Fn(usize) -> TextOf + Sync),
    ) -> Self {
        let in_force: Vec<usize> =
            published.entries.iter().enumerate().filter(|(_, e)| e.group.in_force()).map(|(i, _)| i).collect();
        let rules = crate::judge::rules::Env::new(reg, as_of);
        let annexes = ANNEXES.iter().map(|(v, _, _)| cat.annex(*v)).collect();
        Site {
            reg,
            rules,
            published,
            cat,
            as_of,
            title,
            base_url,
            downloads: Vec::new(),
            due,
            draft: None,
            placeholder: search::placeholder(reg, &in_force),
            in_force,
            texts,
            search: Index::default(),
            unreadable: Mutex::new(Vec::new()),
            annexes,
            env: env(),
        }
    }

    /// The documents whose text could not be read (not UTF-8, no
    /// permission), met while rendering: their pages say no text is given.
    pub(crate) fn unreadable(&self) -> Vec<usize> {
        let mut v = self.unreadable.lock().map(|v| v.clone()).unwrap_or_default();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Every page, in a fixed order: the search indexes' shards first (their
    /// postings are released once written, `cmd::site`).
    pub(crate) fn pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = (0..self.search.shards[0]).map(Page::MetaIndex).collect();
        pages.extend((0..self.search.shards[1]).map(Page::TextIndex));
        let index_pages = self.in_force.len().div_ceil(PAGE_ROWS).max(1);
        pages.extend((0..index_pages).map(Page::Index));
        pages.push(Page::Result);
        for (k, annex) in self.annexes.iter().enumerate() {
            let n = annex.len().div_ceil(PAGE_ROWS);
            pages.extend((1..n).map(|p| Page::Annex(k, p)));
        }
        pages.push(Page::Stats);
        pages.extend((0..ASSETS.len()).map(Page::Asset));
        pages.extend((0..self.in_force.len().div_ceil(search::ROWS)).map(Page::Rows));
        pages.push(Page::Facets);
        pages.extend((0..self.search.with_text.len()).map(Page::Sentences));
        pages.extend((0..self.reg.documents.len()).map(Page::Document));
        pages
    }

    /// The path of a page, relative to the site root (borrowed where it is
    /// kept already: a province site has a million pages).
    pub(crate) fn path(&self, page: Page) -> Cow<'_, str> {
        match page {
            Page::Index(0) => Cow::Borrowed("index.html"),
            Page::Index(n) => Cow::Owned(format!("index-{}.html", n + 1)),
            Page::Document(i) => Cow::Borrowed(&self.published.entries[i].page),
            Page::Result => Cow::Borrowed("清理结果.html"),
            Page::Annex(k, n) => Cow::Owned(format!("清理结果-{}-{}.html", ANNEXES[k].2, n + 1)),
            Page::Stats => Cow::Borrowed("统计.html"),
            Page::Asset(k) => Cow::Borrowed(ASSETS[k].0),
            Page::Rows(n) => Cow::Owned(format!("{}/rows-{n}.js", search::DIR)),
            Page::MetaIndex(n) => Cow::Owned(format!("{}/m-{n}.js", search::DIR)),
            Page::TextIndex(n) => Cow::Owned(format!("{}/t-{n}.js", search::DIR)),
            Page::Facets => Cow::Owned(format!("{}/facets.js", search::DIR)),
            Page::Sentences(n) => {
                Cow::Owned(search::text_path(&self.published.entries[self.in_force[self.search.with_text[n]]].page))
            }
        }
    }

    /// The page's bytes.
    pub(crate) fn render(&self, page: Page) -> Result<Vec<u8>, minijinja::Error> {
        let html = match page {
            Page::Index(n) => self.index(n)?,
            Page::Document(i) => self.document(i)?,
            Page::Result => self.result()?,
            Page::Annex(k, n) => self.annex_page(k, n)?,
            Page::Stats => self.stats()?,
            Page::Asset(k) => return Ok(ASSETS[k].1.as_bytes().to_vec()),
            Page::Rows(n) => search::rows_script(self, n),
            Page::MetaIndex(n) => self.shard(0, n)?,
            Page::TextIndex(n) => self.shard(1, n)?,
            Page::Facets => search::facets_script(self),
            Page::Sentences(n) => self.sentences(n),
        };
        Ok(html.into_bytes())
    }

    fn base(&self, page: Page, page_title: &str, nav: &str) -> Value {
        let path = self.path(page);
        let root = "../".repeat(path.matches('/').count());
        // Listed in full on the front page and 清理结果, counted elsewhere:
        // a draft with thousands of broken records has a million pages.
        let full = matches!(page, Page::Index(0) | Page::Result);
        let excluded: Vec<String> =
            if full { self.reg.excluded.iter().map(crate::render::excluded::label).collect() } else { Vec::new() };
        let excluded_elsewhere = if full { 0 } else { self.reg.excluded.len() };
        minijinja::context! {
            root, nav, page_title, excluded, excluded_elsewhere,
            draft => &self.draft,
            site_title => &self.title,
            as_of => self.as_of.to_string(),
            canonical => self.base_url.as_ref().map(|b| format!("{}/{}", b.trim_end_matches('/'), path)),
        }
    }

    /// An href from a page at `from` to document `i`.
    fn href(&self, from_root: bool, i: usize) -> String {
        let page = &self.published.entries[i].page;
        if from_root { page.to_string() } else { format!("../{}", page.trim_start_matches("docs/")) }
    }

    fn index(&self, n: usize) -> Result<String, minijinja::Error> {
        let total = self.in_force.len();
        let pages = total.div_ceil(PAGE_ROWS).max(1);
        let start = n * PAGE_ROWS;
        let rows: Vec<IndexRow<'_>> = self.in_force[start..(start + PAGE_ROWS).min(total)]
            .iter()
            .enumerate()
            .map(|(k, &i)| self.index_row(start + k + 1, i))
            .collect();
        let links: Vec<PageLink> = (0..pages)
            .map(|p| PageLink { n: p + 1, href: self.path(Page::Index(p)).into_owned(), current: p == n })
            .collect();
        let searchable = n == 0;
        let filters = if searchable { self.search_filters() } else { Value::UNDEFINED };
        let ctx = minijinja::context! {
            ..self.base(Page::Index(n), "现行有效的行政规范性文件目录", "index"),
            ..minijinja::context! {
                total, searchable, filters,
                placeholder => &self.placeholder,
                shards => self.search.shards,
                chunk => search::ROWS,
                texts => self.search.with_text.len(),
                rows => Value::from(Serde(&rows)),
                pages => Value::from(Serde(&links)),
                first => start + 1, last => (start + PAGE_ROWS).min(total),
            }
        };
        self.env.get_template("index.html")?.render(ctx)
    }

    fn index_row(&self, n: usize, i: usize) -> IndexRow<'_> {
        let d = &self.reg.documents[i];
        IndexRow {
            n,
            href: self.href(true, i),
            title: &d.title,
            doc_number: self.reg.documents[i].shown_doc_number().into_owned(),
            issuer: self.reg.documents[i].issuers().into_owned(),
            issued: d.promulgated().to_string(),
            expires: d.expires.map(|x| x.to_string()).unwrap_or_default(),
            status: self.published.entries[i].group.as_str(),
        }
    }

    /// The search filters' choices.
    fn search_filters(&self) -> Value {
        let search::Choices { issuers, units, years, statuses } = search::choices(self);
        minijinja::context! {
            issuers => issuers.into_iter().map(str::to_owned).collect::<Vec<_>>(),
            units => units.into_iter().map(str::to_owned).collect::<Vec<_>>(),
            years => years.into_iter().rev().collect::<Vec<_>>(),
            statuses => statuses.into_iter().map(Group::as_str).collect::<Vec<_>>(),
        }
    }

    /// One search row: page, title, 文号, 制定机关, 发布日期, 有效期至, 状态, 责任单位.
    fn search_row(&self, i: usize) -> [String; 8] {
        let r = self.index_row(0, i);
        // Shown through the page's script: control and bidi characters made
        // visible, as the pages' own text is.
        let shown = |s: &str| super::terminal_text(s).into_owned();
        [
            r.href,
            shown(r.title),
            shown(&r.doc_number),
            shown(&r.issuer),
            r.issued,
            r.expires,
            r.status.to_owned(),
            shown(&self.reg.documents[i].responsible_unit),
        ]
    }

    fn link(&self, link: &Link) -> LinkCtx {
        match link {
            Link::Document(j) => {
                LinkCtx { href: Some(self.href(false, *j)), label: format!("《{}》", self.reg.documents[*j].title) }
            }
            Link::Text(t) => LinkCtx { href: None, label: t.clone() },
        }
    }

    fn document(&self, i: usize) -> Result<String, minijinja::Error> {
        let d = &self.reg.documents[i];
        let ev = &crate::judge::rules::evaluate_doc(&self.rules, d);
        let e = publish::details(self.reg, i, ev, self.as_of);
        let mut history: Vec<EventCtx> = d
            .events
            .iter()
            .map(|x| EventCtx {
                date: x.date,
                kind: x.kind.as_str(),
                law: x.law.as_deref().map(str::to_owned),
                note: x.note.clone(),
            })
            .collect();
        history.sort_by_key(|x| x.date);
        // The rules' working notes are published only when the office asks
        // for them (`[site] show_rules`); the status line says the decision.
        let show_rules = self.reg.config.site.show_rules;
        let ctx = DocCtx {
            title: &d.title,
            doc_number: self.reg.documents[i].shown_doc_number().into_owned(),
            issuers: self.reg.documents[i].issuers().into_owned(),
            kind: &d.kind,
            issued: d.issued,
            promulgated: d.promulgated,
            effective: d.effective,
            expires: d.expires,
            disclosure: d.disclosure.map(crate::load::model::Disclosure::as_str),
            unit: &d.responsible_unit,
            basis: &d.basis,
            status: e.group.as_str(),
            group_class: group_class(e.group),
            reason: &e.reason,
            replaced_by: e.replaced_by.as_ref().map(|l| self.link(l)),
            replaces: self.published.replaces(i).map(|j| self.link(&Link::Document(j))).collect(),
            rules: if show_rules { &ev.rules } else { &[] },
            advice: if show_rules { &ev.advice } else { &[] },
            history,
        };
        let text = self.text_of(i);
        let ctx = minijinja::context! {
            ..self.base(Page::Document(i), &d.title, "document"),
            ..minijinja::context! {
                d => Value::from(Serde(&ctx)),
                blocks => text.as_deref().map(|t| Value::from(Serde(text::blocks(t)))),
                text_note => text::note(d, e.group, text.is_some()),
            }
        };
        self.env.get_template("document.html")?.render(ctx)
    }

    /// Document `i`'s text if it may be published and can be read.
    fn text_of(&self, i: usize) -> Option<String> {
        if !publish::text_is_public(&self.reg.documents[i]) {
            return None;
        }
        match (self.texts)(i) {
            TextOf::Text(t) => Some(t),
            TextOf::None => None,
            TextOf::Unreadable(_) => {
                if let Ok(mut v) = self.unreadable.lock() {
                    v.push(i);
                }
                None
            }
        }
    }

    /// Shard `n` of index `k`: an error once the index is released (its
    /// pages are written first, `cmd::site`).
    fn shard(&self, k: usize, n: usize) -> Result<String, minijinja::Error> {
        self.search.shard_script(k, n).ok_or_else(|| {
            minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, "the search index was released")
        })
    }

    /// The sentences of the `n`th document with a text in the index.
    fn sentences(&self, n: usize) -> String {
        let i = self.in_force[self.search.with_text[n]];
        let href = self.href(true, i);
        search::text_script(&href, self.text_of(i).as_deref().unwrap_or_default())
    }

    /// Page `n` (0-based) of annex `k`: its rows, numbered through the
    /// annex, and the links to its other pages (page 0 is on 清理结果.html).
    fn annex(&self, k: usize, n: usize) -> Annex<'_> {
        let (v, _, label) = ANNEXES[k];
        let all = &self.annexes[k];
        let total = all.len();
        let pages = total.div_ceil(PAGE_ROWS);
        let start = (n * PAGE_ROWS).min(total);
        let end = (start + PAGE_ROWS).min(total);
        let href = |p: usize| {
            if p == 0 {
                format!("清理结果.html#annex-{}", k + 1)
            } else {
                self.path(Page::Annex(k, p)).into_owned()
            }
        };
        Annex {
            k: k + 1,
            label,
            title: annex_title(v),
            with_verdict: v != crate::load::model::Verdict::Keep,
            total,
            rows: all[start..end]
                .iter()
                .enumerate()
                .map(|(i, e)| AnnexRow {
                    n: start + i + 1,
                    href: self.href(true, e.doc),
                    title: e.title,
                    doc_number: &e.doc_number,
                    issuers: &e.issuers,
                    issued: e.issued,
                    verdict: e.verdict.as_str(),
                    reason: reason_cell(e).into_owned(),
                })
                .collect(),
            first: start + 1,
            last: end,
            pages: if pages > 1 {
                (0..pages).map(|p| PageLink { n: p + 1, href: href(p), current: p == n }).collect()
            } else {
                Vec::new()
            },
        }
    }

    fn annex_page(&self, k: usize, n: usize) -> Result<String, minijinja::Error> {
        let annex = self.annex(k, n);
        let title = format!("{} {}(第 {}–{} 件)", annex.label, annex.title, annex.first, annex.last);
        let ctx = minijinja::context! {
            ..self.base(Page::Annex(k, n), &title, "result"),
            ..minijinja::context! { a => Value::from(Serde(&annex)) }
        };
        self.env.get_template("annex.html")?.render(ctx)
    }

    fn result(&self) -> Result<String, minijinja::Error> {
        let made_before = self.reg.config.campaign.as_ref().and_then(|c| c.made_before);
        let annexes: Vec<Annex<'_>> = (0..ANNEXES.len()).map(|k| self.annex(k, 0)).collect();
        let downloads: Vec<Download> =
            self.downloads.iter().map(|f| Download { href: f.clone(), name: f.clone() }).collect();
        let name = self.reg.config.campaign.as_ref().and_then(|c| c.name.as_deref()).unwrap_or("行政规范性文件清理");
        let ctx = minijinja::context! {
            ..self.base(Page::Result, &format!("{name}结果"), "result"),
            ..minijinja::context! {
                annexes => Value::from(Serde(&annexes)),
                downloads => Value::from(Serde(&downloads)),
                scope => scope_phrase(made_before),
                counts_sentence => counts_sentence(counts(self.cat)),
                not_listed => not_listed_sentence(made_before, ','),
                draft => self.draft.is_some(),
                pending => self.cat.pending().len(),
            }
        };
        self.env.get_template("result.html")?.render(ctx)
    }

    fn stats(&self) -> Result<String, minijinja::Error> {
        let charts = stats::charts(self);
        let ctx = minijinja::context! {
            ..self.base(Page::Stats, "统计", "stats"),
            ..minijinja::context! { charts => Value::from(Serde(&charts)) }
        };
        self.env.get_template("stats.html")?.render(ctx)
    }
}

/// The texts `qingli site` could not read, on stderr: each named.
pub(crate) fn unreadable(err: &mut dyn std::io::Write, site: &Site<'_>) -> std::io::Result<()> {
    let unreadable = site.unreadable();
    if unreadable.is_empty() {
        return Ok(());
    }
    writeln!(
        err,
        "警告: {} 件文件的文本无法读取,网站上没有列出这些文本(页面写明“本站尚未收录本文件的文本”):",
        unreadable.len()
    )?;
    for i in unreadable {
        let path = crate::load::texts::text_of(&site.reg.documents[i].path);
        writeln!(err, "  {}", super::terminal_text(&site.reg.display(&path)))?;
    }
    writeln!(err, "  运行 qingli check 查看原因;改正后重新生成网站")
}

/// What `qingli site` wrote, for the terminal.
pub(crate) fn written(
    out: &mut dyn std::io::Write,
    dir: &std::path::Path,
    site: &Site<'_>,
    files: usize,
) -> std::io::Result<()> {
    writeln!(
        out,
        "已生成网站 {}: 现行有效 {} 件,文件页 {} 个,共 {files} 个文件(评估日 {})",
        crate::render::terminal_text(&dir.display().to_string()),
        site.in_force.len(),
        site.reg.documents.len(),
        site.as_of
    )?;
    if !site.downloads.is_empty() {
        writeln!(out, "清理结果页提供下载: {}", site.downloads.join("、"))?;
    }
    writeln!(
        out,
        "用浏览器打开 {}/index.html 即可查看;整个目录可直接放到任何网站服务器上",
        crate::render::terminal_text(&dir.display().to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_blocks_cannot_close_the_script() {
        let s = script_json(&["</script><script>alert(1)</script>", "<!--", "a\u{2028}b&"]);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'), "{s}");
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, ["</script><script>alert(1)</script>", "<!--", "a\u{2028}b&"]);
    }

    #[test]
    fn text_and_attributes_are_escaped_but_slashes_kept() {
        let mut env = env();
        env.add_template("t.html", "<a href=\"{{ u }}\" title='{{ u }}'>{{ u }}</a>").unwrap();
        let html =
            env.get_template("t.html").unwrap().render(minijinja::context! { u => "../a/b.html?x=1&y=\"'<>" }).unwrap();
        assert_eq!(
            html,
            "<a href=\"../a/b.html?x=1&amp;y=&quot;&#39;&lt;&gt;\" title='../a/b.html?x=1&amp;y=&quot;&#39;&lt;&gt;'>../a/b.html?x=1&amp;y=&quot;&#39;&lt;&gt;</a>"
        );
    }

    #[test]
    fn templates_parse() {
        let env = env();
        for t in ["base.html", "index.html", "document.html", "result.html", "stats.html"] {
            env.get_template(t).unwrap();
        }
    }
}

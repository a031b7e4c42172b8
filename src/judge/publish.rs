//! What the published catalogue (`qingli site`) says about each document on
//! the as-of date: its public status and why, whether it is in force, what
//! replaced it and what it replaced, and the page it gets; and whether its
//! text may leave the office ([`text_is_public`]). Pure.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::judge::rules::{Evaluation, Status};
use crate::load::model::{Document, EventType, Verdict};
use crate::load::register::{Register, Target};

/// Whether a document's text may appear in anything that leaves the office
/// (the site, catalogue links): only when it is 主动公开. A 规范性文件 must
/// be published by law, so an unset `disclosure` counts as 主动公开; a text
/// of a 依申请公开 or 不予公开 document stays in the register only.
pub(crate) fn text_is_public(doc: &Document) -> bool {
    matches!(doc.disclosure, None | Some(crate::load::model::Disclosure::Active))
}

/// A document's public status group (the status filter and the charts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Group {
    /// 现行有效 (保留, 新制定 in force).
    InForce,
    /// 现行有效, to be amended (修改).
    ToAmend,
    /// 已废止 (an event, or this campaign's 废止).
    Repealed,
    /// 已失效 (an event, this campaign's 失效, or validity ended).
    Expired,
    /// 尚未施行.
    NotYet,
}

impl Group {
    /// Every group, in display order.
    pub(crate) const ALL: [Group; 5] = [Group::InForce, Group::ToAmend, Group::Repealed, Group::Expired, Group::NotYet];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Group::InForce => "现行有效",
            Group::ToAmend => "现行有效(待修改)",
            Group::Repealed => "已废止",
            Group::Expired => "已失效",
            Group::NotYet => "尚未施行",
        }
    }

    /// Whether documents of the group are a basis for administration now.
    pub(crate) fn in_force(self) -> bool {
        matches!(self, Group::InForce | Group::ToAmend)
    }
}

/// Another record a page links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Link {
    /// A register document, by index.
    Document(usize),
    /// A law (or a reference that resolves to nothing): shown as text.
    Text(String),
}

/// One document as published: what every page needs of it. The sentence
/// saying why, and the links, are written with its own page
/// ([`details`]): a province register has a million of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub group: Group,
    /// The page, relative to the site root: `docs/<year of issue>/<name>.html`
    /// (a folder per year keeps folders small, and pages written in report
    /// order by two threads rarely share one).
    pub page: Box<str>,
}

/// What a document's own page says of its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Details {
    pub group: Group,
    /// Why, in a sentence: `被《…》替代(2009-06-01)`.
    pub reason: String,
    pub replaced_by: Option<Link>,
}

/// The documents as published, and who replaces whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Published {
    /// One per document, in report order.
    pub entries: Vec<Entry>,
    /// (replaced, replacing) pairs of documents, sorted: only the few
    /// documents whose `superseded_by` names another record.
    replaced: Vec<(usize, usize)>,
}

impl Published {
    /// Documents whose `superseded_by` names document `i`, in report order.
    pub(crate) fn replaces(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let lo = self.replaced.partition_point(|&(t, _)| t < i);
        self.replaced[lo..].iter().take_while(move |&&(t, _)| t == i).map(|&(_, s)| s)
    }
}

/// The status of document `i` and why, from its evaluation.
pub(crate) fn details(reg: &Register, i: usize, ev: &Evaluation, as_of: NaiveDate) -> Details {
    let doc = &reg.documents[i];
    let replaced_by = replaced_by(reg, doc);
    let (group, reason) = status(reg, doc, ev, replaced_by.as_ref(), as_of);
    Details { group, reason, replaced_by }
}

/// A file name from a document id: letters and digits of any script, `-`,
/// `_` and `.` kept, anything else `_`; at most 240 bytes.
fn page_name(id: &str) -> String {
    let mut name = String::new();
    for c in id.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' };
        if name.len() + c.len_utf8() > 240 {
            break;
        }
        name.push(c);
    }
    if name.is_empty() || name.starts_with('.') {
        name.insert(0, '_');
    }
    name
}

/// Pages for every document, unique (a second `a` becomes `a-2`), in report order.
fn pages(reg: &Register) -> Vec<Box<str>> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    reg.documents
        .iter()
        .map(|d| {
            let base = page_name(d.id());
            let key = format!("{}/{}", d.issued.year(), base.to_lowercase());
            let n = taken.entry(key).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base } else { format!("{base}-{n}") };
            format!("docs/{}/{name}.html", d.issued.year()).into_boxed_str()
        })
        .collect()
}

fn replaced_by(reg: &Register, doc: &Document) -> Option<Link> {
    let reference = doc.superseded_by.as_deref()?;
    Some(match reg.resolve(reference) {
        Target::Document(i) => Link::Document(i),
        Target::Law(l) => Link::Text(format!("《{}》", l.name)),
        Target::Nothing | Target::Ambiguous(_) => Link::Text(reference.to_owned()),
    })
}

fn label(reg: &Register, link: &Link) -> String {
    match link {
        Link::Document(i) => format!("《{}》", reg.documents[*i].title),
        Link::Text(t) => t.clone(),
    }
}

/// The status and its reason.
fn status(reg: &Register, doc: &Document, ev: &Evaluation, by: Option<&Link>, as_of: NaiveDate) -> (Group, String) {
    let event = |kind: EventType| {
        doc.events.iter().filter(|e| e.kind == kind && e.date <= as_of).max_by_key(|e| e.date).map(|e| {
            let note = e.note.as_deref().map(|n| format!(":{n}")).unwrap_or_default();
            format!("{}{}{note}", e.date, kind.as_str())
        })
    };
    let replaced = by.map(|l| format!("被{}替代", label(reg, l)));
    // What the public reads: the decision and its public reason, or that
    // it is still to be made (never the rules' suggestion).
    let decided = |v: Verdict| {
        if ev.decision.is_none() {
            return "本次清理的意见尚未作出".to_owned();
        }
        let why = crate::judge::catalog::public_reason(doc, ev, v);
        format!("本次清理意见:{v}{}", why.map(|w| format!("——{w}")).unwrap_or_default())
    };
    match ev.status {
        Status::Repealed => {
            let why = [replaced, event(EventType::Repeal)].into_iter().flatten().collect::<Vec<_>>().join(";");
            (Group::Repealed, why)
        }
        Status::Expired => {
            let why = [replaced, event(EventType::Expiry)].into_iter().flatten().collect::<Vec<_>>().join(";");
            (Group::Expired, why)
        }
        Status::InForce => match ev.verdict {
            Some(Verdict::Repeal) => (Group::Repealed, decided(Verdict::Repeal)),
            Some(Verdict::Expire) => (Group::Expired, decided(Verdict::Expire)),
            Some(Verdict::Amend) => (Group::ToAmend, decided(Verdict::Amend)),
            Some(Verdict::Keep) | None => (Group::InForce, decided(Verdict::Keep)),
        },
        Status::New => {
            if doc.effective > as_of {
                (Group::NotYet, format!("自{}起施行", doc.effective))
            } else if let Some(x) = doc.expires.filter(|x| *x < as_of) {
                (Group::Expired, format!("有效期至{x},已届满"))
            } else {
                (Group::InForce, "本次清理后新制定".to_owned())
            }
        }
    }
}

/// Every document as published on `as_of`, in report order. Each
/// evaluation is dropped as soon as its group is read.
pub(crate) fn publish(reg: &Register, as_of: NaiveDate) -> Published {
    use rayon::prelude::*;
    let env = crate::judge::rules::Env::new(reg, as_of);
    // Each document's group, and the record replacing it (if another one).
    let read: Vec<(Group, Option<usize>)> = (0..reg.documents.len())
        .into_par_iter()
        .map(|i| {
            let d = details(reg, i, &crate::judge::rules::evaluate_doc(&env, &reg.documents[i]), as_of);
            let by = match d.replaced_by {
                Some(Link::Document(j)) if j != i => Some(j),
                _ => None,
            };
            (d.group, by)
        })
        .collect();
    let mut replaced: Vec<(usize, usize)> =
        read.iter().enumerate().filter_map(|(i, (_, by))| Some(((*by)?, i))).collect();
    replaced.sort_unstable();
    let entries = read.into_iter().zip(pages(reg)).map(|((group, _), page)| Entry { group, page }).collect();
    Published { entries, replaced }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_safe_and_unique() {
        assert_eq!(page_name("永政发-2005-1"), "永政发-2005-1");
        assert_eq!(page_name("a b/c?d#e%f"), "a_b_c_d_e_f");
        assert_eq!(page_name(".hidden"), "_.hidden");
        assert_eq!(page_name(""), "_");
        assert!(page_name(&"长".repeat(100)).len() <= 240);
    }

    #[test]
    fn only_actively_disclosed_texts_go_public() {
        use crate::load::model::Disclosure;
        let mut d = crate::judge::rules::tests::doc("a", "2020-01-01");
        assert!(text_is_public(&d), "unset counts as 主动公开");
        for (disclosure, public) in
            [(Disclosure::Active, true), (Disclosure::OnRequest, false), (Disclosure::Withheld, false)]
        {
            d.disclosure = Some(disclosure);
            assert_eq!(text_is_public(&d), public, "{disclosure:?}");
        }
    }
}

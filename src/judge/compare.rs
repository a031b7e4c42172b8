//! Comparing a register at two revisions: what `qingli diff` reports.
//!
//! Pure: two loaded registers with their rules and diagnostics in, a
//! [`Comparison`] out. Each document is evaluated on both sides as it is
//! compared, in parallel, and the evaluations dropped: a province register's
//! are never all held. Documents are matched by id: a record both sides
//! share (its file unchanged, held once) is paired in one walk down both
//! lists, the rest looked up in the register's index. A document counts as
//! changed when its recorded facts changed *or* its evaluation moved (for
//! example because a law in `laws/` was repealed), so a reviewer sees every
//! verdict that a pull request moves, and why.

use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{self, Diagnostic, Severity};
use crate::judge::catalog::ANNEXES;
use crate::judge::rules::{self, Env, Evaluation, Status};
use crate::judge::{disagreement, edits};
use crate::load::model::{Document, Verdict};
use crate::load::register::Register;

/// One side of the comparison.
pub(crate) struct Side<'a> {
    pub reg: &'a Register,
    /// The rules on the comparison's as-of date, over this side's register.
    pub env: Env<'a>,
    /// Its load problems and cross-file checks ([`crate::gate::checks`]).
    pub diags: &'a [Diagnostic],
}

impl Side<'_> {
    fn evaluate(&self, i: usize) -> Evaluation {
        rules::evaluate_doc(&self.env, &self.reg.documents[i])
    }
}

/// What one document brings to the comparison: listed as added, changed
/// or removed, and a disagreement that appeared or went away.
#[derive(Default)]
struct Found {
    listed: Option<Listed>,
    new_problem: Option<Diagnostic>,
    fixed_problem: Option<Diagnostic>,
}

enum Listed {
    Added(Entry),
    Changed(Change),
    Removed(Entry),
}

impl Found {
    fn is_empty(&self) -> bool {
        self.listed.is_none() && self.new_problem.is_none() && self.fixed_problem.is_none()
    }
}

/// A document added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Entry {
    pub id: String,
    pub doc_number: Option<String>,
    pub title: String,
    pub status: Status,
    pub suggested: Option<Verdict>,
    pub verdict: Option<Verdict>,
    /// The catalogue the document is listed in (附件N …), or its status.
    pub catalog: String,
}

/// A before/after pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Move<T> {
    pub before: T,
    pub after: T,
}

/// One recorded fact that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Fact {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A document present at both revisions whose facts or evaluation changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Change {
    pub id: String,
    pub doc_number: Option<String>,
    pub title: String,
    pub facts: Vec<Fact>,
    pub status: Move<Status>,
    pub suggested: Move<Option<Verdict>>,
    pub decision: Move<Option<Verdict>>,
    pub verdict: Move<Option<Verdict>>,
    pub catalog: Move<String>,
    /// Rules (and advice) that fire now but did not before, with explanations.
    pub rules_added: Vec<String>,
    /// Rules (and advice) that fired before but no longer do.
    pub rules_removed: Vec<String>,
    /// Rules that fire at both revisions with a different outcome or explanation.
    pub rules_changed: Vec<String>,
    /// The edits outside the record its evaluation may have moved with: a
    /// law it cites (or its successor) edited in the law table, and
    /// `[policy]`, `[campaign]` or calendar edits ([`edits`]), described.
    pub caused_by: Vec<String>,
}

impl Change {
    /// Whether the effective verdict or the suggestion moved.
    pub(crate) fn verdict_moved(&self) -> bool {
        self.verdict.before != self.verdict.after || self.suggested.before != self.suggested.after
    }
}

/// A record that could not be parsed at one revision or both: shown as
/// 无法解析 with its errors, never as added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Unreadable {
    pub id: String,
    pub file: String,
    pub doc_number: Option<String>,
    pub title: Option<String>,
    /// Where it could not be parsed: `base`, `head` or `both`.
    pub broken_in: &'static str,
    /// Its errors (`line:column: message`), at the head when broken there, else at the base.
    pub errors: Vec<String>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Comparison {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Change>,
    pub unreadable: Vec<Unreadable>,
    pub new_problems: Vec<Diagnostic>,
    pub fixed_problems: Vec<Diagnostic>,
    /// Errors `check` reports at the head revision.
    pub head_errors: usize,
    /// Edits of the law table, each on its own line even when no verdict moves.
    pub laws_changed: Vec<edits::LawEdit>,
    /// Edits of `qingli.toml`'s `[policy]` and `[campaign]` and of the calendars.
    pub settings_changed: Vec<edits::SettingEdit>,
}

/// The catalogue a document is listed in, or why it is in none.
pub(crate) fn catalog_of(ev: &Evaluation) -> String {
    match (ev.status, ev.verdict) {
        (Status::InForce, Some(v)) => {
            let label = ANNEXES.iter().find(|(x, _, _)| *x == v).map_or("", |(_, _, l)| l);
            format!("{label} {v}")
        }
        (s, _) => s.to_string(),
    }
}

/// Every recorded fact of a document as (field, display value), in record order.
pub(crate) fn facts(d: &Document) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            f.push((k.to_owned(), v));
        }
    };
    let list = |v: &[crate::load::intern::Shared]| if v.is_empty() { None } else { Some(v.join("、")) };
    put("path", Some(d.path.to_string()));
    put("title", Some(d.title.to_string()));
    put("issuer", Some(d.issuer.to_string()));
    put("issued", Some(d.issued.to_string()));
    put("doc_number", d.doc_number.as_deref().map(str::to_owned));
    put("kind", Some(d.kind.to_string()));
    put("co_issuers", list(&d.co_issuers));
    put("lead_unit", Some(d.lead_unit.to_string()));
    put("responsible_unit", Some(d.responsible_unit.to_string()));
    put("effective", Some(d.effective.to_string()));
    put("expires", d.expires.map(|x| x.to_string()));
    put("provisional", Some(d.provisional.to_string()));
    put("subject", d.subject.as_deref().map(str::to_owned));
    put("subject_gone", d.subject_gone.map(|x| x.to_string()));
    put("applies_until", d.applies_until.map(|x| x.to_string()));
    put("basis", list(&d.basis));
    put("superseded_by", d.superseded_by.as_deref().map(str::to_owned));
    put("disclosure", d.disclosure.map(|x| x.to_string()));
    put("disclosure_reason", d.disclosure_reason.as_deref().map(str::to_owned));
    put("disclosed", d.disclosed.map(|x| x.to_string()));
    put("filed", d.filed.map(|x| x.to_string()));
    for (i, x) in d.findings.iter().enumerate() {
        let parts = [
            Some(x.kind.to_string()),
            x.scope.map(|s| s.to_string()),
            x.law.as_deref().map(str::to_owned),
            x.articles.clone(),
            x.note.clone(),
        ];
        put(&format!("finding[{}]", i + 1), Some(parts.into_iter().flatten().collect::<Vec<_>>().join(" ")));
    }
    for (i, x) in d.events.iter().enumerate() {
        let parts =
            [Some(x.date.to_string()), Some(x.kind.to_string()), x.law.as_deref().map(str::to_owned), x.note.clone()];
        put(&format!("event[{}]", i + 1), Some(parts.into_iter().flatten().collect::<Vec<_>>().join(" ")));
    }
    if let Some(r) = &d.review {
        put("review.decision", r.decision.map(|x| x.to_string()));
        put("review.reason", r.reason.as_deref().map(str::to_owned));
        put("review.reviewer", r.reviewer.as_deref().map(str::to_owned));
        put("review.decided", r.decided.map(|x| x.to_string()));
        put("review.approved", r.approved.map(|x| x.to_string()));
        put("review.published", r.published.map(|x| x.to_string()));
        put("review.revised", r.revised.map(|x| x.to_string()));
        put("review.override_reason", r.override_reason.as_deref().map(str::to_owned));
    }
    f
}

fn fact_changes(a: &Document, b: &Document) -> Vec<Fact> {
    let (fa, fb) = (facts(a), facts(b));
    let ma: BTreeMap<&str, &str> = fa.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mb: BTreeMap<&str, &str> = fb.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // Fields in record order: those of the head, then those only the base had.
    let mut order: Vec<&str> = fb.iter().map(|(k, _)| k.as_str()).collect();
    order.extend(fa.iter().map(|(k, _)| k.as_str()).filter(|k| !mb.contains_key(k)));
    order
        .into_iter()
        .filter(|k| ma.get(k) != mb.get(k))
        .map(|k| Fact {
            field: k.to_owned(),
            before: ma.get(k).map(|s| (*s).to_owned()),
            after: mb.get(k).map(|s| (*s).to_owned()),
        })
        .collect()
}

/// Fired rules by id: (outcome, "Qnn 名称: 说明").
fn fired(ev: &Evaluation) -> BTreeMap<&'static str, (Option<Verdict>, String)> {
    ev.rules
        .iter()
        .chain(&ev.advice)
        .map(|f| (f.id, (f.outcome, format!("{} {}: {}", f.id, f.name, f.explanation))))
        .collect()
}

fn entry(d: &Document, ev: &Evaluation) -> Entry {
    Entry {
        id: d.id().to_owned(),
        doc_number: d.doc_number.as_deref().map(str::to_owned),
        title: d.title.to_string(),
        status: ev.status,
        suggested: ev.suggested,
        verdict: ev.verdict,
        catalog: catalog_of(ev),
    }
}

fn unreadable(e: &crate::load::register::Excluded, broken_in: &'static str, side: &Side<'_>) -> Unreadable {
    let errors = side
        .reg
        .diagnostics
        .iter()
        .filter(|d| d.file == e.file && d.severity == Severity::Error)
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect();
    Unreadable {
        id: e.id.clone(),
        file: e.file.clone(),
        doc_number: e.doc_number.clone(),
        title: e.title.clone(),
        broken_in,
        errors,
    }
}

/// The key under which a problem is the "same" at both revisions: line
/// numbers move with unrelated edits, so they are left out.
fn problem_key(d: &Diagnostic) -> (&str, &str, &str) {
    (d.code.name(), &d.file, &d.message)
}

/// What changed for one document between its base and head records, if anything.
fn change(bd: &Document, bev: &Evaluation, d: &Document, ev: &Evaluation) -> Option<Change> {
    let facts = fact_changes(bd, d);
    let (fb, fh) = (fired(bev), fired(ev));
    let rules_added: Vec<String> = fh.iter().filter(|(k, _)| !fb.contains_key(*k)).map(|(_, v)| v.1.clone()).collect();
    let rules_removed: Vec<String> =
        fb.iter().filter(|(k, _)| !fh.contains_key(*k)).map(|(_, v)| v.1.clone()).collect();
    let rules_changed: Vec<String> = fh
        .iter()
        .filter_map(|(k, (outcome, text))| {
            let (before, old) = fb.get(k)?;
            if old == text {
                return None;
            }
            let show = |o: &Option<Verdict>| o.map_or_else(|| "建议".to_owned(), |v| v.to_string());
            Some(if before == outcome {
                text.clone()
            } else {
                format!("{text}(结果 {} → {})", show(before), show(outcome))
            })
        })
        .collect();
    let moved = bev.status != ev.status || bev.suggested != ev.suggested || bev.verdict != ev.verdict;
    if facts.is_empty() && !moved && rules_added.is_empty() && rules_removed.is_empty() && rules_changed.is_empty() {
        return None;
    }
    Some(Change {
        id: d.id().to_owned(),
        doc_number: d.doc_number.as_deref().map(str::to_owned),
        title: d.title.to_string(),
        facts,
        status: Move { before: bev.status, after: ev.status },
        suggested: Move { before: bev.suggested, after: ev.suggested },
        decision: Move { before: bev.decision, after: ev.decision },
        verdict: Move { before: bev.verdict, after: ev.verdict },
        catalog: Move { before: catalog_of(bev), after: catalog_of(ev) },
        rules_added,
        rules_removed,
        rules_changed,
        caused_by: Vec::new(),
    })
}

/// Whether `d` cites the law named `name` (or a law it replaced), in
/// either revision's law table.
fn cites(regs: [&Register; 2], d: &Document, name: &str) -> bool {
    let refs = d
        .basis
        .iter()
        .map(|b| &**b)
        .chain(d.findings.iter().filter_map(|f| f.law.as_deref()))
        .chain(d.superseded_by.as_deref());
    refs.into_iter().any(|r| {
        regs.iter().any(|reg| {
            reg.laws.resolve_all(r).iter().any(|(_, l)| {
                l.is_some_and(|l| l.name == name || l.replaced_by.as_deref().is_some_and(|s| reg.laws.same(s, name)))
            })
        })
    })
}

/// Which documents the two sides share (the same record, held once: its
/// file did not change), found in one walk down both lists in report
/// order instead of a lookup by id for each of a province's million.
struct Pairs {
    /// For each head document, the base document it shares, if any.
    head: Vec<Option<u32>>,
    /// For each base document, whether the head shares it.
    base: Vec<bool>,
}

impl Pairs {
    fn new(base: &Register, head: &Register) -> Pairs {
        let (b, h) = (&base.documents, &head.documents);
        let mut pairs = Pairs { head: vec![None; h.len()], base: vec![false; b.len()] };
        // Both lists are in report order, a total order, and a shared
        // record sits at its own place in each. A record is paired only
        // with itself; whatever the walk passes by is looked up instead.
        let (mut i, mut j) = (0, 0);
        while i < h.len() && j < b.len() {
            if Arc::ptr_eq(&h[i], &b[j]) {
                pairs.head[i] = u32::try_from(j).ok();
                pairs.base[j] = true;
                (i, j) = (i + 1, j + 1);
                continue;
            }
            match h[i].report_order(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => (i, j) = (i + 1, j + 1),
            }
        }
        pairs
    }

    /// For head document `i` (`d`): the base document kept in the same
    /// file (so with the same id), if any, whose disagreement is "the same
    /// problem" as `d`'s; and the base document `d` is compared with: that
    /// one, or else the last with `d`'s id (ids are unique but for
    /// `duplicate-id` errors).
    fn at_base(&self, base: &Register, i: usize, d: &Document) -> (Option<usize>, Option<usize>) {
        if let Some(j) = self.head[i] {
            return (Some(j as usize), Some(j as usize));
        }
        let with_id = base.by_id(d.id());
        let same = same_file(base, &with_id, d);
        (same.or_else(|| with_id.last().copied()), same)
    }
}

/// Of the documents `with_id` of `reg`, the one kept in `d`'s file.
fn same_file(reg: &Register, with_id: &[usize], d: &Document) -> Option<usize> {
    with_id.iter().copied().find(|&k| reg.documents[k].path == d.path)
}

/// The disagreement (a recorded decision unjustifiably differing from the
/// suggestion) of document `j` of `side`, evaluated as `ev` when at hand.
fn disagreement(side: &Side<'_>, j: usize, ev: Option<&Evaluation>) -> Option<Diagnostic> {
    let d = &side.reg.documents[j];
    if !disagreement::may_disagree(d) {
        return None;
    }
    match ev {
        Some(ev) => disagreement::disagreement(side.reg, d, ev),
        None => disagreement::disagreement(side.reg, d, &side.evaluate(j)),
    }
}

/// The problem that appeared and the one that went away, given a file's
/// disagreement at the head and at the base (the same file: only the
/// message can differ).
fn moved(head: Option<Diagnostic>, base: Option<Diagnostic>) -> (Option<Diagnostic>, Option<Diagnostic>) {
    if head.as_ref().map(|d| &d.message) == base.as_ref().map(|d| &d.message) { (None, None) } else { (head, base) }
}

/// Compares `base` with `head`. Their `diags` are the load problems and
/// cross-file checks ([`crate::gate::checks`]); the disagreements are found
/// here, from the evaluations the comparison makes anyway, so neither
/// side's are ever all held.
pub(crate) fn compare(base: &Side<'_>, head: &Side<'_>) -> Comparison {
    let pairs = Pairs::new(base.reg, head.reg);
    let mut out = Comparison {
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        unreadable: Vec::new(),
        new_problems: Vec::new(),
        fixed_problems: Vec::new(),
        // The checks' errors; `diff` counts the gate's (levels applied).
        head_errors: head.diags.iter().filter(|d| d.severity == Severity::Error).count(),
        laws_changed: edits::laws(base.reg, head.reg),
        settings_changed: edits::settings(base.reg, head.reg),
    };
    let (laws_changed, settings_changed) = (&out.laws_changed, &out.settings_changed);
    // The edits outside a record that a document's moved evaluation may come from.
    let caused_by = |d: &Document, c: &mut Change| {
        let moved = c.verdict_moved()
            || c.status.before != c.status.after
            || !c.rules_added.is_empty()
            || !c.rules_removed.is_empty()
            || !c.rules_changed.is_empty();
        if !moved {
            return;
        }
        c.caused_by.extend(
            laws_changed.iter().filter(|e| cites([base.reg, head.reg], d, &e.name)).map(edits::LawEdit::describe),
        );
        c.caused_by.extend(settings_changed.iter().map(edits::SettingEdit::describe));
    };
    let broken = |s: &Side<'_>| -> BTreeMap<String, usize> {
        s.reg.excluded.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect()
    };
    let (xb, xh) = (broken(base), broken(head));
    // Head order for added and changed, base order for removed (a parallel
    // collect keeps the order). Only what changed is collected: a slot per
    // document would cost a `Change` each.
    let from_head = |i: usize, d: &Document| -> Found {
        let ev = head.evaluate(i);
        let (with_id, same) = pairs.at_base(base.reg, i, d);
        let Some(j) = with_id else {
            let listed = (!xb.contains_key(d.id())).then(|| Listed::Added(entry(d, &ev)));
            let (new_problem, fixed_problem) =
                moved(disagreement(head, i, Some(&ev)), same.and_then(|k| disagreement(base, k, None)));
            return Found { listed, new_problem, fixed_problem };
        };
        let bev = base.evaluate(j);
        let bd = &base.reg.documents[j];
        // A record shared by both revisions (its file did not change) whose
        // evaluation did not move either: the common case, decided without
        // listing anything.
        if std::ptr::eq(Arc::as_ptr(bd), d) && bev == ev {
            return Found::default();
        }
        let listed = change(bd, &bev, d, &ev).map(|mut c| {
            caused_by(d, &mut c);
            Listed::Changed(c)
        });
        let before = same.and_then(|k| disagreement(base, k, (k == j).then_some(&bev)));
        let (new_problem, fixed_problem) = moved(disagreement(head, i, Some(&ev)), before);
        Found { listed, new_problem, fixed_problem }
    };
    // Base documents not kept in the same file at the head: removed (unless
    // broken there), and their disagreements gone.
    let from_base = |j: usize, d: &Document| -> Found {
        if pairs.base[j] {
            return Found::default();
        }
        let with_id = head.reg.by_id(d.id());
        if same_file(head.reg, &with_id, d).is_some() {
            return Found::default();
        }
        let removed = with_id.is_empty() && !xh.contains_key(d.id());
        let ev = (removed || disagreement::may_disagree(d)).then(|| base.evaluate(j));
        let listed = ev.as_ref().filter(|_| removed).map(|ev| Listed::Removed(entry(d, ev)));
        Found { listed, new_problem: None, fixed_problem: ev.and_then(|ev| disagreement(base, j, Some(&ev))) }
    };
    let kept = |f: Found| (!f.is_empty()).then_some(f);
    let at_head: Vec<Found> =
        head.reg.documents.par_iter().enumerate().filter_map(|(i, d)| kept(from_head(i, d))).collect();
    let at_base: Vec<Found> =
        base.reg.documents.par_iter().enumerate().filter_map(|(j, d)| kept(from_base(j, d))).collect();
    for f in at_head.into_iter().chain(at_base) {
        match f.listed {
            Some(Listed::Added(e)) => out.added.push(e),
            Some(Listed::Changed(c)) => out.changed.push(c),
            Some(Listed::Removed(e)) => out.removed.push(e),
            None => {}
        }
        out.new_problems.extend(f.new_problem);
        out.fixed_problems.extend(f.fixed_problem);
    }
    // Broken at the head (in head order), then broken only at the base and readable now.
    for e in &head.reg.excluded {
        let broken_in = if xb.contains_key(&e.id) { "both" } else { "head" };
        out.unreadable.push(unreadable(e, broken_in, head));
    }
    for e in &base.reg.excluded {
        if !xh.contains_key(&e.id) {
            out.unreadable.push(unreadable(e, "base", base));
        }
    }
    let kb: BTreeSet<_> = base.diags.iter().map(problem_key).collect();
    let kh: BTreeSet<_> = head.diags.iter().map(problem_key).collect();
    out.new_problems.extend(head.diags.iter().filter(|d| !kb.contains(&problem_key(d))).cloned());
    out.fixed_problems.extend(base.diags.iter().filter(|d| !kh.contains(&problem_key(d))).cloned());
    diag::sort(&mut out.new_problems);
    diag::sort(&mut out.fixed_problems);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::judge::rules::tests::doc;
    use crate::load::model::{Config, Review};

    /// A record of `id` in folder `dir`, with a decision or none.
    fn record(dir: u8, id: u8, issued: u8, decision: Option<u8>) -> Document {
        let mut d = doc(&format!("d{id}"), &format!("2015-01-{:02}", 1 + issued % 28));
        d.path = format!("documents/{dir}/d{id}.toml").into();
        d.review = decision.map(|v| Review { decision: Some(Verdict::ALL[usize::from(v) % 4]), ..Review::default() });
        d
    }

    fn compared(base: &Register, head: &Register) -> Comparison {
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let (db, dh) = (crate::gate::checks(base), crate::gate::checks(head));
        let b = Side { reg: base, env: Env::new(base, as_of), diags: &db };
        let h = Side { reg: head, env: Env::new(head, as_of), diags: &dh };
        compare(&b, &h)
    }

    /// A finding added at the head: the document is listed as changed with
    /// the fact that changed, the rules that started and stopped firing,
    /// and its move between catalogues; a register compared with itself
    /// lists nothing, and a removed record is listed as removed.
    #[test]
    fn a_change_is_listed_with_its_facts_rules_and_catalogue() {
        let base_doc = record(0, 1, 1, None);
        let mut head_doc = base_doc.clone();
        head_doc.findings.push(crate::load::model::Finding {
            kind: crate::load::model::FindingType::Ultra,
            scope: Some(crate::load::model::FindingScope::Main),
            law: None,
            articles: None,
            note: Some("第五条".to_owned()),
            pos: crate::pos::Pos::START,
            law_pos: crate::pos::Pos::START,
        });
        let base = Register::from_parts(Config::default(), vec![base_doc.clone()], Vec::new());
        let head = Register::from_parts(Config::default(), vec![head_doc], Vec::new());
        let c = compared(&base, &head);
        assert_eq!(c.changed.len(), 1, "{c:?}");
        let x = &c.changed[0];
        assert!(x.verdict_moved());
        assert_eq!((x.suggested.before, x.suggested.after), (Some(Verdict::Keep), Some(Verdict::Repeal)));
        assert_eq!(x.facts.len(), 1);
        assert_eq!((x.facts[0].field.as_str(), x.facts[0].before.as_deref()), ("finding[1]", None));
        assert!(x.facts[0].after.as_deref().is_some_and(|a| a.contains("第五条")), "{:?}", x.facts);
        assert!(x.rules_added.iter().any(|r| r.starts_with("Q08")), "{:?}", x.rules_added);
        assert!(x.rules_removed.iter().any(|r| r.starts_with("Q00")), "{:?}", x.rules_removed);
        assert_eq!((x.catalog.before.as_str(), x.catalog.after.as_str()), ("附件1 保留", "附件3 废止"));
        // Nothing moved: nothing listed.
        let same = compared(&base, &base);
        assert!(same.changed.is_empty() && same.added.is_empty() && same.removed.is_empty(), "{same:?}");
        // Removed at the head.
        let empty = Register::from_parts(Config::default(), Vec::new(), Vec::new());
        let gone = compared(&base, &empty);
        assert_eq!((gone.removed.len(), gone.removed[0].catalog.as_str()), (1, "附件1 保留"));
    }

    proptest! {
        /// Records shared by both sides (paired by the walk) compare exactly
        /// as the same records read twice (every one looked up by id),
        /// duplicate ids, moved, changed, added and removed records included.
        #[test]
        fn shared_records_compare_as_records_read_twice(
            base in prop::collection::vec((0u8..2, 0u8..12, 0u8..40, prop::option::of(0u8..4)), 0..30),
            // Per base record: 0 kept (shared), 1 changed, 2 removed, 3 moved to another folder.
            fate in prop::collection::vec(0u8..4, 30),
            added in prop::collection::vec((0u8..2, 0u8..12, 0u8..40, prop::option::of(0u8..4)), 0..6),
        ) {
            let mut seen = HashSet::new();
            let base: Vec<Arc<Document>> = base
                .into_iter()
                .map(|(dir, id, issued, decision)| Arc::new(record(dir, id, issued, decision)))
                .filter(|d| seen.insert(d.path.clone()))
                .collect();
            let mut head: Vec<Arc<Document>> = Vec::new();
            for (d, fate) in base.iter().zip(fate) {
                match fate {
                    0 => head.push(Arc::clone(d)),
                    1 => {
                        let mut c = (**d).clone();
                        c.issued = c.issued.succ_opt().unwrap();
                        c.review = None;
                        head.push(Arc::new(c));
                    }
                    3 => {
                        let mut c = (**d).clone();
                        c.path = format!("documents/moved/{}.toml", d.id()).into();
                        head.push(Arc::new(c));
                    }
                    _ => {}
                }
            }
            for (dir, id, issued, decision) in added {
                let d = record(dir, id, issued, decision);
                if head.iter().all(|h| h.path != d.path) {
                    head.push(Arc::new(d));
                }
            }
            let unshared = |docs: &[Arc<Document>]| -> Vec<Arc<Document>> {
                docs.iter().map(|d| Arc::new((**d).clone())).collect()
            };
            let config = Config::default();
            let (b, h) = (
                Register::from_shared(config.clone(), base.clone(), Vec::new()),
                Register::from_shared(config.clone(), head.clone(), Vec::new()),
            );
            let (b2, h2) = (
                Register::from_shared(config.clone(), unshared(&base), Vec::new()),
                Register::from_shared(config, unshared(&head), Vec::new()),
            );
            prop_assert_eq!(compared(&b, &h), compared(&b2, &h2));
        }
    }
}

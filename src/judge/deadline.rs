//! Deadlines D1–D8 (`docs/spec/DEADLINES.md`): due dates, done rules
//! and statuses, counted with the working-day calendar.
//!
//! [`items`] is a pure function of the register, the evaluations, the
//! calendar, the as-of date and the due-soon window: no clock, no I/O.
//! Forward calendar-day periods (D3, D4, relative D6, D7) move to the next
//! working day when `extend_to_workday` is on; dates written in the register
//! (D1's `expires`, an absolute D6 `due`) and D2, counted backward, stay.

use std::borrow::Cow;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::dates;
use crate::judge::rules::{self, Status as DocStatus};
use crate::load::calendar::Calendar;

use crate::load::model::{Document, EventType, PhaseDue, Policy, Verdict};
use crate::load::register::Register;

/// A deadline kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    D1,
    D2,
    D3,
    D4,
    D5,
    D6,
    D7,
    D8,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[Kind::D1, Kind::D2, Kind::D3, Kind::D4, Kind::D5, Kind::D6, Kind::D7, Kind::D8];

    pub fn id(self) -> &'static str {
        match self {
            Kind::D1 => "D1",
            Kind::D2 => "D2",
            Kind::D3 => "D3",
            Kind::D4 => "D4",
            Kind::D5 => "D5",
            Kind::D6 => "D6",
            Kind::D7 => "D7",
            Kind::D8 => "D8",
        }
    }

    /// The kind's name (D6 items use the phase's own name instead).
    pub fn name(self) -> &'static str {
        match self {
            Kind::D1 => "有效期届满",
            Kind::D2 => "届满前评估",
            Kind::D3 => "定期清理",
            Kind::D4 => "报送备案",
            Kind::D5 => "主动公开",
            Kind::D6 => "清理阶段",
            Kind::D7 => "修改完成",
            Kind::D8 => "上位法变动后清理",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.id().eq_ignore_ascii_case(s.trim()))
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A deadline's status relative to the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Status {
    /// 已逾期: past due, not done.
    Overdue,
    /// 即将到期: due within the window, not done.
    DueSoon,
    /// 未到期: due later, not done.
    Pending,
    /// 已完成: done on or before the due date.
    Done,
    /// 逾期完成: done after the due date.
    DoneLate,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "已逾期",
            Status::DueSoon => "即将到期",
            Status::Pending => "未到期",
            Status::Done => "已完成",
            Status::DoneLate => "逾期完成",
        }
    }
}

crate::load::model::as_str_impls!(Status);

/// One deadline of one document. Its name and note are written only when
/// it is shown ([`texts`]): a province register has millions of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// Index into `Register::documents` (see [`Item::doc`]).
    doc: u32,
    pub kind: Kind,
    pub status: Status,
    /// For D6, the phase's index in the campaign; for D8, the citation's
    /// (keeps order and ids stable).
    pub phase: u16,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
    /// Calendar days from the as-of date to the due date (negative: overdue).
    pub days_left: i32,
    pub working_days_left: i32,
}

/// The words of an item, as [`texts`] writes them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Texts {
    /// The kind's name, the phase's name for D6, with the law for D8.
    pub name: Cow<'static, str>,
    pub note: String,
}

/// What the computation needs besides the register, and which items to keep.
pub(crate) struct Params<'a> {
    pub as_of: NaiveDate,
    /// 即将到期: due within this many calendar days.
    pub within: u32,
    pub calendar: &'a Calendar,
    /// Keep every item; otherwise only open items that are overdue or due soon.
    pub all: bool,
    /// Keep only items of this responsible unit.
    pub unit: Option<&'a str>,
    /// Keep only these kinds (all when empty).
    pub kinds: &'a [Kind],
}

#[cfg(test)]
impl<'a> Params<'a> {
    /// Every item, unfiltered.
    pub(crate) fn every(as_of: NaiveDate, within: u32, calendar: &'a Calendar) -> Self {
        Params { as_of, within, calendar, all: true, unit: None, kinds: &[] }
    }
}

impl Params<'_> {
    fn keeps(&self, kind: Kind, status: Status) -> bool {
        (self.all || matches!(status, Status::Overdue | Status::DueSoon))
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
    }
}

fn status(due: NaiveDate, done: Option<NaiveDate>, p: &Params<'_>) -> Status {
    match done {
        Some(d) if d <= due => Status::Done,
        Some(_) => Status::DoneLate,
        None if due < p.as_of => Status::Overdue,
        None if (due - p.as_of).num_days() <= i64::from(p.within) => Status::DueSoon,
        None => Status::Pending,
    }
}

/// A forward calendar-day deadline, moved off a day off when the policy says so.
fn forward(date: NaiveDate, policy: &Policy, cal: &Calendar) -> NaiveDate {
    if policy.extend_to_workday { cal.next_workday(date) } else { date }
}

/// A date counts as "done" only if it is on or before the as-of date.
fn by(date: Option<NaiveDate>, as_of: NaiveDate) -> Option<NaiveDate> {
    date.filter(|d| *d <= as_of)
}

struct Builder<'p, 'c> {
    p: &'p Params<'c>,
    /// The document whose items are being pushed.
    doc: usize,
    out: Vec<Item>,
    /// Set by [`texts`]: write the words of this one item (kind, phase)
    /// instead of collecting items.
    want: Option<(Kind, u16)>,
    texts: Option<Texts>,
}

impl Builder<'_, '_> {
    /// One item under its kind's name (phase 0).
    fn push(&mut self, kind: Kind, due: NaiveDate, done: Option<NaiveDate>, note: impl FnOnce() -> String) {
        self.push_named(kind, || Cow::Borrowed(kind.name()), 0, due, done, note);
    }

    /// One item. `name` and `note` are called only when the item's words
    /// are wanted, so listing items formats no text.
    fn push_named(
        &mut self,
        kind: Kind,
        name: impl FnOnce() -> Cow<'static, str>,
        phase: usize,
        due: NaiveDate,
        done: Option<NaiveDate>,
        note: impl FnOnce() -> String,
    ) {
        let phase = u16::try_from(phase).unwrap_or(u16::MAX);
        if let Some(want) = self.want {
            if want == (kind, phase) {
                self.texts = Some(Texts { name: name(), note: note() });
            }
            return;
        }
        let done = by(done, self.p.as_of);
        let status = status(due, done, self.p);
        if !self.p.keeps(kind, status) {
            return;
        }
        self.out.push(Item {
            doc: u32::try_from(self.doc).unwrap_or(u32::MAX),
            kind,
            status,
            phase,
            due,
            done,
            // Dates lie within ±262,143 years of each other: the counts fit.
            days_left: i32::try_from((due - self.p.as_of).num_days()).unwrap_or(i32::MAX),
            working_days_left: i32::try_from(self.p.calendar.workdays_between(self.p.as_of, due)).unwrap_or(i32::MAX),
        });
    }
}

/// The name and note of `it`, an item of [`items`] with the same `reg`,
/// `status` (its document's) and `p`: the kind's function runs again for
/// that one document and writes the words of that one item.
pub(crate) fn texts(reg: &Register, status: DocStatus, p: &Params<'_>, it: &Item) -> Texts {
    let mut b = Builder { p, doc: it.doc(), out: Vec::new(), want: Some((it.kind, it.phase)), texts: None };
    let f: KindFn = match it.kind {
        Kind::D1 | Kind::D2 => validity,
        Kind::D3 => cleanup,
        Kind::D4 => filing,
        Kind::D5 => disclosure,
        Kind::D6 => phases,
        Kind::D7 => revision,
        Kind::D8 => law_change,
    };
    f(&mut b, reg, &reg.documents[it.doc()], status);
    b.texts.unwrap_or_default()
}

/// One deadline kind's items for one document (D1 and D2 share the validity period).
type KindFn = fn(&mut Builder<'_, '_>, &Register, &Document, DocStatus);

/// The deadline kinds, in the spirit of `rules/set.rs`: one function each.
const KINDS: &[KindFn] = &[validity, cleanup, filing, disclosure, phases, revision, law_change];

fn doc_items(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, status: DocStatus) {
    // Repealed and expired documents have no deadlines left.
    if matches!(status, DocStatus::Repealed | DocStatus::Expired) {
        return;
    }
    for kind in KINDS {
        kind(b, reg, doc, status);
    }
}

/// D1 (the validity period ends) and D2 (evaluate before it ends).
fn validity(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let policy = &reg.config.policy;
    let as_of = b.p.as_of;
    let Some((expiry, presumed)) = rules::expiry(doc, policy) else {
        return;
    };
    let how = if presumed { "推定有效期至" } else { "有效期至" };
    b.push(Kind::D1, expiry, None, || {
        if expiry < as_of {
            format!("{how}{expiry},已届满仍未废止、宣布失效或重新公布")
        } else {
            format!("{how}{expiry};需继续实施的应在届满前评估并重新公布")
        }
    });
    let months = i64::from(policy.evaluate_before_expiry_months);
    let due = dates::add_months(expiry, -months);
    let period_start = doc
        .events
        .iter()
        .filter(|e| e.kind == EventType::Republication && e.date <= as_of)
        .map(|e| e.date)
        .max()
        .map_or(doc.effective, |r| r.max(doc.effective));
    let done = doc
        .events
        .iter()
        .filter(|e| e.kind == EventType::Evaluation && e.date >= period_start && e.date <= as_of)
        .map(|e| e.date)
        .min();
    b.push(Kind::D2, due, done, || match done {
        Some(d) => format!("已于{d}评估(有效期至{expiry})"),
        None => format!("有效期至{expiry},应在届满前{months}个月组织评估"),
    });
}

/// D3: periodic cleanup, recurring from the last cleanup: a 清理 event, or
/// this campaign's recorded `[review]` on its latest date (published, else
/// approved, else decided), so a finished campaign clears D3 by itself.
fn cleanup(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let policy = &reg.config.policy;
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let event = doc.events.iter().filter(|e| e.kind == EventType::Cleanup && e.date <= as_of).map(|e| e.date).max();
    let review = doc
        .review
        .as_ref()
        .filter(|r| r.decision.is_some())
        .and_then(|r| r.published.or(r.approved).or(r.decided))
        .filter(|d| *d <= as_of);
    let last = event.max(review);
    let years = i64::from(policy.cleanup_interval_years);
    let base = last.unwrap_or(doc.effective);
    let due = forward(dates::add_years(base, years), policy, cal);
    b.push(Kind::D3, due, None, || match (last, review == last && review.is_some()) {
        (Some(l), true) => format!("本次清理{l}作出清理意见,每{years}年清理一次"),
        (Some(l), false) => format!("上次清理{l},每{years}年清理一次"),
        (None, _) => format!("自{}施行以来未登记清理,每{years}年清理一次", doc.effective),
    });
}

/// D4: filing within N calendar days of issue.
fn filing(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let policy = &reg.config.policy;
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let days = policy.filing_days;
    let due = forward(dates::add_days(doc.issued, i64::from(days)), policy, cal);
    b.push(Kind::D4, due, doc.filed, || match by(doc.filed, as_of) {
        Some(f) => format!("已于{f}报送备案"),
        None => format!("发布于{},应在{days}日内报送备案", doc.issued),
    });
}

/// D5: active disclosure within N working days.
fn disclosure(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    if doc.disclosure != Some(crate::load::model::Disclosure::Active) {
        return;
    }
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let n = reg.config.policy.disclosure_working_days;
    let due = cal.add_workdays(doc.issued, n);
    b.push(Kind::D5, due, doc.disclosed, || match by(doc.disclosed, as_of) {
        Some(d) => format!("已于{d}公开"),
        None => format!("主动公开文件,应在形成之日({})起{n}个工作日内公开", doc.issued),
    });
}

/// D6: campaign phases, for documents subject to the campaign.
fn phases(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, status: DocStatus) {
    let Some(c) = reg.config.campaign.as_ref().filter(|_| status == DocStatus::InForce) else {
        return;
    };
    let policy = &reg.config.policy;
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let review = doc.review.clone().unwrap_or_default();
    for (k, phase) in c.phases.iter().enumerate() {
        // A phase for some verdicts only (公布保留目录: 保留, 修改) skips a
        // document decided otherwise; one not yet decided may still concern it.
        if let Some(v) = review.decision
            && !phase.verdicts.is_empty()
            && !phase.verdicts.contains(&v)
        {
            continue;
        }
        let (due, basis) = match phase.due {
            PhaseDue::Absolute(d) => (d, String::new()),
            PhaseDue::After { key, days } => {
                let Some(start) = by(review.date(key), as_of) else {
                    continue;
                };
                (
                    forward(dates::add_days(start, i64::from(days)), policy, cal),
                    format!("{}{start}后{days}日内;", key.label()),
                )
            }
        };
        let done = review.date(phase.requires);
        b.push_named(
            Kind::D6,
            || Cow::Owned(phase.name.clone()),
            k,
            due,
            done,
            || match by(done, as_of) {
                Some(d) => format!("{basis}已于{d}完成({})", phase.requires.label()),
                None => format!("{basis}尚未完成:须在 [review] 中填写 {}({})", phase.requires, phase.requires.label()),
            },
        );
    }
}

/// D8: a cited law (or a law it replaced) was revised or repealed after the
/// document was issued: the responsible unit reviews the document within
/// `law_change_review_days` of the change taking effect. Done by a 对照审查
/// naming the law, or a 清理, on or after the change. One item per law.
fn law_change(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let policy = &reg.config.policy;
    if policy.law_change_review_days == 0 {
        return;
    }
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let mut seen: Vec<*const crate::load::model::Law> = Vec::new();
    for (k, (_, law)) in doc.basis.iter().flat_map(|r| reg.laws.resolve_all(r)).enumerate() {
        let Some(law) = law else { continue };
        if seen.contains(&std::ptr::from_ref(law)) {
            continue;
        }
        seen.push(std::ptr::from_ref(law));
        let Some(change) = crate::judge::impact::change(law, doc.issued, as_of) else { continue };
        let days = policy.law_change_review_days;
        let due = forward(dates::add_days(change.date, i64::from(days)), policy, cal);
        let done = doc
            .events
            .iter()
            .filter(|e| e.date >= change.date && e.date <= as_of)
            .filter(|e| {
                e.kind == EventType::Cleanup
                    || e.kind == EventType::Comparison && e.law.as_deref().is_some_and(|l| reg.laws.same(l, &law.name))
            })
            .map(|e| e.date)
            .min();
        let name = || Cow::Owned(format!("{}(《{}》)", Kind::D8.name(), law.name));
        b.push_named(Kind::D8, name, k, due, done, || match done {
            Some(d) => format!("《{}》于{}{};已于{d}对照审查", law.name, change.date, change.kind),
            None => {
                format!("《{}》于{}{},应在{days}日内对照变动后的法律审查本文件", law.name, change.date, change.kind)
            }
        });
    }
}

/// D7: revision after a decision to amend.
fn revision(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let Some(review) = &doc.review else {
        return;
    };
    let policy = &reg.config.policy;
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    if review.decision != Some(Verdict::Amend) {
        return;
    }
    let Some(approved) = by(review.approved, as_of) else {
        return;
    };
    let days = policy.revision_days;
    let due = forward(dates::add_days(approved, i64::from(days)), policy, cal);
    b.push(Kind::D7, due, review.revised, || match by(review.revised, as_of) {
        Some(r) => format!("{approved}审批修改,已于{r}完成修改"),
        None => format!("{approved}审批决定修改,应在{days}日内完成修改"),
    });
}

impl Item {
    /// Index into `Register::documents` (stored in 32 bits: an item is 24
    /// bytes, and a province register has millions of them).
    pub(crate) fn doc(&self) -> usize {
        self.doc as usize
    }

    /// The span of dates whose working days this item's figures depend on:
    /// the as-of date to the due date, and for D5 the issue date too.
    pub(crate) fn calendar_span(&self, reg: &Register, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
        let mut lo = as_of.min(self.due);
        let hi = as_of.max(self.due);
        if self.kind == Kind::D5 {
            lo = lo.min(reg.documents[self.doc()].issued);
        }
        (lo, hi)
    }
}

/// The deadline items of the register that `p` keeps, ordered by due date,
/// then kind, then document order (then phase order).
pub(crate) fn items(reg: &Register, statuses: &[DocStatus], p: &Params<'_>) -> Vec<Item> {
    gather(reg, statuses, p, GROUP)
}

/// [`items`], gathered `group` documents at a time.
fn gather(reg: &Register, statuses: &[DocStatus], p: &Params<'_>, group: usize) -> Vec<Item> {
    // Documents in parallel, in chunks, a group of chunks at a time; the
    // sort on a total key restores one order. A group's items are moved
    // into the result and freed before the next group is made, and the
    // result is sized once from the first group: gathering every chunk
    // first held millions of items twice (`deadlines --all` at 1,000,000
    // documents: 5.2 million items, 124 MB held twice, past 1 GB).
    let (docs, group) = (reg.documents.len(), group.max(1));
    let mut out: Vec<Item> = Vec::new();
    for start in (0..docs).step_by(group) {
        let end = (start + group).min(docs);
        let chunks = chunk_items(reg, statuses, p, start..end, |items| items);
        let made: usize = chunks.iter().map(Vec::len).sum();
        if start == 0 && end < docs {
            // The rest of the register at this group's rate, and a tenth
            // more; a register that outgrows it still works (the vector grows).
            let estimate = made.saturating_mul(docs) / end;
            out.reserve_exact(estimate.saturating_add(estimate / 10).max(made));
        } else {
            out.reserve(made);
        }
        for chunk in chunks {
            out.extend(chunk);
        }
    }
    out.par_sort_unstable_by_key(|it| (it.due, it.kind, it.doc, it.phase));
    out
}

/// Documents per chunk of [`chunk_items`].
const CHUNK: usize = 4096;

/// Documents per group of chunks in [`items`].
const GROUP: usize = 64 * CHUNK;

/// `each` of the items `p` keeps, per chunk of the documents in `range`,
/// in document order.
fn chunk_items<T: Send>(
    reg: &Register,
    statuses: &[DocStatus],
    p: &Params<'_>,
    range: std::ops::Range<usize>,
    each: impl Fn(Vec<Item>) -> T + Sync,
) -> Vec<T> {
    let first = range.start;
    reg.documents[range.clone()]
        .par_chunks(CHUNK)
        .zip(statuses[range].par_chunks(CHUNK))
        .enumerate()
        .map(|(c, (docs, statuses))| {
            let mut b = Builder { p, doc: 0, out: Vec::new(), want: None, texts: None };
            for (k, (doc, status)) in docs.iter().zip(statuses).enumerate() {
                if p.unit.is_none_or(|u| &*doc.responsible_unit == u) {
                    b.doc = first + c * CHUNK + k;
                    doc_items(&mut b, reg, doc, *status);
                }
            }
            each(b.out)
        })
        .collect()
}

/// The due dates of the items of [`items`] not yet done (overdue ones
/// included), in no particular order: for counts, without holding items.
pub(crate) fn open_due_dates(reg: &Register, statuses: &[DocStatus], p: &Params<'_>) -> Vec<NaiveDate> {
    let open = |items: Vec<Item>| -> Vec<NaiveDate> {
        items.into_iter().filter(|it| !matches!(it.status, Status::Done | Status::DoneLate)).map(|it| it.due).collect()
    };
    chunk_items(reg, statuses, p, 0..reg.documents.len(), open).concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::model::{Campaign, Config, Event, Phase, Review, ReviewDate};
    use crate::pos::Pos;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn doc(id: &str, issued: &str) -> Document {
        let text = format!("title = \"关于{id}的通知\"\nissuer = \"县政府\"\nissued = {issued}\n");
        crate::load::parse::parse_document(&format!("documents/{id}.toml"), id, &text).0.unwrap()
    }

    fn run(docs: Vec<Document>, campaign: Option<Campaign>, as_of: &str) -> Vec<Item> {
        run_with_texts(docs, campaign, as_of).into_iter().map(|(it, _)| it).collect()
    }

    /// The items with their words, as the renderers get them.
    fn run_with_texts(docs: Vec<Document>, campaign: Option<Campaign>, as_of: &str) -> Vec<(Item, Texts)> {
        let reg = Register::from_parts(Config { campaign, ..Config::default() }, docs, vec![]);
        let as_of = d(as_of);
        let statuses = rules::statuses(&reg, as_of);
        let cal = Calendar::builtin();
        let p = Params::every(as_of, 30, &cal);
        let items = items(&reg, &statuses, &p);
        items.into_iter().map(|it| (it.clone(), texts(&reg, statuses[it.doc()], &p, &it))).collect()
    }

    fn find(items: &[Item], kind: Kind) -> &Item {
        items.iter().find(|i| i.kind == kind).unwrap_or_else(|| panic!("no {kind:?} in {items:?}"))
    }

    /// Millions of items at province scale: each stays 24 bytes.
    #[test]
    fn an_item_stays_compact() {
        assert!(size_of::<Item>() <= 24, "Item is {} bytes", size_of::<Item>());
    }

    #[test]
    fn d4_filing_extends_over_national_day_and_shows_late_filing() {
        // 2026-09-01 + 30 = 2026-10-01, a holiday: moved to 2026-10-08.
        let mut a = doc("a", "2026-09-01");
        let items = run(vec![a.clone()], None, "2026-10-08");
        let it = find(&items, Kind::D4);
        assert_eq!((it.due, it.status, it.days_left, it.working_days_left), (d("2026-10-08"), Status::DueSoon, 0, 0));
        let items = run(vec![a.clone()], None, "2026-10-09");
        let it = find(&items, Kind::D4);
        assert_eq!((it.status, it.days_left, it.working_days_left), (Status::Overdue, -1, -1));
        a.filed = Some(d("2026-10-09"));
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-09"), Kind::D4).status, Status::DoneLate);
        a.filed = Some(d("2026-10-08"));
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-09"), Kind::D4).status, Status::Done);
        // A filing dated after the as-of date has not happened yet.
        a.filed = Some(d("2026-10-20"));
        assert_eq!(find(&run(vec![a], None, "2026-10-09"), Kind::D4).status, Status::Overdue);
    }

    #[test]
    fn d4_without_extension() {
        let a = doc("a", "2026-09-01");
        let mut reg = Register::from_parts(Config::default(), vec![a], vec![]);
        reg.config.policy.extend_to_workday = false;
        let statuses = rules::statuses(&reg, d("2026-09-02"));
        let cal = Calendar::builtin();
        let items = items(&reg, &statuses, &Params::every(d("2026-09-02"), 30, &cal));
        assert_eq!(find(&items, Kind::D4).due, d("2026-10-01"));
    }

    #[test]
    fn due_soon_window_boundary() {
        let a = doc("a", "2026-03-02"); // D4 due 2026-04-01 (Wednesday)
        assert_eq!(find(&run(vec![a.clone()], None, "2026-03-02"), Kind::D4).status, Status::DueSoon);
        let mut b = a;
        b.issued = d("2026-03-01");
        b.effective = b.issued; // due 2026-03-31
        assert_eq!(find(&run(vec![b.clone()], None, "2026-03-01"), Kind::D4).status, Status::DueSoon, "30 days left");
        assert_eq!(find(&run(vec![b], None, "2026-02-28"), Kind::D4).status, Status::Pending, "31 days left");
    }

    #[test]
    fn d5_counts_working_days_over_spring_festival() {
        let mut a = doc("a", "2026-02-10");
        a.disclosure = Some(crate::load::model::Disclosure::Active);
        let items = run(vec![a], None, "2026-02-10");
        let it = find(&items, Kind::D5);
        // 02-11,12,13 (3), 02-14 调休 (4), 02-24..27 (8), 02-28 调休 (9), 03-02..06 (14), 03-09..13 (19), 03-16 (20).
        assert_eq!(it.due, d("2026-03-16"));
        assert_eq!(it.working_days_left, 20);
    }

    #[test]
    fn d1_d2_with_month_end_clamping_and_evaluation() {
        let mut a = doc("a", "2022-04-01");
        a.expires = Some(d("2027-03-31"));
        let items = run(vec![a.clone()], None, "2026-10-01");
        assert_eq!(find(&items, Kind::D1).due, d("2027-03-31"));
        let d2 = find(&items, Kind::D2);
        assert_eq!((d2.due, d2.status), (d("2026-09-30"), Status::Overdue));
        a.events.push(Event {
            date: d("2026-09-01"),
            kind: EventType::Evaluation,
            law: None,
            note: None,
            pos: Pos::START,
        });
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-01"), Kind::D2).status, Status::Done);
        a.events[0].date = d("2026-09-30");
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-01"), Kind::D2).status, Status::Done);
        a.events[0].date = d("2026-10-01");
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-01"), Kind::D2).status, Status::DoneLate);
        // An evaluation from before this validity period does not count.
        a.events[0].date = d("2020-01-01");
        assert_eq!(find(&run(vec![a.clone()], None, "2026-10-01"), Kind::D2).status, Status::Overdue);
        // Past expiry and still in force: D1 overdue.
        let d1 = find(&run(vec![a], None, "2027-04-01"), Kind::D1).clone();
        assert_eq!((d1.status, d1.days_left), (Status::Overdue, -1));
    }

    #[test]
    fn d3_recurs_from_last_cleanup() {
        let mut a = doc("a", "2020-03-02");
        let it = find(&run(vec![a.clone()], None, "2021-01-01"), Kind::D3).clone();
        assert_eq!(it.due, d("2022-03-02"));
        a.events.push(Event {
            date: d("2024-06-15"),
            kind: EventType::Cleanup,
            law: None,
            note: None,
            pos: Pos::START,
        });
        // 2026-06-15 is a Monday.
        assert_eq!(find(&run(vec![a], None, "2025-01-01"), Kind::D3).due, d("2026-06-15"));
    }

    #[test]
    fn d6_absolute_and_relative_phases_and_d7() {
        let campaign = Campaign {
            name: None,
            as_of: None,
            made_before: Some(d("2026-07-01")),
            scope: vec![],
            focus: vec![],
            phases: vec![
                Phase {
                    name: "上报清理意见".into(),
                    due: PhaseDue::Absolute(d("2026-08-31")),
                    requires: ReviewDate::Decided,
                    verdicts: vec![],
                },
                Phase {
                    name: "发布决定".into(),
                    due: PhaseDue::After { key: ReviewDate::Approved, days: 20 },
                    requires: ReviewDate::Published,
                    verdicts: vec![],
                },
            ],
        };
        let mut a = doc("a", "2020-01-06");
        a.review = Some(Review {
            decision: Some(Verdict::Amend),
            decided: Some(d("2026-09-01")),
            approved: Some(d("2026-09-11")),
            ..Review::default()
        });
        let with_texts = run_with_texts(vec![a], Some(campaign), "2026-10-01");
        let phases: Vec<&(Item, Texts)> = with_texts.iter().filter(|(i, _)| i.kind == Kind::D6).collect();
        assert_eq!(phases.len(), 2);
        assert_eq!((phases[0].1.name.as_ref(), phases[0].0.status), ("上报清理意见", Status::DoneLate));
        assert!(phases[0].1.note.contains("已于2026-09-01完成"), "{:?}", phases[0].1);
        // 2026-09-11 + 20 = 10-01 (holiday) → 10-08.
        assert_eq!(
            (phases[1].1.name.as_ref(), phases[1].0.due, phases[1].0.status),
            ("发布决定", d("2026-10-08"), Status::DueSoon)
        );
        assert!(phases[1].1.note.starts_with("审批日期2026-09-11后20日内;尚未完成"), "{:?}", phases[1].1);
        let items: Vec<Item> = with_texts.into_iter().map(|(i, _)| i).collect();
        let d7 = find(&items, Kind::D7);
        // 2026-09-11 + 90 = 2026-12-10 (Thursday).
        assert_eq!((d7.due, d7.status), (d("2026-12-10"), Status::Pending));
    }

    #[test]
    fn repealed_documents_have_no_deadlines() {
        let mut a = doc("a", "2020-01-06");
        a.events.push(Event { date: d("2021-01-01"), kind: EventType::Repeal, law: None, note: None, pos: Pos::START });
        assert!(run(vec![a], None, "2026-01-01").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The same items whatever the file order and thread count, and
        /// always in (due, kind, document, phase) order.
        #[test]
        fn deterministic_under_shuffles_and_threads(
            days in proptest::collection::vec((0i64..4000, proptest::option::of(0i64..2000), proptest::bool::ANY), 1..30),
            seed in 0u64..1000,
            as_of in 0i64..5000,
        ) {
            let base = d("2015-01-01");
            let docs: Vec<Document> = days
                .iter()
                .enumerate()
                .map(|(i, (issued, expires, active))| {
                    let mut x = doc(&format!("d{i:02}"), "2015-01-01");
                    x.issued = crate::dates::add_days(base, *issued);
                    x.effective = x.issued;
                    x.expires = expires.map(|e| crate::dates::add_days(x.issued, e));
                    if *active {
                        x.disclosure = Some(crate::load::model::Disclosure::Active);
                    }
                    x
                })
                .collect();
            let as_of = crate::dates::add_days(base, as_of);
            let key = |reg: &Register, items: Vec<Item>| -> Vec<(String, Kind, NaiveDate, Status, i32)> {
                items.into_iter().map(|i| (reg.documents[i.doc()].id().to_owned(), i.kind, i.due, i.status, i.working_days_left)).collect()
            };
            let reg = Register::from_parts(Config::default(), docs.clone(), vec![]);
            let cal = Calendar::builtin();
            let a = key(&reg, items(&reg, &rules::statuses(&reg, as_of), &Params::every(as_of, 30, &cal)));
            let mut shuffled = docs;
            let n = shuffled.len();
            for i in 0..n {
                shuffled.swap(i, usize::try_from((seed + i as u64 * 7) % n as u64).unwrap());
            }
            // Kept in the shuffled order, so `items` itself sees a different order.
            let reg2 = Register::from_parts_in_order(Config::default(), shuffled, vec![]);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            let b = pool.install(|| key(&reg2, items(&reg2, &rules::statuses(&reg2, as_of), &Params::every(as_of, 30, &cal))));
            // The same items (ties between documents follow document order, so compare as sets)…
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort();
            sb.sort();
            proptest::prop_assert_eq!(sa, sb);
            // …gathered in groups of any size, the very same list.
            for group in [1, 2, 7, 29] {
                let statuses = rules::statuses(&reg, as_of);
                let c = key(&reg, gather(&reg, &statuses, &Params::every(as_of, 30, &cal), group));
                proptest::prop_assert_eq!(&c, &a);
            }
            // …each list in (due, kind) order.
            proptest::prop_assert!(a.windows(2).all(|w| (w[0].2, w[0].1) <= (w[1].2, w[1].1)));
            proptest::prop_assert!(b.windows(2).all(|w| (w[0].2, w[0].1) <= (w[1].2, w[1].1)));
        }
    }

    #[test]
    fn ordering_is_due_then_kind_then_document() {
        let items = run(vec![doc("b", "2026-01-05"), doc("a", "2026-01-05")], None, "2026-01-06");
        let keys: Vec<(NaiveDate, Kind, usize)> = items.iter().map(|i| (i.due, i.kind, i.doc())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}

//! Deadlines D1–D8 (`docs/spec/DEADLINES.md`): due dates, done rules
//! and statuses, counted with the working-day calendar.
//!
//! [`items`] is a pure function of the register, the evaluations, the
//! calendar, the as-of date and the due-soon window: no clock, no I/O.
//! Forward calendar-day periods (D3, D4, relative D6, D7) move to the next
//! working day when `extend_to_workday` is on; dates written in the register
//! (D1's `expires`, an absolute D6 `due`) and D2, counted backward, stay.
//!
//! Here: the items, their statuses and how they are gathered; `kinds`, one
//! function per deadline kind; `tests`.

use std::borrow::Cow;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::judge::rules::Status as DocStatus;
use crate::load::calendar::Calendar;

use crate::load::model::Policy;
use crate::load::register::Register;

mod kinds;
#[cfg(test)]
mod tests;

use kinds::{KindFn, cleanup, disclosure, doc_items, filing, law_change, phases, revision, validity};

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

/// Whether `it` says a document is in force past its validity (D1,
/// overdue): a present problem, shown and gated whatever `deadlines_from` says.
pub(crate) fn in_force_past_validity(it: &Item) -> bool {
    it.kind == Kind::D1 && it.status == Status::Overdue
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

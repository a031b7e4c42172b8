//! The deadline kinds, one function each, in the spirit of `rules/set.rs`:
//! D1/D2 validity, D3 periodic cleanup, D4 filing, D5 disclosure, D6 the
//! campaign's phases, D7 amendment, D8 a superior law's change.

use std::borrow::Cow;

use super::{Builder, Kind, by, forward};
use crate::dates;
use crate::judge::rules::{self, Status as DocStatus};
use crate::load::model::{Document, EventType, PhaseDue, Verdict};
use crate::load::register::Register;

/// One deadline kind's items for one document (D1 and D2 share the validity period).
pub(super) type KindFn = fn(&mut Builder<'_, '_>, &Register, &Document, DocStatus);

/// The deadline kinds, in the spirit of `rules/set.rs`: one function each.
pub(super) const KINDS: &[KindFn] = &[validity, cleanup, filing, disclosure, phases, revision, law_change];

pub(super) fn doc_items(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, status: DocStatus) {
    // Repealed and expired documents have no deadlines left.
    if matches!(status, DocStatus::Repealed | DocStatus::Expired) {
        return;
    }
    for kind in KINDS {
        kind(b, reg, doc, status);
    }
}

/// D1 (the validity period ends) and D2 (evaluate before it ends).
pub(super) fn validity(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
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
pub(super) fn cleanup(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
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

/// D4: filing within N calendar days of promulgation (`promulgated`, else `issued`).
pub(super) fn filing(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
    let policy = &reg.config.policy;
    let (as_of, cal) = (b.p.as_of, b.p.calendar);
    let days = policy.filing_days;
    let due = forward(dates::add_days(doc.promulgated(), i64::from(days)), policy, cal);
    b.push(Kind::D4, due, doc.filed, || match by(doc.filed, as_of) {
        Some(f) => format!("已于{f}报送备案"),
        None => format!("公布于{},应在{days}日内报送备案", doc.promulgated()),
    });
}

/// D5: active disclosure within N working days.
pub(super) fn disclosure(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
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
pub(super) fn phases(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, status: DocStatus) {
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
pub(super) fn law_change(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
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
pub(super) fn revision(b: &mut Builder<'_, '_>, reg: &Register, doc: &Document, _: DocStatus) {
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

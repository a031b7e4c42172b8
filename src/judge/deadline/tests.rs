//! Tests of the deadline kinds D1–D8 and their statuses.

use super::*;
use crate::judge::rules;
use crate::load::model::{Campaign, Config, Document, Event, EventType, Phase, PhaseDue, Review, ReviewDate, Verdict};
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
    a.events.push(Event { date: d("2026-09-01"), kind: EventType::Evaluation, law: None, note: None, pos: Pos::START });
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
    a.events.push(Event { date: d("2024-06-15"), kind: EventType::Cleanup, law: None, note: None, pos: Pos::START });
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

//! Unit and property tests of the rule engine, at the boundaries RULES.md names.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::load::model::{
    Campaign, Config, Event, EventType, Finding, FindingScope, FindingType, Focus, Law, List, Review, ScopeWindow,
};
use crate::pos::Pos;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn doc(id: &str, issued: &str) -> Document {
    Document {
        path: format!("documents/{id}.toml").into(),
        title: format!("关于{id}的通知").into(),
        issuer: "县政府".into(),
        issued: d(issued),
        promulgated: None,
        doc_number: None,
        kind: "规范性文件".into(),
        co_issuers: List::default(),
        lead_unit: "县政府".into(),
        responsible_unit: "县政府".into(),
        effective: d(issued),
        expires: None,
        provisional: false,
        subject: None,
        subject_gone: None,
        applies_until: None,
        basis: List::default(),
        superseded_by: None,
        disclosure: None,
        disclosure_reason: None,
        disclosed: None,
        filed: None,
        findings: List::default(),
        events: List::default(),
        review: None,
        pos: crate::load::model::DocPositions::default(),
    }
}

fn law(name: &str, effective: &str) -> Law {
    Law {
        name: name.into(),
        full_name: Some(format!("中华人民共和国{name}")),
        aliases: vec![],
        level: None,
        promulgated: None,
        effective: Some(d(effective)),
        repealed: None,
        repealed_undated: false,
        replaced_by: None,
        revised: vec![],
        file: "laws/l.toml".into(),
        pos: Pos::START,
    }
}

fn finding(kind: FindingType, scope: FindingScope, law: Option<&str>) -> Finding {
    Finding {
        kind,
        scope: Some(scope),
        law: law.map(Into::into),
        articles: None,
        note: None,
        pos: Pos::START,
        law_pos: Pos::START,
    }
}

fn event(kind: EventType, date: &str, law: Option<&str>) -> Event {
    Event { date: d(date), kind, law: law.map(Into::into), note: None, pos: Pos::START }
}

fn reg(docs: Vec<Document>, laws: Vec<Law>, campaign: Option<Campaign>) -> Register {
    Register::from_parts(Config { campaign, ..Config::default() }, docs, laws)
}

fn eval_one(r: &Register, id: &str, as_of: &str) -> Evaluation {
    let i = r.by_id(id)[0];
    evaluate_doc(&Env::new(r, d(as_of)), &r.documents[i])
}

fn ids(ev: &Evaluation) -> Vec<&'static str> {
    ev.rules.iter().chain(&ev.advice).map(|f| f.id).collect()
}

#[test]
fn q00_when_nothing_fires() {
    let r = reg(vec![doc("a", "2005-01-01")], vec![], None);
    let ev = eval_one(&r, "a", "2007-10-31");
    assert_eq!(ids(&ev), ["Q00"]);
    assert_eq!(ev.suggested, Some(Verdict::Keep));
    assert_eq!(ev.agrees, None);
}

#[test]
fn q01_q06_by_scope() {
    let mut a = doc("a", "2005-01-01");
    a.findings.push(finding(FindingType::Conflict, FindingScope::Main, Some("物权法")));
    let mut b = doc("b", "2005-01-01");
    b.findings.push(finding(FindingType::Conflict, FindingScope::Partial, Some("物权法")));
    let r = reg(vec![a, b], vec![], None);
    let ea = eval_one(&r, "a", "2007-10-31");
    assert_eq!((ids(&ea), ea.suggested), (vec!["Q01"], Some(Verdict::Repeal)));
    assert!(ea.rules[0].explanation.contains("《物权法》"), "{}", ea.rules[0].explanation);
    let eb = eval_one(&r, "b", "2007-10-31");
    assert_eq!((ids(&eb), eb.suggested), (vec!["Q06"], Some(Verdict::Amend)));
}

#[test]
fn q02_by_number_and_by_id_only_when_in_force() {
    let mut old = doc("old", "2000-01-01");
    old.superseded_by = Some("永政发[2007]9号".into()); // bracket variant still resolves
    let mut new = doc("new", "2007-10-31");
    new.doc_number = Some("永政发〔2007〕9号".into());
    let mut old2 = doc("old2", "2000-01-01");
    old2.superseded_by = Some("new".into());
    let r = reg(vec![old, new, old2], vec![], None);
    // Issued on the as-of date: in force, fires.
    assert_eq!(ids(&eval_one(&r, "old", "2007-10-31")), ["Q02"]);
    assert_eq!(ids(&eval_one(&r, "old2", "2007-10-31")), ["Q02"]);
    // The day before: not yet issued, does not fire.
    assert_eq!(ids(&eval_one(&r, "old", "2007-10-30")), ["Q00"]);
}

#[test]
fn q02_waits_for_the_replacement_to_take_effect() {
    // A new version issued 2022-06-24, in force from 2023-01-01.
    let mut old = doc("old", "2015-01-01");
    old.superseded_by = Some("new".into());
    let mut new = doc("new", "2022-06-24");
    new.effective = d("2023-01-01");
    let r = reg(vec![old, new], vec![], None);
    let before = eval_one(&r, "old", "2022-10-01");
    assert_eq!(before.rules.iter().map(|f| f.id).collect::<Vec<_>>(), ["Q00"]);
    assert_eq!(before.suggested, Some(Verdict::Keep));
    assert_eq!(before.advice[0].id, "Q02");
    assert!(before.advice[0].explanation.contains("将于2023-01-01被"), "{}", before.advice[0].explanation);
    assert_eq!(ids(&eval_one(&r, "old", "2023-01-01")), ["Q02"]);
    // A law promulgated but not yet in force: advice, no verdict.
    let mut a = doc("a", "2002-03-15");
    a.superseded_by = Some("城乡规划法".into());
    let mut l = law("城乡规划法", "2008-01-01");
    l.promulgated = Some(d("2007-10-28"));
    let r = reg(vec![a], vec![l], None);
    let ev = eval_one(&r, "a", "2007-11-01");
    assert_eq!(ev.rules.iter().map(|f| f.id).collect::<Vec<_>>(), ["Q00"]);
    assert!(ev.advice[0].explanation.contains("将于2008-01-01被《城乡规划法》替代"));
}

#[test]
fn q02_by_law_only_once_effective() {
    let mut a = doc("a", "2002-03-15");
    a.superseded_by = Some("《中华人民共和国城乡规划法》".into());
    let r = reg(vec![a], vec![law("城乡规划法", "2008-01-01")], None);
    assert_eq!(ids(&eval_one(&r, "a", "2007-12-31")), ["Q00"]);
    let ev = eval_one(&r, "a", "2008-01-01");
    assert_eq!(ids(&ev), ["Q02"]);
    assert!(ev.rules[0].explanation.contains("2008-01-01"));
}

#[test]
fn q03_applies_until_strictly_before() {
    let mut a = doc("a", "2005-01-01");
    a.applies_until = Some(d("2006-12-31"));
    let r = reg(vec![a], vec![], None);
    assert_eq!(ids(&eval_one(&r, "a", "2006-12-31")), ["Q00"], "last day of the period: still applies");
    let ev = eval_one(&r, "a", "2007-01-01");
    assert_eq!((ids(&ev), ev.suggested), (vec!["Q03"], Some(Verdict::Expire)));
    assert_eq!(ev.rules[0].explanation, "适用期至2006-12-31,已过期");
}

#[test]
fn q04_subject_gone_on_or_before() {
    let mut a = doc("a", "2005-01-01");
    a.subject_gone = Some(d("2006-01-01"));
    let r = reg(vec![a], vec![], None);
    assert_eq!(ids(&eval_one(&r, "a", "2005-12-31")), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "a", "2006-01-01")), ["Q04"]);
}

#[test]
fn q05_expires_and_presumed_expiry() {
    let mut a = doc("a", "2005-01-01");
    a.expires = Some(d("2007-10-31"));
    let r = reg(vec![a], vec![], None);
    assert_eq!(ids(&eval_one(&r, "a", "2007-10-31")), ["Q00"], "expires is the last day in force");
    assert_eq!(ids(&eval_one(&r, "a", "2007-11-01")), ["Q05"]);

    let b = doc("b", "2014-03-01");
    let mut r = reg(vec![b], vec![], None);
    assert_eq!(ids(&eval_one(&r, "b", "2030-01-01")), ["Q00"], "no presumption by default");
    r.config.policy.default_validity_years = 5;
    assert_eq!(expiry(&r.documents[0], &r.config.policy), Some((d("2019-02-28"), true)));
    assert_eq!(ids(&eval_one(&r, "b", "2019-02-28")), ["Q00"]);
    let ev = eval_one(&r, "b", "2019-03-01");
    assert_eq!(ids(&ev), ["Q05"]);
    assert!(ev.rules[0].explanation.contains("推定"), "{}", ev.rules[0].explanation);
}

#[test]
fn q07_repealed_on_as_of_names_replacement_and_needs_review() {
    let mut a = doc("a", "1999-01-01");
    a.basis = vec!["《中华人民共和国经济合同法》".into()].into();
    let mut b = doc("b", "1999-01-01");
    b.basis = vec!["经济合同法".into(), "价格法".into()].into();
    let mut ecl = law("经济合同法", "1982-07-01");
    ecl.repealed = Some(d("1999-10-01"));
    ecl.replaced_by = Some("合同法".into());
    let r = reg(vec![a, b], vec![ecl, law("价格法", "1998-05-01")], None);
    assert_eq!(ids(&eval_one(&r, "a", "1999-09-30")), ["Q00"]);
    let ev = eval_one(&r, "a", "1999-10-01");
    assert_eq!((ids(&ev), ev.suggested, ev.needs_review), (vec!["Q07"], Some(Verdict::Amend), true));
    assert!(ev.rules[0].explanation.contains("由《合同法》替代"), "{}", ev.rules[0].explanation);
    let eb = eval_one(&r, "b", "1999-10-01");
    assert_eq!((ids(&eb), eb.needs_review), (vec!["Q07"], false), "one basis law still in force");
}

#[test]
fn q08_main_repeals_partial_amends() {
    let mut a = doc("a", "2005-01-01");
    a.findings.push(finding(FindingType::Ultra, FindingScope::Partial, Some("行政许可法")));
    let mut b = a.clone();
    b.path = "documents/b.toml".into();
    b.findings.push(finding(FindingType::Ultra, FindingScope::Main, None));
    let r = reg(vec![a, b], vec![], None);
    assert_eq!(eval_one(&r, "a", "2007-10-31").suggested, Some(Verdict::Amend));
    assert_eq!(eval_one(&r, "b", "2007-10-31").suggested, Some(Verdict::Repeal));
}

#[test]
fn q09_limits_and_the_provisional_flag_not_the_title() {
    let mut a = doc("a", "2007-03-01");
    a.expires = Some(d("2012-02-29")); // exactly 5 years: the day before the anniversary
    let mut b = a.clone();
    b.path = "documents/b.toml".into();
    b.expires = Some(d("2012-03-01")); // one day over
    let mut c = doc("c", "2007-03-01");
    c.title = "暂行办法".into();
    c.provisional = false; // explicit: the 5-year limit applies
    c.expires = Some(d("2010-02-28"));
    let mut p = c.clone();
    p.path = "documents/p.toml".into();
    p.provisional = true;
    let mut e = doc("e", "2007-03-01");
    e.expires = Some(d("2007-02-28"));
    let r = reg(vec![a, b, c, p, e], vec![], None);
    let at = "2007-10-31";
    assert_eq!(ids(&eval_one(&r, "a", at)), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "b", at)), ["Q09"]);
    assert_eq!(ids(&eval_one(&r, "c", at)), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "p", at)), ["Q09"]);
    let ee = eval_one(&r, "e", at);
    assert_eq!(ids(&ee), ["Q05", "Q09"], "expired before it took effect");
    assert_eq!(ee.suggested, Some(Verdict::Expire));
}

#[test]
fn q10_is_advice_only() {
    let mut a = doc("a", "2005-01-01");
    a.findings.push(finding(FindingType::Inconsistent, FindingScope::Partial, None));
    let r = reg(vec![a], vec![], None);
    let ev = eval_one(&r, "a", "2007-10-31");
    assert_eq!(ev.rules.iter().map(|f| f.id).collect::<Vec<_>>(), ["Q00"]);
    assert_eq!(ev.advice.iter().map(|f| f.id).collect::<Vec<_>>(), ["Q10"]);
    assert_eq!(ev.suggested, Some(Verdict::Keep));
    assert!(!ev.needs_review);
}

#[test]
fn other_findings_ask_a_person_instead_of_a_silent_keep() {
    let mut a = doc("a", "2005-01-01");
    let mut f = finding(FindingType::Other, FindingScope::Partial, None);
    f.note = Some("第五条收费标准过时".to_owned());
    a.findings.push(f);
    let r = reg(vec![a], vec![], None);
    let ev = eval_one(&r, "a", "2007-10-31");
    assert_eq!(ev.advice.iter().map(|f| f.id).collect::<Vec<_>>(), ["Q10"]);
    assert!(ev.advice[0].explanation.contains("有其他审查发现,请人工判断"), "{}", ev.advice[0].explanation);
    assert!(ev.advice[0].explanation.contains("第五条收费标准过时"));
    assert!(ev.needs_review);
}

fn campaign() -> Campaign {
    Campaign {
        name: None,
        as_of: None,
        made_before: Some(d("2007-07-01")),
        scope: vec![
            ScopeWindow {
                kinds: vec!["规范性文件".into()],
                series: vec!["永政发".into()],
                from: Some(d("1994-01-01")),
                to: Some(d("2007-06-30")),
            },
            ScopeWindow {
                kinds: vec!["会议纪要".into()],
                series: vec![],
                from: Some(d("2003-01-01")),
                to: Some(d("2007-06-30")),
            },
        ],
        focus: vec![Focus { law: "物权法".into(), keywords: vec!["拆迁".into(), "登记".into()] }],
        phases: vec![],
    }
}

#[test]
fn q11_scope_windows_by_kind_or_series_inclusive() {
    let edge = doc("edge", "1994-01-01");
    let before = doc("before", "1993-12-31");
    let mut minutes_old = doc("minutes_old", "2002-12-31");
    minutes_old.kind = "会议纪要".into();
    let mut minutes = doc("minutes", "2003-01-01");
    minutes.kind = "会议纪要".into();
    let mut series = doc("series", "1995-01-01");
    series.kind = "抄告单".into();
    series.doc_number = Some("永政发〔1995〕3号".into());
    let r = reg(vec![edge, before, minutes_old, minutes, series], vec![], Some(campaign()));
    let at = "2007-10-31";
    assert_eq!(ids(&eval_one(&r, "edge", at)), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "before", at)), ["Q11"]);
    assert_eq!(ids(&eval_one(&r, "minutes_old", at)), ["Q11"]);
    assert_eq!(ids(&eval_one(&r, "minutes", at)), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "series", at)), ["Q00"], "matched by 文号代字");
}

#[test]
fn q12_satisfied_by_comparison_event_or_finding_naming_the_law() {
    let mut a = doc("a", "2005-01-01");
    a.title = "关于房屋拆迁的通知".into();
    let mut b = a.clone();
    b.path = "documents/b.toml".into();
    b.events.push(event(EventType::Comparison, "2007-09-01", Some("《中华人民共和国物权法》")));
    let mut c = a.clone();
    c.path = "documents/c.toml".into();
    c.findings.push(finding(FindingType::Other, FindingScope::Partial, Some("物权法")));
    let mut late = a.clone();
    late.path = "documents/late.toml".into();
    late.events.push(event(EventType::Comparison, "2007-11-01", Some("物权法")));
    let r = reg(vec![a, b, c, late], vec![law("物权法", "2007-10-01")], Some(campaign()));
    let at = "2007-10-31";
    let ea = eval_one(&r, "a", at);
    assert_eq!(ids(&ea), ["Q00", "Q12"]);
    assert!(ea.advice[0].explanation.contains("拆迁") && ea.advice[0].explanation.contains("《物权法》"));
    assert_eq!(ids(&eval_one(&r, "b", at)), ["Q00"]);
    // A finding naming the law records the comparison (no Q12); being of
    // type 其他, it still asks a person to judge it (Q10).
    assert_eq!(ids(&eval_one(&r, "c", at)), ["Q00", "Q10"]);
    assert_eq!(ids(&eval_one(&r, "late", at)), ["Q00", "Q12"], "a comparison after the as-of date does not count");
}

#[test]
fn q13_revised_after_issue_up_to_as_of() {
    let mut a = doc("a", "1998-05-12");
    a.basis = vec!["中华人民共和国水法".into()].into();
    let mut same_day = doc("same", "2002-10-01");
    same_day.basis = vec!["水法".into()].into();
    let mut water = law("水法", "1988-07-01");
    water.revised = vec![d("2002-10-01")];
    let r = reg(vec![a, same_day], vec![water], None);
    assert_eq!(ids(&eval_one(&r, "a", "2002-09-30")), ["Q00"]);
    assert_eq!(ids(&eval_one(&r, "a", "2002-10-01")), ["Q00", "Q13"]);
    assert_eq!(ids(&eval_one(&r, "same", "2007-10-31")), ["Q00"], "revised on the issue day: not after it");
}

#[test]
fn status_boundaries() {
    let mut gone = doc("gone", "2000-01-01");
    gone.events.push(event(EventType::Repeal, "2007-10-31", None));
    let mut exp = doc("exp", "2000-01-01");
    exp.events.push(event(EventType::Expiry, "2007-01-01", None));
    let new = doc("new", "2007-07-01");
    let last = doc("last", "2007-06-30");
    let r = reg(vec![gone, exp, new, last], vec![], Some(campaign()));
    assert_eq!(eval_one(&r, "gone", "2007-10-31").status, Status::Repealed);
    assert_eq!(eval_one(&r, "gone", "2007-10-30").status, Status::InForce);
    assert_eq!(eval_one(&r, "exp", "2007-10-31").status, Status::Expired);
    let en = eval_one(&r, "new", "2007-10-31");
    assert_eq!((en.status, en.suggested, en.verdict, en.agrees), (Status::New, None, None, None));
    assert!(en.rules.is_empty() && en.advice.is_empty());
    assert_eq!(eval_one(&r, "last", "2007-10-31").status, Status::InForce);
}

#[test]
fn combination_and_agreement() {
    let mut a = doc("a", "2005-01-01");
    a.applies_until = Some(d("2006-01-01"));
    a.findings.push(finding(FindingType::Conflict, FindingScope::Partial, None));
    a.findings.push(finding(FindingType::Ultra, FindingScope::Main, None));
    a.review = Some(Review { decision: Some(Verdict::Keep), ..Review::default() });
    let r = reg(vec![a], vec![], None);
    let ev = eval_one(&r, "a", "2007-10-31");
    assert_eq!(ids(&ev), ["Q03", "Q06", "Q08"], "all fired rules, in id order");
    assert_eq!(ev.suggested, Some(Verdict::Repeal));
    assert_eq!((ev.decision, ev.verdict, ev.agrees), (Some(Verdict::Keep), Some(Verdict::Keep), Some(false)));
}

#[test]
fn trace_explains_every_rule() {
    let r = reg(vec![doc("a", "2005-01-01")], vec![], Some(campaign()));
    let t = trace(&r, d("2007-10-31"), &r.documents[0]);
    assert_eq!(t.len(), 13);
    assert!(t.iter().all(|x| x.fired.is_none() && !x.explanation.is_empty()), "{t:?}");
}

// ---- properties ----

fn arb_doc(i: usize) -> impl Strategy<Value = Document> {
    (
        0i64..6000,
        proptest::option::of(0i64..8000),
        proptest::option::of(0i64..8000),
        proptest::option::of(0i64..8000),
        proptest::collection::vec((0u8..4, any::<bool>()), 0..3),
        proptest::option::of(0u8..4),
        any::<bool>(),
    )
        .prop_map(move |(issued, expires, until, gone, findings, decision, focus)| {
            let base = d("1990-01-01");
            let day = |n: i64| base + chrono::Duration::days(n);
            let mut x = doc(&format!("d{i:03}"), "1990-01-01");
            x.issued = day(issued);
            x.effective = x.issued;
            x.expires = expires.map(day);
            x.applies_until = until.map(day);
            x.subject_gone = gone.map(day);
            if focus {
                x.title = "关于土地登记的通知".into();
            }
            x.findings = findings
                .into_iter()
                .map(|(k, main)| {
                    let kind =
                        [FindingType::Conflict, FindingType::Ultra, FindingType::Inconsistent, FindingType::Other]
                            [usize::from(k)];
                    finding(kind, if main { FindingScope::Main } else { FindingScope::Partial }, None)
                })
                .collect();
            x.review = decision.map(|v| Review { decision: Some(Verdict::ALL[usize::from(v)]), ..Review::default() });
            x
        })
}

fn arb_docs() -> impl Strategy<Value = Vec<Document>> {
    (1usize..25).prop_flat_map(|n| (0..n).map(arb_doc).collect::<Vec<_>>())
}

fn by_id(r: &Register, evs: &[Evaluation]) -> Vec<(String, Evaluation)> {
    let mut v: Vec<_> = r.documents.iter().map(|d| d.id().to_owned()).zip(evs.iter().cloned()).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn evaluation_ignores_file_order_and_threads(docs in arb_docs(), seed in any::<u64>(), as_of in 0i64..9000) {
        let as_of = d("1990-01-01") + chrono::Duration::days(as_of);
        let r1 = reg(docs.clone(), vec![], Some(campaign()));
        let mut shuffled = docs;
        let n = shuffled.len();
        for i in 0..n {
            let j = usize::try_from((seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i as u64)) % n as u64).unwrap();
            shuffled.swap(i, j);
        }
        // Kept in the shuffled order: evaluation itself sees a different order.
        let r2 = Register::from_parts_in_order(r1.config.clone(), shuffled, vec![]);
        let e1 = evaluate(&r1, as_of);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let e2 = pool.install(|| evaluate(&r2, as_of));
        prop_assert_eq!(by_id(&r1, &e1), by_id(&r2, &e2));
    }

    #[test]
    fn every_subject_document_gets_exactly_one_verdict(docs in arb_docs(), as_of in 0i64..9000) {
        let as_of = d("1990-01-01") + chrono::Duration::days(as_of);
        let r = reg(docs, vec![], Some(campaign()));
        for (doc, ev) in r.documents.iter().zip(evaluate(&r, as_of)) {
            if ev.status == Status::InForce {
                prop_assert!(ev.suggested.is_some() && ev.verdict.is_some());
                prop_assert!(!ev.rules.is_empty());
                prop_assert_eq!(ev.rules.iter().filter_map(|f| f.outcome).max(), ev.suggested);
                prop_assert_eq!(ev.verdict, doc.decision().or(ev.suggested));
            } else {
                prop_assert!(ev.suggested.is_none() && ev.verdict.is_none() && ev.agrees.is_none());
            }
            if doc.issued >= d("2007-07-01") {
                prop_assert_ne!(ev.status, Status::InForce, "issued on or after made_before is never judged");
            }
        }
    }

    #[test]
    fn adding_a_finding_never_weakens(docs in arb_docs(), k in 0u8..4, main in any::<bool>(), as_of in 0i64..9000) {
        let as_of = d("1990-01-01") + chrono::Duration::days(as_of);
        let before = reg(docs.clone(), vec![], Some(campaign()));
        let kind = [FindingType::Conflict, FindingType::Ultra, FindingType::Inconsistent, FindingType::Other][usize::from(k)];
        let more: Vec<Document> = docs.into_iter().map(|mut x| {
            x.findings.push(finding(kind, if main { FindingScope::Main } else { FindingScope::Partial }, None));
            x
        }).collect();
        let after = reg(more, vec![], Some(campaign()));
        for ((_, a), (_, b)) in by_id(&before, &evaluate(&before, as_of)).iter().zip(by_id(&after, &evaluate(&after, as_of)).iter()) {
            prop_assert!(b.suggested >= a.suggested);
        }
    }
}

#[test]
fn docs_list_every_rule_by_id_and_name() {
    let doc = include_str!("../../../docs/rules.md");
    for rule in super::set::RULES {
        let row = format!("| {} | {} |", rule.id, rule.name);
        assert!(doc.contains(&row), "docs/rules.md lacks the row {row}");
    }
}

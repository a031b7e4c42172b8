//! The edits of a pull request that are not records but can move a verdict:
//! the law table (`laws/*.toml`), the working-day calendars
//! (`calendar/*.toml`) and `qingli.toml`'s `[policy]` and `[campaign]`.
//! `diff` lists each on its own line even when no verdict moves, and names
//! the ones a moved document depends on. Pure: two registers in, edits out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::load::model::{Campaign, Law, PhaseDue, Policy};
use crate::load::register::Register;

/// One edit of the law table: a law added or removed (`field` = `law`),
/// or one of its dates or its successor changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct LawEdit {
    pub name: String,
    /// `law`, `effective`, `promulgated`, `revised`, `repealed` or `replaced_by`.
    pub field: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One edit of a setting: a `[policy]` or `[campaign]` key of
/// `qingli.toml`, or a year of the working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SettingEdit {
    /// `qingli.toml` or `calendar/`.
    pub file: &'static str,
    /// `[policy] filing_days`, `[campaign] as_of`, `2007.holidays`, ….
    pub key: String,
    /// For a calendar year in both: the dates taken out (before) and put in (after).
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A field's Chinese name, as a clerk reads it.
fn law_field(field: &str) -> &'static str {
    match field {
        "law" => "法律",
        "effective" => "施行日期",
        "promulgated" => "公布日期",
        "revised" => "修订日期",
        "repealed" => "废止日期",
        _ => "替代它的法律",
    }
}

fn shown(v: Option<&String>) -> &str {
    v.map_or("(无)", String::as_str)
}

impl LawEdit {
    /// `《物权法》废止日期: 2021-01-01 → 2027-01-01`; `新增《民法典》`.
    pub(crate) fn describe(&self) -> String {
        match (self.field, &self.before, &self.after) {
            ("law", None, _) => format!("法律库新增《{}》", self.name),
            ("law", _, None) => format!("法律库删除《{}》", self.name),
            (f, b, a) => format!("《{}》{}: {} → {}", self.name, law_field(f), shown(b.as_ref()), shown(a.as_ref())),
        }
    }
}

impl SettingEdit {
    /// `qingli.toml [policy] filing_days: 30 → 15`.
    pub(crate) fn describe(&self) -> String {
        format!("{} {}: {} → {}", self.file, self.key, shown(self.before.as_ref()), shown(self.after.as_ref()))
    }
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn dates(ds: &[NaiveDate]) -> Option<String> {
    (!ds.is_empty()).then(|| ds.iter().map(NaiveDate::to_string).collect::<Vec<_>>().join("、"))
}

/// The fields of a law a verdict can depend on.
fn law_fields(l: &Law) -> [(&'static str, Option<String>); 5] {
    [
        ("effective", date(l.effective)),
        ("promulgated", date(l.promulgated)),
        ("revised", dates(&l.revised)),
        ("repealed", date(l.repealed)),
        ("replaced_by", l.replaced_by.clone()),
    ]
}

/// The laws of a register by name.
fn by_name(r: &Register) -> BTreeMap<String, &Law> {
    r.laws.laws.iter().map(|l| (l.name.clone(), l)).collect()
}

/// The law table's edits, by law name (then field), each once.
pub(crate) fn laws(base: &Register, head: &Register) -> Vec<LawEdit> {
    let (b, h) = (by_name(base), by_name(head));
    let mut out = Vec::new();
    for name in b.keys().chain(h.keys()).collect::<std::collections::BTreeSet<_>>() {
        match (b.get(name), h.get(name)) {
            (Some(_), None) => {
                out.push(LawEdit { name: name.clone(), field: "law", before: Some(name.clone()), after: None });
            }
            (None, Some(_)) => {
                out.push(LawEdit { name: name.clone(), field: "law", before: None, after: Some(name.clone()) });
            }
            (Some(x), Some(y)) => {
                for ((field, before), (_, after)) in law_fields(x).into_iter().zip(law_fields(y)) {
                    if before != after {
                        out.push(LawEdit { name: name.clone(), field, before, after });
                    }
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn policy(p: &Policy) -> Vec<(&'static str, Option<String>)> {
    let n = |v: u32| Some(v.to_string());
    vec![
        ("validity_max_years", n(p.validity_max_years)),
        ("provisional_max_years", n(p.provisional_max_years)),
        ("default_validity_years", n(p.default_validity_years)),
        ("evaluate_before_expiry_months", n(p.evaluate_before_expiry_months)),
        ("cleanup_interval_years", n(p.cleanup_interval_years)),
        ("filing_days", n(p.filing_days)),
        ("disclosure_working_days", n(p.disclosure_working_days)),
        ("revision_days", n(p.revision_days)),
        ("law_change_review_days", n(p.law_change_review_days)),
        ("extend_to_workday", Some(p.extend_to_workday.to_string())),
        ("deadlines_from", date(p.deadlines_from)),
    ]
}

fn campaign(c: Option<&Campaign>) -> Vec<(String, Option<String>)> {
    let Some(c) = c else { return vec![("campaign".to_owned(), None)] };
    let mut out = vec![
        ("name".to_owned(), c.name.clone()),
        ("as_of".to_owned(), date(c.as_of)),
        ("made_before".to_owned(), date(c.made_before)),
    ];
    let list = |v: &[String]| v.join("、");
    for (i, s) in c.scope.iter().enumerate() {
        let window = format!(
            "类别 {};代字 {};{} 至 {}",
            list(&s.kinds),
            list(&s.series),
            date(s.from).unwrap_or_default(),
            date(s.to).unwrap_or_default()
        );
        out.push((format!("scope[{}]", i + 1), Some(window)));
    }
    for (i, f) in c.focus.iter().enumerate() {
        out.push((format!("focus[{}]", i + 1), Some(format!("《{}》 {}", f.law, list(&f.keywords)))));
    }
    for (i, p) in c.phases.iter().enumerate() {
        let due = match p.due {
            PhaseDue::Absolute(d) => format!("{d}前"),
            PhaseDue::After { key, days } => format!("{}后{days}日内", key.label()),
        };
        let verdicts: Vec<&str> = p.verdicts.iter().map(|v| v.as_str()).collect();
        let only = if verdicts.is_empty() { String::new() } else { format!(";只涉及{}", verdicts.join("、")) };
        let phase = format!("{}:{due}完成({}){only}", p.name, p.requires.label());
        out.push((format!("phase[{}]", i + 1), Some(phase)));
    }
    out
}

/// `qingli.toml`'s `[policy]` and `[campaign]` edits, and the calendar's, in that order.
pub(crate) fn settings(base: &Register, head: &Register) -> Vec<SettingEdit> {
    let mut out = Vec::new();
    for ((key, before), (_, after)) in policy(&base.config.policy).into_iter().zip(policy(&head.config.policy)) {
        if before != after {
            out.push(SettingEdit { file: "qingli.toml", key: format!("[policy] {key}"), before, after });
        }
    }
    let (b, h) = (campaign(base.config.campaign.as_ref()), campaign(head.config.campaign.as_ref()));
    let keyed = |v: &[(String, Option<String>)]| -> BTreeMap<String, Option<String>> { v.iter().cloned().collect() };
    let (bk, hk) = (keyed(&b), keyed(&h));
    let mut keys: Vec<&String> = b.iter().map(|(k, _)| k).collect();
    keys.extend(h.iter().map(|(k, _)| k).filter(|k| !bk.contains_key(*k)));
    for key in keys {
        let (before, after) = (bk.get(key).cloned().flatten(), hk.get(key).cloned().flatten());
        if before != after {
            out.push(SettingEdit { file: "qingli.toml", key: format!("[campaign] {key}"), before, after });
        }
    }
    let years = |r: &Register| -> BTreeMap<i32, (Vec<NaiveDate>, Vec<NaiveDate>)> {
        r.calendars.iter().map(|c| (c.year, (c.holidays.clone(), c.workdays.clone()))).collect()
    };
    let (by, hy) = (years(base), years(head));
    for year in by.keys().chain(hy.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (b, h) = (by.get(year), hy.get(year));
        for (part, pick) in [("holidays", 0), ("workdays", 1)] {
            let get = |x: Option<&(Vec<NaiveDate>, Vec<NaiveDate>)>| {
                x.map(|(hol, work)| if pick == 0 { hol.clone() } else { work.clone() })
            };
            let (before, after) = (get(b), get(h));
            if before == after {
                continue;
            }
            // A year in both: the dates taken out, and those put in.
            let (before, after) = match (before, after) {
                (Some(x), Some(y)) => (
                    Some(x.iter().filter(|d| !y.contains(d)).copied().collect()),
                    Some(y.iter().filter(|d| !x.contains(d)).copied().collect()),
                ),
                other => other,
            };
            let show = |v: Option<Vec<NaiveDate>>| v.map(|d| dates(&d).unwrap_or_else(|| "(无)".to_owned()));
            let key = format!("{year}.{part}");
            out.push(SettingEdit { file: "calendar/", key, before: show(before), after: show(after) });
        }
    }
    out
}

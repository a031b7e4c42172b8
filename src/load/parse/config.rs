//! `qingli.toml`: the register's name, `[policy]`, `[check]`, `[notice]`
//! and `[campaign]` (scope windows, focus laws, phases).

use toml_spanner::{Arena, Table};

use crate::diag::{Code, Diagnostic};
use crate::docnum;
use crate::load::model::{
    Campaign, Config, Focus, NoticeConfig, Phase, PhaseDue, Policy, ReviewDate, ScopeWindow, Verdict,
};
use crate::load::read::{Reader, start};

use super::{doc_number_style, parse_toml, require, table_has};

/// Parses `qingli.toml`. Bad parts are reported and replaced by defaults.
pub(crate) fn parse_config(file: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let mut r = Reader::new(file, text);
    let mut cfg = Config::default();
    let arena = Arena::new();
    if let Some(d) = parse_toml(&mut r, text, &arena) {
        let t = d.table();
        for (key, v) in t {
            let k = key.name;
            match k {
                "register" => {
                    if let Some(t) = r.table(k, v) {
                        for (key, v) in t {
                            match key.name {
                                "name" => cfg.name = r.text("name", v),
                                _ => r.unknown(key, &["name"], "[register] "),
                            }
                        }
                    }
                }
                "policy" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.policy = policy(&mut r, t);
                    }
                }
                "campaign" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.campaign = Some(campaign(&mut r, t));
                    }
                }
                "check" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.check = check_levels(&mut r, t);
                    }
                }
                "notice" => {
                    if let Some(t) = r.table(k, v) {
                        cfg.notice = notice(&mut r, t);
                    }
                }
                "site" => {
                    if let Some(t) = r.table(k, v) {
                        for (key, v) in t {
                            match key.name {
                                "show_rules" => cfg.site.show_rules = r.bool("show_rules", v).unwrap_or(false),
                                _ => r.unknown(key, &["show_rules"], "[site] "),
                            }
                        }
                    }
                }
                _ => r.unknown(key, &["register", "policy", "campaign", "check", "notice", "site"], "qingli.toml "),
            }
        }
    }
    (cfg, r.diags)
}

/// The keys of `[notice]`.
pub(crate) const NOTICE_KEYS: &[&str] = &[
    "issuer",
    "doc_number",
    "recipients",
    "title",
    "basis",
    "date",
    "disclosure",
    "issuer_mark",
    "cc",
    "printer",
    "print_date",
];

/// `[notice]`: the settings of the 清理结果通知. A 文号 not in the
/// GB/T 9704 form is reported like a document's and used in canonical form.
fn notice(r: &mut Reader<'_>, t: &Table<'_>) -> NoticeConfig {
    let mut n = NoticeConfig::default();
    for (key, v) in t {
        let k = key.name;
        match k {
            "issuer" => n.issuer = r.text(k, v),
            "recipients" => n.recipients = r.text(k, v),
            "title" => n.title = r.text(k, v),
            "basis" => n.basis = r.text(k, v),
            "disclosure" => n.disclosure = r.text(k, v),
            "date" => n.date = r.date(k, v),
            "issuer_mark" => n.issuer_mark = r.text(k, v),
            "cc" => n.cc = r.text(k, v),
            "printer" => n.printer = r.text(k, v),
            "print_date" => n.print_date = r.date(k, v),
            "doc_number" => {
                n.doc_number = r.text(k, v).map(|raw| {
                    doc_number_style(r, start(v), &raw, "[notice] ", "");
                    docnum::normalize(&raw)
                });
            }
            _ => r.unknown(key, NOTICE_KEYS, "[notice] "),
        }
    }
    n
}

/// `[check]`: `deny`, `warn`, `allow` lists of check codes.
fn check_levels(r: &mut Reader<'_>, t: &Table<'_>) -> crate::diag::Levels {
    let mut levels = crate::diag::Levels::default();
    for (key, v) in t {
        let k = key.name;
        let list = match k {
            "deny" => &mut levels.deny,
            "warn" => &mut levels.warn,
            "allow" => &mut levels.allow,
            _ => {
                r.unknown(key, &["deny", "warn", "allow"], "[check] ");
                continue;
            }
        };
        let Some(items) = r.array(k, v) else { continue };
        for item in items {
            let Some(name) = r.string(k, item) else { continue };
            match crate::diag::level_code(&name, k) {
                Ok(code) => list.push(code),
                Err(message) => r.report(Code::BadValue, start(item), message, "改正或删除这个代码"),
            }
        }
    }
    levels
}

/// The keys of `[policy]`.
pub(crate) const POLICY_KEYS: &[&str] = &[
    "validity_max_years",
    "provisional_max_years",
    "default_validity_years",
    "evaluate_before_expiry_months",
    "cleanup_interval_years",
    "filing_days",
    "disclosure_working_days",
    "revision_days",
    "law_change_review_days",
    "extend_to_workday",
    "deadlines_from",
];

fn policy(r: &mut Reader<'_>, t: &Table<'_>) -> Policy {
    let mut p = Policy::default();
    for (key, v) in t {
        let k = key.name;
        let slot = match k {
            "validity_max_years" => &mut p.validity_max_years,
            "provisional_max_years" => &mut p.provisional_max_years,
            "default_validity_years" => &mut p.default_validity_years,
            "evaluate_before_expiry_months" => &mut p.evaluate_before_expiry_months,
            "cleanup_interval_years" => &mut p.cleanup_interval_years,
            "filing_days" => &mut p.filing_days,
            "disclosure_working_days" => &mut p.disclosure_working_days,
            "revision_days" => &mut p.revision_days,
            "law_change_review_days" => &mut p.law_change_review_days,
            "extend_to_workday" => {
                if let Some(b) = r.bool(k, v) {
                    p.extend_to_workday = b;
                }
                continue;
            }
            "deadlines_from" => {
                p.deadlines_from = r.date(k, v);
                continue;
            }
            _ => {
                r.unknown(key, POLICY_KEYS, "[policy] ");
                continue;
            }
        };
        let Some(n) = r.uint(k, v) else { continue };
        // Sane bounds: a typo (50 → 500, days → years) must not silently move every deadline.
        let (lo, hi, unit) = match k {
            "validity_max_years" | "provisional_max_years" => (1, 50, "年"),
            "default_validity_years" | "cleanup_interval_years" => (0, 50, "年"),
            "evaluate_before_expiry_months" => (0, 600, "个月"),
            _ => (0, 3650, "日"),
        };
        if (lo..=hi).contains(&n) {
            *slot = n;
        } else {
            r.report(
                Code::BadValue,
                start(v),
                format!("`{k}` 为 {n}{unit},超出合理范围 {lo}–{hi}{unit}"),
                "核对取值(单位是否写错);超出范围时按默认值计算",
            );
        }
    }
    p
}

fn campaign(r: &mut Reader<'_>, t: &Table<'_>) -> Campaign {
    let mut c = Campaign::default();
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => c.name = r.text(k, v),
            "as_of" => c.as_of = r.date(k, v),
            "made_before" => c.made_before = r.date(k, v),
            "scope" => c.scope = r.each_table(k, v, |r, t, _| Some(scope(r, t))),
            "focus" => c.focus = r.each_table(k, v, focus),
            "phase" => c.phases = r.each_table(k, v, phase),
            _ => r.unknown(key, &["name", "as_of", "made_before", "scope", "focus", "phase"], "[campaign] "),
        }
    }
    c
}

fn scope(r: &mut Reader<'_>, t: &Table<'_>) -> ScopeWindow {
    let mut w = ScopeWindow { kinds: Vec::new(), series: Vec::new(), from: None, to: None };
    for (key, v) in t {
        let k = key.name;
        match k {
            "kinds" => w.kinds = r.strings(k, v),
            "series" => w.series = r.strings(k, v),
            "from" => w.from = r.date(k, v),
            "to" => w.to = r.date(k, v),
            _ => r.unknown(key, &["kinds", "series", "from", "to"], "[[campaign.scope]] "),
        }
    }
    w
}

fn focus(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Focus> {
    let (mut law, mut keywords) = (None, Vec::new());
    for (key, v) in t {
        let k = key.name;
        match k {
            "law" => law = r.text(k, v),
            "keywords" => keywords = r.strings(k, v),
            _ => r.unknown(key, &["law", "keywords"], "[[campaign.focus]] "),
        }
    }
    require(r, "[[campaign.focus]] ", t, at, &[("law", "law = \"物权法\"")]);
    Some(Focus { law: law?, keywords })
}

fn phase(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Phase> {
    let (mut name, mut due, mut after, mut days, mut requires) = (None, None, None, None, None);
    let mut verdicts: Vec<Verdict> = Vec::new();
    let mut verdicts_at = at;
    for (key, v) in t {
        let k = key.name;
        match k {
            "name" => name = r.text(k, v),
            "due" => due = r.date(k, v),
            "after" => after = r.word(k, v, ReviewDate::parse, ReviewDate::NAMES),
            "days" => days = r.uint(k, v),
            "requires" => requires = r.word(k, v, ReviewDate::parse, ReviewDate::NAMES),
            "verdicts" => {
                verdicts_at = start(v);
                for item in r.array(k, v).unwrap_or_default() {
                    verdicts.extend(r.word(k, item, Verdict::parse, Verdict::NAMES));
                }
            }
            _ => r.unknown(key, &["name", "due", "after", "days", "requires", "verdicts"], "[[campaign.phase]] "),
        }
    }
    let named = name.as_deref().map_or_else(|| "清理阶段".to_owned(), |n| format!("清理阶段「{n}」"));
    require(r, &named, t, at, &[("name", "name = \"上报清理意见\""), ("requires", "requires = \"decided\"")]);
    let due = match (due, after, days) {
        (Some(d), None, None) => PhaseDue::Absolute(d),
        (None, Some(key), Some(days)) => PhaseDue::After { key, days },
        _ => {
            let has_due = table_has(t, "due");
            let has_rel = table_has(t, "after") || table_has(t, "days");
            let complete_rel = table_has(t, "after") && table_has(t, "days");
            // A key that is present but failed to parse was reported already.
            let msg = if has_due && has_rel {
                Some(format!("{named}不能同时写 `due` 和 `after`/`days`"))
            } else if !has_due && !complete_rel {
                Some(format!("{named}须有 `due`(固定日期),或 `after` 加 `days`(相对期限)"))
            } else {
                None
            };
            if let Some(msg) = msg {
                r.report(Code::PhaseNoDeadline, at, msg, "例如 due = 2007-08-31,或 after = \"approved\" 与 days = 20");
            }
            return None;
        }
    };
    // 修改完成 (`revised`) concerns only the documents being amended.
    if requires == Some(ReviewDate::Revised) && (verdicts.is_empty() || verdicts.iter().any(|v| *v != Verdict::Amend)) {
        r.report(
            Code::PhaseVerdicts,
            verdicts_at,
            format!("{named}要求填写 revised(修改完成日期),只适用于清理意见为修改的文件"),
            "加上 verdicts = [\"修改\"],否则保留、废止的文件也会出现这一期限",
        );
    }
    Some(Phase { name: name?, due, requires: requires?, verdicts })
}

//! The rule engine (清理原则): status, rules Q00–Q13, combination, agreement.
//!
//! [`evaluate`] is a pure function of the register, the as-of date and the
//! policy: no I/O, no clock, and the same result whatever the file order or
//! thread count. Each rule lives in [`set`] as a function returning an
//! [`Eval`]; this module decides which documents are subject, combines the
//! fired rules (废止 > 失效 > 修改 > 保留) and compares the suggestion with the
//! recorded decision. See `docs/spec/RULES.md` and `docs/rules.md`.

mod set;

use rayon::prelude::*;
use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates;
use crate::load::model::{Campaign, Document, EventType, Policy, Verdict};
use crate::load::register::Register;

pub(crate) use set::RULES;

/// Whether a document is in force and subject to the campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Status {
    /// 现行有效: in force and subject to this campaign.
    InForce,
    /// 新制定: issued on or after `made_before` (or after the as-of date).
    New,
    /// 已废止: a 废止 event on or before the as-of date.
    Repealed,
    /// 已失效: a 失效 event on or before the as-of date.
    Expired,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::InForce => "现行有效",
            Status::New => "新制定",
            Status::Repealed => "已废止",
            Status::Expired => "已失效",
        }
    }
}

crate::load::model::as_str_impls!(Status);

/// What a rule gives when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Verdict(Verdict),
    /// Advice only (Q10, Q12, Q13): no verdict.
    Advice,
}

/// A rule's evaluation for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Eval {
    Fired {
        outcome: Outcome,
        explanation: String,
        needs_review: bool,
    },
    /// Not fired, and why (empty unless the environment asks for reasons).
    NotFired(Cow<'static, str>),
}

/// A rule of the set.
pub(crate) struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub eval: fn(&Env<'_>, &Document) -> Eval,
}

/// A fired rule as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Fired {
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Verdict>,
    pub explanation: String,
}

/// The evaluation of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Evaluation {
    pub status: Status,
    /// Why the document is not subject, for non-subject statuses.
    pub status_reason: String,
    /// Fired verdict rules in id order (Q00 when it gives 保留).
    pub rules: Vec<Fired>,
    /// Fired advice rules in id order.
    pub advice: Vec<Fired>,
    pub needs_review: bool,
    pub suggested: Option<Verdict>,
    pub decision: Option<Verdict>,
    /// The effective verdict: the decision, else the suggestion.
    pub verdict: Option<Verdict>,
    /// Whether the decision agrees with the suggestion (`None` without a decision or when not subject).
    pub agrees: Option<bool>,
}

impl Evaluation {
    /// A recorded decision that differs from the suggestion.
    pub(crate) fn disagrees(&self) -> bool {
        self.agrees == Some(false)
    }

    /// The explanations of the fired verdict rules, joined for a catalogue's 理由.
    pub(crate) fn reasons(&self) -> String {
        self.rules.iter().map(|f| format!("{}: {}", f.name, f.explanation)).collect::<Vec<_>>().join(";")
    }
}

/// Everything a rule may look at: the register, the date and the policy.
pub(crate) struct Env<'a> {
    pub reg: &'a Register,
    pub as_of: NaiveDate,
    pub policy: &'a Policy,
    pub campaign: Option<&'a Campaign>,
    /// Whether to spell out why rules did not fire (for `--explain`).
    pub explain: bool,
}

impl<'a> Env<'a> {
    pub(crate) fn new(reg: &'a Register, as_of: NaiveDate) -> Self {
        Env { reg, as_of, policy: &reg.config.policy, campaign: reg.config.campaign.as_ref(), explain: false }
    }

    /// A not-fired result whose reason is only built when explaining.
    pub(crate) fn no(&self, reason: impl FnOnce() -> String) -> Eval {
        Eval::NotFired(if self.explain { Cow::Owned(reason()) } else { Cow::Borrowed("") })
    }
}

/// The document's expiry: `expires`, else the presumed expiry when
/// `default_validity_years` > 0 (`provisional_max_years` when provisional).
/// The flag says whether it is presumed.
pub(crate) fn expiry(doc: &Document, policy: &Policy) -> Option<(NaiveDate, bool)> {
    if let Some(e) = doc.expires {
        return Some((e, false));
    }
    if policy.default_validity_years == 0 {
        return None;
    }
    let years = if doc.provisional { policy.provisional_max_years } else { policy.default_validity_years };
    Some((dates::period_end(doc.effective, i64::from(years)), true))
}

/// The document's status as of the environment's date, with the reason
/// (spelled out only when explaining).
pub(crate) fn status(env: &Env<'_>, doc: &Document) -> (Status, String) {
    let because = |reason: &dyn Fn() -> String| if env.explain { reason() } else { String::new() };
    let ended = doc
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventType::Repeal | EventType::Expiry) && e.date <= env.as_of)
        .min_by_key(|e| (e.date, e.kind != EventType::Repeal));
    if let Some(e) = ended {
        let st = if e.kind == EventType::Repeal { Status::Repealed } else { Status::Expired };
        return (st, because(&|| format!("已于{}{}(见 [[event]])", e.date, e.kind)));
    }
    if let Some(mb) = env.campaign.and_then(|c| c.made_before)
        && doc.issued >= mb
    {
        return (Status::New, because(&|| format!("发布于{},不早于本次清理的截止日{mb},不在本次清理之列", doc.issued)));
    }
    if doc.issued > env.as_of {
        return (Status::New, because(&|| format!("发布于{},晚于评估日{}", doc.issued, env.as_of)));
    }
    (Status::InForce, String::new())
}

/// Evaluates one document.
pub(crate) fn evaluate_doc(env: &Env<'_>, doc: &Document) -> Evaluation {
    let decision = doc.decision();
    let (status, status_reason) = status(env, doc);
    let mut ev = Evaluation {
        status,
        status_reason,
        rules: Vec::new(),
        advice: Vec::new(),
        needs_review: false,
        suggested: None,
        decision,
        verdict: None,
        agrees: None,
    };
    if status != Status::InForce {
        return ev;
    }
    let mut suggested = Verdict::Keep;
    for rule in RULES {
        if let Eval::Fired { outcome, explanation, needs_review } = (rule.eval)(env, doc) {
            ev.needs_review |= needs_review;
            match outcome {
                Outcome::Verdict(v) => {
                    suggested = suggested.max(v);
                    ev.rules.push(Fired { id: rule.id, name: rule.name, outcome: Some(v), explanation });
                }
                Outcome::Advice => ev.advice.push(Fired { id: rule.id, name: rule.name, outcome: None, explanation }),
            }
        }
    }
    if ev.rules.is_empty() {
        ev.rules.push(Fired {
            id: "Q00",
            name: "合法有效",
            outcome: Some(Verdict::Keep),
            explanation: "未发现应予废止、宣布失效或修改的情形".to_owned(),
        });
    }
    ev.suggested = Some(suggested);
    ev.verdict = Some(decision.unwrap_or(suggested));
    ev.agrees = decision.map(|d| d == suggested);
    ev
}

/// Every document's status, in register order, without evaluating rules
/// (for reports that only need to know what is in force).
pub(crate) fn statuses(reg: &Register, as_of: NaiveDate) -> Vec<Status> {
    let env = Env::new(reg, as_of);
    reg.documents.par_iter().map(|d| status(&env, d).0).collect()
}

/// Evaluates every document of the register, in register order.
pub(crate) fn evaluate(reg: &Register, as_of: NaiveDate) -> Vec<Evaluation> {
    let env = Env::new(reg, as_of);
    reg.documents.par_iter().map(|d| evaluate_doc(&env, d)).collect()
}

/// One line of `review --explain`: a rule, whether it fired, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trace {
    pub id: &'static str,
    pub name: &'static str,
    pub fired: Option<Outcome>,
    pub explanation: String,
}

/// Evaluates every rule on one document, keeping the reasons of those that
/// did not fire.
pub(crate) fn trace(reg: &Register, as_of: NaiveDate, doc: &Document) -> Vec<Trace> {
    let mut env = Env::new(reg, as_of);
    env.explain = true;
    RULES
        .iter()
        .map(|rule| match (rule.eval)(&env, doc) {
            Eval::Fired { outcome, explanation, .. } => {
                Trace { id: rule.id, name: rule.name, fired: Some(outcome), explanation }
            }
            Eval::NotFired(why) => Trace { id: rule.id, name: rule.name, fired: None, explanation: why.into_owned() },
        })
        .collect()
}

/// A `basis` entry as `--explain` shows it.
#[derive(Debug)]
pub(crate) struct Basis<'r> {
    /// The law's name as cited (one entry may cite several laws).
    pub cited: String,
    /// The law it resolves to, if any.
    pub law: Option<&'r crate::load::model::Law>,
    /// When the law was repealed (a date, or 日期不详), if it is repealed on the as-of date.
    pub repealed: Option<String>,
}

/// Everything `review --explain` shows about one document, computed here so
/// that rendering only formats.
#[derive(Debug)]
pub(crate) struct Explanation<'r> {
    pub ev: Evaluation,
    pub trace: Vec<Trace>,
    /// The last day of validity, and whether it is presumed from the policy.
    pub expiry: Option<(NaiveDate, bool)>,
    pub basis: Vec<Basis<'r>>,
}

/// Evaluates one document for `review --explain`.
pub(crate) fn explain<'r>(reg: &'r Register, as_of: NaiveDate, doc: &'r Document) -> Explanation<'r> {
    let mut env = Env::new(reg, as_of);
    env.explain = true;
    let basis = doc
        .basis
        .iter()
        .flat_map(|b| reg.laws.resolve_all(b))
        .map(|(cited, law)| {
            let repealed = law.filter(|l| l.repealed_on(as_of)).map(crate::load::model::Law::repealed_text);
            Basis { cited: cited.name, law, repealed }
        })
        .collect();
    Explanation {
        ev: evaluate_doc(&env, doc),
        trace: trace(reg, as_of, doc),
        expiry: expiry(doc, &reg.config.policy),
        basis,
    }
}

#[cfg(test)]
pub(crate) mod tests;

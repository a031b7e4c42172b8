//! The rules Q01–Q13, one function each, in id order.
//!
//! Each function looks at one document through an [`Env`] and returns
//! [`Eval::Fired`] with a Chinese explanation naming the fact behind it, or
//! [`Eval::NotFired`] (with a reason only when explaining). Q00 is not here:
//! the engine adds it when no verdict rule fires. Pure functions.

use super::{Env, Eval, Outcome, Rule};
use crate::dates;
use crate::docnum;
use crate::load::model::{Document, EventType, Finding, FindingScope, FindingType, Verdict};
use crate::load::register::Target;

/// The rules in id order.
pub(crate) static RULES: &[Rule] = &[
    Rule { id: "Q01", name: "上位法抵触", eval: q01 },
    Rule { id: "Q02", name: "已被替代", eval: q02 },
    Rule { id: "Q03", name: "适用期已过", eval: q03 },
    Rule { id: "Q04", name: "调整对象消失", eval: q04 },
    Rule { id: "Q05", name: "有效期届满", eval: q05 },
    Rule { id: "Q06", name: "个别条款不一致", eval: q06 },
    Rule { id: "Q07", name: "上位法依据已废止", eval: q07 },
    Rule { id: "Q08", name: "越权设定", eval: q08 },
    Rule { id: "Q09", name: "有效期不合规", eval: q09 },
    Rule { id: "Q10", name: "与上级文件不一致", eval: q10 },
    Rule { id: "Q11", name: "清理范围外", eval: q11 },
    Rule { id: "Q12", name: "专项对照", eval: q12 },
    Rule { id: "Q13", name: "上位法已修订", eval: q13 },
];

fn fired(v: Verdict, explanation: String) -> Eval {
    Eval::Fired { outcome: Outcome::Verdict(v), explanation, needs_review: false }
}

fn advice(explanation: String) -> Eval {
    Eval::Fired { outcome: Outcome::Advice, explanation, needs_review: false }
}

/// `《law》第N条` or `上位法`, for explanations.
fn cite(f: &Finding) -> String {
    let mut s = match &f.law {
        Some(l) => format!("《{}》", l.trim_matches(['《', '》'])),
        None => "上位法".to_owned(),
    };
    if let Some(a) = &f.articles {
        s.push_str(a);
    }
    s
}

fn with_note(base: String, f: &Finding) -> String {
    match &f.note {
        Some(n) => format!("{base}({n})"),
        None => base,
    }
}

fn findings(doc: &Document, kind: FindingType, scope: Option<FindingScope>) -> impl Iterator<Item = &Finding> {
    doc.findings.iter().filter(move |f| f.kind == kind && scope.is_none_or(|s| f.scope == Some(s)))
}

fn q01(env: &Env<'_>, doc: &Document) -> Eval {
    let parts: Vec<String> = findings(doc, FindingType::Conflict, Some(FindingScope::Main))
        .map(|f| with_note(format!("主要内容与{}相抵触", cite(f)), f))
        .collect();
    if parts.is_empty() {
        return env.no(|| "没有涉及主要内容的「上位法抵触」审查发现".to_owned());
    }
    fired(Verdict::Repeal, parts.join(";"))
}

fn q02(env: &Env<'_>, doc: &Document) -> Eval {
    let Some(reference) = &doc.superseded_by else {
        return env.no(|| "未登记被替代情况(被哪件文件或法律替代)".to_owned());
    };
    match env.reg.resolve(reference) {
        Target::Document(j) => {
            let by = &env.reg.documents[j];
            if by.id() == doc.id() {
                return env.no(|| "登记的替代文件是本文件自身(见 qingli check)".to_owned());
            }
            let name = match &by.doc_number {
                Some(n) => format!("《{}》({})", by.title, docnum::normalize(n)),
                None => format!("《{}》", by.title),
            };
            // The replacement counts once it is in force; issued but not yet
            // effective, the old document still governs (advice only).
            if by.effective <= env.as_of {
                fired(Verdict::Repeal, format!("已被{name}替代,该文件于{}施行", by.effective))
            } else if by.issued <= env.as_of {
                advice(format!("将于{}被{name}替代(该文件{}发布,尚未施行)", by.effective, by.issued))
            } else {
                env.no(|| format!("替代文件{name}于{}发布,评估日{}尚未发布", by.issued, env.as_of))
            }
        }
        Target::Law(law) => match (law.effective, law.promulgated) {
            (Some(e), p) if e > env.as_of => match p.filter(|p| *p <= env.as_of) {
                Some(_) => advice(format!("将于{e}被《{}》替代(已公布,尚未施行)", law.name)),
                None => env.no(|| format!("替代的《{}》于{e}施行,评估日{}尚未施行", law.name, env.as_of)),
            },
            (None, Some(p)) if p > env.as_of => {
                env.no(|| format!("替代的《{}》于{p}公布,评估日{}尚未公布", law.name, env.as_of))
            }
            (Some(e), _) | (None, Some(e)) => {
                fired(Verdict::Repeal, format!("已被《{}》替代,该法自{e}起施行", law.name))
            }
            (None, None) => fired(Verdict::Repeal, format!("已被《{}》替代", law.name)),
        },
        Target::Nothing => env.no(|| format!("登记的替代文件 `{reference}` 找不到对应的文件或法律(见 qingli check)")),
        Target::Ambiguous(_) => env.no(|| format!("登记的替代文件 `{reference}` 对应多个记录(见 qingli check)")),
    }
}

fn q03(env: &Env<'_>, doc: &Document) -> Eval {
    match doc.applies_until {
        Some(u) if u < env.as_of => fired(Verdict::Expire, format!("适用期至{u},已过期")),
        Some(u) => env.no(|| format!("适用期至{u},评估日{}尚未届满", env.as_of)),
        None => env.no(|| "未登记适用期至".to_owned()),
    }
}

fn q04(env: &Env<'_>, doc: &Document) -> Eval {
    let subject = doc.subject.as_deref().map_or_else(String::new, |s| format!("「{s}」"));
    match doc.subject_gone {
        Some(g) if g <= env.as_of => fired(Verdict::Expire, format!("调整对象{subject}已于{g}消失")),
        Some(g) => env.no(|| format!("调整对象{subject}于{g}消失,晚于评估日{}", env.as_of)),
        None => env.no(|| "未登记调整对象消失日期".to_owned()),
    }
}

fn q05(env: &Env<'_>, doc: &Document) -> Eval {
    match super::expiry(doc, env.policy) {
        Some((e, presumed)) if e < env.as_of => {
            let how = if presumed {
                let years =
                    if doc.provisional { env.policy.provisional_max_years } else { env.policy.default_validity_years };
                format!("未注明有效期,按{years}年推定有效期至{e}")
            } else {
                format!("有效期至{e}")
            };
            fired(Verdict::Expire, format!("{how},已届满"))
        }
        Some((e, _)) => env.no(|| format!("有效期至{e},评估日{}尚未届满", env.as_of)),
        None => env.no(|| "未注明有效期至,且本登记簿不推定有效期(推定有效期为 0 年)".to_owned()),
    }
}

fn q06(env: &Env<'_>, doc: &Document) -> Eval {
    let parts: Vec<String> = findings(doc, FindingType::Conflict, Some(FindingScope::Partial))
        .map(|f| with_note(format!("个别条款与{}不一致", cite(f)), f))
        .collect();
    if parts.is_empty() {
        return env.no(|| "没有涉及个别条款的「上位法抵触」审查发现".to_owned());
    }
    fired(Verdict::Amend, parts.join(";"))
}

/// A `basis` citation the law table does not have (Q07, Q13 name it).
fn not_in_table(name: &str) -> String {
    format!("依据《{name}》不在法律库中,未能判断")
}

/// A reason followed by the citations that could not be judged.
fn with_unknown(why: String, unknown: &[String]) -> String {
    std::iter::once(why).chain(unknown.iter().cloned()).collect::<Vec<_>>().join(";")
}

fn q07(env: &Env<'_>, doc: &Document) -> Eval {
    if doc.basis.is_empty() {
        return env.no(|| "未登记上位法依据".to_owned());
    }
    let mut parts = Vec::new();
    let mut all_resolved = true;
    let mut cited = 0;
    let mut unknown = Vec::new();
    for (c, law) in doc.basis.iter().flat_map(|b| env.reg.laws.resolve_all(b)) {
        cited += 1;
        let Some(law) = law else {
            all_resolved = false;
            unknown.push(not_in_table(&c.name));
            continue;
        };
        if law.repealed_on(env.as_of) {
            let mut s = match law.repealed {
                Some(r) => format!("依据的《{}》已于{r}废止", law.name),
                None => format!("依据的《{}》已废止(日期不详)", law.name),
            };
            if let Some(by) = &law.replaced_by {
                s.push_str(&format!(",由《{}》替代", by.trim_matches(['《', '》'])));
            }
            parts.push(s);
        }
    }
    if parts.is_empty() {
        return env.no(|| with_unknown(format!("上位法依据({})在评估日均未废止", doc.basis.join("、")), &unknown));
    }
    let needs_review = all_resolved && parts.len() == cited;
    parts.extend(unknown);
    let mut explanation = parts.join(";");
    if needs_review {
        explanation.push_str(";全部上位法依据均已废止,需人工复核是否仍有依据");
    }
    Eval::Fired { outcome: Outcome::Verdict(Verdict::Amend), explanation, needs_review }
}

fn q08(env: &Env<'_>, doc: &Document) -> Eval {
    let list: Vec<&Finding> = findings(doc, FindingType::Ultra, None).collect();
    if list.is_empty() {
        return env.no(|| "没有「越权设定」审查发现".to_owned());
    }
    let main = list.iter().any(|f| f.scope == Some(FindingScope::Main));
    let parts: Vec<String> = list
        .iter()
        .map(|f| {
            let what = if f.scope == Some(FindingScope::Main) { "主要内容" } else { "个别条款" };
            with_note(format!("{what}越权设定,违反{}", cite(f)), f)
        })
        .collect();
    fired(if main { Verdict::Repeal } else { Verdict::Amend }, parts.join(";"))
}

fn q09(env: &Env<'_>, doc: &Document) -> Eval {
    let Some(e) = doc.expires else {
        return env.no(|| "未注明有效期至".to_owned());
    };
    if e < doc.effective {
        return fired(Verdict::Amend, format!("有效期至{e},早于施行日期{}", doc.effective));
    }
    let (years, label) = if doc.provisional {
        (env.policy.provisional_max_years, "暂行、试行文件")
    } else {
        (env.policy.validity_max_years, "规范性文件")
    };
    let latest = dates::period_end(doc.effective, i64::from(years));
    if e > latest {
        return fired(
            Verdict::Amend,
            format!("自{}施行、有效期至{e},超过{label}有效期最长{years}年的规定(最迟至{latest})", doc.effective),
        );
    }
    env.no(|| format!("有效期至{e},未超过{years}年上限(最迟至{latest})"))
}

fn q10(env: &Env<'_>, doc: &Document) -> Eval {
    let parts: Vec<String> = findings(doc, FindingType::Inconsistent, None)
        .map(|f| {
            with_note(
                format!(
                    "与上级文件{}不一致",
                    f.law.as_deref().map_or_else(String::new, |l| format!("《{}》", l.trim_matches(['《', '》'])))
                ),
                f,
            )
        })
        .collect();
    // Findings of type 其他 no rule reads: never a silent 保留.
    let others: Vec<String> =
        findings(doc, FindingType::Other, None).map(|f| with_note("有其他审查发现,请人工判断".to_owned(), f)).collect();
    if parts.is_empty() && others.is_empty() {
        return env.no(|| "没有「与上级文件不一致」或「其他」审查发现".to_owned());
    }
    let mut text = Vec::new();
    if !parts.is_empty() {
        text.push(format!("{},需提出处理建议", parts.join(";")));
    }
    text.extend(others.iter().cloned());
    Eval::Fired { outcome: Outcome::Advice, explanation: text.join(";"), needs_review: !others.is_empty() }
}

fn q11(env: &Env<'_>, doc: &Document) -> Eval {
    let windows = env.campaign.map_or(&[][..], |c| c.scope.as_slice());
    if windows.is_empty() {
        return env.no(|| "本次清理未设清理范围".to_owned());
    }
    let series = doc.doc_number.as_deref().and_then(docnum::series);
    let matches = windows.iter().any(|w| {
        let dated = w.from.is_none_or(|f| f <= doc.issued) && w.to.is_none_or(|t| doc.issued <= t);
        let open = w.kinds.is_empty() && w.series.is_empty();
        let by_kind = w.kinds.iter().any(|k| k == "*" || **k == *doc.kind);
        let by_series = w.series.iter().any(|s| s == "*" || Some(s.as_str()) == series.as_deref());
        dated && (open || by_kind || by_series)
    });
    // Made only when it is shown (most documents are in scope, and then
    // the explanation is asked for only by `--explain`).
    let series_text = || series.as_deref().map_or_else(|| "无文号".to_owned(), |s| format!("文号代字「{s}」"));
    if matches {
        return env.no(|| format!("类别「{}」、{}、发布于{},在清理范围内", doc.kind, series_text(), doc.issued));
    }
    // A 文号 whose 代字 cannot be read is not "no 文号": the windows that
    // list 代字 cannot be judged, so a person decides (never 废止 by default).
    if let (Some(number), None) = (doc.doc_number.as_deref(), series.as_deref())
        && windows.iter().any(|w| !w.series.is_empty())
    {
        return Eval::Fired {
            outcome: Outcome::Advice,
            explanation: format!(
                "文号「{number}」中识别不出代字(没有带年份的括号),无法按代字判断是否在清理范围内;类别「{}」、发布于{}不在按类别划定的范围内,请人工核对",
                doc.kind, doc.issued
            ),
            needs_review: true,
        };
    }
    fired(
        Verdict::Repeal,
        format!("类别「{}」、{}、发布于{},不在本次清理范围内,一律废止", doc.kind, series_text(), doc.issued),
    )
}

fn q12(env: &Env<'_>, doc: &Document) -> Eval {
    let focus = env.campaign.map_or(&[][..], |c| c.focus.as_slice());
    if focus.is_empty() {
        return env.no(|| "本次清理未设专项对照的法律".to_owned());
    }
    let laws = &env.reg.laws;
    let mut parts = Vec::new();
    let mut reasons = Vec::new();
    for f in focus {
        let Some(kw) = f.keywords.iter().find(|k| doc.title.contains(k.as_str())) else {
            if env.explain {
                reasons.push(format!("标题不含《{}》的关键词", f.law));
            }
            continue;
        };
        let compared = doc.events.iter().any(|e| {
            e.kind == EventType::Comparison
                && e.date <= env.as_of
                && e.law.as_deref().is_some_and(|l| laws.same(l, &f.law))
        });
        let found = doc.findings.iter().any(|x| x.law.as_deref().is_some_and(|l| laws.same(l, &f.law)));
        if compared || found {
            if env.explain {
                let how = if compared { "已有对照审查记录" } else { "已有援引该法的审查发现" };
                reasons.push(format!("标题含「{kw}」,{how}《{}》", f.law));
            }
            continue;
        }
        parts.push(format!("标题含「{kw}」,需对照《{}》审查(尚无对照审查记录或相关审查发现)", f.law));
    }
    if parts.is_empty() {
        return env.no(|| reasons.join(";"));
    }
    advice(parts.join(";"))
}

fn q13(env: &Env<'_>, doc: &Document) -> Eval {
    let mut parts = Vec::new();
    let mut unknown = Vec::new();
    for (c, law) in doc.basis.iter().flat_map(|b| env.reg.laws.resolve_all(b)) {
        let Some(law) = law else {
            unknown.push(not_in_table(&c.name));
            continue;
        };
        if let Some(r) = law.revised.iter().rev().find(|r| **r > doc.issued && **r <= env.as_of) {
            parts.push(format!(
                "《{}》已于{r}修订(晚于本文件发布日{}),建议对照修订后的《{}》审查",
                law.name, doc.issued, law.name
            ));
        }
    }
    if parts.is_empty() {
        return env.no(|| with_unknown("上位法依据在本文件发布后、评估日前均无修订".to_owned(), &unknown));
    }
    parts.extend(unknown);
    advice(parts.join(";"))
}

//! Rendering `qingli diff`: terminal text, a Markdown pull-request comment,
//! and JSON for bots.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::judge::compare::{Change, Comparison, Entry, Unreadable};
use crate::load::model::Verdict;
use crate::render::{doc_name, md_text};

/// What is being compared, for headings.
pub(crate) struct Labels<'a> {
    pub base: &'a str,
    pub head: &'a str,
    pub as_of: NaiveDate,
}

fn v(x: Option<Verdict>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

fn arrow<T: PartialEq>(before: T, after: T, show: impl Fn(T) -> String) -> String {
    if before == after { show(after) } else { format!("{} → {}", show(before), show(after)) }
}

fn summary(c: &Comparison) -> String {
    let moved = c.changed.iter().filter(|x| x.verdict_moved()).count();
    let unreadable =
        if c.unreadable.is_empty() { String::new() } else { format!("、无法解析 {} 件", c.unreadable.len()) };
    let edits = if c.laws_changed.is_empty() && c.settings_changed.is_empty() {
        String::new()
    } else {
        format!(";上位法库变动 {} 处、设置变动 {} 处", c.laws_changed.len(), c.settings_changed.len())
    };
    format!(
        "新增 {} 件、删除 {} 件、变更 {} 件(其中清理结论或规则建议变化 {moved} 件){unreadable}{edits};新的检查问题 {} 个,已解决 {} 个;新版本共有检查错误 {} 个",
        c.added.len(),
        c.removed.len(),
        c.changed.len(),
        c.new_problems.len(),
        c.fixed_problems.len(),
        c.head_errors
    )
}

/// Why the verdict moved: the rules that started or stopped firing.
fn why(x: &Change) -> String {
    let mut parts: Vec<String> = x.rules_added.iter().map(|r| format!("新触发 {r}")).collect();
    parts.extend(x.rules_removed.iter().map(|r| format!("不再触发 {r}")));
    parts.extend(x.rules_changed.iter().map(|r| format!("规则结果变化 {r}")));
    if x.decision.before != x.decision.after {
        parts.push(format!("清理意见 {}", arrow(x.decision.before, x.decision.after, v)));
    }
    if x.status.before != x.status.after {
        parts.push(format!("状态 {} → {}", x.status.before, x.status.after));
    }
    parts.join(";")
}

fn diag_line(d: &Diagnostic) -> String {
    format!("{}:{}:{}: {}[{}]: {}", d.file, d.line, d.column, d.severity.label(), d.code.name(), d.message)
}

/// `文号《标题》 (id …): 在 <head> 中无法解析`
fn unreadable_line(u: &Unreadable, l: &Labels<'_>) -> String {
    let what = match (u.doc_number.as_deref(), u.title.as_deref()) {
        (n, Some(t)) => doc_name(n, t),
        (Some(n), None) => n.to_owned(),
        (None, None) => u.file.clone(),
    };
    let state = match u.broken_in {
        "base" => format!("在 {} 中无法解析,在 {} 中已可解析", l.base, l.head),
        "both" => format!("在 {} 和 {} 中都无法解析", l.base, l.head),
        _ => format!("在 {} 中无法解析", l.head),
    };
    format!("{what} (id {}, {}): 无法解析 — {state}", u.id, u.file)
}

fn entry_line(e: &Entry) -> String {
    format!(
        "{} (id {}): {},规则建议 {},{}",
        doc_name(e.doc_number.as_deref(), &e.title),
        e.id,
        e.status,
        v(e.suggested),
        e.catalog
    )
}

/// The law table's and the settings' edits, each on its own line, under
/// their headings (nothing when there are none).
fn edit_sections(c: &Comparison) -> Vec<(&'static str, Vec<String>)> {
    let mut out = Vec::new();
    if !c.laws_changed.is_empty() {
        out.push(("上位法库变动", c.laws_changed.iter().map(crate::judge::edits::LawEdit::describe).collect()));
    }
    if !c.settings_changed.is_empty() {
        out.push(("设置变动", c.settings_changed.iter().map(crate::judge::edits::SettingEdit::describe).collect()));
    }
    out
}

/// Why the verdict moved, with the edits outside the record it may come from.
fn with_edits(x: &Change) -> String {
    if x.caused_by.is_empty() { why(x) } else { format!("{};相关改动: {}", why(x), x.caused_by.join(";")) }
}

/// Plain text for the terminal.
pub(crate) fn text(out: &mut dyn Write, c: &Comparison, l: &Labels<'_>) -> std::io::Result<()> {
    writeln!(out, "比较 {} → {}(评估日 {})", l.base, l.head, l.as_of)?;
    writeln!(out, "{}", summary(c))?;
    for (title, lines) in edit_sections(c) {
        writeln!(out, "\n{title}:")?;
        for line in lines {
            writeln!(out, "  {line}")?;
        }
    }
    let moved: Vec<&Change> = c.changed.iter().filter(|x| x.verdict_moved()).collect();
    if !moved.is_empty() {
        writeln!(out, "\n清理结论变化:")?;
        for x in moved {
            writeln!(out, "  {} (id {})", doc_name(x.doc_number.as_deref(), &x.title), x.id)?;
            writeln!(
                out,
                "    规则建议 {};清理结论 {};目录 {}",
                arrow(x.suggested.before, x.suggested.after, v),
                arrow(x.verdict.before, x.verdict.after, v),
                arrow(x.catalog.before.as_str(), x.catalog.after.as_str(), str::to_owned)
            )?;
            writeln!(out, "    原因: {}", why(x))?;
            if !x.caused_by.is_empty() {
                writeln!(out, "    相关改动: {}", x.caused_by.join(";"))?;
            }
        }
    }
    for (title, list) in [("新增文件", &c.added), ("删除文件", &c.removed)] {
        if !list.is_empty() {
            writeln!(out, "\n{title}:")?;
            for e in list {
                writeln!(out, "  {}", entry_line(e))?;
            }
        }
    }
    if !c.unreadable.is_empty() {
        writeln!(out, "\n无法解析的文件:")?;
        for u in &c.unreadable {
            writeln!(out, "  {}", unreadable_line(u, l))?;
            for e in &u.errors {
                writeln!(out, "    {e}")?;
            }
        }
    }
    // Every other changed document, named with what changed: its fields,
    // and the rules that changed with them — including changes that come
    // only from the law table (a new revision: Q13 newly fires).
    let edited: Vec<&Change> = c.changed.iter().filter(|x| !x.facts.is_empty() || !x.verdict_moved()).collect();
    if !edited.is_empty() {
        writeln!(out, "\n内容变更:")?;
        for x in edited {
            writeln!(out, "  {} (id {})", doc_name(x.doc_number.as_deref(), &x.title), x.id)?;
            for f in &x.facts {
                writeln!(
                    out,
                    "    {}: {} → {}",
                    f.field,
                    f.before.as_deref().unwrap_or("—"),
                    f.after.as_deref().unwrap_or("—")
                )?;
            }
            if x.facts.is_empty() {
                writeln!(out, "    记录未改动;变化来自上位法库或其他文件")?;
            }
            let rules = why(x);
            if !x.verdict_moved() && !rules.is_empty() {
                writeln!(out, "    规则(清理结论未变): {rules}")?;
            }
        }
    }
    for (title, list) in [("新的检查问题", &c.new_problems), ("已解决的检查问题", &c.fixed_problems)] {
        if !list.is_empty() {
            writeln!(out, "\n{title}:")?;
            for d in list {
                writeln!(out, "  {}", diag_line(d))?;
            }
        }
    }
    Ok(())
}

/// A Markdown comment ready to post on a pull request.
pub(crate) fn markdown(out: &mut dyn Write, c: &Comparison, l: &Labels<'_>) -> std::io::Result<()> {
    // Revisions are the caller's words (a branch, a SHA), shown as code.
    writeln!(
        out,
        "### qingli diff: `{}` → `{}`(评估日 {})\n",
        l.base.replace('`', ""),
        l.head.replace('`', ""),
        l.as_of
    )?;
    writeln!(out, "{}。", summary(c))?;
    for (title, lines) in edit_sections(c) {
        writeln!(out, "\n#### {title}\n")?;
        for line in lines {
            writeln!(out, "- {}", md_text(&line))?;
        }
    }
    let moved: Vec<&Change> = c.changed.iter().filter(|x| x.verdict_moved()).collect();
    if !moved.is_empty() {
        writeln!(out, "\n#### 清理结论变化\n")?;
        writeln!(out, "| 文件 | 规则建议 | 清理结论 | 目录 | 原因 |\n|---|---|---|---|---|")?;
        for x in moved {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md_text(&doc_name(x.doc_number.as_deref(), &x.title)),
                arrow(x.suggested.before, x.suggested.after, v),
                arrow(x.verdict.before, x.verdict.after, v),
                md_text(&arrow(x.catalog.before.as_str(), x.catalog.after.as_str(), str::to_owned)),
                md_text(&with_edits(x))
            )?;
        }
    }
    for (title, list) in [("新增文件", &c.added), ("删除文件", &c.removed)] {
        if !list.is_empty() {
            writeln!(out, "\n#### {title}\n")?;
            for e in list {
                writeln!(out, "- {}", md_text(&entry_line(e)))?;
            }
        }
    }
    if !c.unreadable.is_empty() {
        writeln!(out, "\n#### 无法解析的文件\n")?;
        for u in &c.unreadable {
            writeln!(out, "- {}", md_text(&unreadable_line(u, l)))?;
            for e in &u.errors {
                writeln!(out, "  - {}", md_text(e))?;
            }
        }
    }
    let edited: Vec<&Change> = c.changed.iter().filter(|x| !x.facts.is_empty() || !x.verdict_moved()).collect();
    if !edited.is_empty() {
        writeln!(out, "\n#### 内容变更\n")?;
        for x in edited {
            writeln!(out, "- **{}** (id {})", md_text(&doc_name(x.doc_number.as_deref(), &x.title)), md_text(&x.id))?;
            for f in &x.facts {
                let show = |v: &Option<String>| md_text(v.as_deref().unwrap_or("—"));
                writeln!(out, "  - `{}`: {} → {}", f.field, show(&f.before), show(&f.after))?;
            }
            if x.facts.is_empty() {
                writeln!(out, "  - 记录未改动;变化来自上位法库或其他文件")?;
            }
            let rules = why(x);
            if !x.verdict_moved() && !rules.is_empty() {
                writeln!(out, "  - 规则(清理结论未变): {}", md_text(&rules))?;
            }
        }
    }
    for (title, list) in [("新的检查问题", &c.new_problems), ("已解决的检查问题", &c.fixed_problems)] {
        if !list.is_empty() {
            writeln!(out, "\n#### {title}\n")?;
            for d in list {
                writeln!(out, "- {}", md_text(&diag_line(d)))?;
            }
        }
    }
    Ok(())
}

/// JSON for bots.
pub(crate) fn json(out: &mut dyn Write, c: &Comparison, l: &Labels<'_>) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        base: &'a str,
        head: &'a str,
        as_of: NaiveDate,
        #[serde(flatten)]
        comparison: &'a Comparison,
    }
    serde_json::to_writer_pretty(&mut *out, &Report { base: l.base, head: l.head, as_of: l.as_of, comparison: c })?;
    writeln!(out)
}

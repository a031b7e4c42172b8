//! Rendering `qingli decide`: what was recorded, the warning when the
//! decision departs from the rules without a reason, and each refusal.

use std::io::Write;

use crate::diag::Diagnostic;
use crate::judge::rules::Evaluation;
use crate::load::model::{Document, Verdict};
use crate::load::register::Register;
use crate::write::decide::Decision;

fn name(doc: &Document) -> String {
    super::doc_name(doc.doc_number.as_deref(), &doc.title)
}

/// The decision written.
pub(crate) fn recorded(out: &mut dyn Write, reg: &Register, doc: &Document, d: &Decision) -> std::io::Result<()> {
    let verdict = d.decision.map_or("—", Verdict::as_str);
    write!(out, "已记录 {}: 清理意见「{verdict}」", name(doc))?;
    if let Some(date) = d.decided {
        write!(out, ",{date}")?;
    }
    if let Some(r) = &d.reviewer {
        write!(out, ",审核人 {r}")?;
    }
    writeln!(out, "({})", reg.display(&doc.path))
}

/// A decision that differs from the suggestion, with no reason given.
pub(crate) fn disagreement(
    err: &mut dyn Write,
    doc: &Document,
    chosen: Verdict,
    ev: &Evaluation,
    (reason, override_reason): (bool, bool),
) -> std::io::Result<()> {
    let suggested = ev.suggested.map_or("—", Verdict::as_str);
    let id = doc.id();
    if reason && override_reason {
        return Ok(());
    }
    let none = if reason || override_reason { "" } else { ",且没有说明理由" };
    writeln!(err, "注意: 清理意见「{chosen}」与规则建议「{suggested}」不一致{none}。规则的判断:")?;
    for f in &ev.rules {
        writeln!(err, "  {} {}: {}", f.id, f.name, f.explanation)?;
    }
    if !reason {
        writeln!(
            err,
            "提示: 目录的“理由”一栏将公布 reason;没有时显示“(理由待填)”,定稿(catalog --require-decisions)会拒绝:\n  qingli decide {id} {chosen} --reason \"……\""
        )?;
    }
    if !override_reason {
        writeln!(
            err,
            "提示: 不采纳规则建议的内部说明(不公布)写在 override_reason,`qingli check --strict` 才能通过:\n  qingli decide {id} {chosen} --override-reason \"……\""
        )?;
    }
    Ok(())
}

/// Why a document that is not subject to the campaign gets no decision.
pub(crate) fn not_subject(err: &mut dyn Write, doc: &Document, ev: &Evaluation) -> std::io::Result<()> {
    writeln!(
        err,
        "错误: {} 的状态是「{}」({}),不在本次清理之列,未记录清理意见",
        name(doc),
        ev.status,
        ev.status_reason
    )?;
    untouched(err)
}

/// Why a record with an error (the gate's findings) gets no decision.
pub(crate) fn flawed(err: &mut dyn Write, doc: &Document, errors: &[&Diagnostic]) -> std::io::Result<()> {
    writeln!(err, "错误: {} 有 {} 个错误,未记录清理意见:", name(doc), errors.len())?;
    for d in errors {
        super::diag::line(err, d)?;
    }
    writeln!(err, "提示: 改正以上错误(`qingli check` 列出登记簿的全部问题)后再记录")?;
    untouched(err)
}

/// The file was not touched.
pub(crate) fn untouched(err: &mut dyn Write) -> std::io::Result<()> {
    writeln!(err, "登记簿未作任何改动")
}

/// Someone changed the file between the read and the write.
pub(crate) fn changed_meanwhile(err: &mut dyn Write, file: &str) -> std::io::Result<()> {
    writeln!(err, "错误: `{file}` 在记录期间被其他程序修改,未覆盖(以免丢失修改);请重新运行")
}

/// A decision typed in another word (继续有效): what it was taken as.
pub(crate) fn understood(out: &mut dyn Write, word: &str, verdict: Verdict) -> std::io::Result<()> {
    writeln!(out, "(「{}」按「{verdict}」记录)", crate::render::terminal_text(word))
}

/// The file is no longer the record that was loaded.
pub(crate) fn not_as_loaded(err: &mut dyn Write, file: &str, why: &str) -> std::io::Result<()> {
    writeln!(
        err,
        "错误: `{file}` 在读入之后被改动,{why};未修改(以免在不完整的内容上写入)\n提示: 文件可能正被另一个程序保存;稍后用 qingli check 确认它完好,再重新运行"
    )
}

/// The message for a REF that names no document.
pub(crate) fn unknown(reg: &Register, reference: &str, near: &[usize]) -> String {
    let mut m = format!("登记簿中没有 id 或文号为 `{reference}` 的文件");
    if !near.is_empty() {
        m.push_str("\n是否是:");
        for &i in near {
            let d = &reg.documents[i];
            m.push_str(&format!("\n  {}(id {})", name(d), d.id()));
        }
    }
    m.push_str("\n提示: REF 可以是 id(文件名)或文号,括号写法不限;`qingli review --format csv` 列出全部");
    m
}

/// The message for a REF that names several documents.
pub(crate) fn ambiguous(reg: &Register, reference: &str, found: &[usize]) -> String {
    let mut m = format!("`{reference}` 对应 {} 件文件,请改用 id:", found.len());
    for &i in found {
        let d = &reg.documents[i];
        m.push_str(&format!("\n  {}(id {},{})", name(d), d.id(), reg.display(&d.path)));
    }
    m
}

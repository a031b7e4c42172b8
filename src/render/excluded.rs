//! Naming the records that could not be evaluated, wherever they are left
//! out: the line under a terminal table, the stderr warning, the section of
//! 清理结果.md, the refusal of `catalog` and the JSON `excluded` array.
//!
//! Under 非公布即废止 a document missing from a published list is repealed,
//! so a record that drops out because of a typo must never do so silently.

use std::io::Write;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::gate::Findings;
use crate::load::register::{Excluded, Register};
use crate::render::md_text;

/// How a left-out record is named for a clerk: `文号《标题》(file,N 个错误)`.
pub(crate) fn label(e: &Excluded) -> String {
    let mut s = String::new();
    if let Some(n) = &e.doc_number {
        s.push_str(n);
    }
    if let Some(t) = &e.title {
        s.push_str(&format!("《{t}》"));
    }
    if s.is_empty() {
        s.push_str(&format!("id {}", e.id));
    }
    match &e.reason {
        Some(why) => format!("{s}({}: {why})", e.file),
        None => format!("{s}({},{} 个错误)", e.file, e.errors),
    }
}

/// What was left out, said without understating: a folder that could not
/// be read hides an unknown number of records. Reads before 未能评估:
/// `3 件文件`, `一个目录无法读取,其中的文件`, `3 件文件,另有一个目录无法读取,其中的文件`.
pub(crate) fn how_many(excluded: &[Excluded]) -> String {
    let folders = excluded.iter().filter(|e| e.is_folder()).count();
    let files = excluded.len() - folders;
    let dirs = |k: usize| {
        if k == 1 {
            "一个目录无法读取,其中的文件".to_owned()
        } else {
            format!("{k} 个目录无法读取,其中的文件")
        }
    };
    match (files, folders) {
        (n, 0) => format!("{n} 件文件"),
        (0, k) => dirs(k),
        (n, k) => format!("{n} 件文件,另有{}", dirs(k)),
    }
}

/// The heading of the list of what was left out.
fn heading(excluded: &[Excluded]) -> String {
    let why = "(有错误或未能读取,未列入上表;运行 `qingli check` 查看):";
    if excluded.iter().any(Excluded::is_folder) {
        format!("{}未能评估{why}", how_many(excluded))
    } else {
        format!("未能评估的文件 {} 件{why}", excluded.len())
    }
}

/// The line (and list) that ends a terminal table; nothing when none are left out.
pub(crate) fn footer(out: &mut dyn Write, excluded: &[Excluded]) -> std::io::Result<()> {
    if excluded.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", heading(excluded))?;
    for e in excluded {
        writeln!(out, "  {}", label(e))?;
    }
    Ok(())
}

/// The Markdown form of [`footer`], for Markdown reports.
pub(crate) fn markdown_footer(out: &mut dyn Write, excluded: &[Excluded]) -> std::io::Result<()> {
    if excluded.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{}\n", md_text(&heading(excluded)))?;
    for e in excluded {
        writeln!(out, "- {}", md_text(&label(e)))?;
    }
    Ok(())
}

/// The warning on stderr when the register has errors. `list` names every
/// left-out record (for reports that carry no list of their own: CSV, ICS);
/// otherwise the report itself names them and this is one line.
pub(crate) fn warn(err: &mut dyn Write, reg: &Register, list: bool) -> std::io::Result<()> {
    let errors = reg.load_errors();
    if errors == 0 {
        return Ok(());
    }
    if reg.excluded.is_empty() {
        return writeln!(err, "警告: 登记簿有 {errors} 个错误;运行 `qingli check` 查看详情");
    }
    let n = how_many(&reg.excluded);
    writeln!(err, "警告: 登记簿有 {errors} 个错误,{n}未能评估,未列入结果;运行 `qingli check` 查看详情")?;
    if list {
        for e in &reg.excluded {
            writeln!(err, "  {}", label(e))?;
        }
    }
    Ok(())
}

/// The warning on stderr when a draft is written over errors
/// (`--allow-errors`): how many errors, and how many records are left out.
pub(crate) fn draft(err: &mut dyn Write, reg: &Register, findings: &Findings) -> std::io::Result<()> {
    let n = how_many(&reg.excluded);
    writeln!(err, "警告: 登记簿有 {} 个错误,{n}未能评估,写出的是草稿;运行 `qingli check` 查看详情", findings.errors())
}

/// Why a `--fail-on` gate fails although the report may show nothing due:
/// what could not be read may be exactly what is overdue.
pub(crate) fn gate(err: &mut dyn Write, reg: &Register, findings: &Findings) -> std::io::Result<()> {
    writeln!(
        err,
        "错误: --fail-on 未通过: 登记簿有 {} 个错误({}未能评估),其中的期限无从判断;运行 `qingli check` 改正后再试",
        findings.errors(),
        how_many(&reg.excluded)
    )
}

/// `review --explain` of a record that could not be evaluated: what it is
/// and each of its errors, instead of "no such document".
pub(crate) fn explain(out: &mut dyn Write, reg: &Register, found: &[&Excluded]) -> std::io::Result<()> {
    for e in found {
        writeln!(out, "{} 有错误,未能评估:", label(e))?;
        for d in reg.diagnostics.iter().filter(|d| d.file == e.file && d.severity == crate::diag::Severity::Error) {
            super::diag::line(out, d)?;
        }
    }
    writeln!(out, "改正以上错误后再运行 `qingli review --explain`;`qingli check` 列出登记簿的全部问题")
}

/// Why `catalog` (`what` = 清理目录) or `site` (网站) wrote nothing: every
/// record that could not be evaluated, and the files of the other errors
/// the gate found, with what to do.
pub(crate) fn refusal(err: &mut dyn Write, reg: &Register, findings: &Findings, what: &str) -> std::io::Result<()> {
    writeln!(err, "错误: 登记簿有错误,未写出{what}(目录不完整时,漏列的文件按“非公布即废止”等于被废止)")?;
    if !reg.excluded.is_empty() {
        writeln!(err, "{}未能评估:", how_many(&reg.excluded))?;
        for e in &reg.excluded {
            writeln!(err, "  {}", label(e))?;
        }
    }
    let other: Vec<&Diagnostic> = findings
        .diagnostics()
        .iter()
        .filter(|d| d.severity == Severity::Error && !reg.excluded.iter().any(|e| e.file == d.file))
        .collect();
    if !other.is_empty() {
        let mut files: Vec<&str> = other.iter().map(|d| d.file.as_str()).collect();
        files.dedup();
        let mut codes: Vec<&str> = other.iter().map(|d| d.code.name()).collect();
        codes.sort_unstable();
        codes.dedup();
        writeln!(err, "另有 {} 个错误({};涉及 {})", other.len(), codes.join("、"), files.join("、"))?;
    }
    writeln!(
        err,
        "提示: 运行 `qingli check` 查看并改正全部错误;若只需草稿,可加 --allow-errors 照常写出(清理结果中会列出未能评估的文件)"
    )
}

/// The section of 清理结果.md listing what a draft catalogue left out.
pub(crate) fn markdown_section(out: &mut dyn Write, excluded: &[Excluded]) -> std::io::Result<()> {
    if excluded.is_empty() {
        return Ok(());
    }
    write!(out, "\n## 未能评估的文件({}件)\n\n", excluded.len())?;
    writeln!(out, "> 以下文件有错误或未能读取,未能评估,**未列入上述任何目录**。本目录仅为草稿:改正错误后重新生成。\n")?;
    writeln!(out, "| 序号 | 文件 | 文号 | 文件名称 | 错误数 |\n|---|---|---|---|---|")?;
    for (i, e) in excluded.iter().enumerate() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            md_text(&e.file),
            md_text(e.doc_number.as_deref().unwrap_or("—")),
            md_text(e.title.as_deref().unwrap_or("—")),
            e.errors
        )?;
    }
    Ok(())
}

/// The `"excluded"` member of a pretty-printed JSON report at top level:
/// `,\n  "excluded": […]` (the caller writes what surrounds it).
pub(crate) fn json_member(out: &mut dyn Write, excluded: &[Excluded]) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Wrap<'a> {
        excluded: &'a [Excluded],
    }
    let text = serde_json::to_string_pretty(&Wrap { excluded })?;
    // `{\n  "excluded": …\n}` → the member alone, at the same indent.
    let inner = text.trim_start_matches('{').trim_end_matches('}').trim_matches('\n');
    write!(out, ",\n{inner}")
}

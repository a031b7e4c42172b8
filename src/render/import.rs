//! Rendering `qingli import`: what was (or would be) created, updated, left
//! as it is and skipped, the columns not understood, and every bad row with
//! what to do; or the same facts as JSON.

use std::io::Write;

use serde::Serialize;

use crate::sheet::Kind;
use crate::write::import::Plan;

/// What happened to the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum State {
    /// Rows had errors: nothing was written.
    Refused,
    /// `--dry-run`: nothing was written.
    DryRun,
    Written,
}

/// How many created records the human report lists one by one.
const LISTED: usize = 30;

/// The report, human or JSON.
pub(crate) fn report(
    out: &mut dyn Write,
    plan: &Plan,
    files: &[(String, Kind, usize)],
    state: State,
    json: bool,
) -> std::io::Result<()> {
    if json {
        return report_json(out, plan, files, state);
    }
    for (file, kind, sheets) in files {
        match kind {
            Kind::Workbook => writeln!(out, "读取 {file}(工作簿,{sheets} 张工作表)")?,
            Kind::Csv(e) => writeln!(out, "读取 {file}(CSV,{})", e.label())?,
        }
    }
    if state == State::Refused {
        for e in &plan.errors {
            let column = if e.column.is_empty() { String::new() } else { format!("「{}」列", e.column) };
            let value = if e.value.is_empty() { String::new() } else { format!("「{}」", e.value) };
            writeln!(out, "{}: 错误: {column}{value}{}", e.place, e.message)?;
        }
        return writeln!(out, "共 {} 处错误,未写入任何文件;改正表格后重新导入", plan.errors.len());
    }
    let verb = if state == State::DryRun { "将" } else { "已" };
    writeln!(
        out,
        "{verb}新建 {} 件、{verb}更新 {} 件;已在登记簿中 {} 件;跳过 {} 行",
        plan.created.len(),
        plan.updated.len(),
        plan.present.len(),
        plan.skipped.len()
    )?;
    for c in plan.created.iter().take(LISTED) {
        writeln!(out, "  新建 {} ← {}", c.file, c.place)?;
    }
    if plan.created.len() > LISTED {
        writeln!(out, "  ……另有 {} 件(--format json 列出全部)", plan.created.len() - LISTED)?;
    }
    for u in &plan.updated {
        writeln!(out, "  更新 {}(补填 {}) ← {}", u.file, u.filled.join("、"), u.place)?;
    }
    for s in &plan.skipped {
        writeln!(out, "  跳过 {}: {}", s.place, s.reason)?;
    }
    if let Some(first) = plan.labels_removed.first() {
        writeln!(
            out,
            "已去掉 {} 个单元格开头的字段名(如 {} 的「{}:」),只保留其后的值",
            plan.labels_removed.len(),
            first.place,
            first.reason
        )?;
    }
    if !plan.unmapped.is_empty() {
        writeln!(out, "未识别的列(其内容以注释保留在新记录中;可用 --map 列名=KEY 指定): {}", plan.unmapped.join("、"))?;
    }
    if state == State::DryRun {
        writeln!(out, "(--dry-run:未写入任何文件)")?;
    }
    Ok(())
}

fn report_json(out: &mut dyn Write, plan: &Plan, files: &[(String, Kind, usize)], state: State) -> std::io::Result<()> {
    #[derive(Serialize)]
    #[allow(clippy::struct_field_names, reason = "the JSON key is `file`")]
    struct File<'a> {
        file: &'a str,
        kind: &'static str,
        encoding: Option<&'static str>,
        sheets: usize,
    }
    #[derive(Serialize)]
    struct Report<'a> {
        state: State,
        files: Vec<File<'a>>,
        #[serde(flatten)]
        plan: &'a Plan,
    }
    let files = files
        .iter()
        .map(|(file, kind, sheets)| File {
            file,
            kind: if matches!(kind, Kind::Workbook) { "workbook" } else { "csv" },
            encoding: match kind {
                Kind::Csv(e) => Some(match e {
                    crate::sheet::Encoding::Utf8 => "utf8",
                    crate::sheet::Encoding::Utf8Bom => "utf8-bom",
                    crate::sheet::Encoding::Gb18030 => "gb18030",
                    crate::sheet::Encoding::Utf16 => "utf16",
                }),
                Kind::Workbook => None,
            },
            sheets: *sheets,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Report { state, files, plan })?;
    writeln!(out)
}

/// Files that could not be written although the plan was sound.
pub(crate) fn write_failures(
    err: &mut dyn Write,
    failed: &[String],
    undone: usize,
    kept: &[String],
) -> std::io::Result<()> {
    for f in failed {
        writeln!(err, "错误: {f}")?;
    }
    if kept.is_empty() {
        writeln!(
            err,
            "导入未完成:{} 个文件未能写入;已撤销本次写入的 {undone} 个文件(新建的已删除,更新的已恢复原样),登记簿与导入前相同。处理后重新导入",
            failed.len()
        )
    } else {
        writeln!(
            err,
            "导入未完成:{} 个文件未能写入;以下文件未能撤销,请用 git 检查并恢复:{}",
            failed.len(),
            kept.join("、")
        )
    }
}

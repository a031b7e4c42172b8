//! What `qingli text add` and `text import` say: each file and the record
//! it goes to, the problems that stopped the import, the summary.

use std::io::Write;

use crate::load::register::Register;
use crate::write::text::{Change, MatchedBy, Plan, Planned, Problem};

fn doc_label(reg: &Register, doc: usize) -> String {
    let d = &reg.documents[doc];
    super::doc_name(d.doc_number.as_deref(), &d.title)
}

/// One planned text: the file, the record, how it was matched.
pub(crate) fn planned(out: &mut dyn Write, reg: &Register, p: &Planned) -> std::io::Result<()> {
    let by = match p.by {
        MatchedBy::Reference => "",
        MatchedBy::FileName => "(按文件名)",
        MatchedBy::Header => "(按正文开头的文号或标题)",
    };
    let change = match p.change {
        Change::New => "新增",
        Change::Replace(_) => "替换",
        Change::Same => "相同,未改动",
    };
    let chars = p.text.chars().filter(|c| !c.is_whitespace()).count();
    // The record on a line of its own: a title of thirty characters would
    // otherwise wrap an 80-column terminal mid-word.
    writeln!(out, "{} → {}{by}", p.input, p.target)?;
    writeln!(out, "  {}", doc_label(reg, p.doc))?;
    writeln!(out, "  {change},{chars} 字")?;
    for w in &p.warnings {
        writeln!(out, "  注意: {w}")?;
    }
    let doc = &reg.documents[p.doc];
    if !crate::judge::publish::text_is_public(doc) {
        let how = doc.disclosure.map_or("", |d| d.as_str());
        writeln!(out, "  此文件为{how}:文本只保存在登记簿中,不出现在网站等对外公布的材料中")?;
    }
    Ok(())
}

/// Why the import stopped, one problem each.
pub(crate) fn problem(out: &mut dyn Write, reg: &Register, p: &Problem) -> std::io::Result<()> {
    match p {
        Problem::Unreadable { input, error } => {
            writeln!(out, "✗ {input}: {}", error.message)?;
            writeln!(out, "  = 提示: {}", error.hint)
        }
        Problem::Unmatched { input } => {
            writeln!(out, "✗ {input}: 文件名和正文开头都没有找到登记簿中的文号或标题")?;
            writeln!(out, "  = 提示: 把文件改名为它的文号或标题,或用 qingli text add 文号 文件 逐件加入")
        }
        Problem::Broken { input, records } => {
            for r in records {
                let e = &reg.excluded[*r];
                writeln!(out, "✗ {input}: 对应的记录 {} 有错误,未能读取", e.file)?;
            }
            writeln!(out, "  = 提示: 先改正这件记录的错误(qingli check 列出),再读入文本")
        }
        Problem::Ambiguous { input, docs } => {
            writeln!(out, "✗ {input}: 对应多件记录:")?;
            for d in docs {
                writeln!(out, "    {}", doc_label(reg, *d))?;
            }
            writeln!(out, "  = 提示: 把文件改名为其中一件的文号,或用 qingli text add 文号 文件")
        }
        Problem::SameRecord { doc, inputs } => {
            writeln!(out, "✗ {} 对应多个文件: {}", doc_label(reg, *doc), inputs.join("、"))?;
            writeln!(out, "  = 提示: 只留下其中正确的一个(另一个可能是旧版本或附件)")
        }
        Problem::Exists { input, doc, target } => {
            writeln!(out, "✗ {input}: {} 已有不同的文本 {target}", doc_label(reg, *doc))?;
            writeln!(out, "  = 提示: 确认要替换时加 --replace")
        }
    }
}

/// The import's report: every planned text, then the problems, then what
/// was (or would be, or was not) written.
pub(crate) fn report(out: &mut dyn Write, reg: &Register, plan: &Plan, dry_run: bool) -> std::io::Result<()> {
    for p in &plan.items {
        planned(out, reg, p)?;
    }
    for p in &plan.problems {
        problem(out, reg, p)?;
    }
    let count = |is: fn(&Change) -> bool| plan.items.iter().filter(|p| is(&p.change)).count();
    let new = count(|c| matches!(c, Change::New));
    let replace = count(|c| matches!(c, Change::Replace(_)));
    let same = count(|c| matches!(c, Change::Same));
    let files = plan.items.len() + plan.problems.len();
    if !plan.problems.is_empty() {
        writeln!(out, "\n共 {files} 个文件,{} 个有问题:未写入任何文本", plan.problems.len())
    } else if dry_run {
        writeln!(out, "\n共 {files} 个文件:将新增 {new} 份文本、替换 {replace} 份、{same} 份相同(--dry-run,未写入)")
    } else {
        writeln!(out, "\n共 {files} 个文件:新增 {new} 份文本、替换 {replace} 份、{same} 份相同")
    }
}

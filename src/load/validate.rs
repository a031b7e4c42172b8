//! Register-wide checks: problems no single file shows.
//!
//! Duplicate ids and 文号, `superseded_by` references that resolve to
//! nothing, to several records, to the document itself or around a cycle,
//! law references missing from the law table, and law names claimed twice.
//! Pure: reads a loaded [`Register`], returns diagnostics. The findings
//! every command reads (these, load problems and disagreements, at the
//! office's levels) are put together in [`crate::gate`].

use crate::diag::{Code, Diagnostic};
use crate::docnum;
use crate::load::discover::CONFIG_FILE;
use rayon::prelude::*;

use crate::load::model::{Document, EventType};
use crate::load::register::{Register, Target};
use crate::pos::Pos;

/// All register-wide diagnostics, unsorted.
pub(crate) fn validate(reg: &Register) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    duplicates(reg, &mut out);
    supersession(reg, &mut out);
    law_successions(reg, &mut out);
    law_references(reg, &mut out);
    for (name, idx) in reg.laws.duplicates() {
        let first = &reg.laws.laws[idx[0]];
        for &i in &idx[1..] {
            let l = &reg.laws.laws[i];
            out.push(Diagnostic::new(
                Code::DuplicateLaw,
                &l.file,
                l.pos,
                format!("法律名称 `{name}` 已由 {}:{} 的《{}》使用", first.file, first.pos.line, first.name),
                "删除重复条目,或改用不同的名称/别名",
            ));
        }
    }
    out
}

fn duplicates(reg: &Register, out: &mut Vec<Diagnostic>) {
    for idx in reg.duplicate_ids() {
        let mut paths: Vec<&str> = idx.iter().map(|&i| &*reg.documents[i].path).collect();
        paths.sort_unstable();
        let id = &reg.documents[idx[0]].id();
        for p in &paths[1..] {
            out.push(Diagnostic::new(
                Code::DuplicateId,
                &reg.display(p),
                Pos::START,
                format!("文件标识 `{id}` 与 `{}` 重复(标识取自文件名)", reg.display(paths[0])),
                "重命名其中一个文件,使文件名在整个登记簿中唯一",
            ));
        }
    }
    for idx in reg.duplicate_numbers() {
        let mut docs: Vec<_> = idx.iter().map(|&i| &reg.documents[i]).collect();
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        let number = docnum::normalize(docs[0].doc_number.as_deref().unwrap_or(""));
        for d in &docs[1..] {
            out.push(Diagnostic::new(
                Code::DuplicateDocNumber,
                &reg.display(&d.path),
                d.pos.doc_number,
                format!("文号 `{number}` 与 `{}` 重复", reg.display(&docs[0].path)),
                "核对原件;同一文号只能登记一次",
            ));
        }
    }
}

fn supersession(reg: &Register, out: &mut Vec<Diagnostic>) {
    // Each reference resolved in parallel (a hash lookup or two each, a
    // million at province scale), in the documents' order.
    let resolved: Vec<(usize, Result<usize, Box<Diagnostic>>)> = reg
        .documents
        .par_iter()
        .enumerate()
        .filter_map(|(i, d)| Some((i, supersedes(reg, i, d, d.superseded_by.as_deref()?)?)))
        .collect();
    // Edges between documents, for cycle detection.
    let mut next: Vec<Option<usize>> = vec![None; reg.documents.len()];
    for (i, r) in resolved {
        match r {
            Ok(j) => next[i] = Some(j),
            Err(d) => out.push(*d),
        }
    }
    // Each cycle is reported once, at its member that sorts first by path.
    for cycle in cycles(&next) {
        let first = cycle.iter().copied().min_by(|&a, &b| reg.documents[a].path.cmp(&reg.documents[b].path));
        let d = &reg.documents[first.unwrap_or(cycle[0])];
        // Named as the clerk knows them: 文号 as written, else id.
        let known = |c: usize| {
            let d = &reg.documents[c];
            d.doc_number.as_deref().unwrap_or(d.id())
        };
        let mut names: Vec<&str> = cycle.iter().map(|&c| known(c)).collect();
        names.push(known(cycle[0]));
        out.push(Diagnostic::new(
            Code::SupersedeCycle,
            &reg.display(&d.path),
            d.pos.superseded_by,
            format!("替代关系形成循环: {}", names.join(" → ")),
            "替代只能由新文件替代旧文件;删除错误的 superseded_by",
        ));
    }
}

/// What document `i`'s `superseded_by = reference` points at: another
/// document (`Ok`), a law (`None`), or a problem (boxed: problems are
/// rare, references a million).
fn supersedes(reg: &Register, i: usize, d: &Document, reference: &str) -> Option<Result<usize, Box<Diagnostic>>> {
    let problem = |code, message: String, help: &'static str| {
        Some(Err(Box::new(Diagnostic::new(code, &reg.display(&d.path), d.pos.superseded_by, message, help))))
    };
    match reg.resolve(reference) {
        Target::Document(j) if j == i => problem(
            Code::SupersedeSelf,
            format!("`superseded_by = \"{reference}\"` 指向本文件自身"),
            "填写替代本文件的新文件的文号或 id",
        ),
        Target::Document(j) => Some(Ok(j)),
        Target::Law(_) => None,
        Target::Nothing => problem(
            Code::SupersedeUnresolved,
            format!("`superseded_by = \"{reference}\"` 在登记簿和法律库中都找不到"),
            "填写登记簿中文件的文号或 id,或法律库中的法律名称",
        ),
        Target::Ambiguous(names) => problem(
            Code::SupersedeAmbiguous,
            format!("`superseded_by = \"{reference}\"` 对应多个记录: {}", names.join("、")),
            "改用唯一的 id",
        ),
    }
}

/// A law whose `replaced_by` names itself, or laws that replace each other
/// around a circle (甲 → 乙 → 甲): `--explain` would say a law was replaced
/// by itself.
fn law_successions(reg: &Register, out: &mut Vec<Diagnostic>) {
    let laws = &reg.laws.laws;
    let next: Vec<Option<usize>> = laws
        .iter()
        .map(|l| {
            let successor = reg.laws.get(l.replaced_by.as_deref()?)?;
            laws.iter().position(|x| std::ptr::eq(x, successor))
        })
        .collect();
    for (i, l) in laws.iter().enumerate() {
        if next[i] == Some(i) {
            out.push(Diagnostic::new(
                Code::SupersedeSelf,
                &l.file,
                l.pos,
                format!("《{}》的 replaced_by 指向它自己", l.name),
                "填写替代它的新法律的名称,或删除 replaced_by",
            ));
        }
    }
    for cycle in cycles(&next) {
        let first =
            cycle.iter().copied().min_by(|&a, &b| (&laws[a].file, laws[a].pos).cmp(&(&laws[b].file, laws[b].pos)));
        let l = &laws[first.unwrap_or(cycle[0])];
        let mut names: Vec<String> = cycle.iter().map(|&c| format!("《{}》", laws[c].name)).collect();
        names.push(format!("《{}》", laws[cycle[0]].name));
        out.push(Diagnostic::new(
            Code::SupersedeCycle,
            &l.file,
            l.pos,
            format!("法律的替代关系形成循环: {}", names.join(" → ")),
            "替代只能由新法律替代旧法律;删除错误的 replaced_by",
        ));
    }
}

/// The cycles of a graph where each node has at most one successor
/// (`next[i]`), each once, in the order first reached, starting from the
/// node where the walk entered it. Self-loops are not cycles here (they are
/// reported as `supersede-self`).
fn cycles(next: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    let mut state = vec![0u8; next.len()]; // 0 new, 1 on the current path, 2 done
    for start in 0..next.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                0 => {
                    state[i] = 1;
                    path.push(i);
                    cur = next[i];
                }
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    if path.len() - from > 1 {
                        found.push(path[from..].to_vec());
                    }
                    break;
                }
                _ => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    found
}

fn law_references(reg: &Register, out: &mut Vec<Diagnostic>) {
    // Each document's references in parallel, in the documents' order; a
    // document whose laws are all known allocates nothing.
    let found: Vec<Vec<Diagnostic>> = reg
        .documents
        .par_iter()
        .filter_map(|d| {
            let mut found = Vec::new();
            for b in &d.basis {
                unknown_laws(reg, &d.path, d.pos.basis, "上位法依据", b, &mut found);
            }
            for f in &d.findings {
                if let Some(l) = &f.law {
                    unknown_laws(reg, &d.path, f.law_pos, "审查发现所依据的", l, &mut found);
                }
            }
            for e in d.events.iter().filter(|e| e.kind == EventType::Comparison) {
                if let Some(l) = &e.law {
                    unknown_laws(reg, &d.path, e.pos, "对照审查的", l, &mut found);
                }
            }
            (!found.is_empty()).then_some(found)
        })
        .collect();
    out.extend(found.into_iter().flatten());
    if let Some(c) = &reg.config.campaign {
        for f in &c.focus {
            unknown_laws(reg, CONFIG_FILE, Pos::START, "专项对照的", &f.law, out);
        }
    }
}

/// The problems of one law reference (`what`, in the file at `rel`): several
/// laws written as one, and each law not in the law table.
fn unknown_laws(reg: &Register, rel: &str, pos: Pos, what: &str, reference: &str, out: &mut Vec<Diagnostic>) {
    let hint = "在 laws/ 中添加这部法律(name、full_name、effective 等),或改正名称";
    let cited = reg.laws.resolve_all(reference);
    if cited.len() > 1 {
        let names: Vec<String> = cited.iter().map(|(c, _)| format!("《{}》", c.name)).collect();
        out.push(Diagnostic::new(
            Code::SeveralLaws,
            &reg.display(rel),
            pos,
            format!("{what}一项中写了 {} 部法律: {}", cited.len(), names.join("、")),
            "每部法律写成单独的一项,例如 basis = [\"行政许可法\", \"行政处罚法\"]",
        ));
    }
    for (c, law) in cited {
        if law.is_none() {
            let hint = match reg.laws.closest(&c.name).first() {
                Some(near) => format!("是否指《{near}》?若不是,{hint}"),
                None => hint.to_owned(),
            };
            out.push(Diagnostic::new(
                Code::UnknownLaw,
                &reg.display(rel),
                pos,
                format!("{what}《{}》不在法律库中", c.name),
                hint,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn cycles_of_two_and_more_once_each() {
        // 0 → 1 → 0; 2 → 3 → 4 → 2; 5 → 5 (a self-loop); 6 → 0 (leads into a cycle).
        let next = [Some(1), Some(0), Some(3), Some(4), Some(2), Some(5), Some(0)];
        assert_eq!(cycles(&next), vec![vec![0, 1], vec![2, 3, 4]]);
        assert!(cycles(&[None, Some(0)]).is_empty());
    }
}

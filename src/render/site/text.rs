//! A document's text as its public page shows it ([`blocks`]): the title
//! line left out (the page's heading says it), chapter headings, each
//! paragraph, each 第X条 anchored by its label (`#第五条`; a label met again,
//! in an attachment, as `#第五条-2`), tab-separated lines as a table; and
//! the same text as the search reads it ([`sentences`]): each sentence
//! under the anchor of its article, so a hit links to its place; and the
//! note above the text or in its place ([`note`]). Pure.

use std::collections::HashMap;

use serde::Serialize;

use crate::judge::publish::Group;
use crate::text::clauses::article_label;

/// One block of a text on its page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Block<'t> {
    /// `h` (a chapter or section heading), `p` (a paragraph) or `table`.
    pub kind: &'static str,
    /// The anchor of an article's opening paragraph.
    pub id: Option<String>,
    /// The article's label (`第五条`), shown as a link to its anchor.
    pub label: Option<&'t str>,
    /// The rest of the line (all of it when there is no label).
    pub text: &'t str,
    /// A table's rows, each its cells.
    pub rows: Vec<Vec<&'t str>>,
}

/// A body line with the anchor it opens and the anchor it is under.
struct Line<'t> {
    /// 0-based line number in the file.
    no: usize,
    text: &'t str,
    opens: Option<String>,
    under: Option<usize>,
}

/// The body's non-empty lines, each article's anchor made unique.
fn lines(text: &str) -> (Vec<Line<'_>>, Vec<String>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut anchors: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut under = None;
    for (no, line) in text.lines().enumerate().skip(1) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let opens = article_label(line).map(|label| {
            let n = seen.entry(label).or_insert(0);
            *n += 1;
            let id = if *n == 1 { label.to_owned() } else { format!("{label}-{n}") };
            anchors.push(id.clone());
            under = Some(anchors.len() - 1);
            id
        });
        out.push(Line { no, text: line, opens, under });
    }
    (out, anchors)
}

/// `第一章 总则`, `第二节 …`: a heading, not a paragraph.
fn heading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('第') else { return false };
    let n: usize =
        rest.chars().take_while(|c| "〇零一二三四五六七八九十百两0123456789".contains(*c)).map(char::len_utf8).sum();
    n > 0 && rest[n..].starts_with(['章', '节', '编']) && line.chars().count() <= 30
}

/// The text's blocks, in order.
pub(crate) fn blocks(text: &str) -> Vec<Block<'_>> {
    let (lines, _) = lines(text);
    let mut out: Vec<Block<'_>> = Vec::new();
    for line in lines {
        if line.text.contains('\t') {
            let row: Vec<&str> = line.text.split('\t').map(str::trim).collect();
            match out.last_mut() {
                Some(table) if table.kind == "table" => table.rows.push(row),
                _ => out.push(Block { kind: "table", id: None, label: None, text: "", rows: vec![row] }),
            }
            continue;
        }
        let block = match line.opens {
            Some(id) => {
                let label = article_label(line.text).unwrap_or_default();
                Block {
                    kind: "p",
                    id: Some(id),
                    label: Some(label),
                    text: line.text[label.len()..].trim_start(),
                    rows: vec![],
                }
            }
            None => Block {
                kind: if heading(line.text) { "h" } else { "p" },
                id: None,
                label: None,
                text: line.text,
                rows: vec![],
            },
        };
        out.push(block);
    }
    out
}

/// The text's sentences as the search reads them, grouped under the
/// anchor of their article (`""` before the first): `[[anchor, [sentence,
/// …]], …]`.
pub(crate) fn sentences(text: &str) -> Vec<(String, Vec<&str>)> {
    let (lines, anchors) = lines(text);
    let under: HashMap<usize, Option<usize>> = lines.iter().map(|l| (l.no, l.under)).collect();
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    let mut last = None;
    for s in crate::text::clauses::sentences(text) {
        let at = under.get(&(s.line as usize - 1)).copied().flatten();
        if out.is_empty() || at != last {
            out.push((at.map(|k| anchors[k].clone()).unwrap_or_default(), Vec::new()));
            last = at;
        }
        if let Some((_, group)) = out.last_mut() {
            group.push(s.text);
        }
    }
    out
}

/// What a document's page says about its text, above it or in its place:
/// that a repealed or expired document's text is no longer in force, that
/// a text not actively disclosed is not published here.
pub(super) fn note(d: &crate::load::model::Document, group: Group, has_text: bool) -> Option<String> {
    use crate::load::model::Disclosure;
    match d.disclosure {
        Some(Disclosure::OnRequest) => {
            return Some("本文件的公开方式为依申请公开,文本不在本站公布;需要时可向制定机关申请公开。".to_owned());
        }
        Some(Disclosure::Withheld) => return Some("本文件不予公开,文本不在本站公布。".to_owned()),
        Some(Disclosure::Active) | None => {}
    }
    if !has_text {
        return Some("本站尚未收录本文件的文本。".to_owned());
    }
    match group {
        Group::Repealed => Some("本文件已废止,不再作为行政管理的依据;下面的文本仅供查阅。".to_owned()),
        Group::Expired => Some("本文件已失效,不再作为行政管理的依据;下面的文本仅供查阅。".to_owned()),
        Group::ToAmend => Some("本文件将按本次清理意见修改;修改后以重新公布的文本为准。".to_owned()),
        Group::NotYet => Some(format!("本文件自 {} 起施行。", d.effective)),
        Group::InForce => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "永嘉县河道采砂管理办法\n\n第一章 总则\n\n第一条 为了加强管理，根据《中华人民共和国水法》，制定本办法。\n\n第二条 本办法适用于本县。采砂应当申请许可。\n\n名称\t数量\n河砂\t3\n\n附件：申请须知\n\n第一条 申请人应当提交材料。\n";

    #[test]
    fn articles_are_anchored_once_each() {
        let b = blocks(TEXT);
        let kinds: Vec<&str> = b.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, ["h", "p", "p", "table", "p", "p"]);
        assert_eq!(b[1].id.as_deref(), Some("第一条"));
        assert_eq!(b[1].label, Some("第一条"));
        assert!(b[1].text.starts_with("为了加强管理"));
        assert_eq!(b[3].rows, [vec!["名称", "数量"], vec!["河砂", "3"]]);
        assert_eq!(b[5].id.as_deref(), Some("第一条-2"), "an attachment's 第一条");
        assert!(!b.iter().any(|b| b.text.contains("永嘉县河道采砂管理办法")), "the title is the page's heading");
    }

    #[test]
    fn sentences_are_under_their_article() {
        let s = sentences(TEXT);
        let anchors: Vec<&str> = s.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(anchors, ["", "第一条", "第二条", "第一条-2"]);
        assert_eq!(s[0].1, ["第一章 总则"]);
        assert_eq!(
            s[2].1,
            ["第二条 本办法适用于本县。", "采砂应当申请许可。", "名称\t数量", "河砂\t3", "附件\u{FF1A}申请须知"]
        );
    }
}

//! Web pages saved from a portal (.html/.htm): the article body, without the
//! portal's navigation, breadcrumbs, share buttons and footer. The body is
//! the first element the usual content containers name (the gov.cn policy
//! pages' `#UCAP-CONTENT`/`.pages_content`, TRS editors' `.TRS_Editor`,
//! provincial portals' `#zoom`, `.article-content`, …) that holds text;
//! failing those, the element with the most paragraph text. Inside it,
//! block elements are paragraphs and a table row is one line of
//! tab-separated cells.

use scraper::{ElementRef, Html, Node, Selector};

/// Content containers, most specific first.
const CONTAINERS: &[&str] = &[
    "#UCAP-CONTENT",
    ".pages_content",
    ".TRS_Editor",
    ".TRS_UEDITOR",
    "#zoom",
    ".zoom",
    ".article-content",
    ".article_content",
    ".art_con",
    "#article",
    ".article",
    "article",
    "#content",
    ".content",
    "main",
];

/// Elements never read: scripts, forms and the portal's furniture.
const SKIPPED_TAGS: &[&str] =
    &["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select", "iframe", "head"];

/// Words in an id or class that mark the portal's furniture.
const SKIPPED_MARKS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "share",
    "footer",
    "sidebar",
    "toolbar",
    "print",
    "related",
    "position",
    "location",
    "bdshare",
    "fenxiang",
    "topbar",
    "banner",
    "search",
];

/// Lines a portal adds around an article.
const FURNITURE: &[&str] =
    &["分享到", "打印本页", "关闭窗口", "【打印】", "【关闭】", "扫一扫在手机", "【字体", "字号\u{FF1A}", "当前位置"];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "center",
    "dd",
    "dt",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "main",
    "pre",
    "dl",
];

/// The article's paragraphs.
pub(super) fn read(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let container = CONTAINERS
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|sel| doc.select(&sel).find(|e| !skipped(*e) && text_len(*e) >= 50))
        .or_else(|| densest(&doc))
        .unwrap_or_else(|| doc.root_element());
    let mut out = Vec::new();
    let mut current = String::new();
    walk(container, &mut current, &mut out);
    flush(&mut current, &mut out);
    out.retain(|p| !FURNITURE.iter().any(|f| p.trim_start().starts_with(f)));
    out
}

fn skipped(e: ElementRef<'_>) -> bool {
    let v = e.value();
    if SKIPPED_TAGS.contains(&v.name()) {
        return true;
    }
    let marked = |s: &str| {
        let s = s.to_ascii_lowercase();
        SKIPPED_MARKS.iter().any(|m| s.contains(m))
    };
    v.id().is_some_and(marked) || v.classes().any(marked)
}

/// Characters of text in `e`, outside skipped elements.
fn text_len(e: ElementRef<'_>) -> usize {
    e.children()
        .map(|n| match n.value() {
            Node::Text(t) => t.trim().chars().count(),
            Node::Element(_) => ElementRef::wrap(n).filter(|c| !skipped(*c)).map_or(0, text_len),
            _ => 0,
        })
        .sum()
}

/// The element whose own `<p>` children hold the most text.
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    let sel = Selector::parse("div, td, section, article, body").ok()?;
    doc.select(&sel)
        .filter(|e| !skipped(*e))
        .map(|e| {
            let own: usize = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| c.value().name() == "p" && !skipped(*c))
                .map(text_len)
                .sum();
            (own, e)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e)
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let p = current.trim();
    if !p.is_empty() {
        out.push(p.to_owned());
    }
    current.clear();
}

/// Source whitespace (line breaks and indentation of the HTML) is one space.
fn push_collapsed(current: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !current.ends_with([' ', '\n']) && !current.is_empty() {
                current.push(' ');
            }
        } else {
            current.push(c);
        }
    }
}

fn walk(e: ElementRef<'_>, current: &mut String, out: &mut Vec<String>) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => push_collapsed(current, t),
            Node::Element(el) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                if skipped(c) {
                    continue;
                }
                match el.name() {
                    "br" => {
                        let trimmed = current.trim_end().len();
                        current.truncate(trimmed);
                        current.push('\n');
                    }
                    "tr" => {
                        flush(current, out);
                        let cells: Vec<String> = c
                            .children()
                            .filter_map(ElementRef::wrap)
                            .filter(|td| matches!(td.value().name(), "td" | "th"))
                            .map(|td| {
                                let mut cell = Vec::new();
                                let mut buf = String::new();
                                walk(td, &mut buf, &mut cell);
                                flush(&mut buf, &mut cell);
                                cell.join(" ")
                            })
                            .collect();
                        let row = cells.join("\t");
                        if !row.trim().is_empty() {
                            out.push(row);
                        }
                    }
                    name if BLOCKS.contains(&name) => {
                        flush(current, out);
                        walk(c, current, out);
                        flush(current, out);
                    }
                    _ => walk(c, current, out),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_without_the_portal() {
        let page = r#"<html><head><title>x</title><script>var a=1;</script></head><body>
            <div class="nav"><a>首页</a><a>政务公开</a></div>
            <div class="crumb">当前位置:首页 &gt; 政策文件</div>
            <div class="pages_content" id="UCAP-CONTENT">
              <p>第一条　为了加强管理,根据《中华人民共和国行政许可法》,制定本办法。</p>
              <p>第二条　本办法自2020年1月1日起施行。</p>
              <table><tr><td>序号</td><td>名称</td></tr></table>
            </div>
            <div class="share">分享到:微信</div><div class="footer">主办单位:某某县人民政府办公室</div>
            </body></html>"#;
        assert_eq!(
            read(page),
            [
                "第一条　为了加强管理,根据《中华人民共和国行政许可法》,制定本办法。",
                "第二条　本办法自2020年1月1日起施行。",
                "序号\t名称"
            ]
        );
    }
}

//! The public site shows only what is public, and a draft says it is a
//! draft: no rule ids, suggestions, review points or reviewers on any page;
//! a banner on every page of a draft and none on a final site; the internal
//! notice only with --with-notice; the register's own words in the search box.

use std::path::Path;

use crate::support::{Test, tree};

/// Every HTML page of a site, with its text.
fn pages(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
        .collect()
}

/// The visible text of a page: tags, scripts and attributes removed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.split("<script").next().unwrap_or(html).chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

const DECIDED: &str = "[campaign]\nas_of = 2007-10-31\n";

#[test]
fn document_pages_carry_no_working_notes() {
    // The sample's documents include undecided ones whose rules give advice
    // (Q12 物权法, Q13 上位法已修订) and decided ones with reviewers and
    // override reasons.
    let t = Test::sample();
    t.run_with(&["site", "--out", "site"]).status(0);
    let docs: Vec<(String, String)> =
        pages(&t.path().join("site")).into_iter().filter(|(k, _)| k.starts_with("docs/")).collect();
    assert!(docs.len() > 40);
    for (page, html) in &docs {
        let shown = text(html);
        for word in ["Q0", "Q1", "规则建议", "提示", "需复核", "override", "审核人", "本次清理清理意见"]
        {
            assert!(!shown.contains(word), "{page} shows {word:?}:\n{shown}");
        }
    }
    let reviewers: Vec<String> = tree(&t.path().join("documents"))
        .values()
        .filter_map(|b| {
            let s = String::from_utf8_lossy(b).into_owned();
            s.lines().find_map(|l| l.strip_prefix("reviewer = \"").map(|r| r.trim_end_matches('"').to_owned()))
        })
        .collect();
    assert!(!reviewers.is_empty());
    for (page, html) in &docs {
        for r in &reviewers {
            assert!(!text(html).contains(r.as_str()), "{page} names the reviewer {r}");
        }
    }
    // An undecided document's page says the decision is still to be made.
    let undecided = &docs.iter().find(|(k, _)| k.contains("ysl-2000-04")).expect("ysl-2000-04's page").1;
    assert!(text(undecided).contains("本次清理的意见尚未作出"), "{}", text(undecided));
}

#[test]
fn an_office_may_publish_the_rules() {
    let t = Test::sample();
    let cfg = std::fs::read_to_string(t.path().join("qingli.toml")).unwrap();
    std::fs::write(t.path().join("qingli.toml"), format!("{cfg}\n[site]\nshow_rules = true\n")).unwrap();
    t.run_with(&["site", "--out", "site"]).status(0);
    let page = std::fs::read_to_string(t.path().join("site/docs/2000/ysl-2000-04.html"))
        .or_else(|_| {
            let found = pages(&t.path().join("site")).into_iter().find(|(k, _)| k.contains("ysl-2000-04")).unwrap();
            Ok::<String, std::io::Error>(found.1)
        })
        .unwrap();
    assert!(text(&page).contains("Q13") && text(&page).contains("规则说明"), "{}", text(&page));
}

#[test]
fn a_draft_says_so_on_every_page_and_a_final_site_nowhere() {
    let t = Test::sample();
    t.run_with(&["site", "--out", "draft"]).status(0);
    for (page, html) in pages(&t.path().join("draft")) {
        assert!(text(&html).contains("草稿,未正式公布,以正式公布的目录为准"), "{page}");
    }
    let index = text(&std::fs::read_to_string(t.path().join("draft/index.html")).unwrap());
    assert!(!index.contains("未列入本目录的文件,不再作为行政管理的依据"), "not stated as fact in a draft: {index}");
    // Every document decided (with its reason): final.
    let t = Test::new()
        .write("qingli.toml", DECIDED)
        .doc("a.toml", "\n[review]\ndecision = \"保留\"\nreason = \"合法有效\"\n")
        .write(
            "documents/b.toml",
            "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\n\n[review]\ndecision = \"废止\"\nreason = \"已不适用\"\n",
        );
    t.run_with(&["site", "--out", "final"]).status(0);
    for (page, html) in pages(&t.path().join("final")) {
        assert!(!text(&html).contains("草稿"), "{page}");
    }
    let index = text(&std::fs::read_to_string(t.path().join("final/index.html")).unwrap());
    assert!(index.contains("未列入本目录的文件,不再作为行政管理的依据"), "{index}");
}

#[test]
fn the_notice_is_offered_only_with_with_notice() {
    let t = Test::sample();
    t.run_with(&["site", "--out", "a", "--with-catalog"]).status(0);
    let result = std::fs::read_to_string(t.path().join("a/清理结果.html")).unwrap();
    assert!(result.contains("href=\"清理结果.xlsx\"") && !result.contains("清理结果通知.docx"));
    assert!(!t.path().join("a/清理结果通知.docx").exists() && !t.path().join("a/清理结果.md").exists());
    t.run_with(&["site", "--out", "b", "--with-notice"]).status(0);
    let result = std::fs::read_to_string(t.path().join("b/清理结果.html")).unwrap();
    assert!(result.contains("href=\"清理结果通知.docx\"") && result.contains("href=\"清理结果.md\""), "{result}");
    assert!(!t.path().join("b/附件1-保留目录.csv").exists());
}

#[test]
fn the_search_example_and_title_come_from_the_register() {
    let t = Test::new()
        .write("qingli.toml", "[register]\nname = \"青田县行政规范性文件登记簿\"\n")
        .write("documents/a.toml", "title = \"关于森林防火的通知\"\nissuer = \"县政府\"\nissued = 2016-01-01\ndoc_number = \"青政发〔2016〕3号\"\n")
        .write("documents/b.toml", "title = \"森林防火责任办法\"\nissuer = \"县政府\"\nissued = 2017-01-01\ndoc_number = \"青政发〔2017〕8号\"\n")
        .write("documents/c.toml", "title = \"关于道路运输的规定\"\nissuer = \"县政府\"\nissued = 2018-01-01\ndoc_number = \"青交〔2018〕1号\"\n")
        .write("documents/d.toml", "title = \"校车安全规定\"\nissuer = \"县政府\"\nissued = 2018-02-01\n")
        .write("documents/e.toml", "title = \"渔业捕捞通知\"\nissuer = \"县政府\"\nissued = 2018-03-01\n")
        .write("documents/f.toml", "title = \"文物保护通知\"\nissuer = \"县政府\"\nissued = 2018-04-01\n");
    t.run_with(&["site", "--out", "site"]).status(0);
    let index = std::fs::read_to_string(t.path().join("site/index.html")).unwrap();
    assert!(index.contains("placeholder=\"如:森林、青政发〔2017〕\""), "{index}");
    assert!(!index.contains("水资源") && !index.contains("永政发"));
    assert!(index.contains("<title>现行有效的行政规范性文件目录 - 青田县行政规范性文件库</title>"), "{index}");
}

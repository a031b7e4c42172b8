//! Reasons that can be signed: the 理由 column never contradicts the
//! decision, the final run refuses a differing decision without a reason,
//! `decide` says what it means, `[review]` lands after a new record's
//! template, and `check` names a `[review]` without a decision.

use crate::support::Test;

fn row<'a>(csv: &'a str, number: &str) -> &'a str {
    csv.lines().find(|l| l.contains(number)).unwrap_or_else(|| panic!("no row for {number}: {csv}"))
}

#[test]
fn a_repeal_without_a_reason_is_never_explained_by_the_keep_rule() {
    let t = Test::sample();
    t.run_with(&["decide", "ysl-2000-04", "废止", "--date", "2007-08-20"]).status(0);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let annex = t.read("out/附件3-废止目录.csv");
    let line = row(&annex, "永水〔2000〕4号");
    assert!(line.ends_with(",废止,(理由待填)"), "{line}");
    assert!(!line.contains("合法有效"), "a reason that says the opposite: {line}");
    // The final run names it and writes nothing.
    let o = t.run_with(&["catalog", "--out", "final", "--require-decisions"]);
    o.status(1).stderr_has("永水〔2000〕4号").stderr_has("与规则建议不同,但没有说明理由");
    assert!(!t.path().join("final/附件3-废止目录.csv").exists());
    // With a reason, the reason is published.
    t.run_with(&["decide", "ysl-2000-04", "废止", "--reason", "水库已移交市级管理"]).status(0);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let annex = t.read("out/附件3-废止目录.csv");
    assert!(row(&annex, "永水〔2000〕4号").ends_with(",废止,水库已移交市级管理"));
    // The Markdown and the site's 清理结果 page say the same.
    let md = t.read("out/清理结果.md");
    assert!(md.lines().any(|l| l.contains("永水〔2000〕4号") && l.contains("水库已移交市级管理")), "{md}");
    t.run_with(&["site", "--out", "site"]).status(0);
    let html = t.read("site/清理结果.html");
    let tr = html.split("<tr>").find(|r| r.contains("永水〔2000〕4号")).expect("a row");
    assert!(tr.contains("水库已移交市级管理") && !tr.contains("合法有效"), "{tr}");
}

#[test]
fn the_keep_annex_does_not_repeat_keep_and_in_force_shows_the_expiry() {
    let t = Test::sample();
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let keep = t.read("out/附件1-保留目录.csv");
    assert!(keep.trim_start_matches('\u{feff}').starts_with("序号,文件名称,文号,制定机关,发布日期,理由\n"), "{keep}");
    let in_force = t.read("out/现行有效目录.csv");
    assert!(in_force.contains("有效期至,清理意见,理由"), "{in_force}");
    t.run_with(&["site", "--out", "site"]).status(0);
    let html = t.read("site/清理结果.html");
    let first = html.split("<table").nth(1).expect("附件1's table");
    assert!(!first.split("</table>").next().unwrap().contains(">清理意见<"), "附件1 without 清理意见");
}

#[test]
fn an_agreeing_decision_keeps_the_rules_explanation() {
    let t = Test::sample();
    t.run_with(&["decide", "ysl-2000-04", "保留"]).status(0);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let annex = t.read("out/附件1-保留目录.csv");
    assert!(row(&annex, "永水〔2000〕4号").contains("合法有效"), "{annex}");
}

#[test]
fn decide_says_no_reason_only_when_none_was_given() {
    let t = Test::sample();
    let o = t.run_with(&["decide", "ysl-2000-04", "废止", "--reason", "水库已移交"]);
    o.status(0);
    assert!(!o.stderr.contains("没有说明理由"), "{}", o.stderr);
    assert!(o.stderr.contains("--override-reason"), "still hints the internal note: {}", o.stderr);
    let o = t.run_with(&["decide", "ysl-2000-04", "修改", "--override-reason", "内部说明"]);
    assert!(!o.stderr.contains("没有说明理由"), "{}", o.stderr);
    let t = Test::sample();
    let o = t.run_with(&["decide", "ysl-2000-04", "废止"]);
    o.stderr_has("没有说明理由").stderr_has("--reason").stderr_has("--override-reason");
}

#[test]
fn review_goes_after_a_new_records_template() {
    let t = Test::new();
    t.run_with(&["new", "--title", "关于测试的通知", "--issuer", "县政府", "--issued", "2005-01-01"]).status(0);
    let file = std::fs::read_dir(t.path().join("documents"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "toml"));
    let rel = format!("documents/{}", file.unwrap().file_name().to_string_lossy());
    let id = rel.trim_start_matches("documents/").trim_end_matches(".toml").to_owned();
    t.run_with(&["decide", &id, "保留", "--reason", "仍然适用"]).status(0);
    let text = t.read(&rel);
    let review = text.find("\n[review]").expect("a [review] table");
    assert!(text[..review].contains("# basis = "), "the template stays above [review]: {text}");
    assert!(text[review..].lines().skip(1).all(|l| !l.starts_with('#')), "nothing commented below [review]: {text}");
    t.run_with(&["fmt", "--check", &rel]).status(0);
    // Uncommenting template lines keeps the record a record and the form canonical.
    let edited = text.replace("# basis = ", "basis = ").replace("# kind = ", "kind = ");
    std::fs::write(t.path().join(&rel), edited).unwrap();
    t.run_with(&["fmt", "--check", &rel]).status(0);
    let v = t.run_with(&["check", "--format", "json"]).json();
    assert!(!v.to_string().contains("unknown-key"), "{v}");
}

#[test]
fn a_review_without_a_decision_is_named() {
    let t = Test::new().doc("a.toml", "\n[review]\nreason = \"写进了另一件文件\"\nreviewer = \"张三\"\n");
    let o = t.run_with(&["check", "--format", "json"]);
    o.status(0);
    let v = o.json();
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "review-without-decision");
    let d = d.unwrap_or_else(|| panic!("{v}"));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "documents/a.toml");
    // A decision alone, or a decision with its reason, is no finding.
    let t = Test::new().doc("b.toml", "\n[review]\ndecision = \"保留\"\nreason = \"仍然适用\"\n");
    assert!(!t.run_with(&["check", "--format", "json"]).stdout.contains("review-without-decision"));
}

#[test]
fn a_document_key_under_review_says_to_move_it() {
    let t = Test::new().doc("a.toml", "\n[review]\ndecision = \"保留\"\nbasis = [\"物权法\"]\n");
    let o = t.run_with(&["check"]);
    o.status(1).stdout_has("`basis` 是文件记录的字段,写在了 [review] 之内").stdout_has("移到 [review] 之上");
}

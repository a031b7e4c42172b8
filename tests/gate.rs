//! The one gate: every error `check` reports blocks `catalog` and `site`,
//! and the same findings (with the office's `[check]` levels) decide
//! `decide`, `import --update`, `diff --fail-on` and `deadlines --fail-on`.

use crate::support::{Test, git, repo};

/// A register whose `check` reports `code` as an error, for every
/// error-class code `docs/codes.md` lists (io-error, bad-file-name and
/// part-outside-register need the file system: see their own tests).
fn with_error(code: &str) -> Option<Test> {
    let t = Test::new().doc("ok.toml", "doc_number = \"测政发〔2005〕1号\"\n");
    Some(match code {
        "missing-documents" => Test::new(),
        "not-utf8" => t.write_bytes(
            "documents/gbk.toml",
            &encoding_rs::GBK.encode("title = \"永嘉县水利局关于加强河道采砂管理的通知\"\n").0,
        ),
        "toml-syntax" => t.write("documents/a.toml", "title = \"甲\"\nissuer = 乙\n"),
        "bad-date" => t.write("documents/a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-06-31\n"),
        "missing-key" => t.write("documents/a.toml", "title = \"甲\"\n"),
        "unknown-key" => t.doc("a.toml", "titel = \"甲\"\n"),
        "wrong-type" => t.doc("a.toml", "basis = \"物权法\"\n"),
        "bad-value" => t.doc("a.toml", "[review]\ndecision = \"暂缓\"\n"),
        "duplicate-id" => t.doc("a/x.toml", "").doc("b/x.toml", ""),
        "duplicate-doc-number" => t.doc("a.toml", "doc_number = \"测政发[2005]1号\"\n"),
        "effective-before-issued" => t.doc("a.toml", "effective = 2005-03-01\n"),
        "promulgated-before-issued" => t.doc("a.toml", "promulgated = 2005-03-01\n"),
        "expires-before-effective" => t.doc("a.toml", "expires = 2004-12-31\n"),
        "disclosure-reason-missing" => t.doc("a.toml", "disclosure = \"不予公开\"\n"),
        "supersede-unresolved" => t.doc("a.toml", "superseded_by = \"测政发〔2009〕1号\"\n"),
        "supersede-ambiguous" => {
            t.doc("x.toml", "").doc("y.toml", "doc_number = \"x\"\n").doc("z.toml", "superseded_by = \"x\"\n")
        }
        "supersede-self" => {
            t.doc("a.toml", "doc_number = \"测政发〔2005〕2号\"\nsuperseded_by = \"测政发〔2005〕2号\"\n")
        }
        "supersede-cycle" => t.doc("a.toml", "superseded_by = \"b\"\n").doc("b.toml", "superseded_by = \"a\"\n"),
        "duplicate-law" => t.write("laws/more.toml", "[[law]]\nname = \"物权法\"\n"),
        "law-dates" => {
            t.write("laws/bad.toml", "[[law]]\nname = \"某法\"\neffective = 2010-01-01\nrepealed = 2009-01-01\n")
        }
        "phase-no-deadline" => t.write(
            "qingli.toml",
            "[campaign]\nname = \"清理\"\n\n[[campaign.phase]]\nname = \"上报\"\nrequires = \"decided\"\n",
        ),
        "calendar-year" => t.write("calendar/2027.toml", "year = 2028\nholidays = []\nworkdays = []\n"),
        _ => return None,
    })
}

/// The error-class codes of docs/codes.md: a heading naming the code, then a line starting `error。`.
fn error_codes() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("docs/codes.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[1].starts_with("error。"))
        .filter_map(|w| w[0].strip_prefix("## `")?.strip_suffix('`').map(str::to_owned))
        .collect()
}

#[test]
fn every_error_code_blocks_catalog_and_site() {
    let codes = error_codes();
    assert!(codes.len() >= 20, "docs/codes.md lists {codes:?}");
    let by_file_system = ["io-error", "bad-file-name", "part-outside-register"];
    for code in &codes {
        let Some(t) = with_error(code) else {
            assert!(by_file_system.contains(&code.as_str()), "no fixture for the error code `{code}`");
            continue;
        };
        let v = t.run_with(&["check", "--format", "json"]).json();
        let found =
            v["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == **code && d["severity"] == "error");
        assert!(found, "{code}: check does not report it as an error: {v}");
        for (cmd, out) in [("catalog", "目录"), ("site", "网站")] {
            let o = t.run_with(&[cmd, "--out", out]);
            o.status(1).stderr_has("登记簿有错误");
            assert!(!t.path().join(out).exists(), "{code}: {cmd} wrote {out}");
        }
    }
}

#[test]
fn a_code_denied_in_the_register_blocks_publishing_as_check_fails() {
    // Reproduced in the issue: `check` exited 1 and `catalog` published.
    let t = Test::new()
        .write("qingli.toml", "[register]\nname = \"测试\"\n\n[check]\ndeny = [\"unknown-law\"]\n")
        .doc("a.toml", "basis = [\"城市规划法\"]\n");
    t.run_with(&["check"]).status(1).stdout_has("错误[unknown-law]");
    t.run_with(&["catalog", "--out", "目录"]).status(1).stderr_has("unknown-law").stderr_has("documents/a.toml");
    assert!(!t.path().join("目录").exists());
    t.run_with(&["site", "--out", "网站"]).status(1);
    // A draft is still possible, and says it is one.
    t.run_with(&["catalog", "--out", "目录", "--allow-errors"]).status(0).stderr_has("草稿");
    // Allowed again on the command line of check only: the register's level stands for the gate.
    t.run_with(&["deadlines", "--fail-on", "overdue"]).status(1).stderr_has("1 个错误");
}

#[test]
fn a_duplicate_id_register_publishes_neither_record() {
    let t = Test::new().doc("a/x.toml", "").doc("b/x.toml", "");
    t.run_with(&["catalog", "--out", "目录"]).status(1).stderr_has("duplicate-id").stderr_has("documents/b/x.toml");
    assert!(!t.path().join("目录").exists());
}

#[test]
fn decide_refuses_a_record_with_an_error_the_gate_found() {
    let t = Test::new()
        .doc("a.toml", "doc_number = \"测政发〔2005〕1号\"\n")
        .doc("b.toml", "doc_number = \"测政发[2005]1号\"\n");
    let before = t.read("documents/b.toml");
    let o = t.run_with(&["decide", "b", "保留", "--reason", "合法有效"]);
    o.status(1).stderr_has("duplicate-doc-number").stderr_has("登记簿未作任何改动");
    assert_eq!(t.read("documents/b.toml"), before);
    // A denied warning is an error for decide too.
    let t = Test::new()
        .write("qingli.toml", "[register]\nname = \"测试\"\n\n[check]\ndeny = [\"unknown-law\"]\n")
        .doc("a.toml", "basis = [\"城市规划法\"]\n")
        .doc("c.toml", "");
    t.run_with(&["decide", "a", "保留", "--reason", "合法有效"]).status(1).stderr_has("unknown-law");
    t.run_with(&["decide", "c", "保留", "--reason", "合法有效"]).status(0);
}

#[test]
fn import_update_refuses_a_row_for_a_record_with_an_error() {
    let t = Test::new()
        .write("qingli.toml", "[register]\nname = \"测试\"\n\n[check]\ndeny = [\"unknown-law\"]\n")
        .doc("a.toml", "doc_number = \"测政发〔2005〕1号\"\nbasis = [\"城市规划法\"]\n")
        .write("表.csv", "文件名称,制定机关,发布日期,文号,清理意见\n关于测试的通知,测试县人民政府,2005-03-10,测政发〔2005〕1号,保留\n");
    let before = t.read("documents/a.toml");
    t.run_with(&["import", "表.csv", "--update"]).status(1).stdout_has("有错误");
    assert_eq!(t.read("documents/a.toml"), before);
}

#[test]
fn diff_fail_on_counts_the_gate_errors_at_the_head() {
    let t = Test::new().doc("a.toml", "basis = [\"城市规划法\"]\n");
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "base"]);
    t.run_with(&["diff", "HEAD", "--fail-on", "errors"]).status(0);
    let t = t.write("qingli.toml", "[register]\nname = \"测试\"\n\n[check]\ndeny = [\"unknown-law\"]\n");
    let v = t.run_with(&["diff", "HEAD", "--format", "json"]).json();
    assert_eq!(v["head_errors"], 1, "{v}");
    t.run_with(&["diff", "HEAD", "--fail-on", "errors"]).status(1);
}

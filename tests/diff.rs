//! `qingli diff`: throw-away git repositories, register in a sub-folder,
//! Markdown and JSON output, exit codes.

use crate::support::{Test, git};

const CFG: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nas_of = 2007-10-31\n";
const A: &str = "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\ndoc_number = \"永政发〔2005〕1号\"\n\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\n\n[review]\ndecision = \"修改\"\nreviewer = \"张三\"\n";

/// A repository whose register lives in `reg/`, with one commit.
fn repo() -> Test {
    let t = Test::empty()
        .write("README.md", "其他内容\n")
        .write("reg/qingli.toml", CFG)
        .write("reg/documents/a.toml", A)
        .write("reg/documents/b.toml", "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2005-02-01\n");
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    t
}

fn change(t: Test) -> Test {
    // a: the finding becomes main (Q08 → 废止) and the reviewer changes; b removed; c added.
    let t = t
        .write("reg/documents/a.toml", &A.replace("scope = \"partial\"", "scope = \"main\"").replace("张三", "李四"))
        .write(
            "reg/documents/c.toml",
            "title = \"关于丙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\napplies_until = 2006-12-31\n",
        );
    std::fs::remove_file(t.path().join("reg/documents/b.toml")).unwrap();
    t
}

#[test]
fn working_tree_against_a_revision_as_json() {
    let t = change(repo());
    let out = t.run_with(&["--register", "reg", "diff", "main", "--format", "json"]);
    out.status(0);
    let v = out.json();
    assert_eq!(
        (v["base"].as_str(), v["head"].as_str(), v["as_of"].as_str()),
        (Some("main"), Some("工作区"), Some("2007-10-31"))
    );
    assert_eq!(v["added"][0]["id"], "c");
    assert_eq!(v["added"][0]["catalog"], "附件4 失效");
    assert_eq!(v["removed"][0]["id"], "b");
    let a = &v["changed"][0];
    assert_eq!(a["id"], "a");
    assert_eq!((a["suggested"]["before"].as_str(), a["suggested"]["after"].as_str()), (Some("修改"), Some("废止")));
    assert_eq!(
        (a["catalog"]["before"].as_str(), a["catalog"]["after"].as_str()),
        (Some("附件2 修改"), Some("附件2 修改"))
    );
    let fields: Vec<&str> = a["facts"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["finding[1]", "review.reviewer"]);
    assert!(a["rules_changed"][0].as_str().unwrap().contains("结果 修改 → 废止"), "{a}");
    // The decision 修改 now disagrees with the suggestion 废止: a new problem.
    assert_eq!(v["new_problems"][0]["code"], "disagreement");
    assert_eq!(v["head_errors"], 0);
}

#[test]
fn two_revisions_as_markdown() {
    let t = change(repo());
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "head"]);
    // From inside the register folder, no --register needed.
    let t = t.cwd("reg");
    let out = t.run_with(&["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    out.status(0)
        .stdout_has("### qingli diff: `HEAD~1` → `HEAD`(评估日 2007-10-31)")
        .stdout_has("| 永政发〔2005〕1号《关于甲的通知》 | 修改 → 废止 | 修改 | 附件2 修改 |")
        .stdout_has("#### 新增文件")
        .stdout_has("#### 删除文件")
        .stdout_has("  - `review.reviewer`: 张三 → 李四");
}

#[test]
fn fail_on_errors() {
    let t = repo().write("reg/documents/bad.toml", "title = \n");
    t.run_with(&["--register", "reg", "diff", "main"]).status(0).stdout_has("新的检查问题");
    t.run_with(&["--register", "reg", "diff", "main", "--fail-on", "errors"]).status(1);
    let clean = repo();
    clean
        .run_with(&["--register", "reg", "diff", "main", "--fail-on", "errors"])
        .status(0)
        .stdout_has("新增 0 件、删除 0 件、变更 0 件");
}

#[test]
fn a_law_change_moves_verdicts_without_touching_the_document() {
    let t = Test::empty()
        .write("qingli.toml", CFG)
        .write("laws/l.toml", "[[law]]\nname = \"经济合同法\"\neffective = 1982-07-01\n")
        .write(
            "documents/a.toml",
            "title = \"甲\"\nissuer = \"县政府\"\nissued = 1995-01-01\nbasis = [\"经济合同法\"]\n",
        );
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    let t = t.write(
        "laws/l.toml",
        "[[law]]\nname = \"经济合同法\"\neffective = 1982-07-01\nrepealed = 1999-10-01\nreplaced_by = \"合同法\"\n",
    );
    let v = t.run_with(&["diff", "main", "--format", "json"]).json();
    let a = &v["changed"][0];
    assert_eq!(a["facts"].as_array().unwrap().len(), 0);
    assert_eq!((a["suggested"]["before"].as_str(), a["suggested"]["after"].as_str()), (Some("保留"), Some("修改")));
    assert!(a["rules_added"][0].as_str().unwrap().starts_with("Q07 上位法依据已废止"), "{a}");
}

#[test]
fn bad_revisions_and_no_repository_exit_2() {
    let t = repo();
    t.run_with(&["--register", "reg", "diff", "nope"]).status(2).stderr_has("`nope` 不是这个仓库中的提交");
    let plain = Test::new();
    plain.run_with(&["diff", "HEAD"]).status(2).stderr_has("不在 git 仓库中");
}

#[test]
fn text_snapshot() {
    let t = change(repo());
    let out = t.run_with(&["--register", "reg", "diff", "main"]);
    out.status(0);
    crate::support::snapshot("diff-text.txt", &out.stdout);
}

#[test]
fn a_law_revision_names_every_document_it_touches() {
    let law = |revised: &str| {
        format!(
            "[[law]]\nname = \"水法\"\nfull_name = \"中华人民共和国水法\"\neffective = 1988-07-01\nrevised = [{revised}]\n"
        )
    };
    let t = Test::empty()
        .write("reg/qingli.toml", CFG)
        .write("reg/laws/laws.toml", &law("1997-01-01"))
        .write(
            "reg/documents/w.toml",
            "title = \"关于水资源的通知\"\nissuer = \"县政府\"\nissued = 2000-01-01\ndoc_number = \"永政发〔2000〕1号\"\nbasis = [\"水法\"]\n",
        );
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    let t = t.write("reg/laws/laws.toml", &law("1997-01-01, 2002-10-01"));
    let out = t.run_with(&["--register", "reg", "diff", "main"]);
    out.status(0)
        .stdout_has("变更 1 件")
        .stdout_has("永政发〔2000〕1号《关于水资源的通知》 (id w)")
        .stdout_has("记录未改动;变化来自上位法库或其他文件")
        .stdout_has("新触发 Q13 上位法已修订");
    let md = t.run_with(&["--register", "reg", "diff", "main", "--format", "markdown"]);
    md.status(0).stdout_has("#### 内容变更").stdout_has("- 规则(清理结论未变): 新触发 Q13");
}

/// The base reads only the files git says differ, and shares the rest with
/// the head: what it shares must look exactly as if it had been read.
#[test]
fn unchanged_records_keep_their_problems_and_every_kind_of_change_is_seen() {
    // w: a parse warning (a hidden character), unchanged; x: broken, unchanged.
    let warned = "title = \"关于丁\u{200b}的通知\"\nissuer = \"县政府\"\nissued = 2005-03-01\n";
    let broken = "title = \"关于戊的通知\"\nissuer = \"县政府\"\nissued = \"2005-04-01\"\n";
    let t = repo().write("reg/documents/w.toml", warned).write("reg/documents/sub/x.toml", broken);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "more"]);
    // a changed and staged, b deleted but not staged, c new and untracked.
    let t = change(t);
    git(&t, &["add", "reg/documents/a.toml"]);
    let v = t.run_with(&["--register", "reg", "diff", "main", "--format", "json"]).json();
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        (ids("added"), ids("removed"), ids("changed")),
        (vec!["c".to_owned()], vec!["b".to_owned()], vec!["a".to_owned()])
    );
    // The unchanged warning is neither new nor fixed; the unchanged broken record is broken in both.
    let codes = |k: &str| -> Vec<String> {
        v[k].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(codes("new_problems"), ["disagreement"]);
    assert_eq!(codes("fixed_problems"), Vec::<String>::new());
    assert_eq!(v["unreadable"][0]["id"], "x");
    assert_eq!(v["unreadable"][0]["broken_in"], "both");
    assert!(v["unreadable"][0]["errors"][0].as_str().unwrap().starts_with("3:"), "{}", v["unreadable"]);
    // Between two revisions, the same.
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "head"]);
    let w = t.run_with(&["--register", "reg", "diff", "main~1", "main", "--format", "json"]).json();
    assert_eq!(
        (&w["added"], &w["removed"], &w["changed"][0]["id"]),
        (&v["added"], &v["removed"], &v["changed"][0]["id"])
    );
    assert_eq!(
        (&w["new_problems"], &w["fixed_problems"], &w["unreadable"]),
        (&v["new_problems"], &v["fixed_problems"], &v["unreadable"])
    );
}

/// Linked records (a file link, a folder link) are followed in a revision
/// exactly as on disk: the working tree against a revision says what the
/// same change says once committed, and an untouched tree shows nothing.
#[cfg(unix)]
#[test]
fn linked_records_are_seen_the_same_at_a_revision_and_on_disk() {
    let t = repo()
        .write("reg/documents/sub/d.toml", "title = \"关于丁的通知\"\nissuer = \"县政府\"\nissued = 2005-03-01\n");
    std::os::unix::fs::symlink("sub/d.toml", t.path().join("reg/documents/alias.toml")).unwrap();
    std::os::unix::fs::symlink("sub", t.path().join("reg/documents/more")).unwrap();
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "links"]);
    let v = t.run_with(&["--register", "reg", "diff", "main", "--format", "json"]).json();
    for k in ["added", "removed", "changed", "unreadable", "new_problems", "fixed_problems"] {
        assert_eq!(v[k], serde_json::json!([]), "{k}: {v}");
    }
    // The linked file changes: every path that reads it changes with it.
    let t = t.write(
        "reg/documents/sub/d.toml",
        "title = \"关于丁的通知\"\nissuer = \"县政府\"\nissued = 2005-03-01\napplies_until = 2006-12-31\n",
    );
    let mut work = t.run_with(&["--register", "reg", "diff", "main", "--format", "json"]).json();
    let changed: Vec<&str> = work["changed"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(changed, ["alias", "d", "d"], "{work}");
    git(&t, &["commit", "-qam", "d expires"]);
    let mut committed = t.run_with(&["--register", "reg", "diff", "main~1", "main", "--format", "json"]).json();
    // The same but for the revisions' names.
    for v in [&mut work, &mut committed] {
        let o = v.as_object_mut().unwrap();
        o.remove("base");
        o.remove("head");
    }
    assert_eq!(work, committed);
}

/// A branch that moves a law's repeal and one that repeals a law nobody
/// cites: each edit of the law table is listed, in text and JSON, even
/// when no verdict moves; a document whose verdict moved names the edit.
#[test]
fn law_table_and_settings_edits_are_listed_and_named() {
    let laws = "[[law]]\nname = \"物权法\"\neffective = 2007-10-01\nrepealed = 2021-01-01\nreplaced_by = \"民法典\"\n\n[[law]]\nname = \"民法典\"\neffective = 2021-01-01\n\n[[law]]\nname = \"价格法\"\neffective = 1998-05-01\n";
    let cfg = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nas_of = 2022-06-30\n";
    let t = Test::empty()
        .write("qingli.toml", cfg)
        .write("laws/laws.toml", laws)
        .write("documents/a.toml", "title = \"甲\"\nissuer = \"县政府\"\nissued = 2010-01-01\nbasis = [\"物权法\"]\n");
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    // The repeal moves past the as-of date; an uncited law is repealed; a policy key changes.
    let t = t
        .write(
            "laws/laws.toml",
            &laws
                .replace("repealed = 2021-01-01", "repealed = 2027-01-01")
                .replace("effective = 1998-05-01\n", "effective = 1998-05-01\nrepealed = 2022-01-01\n"),
        )
        .write("qingli.toml", &format!("{cfg}\n[policy]\nfiling_days = 15\n"));
    let v = t.run_with(&["diff", "main", "--format", "json"]).json();
    let laws_changed = v["laws_changed"].as_array().unwrap();
    assert!(
        laws_changed.contains(
            &serde_json::json!({"name": "物权法", "field": "repealed", "before": "2021-01-01", "after": "2027-01-01"})
        ),
        "{laws_changed:?}"
    );
    assert!(
        laws_changed.contains(
            &serde_json::json!({"name": "价格法", "field": "repealed", "before": null, "after": "2022-01-01"})
        ),
        "{laws_changed:?}"
    );
    assert_eq!(
        v["settings_changed"],
        serde_json::json!([{"file": "qingli.toml", "key": "[policy] filing_days", "before": "30", "after": "15"}])
    );
    let a = &v["changed"][0];
    let caused: Vec<&str> = a["caused_by"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(caused.iter().any(|c| c.contains("《物权法》废止日期: 2021-01-01 → 2027-01-01")), "{caused:?}");
    assert!(!caused.iter().any(|c| c.contains("价格法")), "an uncited law is not a cause: {caused:?}");
    let text = t.run_with(&["diff", "main"]);
    text.status(0)
        .stdout_has("上位法库变动:")
        .stdout_has("《价格法》废止日期: (无) → 2022-01-01")
        .stdout_has("设置变动:")
        .stdout_has("qingli.toml [policy] filing_days: 30 → 15")
        .stdout_has("相关改动: 《物权法》废止日期");
    t.run_with(&["diff", "main", "--format", "markdown"]).status(0).stdout_has("#### 上位法库变动");
    // Only an uncited law repealed: listed although no document moves.
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "second"]);
    let t = t.write(
        "laws/laws.toml",
        &laws.replace("effective = 1998-05-01\n", "effective = 1998-05-01\nrepealed = 2021-06-01\n"),
    );
    let v = t.run_with(&["diff", "main", "--format", "json"]).json();
    assert!(!v["laws_changed"].as_array().unwrap().is_empty(), "{v}");
    t.run_with(&["diff", "HEAD"]).status(0).stdout_has("《价格法》");
}

#[test]
fn a_revision_is_never_taken_as_an_option() {
    // `git diff <base> --output=FILE` would truncate FILE and fill it with
    // git's output: every revision is verified before git sees it.
    let t = repo();
    let before = t.read("reg/documents/a.toml");
    for args in [
        &["--register", "reg", "diff", "main", "--", "--output=reg/documents/a.toml"][..],
        &["--register", "reg", "diff", "--", "--output=reg/documents/a.toml"][..],
        &["--register", "reg", "diff", "--", "--output=reg/documents/a.toml", "main"][..],
    ] {
        t.run_with(args).status(2).stderr_has("不是这个仓库中的提交");
        assert_eq!(t.read("reg/documents/a.toml"), before, "{args:?}");
    }
}

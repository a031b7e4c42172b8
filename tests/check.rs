//! `qingli check`: one failing fixture per diagnostic code, asserting the
//! code, file, line, column and message; exit codes; hostile inputs.

use crate::support::{self, Test, run_repo};

/// (code, file, line, column, message) of every diagnostic.
fn diags(t: &Test) -> Vec<(String, String, u64, u64, String)> {
    let out = t.run();
    let v = out.json();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[track_caller]
fn expect(t: Test, code: &str, file: &str, line: u64, col: u64, message: &str) {
    let t = t.args(&["check", "--format", "json"]);
    let all = diags(&t);
    let found = all.iter().find(|d| d.0 == code);
    let Some((_, f, l, c, m)) = found else { panic!("no {code} in {all:?}") };
    assert_eq!((f.as_str(), *l, *c), (file, line, col), "{code}: {m}");
    assert!(m.contains(message), "{code}: message {m:?} lacks {message:?}");
}

const OK: &str = "title = \"甲\"\nissuer = \"乙\"\nissued = 2005-01-01\n";

#[test]
fn not_utf8() {
    let (gbk, _, _) = encoding_rs::GBK.encode("title = \"永嘉县水利局关于加强河道采砂管理的通知\"\n");
    let t = Test::new().write_bytes("documents/gbk.toml", &gbk);
    expect(t, "not-utf8", "documents/gbk.toml", 1, 10, "GBK");
}

#[test]
fn toml_syntax() {
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissuer = 乙\n");
    expect(t, "toml-syntax", "documents/a.toml", 2, 10, "取值 `乙` 没有加引号");
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissuer = [\n");
    expect(t, "toml-syntax", "documents/a.toml", 3, 1, "TOML 语法错误");
}

#[test]
fn bad_date_from_seed_000() {
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-06-31\n");
    expect(t, "bad-date", "documents/a.toml", 3, 10, "2007-06-31");
}

#[test]
fn bad_date_quoted() {
    let t = Test::new().doc("a.toml", "expires = \"2009-01-01\"\n");
    expect(t, "bad-date", "documents/a.toml", 4, 11, "字符串");
}

#[test]
fn missing_key() {
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissued = 2005-01-01\n");
    expect(t, "missing-key", "documents/a.toml", 1, 1, "issuer");
}

#[test]
fn unknown_key_with_suggestion() {
    let t = Test::new().doc("a.toml", "doc_numbr = \"永政发〔2005〕1号\"\n");
    let out = t.args(&["check"]).run();
    out.status(1)
        .stdout_has("documents/a.toml:4:1: 错误[unknown-key]: 未知字段 `doc_numbr`")
        .stdout_has("是否应为 `doc_number`");
}

#[test]
fn wrong_type() {
    let t = Test::new().doc("a.toml", "basis = \"物权法\"\n");
    expect(t, "wrong-type", "documents/a.toml", 4, 9, "`basis` 应为数组");
}

#[test]
fn bad_value_decision() {
    let t = Test::new().doc("a.toml", "[review]\ndecision = \"保流\"\n");
    expect(t, "bad-value", "documents/a.toml", 5, 12, "保流");
}

#[test]
fn bad_value_every_enum() {
    for (extra, what) in [
        ("disclosure = \"公开\"\n", "disclosure"),
        ("[[finding]]\ntype = \"冲突\"\nscope = \"main\"\n", "type"),
        ("[[finding]]\ntype = \"其他\"\nscope = \"all\"\n", "scope"),
        ("[[event]]\ndate = 2006-01-01\ntype = \"撤销\"\n", "type"),
    ] {
        let t = Test::new().doc("a.toml", extra).args(&["check", "--format", "json"]);
        let all = diags(&t);
        assert!(all.iter().any(|d| d.0 == "bad-value" && d.4.contains(what)), "{extra}: {all:?}");
    }
}

#[test]
fn duplicate_id_across_folders() {
    let t = Test::new().doc("a/x.toml", "").doc("b/x.toml", "");
    expect(t, "duplicate-id", "documents/b/x.toml", 1, 1, "documents/a/x.toml");
}

#[test]
fn duplicate_doc_number_across_bracket_styles() {
    let t = Test::new()
        .doc("a.toml", "doc_number = \"永政发〔2005〕1号\"\n")
        .doc("b.toml", "doc_number = \"永政发[2005]1号\"\n");
    expect(t, "duplicate-doc-number", "documents/b.toml", 4, 14, "永政发〔2005〕1号");
}

#[test]
fn doc_number_brackets_is_a_warning() {
    let t = Test::new().doc("a.toml", "doc_number = \"永政办„2010‟3号\"\n");
    expect(t, "doc-number-brackets", "documents/a.toml", 4, 14, "永政办„2010‟3号");
    Test::new()
        .doc("a.toml", "doc_number = \"永政办„2010‟3号\"\n")
        .args(&["check"])
        .run()
        .status(0)
        .stdout_has("永政办〔2010〕3号");
}

#[test]
fn effective_before_issued() {
    let t = Test::new().doc("a.toml", "effective = 2005-03-01\n");
    expect(t, "effective-before-issued", "documents/a.toml", 4, 13, "2005-03-01");
}

#[test]
fn expires_before_effective() {
    let t = Test::new().doc("a.toml", "expires = 2004-12-31\n");
    expect(t, "expires-before-effective", "documents/a.toml", 4, 11, "2004-12-31");
}

#[test]
fn disclosure_reason_missing() {
    let t = Test::new().doc("a.toml", "disclosure = \"不予公开\"\n");
    expect(t, "disclosure-reason-missing", "documents/a.toml", 4, 14, "disclosure_reason");
}

#[test]
fn supersede_unresolved() {
    let t = Test::new().doc("a.toml", "superseded_by = \"永政发〔2009〕1号\"\n");
    expect(t, "supersede-unresolved", "documents/a.toml", 4, 17, "永政发〔2009〕1号");
}

#[test]
fn supersede_ambiguous() {
    let t =
        Test::new().doc("x.toml", "").doc("y.toml", "doc_number = \"x\"\n").doc("z.toml", "superseded_by = \"x\"\n");
    expect(t, "supersede-ambiguous", "documents/z.toml", 4, 17, "documents/x.toml");
}

#[test]
fn supersede_self() {
    let t = Test::new().doc("a.toml", "doc_number = \"永政发〔2005〕1号\"\nsuperseded_by = \"永政发〔2005〕1号\"\n");
    expect(t, "supersede-self", "documents/a.toml", 5, 17, "自身");
}

#[test]
fn supersede_cycle() {
    let t = Test::new()
        .doc("a.toml", "superseded_by = \"b\"\n")
        .doc("b.toml", "superseded_by = \"c\"\n")
        .doc("c.toml", "superseded_by = \"a\"\n");
    expect(t, "supersede-cycle", "documents/a.toml", 4, 17, "a → b → c → a");
}

#[test]
fn unknown_law_is_a_warning() {
    let t = Test::new().doc("a.toml", "basis = [\"城市规划法\"]\n");
    expect(t, "unknown-law", "documents/a.toml", 4, 9, "《城市规划法》");
    Test::new().doc("a.toml", "basis = [\"城市规划法\"]\n").args(&["check"]).run().status(0);
}

#[test]
fn law_references_ignore_brackets_and_prefix() {
    let t = Test::new()
        .doc("a.toml", "basis = [\"《中华人民共和国物权法》\", \"中华人民共和国行政许可法\", \"《民法典》\"]\n");
    let t = t.args(&["check", "--format", "json"]);
    assert!(diags(&t).is_empty(), "{:?}", diags(&t));
}

#[test]
fn duplicate_law() {
    let t = Test::new().write("laws/more.toml", "[[law]]\nname = \"物权法\"\n");
    expect(t, "duplicate-law", "laws/more.toml", 1, 1, "物权法");
}

#[test]
fn phase_without_deadline() {
    let cfg = "[campaign]\nname = \"清理\"\n\n[[campaign.phase]]\nname = \"上报\"\nrequires = \"decided\"\n";
    let t = Test::new().write("qingli.toml", cfg);
    expect(t, "phase-no-deadline", "qingli.toml", 4, 1, "due");
}

#[test]
fn config_unknown_key() {
    let t = Test::new().write("qingli.toml", "[policy]\nfiling_day = 30\n");
    expect(t, "unknown-key", "qingli.toml", 2, 1, "filing_day");
}

#[test]
fn calendar_year_mismatch() {
    let t = Test::new().write("calendar/2027.toml", "year = 2028\nholidays = []\nworkdays = []\n");
    expect(t, "calendar-year", "calendar/2027.toml", 1, 8, "2028");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_survived() {
    let t = Test::new().doc("sub/a.toml", "");
    std::os::unix::fs::symlink("..", t.path().join("documents/sub/loop")).unwrap();
    let out = t.args(&["check", "--format", "json"]).run();
    let v = out.json();
    let d = &v["diagnostics"].as_array().unwrap()[..];
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0]["code"].as_str(), d[0]["file"].as_str()), (Some("walk-error"), Some("documents/sub/loop")));
    assert!(d[0]["message"].as_str().unwrap().contains("循环"));
}

#[cfg(unix)]
#[test]
fn symlink_to_register_root_is_not_followed() {
    let t = Test::new().doc("a.toml", "");
    std::os::unix::fs::symlink("..", t.path().join("documents/up")).unwrap();
    let out = t.args(&["check", "--format", "json"]).run();
    let v = out.json();
    let d = &v["diagnostics"].as_array().unwrap()[..];
    assert_eq!(d.len(), 1, "nothing outside documents/ is loaded as a record: {d:?}");
    assert_eq!((d[0]["code"].as_str(), d[0]["file"].as_str()), (Some("walk-error"), Some("documents/up")));
}

#[cfg(unix)]
#[test]
fn symlink_outside_register_is_skipped() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("evil.toml"), OK).unwrap();
    let t = Test::new().doc("a.toml", "");
    std::os::unix::fs::symlink(outside.path().join("evil.toml"), t.path().join("documents/evil.toml")).unwrap();
    expect(t, "outside-register", "documents/evil.toml", 1, 1, "之外");
}

#[test]
fn disagreement_warns_and_strict_fails() {
    let rec = "[[finding]]\ntype = \"上位法抵触\"\nscope = \"main\"\n\n[review]\ndecision = \"保留\"\n";
    let t = Test::new().doc("a.toml", rec);
    expect(t, "disagreement", "documents/a.toml", 9, 12, "规则建议为「废止」");
    Test::new().doc("a.toml", rec).args(&["check"]).run().status(0).stdout_has("警告[disagreement]");
    Test::new().doc("a.toml", rec).args(&["check", "--strict"]).run().status(1).stdout_has("错误[disagreement]");
    let justified = format!("{rec}override_reason = \"经审核确认继续执行\"\n");
    Test::new().doc("a.toml", &justified).args(&["check", "--strict"]).run().status(0);
}

#[test]
fn every_problem_in_one_run() {
    let t = Test::new()
        .write("documents/a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-06-31\n")
        .write("documents/b.toml", "titel = \"甲\"\n")
        .doc("c.toml", "disclosure = \"不予公开\"\n")
        .args(&["check", "--format", "json"]);
    let out = t.run();
    out.status(1);
    let v = out.json();
    let codes: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["bad-date", "missing-key", "missing-key", "missing-key", "unknown-key", "disclosure-reason-missing"]
    );
    assert_eq!(v["errors"], 6);
}

#[test]
fn human_output_format() {
    let out = Test::new()
        .write("documents/a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-06-31\n")
        .args(&["check"])
        .run();
    out.status(1);
    assert_eq!(
        out.stdout,
        "documents/a.toml:3:10: 错误[bad-date]: 日期 `2007-06-31` 不存在(2007年6月没有31日)\n  |\n3 | issued = 2007-06-31\n  |          ^^^^^^^^^^\n  = 提示: 核对原件,改为真实存在的日期(YYYY-MM-DD)\n检查未通过: 共检查 3 个文件,1 个错误,0 个警告\n"
    );
}

#[test]
fn bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(OK.as_bytes());
    Test::new().write_bytes("documents/a.toml", &bytes).args(&["check"]).run().status(0);
}

#[test]
fn hidden_and_non_toml_files_are_skipped() {
    Test::new()
        .write("documents/.git/x.toml", "garbage =")
        .write("documents/.hidden.toml", "garbage =")
        .write("documents/readme.md", "garbage =")
        .doc("deep/er/still/a.toml", "")
        .args(&["check"])
        .run()
        .status(0)
        .stdout_has("共检查 3 个文件");
}

#[test]
fn missing_register_exits_2() {
    let out = Test::empty().args(&["check"]).run();
    out.status(2).stderr_has("找不到登记簿");
    let out = Test::empty().args(&["--register", "nowhere", "check"]).run();
    out.status(2).stderr_has("不存在");
}

#[test]
fn register_from_env_and_from_parent_directory() {
    let t = Test::new().doc("a.toml", "").cwd("documents").args(&["check"]);
    t.run().status(0).stdout_has("共检查 3 个文件");
    let t = Test::new().doc("a.toml", "");
    let root = t.path().to_str().unwrap().to_owned();
    let e = Test::empty().env("QINGLI_REGISTER", &root).args(&["check"]);
    e.run().status(0).stdout_has("共检查 3 个文件");
}

#[test]
fn bad_usage_exits_2() {
    Test::new().args(&["check", "--format", "xml"]).run().status(2);
    Test::new().args(&["--as-of", "2007-02-30", "review"]).run().status(2).stderr_has("2007年2月没有30日");
    Test::new().args(&["--as-of", "二〇〇七年", "review"]).run().status(2).stderr_has("不是有效日期");
}

#[test]
fn sample_register_has_no_errors() {
    let out = run_repo(&["--register", "register", "check", "--strict"]);
    out.status(0).stdout_has("检查通过");
    assert!(!out.stdout.contains("警告["), "{}", out.stdout);
}

// ---- hostile inputs: a diagnostic, never a panic ----

#[track_caller]
fn survives(bytes: &[u8]) {
    let t = Test::new().write_bytes("documents/h.toml", bytes).args(&["check", "--format", "json"]);
    let out = t.run();
    assert!(out.status == 0 || out.status == 1, "status {}: {}", out.status, out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out.json();
}

#[test]
fn truncated_files() {
    let full = "title = \"永嘉县水利局关于加强河道采砂管理的通知\"\nissuer = \"永嘉县水利局\"\nissued = 2005-03-10\n[[finding]]\ntype = \"越权设定\"\n";
    for cut in (0..full.len()).filter(|i| full.is_char_boundary(*i)).step_by(3) {
        survives(&full.as_bytes()[..cut]);
    }
    // A cut inside a multi-byte character.
    survives(&full.as_bytes()[..10]);
}

#[test]
fn binary_garbage_and_nul_bytes() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    survives(&garbage);
    survives(b"title = \"a\0b\"\nissuer = \"x\"\nissued = 2005-01-01\n");
}

#[test]
fn deep_nesting() {
    survives(format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes());
    survives(format!("a = {}", "{ b = ".repeat(10_000)).as_bytes());
}

#[test]
fn megabyte_strings() {
    let long = "永".repeat(1_000_000);
    survives(format!("title = \"{long}\"\nissuer = \"x\"\nissued = 2005-01-01\n").as_bytes());
    survives(format!("{long} = 1\n").as_bytes());
}

#[test]
fn the_source_line_is_shown_with_a_width_correct_underline() {
    let t = Test::new().doc("a.toml", "[review]\ndecision = \"作废\"\n");
    let o = t.run_with(&["check"]);
    o.status(1);
    // `作废` in quotes: 4 characters, 6 columns.
    assert!(
        o.stdout.contains("documents/a.toml:5:12: 错误[bad-value]: `decision` 的取值 `作废` 无效\n  |\n5 | decision = \"作废\"\n  |            ^^^^^^\n"),
        "{}",
        o.stdout
    );
    let v = t.run_with(&["check", "--format", "json"]).json();
    let d = &v["diagnostics"][0];
    let text = t.read("documents/a.toml");
    let (start, end) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "\"作废\"");
    assert_eq!(d["line_text"], "decision = \"作废\"");
    // Cross-file problems have no source line: null, not missing.
    let v = Test::new().doc("x/a.toml", "").doc("y/a.toml", "").args(&["check", "--format", "json"]).run().json();
    assert_eq!(v["diagnostics"][0]["span"], serde_json::Value::Null);
}

#[test]
fn deny_warn_allow_and_the_check_table() {
    let t = Test::new().doc("a.toml", "doc_number = \"永政发[2005]1号\"\nbasis = [\"城市规划法\"]\n");
    t.run_with(&["check"]).status(0);
    t.run_with(&["check", "--deny", "unknown-law"]).status(1).stdout_has("错误[unknown-law]");
    let o = t.run_with(&["check", "--allow", "doc-number-brackets", "--allow", "unknown-law"]);
    o.status(0);
    assert!(!o.stdout.contains("doc-number-brackets") && !o.stdout.contains("unknown-law"), "{}", o.stdout);
    // qingli.toml's [check], overridden by the command line.
    let t = t.write(
        "qingli.toml",
        &format!("{}\n[check]\ndeny = [\"unknown-law\"]\nallow = [\"doc-number-brackets\"]\n", support::CONFIG),
    );
    let o = t.run_with(&["check"]);
    o.status(1).stdout_has("错误[unknown-law]");
    assert!(!o.stdout.contains("doc-number-brackets"), "{}", o.stdout);
    t.run_with(&["check", "--warn", "unknown-law"]).status(0).stdout_has("警告[unknown-law]");
    // An error is never lowered, and an unknown code is a usage error with a suggestion.
    t.run_with(&["check", "--allow", "bad-date"]).status(2).stderr_has("错误类检查代码");
    t.run_with(&["check", "--deny", "unknown-lw"]).status(2).stderr_has("是否应为 `unknown-law`");
    let bad = Test::new().doc("a.toml", "").write("qingli.toml", "[check]\nallow = [\"toml-syntax\", \"nope\"]\n");
    bad.run_with(&["check"]).status(1).stdout_has("错误类检查代码").stdout_has("没有检查代码 `nope`");
}

#[test]
fn a_two_document_cycle_is_found() {
    let t = Test::new().doc("a.toml", "superseded_by = \"b\"\n").doc("b.toml", "superseded_by = \"a\"\n");
    expect(t, "supersede-cycle", "documents/a.toml", 4, 17, "a → b → a");
}

#[test]
fn the_same_problem_is_reported_once() {
    // The same unknown law cited twice in one `basis` is one problem at one place.
    let t = Test::new().doc("a.toml", "basis = [\"城市规划法\", \"城市规划法\"]\n");
    let found: Vec<_> =
        diags(&t.args(&["check", "--format", "json"])).into_iter().filter(|d| d.0 == "unknown-law").collect();
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn suggestions_by_meaning_and_impossible_dates_say_why() {
    for (word, meant) in [("作废", "废止"), ("撤销", "废止"), ("继续有效", "保留"), ("修订", "修改"), ("过期", "失效")]
    {
        let t = Test::new().doc("a.toml", &format!("[review]\ndecision = \"{word}\"\n"));
        t.run_with(&["check"]).status(1).stdout_has(&format!("是否应为 `{meant}`"));
    }
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 2019-02-30\n");
    t.run_with(&["check"]).status(1).stdout_has("日期 `2019-02-30` 不存在(2019年2月没有30日)");
}

#[test]
fn citations_as_clerks_write_them_resolve() {
    // Version notes, articles, other brackets: the same law, no unknown-law.
    let t = Test::new().doc("a.toml", "basis = [\"《中华人民共和国行政许可法》（2019年修正）第五条\", \"<物权法>\"]\n");
    let v = t.run_with(&["check", "--format", "json"]).json();
    assert_eq!(v["warnings"], 0, "{v}");
    // Q07 sees the repealed 物权法 through the odd brackets.
    let r = t.run_with(&["review", "--format", "json", "--as-of", "2021-06-01"]).json();
    assert_eq!(r["documents"][0]["rules"][0]["id"], "Q07", "{r}");
    // Several laws in one entry: resolved, and a hint to split them.
    let t = Test::new().doc("a.toml", "basis = [\"《行政许可法》、《物权法》\"]\n");
    t.run_with(&["check"]).status(0).stdout_has("警告[several-laws]").stdout_has("《行政许可法》、《物权法》");
}

#[test]
fn syntax_errors_clerks_make_get_the_fix() {
    let t = Test::new()
        .write("documents/a.toml", "title = \"a\"\nissuer = \"b\"\nissued = 2020.2.3\n")
        .write("documents/b.toml", "title = \"a\"\n标题 = \"b\"\nissuer = \"b\"\nissued = 2020-02-03\n")
        .write("documents/c.toml", "title = \"a\"\nissuer = \"b\"\nissued = 2020-02-03\n[review]\ndecision = 废止\n")
        .write("documents/d.toml", "title = \"a\"\nissuer = \"b\"\nissued = 2019/2/30\n");
    let out = t.run_with(&["check"]);
    out.status(1)
        .stdout_has("documents/a.toml:3:16: 错误[toml-syntax]: 日期 `2020.2.3` 的写法不对")
        .stdout_has("提示: 改为 `issued = 2020-02-03`")
        .stdout_has("字段名须用英文:`标题` 应写作 `title`")
        .stdout_has("取值 `废止` 没有加引号")
        .stdout_has("`decision = \"废止\"`")
        .stdout_has("(2019年2月没有30日)");
    assert!(!out.stdout.contains("\\u{"), "characters, never escapes: {}", out.stdout);
}

#[test]
fn a_calendar_year_defined_twice_is_an_error_not_a_silent_replacement() {
    let cal = "year = 2007\nholidays = [2007-10-01, 2007-10-02]\nworkdays = []\n";
    let t = Test::new()
        .write("calendar/2007.toml", cal)
        .write("calendar/2007b.toml", "year = 2007\nholidays = []\nworkdays = []\n");
    expect(t, "calendar-year", "calendar/2007b.toml", 1, 1, "2007 年的日历已由 `calendar/2007.toml` 定义");
}

#[test]
fn a_day_both_holiday_and_working_day_is_an_error() {
    let t = Test::new()
        .write("calendar/2007.toml", "year = 2007\nholidays = [2007-10-01]\nworkdays = [2007-09-29, 2007-10-01]\n");
    expect(t, "bad-value", "calendar/2007.toml", 3, 12, "2007-10-01 同时列为放假日");
}

#[test]
fn laws_replacing_each_other_in_a_circle_are_errors() {
    let laws = "[[law]]\nname = \"甲法\"\nreplaced_by = \"乙法\"\n\n[[law]]\nname = \"乙法\"\nreplaced_by = \"甲法\"\n\n[[law]]\nname = \"丙法\"\nreplaced_by = \"丙法\"\n";
    let t = Test::new().write("laws/cycle.toml", laws);
    expect(t, "supersede-cycle", "laws/cycle.toml", 1, 1, "《甲法》 → 《乙法》 → 《甲法》");
    let t = Test::new().write("laws/cycle.toml", laws);
    expect(t, "supersede-self", "laws/cycle.toml", 9, 1, "《丙法》的 replaced_by 指向它自己");
}

#[test]
fn dates_are_1900_to_9999_everywhere() {
    let t = Test::new()
        .doc("ok.toml", "")
        .write("documents/typo.toml", "title = \"关于测试的通知\"\nissuer = \"县政府\"\nissued = 0205-03-10\n");
    expect(t, "bad-date", "documents/typo.toml", 3, 10, "早于 1900 年");
    let t = Test::new().doc("old.toml", "effective = 1930-05-01\n");
    let o = t.run_with(&["check", "--format", "json"]);
    let v = o.json();
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "early-date" && d["line"] == 4), "{v}");
    // A draft over the typo is written, never refused with Excel's English error.
    let t = Test::new()
        .doc("ok.toml", "")
        .write("documents/typo.toml", "title = \"关于测试的通知\"\nissuer = \"县政府\"\nissued = 0205-03-10\n");
    t.run_with(&["catalog", "--out", "目录", "--xlsx", "--allow-errors"]).status(0);
    t.run_with(&["site", "--out", "网站", "--with-catalog", "--allow-errors"]).status(0);
    // The command line holds the same range.
    let before = t.read("documents/ok.toml");
    let o = t.run_with(&["decide", "ok", "保留", "--date", "+10000-01-01"]);
    o.status(2).stderr_has("`+10000-01-01` 超出可用的日期范围");
    assert_eq!(t.read("documents/ok.toml"), before);
    t.run_with(&["review", "--as-of", "1899-12-31"]).status(2).stderr_has("1899-12-31");
}

/// Every default-ignorable code point (and the braille blank) in a 文号 is
/// named by `check`, and the 文号 compares as the clean one: the same
/// verdict, and a duplicate is found.
#[test]
fn invisible_characters_in_a_doc_number_are_named_and_ignored() {
    let clean = "永政发〔1998〕6号";
    let cfg =
        "[register]\nname = \"测试\"\n\n[campaign]\nas_of = 2007-10-31\n\n[[campaign.scope]]\nseries = [\"永政发\"]\n";
    for c in [
        '\u{FE0F}',
        '\u{034F}',
        '\u{061C}',
        '\u{3164}',
        '\u{1160}',
        '\u{180B}',
        '\u{206A}',
        '\u{E0041}',
        '\u{E0100}',
        '\u{1BCA0}',
        '\u{2800}',
    ] {
        let hidden = format!("永{c}政发〔1998〕6号");
        let t = Test::new()
            .write("qingli.toml", cfg)
            .doc("a.toml", &format!("doc_number = \"{hidden}\"\n"))
            .doc("b.toml", &format!("doc_number = \"{clean}\"\n"));
        let v = t.run_with(&["check", "--format", "json"]).json();
        let codes: Vec<(String, String)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_owned(), d["message"].as_str().unwrap().to_owned()))
            .collect();
        let point = format!("U+{:04X}", u32::from(c));
        assert!(codes.iter().any(|(k, m)| k == "hidden-char" && m.contains(&point)), "{point}: {codes:?}");
        assert!(codes.iter().any(|(k, _)| k == "duplicate-doc-number"), "{point}: {codes:?}");
        let r = Test::new()
            .write("qingli.toml", cfg)
            .doc("a.toml", &format!("doc_number = \"{hidden}\"\n"))
            .run_with(&["review", "--format", "json"])
            .json();
        assert_eq!(r["documents"][0]["suggested"], "保留", "{point}: {r}");
    }
}

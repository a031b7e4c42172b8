//! `qingli review`: rules through the binary, formats, filters, `--explain`.

use crate::support::Test;

const CAMPAIGN: &str = r#"[register]
name = "测试登记簿"

[campaign]
name = "测试清理"
as_of = 2007-10-31
made_before = 2007-07-01

[[campaign.scope]]
kinds = ["规范性文件"]
series = ["永政发"]
from = 1994-01-01
to = 2007-06-30

[[campaign.focus]]
law = "物权法"
keywords = ["拆迁", "登记"]
"#;

fn reg() -> Test {
    Test::new().write("qingli.toml", CAMPAIGN)
}

fn json_docs(t: &Test, args: &[&str]) -> Vec<serde_json::Value> {
    let mut a = vec!["review", "--format", "json"];
    a.extend_from_slice(args);
    let out = t.run_with(&a);
    out.status(0);
    out.json()["documents"].as_array().unwrap().clone()
}

fn rules_of(doc: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> =
        doc["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    v.extend(doc["advice"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()));
    v
}

#[test]
fn every_rule_through_the_binary() {
    let t = reg()
        .doc("q00.toml", "")
        .doc("q01.toml", "[[finding]]\ntype = \"上位法抵触\"\nscope = \"main\"\nlaw = \"物权法\"\n")
        .doc("q02.toml", "superseded_by = \"q00\"\n")
        .doc("q03.toml", "applies_until = 2006-12-31\n")
        .doc("q04.toml", "subject_gone = 2007-10-31\n")
        .doc("q05.toml", "expires = 2007-10-30\n")
        .doc("q06.toml", "[[finding]]\ntype = \"上位法抵触\"\nscope = \"partial\"\n")
        .doc("q07.toml", "basis = [\"《中华人民共和国物权法》\"]\n")
        .doc("q08.toml", "[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\n")
        .doc("q09.toml", "expires = 2011-03-10\n")
        .doc("q10.toml", "[[finding]]\ntype = \"与上级文件不一致\"\nscope = \"partial\"\n")
        .write("documents/q11.toml", "title = \"甲\"\nissuer = \"乙\"\nissued = 1993-12-31\n")
        .write("documents/q12.toml", "title = \"关于房屋拆迁的通知\"\nissuer = \"乙\"\nissued = 2005-01-01\n")
        .doc("q13.toml", "basis = [\"行政许可法\"]\n");
    let docs = json_docs(&t, &["--as-of", "2019-04-23"]);
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
    // As of 2019-04-23 the 物权法 is in force, so q07 needs a later date; checked below.
    for (id, expected) in [
        ("q00", vec!["Q00"]),
        ("q01", vec!["Q01"]),
        ("q02", vec!["Q02"]),
        ("q03", vec!["Q03"]),
        ("q04", vec!["Q04"]),
        ("q05", vec!["Q05"]),
        ("q06", vec!["Q06"]),
        ("q08", vec!["Q08"]),
        ("q09", vec!["Q05", "Q09"]),
        ("q10", vec!["Q00", "Q10"]),
        ("q13", vec!["Q00", "Q13"]),
    ] {
        assert_eq!(rules_of(by_id(id)), expected, "{id}");
    }
    let docs = json_docs(&t, &["--as-of", "2021-01-01"]);
    let q07 = docs.iter().find(|d| d["id"] == "q07").unwrap();
    assert_eq!(rules_of(q07), ["Q07"]);
    assert_eq!(q07["needs_review"], true);
    assert!(q07["rules"][0]["explanation"].as_str().unwrap().contains("《民法典》"));
    // The campaign's own date: scope window and focus law.
    let docs = json_docs(&t, &[]);
    let q11 = docs.iter().find(|d| d["id"] == "q11").unwrap();
    assert_eq!(rules_of(q11), ["Q11"]);
    let q12 = docs.iter().find(|d| d["id"] == "q12").unwrap();
    assert_eq!(rules_of(q12), ["Q00", "Q12"]);
}

#[test]
fn json_contract() {
    let t = reg().doc(
        "yjsl-2005-12.toml",
        "doc_number = \"永水〔2005〕12号\"\nresponsible_unit = \"水政水资源科\"\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\nlaw = \"行政许可法\"\n[review]\ndecision = \"修改\"\n",
    );
    let out = t.run_with(&["review", "--format", "json"]);
    out.status(0);
    let v = out.json();
    assert_eq!(v["register"], "测试登记簿");
    assert_eq!(v["as_of"], "2007-10-31");
    let d = &v["documents"][0];
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    let order = [
        "id",
        "doc_number",
        "title",
        "issuer",
        "responsible_unit",
        "issued",
        "promulgated",
        "status",
        "suggested",
        "rules",
        "advice",
        "needs_review",
        "decision",
        "verdict",
        "agrees",
    ];
    assert_eq!(keys.len(), order.len(), "{keys:?}");
    // serde_json's Value sorts keys; check the printed order on the text itself.
    let at = |k: &str| out.stdout.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("{k}"));
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{}", out.stdout);
    let rule_at = |k: &str| out.stdout.find(&format!("\"{k}\": \"")).unwrap();
    assert!(rule_at("name") < rule_at("outcome") && rule_at("outcome") < rule_at("explanation"));
    assert_eq!(d["rules"][0].as_object().unwrap().len(), 4);
    assert_eq!(
        (d["suggested"].as_str(), d["verdict"].as_str(), d["agrees"].as_bool()),
        (Some("修改"), Some("修改"), Some(true))
    );
    assert!(
        out.stdout
            .contains("\"summary\": {\n    \"保留\": 0,\n    \"修改\": 1,\n    \"废止\": 0,\n    \"失效\": 0\n  }"),
        "{}",
        out.stdout
    );
    assert_eq!(v["summary"]["修改"], 1);
}

#[test]
fn not_subject_documents_have_nulls() {
    let t = reg().write(
        "documents/new.toml",
        "title = \"甲\"\nissuer = \"乙\"\nissued = 2007-08-01\n[review]\ndecision = \"保留\"\n",
    );
    let docs = json_docs(&t, &[]);
    assert!(docs.is_empty(), "only subject documents are listed by default");
    let docs = json_docs(&t, &["--all"]);
    let d = &docs[0];
    assert_eq!(d["status"], "新制定");
    assert!(d["suggested"].is_null() && d["verdict"].is_null() && d["agrees"].is_null() && d["doc_number"].is_null());
    assert_eq!(d["rules"].as_array().unwrap().len() + d["advice"].as_array().unwrap().len(), 0);
}

#[test]
fn filters() {
    let t = reg()
        .doc("a.toml", "responsible_unit = \"甲科\"\n")
        .doc("b.toml", "responsible_unit = \"乙科\"\napplies_until = 2006-01-01\n")
        .doc("c.toml", "responsible_unit = \"乙科\"\n[review]\ndecision = \"废止\"\n");
    let ids = |args: &[&str]| -> Vec<String> {
        json_docs(&t, args).iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids(&["--unit", "乙科"]), ["b", "c"]);
    assert_eq!(ids(&["--verdict", "失效"]), ["b"]);
    assert_eq!(ids(&["--verdict", "repeal"]), ["c"]);
    assert_eq!(ids(&["--disagreements"]), ["c"]);
    assert_eq!(ids(&["--id", "a", "--id", "c"]), ["a", "c"]);
}

#[test]
fn explain_by_id_and_by_number() {
    let t = reg().doc("a.toml", "doc_number = \"永政发〔2005〕3号\"\napplies_until = 2006-12-31\n");
    let out = t.run_with(&["review", "--explain", "永政发[2005]3号"]);
    out.status(0)
        .stdout_has("《关于测试的通知》")
        .stdout_has("评估日: 2007-10-31(来自 本次清理设置)")
        .stdout_has("触发 → 失效: 适用期至2006-12-31,已过期")
        .stdout_has("Q01 上位法抵触")
        .stdout_has("未触发: 没有涉及主要内容的")
        .stdout_has("规则建议: 失效")
        .stdout_has("清理意见: 尚未填写");
    let by_id = t.run_with(&["review", "--explain", "a"]);
    assert_eq!(by_id.stdout, out.stdout);
    t.run_with(&["review", "--explain", "nope"]).status(2).stderr_has("没有 id 或文号为 `nope`");
}

#[test]
fn csv_and_markdown() {
    let t = reg().write("documents/f.toml", "title = \"=HYPERLINK(1)\"\nissuer = \"乙\"\nissued = 2005-01-01\n");
    let out = t.run_with(&["review", "--format", "csv"]);
    out.status(0);
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "序号,文号,文件名称,责任单位,规则建议,触发规则,清理意见,一致,id,状态,需复核,理由"
    );
    assert!(lines.next().unwrap().starts_with("1,—,'=HYPERLINK(1),乙,保留,Q00,—,—,f,现行有效,否,"), "{}", out.stdout);
    let md = t.run_with(&["review", "--format", "markdown"]);
    md.status(0).stdout_has("| 序号 | 文号 | 文件名称 |").stdout_has("合计 1 件");
}

#[test]
fn as_of_flag_overrides_campaign() {
    let t = reg().doc("a.toml", "applies_until = 2006-12-31\n");
    let docs = json_docs(&t, &["--as-of", "2006-12-31"]);
    assert_eq!(rules_of(&docs[0]), ["Q00"]);
}

#[test]
fn load_errors_are_mentioned_on_stderr() {
    let t = reg().doc("a.toml", "").write("documents/bad.toml", "title = ");
    t.run_with(&["review"]).status(0).stderr_has("登记簿有 1 个错误").stdout_has("合计 1 件");
}

/// Regression: with the progress line showing, `run` used to hold the stderr
/// lock while the progress thread waited for it, and never finished.
#[test]
fn progress_line_never_blocks_and_never_touches_stdout() {
    let mut t = reg();
    for i in 0..3000 {
        t = t.doc(&format!("bulk/d{i:04}.toml"), "");
    }
    let plain = t.run_with(&["review", "--format", "json"]);
    plain.status(0);
    assert!(plain.stderr.is_empty(), "silent when stderr is not a terminal: {}", plain.stderr);
    let shown = crate::support::run_in(
        t.path(),
        &["review".to_owned(), "--format".to_owned(), "json".to_owned()],
        &[("QINGLI_PROGRESS".to_owned(), "always".to_owned())],
    );
    shown.status(0);
    assert_eq!(shown.stdout, plain.stdout, "the report is the same");
    assert!(shown.stderr.contains("正在读取登记簿: "), "{:?}", shown.stderr);
    assert!(shown.stderr.ends_with("\r\x1b[2K"), "the line is cleared: {:?}", shown.stderr);
}

/// The widest line of `text` in terminal columns (CJK characters count two).
fn widest(text: &str) -> usize {
    text.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn tables_fit_the_terminal() {
    for cmd in [&["review"][..], &["deadlines", "--all"][..], &["deadlines"][..]] {
        for w in [80, 100, 200] {
            let mut args = vec!["--register", "register"];
            args.extend_from_slice(cmd);
            let out = crate::support::run_in(
                &crate::support::repo(),
                &args.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
                &[("COLUMNS".into(), w.to_string())],
            );
            out.status(0);
            assert!(widest(&out.stdout) <= w, "{cmd:?} at {w}: {}", widest(&out.stdout));
            if w == 80 {
                // What matters stays; a long title is clipped with …
                let head = out.stdout.lines().find(|l| l.starts_with("│ ")).unwrap().to_owned();
                let want: &[&str] = if cmd[0] == "review" {
                    &["文号", "文件名称", "规则建议", "清理意见", "一致"]
                } else {
                    &["事项", "文件名称", "到期日", "剩余天数"]
                };
                for col in want {
                    assert!(head.contains(col), "{col} in {head}");
                }
                assert!(out.stdout.contains('…'));
            }
        }
        // --width wins over COLUMNS; --wide shows every column whatever the width.
        let mut args: Vec<String> = vec!["--register".into(), "register".into()];
        args.extend(cmd.iter().map(|s| (*s).to_owned()));
        let mut narrow = args.clone();
        narrow.extend(["--width".into(), "90".into()]);
        let out = crate::support::run_in(&crate::support::repo(), &narrow, &[("COLUMNS".into(), "200".into())]);
        assert!(widest(&out.stdout) <= 90);
        let mut wide = args.clone();
        wide.push("--wide".into());
        let out = crate::support::run_in(&crate::support::repo(), &wide, &[("COLUMNS".into(), "80".into())]);
        assert!(out.stdout.contains(if cmd[0] == "review" { "触发规则" } else { "剩余工作日" }));
    }
}

#[test]
fn far_off_days_read_in_years() {
    let out = crate::support::run_repo(&[
        "--register",
        "register",
        "deadlines",
        "--as-of",
        "2026-01-01",
        "--format",
        "table",
    ]);
    out.status(0).stdout_has("逾期 18 年");
    let json =
        crate::support::run_repo(&["--register", "register", "deadlines", "--as-of", "2026-01-01", "--format", "json"]);
    let v = json.json();
    assert!(
        v["items"].as_array().unwrap().iter().any(|i| i["days_left"].as_i64().unwrap() < -365),
        "JSON keeps numbers"
    );
}

#[test]
fn the_summary_counts_what_is_listed() {
    let all = crate::support::run_repo(&["--register", "register", "review"]);
    all.status(0).stdout_has("合计 47 件(按清理意见计,未填写的按规则建议): 保留 18、修改 11、废止 12、失效 6");
    let unit = crate::support::run_repo(&["--register", "register", "review", "--unit", "永嘉县水利局"]);
    unit.status(0).stdout_has("合计 6 件(按清理意见计,未填写的按规则建议): 保留 2、修改 1、废止 1、失效 2");
    assert!(!unit.stdout.contains("新制定 1 件"), "{}", unit.stdout);
    let listed = crate::support::run_repo(&["--register", "register", "review", "--all"]);
    listed.status(0).stdout_has("另列出不在本次清理之列的 3 件");
    assert!(!listed.stdout.contains("用 --all 列出"));
}

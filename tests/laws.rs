//! `qingli laws` and `qingli laws impact`: statuses on both sides of the
//! dates, every way of citing, `needs_cleanup`, unknown names.

use crate::support::Test;

const LAWS: &str = r#"
[[law]]
name = "行政许可法"
full_name = "中华人民共和国行政许可法"
level = "法律"
promulgated = 2003-08-27
effective = 2004-07-01
revised = [2019-04-23]

[[law]]
name = "物权法"
full_name = "中华人民共和国物权法"
effective = 2007-10-01
repealed = 2021-01-01
replaced_by = "民法典"

[[law]]
name = "民法典"
full_name = "中华人民共和国民法典"
promulgated = 2020-05-28
effective = 2021-01-01
"#;

fn reg() -> Test {
    Test::new()
        .write("laws/laws.toml", LAWS)
        // basis, reviewed after the revision: not in need of cleanup.
        .doc("a.toml", "doc_number = \"永政发〔2010〕1号\"\nbasis = [\"《行政许可法》第五条\"]\n\n[[event]]\ndate = 2019-06-01\ntype = \"对照审查\"\nlaw = \"行政许可法\"\n")
        // finding: not reviewed after the revision.
        .doc("b.toml", "doc_number = \"永政发〔2010〕2号\"\n\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\nlaw = \"中华人民共和国行政许可法\"\n")
        // issued after the revision: nothing to catch up on.
        .write("documents/c.toml", "title = \"关于丙的通知\"\nissuer = \"县政府\"\nissued = 2020-01-01\nbasis = [\"行政许可法\"]\n")
        // superseded_by a law.
        .doc("d.toml", "superseded_by = \"民法典\"\n")
        // cites the 物权法, which the 民法典 replaced.
        .doc("e.toml", "basis = [\"物权法\"]\n")
}

#[test]
fn impact_by_any_name_and_every_citation() {
    let t = reg();
    let mut seen = Vec::new();
    for name in ["行政许可法", "中华人民共和国行政许可法", "《行政许可法》"] {
        let v = t.run_with(&["laws", "impact", name, "--as-of", "2021-06-01", "--format", "json"]).json();
        seen.push(v["documents"].clone());
        assert_eq!(v["law"]["name"], "行政许可法");
        assert_eq!(v["law"]["revised"], "2019-04-23");
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]));
    let docs = seen[0].as_array().unwrap();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} in {docs:?}")).clone();
    let (a, b, c) = (by_id("a"), by_id("b"), by_id("c"));
    assert_eq!(docs[0]["id"], "b", "those needing cleanup first");
    assert_eq!(
        (a["cited_as"][0].as_str(), a["reviewed"].as_bool(), a["needs_cleanup"].as_bool()),
        (Some("依据"), Some(true), Some(false))
    );
    assert_eq!(
        a["change"],
        serde_json::json!({"kind": "修订", "date": "2019-04-23", "law": "行政许可法", "replaced_by": null})
    );
    assert_eq!((b["cited_as"][0].as_str(), b["needs_cleanup"].as_bool()), (Some("审查发现"), Some(true)));
    assert_eq!((c["change"].clone(), c["needs_cleanup"].as_bool()), (serde_json::Value::Null, Some(false)));
    let keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    for k in
        ["id", "doc_number", "title", "status", "cited_as", "change", "reviewed", "needs_cleanup", "suggested", "rules"]
    {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    // The 民法典: superseded_by, and the 物权法 it replaced.
    let v = t.run_with(&["laws", "impact", "民法典", "--as-of", "2021-01-01", "--format", "json"]).json();
    let ids: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"d") && ids.contains(&"e"), "{ids:?}");
    let d = v["documents"].as_array().unwrap().iter().find(|d| d["id"] == "d").unwrap().clone();
    assert_eq!(d["cited_as"][0], "替代");
    // --fail-on needs-cleanup and the memo.
    t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01", "--fail-on", "needs-cleanup"]).status(1);
    t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2019-01-01", "--fail-on", "needs-cleanup"]).status(0);
    t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01", "--format", "markdown"])
        .status(0)
        .stdout_has("### 关于《行政许可法》变动后规范性文件清理情况的报告")
        .stdout_has("其中 **1 件在该法变动后尚未对照审查,需要清理**");
}

/// 民法典's "change" on 2021-01-01 is the repeal of the laws it replaced: a
/// document citing only 民法典 is not touched by it, one citing 物权法 is,
/// and the 变动 column names the law that changed.
#[test]
fn the_replacing_law_is_not_changed_by_the_repeals_it_brought() {
    let t = Test::new()
        .write("laws/laws.toml", LAWS)
        .doc("civil.toml", "basis = [\"民法典\"]\n")
        .doc("property.toml", "basis = [\"物权法\"]\n");
    let v = t.run_with(&["laws", "impact", "民法典", "--as-of", "2021-06-01", "--format", "json"]).json();
    let docs = v["documents"].as_array().unwrap();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("{id} in {docs:?}")).clone();
    let (civil, property) = (by_id("civil"), by_id("property"));
    assert_eq!((civil["change"].clone(), civil["needs_cleanup"].as_bool()), (serde_json::Value::Null, Some(false)));
    assert_eq!(property["needs_cleanup"], true);
    assert_eq!(property["change"]["law"], "物权法");
    assert_eq!(property["change"]["replaced_by"], "民法典");
    let table = t.run_with(&["laws", "impact", "民法典", "--as-of", "2021-06-01"]);
    table.status(0).stdout_has("《物权法》2021-01-01废止,由《民法典》替代").stdout_has("依据");
    assert_eq!(table.stdout.matches("废止,由").count(), 1, "{}", table.stdout);
}

/// Documents of the campaign without `basis` are counted: impact cannot
/// be judged for them, and the report says so instead of a bare "0 件".
#[test]
fn documents_without_basis_are_counted_not_ignored() {
    let t = Test::new().write("laws/laws.toml", LAWS).doc("a.toml", "").doc("b.toml", "");
    let o = t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01"]);
    o.status(0).stdout_has("另有 2 件本次清理的文件没有填写上位法依据(basis),无从判断");
    let v = t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01", "--format", "json"]).json();
    assert_eq!(v["without_basis"], 2);
    t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01", "--format", "csv"])
        .status(0)
        .stderr_has("另有 2 件");
    t.run_with(&["laws", "impact", "行政许可法", "--as-of", "2021-06-01", "--format", "markdown"])
        .status(0)
        .stdout_has("另有 2 件");
}

/// "Did you mean" offers close names only.
#[test]
fn no_far_suggestions() {
    let laws = "[[law]]\nname = \"专利法\"\n\n[[law]]\nname = \"仲裁法\"\n\n[[law]]\nname = \"价格法\"\n\n[[law]]\nname = \"信访条例\"\n";
    let t = Test::new().write("laws/laws.toml", laws).doc("a.toml", "basis = [\"条例\"]\n");
    let o = t.run_with(&["laws", "impact", "合同法"]);
    o.status(2).stderr_has("法律库中没有《合同法》");
    assert!(!o.stderr.contains("是否是"), "{}", o.stderr);
    let check = t.run_with(&["check"]);
    check.stdout_has("《条例》不在法律库中");
    assert!(!check.stdout.contains("信访条例"), "{}", check.stdout);
}

#[test]
fn unknown_law_names_suggest_the_closest() {
    reg()
        .run_with(&["laws", "impact", "行政许可"])
        .status(2)
        .stderr_has("法律库中没有《行政许可》")
        .stderr_has("是否是: 《行政许可法》");
}

#[test]
fn statuses_on_both_sides_of_the_dates() {
    let t = reg();
    let status = |as_of: &str, name: &str| -> String {
        let v = t.run_with(&["laws", "--as-of", as_of, "--format", "json"]).json();
        let law = v["laws"].as_array().unwrap().iter().find(|l| l["name"] == name).unwrap().clone();
        law["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status("2020-12-31", "民法典"), "尚未施行");
    assert_eq!(status("2021-01-01", "民法典"), "现行有效");
    assert_eq!(status("2020-12-31", "物权法"), "现行有效");
    assert_eq!(status("2021-01-01", "物权法"), "已废止");
    let v = t.run_with(&["laws", "--format", "json", "--as-of", "2021-01-01"]).json();
    let xk = v["laws"].as_array().unwrap().iter().find(|l| l["name"] == "行政许可法").unwrap().clone();
    assert_eq!(xk["cited_by"], 3);
    // (serde_json's map is sorted here; the writer keeps the struct's order.)
    let keys: Vec<&str> = xk.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = [
        "name",
        "full_name",
        "level",
        "promulgated",
        "effective",
        "revised",
        "repealed",
        "replaced_by",
        "status",
        "cited_by",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
    // A reference that matches no law is listed with its documents.
    let t = t.doc("f.toml", "basis = [\"城市规划法\"]\n");
    let v = t.run_with(&["laws", "--format", "json"]).json();
    assert_eq!(v["unresolved"], serde_json::json!([{"reference": "城市规划法", "documents": ["f"]}]));
    t.run_with(&["laws"]).status(0).stdout_has("法律库中找不到的引用(1 个)");
}

#[test]
fn d8_follows_a_law_change_and_is_done_by_a_comparison() {
    let t = Test::new().write("laws/laws.toml", LAWS).write(
        "documents/a.toml",
        "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2010-01-01\nbasis = [\"行政许可法\"]\n",
    );
    let d8 = |t: &Test| -> serde_json::Value {
        let v = t.run_with(&["deadlines", "--all", "--format", "json", "--kind", "D8", "--as-of", "2019-12-31"]).json();
        v["items"][0].clone()
    };
    let item = d8(&t);
    assert_eq!(item["kind"], "D8");
    assert_eq!(item["due"], "2019-07-22", "2019-04-23 + 90 days");
    assert_eq!(item["status"], "已逾期", "{item}");
    let t = t.write(
        "documents/a.toml",
        "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2010-01-01\nbasis = [\"行政许可法\"]\n\n[[event]]\ndate = 2019-05-10\ntype = \"对照审查\"\nlaw = \"中华人民共和国行政许可法\"\n",
    );
    let item = d8(&t);
    assert_eq!(item["status"], "已完成", "{item}");
    // 0 turns D8 off.
    let t = t.write("qingli.toml", "[policy]\nlaw_change_review_days = 0\n");
    let v = t.run_with(&["deadlines", "--all", "--format", "json", "--kind", "D8", "--as-of", "2019-12-31"]).json();
    assert_eq!(v["items"], serde_json::json!([]));
}

#[test]
fn undated_repeals_new_levels_and_unknown_basis_are_named() {
    let laws = "[[law]]\nname = \"旧条例\"\nlevel = \"监察法规\"\nrepealed = true\n\n[[law]]\nname = \"宪法\"\nlevel = \"宪法\"\n\n[[law]]\nname = \"某解释\"\nlevel = \"司法解释\"\n";
    let t = Test::new()
        .write("laws/laws.toml", laws)
        .doc("a.toml", "basis = [\"旧条例\"]\n")
        .doc("b.toml", "basis = [\"宪法\", \"某办法\"]\n");
    t.run_with(&["check", "--format", "json"]).status(0);
    let v = t.run_with(&["review", "--format", "json"]).json();
    let a = v["documents"].as_array().unwrap().iter().find(|d| d["id"] == "a").unwrap().clone();
    assert_eq!(a["rules"][0]["id"], "Q07");
    assert!(a["rules"][0]["explanation"].as_str().unwrap().contains("已废止(日期不详)"), "{a}");
    let explain = t.run_with(&["review", "--explain", "b"]);
    explain.stdout_has("《某办法》(法律库中没有)").stdout_has("依据《某办法》不在法律库中,未能判断");
    let laws = t.run_with(&["laws", "--format", "json"]).json();
    let old = laws["laws"].as_array().unwrap().iter().find(|l| l["name"] == "旧条例").unwrap().clone();
    assert_eq!(old["status"], "已废止");
}

#[test]
fn the_starter_law_table_knows_the_laws_counties_cite_most() {
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0);
    let law = |as_of: &str, name: &str| -> serde_json::Value {
        let v = t.run_with(&["--register", "reg", "laws", "--as-of", as_of, "--format", "json"]).status(0).json();
        v["laws"].as_array().unwrap().iter().find(|l| l["name"] == name).unwrap_or_else(|| panic!("{name}")).clone()
    };
    // (name, as-of, latest revision in force on that date)
    for (name, as_of, revised) in [
        ("行政处罚法", "2021-07-14", "2018-01-01"),
        ("行政处罚法", "2021-07-15", "2021-07-15"),
        ("行政许可法", "2026-01-01", "2019-04-23"),
        ("土地管理法", "2019-12-31", "2004-08-28"),
        ("土地管理法", "2020-01-01", "2020-01-01"),
        ("城乡规划法", "2026-01-01", "2019-04-23"),
        ("安全生产法", "2021-08-31", "2014-12-01"),
        ("安全生产法", "2021-09-01", "2021-09-01"),
        ("环境保护法", "2015-01-01", "2015-01-01"),
        ("食品安全法", "2026-01-01", "2021-04-29"),
        ("政府信息公开条例", "2019-05-15", "2019-05-15"),
    ] {
        assert_eq!(law(as_of, name)["revised"], revised, "{name} {as_of}");
    }
    assert_eq!(law("2026-01-01", "行政强制法")["effective"], "2012-01-01");
    assert_eq!(law("2019-12-31", "优化营商环境条例")["status"], "尚未施行");
    assert_eq!(law("2020-01-01", "优化营商环境条例")["status"], "现行有效");
    assert_eq!(law("2008-01-01", "城市规划法")["status"], "已废止");
    assert_eq!(law("2009-06-01", "食品卫生法")["replaced_by"], "食品安全法");
}

/// Counted over a register large enough to be split between threads: each
/// document counts once per law however often it cites it, and a reference
/// no law answers lists its documents once each, in the register's order.
#[test]
fn citations_are_counted_once_per_document_in_order() {
    let mut t = Test::new().write("laws/laws.toml", LAWS);
    let mut want = Vec::new();
    for i in 0..3000 {
        let basis = match i % 3 {
            0 => "basis = [\"行政许可法\", \"《行政许可法》第五条\"]\n",
            1 => "basis = [\"城市规划法\", \"城市规划法\", \"行政许可法\"]\n",
            _ => "basis = [\"物权法\"]\n",
        };
        if i % 3 == 1 {
            want.push(format!("d{i:04}"));
        }
        t = t.doc(&format!("d{i:04}.toml"), basis);
    }
    let v = t.run_with(&["laws", "--format", "json", "--as-of", "2021-01-01"]).json();
    let cited =
        |name: &str| v["laws"].as_array().unwrap().iter().find(|l| l["name"] == name).unwrap()["cited_by"].clone();
    assert_eq!(cited("行政许可法"), 2000);
    assert_eq!(cited("物权法"), 1000);
    assert_eq!(cited("民法典"), 0);
    assert_eq!(v["unresolved"], serde_json::json!([{"reference": "城市规划法", "documents": want}]));
}

/// The impact table fits an 80-column terminal, as the review and
/// deadline tables do: the 变动 column named the law and made it wider.
#[test]
fn the_impact_table_fits_80_columns() {
    let o = crate::support::run_in(
        &crate::support::repo(),
        &["--register", "register", "laws", "impact", "民法典", "--as-of", "2021-01-01"].map(str::to_owned),
        &[("COLUMNS".to_owned(), "80".to_owned())],
    );
    o.status(0).stdout_has("《物权法》2021-01-01");
    for line in o.stdout.lines().filter(|l| l.starts_with(['┌', '│', '└'])) {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

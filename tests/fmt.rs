//! `qingli fmt`: idempotence, comment and data preservation on every
//! fixture and every sample file; `--check`; unparseable files untouched.

use std::path::{Path, PathBuf};

use crate::support::{Test, repo};

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(repo().join("tests/fixtures/fmt")).unwrap().map(|e| e.unwrap().path()).collect();
    v.extend(
        walkdir::WalkDir::new(repo().join("register"))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.ends_with("qingli.toml")),
    );
    v.sort();
    v
}

/// The parsed data, with 文号 normalised the way fmt normalises it.
fn data(text: &str) -> toml::Table {
    let mut t: toml::Table = text.trim_start_matches('\u{feff}').parse().unwrap();
    for key in ["doc_number", "superseded_by"] {
        if let Some(toml::Value::String(s)) = t.get_mut(key) {
            *s = qingli::docnum::normalize(s);
        }
    }
    t
}

fn comments(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.find('#').map(|i| l[i..].trim().to_owned())).collect()
}

fn format_copy(src: &Path) -> (String, String, String) {
    let original = std::fs::read_to_string(src).unwrap();
    let laws = src.parent().is_some_and(|p| p.ends_with("laws"));
    let rel = if laws { "laws/x.toml" } else { "documents/x.toml" };
    let t = Test::new().write(rel, &original);
    t.run_with(&["fmt", rel]).status(0);
    let once = t.read(rel);
    t.run_with(&["fmt", rel]).status(0);
    let twice = t.read(rel);
    (original, once, twice)
}

#[test]
fn idempotent_and_preserves_comments_and_data_on_every_fixture() {
    let files = fixtures();
    assert!(files.len() > 50);
    for f in files {
        let (original, once, twice) = format_copy(&f);
        assert_eq!(once, twice, "{}: not idempotent", f.display());
        assert_eq!(data(&original), data(&once), "{}: data changed", f.display());
        let mut before = comments(&original);
        let mut after = comments(&once);
        before.sort();
        after.sort();
        assert_eq!(before, after, "{}: comments lost", f.display());
        assert!(!once.contains('\r') && !once.starts_with('\u{feff}'), "{}", f.display());
    }
}

#[test]
fn canonical_form_of_the_messy_fixture() {
    let (_, once, _) = format_copy(&repo().join("tests/fixtures/fmt/messy.toml"));
    assert_eq!(
        once,
        r#"title = "永嘉县水利局关于加强河道采砂管理的通知"
# 文件头注释: 记录由张三录入
issuer = "永嘉县水利局"  # 制定机关
issued = 2005-03-10
doc_number = "永水〔2005〕12号"
basis = ["水法", "河道管理条例"]
superseded_by = "永水〔2006〕25号"

# 审查发现
[[finding]]
type = "越权设定"
scope = "partial"
law = "行政许可法"
note = "第五条自行设定采砂许可条件"

[[event]]
date = 2007-09-01
type = "对照审查"
law = "物权法"

[review]
decision = "修改"  # 待审批
reason = "第五条与《行政许可法》不一致"
decided = 2007-08-20

# 文件末尾注释
"#
    );
}

#[test]
fn check_lists_files_with_a_diff_and_exits_1() {
    let messy = std::fs::read_to_string(repo().join("tests/fixtures/fmt/messy.toml")).unwrap();
    let t = Test::new().write("documents/a.toml", &messy);
    let out = t.run_with(&["fmt", "--check"]);
    out.status(1).stdout_has("需要格式化: documents/a.toml").stdout_has("-doc_number = \"永水[2005]12号\"");
    assert_eq!(t.read("documents/a.toml"), messy, "--check never writes");
    t.run_with(&["fmt"]).status(0).stdout_has("已格式化: documents/a.toml");
    t.run_with(&["fmt", "--check"]).status(0).stdout_has("需要格式化 0 个");
}

#[test]
fn unparseable_files_are_reported_and_never_rewritten() {
    let broken = "title = \"甲\"\nissuer = \n";
    let t = Test::new()
        .write("documents/bad.toml", broken)
        .write("documents/ok.toml", "issuer = \"乙\"\ntitle = \"甲\"\nissued = 2005-01-01\n");
    let out = t.run_with(&["fmt"]);
    out.status(1).stderr_has("documents/bad.toml:2:10: 错误[toml-syntax]").stdout_has("无法处理 1 个");
    assert_eq!(t.read("documents/bad.toml"), broken);
    assert!(t.read("documents/ok.toml").starts_with("title = \"甲\"\n"), "other files are still formatted");
}

#[test]
fn sample_register_is_canonical() {
    let out = crate::support::run_repo(&["--register", "register", "fmt", "--check"]);
    out.status(0);
}

#[test]
fn init_output_is_canonical() {
    let t = Test::empty();
    t.run_with(&["init", "r"]).status(0);
    t.run_with(&["--register", "r", "new", "--title", "甲", "--issuer", "乙", "--issued", "2005-01-01"]).status(0);
    t.run_with(&["--register", "r", "fmt", "--check"]).status(0);
}

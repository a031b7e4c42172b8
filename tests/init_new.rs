//! `qingli init` and `qingli new`: a new user's first register and record.

use crate::support::Test;

#[test]
fn init_writes_a_working_register() {
    let t = Test::empty();
    t.run_with(&["init", "reg", "--name", "永嘉县水利局行政规范性文件登记簿"]).status(0).stdout_has("已新建登记簿");
    let cfg = t.read("reg/qingli.toml");
    assert!(cfg.contains("name = \"永嘉县水利局行政规范性文件登记簿\""));
    for key in
        ["validity_max_years = 5", "provisional_max_years = 2", "filing_days = 30", "disclosure_working_days = 20"]
    {
        assert!(cfg.contains(key), "{key}");
    }
    let laws = t.read("reg/laws/national.toml");
    for law in
        ["民法典", "婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法", "侵权责任法", "民法总则"]
    {
        assert!(laws.contains(&format!("name = \"{law}\"")), "{law}");
    }
    assert_eq!(laws.matches("repealed = 2021-01-01").count(), 9, "the nine laws the 民法典 repealed");
    assert!(t.path().join("reg/documents").is_dir());
    t.run_with(&["--register", "reg", "check"]).status(0).stdout_has("0 个错误,0 个警告");
}

#[test]
fn init_refuses_to_overwrite() {
    let t = Test::new();
    let before = t.read("qingli.toml");
    t.run_with(&["init", "."]).status(2).stderr_has("不会覆盖");
    assert_eq!(t.read("qingli.toml"), before);
}

#[test]
fn init_then_new_then_review() {
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0);
    let out = t.run_with(&[
        "--register",
        "reg",
        "new",
        "--title",
        "永嘉县水利局关于加强河道采砂管理的通知",
        "--issuer",
        "永嘉县水利局",
        "--issued",
        "2005-03-10",
        "--doc-number",
        "永水[2005]12号",
        "--basis",
        "行政许可法",
        "--dir",
        "2005",
    ]);
    out.status(0).stdout_has("reg/documents/2005/永水-2005-12号.toml");
    let text = t.read("reg/documents/2005/永水-2005-12号.toml");
    assert!(text.contains("doc_number = \"永水〔2005〕12号\""), "{text}");
    assert!(text.contains("# [review]"), "commented template");
    t.run_with(&["--register", "reg", "check", "--strict"]).status(0);
    let review = t.run_with(&["--register", "reg", "--as-of", "2007-10-31", "review", "--format", "json"]);
    review.status(0);
    assert_eq!(review.json()["documents"][0]["doc_number"], "永水〔2005〕12号");
}

#[test]
fn new_refuses_to_overwrite_and_reports_problems() {
    let t = Test::new();
    let args = ["new", "--title", "关于测试的通知", "--issuer", "县政府", "--issued", "2005-01-01", "--id", "a"];
    t.run_with(&args).status(0);
    let before = t.read("documents/a.toml");
    t.run_with(&args).status(2).stderr_has("已存在");
    assert_eq!(t.read("documents/a.toml"), before);
    // A problem in the new record is reported with the same checks as `check`.
    let out = t.run_with(&[
        "new",
        "--title",
        "乙",
        "--issuer",
        "县政府",
        "--issued",
        "2005-01-01",
        "--effective",
        "2004-01-01",
        "--id",
        "b",
    ]);
    out.status(1).stderr_has("错误[effective-before-issued]");
}

#[test]
fn new_derives_safe_file_names() {
    let t = Test::new();
    t.run_with(&[
        "new",
        "--title",
        "关于../../逃逸的通知",
        "--issuer",
        "县政府",
        "--issued",
        "2005-01-01",
        "--dir",
        "../../x",
    ])
    .status(0)
    .stdout_has("documents/x/关于-逃逸的通知.toml");
    assert!(t.path().join("documents/x/关于-逃逸的通知.toml").is_file());
    t.run_with(&["new", "--title", "丙", "--issuer", "县政府", "--issued", "2005-01-01", "--id", "../evil"])
        .status(0)
        .stdout_has("documents/evil.toml");
}

#[test]
fn new_never_writes_a_registered_doc_number_twice() {
    let t = Test::new().doc("a.toml", "doc_number = \"永政发〔2007〕58号\"\n");
    let before = crate::support::tree(t.path());
    let o = t.run_with(&[
        "new",
        "--title",
        "关于乙的通知",
        "--issuer",
        "县政府",
        "--issued",
        "2007-01-01",
        "--doc-number",
        "永政发[2007]058号",
        "--id",
        "other",
    ]);
    o.status(1).stderr_has("文号 `永政发〔2007〕58号` 已登记在 documents/a.toml");
    assert_eq!(crate::support::tree(t.path()), before, "nothing written");
}

#[test]
fn filters_that_match_nothing_are_errors() {
    let t = Test::new().doc("a.toml", "responsible_unit = \"水政水资源科\"\n");
    t.run_with(&["review", "--unit", "水政水资源"])
        .status(2)
        .stderr_has("没有责任单位为 `水政水资源`")
        .stderr_has("是否是: 水政水资源科");
    t.run_with(&["deadlines", "--unit", "法制科", "--fail-on", "overdue"]).status(2);
    t.run_with(&["review", "--id", "b"]).status(2).stderr_has("没有 id 为 `b`");
    t.run_with(&["review", "--unit", "水政水资源科"]).status(0);
}

#[test]
fn init_makes_a_repository_unless_inside_one() {
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0).stdout_has("已初始化 git 仓库").stdout_has("core.quotepath");
    assert!(t.path().join("reg/.git").is_dir());
    assert_eq!(t.read("reg/.gitattributes"), "*.toml text eol=lf\n");
    assert!(t.read("reg/.gitignore").contains("清理目录/"));
    // Inside an existing repository: no repository inside the repository.
    t.run_with(&["init", "reg/sub"]).status(0).stdout_has("位于已有的 git 仓库中");
    assert!(!t.path().join("reg/sub/.git").exists());
    t.run_with(&["--register", "reg", "check"]).status(0);
}

#[test]
fn new_writes_the_remaining_common_fields_and_suggests_law_names() {
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0);
    let out = t.run_with(&[
        "--register",
        "reg",
        "new",
        "--title",
        "关于甲的暂行办法",
        "--issuer",
        "县政府",
        "--issued",
        "2020-01-01",
        "--doc-number",
        "县政发〔2020〕1号",
        "--provisional",
        "--applies-until",
        "2021-12-31",
        "--expires",
        "2021-12-31",
        "--effective",
        "2020-02-01",
        "--superseded-by",
        "行政许可法",
        "--basis",
        "行政许克法",
    ]);
    out.status(0).stderr_has("是否指《行政许可法》?");
    let text = std::fs::read_to_string(t.path().join("reg/documents/县政发-2020-1号.toml")).unwrap();
    for line in [
        "provisional = true",
        "applies_until = 2021-12-31",
        "expires = 2021-12-31",
        "effective = 2020-02-01",
        "superseded_by = \"行政许可法\"",
        "basis = [\"行政许克法\"]",
        "# subject_gone = YYYY-MM-DD",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    t.run_with(&["--register", "reg", "fmt", "--check"]).status(0);
}

#[test]
fn init_commits_its_own_files_on_main() {
    let t = Test::empty();
    std::fs::create_dir(t.path().join("reg")).unwrap();
    std::fs::write(t.path().join("reg/科室的说明.txt"), "不是登记簿的文件").unwrap();
    // No git identity at all (an office computer): the commit is signed qingli.
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("HOME", home.path().to_str().unwrap()),
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("XDG_CONFIG_HOME", home.path().to_str().unwrap()),
    ];
    let o = t.run_with_env(&["init", "reg"], &env);
    o.status(0).stdout_has("分支 main,已作第一次提交").stdout_has("git config --global user.name");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(t.path().join("reg"))
            .args(args)
            .env("HOME", home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(git(&["rev-parse", "--abbrev-ref", "HEAD"]).trim(), "main");
    assert_eq!(git(&["log", "--format=%an <%ae>"]).trim(), "qingli <qingli@localhost>");
    let tracked = git(&["ls-files"]);
    let mut tracked: Vec<&str> = tracked.lines().collect();
    tracked.sort_unstable();
    assert_eq!(tracked, [".gitattributes", ".gitignore", "documents/.gitkeep", "laws/national.toml", "qingli.toml"]);
    assert!(git(&["status", "--porcelain"]).contains("科室的说明.txt"), "a foreign file is not committed");
}

/// Without git on the machine the register is still made, and the clerk is
/// told git is missing and what to do.
#[test]
fn init_without_git_still_makes_the_register() {
    let t = Test::empty();
    let no_tools = tempfile::tempdir().unwrap();
    let o = t.run_with_env(&["init", "reg"], &[("PATH", no_tools.path().to_str().unwrap())]);
    o.status(0).stdout_has("未找到 git:建议安装 git");
    assert!(t.path().join("reg/qingli.toml").is_file());
    assert!(!t.path().join("reg/.git").exists());
    t.run_with(&["--register", "reg", "check"]).status(0);
}

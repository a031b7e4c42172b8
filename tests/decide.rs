//! `qingli decide`: REF in any bracket form, every byte of the record kept,
//! the override reason satisfying `check --strict`, refusals that leave the
//! register byte-identical, and a concurrent change detected.

use crate::support::{Test, git, tree};

const CFG: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nas_of = 2007-10-31\n";
/// A record with comments, blank lines and a table after the top keys.
const RECORD: &str = "# 县水利局报送\ntitle = \"关于加强河道采砂管理的通知\"  # 原标题\nissuer = \"永嘉县水利局\"\nissued = 2005-03-10\ndoc_number = \"永水〔2005〕12号\"\n\n# 审查发现\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\nlaw = \"行政许可法\"\n";

fn reg() -> Test {
    Test::new().write("qingli.toml", CFG).write("documents/water/a.toml", RECORD)
}

fn is_subsequence(small: &str, big: &str) -> bool {
    let mut rest = big.chars();
    small.chars().all(|c| rest.any(|x| x == c))
}

#[test]
fn records_the_decision_keeping_every_byte() {
    let t = reg();
    let o = t.run_with(&[
        "decide",
        "永水[2005] 12号",
        "修改",
        "--reason",
        "第五条自设许可",
        "--date",
        "2007-08-20",
        "--reviewer",
        "张三",
    ]);
    o.status(0)
        .stdout_has("已记录 永水〔2005〕12号《关于加强河道采砂管理的通知》: 清理意见「修改」,2007-08-20,审核人 张三");
    let after = t.read("documents/water/a.toml");
    assert!(is_subsequence(RECORD, &after), "{after}");
    assert!(after.starts_with(RECORD), "{after}");
    assert!(
        after.ends_with(
            "\n[review]\ndecision = \"修改\"\nreason = \"第五条自设许可\"\nreviewer = \"张三\"\ndecided = 2007-08-20\n"
        ),
        "{after}"
    );
    t.run_with(&["fmt", "--check", "documents/water/a.toml"]).status(0);
    t.run_with(&["check", "--strict"]).status(0);
    // Changing it again replaces the values in place, in fmt's order.
    t.run_with(&["decide", "a", "废止", "--approved", "2007-09-01", "--date", "2007-08-21"]).status(0);
    let again = t.read("documents/water/a.toml");
    assert!(again.ends_with("[review]\ndecision = \"废止\"\nreason = \"第五条自设许可\"\nreviewer = \"张三\"\ndecided = 2007-08-21\napproved = 2007-09-01\n"), "{again}");
    t.run_with(&["fmt", "--check", "documents/water/a.toml"]).status(0);
}

#[test]
fn a_departure_from_the_rules_needs_a_reason_for_strict() {
    let t = reg();
    let o = t.run_with(&["decide", "a", "保留", "--date", "2007-08-20"]);
    o.status(0)
        .stderr_has("清理意见「保留」与规则建议「修改」不一致")
        .stderr_has("Q08 越权设定")
        .stderr_has("qingli decide a 保留 --override-reason");
    t.run_with(&["check", "--strict"]).status(1);
    t.run_with(&["decide", "a", "保留", "--override-reason", "已由上级批准保留", "--date", "2007-08-20"]).status(0);
    t.run_with(&["check", "--strict"]).status(0);
}

#[test]
fn reviewer_and_date_defaults() {
    let t = reg();
    t.run_with_env(&["decide", "a", "修改"], &[("QINGLI_REVIEWER", "李四")]).status(0);
    let text = t.read("documents/water/a.toml");
    let today = chrono::Local::now().date_naive();
    assert!(text.contains("reviewer = \"李四\"") && text.contains(&format!("decided = {today}")), "{text}");
    // In a repository: git's user.name.
    let t = reg();
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["config", "user.name", "王五"]);
    t.run_with(&["decide", "a", "修改"]).status(0);
    assert!(t.read("documents/water/a.toml").contains("reviewer = \"王五\""));
}

#[test]
fn every_refusal_leaves_the_register_as_it_was() {
    let t = reg()
        .write("documents/b.toml", "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\ndoc_number = \"永政发〔2005〕1号\"\n")
        .write("documents/c.toml", "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2005-01-02\ndoc_number = \"永政发〔2005〕1号\"\n")
        .write("documents/old.toml", "title = \"关于丙的通知\"\nissuer = \"县政府\"\nissued = 2004-01-01\n\n[[event]]\ndate = 2006-01-01\ntype = \"废止\"\n")
        .write("documents/broken.toml", "title = \"关于丁的通知\"\nissuer = \"县政府\"\nissued = \"2006-01-01\"\ndoc_number = \"永政发〔2006〕2号\"\n");
    let before = tree(t.path());
    t.run_with(&["decide", "永水〔2005〕13号", "保留"])
        .status(2)
        .stderr_has("没有 id 或文号为")
        .stderr_has("永水〔2005〕12号《关于加强河道采砂管理的通知》");
    t.run_with(&["decide", "关于加强", "保留"]).status(2).stderr_has("是否是");
    t.run_with(&["decide", "永政发[2005]1号", "保留"])
        .status(2)
        .stderr_has("对应 2 件文件")
        .stderr_has("documents/b.toml");
    t.run_with(&["decide", "old", "保留"]).status(1).stderr_has("状态是「已废止」").stderr_has("未作任何改动");
    t.run_with(&["decide", "永政发〔2006〕2号", "保留"]).status(1).stdout_has("有错误,未能评估");
    t.run_with(&["decide", "a", "作废"]).status(2).stderr_has("取值 '作废' 无效");
    assert_eq!(tree(t.path()), before, "nothing written by any refusal");
}

#[cfg(unix)]
#[test]
fn read_only_and_concurrently_changed_files_are_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let t = reg();
    let path = t.path().join("documents/water/a.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    t.run_with(&["decide", "a", "修改"]).status(2).stderr_has("只读文件");
    assert_eq!(t.read("documents/water/a.toml"), RECORD);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = t.run_with_env(&["decide", "a", "修改"], &[("QINGLI_TEST_CHANGE_BEFORE_RENAME", "1")]);
    o.status(1).stderr_has("在记录期间被其他程序修改");
    assert_eq!(t.read("documents/water/a.toml"), format!("{RECORD}# changed by someone else\n"));
}

//! The write path, containment and hostile text (SECURITY.md): planted
//! temporary-file links, roots and folders that lead out of the register,
//! edits made meanwhile, outputs replaced as a set, 文号 in every written
//! form, control characters and Markdown markup in register text.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use crate::support::{Test, git, tree};

const RECORD: &str = "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\n";
const MESSY: &str = "issuer='县政府'\ntitle='关于甲的通知'\nissued=2005-01-01\n";

#[test]
fn planted_temp_file_links_are_never_followed() {
    // The old temporary name was `.{name}.qingli-tmp-{pid}`: plant links with
    // that name for the pids the next processes will get.
    let t = Test::new().write("documents/a.toml", MESSY);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "外部文件").unwrap();
    let me = std::process::id();
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    for pid in me..me + 3000 {
        symlink(&victim, t.path().join(format!("documents/.a.toml.qingli-tmp-{pid}"))).unwrap();
        symlink(&victim, t.path().join(format!("out/.清理结果.md.qingli-tmp-{pid}"))).unwrap();
    }
    t.run_with(&["fmt"]).status(0);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "外部文件", "nothing written through a planted link");
    let a = t.path().join("documents/a.toml");
    assert!(!a.symlink_metadata().unwrap().file_type().is_symlink(), "the record is still a file");
    assert_eq!(t.read("documents/a.toml"), "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\n");
}

#[test]
fn temp_names_are_short_whatever_the_target() {
    // A record named after an 80-character title: 240+ bytes of name.
    let long = "关".repeat(80);
    let t = Test::new().write(&format!("documents/{long}.toml"), MESSY);
    t.run_with(&["fmt"]).status(0).stdout_has("已格式化");
    // `new` cuts ids so that file names stay far under 255 bytes.
    let t = Test::new();
    let title = format!("{}的通知", "某某县人民政府关于进一步加强和改进".repeat(6));
    t.run_with(&["new", "--title", &title, "--issuer", "县政府", "--issued", "2025-03-10"]).status(0);
    let names: Vec<String> = std::fs::read_dir(t.path().join("documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].len() <= 200 && names[0].chars().count() == 65, "{} ({} bytes)", names[0], names[0].len());
}

#[test]
fn a_documents_root_outside_the_register_is_neither_read_nor_written() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.toml"), MESSY).unwrap();
    let t = Test::new();
    symlink(outside.path(), t.path().join("documents")).unwrap();
    t.run_with(&["check"]).status(1).stdout_has("错误[part-outside-register]");
    t.run_with(&["fmt"]).status(1);
    assert_eq!(std::fs::read_to_string(outside.path().join("x.toml")).unwrap(), MESSY, "not rewritten");
}

#[test]
fn new_refuses_a_folder_that_leads_out_of_documents() {
    let outside = tempfile::tempdir().unwrap();
    let t = Test::new().write("documents/a.toml", RECORD);
    symlink(outside.path(), t.path().join("documents/sub")).unwrap();
    let o =
        t.run_with(&["new", "--dir", "sub", "--title", "关于乙的通知", "--issuer", "县政府", "--issued", "2025-01-01"]);
    o.status(2).stderr_has("--dir 指向 documents/ 之外");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing created outside");
}

#[test]
fn fmt_refuses_files_outside_the_register_and_qingli_toml() {
    let outside = tempfile::tempdir().unwrap();
    let stray = outside.path().join("x.toml");
    std::fs::write(&stray, MESSY).unwrap();
    let t = Test::new().write("documents/a.toml", RECORD).write("qingli.toml", "[register]\nname='x'\n");
    let o = t.run_with(&["fmt", stray.to_str().unwrap(), "qingli.toml"]);
    o.status(1).stderr_has("不在登记簿中").stderr_has("不是记录文件或法律库");
    assert_eq!(std::fs::read_to_string(&stray).unwrap(), MESSY);
    assert_eq!(t.read("qingli.toml"), "[register]\nname='x'\n");
}

#[test]
fn fmt_keeps_mode_bits_and_writes_through_links() {
    let t = Test::new().write("documents/real/a.toml", MESSY);
    let real = t.path().join("documents/real/a.toml");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    symlink("real/a.toml", t.path().join("documents/link.toml")).unwrap();
    t.run_with(&["fmt"]).status(0);
    let link = t.path().join("documents/link.toml");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(t.read("documents/real/a.toml"), RECORD);
}

/// A whole part that is a link to another (here `laws/` to `documents/`)
/// lists the same files twice: each is still formatted once, as it is
/// first listed (a record), and never reported as changed meanwhile.
#[test]
fn fmt_formats_a_file_once_when_a_part_is_a_link() {
    let t = Test::new().write("documents/a.toml", MESSY);
    std::fs::remove_dir_all(t.path().join("laws")).unwrap();
    symlink("documents", t.path().join("laws")).unwrap();
    t.run_with(&["fmt"]).status(0).stdout_has("共 1 个文件");
    assert_eq!(t.read("documents/a.toml"), RECORD);
    assert!(t.path().join("laws").symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn fmt_never_overwrites_a_file_changed_meanwhile() {
    let t = Test::new().write("documents/a.toml", MESSY);
    let o = t.run_with_env(&["fmt"], &[("QINGLI_TEST_CHANGE_BEFORE_RENAME", "1")]);
    o.status(1).stderr_has("在格式化期间被其他程序修改,未覆盖");
    // The other editor's change is there, and qingli's version was not written.
    assert_eq!(t.read("documents/a.toml"), format!("{MESSY}# changed by someone else\n"));
    let names: Vec<String> = std::fs::read_dir(t.path().join("documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.toml"], "no temporary file left");
}

/// A record replaced by a named pipe between its read and its rewrite is
/// reported as changed meanwhile and left as it is, without waiting for a
/// writer to the pipe.
#[test]
fn fmt_leaves_a_record_that_became_a_pipe() {
    let t = Test::new().write("documents/a.toml", MESSY);
    let o = t.run_with_env(&["fmt"], &[("QINGLI_TEST_CHANGE_BEFORE_RENAME", "pipe")]);
    o.status(1).stderr_has("在格式化期间被其他程序修改,未覆盖");
    let meta = t.path().join("documents/a.toml").symlink_metadata().unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()), "the pipe is still there");
}

#[test]
fn catalogue_files_are_replaced_as_a_set() {
    let t = Test::new().write("documents/a.toml", RECORD);
    t.run_with(&["catalog", "--out", "out", "--xlsx"]).status(0);
    let before = tree(&t.path().join("out"));
    let t = t.write("documents/b.toml", "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\n");
    for n in ["1", "3", "7"] {
        let o = t.run_with_env(&["catalog", "--out", "out", "--xlsx"], &[("QINGLI_TEST_FAIL_RENAME", n)]);
        o.status(2).stderr_has("模拟的改名失败").stderr_has("输出目录已恢复为本次运行之前的状态");
        assert_eq!(tree(&t.path().join("out")), before, "rename {n} failed: the folder holds the earlier run, whole");
    }
    // Into an empty folder: a failure leaves no catalogue at all.
    let o = t.run_with_env(&["catalog", "--out", "fresh"], &[("QINGLI_TEST_FAIL_RENAME", "4")]);
    o.status(2);
    assert!(tree(&t.path().join("fresh")).is_empty(), "{:?}", tree(&t.path().join("fresh")).keys());
    t.run_with(&["catalog", "--out", "out", "--xlsx"]).status(0);
    assert!(t.read("out/附件1-保留目录.csv").contains("关于乙的通知"));
}

#[test]
fn full_width_and_invisible_doc_numbers_are_the_same_number() {
    let t = Test::new()
        .write("qingli.toml", "[campaign]\nas_of = 2007-10-31\n\n[[campaign.scope]]\nseries = [\"永政发\"]\n")
        .write("documents/a.toml", &format!("{RECORD}doc_number = \"永政发〔２００７〕５８号\"\n"))
        .write("documents/b.toml", &format!("{RECORD}doc_number = \"永政发[2007]\u{200B}58号\"\n"))
        .write("documents/c.toml", &format!("{RECORD}doc_number = \"永嘉县人民政府令第3号\"\n"));
    let o = t.run_with(&["check"]);
    o.status(1)
        .stdout_has("错误[duplicate-doc-number]")
        .stdout_has("警告[hidden-char]: `doc_number` 中有全角数字 U+FF12")
        .stdout_has("警告[hidden-char]: `doc_number` 中有不可见字符 U+200B")
        .stdout_has("含全角或兼容字符");
    // Q11: a 文号 without a readable 代字 asks for a person, it is not "无文号" → 废止.
    let v = t.run_with(&["review", "--format", "json", "--id", "c"]).json();
    let c = &v["documents"][0];
    assert_eq!(c["suggested"], "保留", "{c}");
    assert_eq!(c["needs_review"], true, "{c}");
    assert!(c["advice"][0]["explanation"].as_str().unwrap().contains("永嘉县人民政府令第3号"), "{c}");
    // fmt writes the canonical form; the catalogue prints it.
    let t = t.write("documents/b.toml", RECORD);
    t.run_with(&["fmt"]).status(0);
    assert!(
        t.read("documents/a.toml").contains("doc_number = \"永政发〔2007〕58号\""),
        "{}",
        t.read("documents/a.toml")
    );
    let t = Test::new().write("documents/a.toml", &format!("{RECORD}doc_number = \"渝府发〔2022〕032 号\"\n"));
    t.run_with(&["catalog", "--out", "out"]).status(0);
    assert!(t.read("out/附件1-保留目录.csv").contains(",渝府发〔2022〕32号,"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let evil = "关于\u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7}通知\u{202E}";
    let t = Test::new().write(
        "documents/a.toml",
        &format!(
            "title = \"{}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n",
            evil.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")
        ),
    );
    for args in
        [&["review"][..], &["review", "--format", "markdown"], &["deadlines", "--all"], &["review", "--explain", "a"]]
    {
        let o = t.run_with(args);
        assert!(o.stdout.contains("关于"), "{args:?}: {}", o.stdout);
        assert!(
            !o.stdout.contains('\u{1b}') && !o.stdout.contains('\u{7}') && !o.stdout.contains('\u{202E}'),
            "{args:?}"
        );
    }
    // JSON keeps the data (escaped, as JSON does).
    let v = t.run_with(&["review", "--format", "json"]).json();
    assert_eq!(v["documents"][0]["title"], evil);
    // Error messages too.
    let o = t.run_with(&["review", "--explain", "\u{1b}[31m"]);
    assert!(!o.stderr.contains('\u{1b}'), "{:?}", o.stderr);
}

#[test]
fn markdown_outputs_escape_register_and_campaign_names() {
    let cfg = "[register]\nname = \"<script>alert(1)</script>\"\n\n[campaign]\nname = \"# 标题 [链接](x)\"\nas_of = 2007-10-31\n";
    let t = Test::new()
        .write("qingli.toml", cfg)
        .write("documents/a.toml", &format!("{RECORD}responsible_unit = \"<b>科</b>\"\n"));
    for args in [&["review", "--format", "markdown"][..], &["deadlines", "--all", "--format", "markdown"]] {
        let o = t.run_with(args);
        assert!(!o.stdout.contains("<script>") && !o.stdout.contains("<b>"), "{args:?}: {}", o.stdout);
        assert!(o.stdout.contains("&lt;script&gt;"), "{args:?}: {}", o.stdout);
    }
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let md = t.read("out/清理结果.md");
    assert!(md.starts_with("# \\# 标题 \\[链接\\](x)结果\n"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn working_days_beyond_a_long_holiday_block() {
    let holidays: Vec<String> = (1..=31)
        .map(|d| format!("2027-01-{d:02}"))
        .chain((1..=28).map(|d| format!("2027-02-{d:02}")))
        .chain((1..=31).map(|d| format!("2027-03-{d:02}")))
        .chain((1..=30).map(|d| format!("2027-04-{d:02}")))
        .collect();
    let cal = format!("year = 2027\nholidays = [{}]\n", holidays.join(", "));
    let t = Test::new()
        .write("calendar/2027.toml", &cal)
        .write("documents/a.toml", &format!("{RECORD}disclosure = \"主动公开\"\n").replace("2005-01-01", "2026-12-30"));
    let v = t.run_with(&["deadlines", "--all", "--format", "json", "--as-of", "2026-12-31"]).json();
    let d5 = v["items"].as_array().unwrap().iter().find(|i| i["kind"] == "D5").unwrap();
    let due = d5["due"].as_str().unwrap();
    // 20 working days: the search used to stop 100 days out, on a holiday.
    assert!(due >= "2027-05-01", "D5 due {due} falls in the holiday block");
}

#[test]
fn duplicate_ids_keep_calendar_uids_apart_and_explain_lists_both() {
    let t = Test::new()
        .write("documents/x/a.toml", &format!("{RECORD}disclosure = \"主动公开\"\n"))
        .write("documents/y/a.toml", &format!("{RECORD}disclosure = \"主动公开\"\n"));
    let ics = t.run_with(&["deadlines", "--all", "--format", "ics"]).stdout;
    let uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "{uids:?}");
    let o = t.run_with(&["review", "--explain", "a"]);
    o.status(1).stdout_has("documents/x/a.toml").stdout_has("documents/y/a.toml").stdout_has("对应 2 件文件");
}

#[test]
fn impossible_law_dates_and_policy_values_are_errors() {
    let t = Test::new()
        .write("laws/bad.toml", "[[law]]\nname = \"某法\"\neffective = 2010-01-01\nrepealed = 2009-01-01\n")
        .write("documents/a.toml", RECORD)
        .write("qingli.toml", "[policy]\nvalidity_max_years = 500\nfiling_days = 99999\n");
    let o = t.run_with(&["check"]);
    o.status(1)
        .stdout_has("错误[law-dates]")
        .stdout_has("`validity_max_years` 为 500年,超出合理范围 1–50年")
        .stdout_has("`filing_days` 为 99999日");
}

#[test]
fn diff_follows_symlinked_records_like_loading() {
    let t = Test::new().write("documents/real/a.toml", RECORD);
    symlink("real/a.toml", t.path().join("documents/link.toml")).unwrap();
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    // Working tree against the revision: nothing changed, nothing new.
    let v = t.run_with(&["diff", "main", "--format", "json"]).json();
    assert_eq!(v["added"], serde_json::json!([]), "{v}");
    // A change through the link shows between revisions.
    let t = t.write("documents/real/a.toml", &RECORD.replace("关于甲的通知", "关于丙的通知"));
    git(&t, &["commit", "-qam", "edit"]);
    let v = t.run_with(&["diff", "HEAD~1", "HEAD", "--format", "json"]).json();
    let changed: Vec<&str> = v["changed"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(changed, ["a", "link"], "{v}");
    // A link leaving the register is reported at every revision, the same way.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("o.toml"), RECORD).unwrap();
    symlink(outside.path().join("o.toml"), t.path().join("documents/out.toml")).unwrap();
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "outside link"]);
    let v = t.run_with(&["diff", "HEAD~1", "HEAD", "--format", "json"]).json();
    assert_eq!(v["added"], serde_json::json!([]), "{v}");
    let codes: Vec<&str> = v["new_problems"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["outside-register"], "{v}");
}

#[test]
fn gen_register_help_works() {
    // `cargo test` builds the examples beside the test binary's folder.
    let test_exe = std::env::current_exe().unwrap();
    let exe: &Path = &test_exe.parent().unwrap().parent().unwrap().join("examples/gen_register");
    assert!(exe.exists(), "{}", exe.display());
    let o = std::process::Command::new(exe).arg("--help").output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("usage: gen_register"));
}

#[test]
fn reports_go_to_a_file_with_output() {
    // PowerShell 5's `>` re-encodes a program's output: --output writes the
    // bytes themselves, whole or not at all.
    let t = Test::new().doc("a.toml", "expires = 2006-01-01\n");
    let o = t.run_with(&["deadlines", "--all", "--format", "xlsx", "-o", "期限提醒.xlsx"]);
    assert_eq!(o.stdout, "", "nothing on the screen");
    let bytes = std::fs::read(t.path().join("期限提醒.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a workbook, byte for byte");
    t.run_with(&["review", "--format", "json", "--output", "review.json"]).status(0);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(t.path().join("review.json")).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    // A command that writes its own files refuses it; a failed run leaves no file.
    t.run_with(&["catalog", "--out", "x", "-o", "y.txt"]).status(2).stderr_has("不能用 --output");
    t.run_with(&["review", "--id", "nope", "-o", "bad.json"]).status(2);
    assert!(!t.path().join("bad.json").exists() && !t.path().join("y.txt").exists());
    let stray =
        std::fs::read_dir(t.path()).unwrap().flatten().any(|e| e.file_name().to_string_lossy().starts_with(".qingli-"));
    assert!(!stray, "no temporary file left");
}

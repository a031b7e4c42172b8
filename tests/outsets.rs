//! Output sets (`catalog`, `site`): a run killed during its renames is
//! completed by the next run; temporary files left by a killed run are
//! removed; stale removal never follows a link or leaves the folder, and
//! keeps a file changed since qingli wrote it; `catalog` tracks its own
//! files like `site`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Test, have, tree};

fn record(title: &str, extra: &str) -> String {
    format!("title = \"{title}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n{extra}")
}

fn register(n: usize) -> Test {
    let mut t = Test::new();
    for i in 0..n {
        t = t.write(&format!("documents/d{i:02}.toml"), &record(&format!("关于第{i}件的通知"), ""));
    }
    t
}

/// The folder's files without qingli's own hidden ones.
fn visible(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(k, _)| !k.split('/').any(|s| s.starts_with('.'))).collect()
}

/// qingli's temporary files and journals anywhere in the folder.
fn leftovers(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|k| {
            let name = k.rsplit('/').next().unwrap_or(k);
            name.ends_with(".tmp") || name.ends_with(".old") || name == ".qingli-journal"
        })
        .collect()
}

/// Runs qingli killed (SIGKILL) at its `n`-th `renameat`: under strace's
/// fault injection where strace exists, else through the test hook that
/// aborts before the n-th rename of a set (`hook_n`).
fn killed_at_rename(t: &Test, args: &[&str], n: usize, hook_n: usize) -> i32 {
    let bin = env!("CARGO_BIN_EXE_qingli");
    let status = if have("strace", "QINGLI_REQUIRE_STRACE") {
        std::process::Command::new("strace")
            .args(["-f", "-o", "/dev/null", "-e", &format!("inject=renameat:signal=KILL:when={n}"), bin])
            .args(args)
            .current_dir(t.path())
            .env("NO_COLOR", "1")
            .status()
            .unwrap()
    } else {
        std::process::Command::new(bin)
            .args(args)
            .current_dir(t.path())
            .env("QINGLI_TEST_KILL_AT_RENAME", hook_n.to_string())
            .status()
            .unwrap()
    };
    status.code().unwrap_or(-1)
}

#[test]
fn a_catalog_killed_during_its_renames_is_completed_by_the_next_run() {
    let t = register(3);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let old = visible(&t.path().join("out"));
    let t = t.write("documents/d01.toml", &record("关于第1件的通知", "applies_until = 2006-01-01\n"));
    // Renames: the journal (1), then per file its old version aside and
    // the new one in place: killed at the 4th, after the first file.
    assert_ne!(killed_at_rename(&t, &["catalog", "--out", "out"], 4, 2), 0, "the run was killed");
    let mixed = visible(&t.path().join("out"));
    assert_ne!(mixed, old, "the kill left the folder mixing two runs");
    assert!(t.path().join("out/.qingli-journal").exists(), "the journal says what was being renamed");
    // The next run completes the set before writing its own.
    let o = t.run_with(&["catalog", "--out", "out"]);
    o.status(0).stdout_has("上次运行在替换文件期间被中断");
    t.run_with(&["catalog", "--out", "fresh"]).status(0);
    assert_eq!(visible(&t.path().join("out")), visible(&t.path().join("fresh")));
    assert_eq!(leftovers(&t.path().join("out")), Vec::<String>::new(), "no temporary file or journal left");
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next() {
    let t = register(2);
    t.run_with(&["catalog", "--out", "out"]).status(0);
    std::fs::write(t.path().join("out/.qingli-AbC123.tmp"), "half a file").unwrap();
    std::fs::write(t.path().join("out/.qingli-XyZ789.old"), "an old version").unwrap();
    t.run_with(&["catalog", "--out", "out"]).status(0).stdout_has("删除了上次被中断的运行留下的 2 个临时文件");
    assert_eq!(leftovers(&t.path().join("out")), Vec::<String>::new());
}

#[test]
fn catalog_tracks_its_files_and_keeps_one_the_clerk_changed() {
    let t = register(2);
    t.run_with(&["catalog", "--out", "out", "--xlsx"]).status(0);
    assert!(t.path().join("out/清理结果.xlsx").exists());
    // A later run without --xlsx: the older workbook is not left beside the new set.
    t.run_with(&["catalog", "--out", "out", "--docx"]).status(0).stdout_has("已删除上次生成、本次不再需要的 1 个文件");
    assert!(!t.path().join("out/清理结果.xlsx").exists());
    assert!(t.path().join("out/清理结果通知.docx").exists());
    // A file the clerk edited since qingli wrote it is kept, and named.
    let notice = t.path().join("out/清理结果通知.docx");
    let mut edited = std::fs::read(&notice).unwrap();
    edited.extend_from_slice(b"edited");
    std::fs::write(&notice, &edited).unwrap();
    t.run_with(&["catalog", "--out", "out"])
        .status(0)
        .stdout_has("被改动过的 1 个文件")
        .stdout_has("清理结果通知.docx");
    assert_eq!(std::fs::read(&notice).unwrap(), edited, "kept as the clerk left it");
    // Files qingli never wrote are never touched.
    let t = t.write("out/说明.txt", "科室的说明");
    t.run_with(&["catalog", "--out", "out"]).status(0);
    assert_eq!(t.read("out/说明.txt"), "科室的说明");
}

#[test]
fn site_stale_removal_never_follows_a_planted_link() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "不是网站的文件").unwrap();
    let t = register(2);
    t.run_with(&["site", "--out", "site"]).status(0);
    // A link inside the output and marker lines naming files behind it.
    std::os::unix::fs::symlink(outside.path(), t.path().join("site/evil")).unwrap();
    let marker = t.path().join("site/.qingli-site");
    let mut text = std::fs::read_to_string(&marker).unwrap();
    text.push_str("-  evil/secret.txt\nevil/secret.txt\n");
    std::fs::write(&marker, text).unwrap();
    t.run_with(&["site", "--out", "site"]).status(0).stdout_has("evil/secret.txt");
    assert_eq!(std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(), "不是网站的文件");
}

#[test]
fn a_site_killed_while_writing_pages_is_recovered_by_the_next_run() {
    if !have("strace", "QINGLI_REQUIRE_STRACE") {
        return;
    }
    let t = register(30);
    t.run_with(&["site", "--out", "site"]).status(0);
    // Every page changes (the title is on each), then the run dies midway.
    let t = t.write("qingli.toml", "[register]\nname = \"另一个登记簿\"\n");
    assert_ne!(killed_at_rename(&t, &["site", "--out", "site"], 12, 0), 0);
    assert!(std::fs::read_to_string(t.path().join("site/.qingli-site")).unwrap().contains("# in progress"));
    t.run_with(&["site", "--out", "site"]).status(0).stdout_has("上次运行在写入期间被中断");
    t.run_with(&["site", "--out", "fresh"]).status(0);
    assert_eq!(visible(&t.path().join("site")), visible(&t.path().join("fresh")));
    assert_eq!(leftovers(&t.path().join("site")), Vec::<String>::new());
}

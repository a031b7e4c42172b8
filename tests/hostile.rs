//! Hostile registers and failed writes: every case gets a clear diagnostic
//! or is handled, never a panic, a hang (every run has a deadline), a write
//! outside the target folder, or a changed input file.

use std::collections::BTreeMap;

use crate::support::{Test, run_in, tree};

fn hostile() -> Test {
    let (gbk, _, _) = encoding_rs::GBK.encode("title = \"永嘉县\"\n");
    let ten_mb = format!("title = \"{}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n", "长".repeat(3_500_000));
    Test::new()
        .write_bytes("documents/gbk.toml", &gbk)
        .write_bytes("documents/bom.toml", b"\xEF\xBB\xBFtitle = \"a\"\nissuer = \"b\"\nissued = 2005-01-01\n")
        .write_bytes("documents/nul.toml", b"title = \"a\0\"\n")
        .write("documents/huge.toml", &ten_mb)
        .write("documents/deep.toml", &format!("a = {}", "[".repeat(100_000)))
        .write("documents/a b.toml", "title = \"带空格的文件名\"\nissuer = \"县政府\"\nissued = 2005-01-02\n")
        .write("documents/文件 一.toml", "title = \"中文文件名\"\nissuer = \"县政府\"\nissued = 2005-01-03\n")
        .write("documents/a..b.toml", "title = \"点点\"\nissuer = \"县政府\"\nissued = 2005-01-04\n")
        .write("documents/x/dup.toml", "title = \"甲\"\nissuer = \"县政府\"\nissued = 2005-01-05\n")
        .write("documents/y/dup.toml", "title = \"乙\"\nissuer = \"县政府\"\nissued = 2005-01-06\n")
        .write(
            "documents/path.toml",
            "title = \"<img src=x onerror=alert(1)> | =cmd()\"\nissuer = \"@县政府\"\nissued = 2005-01-07\ndoc_number = \"../../../etc/passwd\"\nsuperseded_by = \"../../x\"\n",
        )
}

#[test]
fn every_command_survives_and_nothing_in_the_register_changes() {
    let t = hostile();
    let before = tree(t.path());
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap().to_owned();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "json", "--strict"],
        vec!["review"],
        vec!["review", "--format", "json", "--all"],
        vec!["review", "--format", "csv"],
        vec!["review", "--format", "markdown"],
        vec!["review", "--explain", "a..b"],
        vec!["deadlines", "--all"],
        vec!["deadlines", "--format", "ics", "--all"],
        vec!["catalog", "--out", &out_dir, "--xlsx"],
        vec!["catalog", "--out", &out_dir, "--xlsx", "--allow-errors"],
        vec!["fmt", "--check"],
    ];
    for args in runs {
        let o = t.run_with(&args);
        assert!(matches!(o.status, 0..=2), "{args:?}: {}", o.stderr);
        assert!(!o.stderr.contains("panicked"), "{args:?}: {}", o.stderr);
    }
    assert_eq!(tree(t.path()), before, "no register file changed, no file appeared");
    let written: Vec<String> = tree(out.path()).into_keys().collect();
    assert_eq!(written.len(), 8, "only the catalogue files and their marker, nothing else: {written:?}");
    assert!(written.contains(&".qingli-catalog".to_owned()), "{written:?}");
}

#[test]
fn diagnostics_for_each_hostile_file() {
    let v = hostile().run_with(&["check", "--format", "json"]).json();
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["file"].as_str().unwrap().to_owned()))
        .collect();
    for (code, file) in [
        ("not-utf8", "documents/gbk.toml"),
        ("toml-syntax", "documents/nul.toml"),
        ("toml-syntax", "documents/deep.toml"),
        ("duplicate-id", "documents/y/dup.toml"),
        ("supersede-unresolved", "documents/path.toml"),
    ] {
        assert!(found.contains(&(code.to_owned(), file.to_owned())), "{code} {file} in {found:?}");
    }
    assert!(!found.iter().any(|(_, f)| f.contains("bom") || f.contains("huge") || f.contains("文件 一")), "{found:?}");
}

#[test]
fn odd_file_names_are_ordinary_ids() {
    let v = hostile().run_with(&["review", "--format", "json"]).json();
    let ids: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    for id in ["a b", "文件 一", "a..b", "huge", "bom"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}

#[test]
fn html_and_formulas_stay_text() {
    let t = hostile();
    let md = t.run_with(&["review", "--format", "markdown"]);
    assert!(md.stdout.contains("&lt;img src=x onerror=alert(1)&gt; \\| =cmd()"), "{}", md.stdout);
    assert!(!md.stdout.contains("<img"));
    let out = tempfile::tempdir().unwrap();
    t.run_with(&["catalog", "--out", out.path().to_str().unwrap(), "--allow-errors"]).status(0);
    let notice = std::fs::read_to_string(out.path().join("清理结果.md")).unwrap();
    assert!(!notice.contains("<img") && notice.contains("&lt;img"), "{notice}");
    let csv = std::fs::read_to_string(out.path().join("附件1-保留目录.csv")).unwrap();
    assert!(csv.contains(",'@县政府,"), "{csv}");
}

#[test]
fn path_shaped_doc_numbers_do_not_escape_documents() {
    let t = Test::new();
    let o = t.run_with(&[
        "new",
        "--title",
        "甲",
        "--issuer",
        "县政府",
        "--issued",
        "2005-01-01",
        "--doc-number",
        "../../../evil[2020]1号",
    ]);
    o.status(0);
    let files: Vec<String> = tree(t.path()).into_keys().collect();
    assert!(
        files.iter().all(|f| f == "qingli.toml" || f.starts_with("laws/") || f.starts_with("documents/")),
        "{files:?}"
    );
    assert!(files.contains(&"documents/evil-2020-1号.toml".to_owned()), "{files:?}");
}

#[test]
fn a_failed_write_leaves_the_original_and_says_so() {
    let t = Test::new().write("documents/a.toml", "title = \"甲\"\nissuer = \"县政府\"\nissued = 2005-01-01\n");
    // The destination of one catalogue file is a folder holding a file: the
    // final rename cannot replace it.
    let t = t.write("out/附件1-保留目录.csv/keep.txt", "原有内容");
    let o = t.run_with(&["catalog", "--out", "out"]);
    o.status(2).stderr_has("附件1-保留目录.csv");
    assert_eq!(t.read("out/附件1-保留目录.csv/keep.txt"), "原有内容");
    let leftovers: Vec<String> = tree(&t.path().join("out")).into_keys().filter(|f| f.contains("qingli-tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files are removed: {leftovers:?}");
}

/// Runs qingli with a file-size limit: the kernel kills it (SIGXFSZ) as soon
/// as it writes past the limit, in the middle of a write.
fn run_limited(t: &Test, limit: u32, args: &[&str]) -> i32 {
    let mut full = vec![format!("--fsize={limit}"), env!("CARGO_BIN_EXE_qingli").to_owned()];
    full.extend(args.iter().map(|s| (*s).to_owned()));
    let status =
        std::process::Command::new("prlimit").current_dir(t.path()).args(&full).status().expect("prlimit (util-linux)");
    status.code().unwrap_or(-1)
}

#[test]
fn killed_mid_write_the_originals_are_intact() {
    // Catalogue files from an earlier run are replaced whole or not at all.
    let mut t = Test::new();
    for i in 0..200 {
        t = t.doc(&format!("d{i:03}.toml"), "");
    }
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let before: BTreeMap<String, Vec<u8>> =
        tree(&t.path().join("out")).into_iter().filter(|(k, _)| !k.starts_with(".qingli-")).collect();
    let t = t.doc("zzz.toml", "applies_until = 2006-01-01\n");
    assert_ne!(run_limited(&t, 4096, &["catalog", "--out", "out"]), 0, "the limit stops the run");
    // (A killed process cannot remove its temporary files; they are hidden
    // `.qingli-*` files, never a catalogue.)
    let after: BTreeMap<String, Vec<u8>> =
        tree(&t.path().join("out")).into_iter().filter(|(k, _)| !k.starts_with(".qingli-")).collect();
    // The complete new versions, for comparison.
    t.run_with(&["catalog", "--out", "new"]).status(0);
    let new = tree(&t.path().join("new"));
    assert!(new.values().any(|b| b.len() > 4096), "the run really was cut short");
    // The set is replaced only once every file is written: the old set stays, whole.
    assert_eq!(after, before, "the old catalogue stays as it was, every file");
    // A record being formatted is never left half-written.
    let messy =
        "issuer='县政府'\ntitle='一个很长的标题用来让格式化后的文件超过限制的大小一个很长的标题'\nissued=2005-01-01\n";
    let t = Test::new().write("documents/m.toml", messy);
    assert_ne!(run_limited(&t, 16, &["fmt"]), 0);
    assert_eq!(t.read("documents/m.toml"), messy);
}

#[test]
fn unreadable_register_roots_exit_2() {
    let t = Test::empty().write("qingli.toml", "");
    std::fs::remove_file(t.path().join("qingli.toml")).unwrap();
    std::fs::create_dir(t.path().join("qingli.toml")).unwrap();
    let o = run_in(t.path(), &["--register".to_owned(), ".".to_owned(), "check".to_owned()], &[]);
    o.status(2);
}

/// A low limit of open files (`ulimit -n`): the folder handles records are
/// opened through never take the descriptors the records themselves need.
#[test]
fn a_low_open_file_limit_still_reads_every_record() {
    let mut t = Test::new();
    for f in 0..60 {
        for i in 0..5 {
            t = t.write(
                &format!("documents/f{f:02}/f{f:02}-d{i}.toml"),
                "title = \"甲\"\nissuer = \"县政府\"\nissued = 2005-01-01\n",
            );
        }
    }
    // Reading in place, and reading ahead (as when the page cache is cold).
    for ahead in ["never", "always"] {
        let run = |args: &[&str]| {
            let mut full = vec!["--nofile=24", env!("CARGO_BIN_EXE_qingli")];
            full.extend(args);
            std::process::Command::new("prlimit")
                .current_dir(t.path())
                .env("QINGLI_READ_AHEAD", ahead)
                .args(&full)
                .output()
                .expect("prlimit (util-linux)")
        };
        let check = run(&["check"]);
        assert_eq!(check.status.code(), Some(0), "{ahead}: {}", String::from_utf8_lossy(&check.stdout));
        let review = run(&["review", "--all", "--format", "jsonl"]);
        assert_eq!(review.status.code(), Some(0), "{ahead}: {}", String::from_utf8_lossy(&review.stderr));
        assert_eq!(String::from_utf8_lossy(&review.stdout).lines().count(), 300);
    }
}

/// A pipe (or socket, or device) named like a record, directly or through a
/// link: opening a pipe waited for a writer forever. It is named as a
/// record that could not be read, and every other record is read.
#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_record_is_reported_not_waited_on() {
    let t = Test::new()
        .write("documents/甲.toml", "title = \"甲\"\nissuer = \"县政府\"\nissued = 2005-01-01\n")
        .args(&["check"]);
    for name in ["documents/管道.toml", "laws/管道.toml"] {
        let made = std::process::Command::new("mkfifo").arg(t.path().join(name)).status().expect("mkfifo (coreutils)");
        assert!(made.success());
    }
    std::os::unix::fs::symlink("管道.toml", t.path().join("documents/链接.toml")).unwrap();
    let out = t.run();
    assert_eq!(out.status, 1, "{}", out.stdout);
    for name in ["documents/管道.toml", "documents/链接.toml", "laws/管道.toml"] {
        assert!(out.stdout.contains(&format!("{name}: 错误")) || out.stdout.contains(name), "{name}: {}", out.stdout);
    }
    assert!(out.stdout.contains("不是普通文件"), "{}", out.stdout);
    let review = t.run_with(&["review", "--all", "--format", "json"]);
    assert_eq!(review.status, 0, "{}", review.stderr);
    assert!(review.stdout.contains("\"甲\""), "{}", review.stdout);
    assert!(review.stdout.contains("管道"), "the record left out is named: {}", review.stdout);
    // Named on the command line, it is refused too.
    let fmt = t.run_with(&["fmt", "documents/管道.toml"]);
    assert_eq!(fmt.status, 1, "{}", fmt.stderr);
    assert!(fmt.stderr.contains("documents/管道.toml") && fmt.stderr.contains("不是普通文件"), "{}", fmt.stderr);
}

//! The in-place edit path (`decide`, the interactive review's writes,
//! `fmt`, `import --update`): an edit changes exactly the record it read
//! and validated, or nothing. Races against editors that save in place
//! (truncate, pause, write) and by rename; a record emptied, re-saved in
//! GBK or swapped for a link to a file outside the register between loading
//! and writing; `init` over planted links.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Test, run_in};

const RECORD: &str = "title = \"关于加强水资源管理的通知\"\nissuer = \"测试县人民政府\"\nissued = 2005-03-10\ndoc_number = \"测政发〔2005〕3号\"\n";
/// The same record as an editor leaves it: not in canonical form.
const MESSY: &str = "issued=2005-03-10\ntitle=\"关于加强水资源管理的通知\"\nissuer = \"测试县人民政府\"\ndoc_number = \"测政发〔2005〕3号\"\n";

/// How an editor saves.
#[derive(Clone, Copy)]
enum Save {
    /// Truncates the file, pauses, writes it whole (the same inode).
    InPlace,
    /// Writes a new file beside it and renames it over (a new inode).
    Rename,
}

fn save(path: &Path, text: &str, how: Save) {
    match how {
        Save::InPlace => {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(path).unwrap();
            std::thread::sleep(Duration::from_millis(3));
            f.write_all(text.as_bytes()).unwrap();
        }
        Save::Rename => {
            let tmp = path.with_extension("swp");
            std::fs::write(&tmp, text).unwrap();
            std::fs::rename(&tmp, path).unwrap();
        }
    }
}

/// Runs `args` against an editor saving `text` into documents/a.toml once
/// per round, at a different moment of the run each round; after every
/// round the record must still be a record. Bounded in rounds and time.
fn race(args: &[&str], text: &str, how: Save) {
    let t = Test::new().write("documents/a.toml", text);
    let path = t.path().join("documents/a.toml");
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let started = Instant::now();
    for round in 0u64..60 {
        if started.elapsed() > Duration::from_secs(40) {
            break;
        }
        let done = Arc::new(AtomicBool::new(false));
        let editor = {
            let (path, text, done) = (path.clone(), text.to_owned(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_micros(round * 700 % 30_000));
                if !done.load(Ordering::Relaxed) {
                    save(&path, &text, how);
                }
            })
        };
        let o = run_in(t.path(), &args, &[]);
        done.store(true, Ordering::Relaxed);
        editor.join().unwrap();
        assert!(o.status == 0 || o.status == 1, "round {round}: {}{}", o.stdout, o.stderr);
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(
            now.contains("关于加强水资源管理的通知") && now.contains("测试县人民政府"),
            "round {round}: the record lost its title: {now:?}\n{}{}",
            o.stdout,
            o.stderr
        );
        // The next round starts from the editor's version.
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn decide_against_an_editor_saving_in_place_never_loses_the_record() {
    race(&["decide", "a", "保留", "--reason", "仍然适用"], RECORD, Save::InPlace);
}

#[test]
fn decide_against_an_editor_saving_by_rename_never_loses_the_record() {
    race(&["decide", "a", "保留", "--reason", "仍然适用"], RECORD, Save::Rename);
}

#[test]
fn fmt_against_an_editor_saving_in_place_never_loses_the_record() {
    race(&["fmt"], MESSY, Save::InPlace);
}

#[test]
fn fmt_against_an_editor_saving_by_rename_never_loses_the_record() {
    race(&["fmt"], MESSY, Save::Rename);
}

#[test]
fn an_emptied_record_is_never_the_basis_of_a_write() {
    // Between loading and the edit, an editor truncated the file.
    let t = Test::new().write("documents/a.toml", RECORD);
    let o =
        t.run_with_env(&["decide", "a", "保留", "--reason", "仍然适用"], &[("QINGLI_TEST_BEFORE_EDIT", "truncate")]);
    o.status(1).stderr_has("在读入之后被改动").stderr_has("未修改");
    assert_eq!(t.read("documents/a.toml"), "", "nothing written over the empty file");
    // fmt reads an empty record and leaves it.
    let o = t.run_with(&["fmt"]);
    o.status(1).stderr_has("文件是空的,未格式化");
    assert_eq!(t.read("documents/a.toml"), "");
}

#[test]
fn a_record_resaved_in_gbk_is_refused_not_rewritten_lossily() {
    // The shared write path of `decide` and the interactive review.
    let t = Test::new().write("documents/a.toml", RECORD);
    let o = t.run_with_env(&["decide", "a", "保留", "--reason", "仍然适用"], &[("QINGLI_TEST_BEFORE_EDIT", "gbk")]);
    o.status(1).stderr_has("不是 UTF-8").stderr_has("未修改");
    let bytes = std::fs::read(t.path().join("documents/a.toml")).unwrap();
    assert_eq!(bytes, encoding_rs::GBK.encode(RECORD).0.into_owned(), "the GBK bytes are left as they are");
}

#[test]
fn a_record_swapped_for_a_link_outside_is_never_written_through() {
    // After loading, the record becomes a link to a file outside the
    // register holding the same text: the write resolves the link now.
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("secret.toml");
    std::fs::write(&target, RECORD).unwrap();
    let t = Test::new().write("documents/a.toml", RECORD);
    let hook = format!("link:{}", target.display());
    let o = t.run_with_env(&["decide", "a", "保留", "--reason", "仍然适用"], &[("QINGLI_TEST_BEFORE_EDIT", &hook)]);
    assert_ne!(o.status, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("拒绝写入"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), RECORD, "the outside file is untouched");
    // A link to a different outside file: not the record that was loaded.
    std::fs::write(&target, "title = \"别的\"\n").unwrap();
    let o = t.run_with_env(&["decide", "a", "保留"], &[("QINGLI_TEST_BEFORE_EDIT", &hook)]);
    assert_ne!(o.status, 0);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "title = \"别的\"\n");
}

#[test]
fn a_record_changed_between_loading_and_writing_is_left_alone() {
    // Re-saved by the clerk with another title: decide never writes the
    // decision into a record other than the one it loaded and judged.
    let t = Test::new().write("documents/a.toml", RECORD);
    let other = RECORD.replace("水资源", "林业");
    let o =
        t.run_with_env(&["decide", "a", "保留", "--reason", "仍然适用"], &[("QINGLI_TEST_BEFORE_EDIT", "truncate")]);
    o.status(1);
    std::fs::write(t.path().join("documents/a.toml"), &other).unwrap();
    t.run_with(&["decide", "a", "保留", "--reason", "仍然适用"]).status(0);
    assert!(t.read("documents/a.toml").contains("林业"));
}

#[cfg(unix)]
#[test]
fn init_refuses_planted_links_for_its_folders() {
    let outside = tempfile::tempdir().unwrap();
    for sub in ["documents", "laws"] {
        let t = Test::empty();
        std::fs::create_dir(t.path().join("reg")).unwrap();
        std::os::unix::fs::symlink(outside.path(), t.path().join("reg").join(sub)).unwrap();
        t.run_with(&["init", "reg"]).status(2).stderr_has("是符号链接,不会经由它写入");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing written outside ({sub})");
        assert!(!t.path().join("reg/qingli.toml").exists());
    }
}

//! Nothing silently dropped: a record that cannot be evaluated is named in
//! every output it is missing from, gates fail on it, `catalog` refuses to
//! publish an incomplete catalogue, and registers that cannot be read whole
//! say so. Plus the messages that name what a clerk knows, and Chinese usage
//! errors.

use calamine::{Reader, Xlsx, open_workbook};

use crate::support::{Test, git, tree};

const CAMPAIGN: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nname = \"2007年清理\"\nas_of = 2007-10-31\nmade_before = 2007-07-01\n";

/// The reproduction: a date written as a string.
const BROKEN: &str = "title = \"关于加强河道管理的通知\"\nissuer = \"县水利局\"\nissued = \"2006-09-09\"\ndoc_number = \"永水〔2006〕9号\"\n";

fn good_and_broken() -> Test {
    Test::new()
        .write("qingli.toml", CAMPAIGN)
        .write(
            "documents/good.toml",
            "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\n[review]\ndecision = \"保留\"\n",
        )
        .write("documents/water/broken.toml", BROKEN)
}

#[test]
fn catalog_refuses_and_writes_nothing() {
    let t = good_and_broken().write("out/keep.txt", "old");
    let before = tree(&t.path().join("out"));
    let o = t.run_with(&["catalog", "--out", "out", "--xlsx"]);
    o.status(1)
        .stderr_has("未写出清理目录")
        .stderr_has("documents/water/broken.toml")
        .stderr_has("永水〔2006〕9号《关于加强河道管理的通知》")
        .stderr_has("1 个错误")
        .stderr_has("qingli check")
        .stderr_has("--allow-errors");
    assert_eq!(o.stdout, "");
    assert_eq!(tree(&t.path().join("out")), before, "the output folder is untouched");
    let names: Vec<String> = std::fs::read_dir(t.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["keep.txt"], "no temp files either");
    // A folder that does not exist yet is not created.
    t.run_with(&["catalog", "--out", "new-out"]).status(1);
    assert!(!t.path().join("new-out").exists());
}

#[test]
fn catalog_allow_errors_writes_a_draft_naming_the_record() {
    let t = good_and_broken();
    let o = t.run_with(&["catalog", "--out", "out", "--xlsx", "--allow-errors"]);
    o.status(0).stdout_has("另有 1 件文件有错误、未能评估,未列入任何目录");
    let md = t.read("out/清理结果.md");
    assert!(md.contains("## 未能评估的文件(1件)"), "{md}");
    assert!(md.contains("| 1 | documents/water/broken.toml | 永水〔2006〕9号 | 关于加强河道管理的通知 | 1 |"), "{md}");
    assert!(t.read("out/附件1-保留目录.csv").contains("关于甲的通知"));
    let mut wb: Xlsx<_> = open_workbook(t.path().join("out/清理结果.xlsx")).unwrap();
    assert!(wb.sheet_names().contains(&"未能评估的文件".to_owned()), "{:?}", wb.sheet_names());
    let sheet = wb.worksheet_range("未能评估的文件").unwrap();
    let cells: Vec<String> = sheet.rows().nth(2).unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(cells[1], "documents/water/broken.toml");
}

#[test]
fn review_and_deadlines_name_what_they_left_out() {
    let t = good_and_broken();
    let v = t.run_with(&["review", "--format", "json"]).status(0).json();
    let expected = serde_json::json!([{
        "id": "broken", "file": "documents/water/broken.toml", "doc_number": "永水〔2006〕9号",
        "title": "关于加强河道管理的通知", "errors": 1, "reason": null
    }]);
    assert_eq!(v["excluded"], expected);
    let v = t.run_with(&["deadlines", "--format", "json", "--all"]).status(0).json();
    assert_eq!(v["excluded"], expected);
    let table = t.run_with(&["review"]);
    table.stdout_has("未能评估的文件 1 件").stdout_has("永水〔2006〕9号《关于加强河道管理的通知》");
    t.run_with(&["deadlines", "--all"]).stdout_has("未能评估的文件 1 件");
    t.run_with(&["review", "--format", "markdown"]).stdout_has("未能评估的文件 1 件");
    // CSV carries no list of its own: stderr names the record.
    t.run_with(&["review", "--format", "csv"]).stderr_has("documents/water/broken.toml");
    // And nothing is listed when nothing is left out.
    let clean = Test::new().doc("a.toml", "");
    assert_eq!(clean.run_with(&["review", "--format", "json"]).json()["excluded"], serde_json::json!([]));
    assert!(!clean.run_with(&["review"]).stdout.contains("未能评估"));
}

#[test]
fn unreadable_title_and_number_are_null() {
    let t = Test::new().write("documents/bad.toml", "title = \"未闭合\nissuer = 1\n");
    let v = t.run_with(&["review", "--format", "json"]).json();
    assert_eq!(v["excluded"][0]["doc_number"], serde_json::Value::Null);
    assert_eq!(v["excluded"][0]["id"], "bad");
}

#[test]
fn deadlines_gate_fails_on_a_broken_record() {
    // Nothing is due in the readable part of the register…
    let t = Test::new()
        .write("qingli.toml", CAMPAIGN)
        .write("documents/a.toml", "title = \"新的通知\"\nissuer = \"县政府\"\nissued = 2007-10-20\n");
    t.run_with(&["deadlines", "--fail-on", "overdue"]).status(0);
    // …but what could not be read may be exactly what is overdue.
    let t = t.write("documents/broken.toml", BROKEN);
    let o = t.run_with(&["deadlines", "--fail-on", "overdue"]);
    o.status(1).stderr_has("--fail-on 未通过").stderr_has("1 件文件未能评估");
    t.run_with(&["deadlines"]).status(0);
}

#[test]
fn explain_a_broken_record_shows_its_errors() {
    let t = good_and_broken();
    for key in ["broken", "永水[2006]9号"] {
        let o = t.run_with(&["review", "--explain", key]);
        o.status(1).stdout_has("有错误,未能评估").stdout_has("documents/water/broken.toml:3:10").stdout_has("bad-date");
    }
    t.run_with(&["review", "--explain", "nothing"]).status(2).stderr_has("没有 id 或文号为 `nothing` 的文件");
}

#[test]
fn a_register_without_documents_is_an_error() {
    let t = Test::new();
    let o = t.run_with(&["check"]);
    o.status(1).stdout_has("missing-documents").stdout_has("documents/");
    t.run_with(&["deadlines", "--fail-on", "overdue"]).status(1);
    t.run_with(&["catalog", "--out", "out"]).status(1);
    assert!(!t.path().join("out").exists());
    // Renamed by a file manager: the hint names the folder.
    let t = Test::new().write("Documents/a.toml", "title = \"a\"\nissuer = \"b\"\nissued = 2005-01-01\n");
    t.run_with(&["check"]).status(1).stdout_has("请把 `Documents` 改名为 documents");
}

#[test]
fn init_keeps_documents_in_git() {
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0);
    assert!(t.path().join("reg/documents/.gitkeep").is_file());
    t.run_with(&["--register", "reg", "check"]).status(0);
}

#[cfg(unix)]
#[test]
fn a_non_utf8_file_name_is_an_error_and_left_out() {
    use std::os::unix::ffi::OsStrExt;
    let t = Test::new().doc("a.toml", "");
    let dir = t.path().join("documents");
    // "永嘉.toml" in GBK, as a Chinese Windows zip archive stores it.
    let name = std::ffi::OsStr::from_bytes(b"\xD3\xC0\xBC\xCE.toml");
    std::fs::write(dir.join(name), "title = \"a\"\nissuer = \"b\"\nissued = 2005-01-01\n").unwrap();
    std::fs::create_dir(dir.join(std::ffi::OsStr::from_bytes(b"\xCF\xD8"))).unwrap();
    let o = t.run_with(&["check"]);
    o.status(1)
        .stdout_has("documents/\\xD3\\xC0\\xBC\\xCE.toml:1:1: 错误[bad-file-name]")
        .stdout_has("documents/\\xCF\\xD8");
    let v = t.run_with(&["review", "--format", "json"]).json();
    let files: Vec<&str> = v["excluded"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["documents/\\xCF\\xD8", "documents/\\xD3\\xC0\\xBC\\xCE.toml"]);
    // A folder that could not be read is not counted as one file: what is
    // known is said (issue 38: never understate).
    let o = t.run_with(&["review"]);
    o.status(0).stdout_has("1 件文件,另有一个目录无法读取,其中的文件未能评估");
    o.stderr_has("1 件文件,另有一个目录无法读取,其中的文件未能评估");
}

/// The effective user id, read from a file this process creates.
#[cfg(unix)]
fn euid(t: &Test) -> u32 {
    use std::os::unix::fs::MetadataExt;
    let p = t.path().join(".uid-probe");
    std::fs::write(&p, "").unwrap();
    let uid = std::fs::metadata(&p).unwrap().uid();
    std::fs::remove_file(p).unwrap();
    uid
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_and_left_out() {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;
    use std::process::Command;
    let t = Test::new().doc("a.toml", "").doc("locked/b.toml", "");
    let set = |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    // Root reads every folder: run the binary as `nobody` then (setpriv, util-linux).
    let as_root = euid(&t) == 0;
    if as_root {
        let mut p = t.path().to_path_buf();
        while p.parent().is_some() {
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            set(&p, mode | 0o755);
            if p == Path::new("/tmp") || !p.pop() {
                break;
            }
        }
        for e in walkdir::WalkDir::new(t.path()).into_iter().filter_map(Result::ok) {
            set(e.path(), if e.file_type().is_dir() { 0o755 } else { 0o644 });
        }
    }
    set(&t.path().join("documents/locked"), 0o000);
    let run = |args: &[&str]| {
        let mut c = if as_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_qingli")]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_qingli"))
        };
        let o = c.current_dir(t.path()).args(args).env("NO_COLOR", "1").output().unwrap();
        (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap())
    };
    let (code, out) = run(&["check"]);
    set(&t.path().join("documents/locked"), 0o755);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("documents/locked:1:1: 错误[io-error]: 无法读取目录"), "{out}");
    set(&t.path().join("documents/locked"), 0o000);
    let (code, out) = run(&["review", "--format", "json"]);
    set(&t.path().join("documents/locked"), 0o755);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["excluded"][0]["file"], "documents/locked", "{v}");
}

#[test]
fn a_finding_without_scope_is_valid_where_no_rule_reads_it() {
    let t = Test::new().doc("a.toml", "[[finding]]\ntype = \"与上级文件不一致\"\nnote = \"与市政府文件不一致\"\n");
    t.run_with(&["check"]).status(0);
    let v = t.run_with(&["review", "--format", "json"]).json();
    assert_eq!(v["excluded"], serde_json::json!([]));
    assert_eq!(v["documents"][0]["advice"][0]["id"], "Q10", "{v}");
    // 越权设定 is read by Q08: there the scope is required.
    let t = Test::new().doc("a.toml", "[[finding]]\ntype = \"越权设定\"\n");
    t.run_with(&["check"]).status(1).stdout_has("「越权设定」审查发现缺少必填字段 `scope`");
}

#[test]
fn a_cycle_is_named_by_doc_numbers() {
    let t = Test::new()
        .doc("a.toml", "doc_number = \"永水〔2005〕8号\"\nsuperseded_by = \"永水〔2005〕9号\"\n")
        .doc("b.toml", "doc_number = \"永水〔2005〕9号\"\nsuperseded_by = \"永水〔2005〕8号\"\n");
    t.run_with(&["check"]).status(1).stdout_has("永水〔2005〕8号 → 永水〔2005〕9号 → 永水〔2005〕8号");
}

#[test]
fn a_phase_error_names_the_phase() {
    let cfg = "[campaign]\nname = \"清理\"\n\n[[campaign.phase]]\nname = \"上报清理意见\"\nrequires = \"decided\"\n";
    let t = Test::new().write("qingli.toml", cfg).doc("a.toml", "");
    t.run_with(&["check"]).status(1).stdout_has("清理阶段「上报清理意见」须有 `due`");
}

#[test]
fn unknown_law_brackets_are_not_doubled() {
    let t = Test::new().doc("a.toml", "basis = [\"《城市规划法》\"]\n");
    let o = t.run_with(&["check"]);
    o.stdout_has("上位法依据《城市规划法》不在法律库中");
    assert!(!o.stdout.contains("《《"), "{}", o.stdout);
}

#[test]
fn usage_errors_are_in_chinese() {
    let t = Test::new().doc("a.toml", "");
    let o = t.run_with(&["check", "--stric"]);
    o.status(2)
        .stderr_has("错误: 未知参数 '--stric'")
        .stderr_has("相近的参数: '--strict'")
        .stderr_has("用法: qingli check");
    assert!(!o.stderr.contains("error:") && !o.stderr.contains("Usage"), "{}", o.stderr);
    let o = t.run_with(&["review", "--format", "xml"]);
    o.status(2).stderr_has("取值 'xml' 无效").stderr_has("[可选值: table、csv、json、jsonl、markdown]");
    t.run_with(&["reveiw"]).status(2).stderr_has("未知命令 'reveiw'").stderr_has("相近的命令: 'review'");
    let help = t.run_with(&["review", "--help"]);
    help.status(0).stdout_has("[默认: table]").stdout_has("可选值:");
    assert!(!help.stdout.contains("default") && !help.stdout.contains("possible"), "{}", help.stdout);
}

#[test]
fn diff_shows_a_broken_record_as_unparsable() {
    let good = BROKEN.replace("\"2006-09-09\"", "2006-09-09");
    let t = Test::new().write("qingli.toml", CAMPAIGN).write("documents/w.toml", &good);
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-qm", "base"]);
    let t = t.write("documents/w.toml", BROKEN);
    let o = t.run_with(&["diff", "main"]);
    o.status(0)
        .stdout_has("无法解析 1 件")
        .stdout_has("永水〔2006〕9号《关于加强河道管理的通知》")
        .stdout_has("在 工作区 中无法解析");
    assert!(!o.stdout.contains("删除文件"), "{}", o.stdout);
    o.stdout_has("3:10:");
    let v = t.run_with(&["diff", "main", "--format", "json"]).json();
    assert_eq!(v["removed"], serde_json::json!([]));
    assert_eq!(v["unreadable"][0]["broken_in"], "head");
    t.run_with(&["diff", "main", "--fail-on", "errors"]).status(1);
    t.run_with(&["diff", "main", "--format", "markdown"]).stdout_has("#### 无法解析的文件");
    // Broken at the base, fixed now: not 新增 either.
    git(&t, &["commit", "-qam", "break"]);
    let t = t.write("documents/w.toml", &good);
    let o = t.run_with(&["diff", "main"]);
    o.stdout_has("在 main 中无法解析,在 工作区 中已可解析");
    assert!(!o.stdout.contains("新增文件"), "{}", o.stdout);
}

/// Files under documents/ that look like records but are not read are
/// named everywhere and, when they would be records on Windows or macOS,
/// block publishing.
#[test]
fn files_the_walk_skips_are_named() {
    let body = "title = \"关于测试的通知\"\nissuer = \"县政府\"\nissued = 2005-03-10\n";
    let t = Test::new()
        .doc("a.toml", "")
        .write("documents/x.TOML", body)
        .write("documents/y.toml ", body)
        .write("documents/.hidden.toml", body)
        .write("documents/.archive/z.toml", body)
        .write("documents/notes.txt", "不是记录\n");
    let v = t.run_with(&["check", "--format", "json"]).json();
    let found: Vec<(String, String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "skipped-file")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let severity = |f: &str| found.iter().find(|(file, _, _)| file == f).map(|(_, s, _)| s.as_str());
    assert_eq!(severity("documents/x.TOML"), Some("error"), "{found:?}");
    assert_eq!(severity("documents/y.toml "), Some("error"), "{found:?}");
    assert_eq!(severity("documents/.hidden.toml"), Some("warning"), "{found:?}");
    assert_eq!(severity("documents/.archive"), Some("warning"), "{found:?}");
    assert!(!found.iter().any(|(f, _, _)| f.contains("notes.txt")), "{found:?}");
    let r = t.run_with(&["review", "--format", "json"]).json();
    let excluded: Vec<&str> = r["excluded"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    for f in ["documents/x.TOML", "documents/y.toml ", "documents/.hidden.toml", "documents/.archive"] {
        assert!(excluded.contains(&f), "{f} in {excluded:?}");
    }
    assert!(r["excluded"].as_array().unwrap().iter().all(|e| e["reason"].is_string()), "{r}");
    t.run_with(&["catalog", "--out", "目录"]).status(1).stderr_has("x.TOML");
    t.run_with(&["site", "--out", "网站"]).status(1);
    // Only the warnings: publishing goes ahead, and the review names them.
    let t = Test::new().doc("a.toml", "").write("documents/.hidden.toml", body);
    t.run_with(&["catalog", "--out", "目录"]).status(0);
    t.run_with(&["review"]).status(0).stdout_has(".hidden.toml");
}

#[test]
fn temp_files_an_interrupted_write_left_are_named() {
    // What `fmt`, `decide` or `import --update` leave when killed before the
    // rename: a temporary file beside the record, or the old version kept aside.
    let body = "title = \"关于测试的通知\"\nissuer = \"县政府\"\nissued = 2005-03-10\n";
    let t = Test::new()
        .doc("a.toml", "")
        .write("documents/sub/.qingli-Ab3dE9.tmp", body)
        .write("laws/.qingli-x1Y2z3.old", "[[law]]\nname = \"某法\"\n");
    let o = t.run_with(&["check", "--format", "json"]);
    o.status(0);
    let v = o.json();
    let stray: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stray-temp-file")
        .map(|d| (d["file"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stray,
        vec![("documents/sub/.qingli-Ab3dE9.tmp", "warning"), ("laws/.qingli-x1Y2z3.old", "warning")],
        "{v}"
    );
    assert!(!v["diagnostics"].to_string().contains("skipped-file"), "not a hidden record: {v}");
    let r = t.run_with(&["review", "--format", "json"]).json();
    assert_eq!(r["excluded"], serde_json::json!([]), "a temp file is no record left out");
    t.run_with(&["check"]).status(0).stdout_has("stray-temp-file").stdout_has("确认没有 qingli 命令正在运行后删除它");
}

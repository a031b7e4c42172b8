//! `qingli scan` (issue 46): what a text says, in JSON; `--apply` adding
//! only what a record lacks and keeping every other byte; `check`'s
//! `basis-not-recorded` and `text-date-differs`; `review --explain`'s
//! review points, which change no verdict.

use crate::support::Test;

/// A record with comments, a blank line, CRLF line ends and a `[review]`:
/// what `--apply` must keep byte for byte.
const RECORD: &str = "# 宅基地管理办法\r\ntitle = \"永嘉县农村宅基地管理办法\"  # 标题照原件\r\nissuer = \"永嘉县人民政府\"\r\nissued = 2006-05-01\r\ndoc_number = \"永政发〔2006〕3号\"\r\nsubject = \"农村宅基地\"\r\n\r\n[review]\r\ndecision = \"保留\"\r\n";

const TEXT: &str = "永嘉县农村宅基地管理办法\n\n第一条 为了加强农村宅基地管理,根据《中华人民共和国物权法》和《浙江省土地管理条例》,制定本办法。\n\n第二条 宅基地使用权证有效期为3年。\n\n第三条 违反本办法的,依照《中华人民共和国民法典》处理,并处1000元罚款。\n\n第四条 本办法自2006年6月1日起施行,有效期5年。《永嘉县宅基地管理暂行规定》(永政发〔2001〕9号)同时废止。\n";

fn register() -> Test {
    Test::new()
        .write("documents/a.toml", RECORD)
        .write("documents/a.txt", TEXT)
        .write(
            "documents/old.toml",
            "title = \"永嘉县宅基地管理暂行规定\"\nissuer = \"永嘉县人民政府\"\nissued = 2001-03-01\ndoc_number = \"永政发〔2001〕9号\"\n",
        )
        .write(
            "documents/b.toml",
            "title = \"永嘉县河道管理办法\"\nissuer = \"永嘉县人民政府\"\nissued = 2008-01-01\neffective = 2008-02-01\nbasis = [\"物权法\"]\n",
        )
        .write("documents/b.txt", "永嘉县河道管理办法\n\n第一条 根据《物权法》,制定本办法。\n\n第二条 本办法自2008年3月1日起施行。\n")
}

#[test]
fn json_items_say_what_the_text_says() {
    let t = register();
    let out = t.run_with(&["scan", "--format", "json"]);
    out.status(0);
    let json = out.json();
    let items: Vec<(String, String, String, String)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_owned();
            (s("id"), s("kind"), s("value"), s("article"))
        })
        .collect();
    let want = |id: &str, kind: &str, value: &str, article: &str| {
        (id.to_owned(), kind.to_owned(), value.to_owned(), article.to_owned())
    };
    assert_eq!(
        items,
        [
            want("a", "basis", "物权法", "第一条"),
            want("a", "unresolved-law", "浙江省土地管理条例", "第一条"),
            want("a", "effective", "2006-06-01", "第四条"),
            want("a", "expires", "2011-05-31", "第四条"),
            want("a", "supersedes", "old", "第四条"),
            want("a", "review-point", "《民法典》", "第三条"),
            want("a", "review-point", "罚款", "第三条"),
            want("b", "basis", "物权法", "第一条"),
            want("b", "effective", "2008-03-01", "第二条"),
        ]
    );
    // Each item quotes its sentence; the licence's 有效期 (第二条) is not taken.
    let first = &json["items"][0];
    assert_eq!(
        first["sentence"],
        "第一条 为了加强农村宅基地管理,根据《中华人民共和国物权法》和《浙江省土地管理条例》,制定本办法。"
    );
    assert_eq!(first["line"], 3);
    assert_eq!(first["recorded"], serde_json::Value::Null);
    assert_eq!(json["items"][7]["recorded"], "物权法");
    assert_eq!(json["totals"]["texts"], 2);
    // --id reads one; an unknown id is a usage error naming it.
    let one = t.run_with(&["scan", "--id", "b", "--format", "json"]).json();
    assert_eq!(one["items"].as_array().unwrap().len(), 2);
    t.run_with(&["scan", "--id", "zz"]).status(2).stderr_has("zz");
    // Scanning writes nothing.
    assert_eq!(t.read("documents/a.toml"), RECORD);
}

#[test]
fn apply_adds_only_what_is_missing_and_keeps_every_other_byte() {
    let t = register();
    let out = t.run_with(&["scan", "--apply"]);
    out.status(0).stdout_has("已写入 documents/a.toml: effective、expires、basis");
    let want = RECORD.replace(
        "doc_number = \"永政发〔2006〕3号\"\r\n",
        "doc_number = \"永政发〔2006〕3号\"\r\neffective = 2006-06-01\r\nexpires = 2011-05-31\r\n",
    );
    let want = want.replace("subject = \"农村宅基地\"\r\n", "subject = \"农村宅基地\"\r\nbasis = [\"物权法\"]\r\n");
    assert_eq!(t.read("documents/a.toml"), want);
    // b has its own effective, which the text contradicts: never overwritten,
    // and the file is not even rewritten (the same inode).
    assert!(t.read("documents/b.toml").contains("effective = 2008-02-01\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = || std::fs::metadata(t.path().join("documents/b.toml")).unwrap().ino();
        let before = inode();
        t.run_with(&["scan", "--apply", "--id", "b"]).status(0);
        assert_eq!(inode(), before, "documents/b.toml was rewritten with the same bytes");
    }
    assert!(!out.stdout.contains("documents/b.toml"), "{}", out.stdout);
    // Again: nothing left to write.
    let again = t.run_with(&["scan", "--apply", "--format", "json"]);
    again.status(0);
    assert_eq!(again.json()["applied"], serde_json::json!([]));
    assert_eq!(t.read("documents/a.toml"), want);
    // What was written is what `check` now agrees with.
    let check = t.run_with(&["check", "--format", "json"]).json();
    let codes: Vec<(&str, &str)> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    // With its basis known, the engine now sees that 物权法 was repealed:
    // the recorded 保留 disagrees with the rules. The text's own warnings
    // are left for b alone, whose recorded date `--apply` did not touch.
    assert_eq!(codes, [("disagreement", "documents/a.toml"), ("text-date-differs", "documents/b.txt")]);
}

#[test]
fn apply_refuses_a_record_that_no_longer_parses() {
    let t = register().write("documents/a.toml", "title = \n");
    let out = t.run_with(&["scan", "--apply"]);
    assert_eq!(t.read("documents/a.toml"), "title = \n");
    // The broken record is named, not silently skipped.
    out.stderr_has("documents/a.toml");
}

#[test]
fn check_warns_of_a_basis_not_recorded_with_the_sentence() {
    let t = register();
    let out = t.run_with(&["check"]);
    out.status(0)
        .stdout_has("documents/a.txt:3:1: 警告[basis-not-recorded]: 依据条款引用《物权法》,记录 `documents/a.toml` 的 basis 中没有:「第一条 为了加强农村宅基地管理")
        .stdout_has("警告[text-date-differs]: 文本的施行日期是 2006-06-01,记录 `documents/a.toml` 的施行日期是 2006-05-01(未写 effective 时即印发日期)")
        .stdout_has("警告[text-date-differs]: 文本的有效期至 2011-05-31,记录 `documents/a.toml` 未写有效期(expires)")
        .stdout_has("文本的施行日期是 2008-03-01,记录 `documents/b.toml` 的施行日期是 2008-02-01\n");
    t.run_with(&["check", "--deny", "basis-not-recorded"]).status(1);
    t.run_with(&["check", "--allow", "basis-not-recorded", "--allow", "text-date-differs"])
        .status(0)
        .stdout_has("0 个警告");
}

#[test]
fn explain_quotes_the_review_points_and_keeps_the_verdict() {
    let t = register();
    let plain = Test::new().write("documents/a.toml", RECORD);
    let with = t.run_with(&["review", "--explain", "a", "--as-of", "2007-01-01"]);
    with.status(0)
        .stdout_has("文本中的审查要点(qingli scan 读出,仅供参考,不改变上面的结论):")
        .stdout_has(
            "  第三条 《民法典》:「第三条 违反本办法的,依照《中华人民共和国民法典》处理,并处10…」\n  第三条 罚款:",
        )
        .stdout_has("  文本与记录不同: 依据条款引用《物权法》");
    let without = plain.run_with(&["review", "--explain", "a", "--as-of", "2007-01-01"]);
    let before_points = with.stdout.split("\n文本中的审查要点").next().unwrap();
    assert_eq!(before_points, without.stdout);
}

#[test]
fn a_text_that_cannot_be_read_is_named() {
    let gbk = encoding_rs::GBK.encode("永嘉县河道管理办法\n\n第一条 根据《物权法》,制定本办法。\n").0.into_owned();
    let t = register().write_bytes("documents/b.txt", &gbk);
    let json = t.run_with(&["scan", "--format", "json"]).json();
    assert_eq!(json["totals"]["unreadable"], 1);
    assert_eq!(json["unreadable"][0]["file"], "documents/b.txt");
    t.run_with(&["scan"])
        .status(0)
        .stdout_has("documents/b.txt  《永嘉县河道管理办法》\n  无法读取: 文本不是有效的 UTF-8")
        .stdout_has("(另有 1 件无法读取)");
}

//! `qingli site` with document texts: a public text on its page with its
//! articles anchored, a repealed document's text marked as such, texts not
//! actively disclosed absent from every page and from the search data, an
//! unreadable text named, the same bytes whatever the threads; and in a
//! real browser, a search that finds a sentence of a text and opens its
//! article.

use std::path::{Path, PathBuf};

use crate::support::{Test, have};

const CONFIG: &str = "[register]\nname = \"测试县规范性文件库\"\n\n[campaign]\nname = \"2007年行政规范性文件清理\"\nas_of = 2007-10-31\nmade_before = 2007-07-01\n";

fn record(title: &str, number: &str, decision: &str, disclosure: Option<&str>) -> String {
    let disclosure = match disclosure {
        Some("不予公开") => "disclosure = \"不予公开\"\ndisclosure_reason = \"涉及国家秘密\"\n".to_owned(),
        Some(d) => format!("disclosure = \"{d}\"\n"),
        None => String::new(),
    };
    format!(
        "title = \"{title}\"\nissuer = \"永嘉县人民政府\"\nissued = 2005-01-01\ndoc_number = \"{number}\"\n{disclosure}[review]\ndecision = \"{decision}\"\nreason = \"经审查\"\n"
    )
}

/// A text in the register's form: the title, then paragraphs.
fn text(title: &str, paras: &[&str]) -> String {
    format!("{title}\n\n{}\n", paras.join("\n\n"))
}

/// Words only the texts that may not be published hold.
const SECRET: &str = "鹮鹳鸊鹈栖息地";
const WITHHELD: &str = "鼋鼍鳄鱼养殖场";

fn reg() -> Test {
    Test::new()
        .write("qingli.toml", CONFIG)
        .write("documents/keep.toml", &record("永嘉县河道采砂管理办法", "永政发〔2005〕1号", "保留", None))
        .write(
            "documents/keep.txt",
            &text(
                "永嘉县河道采砂管理办法",
                &[
                    "第一章 总则",
                    "第一条 为了加强河道采砂管理，根据《中华人民共和国水法》，制定本办法。",
                    "第二条 本办法适用于本县行政区域内的河道。",
                    "第三条 县水利局负责河道采砂的监督管理。",
                    "第四条 采砂实行总量控制。",
                    "第五条 在禁采区内采砂的，由县水利局责令停止违法行为，没收违法所得。",
                    "采砂量\t处理\n100吨以下\t警告",
                    "附件：申请须知",
                    "第一条 申请人应当提交材料。",
                ],
            ),
        )
        .write("documents/repeal.toml", &record("关于旧采砂事项的通知", "永政发〔2005〕3号", "废止", None))
        .write("documents/repeal.txt", &text("关于旧采砂事项的通知", &["一、采砂船舶应当登记。"]))
        .write("documents/secret.toml", &record("关于湿地保护的通知", "永政发〔2005〕4号", "保留", Some("依申请公开")))
        .write("documents/secret.txt", &text("关于湿地保护的通知", &[&format!("一、{SECRET}禁止采砂。")]))
        .write("documents/withheld.toml", &record("关于养殖管理的通知", "永政发〔2005〕5号", "保留", Some("不予公开")))
        .write("documents/withheld.txt", &text("关于养殖管理的通知", &[&format!("一、{WITHHELD}应当登记。")]))
        .write(
            "documents/water.toml",
            "title = \"关于水利工程的通知\"\nissuer = \"县水利局\"\nissued = 2005-03-01\n[review]\ndecision = \"保留\"\nreason = \"经审查\"\n",
        )
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        walkdir::WalkDir::new(dir).into_iter().map(|e| e.unwrap().into_path()).filter(|p| p.is_file()).collect();
    out.sort();
    out
}

#[test]
fn a_public_text_is_on_its_page_with_its_articles_anchored() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let page = std::fs::read_to_string(t.path().join("site/docs/2005/keep.html")).unwrap();
    assert!(
        page.contains("<h2 id=\"text-h\">正文</h2>") && page.contains("<a href=\"#text-h\">阅读正文</a>"),
        "{page}"
    );
    assert!(page.contains("<h3 class=\"chapter\">第一章 总则</h3>"), "{page}");
    assert!(
        page.contains(
            "<p id=\"第五条\" class=\"article\"><a class=\"art\" href=\"#第五条\">第五条</a> 在禁采区内采砂的"
        ),
        "{page}"
    );
    assert!(page.contains("<p id=\"第一条-2\" class=\"article\">"), "an attachment's 第一条 has an anchor of its own");
    assert!(page.contains("<tr><td>采砂量</td><td>处理</td></tr><tr><td>100吨以下</td><td>警告</td></tr>"), "{page}");
    assert_eq!(
        page.matches("永嘉县河道采砂管理办法").count(),
        2,
        "the title is in <title> and <h1>, not repeated above the text"
    );
    assert!(!page.contains("class=\"text-note\""), "a text in force needs no note: {page}");
    // A repealed document says so above its text.
    let repealed = std::fs::read_to_string(t.path().join("site/docs/2005/repeal.html")).unwrap();
    let note = repealed.find("本文件已废止,不再作为行政管理的依据;下面的文本仅供查阅。").expect("the note");
    assert!(note < repealed.find("<div class=\"text\">").unwrap() && repealed.contains("一、采砂船舶应当登记。"));
}

#[test]
fn a_text_not_actively_disclosed_is_nowhere_on_the_site() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    for (page, note) in [
        ("docs/2005/secret.html", "本文件的公开方式为依申请公开,文本不在本站公布;需要时可向制定机关申请公开。"),
        ("docs/2005/withheld.html", "本文件不予公开,文本不在本站公布。"),
    ] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains(note) && !html.contains("<div class=\"text\">"), "{html}");
        assert!(html.contains("永政发〔2005〕"), "the catalogue facts are there");
    }
    // Not a sentence, not a pair of its characters: the index keys on pairs.
    let pairs = |s: &str| -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| w.iter().collect()).collect()
    };
    let mut searched = 0;
    for file in files(&site) {
        let body = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert!(!body.contains(SECRET) && !body.contains(WITHHELD), "{}", file.display());
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("t-") {
            searched += 1;
            for p in pairs(SECRET).into_iter().chain(pairs(WITHHELD)) {
                assert!(!body.contains(&format!("\"{p}\"")), "{p} in {}", file.display());
            }
            assert!(body.contains("\"采砂\""), "the public texts are indexed");
        }
    }
    assert!(searched > 0);
    assert!(!site.join("assets/search/docs/2005/secret.js").exists());
    assert!(site.join("assets/search/docs/2005/keep.js").exists());
    // Their titles are in the catalogue and searched as titles.
    let rows = std::fs::read_to_string(site.join("assets/search/rows-0.js")).unwrap();
    assert!(rows.contains("关于湿地保护的通知"));
}

#[test]
fn an_unreadable_text_is_named_and_its_page_says_there_is_none() {
    let t = reg().write_bytes("documents/keep.txt", b"\xd3\xc0\xbc\xce\xcf\xd8\n\n\xb5\xda\xd2\xbb\xcc\xf5\n");
    t.run_with(&["site", "--out", "site"])
        .status(0)
        .stderr_has("警告: 1 件文件的文本无法读取")
        .stderr_has("documents/keep.txt");
    let page = std::fs::read_to_string(t.path().join("site/docs/2005/keep.html")).unwrap();
    assert!(page.contains("本站尚未收录本文件的文本。") && !page.contains("<div class=\"text\">"), "{page}");
}

#[test]
fn texts_give_the_same_bytes_whatever_the_threads() {
    let t = reg();
    let one = t.run_with(&["site", "--out", "one"]);
    one.status(0);
    let mut two = std::process::Command::new(env!("CARGO_BIN_EXE_qingli"));
    two.current_dir(t.path()).env("RAYON_NUM_THREADS", "1").args(["site", "--out", "two"]);
    assert!(two.output().unwrap().status.success());
    let (a, b) = (files(&t.path().join("one")), files(&t.path().join("two")));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        if x.file_name().unwrap() != ".qingli-site" {
            assert_eq!(std::fs::read(x).unwrap(), std::fs::read(y).unwrap(), "{}", x.display());
        }
    }
}

/// Runs `tests/browser/text_check.py` over `site` (None: no browser here).
fn browse(site: &Path, query: &str, page: &str, anchor: &str, hidden: &str, issuer: &str) -> Option<serde_json::Value> {
    let need = "QINGLI_REQUIRE_CHROMIUM";
    if !(have("chromium", need) && have("chromedriver", need) && have("python3", need)) {
        eprintln!("chromium/chromedriver not installed: skipped");
        return None;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/text_check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([site.to_str().unwrap(), query, page, anchor, hidden, issuer])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn a_browser_finds_a_sentence_of_a_text_and_opens_its_article() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    // 没收 is in keep's text only, not in any title.
    let Some(seen) = browse(&site, "没收违法", "docs/2005/keep.html", "第五条", "docs/2005/secret.html", "县水利局")
    else {
        return;
    };
    assert_eq!(seen["count"], "找到 1 件:名称、文号或制定机关含“没收违法”的 0 件,正文含有的 1 件", "{seen}");
    assert_eq!(seen["rows"], serde_json::json!(["永嘉县河道采砂管理办法"]));
    let hit = &seen["hits"][0];
    assert_eq!(hit[1], "第五条 在禁采区内采砂的,由县水利局责令停止违法行为,没收违法所得。".replace(',', "\u{FF0C}"));
    assert_eq!(hit[2], "没收违法", "the words found are marked");
    assert_eq!(seen["first_hit_href"], "docs/2005/keep.html#第五条");
    assert_eq!(seen["target"][0], "第五条");
    assert_eq!(seen["target_in_view"], true);
    let w = &seen["width_390"];
    assert!(w[0].as_u64() <= w[1].as_u64(), "the text page overflows at 390 px: {w}");
    assert!(seen["font_px"].as_f64().unwrap() >= 15.0, "{seen}");
    assert_eq!(seen["hidden_has_text"], false);
    assert!(seen["hidden_note"].as_str().unwrap().contains("文本不在本站公布"));
    // A filter alone lists the rows it keeps (their values from facets.js).
    assert_eq!(seen["filter_count"], "找到 1 件(共 4 件)", "{seen}");
    assert_eq!(seen["filter_rows"], serde_json::json!(["关于水利工程的通知"]));
    for k in ["index_errors", "text_errors", "hidden_errors", "filter_errors"] {
        assert_eq!(seen[k], serde_json::json!([]), "{k}");
    }
    // Only what the search needs was loaded: index shards, a chunk of rows,
    // the one text.
    let fetched: Vec<&str> = seen["fetched"].as_array().unwrap().iter().map(|f| f[0].as_str().unwrap()).collect();
    assert!(fetched.contains(&"assets/search/docs/2005/keep.js") && !fetched.iter().any(|f| f.contains("repeal")));
    // A text not actively disclosed is not found by its words.
    let seen = browse(&site, SECRET, "docs/2005/keep.html", "第一条", "docs/2005/withheld.html", "-").unwrap();
    assert_eq!(seen["count"], format!("找到 0 件:名称、文号或制定机关含“{SECRET}”的 0 件,正文含有的 0 件"));
    assert_eq!(seen["hits"], serde_json::json!([]));
}

#[test]
fn control_characters_in_a_text_are_made_visible_everywhere() {
    let t = reg().write("documents/keep.txt", "永嘉县河道采砂管理办法\n\n第一条 采砂\u{202e}应当\u{7}申请。\n");
    t.run_with(&["site", "--out", "site"]).status(0);
    for file in ["site/docs/2005/keep.html", "site/assets/search/docs/2005/keep.js"] {
        let body = std::fs::read_to_string(t.path().join(file)).unwrap();
        assert!(!body.contains('\u{202e}') && !body.contains('\u{7}'), "{file}: {body}");
        assert!(body.contains("采砂\u{FFFD}应当\u{FFFD}申请"), "{file}: {body}");
    }
}

#[test]
fn a_catalogue_with_nothing_in_force_is_searched_without_error() {
    let t = Test::new()
        .write("qingli.toml", CONFIG)
        .write("documents/gone.toml", &record("关于旧采砂事项的通知", "永政发〔2005〕3号", "废止", None))
        .write("documents/gone.txt", &text("关于旧采砂事项的通知", &["第一条 采砂船舶应当登记。"]));
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    let Some(seen) = browse(&site, "采砂", "docs/2005/gone.html", "第一条", "docs/2005/gone.html", "-") else {
        return;
    };
    assert_eq!(seen["count"], "找到 0 件:名称、文号或制定机关含“采砂”的 0 件", "{seen}");
    assert_eq!(seen["index_errors"], serde_json::json!([]));
    assert_eq!(seen["target"][0], "第一条", "the repealed document's page has its text");
}

#[test]
fn more_results_are_shown_on_request() {
    let mut t = Test::new().write("qingli.toml", CONFIG);
    for i in 0..25 {
        t = t.write(
            &format!("documents/t{i:02}.toml"),
            &record(&format!("关于采砂管理的通知{i}"), &format!("永政发〔2005〕{}号", i + 10), "保留", None),
        );
    }
    for i in 0..15 {
        let title = format!("关于河道事项的通知{i}");
        t = t
            .write(
                &format!("documents/x{i:02}.toml"),
                &record(&title, &format!("永政发〔2005〕{}号", i + 50), "保留", None),
            )
            .write(
                &format!("documents/x{i:02}.txt"),
                &text(&title, &["第一条 禁止采砂作业。", "第二条 本通知自印发之日起施行。"]),
            );
    }
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    let page = "docs/2005/x00.html";
    // Titles: 20 shown, the other 5 on request.
    let Some(seen) = browse(&site, "采砂管理", page, "第一条", page, "-") else { return };
    assert_eq!(seen["rows"].as_array().unwrap().len(), 20, "{seen}");
    assert_eq!(seen["more_visible"], true);
    assert_eq!(seen["rows_more"], 25);
    assert_eq!(seen["more_visible_after"], false);
    // Texts: 12 confirmed for the first page, the other 3 on request.
    let seen = browse(&site, "禁止采砂", page, "第一条", page, "-").unwrap();
    assert_eq!(
        seen["count"],
        "找到 12 件以上:名称、文号或制定机关含“禁止采砂”的 0 件,正文含有的 12 件(另有 3 件待核对,点“显示更多”继续)",
        "{seen}"
    );
    assert_eq!(seen["hits"].as_array().unwrap().len(), 12);
    assert_eq!(seen["hits_more"], 15);
    assert_eq!(seen["count_more"], "找到 15 件:名称、文号或制定机关含“禁止采砂”的 0 件,正文含有的 15 件");
    assert_eq!(seen["more_visible_after"], false);
}

//! `qingli site`: links that resolve, nothing fetched from elsewhere,
//! hostile text shown as text, the in-force list, stale files, safety of
//! the output folder, determinism, and a real browser.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{Test, have, run_in};

const CONFIG: &str = "[register]\nname = \"测试县规范性文件库\"\n\n[campaign]\nname = \"2007年行政规范性文件清理\"\nas_of = 2007-10-31\nmade_before = 2007-07-01\n";

const HOSTILE: &str = "<script>alert(1)</script>\\\"><img src=x onerror=alert(2)>";

fn decided(title: &str, number: &str, unit: &str, decision: &str) -> String {
    format!(
        "title = \"{title}\"\nissuer = \"永嘉县人民政府\"\nissued = 2005-01-01\ndoc_number = \"{number}\"\nresponsible_unit = \"{unit}\"\n[review]\ndecision = \"{decision}\"\nreason = \"经审查\"\n"
    )
}

fn reg() -> Test {
    Test::new()
        .write("qingli.toml", CONFIG)
        .write("documents/keep.toml", &decided("关于加强水资源管理的通知", "永政发〔2005〕1号", "县水利局", "保留"))
        .write("documents/amend.toml", &decided("永嘉县河道管理办法", "永政发[2005]2号", "县水利局", "修改"))
        .write("documents/repeal.toml", &decided("关于旧事项的通知", "永政发〔2005〕3号", "县财政局", "废止"))
        .write(
            "documents/hostile.toml",
            &format!("title = \"{HOSTILE}\"\nissuer = \"县政府\"\nissued = 2006-01-01\n[review]\ndecision = \"保留\"\n"),
        )
        // Made after the campaign, in force: listed too.
        .write(
            "documents/new.toml",
            "title = \"关于新事项的通知\"\nissuer = \"县政府\"\nissued = 2007-08-01\ndoc_number = \"永政发〔2007〕9号\"\n",
        )
        // Repealed earlier, replaced by the new one.
        .write(
            "documents/old.toml",
            "title = \"关于更早事项的通知\"\nissuer = \"县政府\"\nissued = 1999-01-01\nsuperseded_by = \"永政发〔2007〕9号\"\n\n[[event]]\ndate = 2007-08-01\ntype = \"废止\"\nnote = \"被新文件替代\"\n",
        )
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        walkdir::WalkDir::new(dir).into_iter().map(|e| e.unwrap().into_path()).filter(|p| p.is_file()).collect();
    out.sort();
    out
}

/// Every `href="…"` and `src="…"` value of a page (entities decoded).
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&").replace("&#x2f;", "/").replace("&#47;", "/"));
            rest = &rest[end..];
        }
    }
    out
}

/// Whether any tag has an `on…=` attribute (text between tags cannot hold
/// a raw `<`, so splitting at `<` finds every tag).
fn has_event_attribute(html: &str) -> bool {
    html.split('<').skip(1).any(|tag| {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        tag.split_whitespace().skip(1).any(|attr| {
            let name = attr.split('=').next().unwrap_or("").to_ascii_lowercase();
            name.starts_with("on") && name.len() > 2 && attr.contains('=')
        })
    })
}

#[test]
fn every_link_resolves_and_nothing_comes_from_elsewhere() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0).stdout_has("现行有效 4 件");
    let site = t.path().join("site");
    let pages: Vec<PathBuf> = files(&site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert_eq!(pages.len(), 3 + 6, "index, 清理结果, 统计 and one page per document");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "{}", page.display());
        assert!(html.contains("content=\"default-src 'self';"), "CSP in {}", page.display());
        assert!(html.contains("name=\"viewport\""));
        assert!(!has_event_attribute(&html), "inline handler in {}", page.display());
        for url in urls(&html) {
            assert!(!url.contains("://") && !url.starts_with("//"), "{url} in {}", page.display());
            if url.starts_with('#') {
                continue;
            }
            let target = page.parent().unwrap().join(url.split('#').next().unwrap());
            assert!(target.is_file(), "{url} in {} → {}", page.display(), target.display());
        }
    }
    // A canonical address only when one is given.
    assert!(!std::fs::read_to_string(site.join("index.html")).unwrap().contains("rel=\"canonical\""));
    t.run_with(&["site", "--out", "site", "--base-url", "https://www.example.gov.cn/gfxwj/"]).status(0);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap().replace("&#x2f;", "/");
    assert!(index.contains("<link rel=\"canonical\" href=\"https://www.example.gov.cn/gfxwj/index.html\">"));
    t.run_with(&["site", "--out", "site", "--base-url", "javascript:alert(1)"]).status(2).stderr_has("--base-url");
    // --title names the site on every page; the default is the register's name.
    assert!(index.contains("<title>现行有效的行政规范性文件目录 - 测试县规范性文件库</title>"), "{index}");
    t.run_with(&["site", "--out", "site", "--title", "某县规范性文件数据库"]).status(0);
    let doc = std::fs::read_to_string(site.join("docs/2005/keep.html")).unwrap();
    assert!(doc.contains("- 某县规范性文件数据库</title>") && doc.contains(">某县规范性文件数据库</a>"), "{doc}");
}

#[test]
fn hostile_titles_are_text() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    for page in files(&site) {
        let text = std::fs::read_to_string(&page).unwrap();
        assert!(!text.contains("<script>alert"), "{}", page.display());
        assert!(!text.contains("<img src=x"), "{}", page.display());
    }
    let doc = std::fs::read_to_string(site.join("docs/2006/hostile.html")).unwrap();
    assert!(
        doc.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</h1>"),
        "{doc}"
    );
    // The search rows are one call with JSON that cannot end a <script>
    // element, in scripts of their own (not in the page).
    let data = std::fs::read_to_string(site.join("assets/search/rows-0.js")).unwrap();
    let json = data.strip_prefix("qingliRows(0,").unwrap().strip_suffix(");\n").unwrap();
    assert!(!json.contains('<'));
    let rows: Vec<Vec<String>> = serde_json::from_str(json).unwrap();
    assert!(rows.iter().any(|r| r[1] == HOSTILE.replace("\\\"", "\"")));
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("data-base=\"assets/search/\"") && !index.contains("qingliRows"), "{index}");
}

#[test]
fn in_force_is_the_catalogue_plus_newer_documents() {
    let t = reg();
    t.run_with(&["catalog", "--out", "cat"]).status(0);
    let csv = std::fs::read_to_string(t.path().join("cat/现行有效目录.csv")).unwrap();
    let catalogue = csv.lines().count() - 1;
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let rows = index.matches("<tr><td data-label=\"序号\">").count();
    assert_eq!(rows, catalogue + 1, "保留 + 修改 + the one made after the campaign");
    assert!(
        index.contains("关于新事项的通知")
            && !index.contains("关于旧事项的通知")
            && !index.contains("关于更早事项的通知")
    );
    assert!(index.contains("现行有效(待修改)"));
    // The repealed document says why, and links to what replaced it (and back).
    let old = std::fs::read_to_string(site.join("docs/1999/old.html")).unwrap();
    assert!(old.contains("已废止") && old.contains("被《关于新事项的通知》替代"), "{old}");
    assert!(old.contains("<a href=\"../2007/new.html\">《关于新事项的通知》</a>"));
    let new = std::fs::read_to_string(site.join("docs/2007/new.html")).unwrap();
    assert!(new.contains("替代了:<a href=\"../1999/old.html\">《关于更早事项的通知》</a>"), "{new}");
    // 清理结果.html carries the counts sentence of 清理结果.md.
    let md = std::fs::read_to_string(t.path().join("cat/清理结果.md")).unwrap();
    let sentence = md.lines().find(|l| l.contains("现将保留的")).unwrap();
    let result = std::fs::read_to_string(site.join("清理结果.html")).unwrap();
    assert!(result.contains(&sentence[sentence.find("现将").unwrap()..]));
    // Charts have titles and data tables.
    let stats = std::fs::read_to_string(site.join("统计.html")).unwrap();
    assert_eq!(stats.matches("<svg ").count(), 3);
    assert_eq!(stats.matches("<title id=").count(), 3);
    assert_eq!(stats.matches("<summary>数据表</summary>").count(), 3);
}

#[test]
fn byte_identical_whatever_the_thread_count() {
    let t = reg();
    for n in ["1", "2", "8"] {
        let args: Vec<String> =
            ["site", "--out", &format!("s{n}"), "--with-catalog"].iter().map(|s| (*s).to_string()).collect();
        run_in(t.path(), &args, &[("RAYON_NUM_THREADS".into(), n.into())]).status(0);
    }
    let one = files(&t.path().join("s1"));
    for n in ["2", "8"] {
        let other = files(&t.path().join(format!("s{n}")));
        assert_eq!(one.len(), other.len());
        for (a, b) in one.iter().zip(&other) {
            assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap(), "{}", a.display());
        }
    }
}

#[test]
fn stale_pages_go_and_nothing_else_is_touched() {
    let t = reg();
    t.run_with(&["site", "--out", "site", "--with-catalog"]).status(0).stdout_has("清理结果页提供下载");
    let site = t.path().join("site");
    let result = std::fs::read_to_string(site.join("清理结果.html")).unwrap();
    for f in ["附件1-保留目录.csv", "清理结果.xlsx"] {
        assert!(site.join(f).is_file() && result.contains(&format!("href=\"{f}\"")), "{f}");
    }
    // The Word notice and the Markdown are internal: only with --with-notice.
    for f in ["清理结果通知.docx", "清理结果.md"] {
        assert!(!site.join(f).exists() && !result.contains(f), "{f}");
    }
    // Someone's own file in the folder, and a document that goes away.
    std::fs::write(site.join("说明.txt"), "自己的文件").unwrap();
    std::fs::remove_file(t.path().join("documents/repeal.toml")).unwrap();
    t.run_with(&["site", "--out", "site"]).status(0).stdout_has("已删除上次生成、本次不再需要的");
    assert!(!site.join("docs/2005/repeal.html").exists());
    assert!(site.join("说明.txt").is_file(), "not ours: kept");
    assert!(!site.join("清理结果.xlsx").exists(), "ours, not produced this time: removed");
    // A marker that lists paths outside the folder never removes them.
    std::fs::write(t.path().join("victim.txt"), "x").unwrap();
    std::fs::write(site.join(".qingli-site"), "# qingli site\n../victim.txt\n/etc/hostname\n").unwrap();
    t.run_with(&["site", "--out", "site"]).status(0);
    assert!(t.path().join("victim.txt").is_file());
    // A folder that is not ours is refused; nothing is written into it.
    std::fs::create_dir(t.path().join("mine")).unwrap();
    std::fs::write(t.path().join("mine/index.html"), "我的主页").unwrap();
    t.run_with(&["site", "--out", "mine"]).status(2).stderr_has("不是 qingli 生成的网站");
    assert_eq!(std::fs::read_to_string(t.path().join("mine/index.html")).unwrap(), "我的主页");
    assert_eq!(files(&t.path().join("mine")).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_linked_pages_folder_is_refused() {
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let site = t.path().join("site");
    std::fs::remove_dir_all(site.join("docs")).unwrap();
    std::fs::create_dir(t.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(t.path().join("elsewhere"), site.join("docs")).unwrap();
    t.run_with(&["site", "--out", "site"]).status(2).stderr_has("是链接或文件");
    assert_eq!(std::fs::read_dir(t.path().join("elsewhere")).unwrap().count(), 0);
}

#[test]
fn errors_refuse_or_are_named_in_a_draft() {
    let t = reg().write("documents/broken.toml", "title = \"关于坏记录的通知\"\nissued = 2005-13-01\n");
    t.run_with(&["site", "--out", "site"]).status(1).stderr_has("broken");
    assert!(!t.path().join("site/index.html").exists());
    t.run_with(&["site", "--out", "site", "--allow-errors"]).status(0);
    let index = std::fs::read_to_string(t.path().join("site/index.html")).unwrap();
    assert!(index.contains("未能评估的文件(1 件)") && index.contains("broken.toml"), "{index}");
}

/// The list of records left out is on the front page and 清理结果; every
/// other page says how many and links there, so a draft of a province
/// register with thousands of broken records does not repeat the list on
/// each of a million pages.
#[test]
fn a_draft_lists_broken_records_once_and_links_to_them_elsewhere() {
    let t = reg()
        .write("documents/broken.toml", "title = \"关于坏记录的通知\"\nissued = 2005-13-01\n")
        .write("documents/broken2.toml", "title = \"关于另一坏记录的通知\"\nissued = 2005-14-01\n");
    t.run_with(&["site", "--out", "site", "--allow-errors"]).status(0);
    let read = |p: &str| std::fs::read_to_string(t.path().join("site").join(p)).unwrap();
    for full in ["index.html", "清理结果.html"] {
        let page = read(full);
        assert!(page.contains("未能评估的文件(2 件)"), "{full}: {page}");
        assert!(page.contains("broken.toml") && page.contains("broken2.toml"), "{full}: {page}");
    }
    let docs = t.path().join("site/docs");
    let doc_page = files(&docs).into_iter().find(|p| p.extension().is_some_and(|e| e == "html")).unwrap();
    for (name, page) in [
        ("统计.html".to_owned(), read("统计.html")),
        (doc_page.display().to_string(), std::fs::read_to_string(&doc_page).unwrap()),
    ] {
        assert!(page.contains("未能评估的文件 2 件"), "{name}: {page}");
        assert!(page.contains("index.html#excluded-h"), "{name}: {page}");
        assert!(!page.contains("broken.toml"), "{name}: {page}");
    }
}

#[test]
fn a_long_catalogue_is_paged_and_searched_from_page_one() {
    let mut t = Test::new().write("qingli.toml", "[register]\nname = \"大登记簿\"\n");
    for i in 0..1_005 {
        t = t.write(
            &format!("documents/d{i:04}.toml"),
            &format!("title = \"文件{i}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n"),
        );
    }
    t.run_with(&["site", "--out", "site"]).status(0).stdout_has("现行有效 1005 件");
    let site = t.path().join("site");
    let one = std::fs::read_to_string(site.join("index.html")).unwrap();
    let two = std::fs::read_to_string(site.join("index-2.html")).unwrap();
    assert_eq!(
        (one.matches("<tr><td data-label=\"序号\">").count(), two.matches("<tr><td data-label=\"序号\">").count()),
        (1_000, 5)
    );
    assert!(one.contains("data-base=\"assets/search/\"") && !two.contains("data-base="));
    // All 1,005 rows are searched from page one, in chunks of 20; the page
    // itself holds its 1,000.
    let chunks: usize = (0..51)
        .map(|c| {
            std::fs::read_to_string(site.join(format!("assets/search/rows-{c}.js")))
                .unwrap()
                .matches("[\"docs/")
                .count()
        })
        .sum();
    assert_eq!(chunks, 1_005);
    assert!(!site.join("assets/search/rows-51.js").exists());
    assert!(one.len() < 400_000, "{}", one.len());
    assert!(two.contains("<a href=\"index.html\">在第 1 页搜索全部文件</a>"));
    assert_eq!(
        urls(&one).into_iter().filter(|u| u.starts_with("index")).collect::<BTreeSet<_>>(),
        BTreeSet::from(["index.html".to_owned(), "index-2.html".to_owned()])
    );
    assert!(two.contains("<span aria-current=\"page\">2</span>"));
    // 清理结果.html lists the first 1,000 rows of each annex; the rest go on
    // continuation pages (a province's annex would make a page nobody can open).
    let result = std::fs::read_to_string(site.join("清理结果.html")).unwrap();
    assert_eq!(result.matches("<tr><td data-label=\"序号\">").count(), 1_000, "first page of 附件1 only");
    assert!(result.contains("附件1 保留的行政规范性文件目录(1005 件)"), "the heading counts the whole annex");
    assert!(result.contains("<a href=\"清理结果-附件1-2.html\">2</a>"), "a pager to the rest");
    let rest = std::fs::read_to_string(site.join("清理结果-附件1-2.html")).unwrap();
    assert_eq!(rest.matches("<tr><td data-label=\"序号\">").count(), 5);
    assert!(
        rest.contains("<tr><td data-label=\"序号\">1001</td>")
            && rest.contains("<tr><td data-label=\"序号\">1005</td>"),
        "numbering continues"
    );
    assert!(rest.contains("附件1 保留的行政规范性文件目录(1005 件)") && rest.contains("第 1001–1005 件"));
    assert!(
        rest.contains("<a href=\"清理结果.html#annex-1\">1</a>") && rest.contains("aria-current=\"page\">2</span>")
    );
    for page in [&result, &rest] {
        for url in urls(page).into_iter().filter(|u| !u.starts_with('#')) {
            assert!(site.join(url.split('#').next().unwrap()).is_file(), "{url}");
        }
    }
}

#[test]
fn a_real_browser_searches_and_shows_hostile_text_as_text() {
    let need = "QINGLI_REQUIRE_CHROMIUM";
    if !(have("chromium", need) && have("chromedriver", need) && have("python3", need)) {
        eprintln!("chromium/chromedriver not installed: skipped");
        return;
    }
    let t = reg();
    t.run_with(&["site", "--out", "site"]).status(0);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/site_check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(t.path().join("site"))
        // Half-width brackets find the 〔〕 form.
        .arg("永政发[2005]")
        .arg("docs/2006/hostile.html")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["rows_before"], 4);
    assert_eq!(seen["search_visible"], true);
    let mut rows: Vec<&str> = seen["rows_after"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    rows.sort_unstable();
    assert_eq!(rows, ["关于加强水资源管理的通知", "永嘉县河道管理办法"]);
    assert_eq!(seen["count"], "找到 2 件:名称、文号或制定机关含“永政发[2005]”的 2 件");
    assert_eq!(seen["focused"], "q", "the search box takes the keyboard");
    assert_eq!(seen["hostile_h1"], HOSTILE.replace("\\\"", "\""));
    assert_eq!(seen["hostile_dialog"], serde_json::Value::Null, "no alert opened");
    assert_eq!(seen["hostile_images"], 0);
    for k in ["index_errors", "document_errors", "stats_errors", "errors_375"] {
        assert_eq!(seen[k], serde_json::json!([]), "{k}");
    }
    assert_eq!(seen["annex_reason_white_space"], "normal", "the annexes' 理由 column wraps");
    assert!(seen["stats_svgs"].as_u64().unwrap() > 0);
    for (page, w) in seen["widths_375"].as_object().unwrap() {
        assert!(w[0].as_u64() <= w[1].as_u64(), "{page} overflows at 375 px: {w}");
    }
}

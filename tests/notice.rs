//! `catalog --docx`: the 清理结果通知 as Word opens it — page geometry,
//! fonts, the counts sentence, 附件 pages and tables, `[notice]` settings,
//! drafts that say what is missing, escaping and determinism.

use std::io::Read;

use roxmltree::{Document, Node};

use crate::support::{Test, have};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONFIG: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nname = \"2007年行政规范性文件清理\"\nas_of = 2007-10-31\nmade_before = 2007-07-01\n";

/// Three decided documents (保留, 修改, 废止; none 失效) from two issuers.
fn reg(notice: &str) -> Test {
    let decided = |title: &str, number: &str, issuer: &str, decision: &str| {
        format!(
            "title = \"{title}\"\nissuer = \"{issuer}\"\nissued = 2005-01-01\ndoc_number = \"{number}\"\n[review]\ndecision = \"{decision}\"\nreason = \"经审查\"\n"
        )
    };
    Test::new()
        .write("qingli.toml", &format!("{CONFIG}{notice}"))
        .write("documents/a.toml", &decided("关于甲的通知", "永政发〔2005〕1号", "永嘉县人民政府", "保留"))
        .write("documents/b.toml", &decided("关于乙的通知", "永政发〔2005〕2号", "永嘉县人民政府", "修改"))
        .write("documents/c.toml", &decided("关于丙的通知", "永水〔2005〕3号", "永嘉县水利局", "废止"))
}

/// The parts of a written .docx.
struct Docx {
    document: String,
    styles: String,
    settings: String,
    footers: [String; 2],
}

fn open(path: &std::path::Path) -> Docx {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap_or_else(|_| panic!("{name}")).read_to_string(&mut s).unwrap();
        // Every part is well-formed XML.
        Document::parse(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        s
    };
    for p in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "word/fontTable.xml",
    ] {
        part(p);
    }
    Docx {
        document: part("word/document.xml"),
        styles: part("word/styles.xml"),
        settings: part("word/settings.xml"),
        footers: [part("word/footer1.xml"), part("word/footer2.xml")],
    }
}

fn w<'a>(n: Node<'a, '_>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn attr<'a>(n: Node<'a, '_>, name: &str) -> &'a str {
    n.attribute((W, name)).unwrap_or_else(|| panic!("w:{name} on {:?}", n.tag_name()))
}

/// The text of a paragraph (or any node).
fn text(n: Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect()
}

fn style_of<'a>(p: Node<'a, 'a>) -> &'a str {
    w(p, "pPr").and_then(|pp| w(pp, "pStyle")).map_or("", |s| attr(s, "val"))
}

fn write(t: &Test, extra: &[&str]) -> Docx {
    let mut args = vec!["catalog", "--out", "out", "--docx"];
    args.extend_from_slice(extra);
    t.run_with(&args).status(0).stdout_has("清理结果通知.docx");
    open(&t.path().join("out/清理结果通知.docx"))
}

#[test]
fn page_fonts_and_numbers_follow_gb_t_9704() {
    let d = write(&reg(""), &[]);
    let doc = Document::parse(&d.document).unwrap();
    let sect = doc.descendants().find(|n| n.has_tag_name((W, "sectPr"))).unwrap();
    let size = w(sect, "pgSz").unwrap();
    assert_eq!((attr(size, "w"), attr(size, "h")), ("11906", "16838"), "A4 portrait");
    let m = w(sect, "pgMar").unwrap();
    // 37 mm, 28 mm, 26 mm, 35 mm in twips.
    assert_eq!(
        [attr(m, "top"), attr(m, "left"), attr(m, "right"), attr(m, "bottom")],
        ["2098", "1587", "1474", "1984"]
    );
    let grid = w(sect, "docGrid").unwrap();
    assert_eq!((attr(grid, "type"), attr(grid, "linePitch")), ("lines", "579"), "22 lines of 28.95 pt");
    // Both footers are used, odd pages on the right and even on the left.
    let refs: Vec<&str> =
        sect.children().filter(|n| n.has_tag_name((W, "footerReference"))).map(|n| attr(n, "type")).collect();
    assert_eq!(refs, ["default", "even"]);
    assert!(d.settings.contains("<w:evenAndOddHeaders/>"));
    for (footer, side) in d.footers.iter().zip(["right", "left"]) {
        let f = Document::parse(footer).unwrap();
        let p = f.descendants().find(|n| n.has_tag_name((W, "p"))).unwrap();
        assert_eq!(attr(w(w(p, "pPr").unwrap(), "jc").unwrap(), "val"), side);
        assert!(footer.contains("w:instr=\" PAGE \""));
        assert_eq!(text(p).chars().filter(|c| *c == '—').count(), 2, "— 1 —");
    }
    // Fonts: the Chinese face as w:eastAsia, an ASCII fallback, sizes in half-points.
    let styles = Document::parse(&d.styles).unwrap();
    let defaults = styles.descendants().find(|n| n.has_tag_name((W, "rPrDefault"))).unwrap();
    let fonts = defaults.descendants().find(|n| n.has_tag_name((W, "rFonts"))).unwrap();
    assert_eq!((attr(fonts, "eastAsia"), attr(fonts, "ascii")), ("仿宋_GB2312", "Times New Roman"));
    assert_eq!(attr(defaults.descendants().find(|n| n.has_tag_name((W, "sz"))).unwrap(), "val"), "32", "3号");
    let style = |id: &str| -> (String, String) {
        let s = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
            .unwrap();
        let east = s.descendants().find(|n| n.has_tag_name((W, "rFonts"))).map_or("", |f| attr(f, "eastAsia"));
        let sz = s.descendants().find(|n| n.has_tag_name((W, "sz"))).map_or("", |f| attr(f, "val"));
        (east.to_owned(), sz.to_owned())
    };
    assert_eq!(style("Title"), ("方正小标宋简体".into(), "44".into()), "2号小标宋");
    assert_eq!(style("Heading1").0, "黑体");
    assert_eq!(style("Heading2").0, "楷体_GB2312");
    assert_eq!(style("AnnexLabel").0, "黑体");
    assert_eq!(style("PageNumber"), ("宋体".into(), "28".into()), "4号宋体");
}

#[test]
fn text_counts_annexes_and_tables() {
    let t = reg("");
    let d = write(&t, &[]);
    let doc = Document::parse(&d.document).unwrap();
    let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).unwrap();
    let paras: Vec<Node<'_, '_>> = body.children().filter(|n| n.has_tag_name((W, "p"))).collect();
    let all: Vec<String> = paras.iter().map(|p| text(*p)).collect();
    // Defaults: the issuer most documents name, a title from the campaign.
    let title = paras.iter().find(|p| style_of(**p) == "Title").unwrap();
    assert_eq!(text(*title), "永嘉县人民政府关于公布2007年行政规范性文件清理结果的通知");
    assert!(title.descendants().any(|n| n.has_tag_name((W, "br"))), "a long title is split over lines");
    assert!(all.contains(&"各有关单位：".to_owned()), "{all:?}");
    // The counts sentence exactly as 清理结果.md gives it.
    let sentence = "现将保留的1件行政规范性文件目录、修改的1件行政规范性文件目录、废止的1件行政规范性文件目录及失效的0件行政规范性文件目录予以公布。";
    let md = std::fs::read_to_string(t.path().join("out/清理结果.md")).unwrap();
    assert!(md.contains(sentence));
    let opening = all.iter().find(|p| p.contains(sentence)).expect("counts sentence");
    assert!(opening.starts_with("为维护社会主义法制统一，推进依法行政，根据有关规定，永嘉县人民政府对2007年6月30日前制定的行政规范性文件进行了全面清理。"), "{opening}");
    assert!(all.iter().any(|p| p.starts_with("自公布之日起，除上述保留、修改的行政规范性文件外，2007年6月30日前制定的其他文件一律不得再作为实施行政管理的依据。同时，对确定为修改的")));
    // 附件说明: numbered, no trailing punctuation.
    let annexes: Vec<&String> =
        all.iter().filter(|p| p.contains("的行政规范性文件目录") && !p.contains('。')).collect();
    assert_eq!(
        annexes[..4],
        [
            "附件：1.保留的行政规范性文件目录",
            "2.修改的行政规范性文件目录",
            "3.废止的行政规范性文件目录",
            "4.失效的行政规范性文件目录"
        ]
    );
    // Issuer, then the date in Arabic numerals, right-aligned; then the 附注.
    let at = all.iter().position(|p| p == "2007年10月31日").expect("成文日期");
    assert_eq!(all[at - 1], "永嘉县人民政府");
    assert_eq!(all[at + 1], "（此件公开发布）");
    for p in &paras[at - 1..=at] {
        assert_eq!(attr(w(w(*p, "pPr").unwrap(), "jc").unwrap(), "val"), "right");
    }
    // Each 附件 on a new page, in 黑体, flush left.
    let labels: Vec<Node<'_, '_>> = paras.iter().copied().filter(|p| style_of(*p) == "AnnexLabel").collect();
    assert_eq!(labels.iter().map(|p| text(*p)).collect::<Vec<_>>(), ["附件1", "附件2", "附件3", "附件4"]);
    // 附件1 opens the landscape section (a new page); the others break the page.
    assert!(labels[1..].iter().all(|p| w(w(*p, "pPr").unwrap(), "pageBreakBefore").is_some()));
    // One table per non-empty annex (失效 is empty), header repeated, no split rows, no merges.
    let tables: Vec<Node<'_, '_>> = body.children().filter(|n| n.has_tag_name((W, "tbl"))).collect();
    assert_eq!(tables.len(), 3);
    assert!(all.contains(&"本次清理没有失效的行政规范性文件。".to_owned()));
    for (tbl, (columns, title)) in tables.iter().zip([(5, "关于甲的通知"), (7, "关于乙的通知"), (7, "关于丙的通知")])
    {
        let grid: Vec<Node<'_, '_>> =
            w(*tbl, "tblGrid").unwrap().children().filter(|n| n.has_tag_name((W, "gridCol"))).collect();
        assert_eq!(grid.len(), columns);
        // Landscape: the columns fill the turned text block (297 − 37 − 35 mm).
        assert_eq!(grid.iter().map(|g| attr(*g, "w").parse::<u32>().unwrap()).sum::<u32>(), 16838 - 2098 - 1984);
        let rows: Vec<Node<'_, '_>> = tbl.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
        assert_eq!(rows.len(), 2);
        let head: Vec<String> = rows[0].children().filter(|n| n.has_tag_name((W, "tc"))).map(text).collect();
        assert_eq!(head, ["序号", "文件名称", "文号", "制定机关", "发布日期", "清理意见", "理由"][..columns]);
        assert!(w(w(rows[0], "trPr").unwrap(), "tblHeader").is_some());
        assert!(rows.iter().all(|r| w(w(*r, "trPr").unwrap(), "cantSplit").is_some()));
        let cells: Vec<String> = rows[1].children().filter(|n| n.has_tag_name((W, "tc"))).map(text).collect();
        assert_eq!(cells[..2], ["1".to_owned(), title.to_owned()]);
        assert_eq!(cells[4], "2005-01-01");
        assert!(!tbl.descendants().any(|n| n.has_tag_name((W, "gridSpan")) || n.has_tag_name((W, "vMerge"))));
    }
}

#[test]
fn notice_settings_are_used_and_checked() {
    let notice = "\n[notice]\nissuer = \"永嘉县人民政府办公室\"\ndoc_number = \"永政办发[2007]88号\"\nrecipients = \"各乡镇人民政府,县政府直属各单位\"\ntitle = \"关于公布清理结果的通知\"\nbasis = \"根据《浙江省人民政府办公厅关于做好规范性文件清理工作的通知》(浙政办发〔2007〕21号)规定\"\ndate = 2007-11-10\ndisclosure = \"此件依申请公开\"\n";
    let t = reg(notice);
    // A 文号 in the wrong brackets is reported like a document's, and used in canonical form.
    t.run_with(&["check"]).status(0).stdout_has("[notice] 文号 `永政办发[2007]88号` 写法不规范");
    let d = write(&t, &[]);
    let doc = Document::parse(&d.document).unwrap();
    let all: Vec<String> = doc.descendants().filter(|n| n.has_tag_name((W, "p"))).map(text).collect();
    assert_eq!(all[0], "永政办发〔2007〕88号");
    assert!(all.contains(&"关于公布清理结果的通知".to_owned()));
    assert!(all.contains(&"各乡镇人民政府,县政府直属各单位：".to_owned()));
    assert!(all.iter().any(|p| p.contains("(浙政办发〔2007〕21号)规定，永嘉县人民政府办公室对2007年6月30日前")));
    assert!(all.contains(&"2007年11月10日".to_owned()));
    assert!(all.contains(&"（此件依申请公开）".to_owned()));
    // Bad values are check errors, and catalog refuses them like any other.
    let t = reg("\n[notice]\nissuer = \"\"\nsigner = \"张三\"\ntitle = 3\n");
    t.run_with(&["check"])
        .status(1)
        .stdout_has("`issuer` 不能为空")
        .stdout_has("signer")
        .stdout_has("`title` 应为字符串");
    t.run_with(&["catalog", "--out", "out", "--docx"]).status(1);
    assert!(!t.path().join("out").exists());
    let t = reg("\n[notice]\ndate = 2007-02-30\n");
    t.run_with(&["check"]).status(1).stdout_has("2007年2月没有30日");
    t.run_with(&["catalog", "--out", "out", "--docx"]).status(1);
}

#[test]
fn drafts_say_what_is_missing_and_final_runs_refuse() {
    // One document without a decision: listed under the rule suggestion, said in red.
    let t = reg("").write("documents/d.toml", "title = \"关于丁的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\n");
    let d = write(&t, &[]);
    assert!(d.document.contains("有1件文件尚未作出清理意见"));
    t.run_with(&["catalog", "--out", "final", "--docx", "--require-decisions"]).status(1);
    assert!(!t.path().join("final").exists());
    // A record that cannot be read: refused, or named in a draft.
    let t = reg("").write("documents/e.toml", "title = \"关于戊的通知\"\nissued = 2005-13-01\n");
    t.run_with(&["catalog", "--out", "out", "--docx"]).status(1);
    let d = write(&t, &["--allow-errors"]);
    assert!(d.document.contains("以下1件文件有错误、未能评估，未列入本通知及附件：《关于戊的通知》"), "{}", d.document);
}

#[test]
fn register_text_is_escaped_and_the_bytes_are_stable() {
    let t = reg("").write(
        "documents/x.toml",
        "title = \"<script>alert(1)</script>&\\\"><w:p>\\u0001\"\nissuer = \"县政府\"\nissued = 2005-01-01\n[review]\ndecision = \"保留\"\nreason = \"经审查\"\n",
    );
    let d = write(&t, &[]);
    let doc = Document::parse(&d.document).unwrap();
    let cells: Vec<String> = doc.descendants().filter(|n| n.has_tag_name((W, "tc"))).map(text).collect();
    assert!(cells.contains(&"<script>alert(1)</script>&\"><w:p>\u{FFFD}".to_owned()), "{cells:?}");
    // Same register, same as-of: the same bytes, however often it is written.
    let first = std::fs::read(t.path().join("out/清理结果通知.docx")).unwrap();
    t.run_with(&["catalog", "--out", "again", "--docx"]).status(0);
    assert_eq!(first, std::fs::read(t.path().join("again/清理结果通知.docx")).unwrap());
}

#[test]
fn libreoffice_lays_the_notice_out_on_a4_pages() {
    let t = reg("").write("documents/d.toml", "title = \"关于丁的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\n");
    let Some(pdf) = pdf_of_notice(&t) else { return };
    let info = String::from_utf8(std::process::Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("(A4)"), "{info}");
    let pages: u32 = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    // The notice, then 附件1–4 each on a page of its own.
    assert!(pages >= 5, "{pages} pages");
    let text =
        String::from_utf8(std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for want in [
        "现将保留的2件行政规范性文件目录、修改的1件",
        "附件1",
        "附件4",
        "保留的行政规范性文件目录",
        "—1—",
        "序号",
        "文件名称",
        "关于丙的通知",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

/// `catalog --docx`, converted to PDF by LibreOffice (None without
/// LibreOffice and poppler, unless CI requires them).
fn pdf_of_notice(t: &Test) -> Option<std::path::PathBuf> {
    let need = "QINGLI_REQUIRE_SOFFICE";
    if !(have("soffice", need) && have("pdftotext", need) && have("pdfinfo", need)) {
        eprintln!("soffice/poppler not installed: skipped");
        return None;
    }
    write(t, &[]);
    let out = t.path().join("out");
    let profile = format!("-env:UserInstallation=file://{}", t.path().join("lo-profile").display());
    let status = std::process::Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(out.join("清理结果通知.docx"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    Some(out.join("清理结果通知.pdf"))
}

/// Each page's text of the notice as `pdftotext -layout` gives it.
fn pdf_pages(t: &Test) -> Option<Vec<String>> {
    let pdf = pdf_of_notice(t)?;
    let text = String::from_utf8(
        std::process::Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap().stdout,
    )
    .unwrap();
    Some(text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_owned).collect())
}

/// A page's non-blank lines, spaces removed, the page number left out.
fn lines(page: &str) -> Vec<String> {
    page.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty() && !l.starts_with('—'))
        .collect()
}

const LONG_REASON: &str = "第五条设定的收费项目与《行政许可法》第五十九条不一致,应予修改并报物价部门核定";

fn notice_register(imprint: bool) -> Test {
    let issuer = "温州市瓯海区市场监督管理局"; // 13 characters
    let mut notice = format!(
        "\n[notice]\nissuer = \"{issuer}\"\nissuer_mark = \"{issuer}文件\"\ndoc_number = \"瓯市监〔2007〕12号\"\ntitle = \"{issuer}关于公布行政规范性文件清理结果的通知\"\n"
    );
    if imprint {
        notice.push_str("cc = \"区委办公室,区人大常委会办公室\"\nprinter = \"温州市瓯海区市场监督管理局办公室\"\nprint_date = 2007-11-12\n");
    }
    reg(&notice).write(
        "documents/long.toml",
        &format!(
            "title = \"关于规范集贸市场收费管理的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\ndoc_number = \"青政发〔2017〕140号\"\n[review]\ndecision = \"修改\"\nreason = \"{LONG_REASON}\"\n"
        ),
    )
}

#[test]
fn libreoffice_lays_out_the_header_the_title_the_imprint_and_wide_annex_rows() {
    let Some(pages) = pdf_pages(&notice_register(true)) else { return };
    let first = lines(&pages[0]);
    // 版头: the mark, the 文号 under it; the title broken between words.
    assert!(first[0].contains("温州市瓯海区市场监督管理局文件"), "{first:?}");
    assert!(first.iter().any(|l| l == "瓯市监〔2007〕12号"), "{first:?}");
    let title: Vec<&String> = first.iter().filter(|l| l.contains("通知") || l.contains("关于公布")).take(2).collect();
    assert!(title.iter().any(|l| l.contains("行政规范性文件")), "行政规范性文件 whole: {title:?}");
    assert!(title.iter().any(|l| l.contains("清理结果")), "清理结果 whole: {title:?}");
    // The 附注 shares its page with the signature and the text above it.
    let with_note = pages.iter().position(|p| p.contains("此件公开发布")).unwrap();
    let page = lines(&pages[with_note]);
    assert!(page.len() > 3 && page.iter().any(|l| l.contains("年10月31日")), "no orphan: {page:?}");
    // 版记: the last page's last line.
    let last = lines(pages.last().unwrap());
    assert!(last.last().unwrap().ends_with("印发") && last.iter().any(|l| l.starts_with("抄送")), "{last:?}");
    // The annex row: the 文号 on one line, the reason at least 12 characters a line.
    let annex = pages.iter().find(|p| p.contains("青政发")).expect("the annex row");
    let flat: Vec<String> = annex.lines().map(|l| l.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    assert!(flat.iter().any(|l| l.contains("青政发〔2017〕140号")), "{annex}");
    let reason: String = LONG_REASON.chars().take(12).collect();
    assert!(flat.iter().any(|l| l.contains(&reason)), "12 characters of 理由 a line: {annex}");
}

#[test]
fn libreoffice_without_an_imprint_ends_on_the_last_annex() {
    let Some(pages) = pdf_pages(&notice_register(false)) else { return };
    let all = pages.concat();
    assert!(!all.contains("抄送") && !all.contains("印发"));
    assert!(lines(pages.last().unwrap()).iter().any(|l| l.contains("本次清理没有失效") || l.contains("失效")));
}

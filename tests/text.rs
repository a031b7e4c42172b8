//! Document texts (issue 45): `text add` and `text import` through every
//! reader, matching by file name and by header, all or nothing, `fmt`
//! changing whitespace only, and `check`'s `orphan-text`/`text-unreadable`.

use std::io::Write;

use crate::support::{Test, have};

const A: &str = "永嘉县人民政府关于印发永嘉县农村宅基地管理办法的通知";
const B: &str = "永嘉县水利局关于加强河道采砂管理的通知";

fn register() -> Test {
    let rec = |title: &str, number: &str, extra: &str| {
        format!(
            "title = \"{title}\"\nissuer = \"永嘉县人民政府\"\nissued = 2006-05-01\ndoc_number = \"{number}\"\n{extra}"
        )
    };
    Test::new()
        .write("documents/a.toml", &rec(A, "永政发〔2006〕3号", ""))
        .write("documents/water/b.toml", &rec(B, "永水〔2005〕12号", ""))
        .write("documents/c.toml", &rec("永嘉县财政局关于规范政府采购的通知", "永财〔2007〕8号", ""))
        .write(
            "documents/d.toml",
            &rec("永嘉县人民政府办公室关于加强安全生产的通知", "永政办〔2006〕5号", "disclosure = \"依申请公开\"\n"),
        )
}

const BODY: &[&str] = &[
    "第一条 为了加强农村宅基地管理,根据《中华人民共和国土地管理法》,制定本办法。",
    "第二条 本办法自2006年6月1日起施行。",
];

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A .docx as WPS and Word write one: the 红头 in a text box given twice
/// (`mc:Choice` and its VML `mc:Fallback`), the 文号, the title over two
/// lines, a tracked change, a table, and a header part (never read).
fn docx(number: &str, title: (&str, &str)) -> Vec<u8> {
    let red = "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>永嘉县人民政府文件</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>永嘉县人民政府文件</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    let change = "<w:p><w:r><w:t xml:space=\"preserve\">第三条 申请宅基地应当向</w:t></w:r><w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>县政府</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>乡镇人民政府</w:t></w:r></w:ins><w:r><w:t>提出。</w:t></w:r></w:p>";
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let table = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"8000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("户型"),
        cell("面积上限"),
        cell("三人以下"),
        cell("75平方米")
    );
    let body = format!(
        "{red}{}{}{}{}{}{change}{table}<w:p/>",
        para(number),
        para(title.0),
        para(title.1),
        para(BODY[0]),
        para(BODY[1])
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_owned()),
        ("word/document.xml", document),
        ("word/header1.xml", r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>"#.to_owned()),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn a_docx() -> Vec<u8> {
    docx("永政发〔2006〕3号", ("永嘉县人民政府关于印发永嘉县", "农村宅基地管理办法的通知"))
}

const A_TEXT: &str = "永嘉县人民政府关于印发永嘉县农村宅基地管理办法的通知\n\n第一条 为了加强农村宅基地管理,根据《中华人民共和国土地管理法》,制定本办法。\n\n第二条 本办法自2006年6月1日起施行。\n\n第三条 申请宅基地应当向乡镇人民政府提出。\n\n户型\t面积上限\n\n三人以下\t75平方米\n";

#[test]
fn a_docx_is_read_once_with_changes_accepted_and_the_title_first() {
    let t = register();
    std::fs::write(t.path().join("宅基地.docx"), a_docx()).unwrap();
    let o = t.run_with(&["text", "add", "永政发[2006]3号", "宅基地.docx"]);
    o.status(0).stdout_has("宅基地.docx → documents/a.txt").stdout_has("新增");
    assert_eq!(t.read("documents/a.txt"), A_TEXT);
    // The same text again changes nothing; a different one needs --replace.
    t.run_with(&["text", "add", "a", "宅基地.docx"]).status(0).stdout_has("相同,未改动");
    std::fs::write(t.path().join("新.txt"), format!("{A}\n\n第一条 新的内容。\n")).unwrap();
    t.run_with(&["text", "add", "a", "新.txt"]).status(1).stdout_has("已有不同的文本").stdout_has("--replace");
    assert_eq!(t.read("documents/a.txt"), A_TEXT);
    t.run_with(&["text", "add", "a", "新.txt", "--replace"]).status(0).stdout_has("替换");
    assert_eq!(t.read("documents/a.txt"), format!("{A}\n\n第一条 新的内容。\n"));
    t.run_with(&["check"]).status(0);
}

#[test]
fn text_files_in_every_encoding() {
    let t = register();
    let body = format!("{B}\r\n第一条 为了加强河道采砂管理,制定本办法。\r\n第二条 本办法自印发之日起施行。\r\n");
    let want = format!("{B}\n\n第一条 为了加强河道采砂管理,制定本办法。\n\n第二条 本办法自印发之日起施行。\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&body);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(body.encode_utf16().flat_map(u16::to_le_bytes));
    let bom = [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat();
    for (name, bytes) in [("gbk.txt", gbk.into_owned()), ("utf16.txt", utf16), ("bom.txt", bom)] {
        std::fs::write(t.path().join(name), &bytes).unwrap();
        t.run_with(&["text", "add", "永水〔2005〕12号", name, "--replace"]).status(0);
        assert_eq!(t.read("documents/water/b.txt"), want, "{name}");
    }
}

/// Two portal layouts: the gov.cn policy page (`#UCAP-CONTENT` under a
/// metadata table, navigation, share bar, footer) and a provincial portal's
/// (`#zoom` in a TRS editor, breadcrumbs, print/close links).
#[test]
fn portal_pages_give_the_article_only() {
    let gov = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>{A}_政策文件</title><script>var x = "不应出现";</script></head><body>
<div class="header"><div class="nav"><a href="/">首页</a><a>政务公开</a><a>政策文件</a></div></div>
<div class="BreadcrumbNav">当前位置:首页 &gt; 政策 &gt; 文件库</div>
<div class="policyLibraryOverview_header"><table><tr><td>发文字号:</td><td>永政发〔2006〕3号</td></tr></table></div>
<div class="pages_content" id="UCAP-CONTENT">
<p style="text-align:center">{A}</p>
<p>各乡镇人民政府,县政府各部门:</p>
<p>&nbsp;&nbsp;{}</p>
<p>{}</p>
</div>
<div class="share-bar">分享到:<a>微信</a><a>微博</a></div>
<div class="footer">主办单位:永嘉县人民政府办公室 备案号:浙ICP备00000000号</div>
</body></html>"#,
        BODY[0], BODY[1]
    );
    let province = format!(
        r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<div id="topbar">无障碍 | 长者模式</div>
<div class="crumb"><a>首页</a> &gt; <a>信息公开</a></div>
<div class="main-txt"><h1 class="title">{B}</h1>
<div class="info">发布时间:2005-03-10 来源:县水利局 【字体:大 中 小】</div>
<div id="zoom"><div class="TRS_Editor">
<p>第一条 为了加强河道采砂管理,<br>维护河势稳定,制定本办法。</p>
<p>第二条 本办法自印发之日起施行。</p>
</div></div>
<div class="bdsharebuttonbox">分享到</div>
<div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div></div>
<div class="footer">版权所有</div>
</body></html>"#
    );
    let t = register();
    std::fs::write(t.path().join("gov.html"), gov).unwrap();
    std::fs::write(t.path().join("province.htm"), province).unwrap();
    t.run_with(&["text", "add", "a", "gov.html"]).status(0);
    assert_eq!(
        t.read("documents/a.txt"),
        format!("{A}\n\n各乡镇人民政府,县政府各部门:\n\n{}\n\n{}\n", BODY[0], BODY[1])
    );
    t.run_with(&["text", "add", "b", "province.htm"]).status(0);
    assert_eq!(
        t.read("documents/water/b.txt"),
        format!("{B}\n\n第一条 为了加强河道采砂管理,\n维护河势稳定,制定本办法。\n\n第二条 本办法自印发之日起施行。\n")
    );
}

/// A one-page PDF with a drawn box and no text: a scan, as far as text goes.
fn scan_pdf() -> Vec<u8> {
    let objects = [
        "<</Type/Catalog/Pages 2 0 R>>".to_owned(),
        "<</Type/Pages/Kids[3 0 R]/Count 1>>".to_owned(),
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>".to_owned(),
        {
            let stream = "0 0 0 rg 100 100 300 400 re f";
            format!("<</Length {}>>stream\n{stream}\nendstream", stream.len())
        },
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for off in offsets {
        pdf.extend(format!("{off:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    pdf
}

#[test]
fn a_pdf_without_text_is_refused_and_pdftotext_is_named_when_missing() {
    let t = register();
    std::fs::write(t.path().join("扫描件.pdf"), scan_pdf()).unwrap();
    let empty = tempfile::tempdir().unwrap();
    t.run_with_env(&["text", "add", "a", "扫描件.pdf"], &[("PATH", empty.path().to_str().unwrap())])
        .status(1)
        .stdout_has("需要 poppler 的 pdftotext");
    if have("pdftotext", "QINGLI_REQUIRE_SOFFICE") {
        t.run_with(&["text", "add", "a", "扫描件.pdf"]).status(1).stdout_has("没有读到文字").stdout_has("扫描件");
    }
    assert!(!t.path().join("documents/a.txt").exists(), "nothing stored");
}

/// A PDF with a text layer and a .doc, both made by LibreOffice from the
/// test's .docx, read back through pdftotext and LibreOffice.
#[test]
fn a_pdf_with_text_and_a_doc_through_libreoffice() {
    let need = "QINGLI_REQUIRE_SOFFICE";
    if !(have("soffice", need) && have("pdftotext", need)) {
        eprintln!("LibreOffice or poppler not installed: skipped");
        return;
    }
    let t = register();
    std::fs::write(t.path().join("宅基地.docx"), a_docx()).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/profile", t.path().display());
    for to in ["pdf", "doc"] {
        let ok = std::process::Command::new("soffice")
            .args(["--headless", &profile, "--convert-to", to, "宅基地.docx"])
            .current_dir(t.path())
            .output()
            .unwrap();
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    }
    t.run_with(&["text", "add", "a", "宅基地.doc"]).status(0);
    assert_eq!(t.read("documents/a.txt"), A_TEXT);
    t.run_with(&["text", "add", "a", "宅基地.pdf", "--replace"]).status(0);
    let text = t.read("documents/a.txt");
    assert!(text.starts_with(&format!("{A}\n\n")), "{text}");
    // The PDF shows what was printed (LibreOffice prints the tracked
    // deletion struck through, so the third article is not compared).
    for want in [BODY[0], BODY[1]] {
        let want = want.replace(' ', "");
        assert!(text.contains(&format!("\n{want}\n")), "{want} in {text}");
    }
    assert!(!text.contains("页眉文字"), "{text}");
}

#[test]
fn bulk_import_matches_by_name_and_by_header_all_or_nothing() {
    let t = register();
    let dir = t.path().join("文本");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    // By the 文号 in the file name (brackets as a clerk types them).
    std::fs::write(dir.join("永政发[2006]3号.docx"), a_docx()).unwrap();
    // By the header: the file name says nothing.
    std::fs::write(dir.join("sub/扫描1.txt"), format!("永水〔2005〕12号\n\n{B}\n\n第一条 为了加强河道采砂管理。\n"))
        .unwrap();
    // Unmatched, and one naming two records (one's 文号, another's title).
    std::fs::write(dir.join("会议纪要.txt"), "会议纪要\n\n关于某事项的纪要。\n").unwrap();
    std::fs::write(dir.join("永财〔2007〕8号 永嘉县水利局关于加强河道采砂管理的通知.txt"), "第一条 内容内容内容。\n")
        .unwrap();
    let o = t.run_with(&["text", "import", "文本"]);
    o.status(1)
        .stdout_has("永政发[2006]3号.docx → documents/a.txt")
        .stdout_has("(按文件名)")
        .stdout_has("扫描1.txt → documents/water/b.txt")
        .stdout_has("(按正文开头的文号或标题)")
        .stdout_has("会议纪要.txt: 文件名和正文开头都没有找到")
        .stdout_has("对应多件记录")
        .stdout_has("未写入任何文本");
    assert!(!t.path().join("documents/a.txt").exists() && !t.path().join("documents/water/b.txt").exists());
    std::fs::remove_file(dir.join("会议纪要.txt")).unwrap();
    std::fs::remove_file(dir.join("永财〔2007〕8号 永嘉县水利局关于加强河道采砂管理的通知.txt")).unwrap();
    // Two files for one record.
    std::fs::write(dir.join("宅基地管理办法(旧).txt"), format!("永政发〔2006〕3号\n\n{A}\n\n旧的。\n")).unwrap();
    t.run_with(&["text", "import", "文本"]).status(1).stdout_has("对应多个文件");
    std::fs::remove_file(dir.join("宅基地管理办法(旧).txt")).unwrap();
    // A file whose record cannot be read is named with that record, not
    // reported as unmatched.
    let t = t.write("documents/e.toml", "title = \"永嘉县林业局关于护林防火的通知\"\nissuer = \"永嘉县林业局\"\nissued = \"2006\"\ndoc_number = \"永林〔2006〕2号\"\n");
    std::fs::write(dir.join("永林〔2006〕2号.txt"), "永嘉县林业局关于护林防火的通知\n\n第一条 内容。\n").unwrap();
    t.run_with(&["text", "import", "文本"])
        .status(1)
        .stdout_has("永林〔2006〕2号.txt: 对应的记录 documents/e.toml 有错误,未能读取");
    std::fs::remove_file(dir.join("永林〔2006〕2号.txt")).unwrap();
    std::fs::remove_file(t.path().join("documents/e.toml")).unwrap();
    t.run_with(&["text", "import", "文本", "--dry-run"])
        .status(0)
        .stdout_has("将新增 2 份文本")
        .stdout_has("--dry-run");
    assert!(!t.path().join("documents/a.txt").exists());
    t.run_with(&["text", "import", "文本"]).status(0).stdout_has("新增 2 份文本");
    assert_eq!(t.read("documents/a.txt"), A_TEXT);
    assert_eq!(t.read("documents/water/b.txt"), format!("{B}\n\n第一条 为了加强河道采砂管理。\n"));
}

#[test]
fn a_text_whose_number_differs_is_written_with_a_warning() {
    let t = register();
    std::fs::write(t.path().join("b.txt"), format!("永水〔2005〕21号\n\n{B}\n\n第一条 内容。\n")).unwrap();
    t.run_with(&["text", "add", "b", "b.txt"])
        .status(0)
        .stdout_has("注意: 文本中的文号「永水〔2005〕21号」与记录的「永水〔2005〕12号」不同");
}

#[test]
fn fmt_changes_whitespace_only_and_check_names_orphans_and_bad_encodings() {
    let messy = "\u{FEFF}  永嘉县水利局关于加强河道采砂管理的通知  \r\n\r\n\r\n\u{3000}\u{3000}第一条 为了加强管理。 \r\n第二条\t本办法自印发之日起施行。\r\n\r\n";
    let t = register().write("documents/water/b.txt", messy);
    t.run_with(&["fmt", "--check"]).status(1).stdout_has("documents/water/b.txt");
    t.run_with(&["fmt"]).status(0);
    let tidy = t.read("documents/water/b.txt");
    assert_eq!(
        tidy,
        "永嘉县水利局关于加强河道采砂管理的通知\n\n第一条 为了加强管理。\n第二条\t本办法自印发之日起施行。\n"
    );
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '\u{FEFF}').collect::<String>();
    assert_eq!(visible(&tidy), visible(messy), "fmt never changes a character");
    t.run_with(&["fmt", "--check"]).status(0);
    // A text without its record, and one saved as GBK.
    let t = t.write("documents/gone.txt", "某文件\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode("第一条 内容。\n");
    std::fs::write(t.path().join("documents/c.txt"), &gbk).unwrap();
    let o = t.run_with(&["check"]);
    o.status(0)
        .stdout_has("documents/gone.txt:1:1: 警告[orphan-text]")
        .stdout_has("documents/c.txt:1:1: 警告[text-unreadable]");
    t.run_with(&["check", "--deny", "text-unreadable"]).status(1).stdout_has("错误[text-unreadable]");
    // Other commands do not read texts: review works as before.
    t.run_with(&["review"]).status(0);
    t.run_with(&["fmt"]).status(1).stderr_has("文本不是有效的 UTF-8,未格式化");
    assert_eq!(std::fs::read(t.path().join("documents/c.txt")).unwrap(), gbk.as_ref());
}

//! `qingli import`: real .xlsx (`rust_xlsxwriter`), .ods and CSV files in
//! three encodings, with title rows, spaced headers, blank and footnote
//! rows, every date form, mixed 文号 brackets; the records written; re-import
//! as a no-op; `--update` merging and refusing contradictions; bad rows
//! writing nothing and naming each row.

use std::io::Write as _;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::{Test, tree};

fn reg_path(t: &Test) -> std::path::PathBuf {
    t.path().join("reg")
}

/// The 现行有效目录 a clerk keeps: a merged title row, a blank row, spaced
/// header names, real date cells and dates typed as text, a footnote.
fn workbook(path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("现行有效").unwrap();
    ws.merge_range(0, 0, 0, 7, "永嘉县现行有效行政规范性文件目录", &Format::new()).unwrap();
    let header = ["序号", "文件名称", "文  号", "制定机关", "发布日期", "有效期至", "清理意见", "备注"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    #[allow(clippy::type_complexity, reason = "one table row per tuple")]
    let rows: [(&str, &str, &str, Option<(u16, u8, u8)>, &str, &str, &str, &str); 6] = [
        (
            "关于加强河道采砂管理的通知",
            "永水[2005]12号",
            "永嘉县水利局",
            Some((2005, 3, 10)),
            "",
            "长期",
            "保留",
            "暂行",
        ),
        (
            "关于印发永嘉县农村宅基地管理办法的通知",
            "永政发（2006）3号",
            "永嘉县人民政府",
            None,
            "2006/5/1",
            "2011-04-30",
            "修订",
            "",
        ),
        ("关于加强城市管理的通告", "永政告〔２００６〕５号", "永嘉县人民政府", None, "2006.6.1", "", "继续有效", ""),
        ("关于规范行政事业性收费的通知", "永财【2007】8 号", "永嘉县财政局", None, "2007年1月5日", "", "废止", ""),
        (
            "永嘉县人民政府令",
            "永嘉县人民政府令第03号",
            "永嘉县人民政府",
            None,
            "二〇〇七年三月十日",
            "",
            "宣布失效",
            "",
        ),
        ("关于加强安全生产的通知", "", "永嘉县安监局", None, "20070401", "", "保留", ""),
    ];
    for (i, (title, number, issuer, real, typed, expires, opinion, note)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, f64::from(r - 2)).unwrap();
        ws.write_string(r, 1, *title).unwrap();
        ws.write_string(r, 2, *number).unwrap();
        ws.write_string(r, 3, *issuer).unwrap();
        match real {
            Some((y, m, d)) => {
                ws.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date).unwrap();
            }
            None => {
                ws.write_string(r, 4, *typed).unwrap();
            }
        }
        ws.write_string(r, 5, *expires).unwrap();
        ws.write_string(r, 6, *opinion).unwrap();
        ws.write_string(r, 7, *note).unwrap();
    }
    ws.write_string(10, 0, "注:本目录由县政府法制办公室汇总。").unwrap();
    ws.write_string(11, 0, "合计").unwrap();
    ws.write_string(11, 1, "6件").unwrap();
    // A second sheet: instructions, no table.
    let notes = wb.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "请按附件格式填写").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_workbook_becomes_records_that_pass_check() {
    let t = Test::initialised();
    workbook(&t.path().join("目录.xlsx"));
    let o = t.run_with(&["import", "../目录.xlsx"]);
    o.status(0)
        .stdout_has("已新建 6 件")
        .stdout_has("跳过 ../目录.xlsx:现行有效:11: 注释或合计行")
        .stdout_has("跳过 ../目录.xlsx:现行有效:12")
        .stdout_has("跳过 ../目录.xlsx:填表说明: 没有找到表头")
        .stdout_has("未识别的列(其内容以注释保留在新记录中;可用 --map 列名=KEY 指定): 备注");
    let docs = tree(&reg_path(&t).join("documents"));
    let names: Vec<&str> = docs.keys().map(String::as_str).filter(|n| n.ends_with(".toml")).collect();
    assert_eq!(
        names,
        [
            "关于加强安全生产的通知.toml",
            "永嘉县人民政府令第3号.toml",
            "永政发-2006-3号.toml",
            "永政告-2006-5号.toml",
            "永水-2005-12号.toml",
            "永财-2007-8号.toml",
        ]
    );
    let a = t.read("reg/documents/永水-2005-12号.toml");
    assert!(a.starts_with("title = \"关于加强河道采砂管理的通知\"\nissuer = \"永嘉县水利局\"\nissued = 2005-03-10\ndoc_number = \"永水〔2005〕12号\"\n"), "{a}");
    assert!(
        a.contains("# 备注: 暂行\n") && a.contains("[review]\ndecision = \"保留\"\n") && !a.contains("\nexpires ="),
        "{a}"
    );
    let b = t.read("reg/documents/永政发-2006-3号.toml");
    assert!(
        b.contains("issued = 2006-05-01\n")
            && b.contains("expires = 2011-04-30\n")
            && b.contains("decision = \"修改\""),
        "{b}"
    );
    let c = t.read("reg/documents/永政告-2006-5号.toml");
    assert!(c.contains("doc_number = \"永政告〔2006〕5号\"") && c.contains("issued = 2006-06-01"), "{c}");
    let d = t.read("reg/documents/永财-2007-8号.toml");
    assert!(
        d.contains("doc_number = \"永财〔2007〕8号\"") && d.contains("issued = 2007-01-05") && d.contains("\"废止\""),
        "{d}"
    );
    let e = t.read("reg/documents/永嘉县人民政府令第3号.toml");
    assert!(e.contains("issued = 2007-03-10") && e.contains("kind = \"政府令\"") && e.contains("\"失效\""), "{e}");
    let f = t.read("reg/documents/关于加强安全生产的通知.toml");
    assert!(f.contains("issued = 2007-04-01") && !f.contains("\ndoc_number ="), "{f}");
    // Every record passes check, and is already in the form fmt writes.
    let check = t.run_with(&["check", "--format", "json"]).json();
    assert_eq!(check["errors"], 0, "{check}");
    t.run_with(&["fmt", "--check"]).status(0);
    // Importing again changes nothing.
    let before = tree(&reg_path(&t));
    t.run_with(&["import", "../目录.xlsx"]).status(0).stdout_has("已新建 0 件").stdout_has("已在登记簿中 6 件");
    assert_eq!(tree(&reg_path(&t)), before);
}

#[test]
fn csv_in_three_encodings() {
    let text =
        "序号,文件名称,发文字号,发文机关,成文日期\n1,关于甲的通知,永政办发(2005)7号,永嘉县人民政府办公室,2005-07-07\n";
    for (name, bytes, label) in [
        ("utf8.csv", text.as_bytes().to_vec(), "UTF-8"),
        ("bom.csv", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), "UTF-8(带 BOM)"),
        ("gbk.csv", encoding_rs::GB18030.encode(text).0.into_owned(), "GB18030/GBK"),
    ] {
        let t = Test::initialised();
        std::fs::write(t.path().join(name), &bytes).unwrap();
        t.run_with(&["import", &format!("../{name}")]).status(0).stdout_has(label).stdout_has("已新建 1 件");
        let r = t.read("reg/documents/永政办发-2005-7号.toml");
        assert!(
            r.contains("title = \"关于甲的通知\"") && r.contains("issuer = \"永嘉县人民政府办公室\""),
            "{name}: {r}"
        );
    }
}

#[test]
fn an_ods_spreadsheet() {
    let t = Test::initialised();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="目录">
<table:table-row><table:table-cell office:value-type="string"><text:p>文件名称</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>文号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>制定机关</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>发布日期</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>关于乙的通知</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>永政发[2006]9号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>永嘉县人民政府</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2006-09-09"><text:p>2006-09-09</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(t.path().join("目录.ods")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    t.run_with(&["import", "../目录.ods"]).status(0).stdout_has("已新建 1 件");
    assert!(t.read("reg/documents/永政发-2006-9号.toml").contains("issued = 2006-09-09"));
}

#[test]
fn bad_rows_write_nothing_and_each_is_named() {
    let t = Test::initialised();
    let csv = "文件名称,文号,制定机关,发布日期,清理意见\n\
               关于甲的通知,永政发〔2007〕1号,永嘉县人民政府,2007年6月31日,保留\n\
               关于乙的通知,永政发〔2007〕2号,,2007-01-01,作废\n\
               ,永政发〔2007〕3号,永嘉县人民政府,2007-01-02,保留\n\
               关于丁的通知,永政发〔2007〕4号,永嘉县人民政府,2007-01-03,保留\n";
    std::fs::write(t.path().join("表.csv"), csv).unwrap();
    let before = tree(&reg_path(&t));
    let o = t.run_with(&["import", "../表.csv"]);
    o.status(1)
        .stdout_has("../表.csv:2: 错误: 「发布日期」列「2007年6月31日」日期不存在(2007年6月没有31日)")
        .stdout_has("../表.csv:3: 错误: 「制定机关」列缺少制定机关;在表中填写,或用 --issuer 指定")
        .stdout_has("../表.csv:3: 错误: 「清理意见」列「作废」不是清理意见")
        .stdout_has("../表.csv:4: 错误: 「文件名称」列缺少文件名称")
        .stdout_has("共 4 处错误,未写入任何文件");
    assert_eq!(tree(&reg_path(&t)), before, "nothing written");
    // JSON names the same rows.
    let v = t.run_with(&["import", "../表.csv", "--format", "json"]).json();
    assert_eq!(v["state"], "refused");
    let places: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["place"].as_str().unwrap()).collect();
    assert_eq!(places, ["../表.csv:2", "../表.csv:3", "../表.csv:3", "../表.csv:4"]);
    assert_eq!(v["errors"][0]["column"], "发布日期");
    assert_eq!(v["errors"][0]["value"], "2007年6月31日");
}

#[test]
fn dry_run_writes_nothing_and_issuer_fills_the_gap() {
    let t = Test::initialised();
    std::fs::write(t.path().join("表.csv"), "文件名称,发布日期\n关于甲的通知,2007-01-01\n").unwrap();
    let before = tree(&reg_path(&t));
    let o = t.run_with(&["import", "../表.csv", "--issuer", "永嘉县人民政府", "--dry-run"]);
    o.status(0).stdout_has("将新建 1 件").stdout_has("--dry-run");
    assert_eq!(tree(&reg_path(&t)), before);
    t.run_with(&["import", "../表.csv", "--issuer", "永嘉县人民政府", "--dir", "2007"]).status(0);
    assert!(t.read("reg/documents/2007/关于甲的通知.toml").contains("issuer = \"永嘉县人民政府\""));
}

#[test]
fn update_fills_what_is_missing_and_refuses_contradictions() {
    let t = Test::initialised();
    let record = "# 由县法制办录入\ntitle = \"关于甲的通知\"\nissuer = \"永嘉县人民政府\"  # 牵头\nissued = 2007-01-01\ndoc_number = \"永政发〔2007〕1号\"\n";
    std::fs::write(reg_path(&t).join("documents/a.toml"), record).unwrap();
    let sheet = "文件名称,文号,制定机关,发布日期,责任单位,清理意见,理由\n关于甲的通知,永政发[2007]1号,永嘉县人民政府,2007-01-01,法制科,保留,合法有效\n";
    std::fs::write(t.path().join("意见.csv"), sheet).unwrap();
    // Without --update: already present, nothing changes.
    t.run_with(&["import", "../意见.csv"]).status(0).stdout_has("已在登记簿中 1 件");
    assert_eq!(t.read("reg/documents/a.toml"), record);
    let o = t.run_with(&["import", "../意见.csv", "--update"]);
    o.status(0).stdout_has("已更新 1 件").stdout_has("补填 responsible_unit、review.decision、review.reason");
    let after = t.read("reg/documents/a.toml");
    // Every byte of the original is still there, in order (a subsequence).
    let mut rest = after.chars();
    assert!(record.chars().all(|c| rest.any(|x| x == c)), "{after}");
    assert!(
        after.contains("responsible_unit = \"法制科\"")
            && after.contains("[review]\ndecision = \"保留\"\nreason = \"合法有效\""),
        "{after}"
    );
    t.run_with(&["fmt", "--check"]).status(0);
    t.run_with(&["check"]).status(0);
    // A row that contradicts the record is an error, and nothing is written.
    std::fs::write(t.path().join("改.csv"), sheet.replace("保留,合法有效", "废止,与上位法抵触")).unwrap();
    let o = t.run_with(&["import", "../改.csv", "--update"]);
    o.status(1).stdout_has("「清理意见」列「废止」与登记簿中 documents/a.toml 的 [review] decision = 「保留」矛盾");
    assert_eq!(t.read("reg/documents/a.toml"), after);
}

#[test]
fn the_tour_spreadsheet_and_a_catalogue_round_trip() {
    // The README's tour: the shipped example table.
    let t = Test::initialised();
    let example = crate::support::repo().join("examples/import/现行有效目录.csv");
    t.run_with(&["import", example.to_str().unwrap()]).status(0).stdout_has("已新建 5 件").stdout_has("UTF-8(带 BOM)");
    t.run_with(&["check"]).status(0);
    // Last cleanup's 附件, as qingli wrote them, come back as the same documents.
    let t = Test::initialised();
    let out = t.path().join("附件");
    crate::support::run_repo(&["catalog", "--register", "register", "--out", out.to_str().unwrap(), "--xlsx"])
        .status(0);
    let o = t.run_with(&["import", "../附件/清理结果.xlsx"]);
    o.status(0).stdout_has("已新建 47 件").stdout_has("跳过 29 行");
    let v = t.run_with(&["review", "--format", "json"]).json();
    assert_eq!(v["documents"].as_array().unwrap().len(), 47);
}

#[cfg(unix)]
#[test]
fn written_files_are_ordinary_files() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::initialised();
    std::fs::write(t.path().join("表.csv"), "文件名称,制定机关,发布日期\n关于甲的通知,县政府,2007-01-01\n").unwrap();
    t.run_with(&["import", "../表.csv"]).status(0);
    t.run_with(&["catalog", "--out", "../out"]).status(0);
    for f in ["reg/documents/关于甲的通知.toml", "out/附件1-保留目录.csv", "out/清理结果.md"] {
        let mode = std::fs::metadata(t.path().join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{f}");
    }
}

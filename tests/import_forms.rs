//! `import` keeps every value of real sheets: two dates as two facts, the
//! row numbers a clerk sees in CRLF and CR files, scraped labels and
//! exported date forms, Excel serials out of range, an English header with
//! a ready `--map`, footnote-titled documents, Excel's UTF-16 text export,
//! Windows' reserved names; and the command line reads the same dates and
//! decision words.

use rust_xlsxwriter::{Format, Workbook};

use crate::support::Test;

fn record(t: &Test, id: &str) -> String {
    t.read(&format!("reg/documents/{id}.toml"))
}

#[test]
fn a_signed_and_a_published_date_are_two_facts() {
    let t = Test::initialised();
    std::fs::write(
        t.path().join("两个日期.csv"),
        "文件名称,文号,制定机关,成文日期,发布日期\n关于甲的通知,晋政发〔2023〕9号,省政府,2023-08-25,2023-09-01\n关于乙的通知,晋政发〔2023〕10号,省政府,2023-08-26,2023-09-01\n",
    )
    .unwrap();
    t.run_with(&["import", "../两个日期.csv"]).status(0).stdout_has("已新建 2 件");
    let a = record(&t, "晋政发-2023-9号");
    assert!(a.contains("issued = 2023-08-25") && a.contains("promulgated = 2023-09-01"), "{a}");
    // Same upload date, different documents: two records, not one.
    assert!(record(&t, "晋政发-2023-10号").contains("issued = 2023-08-26"));
    // The published date is what the catalogue shows; the review JSON has both.
    let v = t.run_with(&["review", "--format", "json"]).json();
    let doc = v["documents"].as_array().unwrap().iter().find(|d| d["doc_number"] == "晋政发〔2023〕9号").unwrap();
    assert_eq!((doc["issued"].as_str(), doc["promulgated"].as_str()), (Some("2023-08-25"), Some("2023-09-01")));
    // Two columns for one key are refused, naming both and the --map.
    std::fs::write(
        t.path().join("重复.csv"),
        "文件名称,发布日期,公布日期,制定机关\n关于丙的通知,2023-01-01,2023-02-01,省政府\n",
    )
    .unwrap();
    t.run_with(&["import", "../重复.csv"])
        .status(1)
        .stdout_has("「发布日期」和「公布日期」两列都对应 `promulgated`")
        .stdout_has("--map");
}

#[test]
fn rows_are_the_rows_a_spreadsheet_shows_whatever_the_line_ends() {
    for (name, end) in [("crlf.csv", "\r\n"), ("cr.csv", "\r"), ("lf.csv", "\n")] {
        let t = Test::initialised();
        let text = [
            "文件名称,文号,制定机关,发布日期",
            "关于甲的通知,永政发〔2005〕1号,县政府,2005-01-01",
            "关于乙的通知,永政发〔2005〕2号,县政府,2005-13-45",
            "",
        ]
        .join(end);
        std::fs::write(t.path().join(name), text).unwrap();
        t.run_with(&["import", &format!("../{name}")]).status(1).stdout_has(&format!("../{name}:3: 错误"));
    }
}

#[test]
fn labels_and_exported_date_forms_are_read() {
    let t = Test::initialised();
    std::fs::write(
        t.path().join("抓取.csv"),
        "文件名称,文号,制定机关,成文日期\n关于丙的通知,发文字号：晋政发〔2023〕9号,省政府,成文日期:2020年1月5日\n关于丁的通知,晋政发〔2023〕11号,省政府,2023/2/22 0:00\n关于戊的通知,晋政发〔2023〕12号,省政府,2023-02-22 00:00:00\n关于己的通知,晋政发〔2023〕13号,省政府,2023-02-22T00:00:00\n",
    )
    .unwrap();
    t.run_with(&["import", "../抓取.csv"])
        .status(0)
        .stdout_has("已新建 4 件")
        .stdout_has("已去掉 2 个单元格开头的字段名");
    let c = record(&t, "晋政发-2023-9号");
    assert!(c.contains("doc_number = \"晋政发〔2023〕9号\"") && c.contains("issued = 2020-01-05"), "{c}");
    for id in ["晋政发-2023-11号", "晋政发-2023-12号", "晋政发-2023-13号"] {
        assert!(record(&t, id).contains("issued = 2023-02-22"), "{id}");
    }
    t.run_with(&["check"]).status(0);
}

#[test]
fn excel_serials_outside_its_calendar_are_row_errors() {
    let t = Test::initialised();
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    for (c, h) in ["文件名称", "制定机关", "发布日期"].iter().enumerate() {
        ws.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
    }
    for (r, serial) in [(1u32, 2_958_466.0), (2, 60.0), (3, 0.0), (4, 45_000.0)] {
        ws.write_string(r, 0, format!("关于第{r}件的通知")).unwrap();
        ws.write_string(r, 1, "县政府").unwrap();
        ws.write_number_with_format(r, 2, serial, &date).unwrap();
    }
    wb.save(t.path().join("序号.xlsx")).unwrap();
    let o = t.run_with(&["import", "../序号.xlsx"]);
    o.status(1);
    for (row, serial) in [(2, "2958466"), (3, "60"), (4, "0")] {
        assert!(
            o.stdout
                .lines()
                .any(|l| l.contains(&format!("序号.xlsx:{row}:"))
                    && l.contains(&format!("Excel 日期序号 {serial} 不在"))),
            "row {row}: {}",
            o.stdout
        );
    }
    assert!(!o.stdout.contains("序号.xlsx:5:"), "serial 45000 is a day: {}", o.stdout);
}

#[test]
fn an_english_header_gets_a_ready_map() {
    let t = Test::initialised();
    std::fs::write(t.path().join("en.csv"), "title,iss,org,number\nA notice,2005-01-01,County,X1\n").unwrap();
    t.run_with(&["import", "../en.csv"])
        .status(1)
        .stdout_has("第 1 行的列为:title、iss、org、number")
        .stdout_has("--map title=title --map iss=issued --map org=issuer --map number=doc_number");
    t.run_with(&["import", "../en.csv", "--map", "title=title", "--map", "iss=issued", "--map", "org=issuer"])
        .status(0)
        .stdout_has("已新建 1 件");
}

#[test]
fn footnote_titled_rows_with_a_number_are_documents() {
    let t = Test::initialised();
    std::fs::write(
        t.path().join("注.csv"),
        "文件名称,文号,制定机关,发布日期\n说明书管理办法,永政发〔2005〕3号,县政府,2005-01-01\n注册资本登记规定,,县政府,2006-01-01\n注:本表截至2007年6月\n",
    )
    .unwrap();
    let o = t.run_with(&["import", "../注.csv"]);
    o.status(0).stdout_has("已新建 2 件").stdout_has("跳过 ../注.csv:4");
}

#[test]
fn excels_unicode_text_export_is_read() {
    let t = Test::initialised();
    let text = "文件名称\t文号\t制定机关\t发布日期\r\n关于庚的通知\t永政发〔2005〕7号\t县政府\t2005-01-01\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(t.path().join("unicode.txt"), bytes).unwrap();
    t.run_with(&["import", "../unicode.txt"]).status(0).stdout_has("UTF-16").stdout_has("已新建 1 件");
    // A UTF-8 file with a BOM and a byte that is not UTF-8: the row is named, nothing stored as U+FFFD.
    let mut bad = b"\xEF\xBB\xBF\xE6\x96\x87\xE4\xBB\xB6\xE5\x90\x8D\xE7\xA7\xB0,x\n".to_vec();
    bad.extend_from_slice(b"a\xFF,b\n");
    std::fs::write(t.path().join("bad.csv"), bad).unwrap();
    t.run_with(&["import", "../bad.csv"]).status(2).stderr_has("第 2 行");
}

#[test]
fn windows_reserved_names_are_never_file_names() {
    let t = Test::initialised();
    std::fs::write(t.path().join("con.csv"), "文件名称,文号,制定机关,发布日期\n关于甲的通知,CON,县政府,2005-01-01\n")
        .unwrap();
    t.run_with(&["import", "../con.csv"]).status(0);
    let names: Vec<String> = std::fs::read_dir(t.path().join("reg/documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    assert_eq!(names.len(), 1);
    assert!(!names[0].eq_ignore_ascii_case("con.toml"), "{names:?}");
}

#[test]
fn the_command_line_reads_the_sheets_dates_and_words() {
    let t = Test::new().doc("a.toml", "");
    t.run_with(&["decide", "a", "继续有效", "--date", "2025年3月10日"])
        .status(0)
        .stdout_has("「继续有效」按「保留」记录");
    let a = t.read("documents/a.toml");
    assert!(a.contains("decision = \"保留\"") && a.contains("decided = 2025-03-10"), "{a}");
    t.run_with(&["review", "--as-of", "2025-02-30"]).status(2).stderr_has("2月没有30日");
    t.run_with(&["review", "--as-of", "2025.3.10"]).status(0);
}

#[cfg(unix)]
#[test]
fn a_documents_folder_outside_the_register_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let t = Test::initialised();
    std::fs::remove_dir_all(t.path().join("reg/documents")).unwrap();
    std::os::unix::fs::symlink(outside.path(), t.path().join("reg/documents")).unwrap();
    std::fs::write(t.path().join("a.csv"), "文件名称,制定机关,发布日期\n关于甲的通知,县政府,2005-01-01\n").unwrap();
    t.run_with(&["import", "../a.csv"]).status(2).stderr_has("documents/ 指向登记簿之外");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing written outside");
}

#[test]
fn an_opinion_sheet_updates_the_records_it_names_and_keeps_their_bytes() {
    let t = Test::initialised();
    let record = "# 县政府办公室报送\r\ntitle = \"关于甲的通知\"  # 原标题\r\nissuer = \"县政府\"\r\nissued = 2005-01-01\r\ndoc_number = \"永政发[2005]1号\"\r\n";
    std::fs::write(t.path().join("reg/documents/a.toml"), record).unwrap();
    std::fs::write(
        t.path().join("reg/documents/b.toml"),
        "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\n",
    )
    .unwrap();
    std::fs::write(
        t.path().join("意见.csv"),
        "序号,文号,文件名称,清理意见,理由\n1,永政发〔2005〕1号,关于甲的通知,废止,已不适用\n2,,关于乙的通知,继续有效,仍然适用\n3,永政发〔2009〕9号,关于丙的通知,保留,合法有效\n",
    )
    .unwrap();
    // A row naming no registered document is reported; nothing is written.
    t.run_with(&["import", "--update", "../意见.csv"]).status(1).stdout_has("../意见.csv:4").stdout_has("对不上");
    let csv = std::fs::read_to_string(t.path().join("意见.csv")).unwrap();
    std::fs::write(t.path().join("意见.csv"), csv.lines().take(3).collect::<Vec<_>>().join("\n") + "\n").unwrap();
    t.run_with(&["import", "--update", "../意见.csv"]).status(0).stdout_has("已更新 2 件");
    let a = t.read("reg/documents/a.toml");
    assert!(a.starts_with(record), "every byte kept, CRLF and the 文号 as written: {a:?}");
    assert!(a.contains("decision = \"废止\"\r\n") && a.contains("reason = \"已不适用\"\r\n"), "{a:?}");
    assert!(t.read("reg/documents/b.toml").contains("decision = \"保留\""));
}

#[test]
fn a_failed_write_takes_the_whole_import_back() {
    let t = Test::initialised();
    std::fs::write(
        t.path().join("三件.csv"),
        "文件名称,文号,制定机关,发布日期\n关于甲的通知,永政发〔2005〕1号,县政府,2005-01-01\n关于乙的通知,永政发〔2005〕2号,县政府,2005-01-02\n关于丙的通知,永政发〔2005〕3号,县政府,2005-01-03\n",
    )
    .unwrap();
    let before = crate::support::tree(&t.path().join("reg"));
    let o = t.run_with_env(&["import", "../三件.csv"], &[("QINGLI_TEST_FAIL_RENAME", "2")]);
    o.status(1).stderr_has("已撤销本次写入的 2 个文件").stderr_has("登记簿与导入前相同");
    assert_eq!(crate::support::tree(&t.path().join("reg")), before, "nothing of the import is left");
}

#[test]
fn an_unreadable_record_is_never_duplicated() {
    let t = Test::initialised();
    // The record of 永政发〔2005〕1号, saved as GBK: it cannot be read.
    let gbk =
        encoding_rs::GBK.encode("title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\n").0.into_owned();
    std::fs::write(t.path().join("reg/documents/永政发-2005-1号.toml"), gbk).unwrap();
    std::fs::write(
        t.path().join("甲.csv"),
        "文件名称,文号,制定机关,发布日期\n关于甲的通知,永政发〔2005〕1号,县政府,2005-01-01\n",
    )
    .unwrap();
    t.run_with(&["import", "../甲.csv"]).status(1).stdout_has("未能读取").stdout_has("永政发-2005-1号.toml");
    assert!(!t.path().join("reg/documents/永政发-2005-1号-2.toml").exists());
}

//! `qingli catalog`: files, columns, counts, encodings, formula safety,
//! the Excel workbook, mid-campaign honesty and determinism.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{Test, run_in, run_repo, snapshot};

const CAMPAIGN: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nname = \"2007年行政规范性文件清理\"\nas_of = 2007-10-31\nmade_before = 2007-07-01\n";

fn reg() -> Test {
    Test::new()
        .write("qingli.toml", CAMPAIGN)
        .write(
            "documents/a.toml",
            "title = \"关于甲的通知\"\nissuer = \"县政府\"\nco_issuers = [\"县财政局\"]\nissued = 2005-01-01\ndoc_number = \"永政发[2005]1号\"\n[review]\ndecision = \"保留\"\nreason = \"合法有效\"\n",
        )
        .write("documents/b.toml", "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\napplies_until = 2006-12-31\n")
        .write(
            "documents/c.toml",
            "title = \"=cmd|' /C calc'!A0\"\nissuer = \"+县政府\"\nissued = 2006-02-01\n[review]\ndecision = \"修改\"\nreason = \"-第三条\"\n",
        )
        .write("documents/d.toml", "title = \"@SUM(A1)\"\nissuer = \"县政府\"\nissued = 2007-08-01\n")
}

fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).unwrap()
}

#[test]
fn writes_every_file_with_columns_rows_and_bom() {
    let t = reg();
    t.run_with(&["catalog", "--out", "out"]).status(0).stdout_has("保留 1、修改 1、废止 0、失效 1");
    let read = |f: &str| std::fs::read(t.path().join("out").join(f)).unwrap();
    for f in
        ["附件1-保留目录.csv", "附件2-修改目录.csv", "附件3-废止目录.csv", "附件4-失效目录.csv", "现行有效目录.csv"]
    {
        let bytes = read(f);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{f} has a BOM");
        // 附件1 has no 清理意见 (it would say 保留 on every row); 现行有效目录 adds 有效期至.
        let header = match f {
            "附件1-保留目录.csv" => "序号,文件名称,文号,制定机关,发布日期,理由\n",
            "现行有效目录.csv" => "序号,文件名称,文号,制定机关,发布日期,有效期至,清理意见,理由\n",
            _ => "序号,文件名称,文号,制定机关,发布日期,清理意见,理由\n",
        };
        assert!(utf8(&bytes).starts_with(header), "{f}");
    }
    assert_eq!(
        utf8(&read("附件1-保留目录.csv")),
        "序号,文件名称,文号,制定机关,发布日期,理由\n1,关于甲的通知,永政发〔2005〕1号,县政府、县财政局,2005-01-01,合法有效\n"
    );
    let expired = utf8(&read("附件4-失效目录.csv")).to_owned();
    assert!(
        expired.contains("1,关于乙的通知,,县政府,2006-01-01,失效,\"(规则建议,尚待作出清理意见)适用期已过: 适用期至2006-12-31,已过期\""),
        "{expired}"
    );
    assert_eq!(utf8(&read("附件3-废止目录.csv")).lines().count(), 1, "header only");
    let in_force = utf8(&read("现行有效目录.csv")).to_owned();
    assert_eq!(in_force.lines().count(), 3, "保留 and 修改: {in_force}");
    assert!(!in_force.contains("@SUM"), "the new document is not part of the campaign");
}

#[test]
fn formulas_are_neutralised() {
    let t = reg();
    t.run_with(&["catalog", "--out", "out"]).status(0);
    let text = std::fs::read_to_string(t.path().join("out/附件2-修改目录.csv")).unwrap();
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains(",'=cmd|' /C calc'!A0,") || row.contains("\"'=cmd|' /C calc'!A0\""), "{row}");
    assert!(row.contains(",'+县政府,"), "{row}");
    assert!(row.contains(",'-第三条"), "{row}");
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
}

#[test]
fn plain_utf8_and_gb18030_round_trip() {
    let t = reg();
    t.run_with(&["catalog", "--out", "u", "--encoding", "utf8"]).status(0);
    t.run_with(&["catalog", "--out", "g", "--encoding", "gb18030"]).status(0);
    for f in ["附件1-保留目录.csv", "附件2-修改目录.csv", "附件4-失效目录.csv", "现行有效目录.csv"]
    {
        let plain = std::fs::read(t.path().join("u").join(f)).unwrap();
        assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
        let gb = std::fs::read(t.path().join("g").join(f)).unwrap();
        assert_ne!(gb, plain);
        assert!(std::str::from_utf8(&gb).is_err(), "GB18030 bytes are not UTF-8");
        let (decoded, _, bad) = encoding_rs::GB18030.decode(&gb);
        assert!(!bad);
        assert_eq!(decoded.as_bytes(), plain.as_slice(), "{f}");
    }
}

fn sheet(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Vec<Vec<String>> {
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| if let Data::String(s) = c { s.clone() } else { c.to_string() }).collect())
        .collect()
}

#[test]
fn xlsx_workbook() {
    let t = reg();
    t.run_with(&["catalog", "--out", "out", "--xlsx"]).status(0).stdout_has("清理结果.xlsx");
    let mut wb: Xlsx<_> = open_workbook(t.path().join("out/清理结果.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["附件1 保留", "附件2 修改", "附件3 废止", "附件4 失效", "现行有效目录"]);
    let keep = sheet(&mut wb, "附件1 保留");
    assert_eq!(keep[0][0], "附件1 保留的行政规范性文件目录");
    assert_eq!(keep[1], ["序号", "文件名称", "文号", "制定机关", "发布日期", "理由"]);
    assert_eq!(keep[2][1..4], ["关于甲的通知", "永政发〔2005〕1号", "县政府、县财政局"]);
    assert_eq!(keep[2][5..], ["合法有效"]);
    let in_force = sheet(&mut wb, "现行有效目录");
    assert_eq!(in_force[1], ["序号", "文件名称", "文号", "制定机关", "发布日期", "有效期至", "清理意见", "理由"]);
    // 序号 is a number and 发布日期 a real date cell, so both sort.
    let range = wb.worksheet_range("附件1 保留").unwrap();
    assert_eq!(range.get_value((2, 0)), Some(&Data::Float(1.0)));
    match range.get_value((2, 4)) {
        Some(Data::DateTime(d)) => assert_eq!(d.as_datetime().unwrap().date().to_string(), "2005-01-01"),
        other => panic!("发布日期 is {other:?}"),
    }
    // Printable: A4 landscape, one page wide, the header row on every page, a Chinese font.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(t.path().join("out/清理结果.xlsx")).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let sheet1 = part("xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet1}");
    assert!(sheet1.contains("paperSize=\"9\"") && sheet1.contains("orientation=\"landscape\""));
    assert!(sheet1.contains("fitToHeight=\"0\""));
    assert!(part("xl/workbook.xml").contains("_xlnm.Print_Titles"));
    assert!(part("xl/styles.xml").contains("<name val=\"宋体\"/>"));
    // Text cells are string cells: the exact title, which Excel and WPS
    // show as text and never evaluate.
    let range = wb.worksheet_range("附件2 修改").unwrap();
    assert_eq!(range.get_value((2, 1)), Some(&Data::String("=cmd|' /C calc'!A0".to_owned())));
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().next().is_none(), "{name} has formulas");
    }
    assert_eq!(sheet(&mut wb, "现行有效目录").len(), 4);
    assert_eq!(sheet(&mut wb, "附件3 废止").len(), 2, "title and header only");
}

#[test]
fn require_decisions_fails_and_writes_nothing() {
    let t = reg();
    let out = t.run_with(&["catalog", "--out", "out", "--require-decisions"]);
    out.status(1).stderr_has("《关于乙的通知》").stderr_has("1 件文件尚未作出清理意见");
    assert!(!t.path().join("out").exists());
    let decided = t.write(
        "documents/b.toml",
        "title = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2006-01-01\napplies_until = 2006-12-31\n[review]\ndecision = \"失效\"\n",
    );
    decided.run_with(&["catalog", "--out", "out", "--require-decisions"]).status(0);
}

#[test]
fn summary_reads_like_a_notice_and_counts_pending() {
    let t = reg();
    t.run_with(&["catalog", "--out", "out"]).status(0).stderr_has("1 件文件尚未作出清理意见");
    let md = t.read("out/清理结果.md");
    assert!(md.starts_with("# 2007年行政规范性文件清理结果\n\n测试登记簿 · 评估日 2007-10-31\n"), "{md}");
    assert!(md.contains("现将保留的1件行政规范性文件目录、修改的1件行政规范性文件目录、废止的0件行政规范性文件目录及失效的1件行政规范性文件目录予以公布。"), "{md}");
    assert!(md.contains("2007年6月30日前制定的其他文件一律不得再作为实施行政管理的依据"));
    assert!(md.contains("有 1 件尚未作出清理意见,暂按规则建议计入:保留 0、修改 0、废止 0、失效 1"), "{md}");
    assert!(md.contains("## 附件3 废止的行政规范性文件目录(0件)\n\n(无)"), "{md}");
}

#[test]
fn atomic_writes_stay_inside_out_and_replace_old_files() {
    let t = reg().write("out/附件1-保留目录.csv", "old");
    t.run_with(&["catalog", "--out", "out", "--xlsx"]).status(0);
    let names: Vec<String> = std::fs::read_dir(t.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 8, "the files and the marker, no temporary files left: {names:?}");
    assert!(names.contains(&".qingli-catalog".to_owned()), "{names:?}");
    assert_ne!(t.read("out/附件1-保留目录.csv"), "old");
    let top: Vec<String> =
        std::fs::read_dir(t.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let mut top = top;
    top.sort();
    assert_eq!(top, ["documents", "laws", "out", "qingli.toml"]);
}

#[test]
fn byte_identical_whatever_the_thread_count() {
    let t = reg();
    for n in ["1", "2", "8"] {
        let args: Vec<String> =
            ["catalog", "--out", &format!("out{n}"), "--xlsx", "--docx"].iter().map(|s| (*s).to_string()).collect();
        run_in(t.path(), &args, &[("RAYON_NUM_THREADS".into(), n.into())]).status(0);
    }
    for f in std::fs::read_dir(t.path().join("out1")).unwrap() {
        let name = f.unwrap().file_name();
        let a = std::fs::read(t.path().join("out1").join(&name)).unwrap();
        for n in ["2", "8"] {
            assert_eq!(a, std::fs::read(t.path().join(format!("out{n}")).join(&name)).unwrap(), "{name:?}");
        }
    }
}

#[test]
fn sample_register_notice() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    run_repo(&["--register", "register", "catalog", "--out", out]).status(0);
    let md = std::fs::read_to_string(dir.path().join("清理结果.md")).unwrap();
    snapshot("sample-清理结果.md", &md);
    let csv = std::fs::read(dir.path().join("附件3-废止目录.csv")).unwrap();
    snapshot("sample-附件3-废止目录.csv", utf8(&csv));
}

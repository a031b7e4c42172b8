//! Bounded input for `import`: spreadsheets whose extent, cells or packing
//! are absurd (a 5 KB .xlsx claiming XFD1048576, a zip bomb, an .ods row
//! repeated a million times, a 1 GB cell made of `<text:s>` spaces, an .xls
//! with a cell at column 65535, a CSV line of commas) get a Chinese error
//! naming the file, within bounded memory. Where `prlimit` exists every run
//! is limited to 1 GiB of address space, so an allocation the guard missed
//! aborts the run and fails the test.

use std::io::Write;
use std::path::Path;

use crate::support::{Output, Test, have, run_under};

/// Address space for each run: the spec's 500 MB of data plus the binary,
/// its threads and the allocator's reservations.
const LIMIT: &str = "--as=1073741824";

/// `qingli import ../<file>` in the register, in limited memory when it can be.
fn import(t: &Test, file: &str) -> Output {
    let args = vec!["import".to_owned(), format!("../{file}")];
    let wrapper: &[&str] = if have("prlimit", "QINGLI_REQUIRE_PRLIMIT") { &["prlimit", LIMIT, "--"] } else { &[] };
    run_under(wrapper, &t.path().join("reg"), &args, &[])
}

/// A refusal: exit 2, the file named, the advice given, no panic, nothing written.
fn refused(t: &Test, o: &Output, file: &str, says: &str) {
    assert_eq!(o.status, 2, "stdout: {}\nstderr: {}", o.stdout, o.stderr);
    assert!(o.stderr.contains(file), "names the file: {}", o.stderr);
    assert!(o.stderr.contains(says), "says {says:?}: {}", o.stderr);
    assert!(!o.stderr.contains("panicked") && !o.stderr.contains("memory allocation"), "{}", o.stderr);
    let records = walkdir::WalkDir::new(t.path().join("reg/documents")).into_iter().flatten();
    let written = records.filter(|e| e.path().extension().is_some_and(|x| x == "toml")).count();
    assert_eq!(written, 0, "nothing written");
}

const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>文件名称</t></is></c><c r="B1" t="inlineStr"><is><t>文号</t></is></c><c r="C1" t="inlineStr"><is><t>制定机关</t></is></c><c r="D1" t="inlineStr"><is><t>发布日期</t></is></c></row>"#;
const RECORD: &str = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>关于甲的通知</t></is></c><c r="B2" t="inlineStr"><is><t>永政发〔2006〕9号</t></is></c><c r="C2" t="inlineStr"><is><t>永嘉县人民政府</t></is></c><c r="D2" t="inlineStr"><is><t>2006-09-09</t></is></c></row>"#;

/// An .xlsx written by hand: `sheet` writes the worksheet's XML after its
/// opening (with a dimension claiming the whole grid); `strings` is the
/// shared string table's XML body, if any.
fn xlsx(path: &Path, strings: Option<&str>, sheet: impl FnOnce(&mut dyn Write)) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let sst = strings.is_some();
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
                if sst {
                    r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
                } else {
                    ""
                }
            ),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="目录" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
                if sst {
                    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
                } else {
                    ""
                }
            ),
        ),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    if let Some(strings) = strings {
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        write!(zip, r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts.large_file(true)).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>"#).unwrap();
    sheet(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_xlsx_claiming_the_whole_grid_is_read_cell_by_cell() {
    // 2 KB: a header, a record, and one cell at XFD1048576. Read densely this
    // was 17 billion cells (512 GiB); streamed, it imports the record and
    // names the stray cell's row as skipped.
    let t = Test::initialised();
    xlsx(&t.path().join("角落.xlsx"), None, |w| {
        write!(w, "{HEADER}{RECORD}").unwrap();
        w.write_all(br#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#).unwrap();
    });
    assert!(std::fs::metadata(t.path().join("角落.xlsx")).unwrap().len() < 5_000);
    let o = import(&t, "角落.xlsx");
    assert_eq!(o.status, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("已新建 1 件"), "{}", o.stdout);
    assert!(o.stdout.contains("角落.xlsx:1048576: 只有一个单元格有内容"), "the stray row is named: {}", o.stdout);
}

#[test]
fn an_xlsx_spread_too_wide_is_refused_naming_the_cell() {
    // 250 rows each with a value in A and in XFD: 4.1 million cells.
    let t = Test::initialised();
    xlsx(&t.path().join("宽.xlsx"), None, |w| {
        for r in 1..=250 {
            write!(w, r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="XFD{r}"><v>2</v></c></row>"#).unwrap();
        }
    });
    let o = import(&t, "宽.xlsx");
    refused(&t, &o, "宽.xlsx", "XFD245");
    assert!(o.stderr.contains("Ctrl+End"), "says what to do: {}", o.stderr);
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_inflates_to() {
    // 130 MB of spaces inside the sheet, a few hundred KB packed.
    let t = Test::initialised();
    xlsx(&t.path().join("炸弹.xlsx"), None, |w| {
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..130 {
            w.write_all(&chunk).unwrap();
        }
    });
    assert!(std::fs::metadata(t.path().join("炸弹.xlsx")).unwrap().len() < 1 << 20);
    refused(&t, &import(&t, "炸弹.xlsx"), "炸弹.xlsx", "xl/worksheets/sheet1.xml` 解压后超过 128 MB");
}

#[test]
fn one_long_shared_string_copied_into_many_cells_is_refused() {
    // A 30,000-character string referenced from 2,000 cells: 180 MB of text.
    let t = Test::initialised();
    let strings = format!("<si><t>{}</t></si>", "文".repeat(30_000));
    xlsx(&t.path().join("重复.xlsx"), Some(&strings), |w| {
        for r in 1..=200 {
            write!(w, r#"<row r="{r}">"#).unwrap();
            for c in "ABCDEFGHIJ".chars() {
                write!(w, r#"<c r="{c}{r}" t="s"><v>0</v></c>"#).unwrap();
            }
            w.write_all(b"</row>").unwrap();
        }
    });
    refused(&t, &import(&t, "重复.xlsx"), "重复.xlsx", "文字总量超过 128 MB");
}

/// An .ods whose only sheet's rows are `rows`.
fn ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="目录">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_ods_row_repeated_a_million_times_is_refused() {
    let t = Test::initialised();
    ods(
        &t.path().join("重复行.ods"),
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
    );
    refused(&t, &import(&t, "重复行.ods"), "重复行.ods", "XFD1048576");
}

#[test]
fn an_ods_cell_of_a_billion_spaces_is_refused() {
    let t = Test::initialised();
    ods(
        &t.path().join("空格.ods"),
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/>b</text:p></table:table-cell></table:table-row>"#,
    );
    refused(&t, &import(&t, "空格.ods"), "空格.ods", "单元格 A1 超过 32767 个字符");
}

/// A BIFF8 record.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend_from_slice(data);
}

/// A LABEL record: a string cell (BIFF8, UTF-16).
fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut d = Vec::new();
    d.extend_from_slice(&row.to_le_bytes());
    d.extend_from_slice(&col.to_le_bytes());
    d.extend_from_slice(&0u16.to_le_bytes());
    d.extend_from_slice(&u16::try_from(units.len()).unwrap().to_le_bytes());
    d.push(1);
    for u in units {
        d.extend_from_slice(&u.to_le_bytes());
    }
    d
}

/// An .xls (a compound file holding a BIFF8 `Workbook` stream) with one sheet
/// named 目录 holding `cells` (row, column, text) and, when given, a
/// DIMENSIONS record (first row, end row, first column, end column).
fn xls(path: &Path, cells: &[(u16, u16, &str)], dimensions: Option<(u32, u32, u16, u16)>) {
    let bof = |dt: u16| {
        let mut d = vec![0u8; 16];
        d[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d[2..4].copy_from_slice(&dt.to_le_bytes());
        d
    };
    let name: Vec<u16> = "目录".encode_utf16().collect();
    let mut boundsheet = vec![0u8; 6];
    boundsheet.push(u8::try_from(name.len()).unwrap());
    boundsheet.push(1);
    for u in &name {
        boundsheet.extend_from_slice(&u.to_le_bytes());
    }
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &1200u16.to_le_bytes());
    let at = globals.len() + 2;
    record(&mut globals, 0x0085, &boundsheet);
    record(&mut globals, 0x000A, &[]);
    let pos = u32::try_from(globals.len()).unwrap();
    globals[at + 2..at + 6].copy_from_slice(&pos.to_le_bytes());
    let mut stream = globals;
    record(&mut stream, 0x0809, &bof(0x0010));
    if let Some((r0, r1, c0, c1)) = dimensions {
        let mut d = Vec::new();
        d.extend_from_slice(&r0.to_le_bytes());
        d.extend_from_slice(&r1.to_le_bytes());
        d.extend_from_slice(&c0.to_le_bytes());
        d.extend_from_slice(&c1.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        record(&mut stream, 0x0200, &d);
    }
    for (r, c, text) in cells {
        record(&mut stream, 0x0204, &label(*r, *c, text));
    }
    record(&mut stream, 0x000A, &[]);
    let mut cfb = cfb::CompoundFile::create(std::fs::File::create(path).unwrap()).unwrap();
    cfb.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    cfb.flush().unwrap();
}

const XLS_TABLE: [(u16, u16, &str); 8] = [
    (0, 0, "文件名称"),
    (0, 1, "文号"),
    (0, 2, "制定机关"),
    (0, 3, "发布日期"),
    (1, 0, "关于甲的通知"),
    (1, 1, "永政发〔2006〕9号"),
    (1, 2, "永嘉县人民政府"),
    (1, 3, "2006-09-09"),
];

#[test]
fn a_small_xls_still_imports() {
    let t = Test::initialised();
    xls(&t.path().join("目录.xls"), &XLS_TABLE, Some((0, 2, 0, 4)));
    let o = import(&t, "目录.xls");
    assert_eq!(o.status, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("已新建 1 件"), "{}", o.stdout);
}

#[test]
fn an_xls_cell_far_out_is_refused_before_calamine_builds_the_grid() {
    // Column 65535 is past any .xls sheet (256 columns) but calamine takes
    // it: with row 65535 that is a 4-billion-cell grid.
    let t = Test::initialised();
    let mut cells = XLS_TABLE.to_vec();
    cells.push((65_535, 65_535, "x"));
    xls(&t.path().join("远.xls"), &cells, None);
    refused(&t, &import(&t, "远.xls"), "远.xls", "超出导入能处理的范围");
}

#[test]
fn an_xls_claiming_a_huge_dimension_is_refused() {
    // calamine reserves room for the DIMENSIONS record's rows × columns.
    let t = Test::initialised();
    xls(&t.path().join("维度.xls"), &XLS_TABLE, Some((0, u32::MAX, 0, 256)));
    refused(&t, &import(&t, "维度.xls"), "维度.xls", "超出导入能处理的范围");
}

#[test]
fn an_xls_header_claiming_a_huge_table_is_refused() {
    // The compound file header's FAT sector count: calamine reserves it.
    let t = Test::initialised();
    let path = t.path().join("表头.xls");
    xls(&path, &XLS_TABLE, None);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[44..48].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(&path, bytes).unwrap();
    refused(&t, &import(&t, "表头.xls"), "表头.xls", "无法读取工作簿");
}

#[test]
fn a_csv_line_of_commas_is_refused_naming_the_line() {
    let t = Test::initialised();
    let mut text = "文件名称,文号\n".to_owned();
    text.push('a');
    text.push_str(&",".repeat(40_000));
    text.push_str("b\n");
    std::fs::write(t.path().join("逗号.csv"), text).unwrap();
    refused(&t, &import(&t, "逗号.csv"), "逗号.csv", "第 2 行超过 16384 列");
}

#[test]
fn a_csv_of_too_many_cells_is_refused() {
    let t = Test::initialised();
    let line = format!("a{}\n", ",".repeat(16_000));
    std::fs::write(t.path().join("大.csv"), line.repeat(260)).unwrap();
    refused(&t, &import(&t, "大.csv"), "大.csv", "超过 400 万个单元格");
}

//! One hostile value in every string field of a record and of
//! `qingli.toml` — markup, a template tag, a formula prefix, a bidi
//! override, ESC/OSC and BEL — run through every output qingli writes:
//! the terminal table, CSV, JSON, Markdown, XLSX, DOCX, ICS and the site.
//! One generic check per format says what that format must never carry.

use std::io::Read;
use std::path::Path;

use crate::support::Test;

/// The hostile value, as a TOML basic string's body (escapes for the
/// control characters), tagged with the field it stands in.
fn hostile(field: &str) -> String {
    format!(
        "=1+1<img src=x onerror=alert(1)>{{{{ 7*7 }}}}{{% raw %}}\\u202E\\u001B]52;c;aGk=\\u0007\\u001B[31m|*x*-{field}"
    )
}

/// The same value as the text a reader of the record gets.
fn hostile_text(field: &str) -> String {
    format!(
        "=1+1<img src=x onerror=alert(1)>{{{{ 7*7 }}}}{{% raw %}}\u{202E}\u{1B}]52;c;aGk=\u{7}\u{1B}[31m|*x*-{field}"
    )
}

fn register() -> Test {
    let h = hostile;
    let config = format!(
        "[register]\nname = \"{}\"\n\n[notice]\nissuer = \"{}\"\ndoc_number = \"{}\"\nrecipients = \"{}\"\ntitle = \"{}\"\nbasis = \"{}\"\n\n\
         [campaign]\nname = \"{}\"\nas_of = 2007-10-31\n\n[[campaign.phase]]\nname = \"{}\"\ndue = 2007-08-31\nrequires = \"decided\"\n",
        h("register.name"),
        h("notice.issuer"),
        h("notice.doc_number"),
        h("notice.recipients"),
        h("notice.title"),
        h("notice.basis"),
        h("campaign.name"),
        h("phase.name"),
    );
    let record = format!(
        "title = \"{}\"\nissuer = \"{}\"\nissued = 2005-03-10\ndoc_number = \"{}\"\nkind = \"{}\"\nco_issuers = [\"{}\"]\n\
         lead_unit = \"{}\"\nresponsible_unit = \"{}\"\nsubject = \"{}\"\nbasis = [\"{}\"]\nsuperseded_by = \"{}\"\n\
         disclosure = \"不予公开\"\ndisclosure_reason = \"{}\"\n\n[[finding]]\ntype = \"其他\"\nlaw = \"{}\"\narticles = \"{}\"\nnote = \"{}\"\n\n\
         [[event]]\ndate = 2006-01-01\ntype = \"评估\"\nnote = \"{}\"\n\n[review]\ndecision = \"修改\"\nreason = \"{}\"\nreviewer = \"{}\"\n\
         decided = 2007-08-20\noverride_reason = \"{}\"\n",
        h("title"),
        h("issuer"),
        h("doc_number"),
        h("kind"),
        h("co_issuers"),
        h("lead_unit"),
        h("responsible_unit"),
        h("subject"),
        h("basis"),
        h("superseded_by"),
        h("disclosure_reason"),
        h("finding.law"),
        h("finding.articles"),
        h("finding.note"),
        h("event.note"),
        h("review.reason"),
        h("review.reviewer"),
        h("review.override_reason"),
    );
    // A second record whose text fields are plain, repealed by the first's
    // successor: the annexes and the site list both.
    Test::new().write("qingli.toml", &config).write("documents/h.toml", &record).doc(
        "plain.toml",
        "doc_number = \"永政发〔2005〕2号\"\nresponsible_unit = \"办公室\"\n[review]\ndecision = \"废止\"\nreason = \"已过时\"\n",
    )
}

/// Text for a terminal or a plain report carries no control character but
/// line breaks and tabs, and no bidi override.
#[track_caller]
fn no_controls(what: &str, text: &str) {
    let bad: Vec<char> =
        text.chars().filter(|&c| (c.is_control() && c != '\n' && c != '\t' && c != '\r') || c == '\u{202E}').collect();
    assert!(bad.is_empty(), "{what}: raw control or bidi characters {bad:?}");
}

/// A spreadsheet reads no cell of a CSV as a formula.
#[track_caller]
fn csv_cells_are_text(what: &str, text: &str) {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in &record.unwrap() {
            let first = cell.trim_start().chars().next();
            let number = cell.parse::<f64>().is_ok();
            assert!(number || !matches!(first, Some('=' | '+' | '-' | '@')), "{what}: a formula cell {cell:?}");
        }
    }
    no_controls(what, text);
}

/// HTML (a page, Markdown that a renderer shows) carries the value as
/// text: no element or attribute of it.
#[track_caller]
fn no_markup(what: &str, text: &str) {
    assert!(!text.contains("<img src=x"), "{what}: raw markup from the register");
    assert!(!text.contains("onerror=alert(1)>"), "{what}: raw markup from the register");
}

/// A JSON report keeps every value exactly.
#[track_caller]
fn json_keeps(what: &str, text: &str, field: &str) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let all = v.to_string();
    let want = serde_json::to_string(&hostile_text(field)).unwrap();
    assert!(all.contains(want.trim_matches('"')), "{what}: the {field} value is not kept exactly");
}

/// The XML parts of an Office package parse, hold no formula, and the
/// value is there as text.
#[track_caller]
fn office_is_text(what: &str, path: &Path) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut seen_title = false;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if !part.name().ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{what}: {} is not XML: {e}", part.name()));
        assert!(!doc.descendants().any(|n| n.tag_name().name() == "f"), "{what}: a formula in {}", part.name());
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        no_controls(&format!("{what} {}", part.name()), &text);
        seen_title |= text.contains("onerror=alert(1)>{{ 7*7 }}");
    }
    assert!(seen_title, "{what}: the value is missing");
}

#[test]
fn every_output_carries_hostile_values_as_inert_text() {
    let t = register();
    // The terminal reports.
    for args in [
        &["review", "--all"][..],
        &["review", "--explain", "h"],
        &["deadlines", "--all"],
        &["laws"],
        &["check"],
        &["diff", "--help"],
    ] {
        let o = t.run_with(args);
        assert!(matches!(o.status, 0 | 1), "{args:?}: {}", o.stderr);
        no_controls(&format!("{args:?} stdout"), &o.stdout);
        no_controls(&format!("{args:?} stderr"), &o.stderr);
    }
    // CSV.
    for args in [
        &["review", "--all", "--format", "csv"][..],
        &["deadlines", "--all", "--format", "csv"],
        &["laws", "--format", "csv"],
    ] {
        csv_cells_are_text(&format!("{args:?}"), &t.run_with(args).stdout);
    }
    // JSON and JSON Lines keep every value exactly.
    let review = t.run_with(&["review", "--all", "--format", "json"]).stdout;
    for field in ["title", "issuer", "doc_number", "responsible_unit", "register.name"] {
        json_keeps("review --format json", &review, field);
    }
    json_keeps("check --format json", &t.run_with(&["check", "--format", "json"]).stdout, "superseded_by");
    json_keeps("deadlines --format json", &t.run_with(&["deadlines", "--all", "--format", "json"]).stdout, "title");
    for line in t.run_with(&["review", "--all", "--format", "jsonl"]).stdout.lines().filter(|l| l.contains("onerror")) {
        json_keeps("review --format jsonl", line, "title");
    }
    // Markdown.
    for args in [&["review", "--all", "--format", "markdown"][..], &["deadlines", "--all", "--format", "markdown"]] {
        let md = t.run_with(args).stdout;
        no_markup(&format!("{args:?}"), &md);
        no_controls(&format!("{args:?}"), &md);
    }
    // The catalogue: CSV annexes, Markdown, XLSX, DOCX (a draft: the
    // hostile `superseded_by` resolves to nothing, an error).
    t.run_with(&["catalog", "--out", "目录", "--xlsx", "--docx", "--allow-errors"]).status(0);
    for e in std::fs::read_dir(t.path().join("目录")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match path.extension().and_then(|x| x.to_str()) {
            Some("csv") => csv_cells_are_text(&name, &std::fs::read_to_string(&path).unwrap()),
            Some("md") => {
                let md = std::fs::read_to_string(&path).unwrap();
                no_markup(&name, &md);
                no_controls(&name, &md);
            }
            Some("xlsx" | "docx") => office_is_text(&name, &path),
            // The marker listing the files of the run, with their hashes.
            _ if name == ".qingli-catalog" => {}
            _ => panic!("unexpected output {name}"),
        }
    }
    // ICS: no control character, lines folded at 75 octets.
    let ics = t.run_with(&["deadlines", "--all", "--format", "ics"]).stdout;
    no_controls("ics", &ics.replace("\r\n", "\n"));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "ics: an unfolded line");
    // The site: every page and script carries the values as text.
    t.run_with(&["site", "--out", "网站", "--with-catalog", "--allow-errors"]).status(0);
    for e in walkdir::WalkDir::new(t.path().join("网站")).into_iter().filter_map(Result::ok) {
        let path = e.path();
        if !matches!(path.extension().and_then(|x| x.to_str()), Some("html" | "js" | "css" | "svg")) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.strip_prefix(t.path()).unwrap().display().to_string();
        no_markup(&name, &text);
        no_controls(&name, &text);
        assert!(!text.contains("{% raw %}") || !text.contains("{{ 7*7 }}49"), "{name}: a template tag ran");
    }
}

#[test]
fn the_deadline_workbook_is_text() {
    let t = register();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qingli"))
        .current_dir(t.path())
        .args(["deadlines", "--all", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = t.path().join("期限提醒.xlsx");
    std::fs::write(&path, out.stdout).unwrap();
    office_is_text("期限提醒.xlsx", &path);
}

/// A 10 MB title: every Word table cell is cut at 32,767 characters (as a
/// workbook cell is), marked as cut, so the notice still opens.
#[test]
fn a_huge_title_is_cut_in_the_word_tables() {
    let title = "长".repeat(3_500_000);
    let t = Test::new().doc("a.toml", "[review]\ndecision = \"保留\"\nreason = \"合法有效\"\n").write(
        "documents/b.toml",
        &format!("title = \"{title}\"\nissuer = \"县政府\"\nissued = 2005-01-01\n[review]\ndecision = \"废止\"\nreason = \"过时\"\n"),
    );
    t.run_with(&["catalog", "--out", "目录", "--docx"]).status(0);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(t.path().join("目录/清理结果通知.docx")).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let longest = doc.descendants().filter_map(|n| n.text()).map(|t| t.chars().count()).max().unwrap_or(0);
    assert!(longest <= 32_767, "a text run of {longest} characters");
    assert!(xml.contains("长…"), "the cut is marked");
}

/// A usage error echoes the command line: ESC and OSC from it are shown,
/// not sent to the terminal.
#[test]
fn usage_errors_do_not_echo_control_characters() {
    let o = Test::new().run_with(&["review", "--format", "\u{1b}]52;c;aGk=\u{7}json"]);
    o.status(2);
    no_controls("usage error", &o.stderr);
    assert!(o.stderr.contains('\u{FFFD}'), "{}", o.stderr);
}

//! `qingli deadlines`: every kind through the binary, filters, formats,
//! `--fail-on` exit codes, iCalendar, and the sample register's report.

use crate::support::{Test, run_repo, snapshot};

const CAMPAIGN: &str = r#"[register]
name = "测试登记簿"

[campaign]
name = "2026年清理"
made_before = 2026-07-01

[[campaign.phase]]
name = "上报清理意见"
due = 2026-08-31
requires = "decided"

[[campaign.phase]]
name = "发布决定"
after = "approved"
days = 20
requires = "published"
"#;

fn items(t: &Test, args: &[&str]) -> Vec<serde_json::Value> {
    let mut a = vec!["deadlines", "--format", "json", "--all"];
    a.extend_from_slice(args);
    let out = t.run_with(&a);
    out.status(0);
    out.json()["items"].as_array().unwrap().clone()
}

fn one<'a>(items: &'a [serde_json::Value], id: &str, kind: &str) -> &'a serde_json::Value {
    items
        .iter()
        .find(|i| i["id"] == id && i["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} for {id} in {items:#?}"))
}

fn reg() -> Test {
    Test::new()
        .write("qingli.toml", CAMPAIGN)
        // D1, D2, D3, D4 (filed late), D6, D7
        .write(
            "documents/a.toml",
            "title = \"甲\"\nissuer = \"县政府\"\nresponsible_unit = \"甲科\"\nissued = 2022-04-01\nexpires = 2027-03-31\nfiled = 2022-05-20\n\n[review]\ndecision = \"修改\"\ndecided = 2026-09-01\napproved = 2026-09-11\n",
        )
        // D5 (主动公开), not filed
        .write(
            "documents/b.toml",
            "title = \"乙\"\nissuer = \"县政府\"\nresponsible_unit = \"乙科\"\nissued = 2026-09-01\ndisclosure = \"主动公开\"\n",
        )
}

#[test]
fn every_kind_with_due_dates_and_statuses() {
    let t = reg();
    let all = items(&t, &["--as-of", "2026-10-01"]);
    let a1 = one(&all, "a", "D1");
    assert_eq!((a1["due"].as_str(), a1["status"].as_str()), (Some("2027-03-31"), Some("未到期")));
    let a2 = one(&all, "a", "D2");
    assert_eq!((a2["due"].as_str(), a2["status"].as_str()), (Some("2026-09-30"), Some("已逾期")));
    // (09-30, 10-01]: 10-01 is a holiday, so no working day has passed yet.
    assert_eq!((a2["days_left"].as_i64(), a2["working_days_left"].as_i64()), (Some(-1), Some(0)));
    // D3 counts this campaign's [review] (approved 2026-09-11) as a cleanup.
    assert_eq!(one(&all, "a", "D3")["due"], "2028-09-11");
    assert!(one(&all, "a", "D3")["note"].as_str().unwrap().contains("本次清理2026-09-11作出清理意见"));
    // 2022-04-01 + 30 days = 05-01, inside the 04-30..05-04 劳动节 block: moved to 05-05.
    let a4 = one(&all, "a", "D4");
    assert_eq!((a4["due"].as_str(), a4["status"].as_str()), (Some("2022-05-05"), Some("逾期完成")));
    let phase = all.iter().find(|i| i["id"] == "a" && i["name"] == "上报清理意见").unwrap();
    assert_eq!((phase["kind"].as_str(), phase["status"].as_str()), (Some("D6"), Some("逾期完成")));
    let rel = all.iter().find(|i| i["id"] == "a" && i["name"] == "发布决定").unwrap();
    assert_eq!((rel["due"].as_str(), rel["status"].as_str()), (Some("2026-10-08"), Some("即将到期")));
    assert_eq!(rel["working_days_left"], 1, "10-01..07 off, 10-08 is the first working day");
    assert_eq!(one(&all, "a", "D7")["due"], "2026-12-10");
    // 20 working days from 09-01: the 调休 Sunday 09-20 counts, the 中秋 Friday 09-25 does not.
    let b5 = one(&all, "b", "D5");
    assert_eq!((b5["due"].as_str(), b5["status"].as_str()), (Some("2026-09-29"), Some("已逾期")));
    let b4 = one(&all, "b", "D4");
    assert_eq!((b4["due"].as_str(), b4["status"].as_str()), (Some("2026-10-08"), Some("即将到期")));
    // The new document is not subject to the campaign: no D6.
    assert!(!all.iter().any(|i| i["id"] == "b" && i["kind"] == "D6"));
}

#[test]
fn statuses_flip_at_the_boundary() {
    let t = reg();
    let on = items(&t, &["--as-of", "2026-10-08"]);
    assert_eq!(one(&on, "b", "D4")["status"], "即将到期");
    assert_eq!(one(&on, "b", "D4")["days_left"], 0);
    let after = items(&t, &["--as-of", "2026-10-09"]);
    assert_eq!(one(&after, "b", "D4")["status"], "已逾期");
    assert_eq!(one(&after, "b", "D4")["days_left"], -1);
}

#[test]
fn json_contract_and_ordering() {
    let t = reg();
    let out = t.run_with(&["deadlines", "--format", "json", "--all", "--as-of", "2026-10-01"]);
    out.status(0);
    assert!(out.stdout.starts_with("{\n  \"as_of\": \"2026-10-01\",\n  \"items\": ["), "{}", out.stdout);
    let order = [
        "id",
        "doc_number",
        "title",
        "responsible_unit",
        "kind",
        "name",
        "due",
        "status",
        "days_left",
        "working_days_left",
        "note",
    ];
    let first = out.stdout.find("\"id\"").unwrap();
    let pos: Vec<usize> =
        order.iter().map(|k| first + out.stdout[first..].find(&format!("\"{k}\":")).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]));
    let v = out.json();
    let keys: Vec<(String, String)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["due"].as_str().unwrap().to_owned(), i["kind"].as_str().unwrap().to_owned()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "ordered by due, then kind");
}

#[test]
fn default_view_filters_and_fail_on() {
    let t = reg();
    let out = t.run_with(&["deadlines", "--format", "json", "--as-of", "2026-10-01"]);
    out.status(0);
    let v = out.json();
    let statuses: Vec<&str> = v["items"].as_array().unwrap().iter().map(|i| i["status"].as_str().unwrap()).collect();
    assert!(!statuses.is_empty());
    assert!(statuses.iter().all(|s| *s == "已逾期" || *s == "即将到期"), "{statuses:?}");
    let units =
        t.run_with(&["deadlines", "--format", "json", "--all", "--unit", "乙科", "--as-of", "2026-10-01"]).json();
    assert!(units["items"].as_array().unwrap().iter().all(|i| i["responsible_unit"] == "乙科"));
    let kinds = t.run_with(&["deadlines", "--format", "json", "--all", "--kind", "d5", "--as-of", "2026-10-01"]).json();
    assert_eq!(kinds["items"].as_array().unwrap().len(), 1);
    t.run_with(&["deadlines", "--fail-on", "overdue", "--as-of", "2026-10-01"]).status(1);
    t.run_with(&["deadlines", "--fail-on", "overdue", "--unit", "乙科", "--as-of", "2026-09-29"]).status(0);
    t.run_with(&["deadlines", "--fail-on", "overdue", "--unit", "乙科", "--as-of", "2026-09-30"]).status(1);
    t.run_with(&["deadlines", "--fail-on", "due", "--unit", "乙科", "--as-of", "2026-09-15"]).status(1);
    t.run_with(&["deadlines", "--fail-on", "due", "--unit", "乙科", "--as-of", "2026-08-01"]).status(0);
    t.run_with(&["deadlines", "--kind", "D9"]).status(2).stderr_has("D1–D8");
}

#[test]
fn table_groups_by_unit_without_colour_when_piped() {
    let t = reg();
    let out = t.run_with(&["deadlines", "--as-of", "2026-10-01"]);
    out.status(0).stdout_has("【甲科】").stdout_has("【乙科】").stdout_has("已逾期");
    assert!(!out.stdout.contains('\u{1b}'), "no escape codes when stdout is not a terminal");
}

#[test]
fn ics_export() {
    let t = reg();
    let out = t.run_with(&["deadlines", "--format", "ics", "--all", "--as-of", "2026-10-01"]);
    out.status(0);
    assert!(out.stdout.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(out.stdout.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(out.stdout.matches("BEGIN:VEVENT").count(), out.stdout.matches("END:VEVENT").count());
    assert!(out.stdout.contains("DTSTART;VALUE=DATE:20261008\r\n"));
    assert!(out.stdout.contains("DTSTAMP:20261001T000000Z"));
    assert!(out.stdout.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let again = t.run_with(&["deadlines", "--format", "ics", "--all", "--as-of", "2026-10-01"]);
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn missing_calendar_year_warns_once() {
    let t = reg();
    let out = t.run_with(&["deadlines", "--as-of", "2031-01-01"]);
    out.status(0);
    assert_eq!(out.stderr.matches("没有工作日历数据").count(), 1, "{}", out.stderr);
    out.stderr_has("2027–2031");
    // A register calendar file fills the gap.
    let t = t.write("calendar/2027.toml", "year = 2027\nholidays = [2027-01-01]\nworkdays = []\n");
    let out = t.run_with(&["deadlines", "--as-of", "2027-03-01", "--kind", "D1"]);
    assert!(!out.stderr.contains("没有工作日历数据"), "{}", out.stderr);
}

#[test]
fn sample_register_report() {
    let out = run_repo(&["--register", "register", "deadlines"]);
    out.status(0).stderr_has("没有工作日历数据");
    snapshot("sample-deadlines.txt", &out.stdout);
    let json = run_repo(&["--register", "register", "deadlines", "--format", "json", "--all"]);
    json.status(0);
    snapshot("sample-deadlines.json", &json.stdout);
    let kinds: std::collections::BTreeSet<String> =
        json.json()["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]);
}

#[test]
fn csv_numbers_stay_numbers() {
    // The formula guard is for text: `-4870` days left stays a sortable number.
    let out = crate::support::run_repo(&["--register", "register", "deadlines", "--format", "csv"]);
    out.status(0);
    let row = out.stdout.lines().nth(1).unwrap().to_owned();
    assert!(row.contains(",-") && !row.contains(",'-"), "{row}");
}

#[test]
fn history_before_deadlines_from_does_not_fail_the_gate() {
    // Filed 30 days after issue: due 2005-04-09, long overdue.
    let t = Test::new().doc("a.toml", "");
    t.run_with(&["deadlines", "--as-of", "2026-01-01", "--fail-on", "overdue"]).status(1);
    // --from: the old item leaves the default view and the gate, --all still lists it.
    let out = t.run_with(&["deadlines", "--as-of", "2026-01-01", "--fail-on", "overdue", "--from", "2025-01-01"]);
    out.status(0);
    assert!(!out.stdout.contains("报送备案"), "{}", out.stdout);
    t.run_with(&["deadlines", "--as-of", "2026-01-01", "--all", "--from", "2025-01-01", "--fail-on", "overdue"])
        .status(0)
        .stdout_has("报送备案");
    // The same from [policy].
    let t = t.write("qingli.toml", "[policy]\ndeadlines_from = 2025-01-01\n");
    t.run_with(&["deadlines", "--as-of", "2026-01-01", "--fail-on", "overdue"]).status(0);
    // A register made by init starts from today.
    let t = Test::empty();
    t.run_with(&["init", "reg"]).status(0);
    let config = std::fs::read_to_string(t.path().join("reg/qingli.toml")).unwrap();
    assert!(config.lines().any(|l| l.starts_with("deadlines_from = 20")), "{config}");
    t.run_with(&["--register", "reg", "check"]).status(0);
    t.run_with(&["--register", "reg", "fmt", "--check"]).status(0);
}

#[test]
fn a_document_in_force_past_its_validity_is_never_history() {
    // Valid until 2020-12-31 and still in force: before deadlines_from
    // (2025-01-01), but a present problem.
    let t = Test::new()
        .write("qingli.toml", "[register]\nname = \"测试\"\n\n[policy]\ndeadlines_from = 2025-01-01\n")
        .doc("old.toml", "expires = 2020-12-31\nfiled = 2005-03-20\n");
    let o = t.run_with(&["deadlines", "--as-of", "2026-01-01", "--fail-on", "overdue"]);
    o.status(1).stdout_has("有效期至2020-12-31,已届满仍未废止、宣布失效或重新公布");
    // What is hidden is counted, with the way to see it.
    o.stdout_has("另有 2 项在 2025-01-01(deadlines_from)之前到期的历史事项未列出").stdout_has("--all");
    let csv = t.run_with(&["deadlines", "--as-of", "2026-01-01", "--format", "csv"]);
    csv.status(0).stderr_has("另有 2 项");
    let all = t.run_with(&["deadlines", "--as-of", "2026-01-01", "--all"]);
    assert!(!all.stdout.contains("历史事项未列出"), "{}", all.stdout);
}

#[test]
fn a_phase_concerns_only_the_verdicts_it_names() {
    let config = "[campaign]\nmade_before = 2007-07-01\n\n[[campaign.phase]]\nname = \"公布保留目录\"\ndue = 2007-11-10\nrequires = \"published\"\nverdicts = [\"保留\", \"修改\"]\n\n[[campaign.phase]]\nname = \"修改完成\"\ndue = 2007-12-31\nrequires = \"revised\"\n";
    let t = Test::new()
        .write("qingli.toml", config)
        .doc("keep.toml", "[review]\ndecision = \"保留\"\n")
        .doc("repeal.toml", "[review]\ndecision = \"废止\"\n")
        .doc("open.toml", "");
    // requires = "revised" without verdicts = ["修改"] is flagged.
    t.run_with(&["check"]).status(0).stdout_has("警告[phase-verdicts]");
    let v = t.run_with(&["deadlines", "--all", "--as-of", "2007-10-31", "--format", "json", "--kind", "D6"]).json();
    let mut listed: Vec<(String, String)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["name"] == "公布保留目录")
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i["name"].as_str().unwrap().to_owned()))
        .collect();
    listed.sort();
    let ids: Vec<&str> = listed.iter().map(|(id, _)| id.as_str()).collect();
    // 废止 is not published in the 保留目录; a document not yet decided may still be.
    assert_eq!(
        ids,
        ["open", "keep"].iter().copied().collect::<std::collections::BTreeSet<_>>().into_iter().collect::<Vec<_>>(),
        "{v}"
    );
}

#[test]
fn a_workbook_with_a_sheet_per_unit() {
    let path = std::env::temp_dir().join(format!("qingli-deadlines-{}.xlsx", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_qingli"))
        .current_dir(crate::support::repo())
        .args(["--register", "register", "deadlines", "--format", "xlsx"])
        .stdout(std::fs::File::create(&path).unwrap())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = calamine::Reader::sheet_names(&wb);
    let table = crate::support::run_repo(&["--register", "register", "deadlines"]);
    let units: Vec<&str> = table
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix('【').and_then(|l| l.split_once('】')).map(|(u, _)| u))
        .collect();
    assert_eq!(names, units, "one sheet per unit, in the table's order");
    let range = calamine::Reader::worksheet_range(&mut wb, &names[0]).unwrap();
    assert_eq!(range.get_value((1, 5)), Some(&calamine::Data::String("到期日".into())));
    assert!(matches!(range.get_value((2, 5)), Some(calamine::Data::DateTime(_))));
    assert!(matches!(range.get_value((2, 7)), Some(calamine::Data::Float(_))));
    std::fs::remove_file(path).ok();
}

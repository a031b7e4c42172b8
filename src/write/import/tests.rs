//! The import plan, case by case: rows and a register in, what would be
//! created, updated, found present, skipped or refused out.

use std::collections::BTreeMap;

use super::*;
use crate::judge::rules::tests::doc;
use crate::load::model::Config;
use crate::load::register::Excluded;
use crate::sheet::{Cell, Row, Sheet};

const HEADER: &[&str] = &["序号", "文件名称", "制定机关", "发布日期", "文号", "清理意见", "理由"];

fn sheet(rows: &[&[&str]]) -> Sheet {
    let mut all = vec![Row { number: 1, cells: HEADER.iter().map(|h| Cell::Text((*h).to_owned())).collect() }];
    for (i, r) in rows.iter().enumerate() {
        let cells = r.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).to_owned()) }).collect();
        all.push(Row { number: u32::try_from(i).unwrap() + 2, cells });
    }
    Sheet { name: None, rows: all }
}

/// The register of the cases: one record with a 文号 and no decision.
fn register() -> Register {
    let mut d = doc("yz-1", "2005-03-10");
    d.path = "documents/yz-1.toml".into();
    d.title = "关于加强河道管理的通知".into();
    d.doc_number = Some("永政发〔2005〕1号".into());
    Register::from_parts(Config::default(), vec![d], Vec::new())
}

const RECORD: &str = "title = \"关于加强河道管理的通知\"\nissuer = \"永嘉县人民政府\"\nissued = 2005-03-10\ndoc_number = \"永政发〔2005〕1号\"\n";

/// What a plan says, in short: created ids, updated ids, present ids,
/// how many rows were skipped, and the refused rows' places.
type Summary = (Vec<String>, Vec<String>, Vec<String>, usize, Vec<String>);

fn summary(p: &Plan) -> Summary {
    (
        p.created.iter().map(|c| c.id.clone()).collect(),
        p.updated.iter().map(|u| u.id.clone()).collect(),
        p.present.iter().map(|u| u.id.clone()).collect(),
        p.skipped.len(),
        p.errors.iter().map(|e| e.place.clone()).collect(),
    )
}

struct Case {
    what: &'static str,
    rows: &'static [&'static [&'static str]],
    update: bool,
    /// Register paths taken on disk beyond the records.
    taken: &'static [&'static str],
    /// Records with an error the gate found (never updated).
    flawed: bool,
    /// A record left out as unreadable, with this 文号.
    broken: Option<&'static str>,
    want: (&'static [&'static str], &'static [&'static str], &'static [&'static str], usize, &'static [&'static str]),
}

const NEW: &[&str] = &["1", "关于加强水资源管理的通知", "永嘉县水利局", "2006-05-01", "", "", ""];

fn cases() -> Vec<Case> {
    let base = Case {
        what: "",
        rows: &[],
        update: false,
        taken: &[],
        flawed: false,
        broken: None,
        want: (&[], &[], &[], 0, &[]),
    };
    vec![
        Case {
            what: "a new row is created under an id from its title",
            rows: &[NEW],
            want: (&["关于加强水资源管理的通知"], &[], &[], 0, &[]),
            ..base
        },
        Case {
            what: "two documents of the same title get two ids",
            rows: &[NEW, &["2", "关于加强水资源管理的通知", "永嘉县水利局", "2007-05-01", "", "", ""]],
            want: (&["关于加强水资源管理的通知", "关于加强水资源管理的通知-2"], &[], &[], 0, &[]),
            ..base
        },
        Case {
            what: "an id taken on disk is not reused",
            rows: &[NEW],
            taken: &["documents/关于加强水资源管理的通知.toml"],
            want: (&["关于加强水资源管理的通知-2"], &[], &[], 0, &[]),
            ..base
        },
        Case {
            what: "the same document listed twice is created once",
            rows: &[NEW, NEW],
            want: (&["关于加强水资源管理的通知"], &[], &[], 1, &[]),
            ..base
        },
        Case {
            what: "the same 文号 with another title is refused",
            rows: &[
                &["1", "关于甲的通知", "县政府", "2006-01-01", "永政发〔2006〕2号", "", ""],
                &["2", "关于乙的通知", "县政府", "2006-01-01", "永政发[2006]2号", "", ""],
            ],
            want: (&["永政发-2006-2号"], &[], &[], 0, &["表.csv:3"]),
            ..base
        },
        Case {
            what: "a registered document is present, not created again",
            rows: &[&["1", "关于加强河道管理的通知", "永嘉县人民政府", "2005-03-10", "永政发[2005]1号", "", ""]],
            want: (&[], &[], &["yz-1"], 0, &[]),
            ..base
        },
        Case {
            what: "--update fills the decision a registered record lacks",
            rows: &[&[
                "1",
                "关于加强河道管理的通知",
                "永嘉县人民政府",
                "2005-03-10",
                "永政发〔2005〕1号",
                "保留",
                "合法有效",
            ]],
            update: true,
            want: (&[], &["yz-1"], &[], 0, &[]),
            ..base
        },
        Case {
            what: "--update refuses a conflicting value",
            rows: &[&["1", "关于加强河道管理的通知", "另一机关", "2005-03-10", "永政发〔2005〕1号", "", ""]],
            update: true,
            want: (&[], &[], &[], 0, &["表.csv:2"]),
            ..base
        },
        Case {
            what: "--update never touches a record with an error",
            rows: &[&["1", "关于加强河道管理的通知", "永嘉县人民政府", "2005-03-10", "永政发〔2005〕1号", "保留", ""]],
            update: true,
            flawed: true,
            want: (&[], &[], &[], 0, &["表.csv:2"]),
            ..base
        },
        Case {
            what: "a row of an unreadable record is refused, not duplicated",
            rows: &[&["1", "关于丙的通知", "县政府", "2006-01-01", "永政发〔2006〕9号", "", ""]],
            broken: Some("永政发〔2006〕9号"),
            want: (&[], &[], &[], 0, &["表.csv:2"]),
            ..base
        },
    ]
}

#[test]
fn the_plan_case_by_case() {
    for case in cases() {
        let mut reg = register();
        if let Some(n) = case.broken {
            reg.excluded.push(Excluded {
                id: "broken".into(),
                file: "documents/broken.toml".into(),
                doc_number: Some(n.into()),
                title: None,
                errors: 1,
                reason: None,
            });
        }
        let sheet = sheet(case.rows);
        let source = Source { file: "表.csv".into(), sheet: None, name_sheet: false };
        let opts = Options { issuer: None, map: Vec::new(), dir: String::new(), update: case.update };
        let files: BTreeMap<&str, &str> = [("documents/yz-1.toml", RECORD)].into_iter().collect();
        let read = |rel: &str| files.get(rel).map(|t| t.as_bytes().to_vec());
        let exists = |rel: &str| files.contains_key(rel) || case.taken.contains(&rel);
        let flawed = |_: &str| case.flawed;
        let plan = plan(&reg, &[(source, &sheet)], &opts, &Lookups { read: &read, exists: &exists, flawed: &flawed });
        let (c, u, p, s, e) = case.want;
        let want: Summary = (
            c.iter().map(|x| (*x).to_owned()).collect(),
            u.iter().map(|x| (*x).to_owned()).collect(),
            p.iter().map(|x| (*x).to_owned()).collect(),
            s,
            e.iter().map(|x| (*x).to_owned()).collect(),
        );
        assert_eq!(summary(&plan), want, "{}: {:?}", case.what, plan.errors);
    }
}

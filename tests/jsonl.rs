//! `--format jsonl`: the JSON format's items, one per line, for DuckDB and
//! pandas; and byte-identical output across thread counts on 10,000 documents.

use crate::support::{Test, run_in};

/// The lines of a JSON Lines output, parsed.
fn lines(text: &str) -> Vec<serde_json::Value> {
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn jsonl_lines_are_the_json_items() {
    let repo = crate::support::repo();
    let run = |args: &[&str]| {
        let mut all = vec!["--register", "register"];
        all.extend_from_slice(args);
        crate::support::run_in(&repo, &all.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), &[])
    };
    for (args, key) in [
        (&["review", "--all"][..], "documents"),
        (&["deadlines", "--all"][..], "items"),
        (&["laws"][..], "laws"),
        (&["laws", "impact", "物权法"][..], "documents"),
    ] {
        let mut json_args = args.to_vec();
        json_args.extend(["--format", "json"]);
        let json = run(&json_args);
        let mut jsonl_args = args.to_vec();
        jsonl_args.extend(["--format", "jsonl"]);
        let jsonl = run(&jsonl_args);
        assert_eq!(json.status, jsonl.status, "{args:?}");
        let items = json.json()[key].as_array().unwrap().clone();
        assert!(!items.is_empty(), "{args:?}");
        assert_eq!(lines(&jsonl.stdout), items, "{args:?}");
    }
    let t = Test::new()
        .doc("a.toml", "doc_number = \"永政发[2005]1号\"\nexpires = 2001-01-01\n")
        .doc("b.toml", "kind = 3\n");
    let json = t.run_with(&["check", "--format", "json"]);
    let jsonl = t.run_with(&["check", "--format", "jsonl"]);
    assert_eq!(json.status, jsonl.status);
    let items = json.json()["diagnostics"].as_array().unwrap().clone();
    assert!(items.len() >= 2);
    assert_eq!(lines(&jsonl.stdout), items);
}

#[test]
fn ten_thousand_documents_give_the_same_bytes_on_one_or_many_threads() {
    let mut t = Test::new().write(
        "qingli.toml",
        "[register]\nname = \"大登记簿\"\n\n[campaign]\nas_of = 2026-10-31\nmade_before = 2026-07-01\n",
    );
    for i in 0..10_000 {
        let extra = match i % 5 {
            0 => "expires = 2020-12-31\n".to_owned(),
            1 => "[[finding]]\ntype = \"上位法抵触\"\nscope = \"main\"\n".to_owned(),
            2 => format!("[review]\ndecision = \"保留\"\ndecided = 2026-0{}-01\n", 1 + i % 9),
            3 => "applies_until = 2021-01-01\n".to_owned(),
            _ => String::new(),
        };
        t = t.write(
            &format!("documents/{}/d{i:05}.toml", i % 37),
            &format!(
                "title = \"文件{i}\"\nissuer = \"单位{}\"\nresponsible_unit = \"科室{}\"\nissued = {}-0{}-1{}\ndoc_number = \"测发{}{}〕{}号\"\n{extra}",
                i % 13,
                i % 7,
                2000 + i % 25,
                1 + i % 9,
                i % 10,
                // Every eleventh 文号 in the wrong brackets: check has something to say.
                if i % 11 == 0 { "[" } else { "〔" },
                2000 + i % 25,
                i
            ),
        );
    }
    for args in [
        &["review", "--format", "json"][..],
        &["review", "--format", "jsonl"][..],
        &["deadlines", "--all", "--format", "jsonl"][..],
        &["check", "--format", "jsonl"][..],
    ] {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let one = run_in(t.path(), &args, &[("RAYON_NUM_THREADS".into(), "1".into())]);
        let four = run_in(t.path(), &args, &[("RAYON_NUM_THREADS".into(), "4".into())]);
        assert_eq!(one.status, four.status);
        assert!(one.stdout.len() > 1000, "{args:?}");
        assert!(one.stdout == four.stdout, "{args:?} differs between 1 and 4 threads");
    }
}

/// The README's DuckDB example, run when DuckDB's Python package is
/// installed (`pip install duckdb`; CI installs it).
#[test]
fn the_readme_duckdb_query_runs() {
    let have =
        std::process::Command::new("python3").args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success());
    if !have {
        assert!(std::env::var_os("QINGLI_REQUIRE_DUCKDB").is_none(), "duckdb is required (QINGLI_REQUIRE_DUCKDB)");
        eprintln!("duckdb not installed: skipped");
        return;
    }
    let t = Test::empty();
    let out = run_in(
        &crate::support::repo(),
        &["--register", "register", "review", "--all", "--format", "jsonl"].map(str::to_owned),
        &[],
    );
    out.status(0);
    let file = t.path().join("review.jsonl");
    std::fs::write(&file, &out.stdout).unwrap();
    // The query in the README, verbatim.
    let readme = std::fs::read_to_string(crate::support::repo().join("README.md")).unwrap();
    let query = readme.lines().find(|l| l.starts_with("duckdb -c ")).expect("README has the DuckDB example");
    let sql =
        query.trim_start_matches("duckdb -c ").trim_matches('"').replace("review.jsonl", &file.display().to_string());
    let py = "import duckdb, sys\nrows = duckdb.sql(sys.argv[1]).fetchall()\nprint(rows)";
    let res = std::process::Command::new("python3").args(["-c", py, &sql]).output().unwrap();
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let shown = String::from_utf8_lossy(&res.stdout);
    assert!(shown.contains("保留") && shown.contains("废止"), "{shown}");
}

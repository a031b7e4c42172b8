//! The shipped sample register: every rule fires, every verdict appears,
//! and its reports are snapshot-tested.

use std::collections::BTreeSet;

use crate::support::{run_repo, snapshot};

#[test]
fn every_rule_fires_and_every_verdict_appears() {
    let out = run_repo(&["--register", "register", "review", "--format", "json", "--all"]);
    out.status(0);
    let v = out.json();
    let docs = v["documents"].as_array().unwrap();
    assert!(docs.len() >= 40, "{} documents", docs.len());
    let mut fired = BTreeSet::new();
    let mut verdicts = BTreeSet::new();
    let mut suggested = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    for d in docs {
        for r in d["rules"].as_array().unwrap().iter().chain(d["advice"].as_array().unwrap()) {
            fired.insert(r["id"].as_str().unwrap().to_owned());
        }
        verdicts.extend(d["verdict"].as_str().map(str::to_owned));
        suggested.extend(d["suggested"].as_str().map(str::to_owned));
        statuses.insert(d["status"].as_str().unwrap().to_owned());
    }
    let all: BTreeSet<String> = (0..=13).map(|i| format!("Q{i:02}")).collect();
    assert_eq!(fired, all);
    for set in [&verdicts, &suggested] {
        assert_eq!(set.iter().map(String::as_str).collect::<Vec<_>>(), ["保留", "修改", "失效", "废止"]);
    }
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert!(docs.iter().any(|d| d["doc_number"].is_null()), "documents without 文号");
    assert!(docs.iter().any(|d| d["agrees"] == false), "a justified disagreement");
    assert!(docs.iter().any(|d| d["needs_review"] == true));
}

#[test]
fn review_table_snapshot() {
    let out = run_repo(&["--register", "register", "review"]);
    out.status(0);
    snapshot("sample-review.txt", &out.stdout);
}

#[test]
fn review_json_snapshot() {
    let out = run_repo(&["--register", "register", "review", "--format", "json", "--all"]);
    out.status(0);
    snapshot("sample-review.json", &out.stdout);
}

#[test]
fn review_csv_snapshot() {
    let out = run_repo(&["--register", "register", "review", "--format", "csv"]);
    out.status(0);
    snapshot("sample-review.csv", &out.stdout);
}

#[test]
fn explain_snapshot() {
    let out = run_repo(&["--register", "register", "review", "--explain", "永水〔2005〕12号"]);
    out.status(0);
    snapshot("sample-explain.txt", &out.stdout);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let args: Vec<String> =
        ["--register", "register", "review", "--format", "json", "--all"].iter().map(|s| (*s).to_owned()).collect();
    let one = crate::support::run_in(&crate::support::repo(), &args, &[("RAYON_NUM_THREADS".into(), "1".into())]);
    let four = crate::support::run_in(&crate::support::repo(), &args, &[("RAYON_NUM_THREADS".into(), "4".into())]);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn help_snapshots() {
    for cmd in [
        "",
        "check",
        "review",
        "init",
        "new",
        "import",
        "decide",
        "laws",
        "deadlines",
        "catalog",
        "site",
        "fmt",
        "diff",
        "completions",
    ] {
        let mut args = vec![];
        if !cmd.is_empty() {
            args.push(cmd);
        }
        args.push("--help");
        let out = run_repo(&args);
        out.status(0);
        let name = if cmd.is_empty() { "help.txt".to_owned() } else { format!("help-{cmd}.txt") };
        snapshot(&name, &out.stdout);
    }
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_repo(&["completions", shell]);
        out.status(0);
        for sub in ["check", "review", "deadlines", "catalog", "diff", "fmt"] {
            assert!(out.stdout.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let man = run_repo(&["man"]);
    man.status(0).stdout_has(".TH qingli 1").stdout_has("行政规范性文件清理工具").stdout_has("deadlines");
}

//! Whole-output snapshots of what a clerk reads, where probes for a few
//! words stood before: every line of `check`, `laws`, `laws impact`, the
//! Markdown and iCalendar reports, `import --dry-run`, `decide`, `catalog`,
//! `fmt --check` and `diff --format markdown` is compared, so a changed
//! word, a lost line or a reordered table fails. `QINGLI_BLESS=1` rewrites.

use std::path::Path;

use crate::support::{Test, git, repo, run_repo, snapshot};

/// stdout, then stderr under a marker, then the exit code: the whole run.
fn whole(o: &crate::support::Output) -> String {
    format!("{}--- stderr\n{}--- exit {}\n", o.stdout, o.stderr, o.status)
}

#[test]
fn check_lists_every_problem_as_a_clerk_reads_it() {
    let t = Test::new()
        .doc("a.toml", "doc_number = \"永政发[2005]1号\"\nbasis = [\"城市规划法\"]\n")
        .doc("b.toml", "doc_number = \"永政发〔2005〕1号\"\n")
        .write("documents/c.toml", "title = \"关于测试的通知\"\nissuer = 县政府\n")
        .doc("d.toml", "[review]\ndecision = \"废止\"\n");
    snapshot("check-human.txt", &whole(&t.run_with(&["check", "--as-of", "2021-06-01"])));
}

#[test]
fn laws_and_impact_on_the_sample() {
    let laws = run_repo(&["--register", "register", "laws", "--as-of", "2021-01-01"]);
    snapshot("sample-laws.txt", &whole(&laws));
    let impact = run_repo(&["--register", "register", "laws", "impact", "民法典", "--as-of", "2021-01-01"]);
    snapshot("sample-laws-impact.txt", &whole(&impact));
}

#[test]
fn markdown_and_calendar_reports_on_the_sample() {
    snapshot("sample-review.md", &whole(&run_repo(&["--register", "register", "review", "--format", "markdown"])));
    snapshot(
        "sample-deadlines.md",
        &whole(&run_repo(&["--register", "register", "deadlines", "--all", "--format", "markdown"])),
    );
    snapshot("sample-deadlines.ics", &run_repo(&["--register", "register", "deadlines", "--format", "ics"]).stdout);
}

#[test]
fn import_dry_run_reports_every_row() {
    let t = Test::new();
    std::fs::copy(repo().join("examples/import/现行有效目录.csv"), t.path().join("目录.csv")).unwrap();
    snapshot("import-dry-run.txt", &whole(&t.run_with(&["import", "目录.csv", "--dry-run"])));
}

#[test]
fn decide_catalog_fmt_and_diff_as_a_clerk_sees_them() {
    let t = Test::sample();
    git(&t, &["init", "-q", "-b", "main"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "示例"]);
    let decided = t.run_with(&[
        "decide",
        "ysl-2000-04",
        "废止",
        "--reason",
        "已被新规定替代",
        "--reviewer",
        "张三",
        "--date",
        "2007-08-20",
    ]);
    let undecided = t.run_with(&["decide", "ysl-2000-04", "修改", "--reviewer", "张三", "--date", "2007-08-21"]);
    snapshot("decide.txt", &format!("{}{}", whole(&decided), whole(&undecided)));
    snapshot(
        "catalog.txt",
        &whole(&t.run_with(&["catalog", "--out", "目录"])).replace(t.path().to_str().unwrap(), "…"),
    );
    snapshot("diff.md", &whole(&t.run_with(&["diff", "HEAD", "--format", "markdown"])));
    let messy = t.path().join("documents/messy.toml");
    std::fs::write(
        &messy,
        "issuer=\"永嘉县人民政府\"\ntitle = '关于测试的通知'\nissued = 2005-03-10\ndoc_number = \"永政发[2005]99号\"\n",
    )
    .unwrap();
    snapshot("fmt-check.txt", &whole(&t.run_with(&["fmt", "--check"])));
    assert!(Path::new(&messy).exists());
}

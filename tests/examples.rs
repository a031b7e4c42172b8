//! The CI recipes in `examples/ci/`: every `qingli` command they run is run
//! here, against the sample register in a throw-away git repository.

use std::process::Command;

use crate::support::{Test, repo};

/// The `qingli …` commands of a workflow's `run:` steps, in order.
fn commands(workflow: &str) -> Vec<String> {
    workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: "))
        .filter(|c| c.starts_with("qingli "))
        .map(str::to_owned)
        .collect()
}

fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A repository holding a copy of the sample register in `register/`.
fn sample_repo() -> Test {
    let t = Test::empty();
    crate::support::copy_tree(&repo().join("register"), &t.path().join("register"));
    git(t.path(), &["init", "-q", "-b", "main"]);
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-qm", "base"]);
    t
}

/// Runs a workflow command through `sh`, as the CI runner would.
fn run(t: &Test, cmd: &str, env: &[(&str, &str)]) -> (i32, String) {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_qingli")).parent().unwrap().to_owned();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut c = Command::new("sh");
    c.current_dir(t.path())
        .arg("-c")
        .arg(cmd)
        .env("PATH", path)
        .env("QINGLI_REGISTER", "register")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn scheduled_workflow() {
    let yaml = std::fs::read_to_string(repo().join("examples/ci/scheduled.yml")).unwrap();
    let cmds = commands(&yaml);
    assert_eq!(cmds, ["qingli check", "qingli catalog --out 清理目录 --xlsx", "qingli deadlines --fail-on overdue"]);
    let t = sample_repo();
    let expected = [0, 0, 1]; // the sample register, as of 2007-10-31, has overdue items
    for (cmd, want) in cmds.iter().zip(expected) {
        let (code, err) = run(&t, cmd, &[]);
        assert_eq!(code, want, "{cmd}: {err}");
    }
    assert!(t.path().join("清理目录/附件1-保留目录.csv").is_file());
    assert!(t.path().join("清理目录/清理结果.xlsx").is_file());
}

#[test]
fn pull_request_workflow() {
    let yaml = std::fs::read_to_string(repo().join("examples/ci/pull-request.yml")).unwrap();
    let cmds = commands(&yaml);
    assert_eq!(
        cmds,
        ["qingli fmt --check", "qingli check --strict", "qingli diff \"$BASE_SHA\" --format markdown > qingli-diff.md"]
    );
    let t = sample_repo();
    let base = git(t.path(), &["rev-parse", "HEAD"]).trim().to_owned();
    // The pull request: a clerk records a decision on a pending document.
    let doc = t.path().join("register/documents/education/yedu-2005-09.toml");
    let mut text = std::fs::read_to_string(&doc).unwrap();
    text.push_str("\n[review]\ndecision = \"保留\"\nreason = \"合法有效\"\ndecided = 2007-10-20\n");
    std::fs::write(&doc, text).unwrap();
    git(t.path(), &["commit", "-qam", "记录清理意见"]);
    for cmd in &cmds {
        let (code, err) = run(&t, cmd, &[("BASE_SHA", &base)]);
        assert_eq!(code, 0, "{cmd}: {err}");
    }
    let comment = std::fs::read_to_string(t.path().join("qingli-diff.md")).unwrap();
    assert!(comment.starts_with("### qingli diff:"), "{comment}");
    assert!(comment.contains("`review.decision`: — → 保留"), "{comment}");
}

#[test]
fn publish_site_workflow() {
    let yaml = std::fs::read_to_string(repo().join("examples/ci/publish-site.yml")).unwrap();
    let cmds = commands(&yaml);
    assert_eq!(cmds, ["qingli check", "qingli site --out 网站 --with-catalog"]);
    let t = sample_repo();
    for cmd in &cmds {
        let (code, err) = run(&t, cmd, &[]);
        assert_eq!(code, 0, "{cmd}: {err}");
    }
    for f in ["网站/index.html", "网站/清理结果.html", "网站/统计.html", "网站/清理结果.xlsx", "网站/.qingli-site"]
    {
        assert!(t.path().join(f).is_file(), "{f}");
    }
    // The internal Word notice is published only with --with-notice.
    assert!(!t.path().join("网站/清理结果通知.docx").exists());
}

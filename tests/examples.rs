//! The CI recipes in `examples/ci/` (GitHub Actions, GitLab CI, Gitee Go):
//! every `qingli` command line they hold is run here, through `sh` as a
//! runner would, against a register made by `qingli init` plus `qingli
//! import` of the shipped example sheet, in a git repository with a branch —
//! so recipes and tool cannot drift apart. The GitHub install step is run
//! too, against an archive in the release layout served from a file URL.

use std::path::Path;
use std::process::Command;

use crate::support::{Test, repo};

/// The `qingli …` command lines of a recipe, in order: `run:` steps and
/// script/command list items whose first word is `qingli`.
fn commands(recipe: &str) -> Vec<String> {
    recipe
        .lines()
        .map(str::trim)
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .map(|l| l.strip_prefix("run: ").unwrap_or(l))
        .filter(|c| c.starts_with("qingli "))
        .map(str::to_owned)
        .collect()
}

fn recipe(name: &str) -> String {
    std::fs::read_to_string(repo().join("examples/ci").join(name)).unwrap()
}

/// What the pull request's diff says of each explained decision.
const OVERRIDE: &str = "`review.override_reason`: — → 经复核,按原清理意见";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A register as an office starts one: `qingli init` (which makes the
/// repository on `main` with its first commit), then `qingli import` of the
/// example sheet, committed. The repository root is the register.
fn office() -> Test {
    let t = Test::empty();
    t.run_with(&["init", "reg", "--name", "某某县行政规范性文件登记簿"]).status(0);
    let sheet = repo().join("examples/import/现行有效目录.csv");
    t.run_with(&["--register", "reg", "import", sheet.to_str().unwrap()]).status(0);
    let reg = t.path().join("reg");
    git(&reg, &["add", "-A"]);
    git(&reg, &["commit", "-qm", "导入现行有效目录"]);
    t
}

/// The pull request: on a branch, a clerk gives the reasons the imported
/// sheet lacked (three of its decisions differ from the rules), so `check
/// --strict` passes and `diff` has something to say. Returns the base commit.
fn pull_request(t: &Test) -> String {
    let reg = t.path().join("reg");
    let base = git(&reg, &["rev-parse", "HEAD"]).trim().to_owned();
    git(&reg, &["switch", "-qc", "清理意见"]);
    let v = t.run_with(&["--register", "reg", "review", "--all", "--format", "json"]).json();
    let mut explained = 0;
    for doc in v["documents"].as_array().unwrap() {
        let (id, decision) = (doc["id"].as_str().unwrap(), doc["decision"].as_str().unwrap());
        if doc["agrees"] == false {
            t.run_with(&["--register", "reg", "decide", id, decision, "--override-reason", "经复核,按原清理意见"])
                .status(0);
            explained += 1;
        }
    }
    assert_eq!(explained, 3, "{v}");
    git(&reg, &["commit", "-qam", "说明清理意见与规则建议不同的理由"]);
    base
}

/// Runs a recipe's command through `sh` in the register, as a runner would.
fn run(t: &Test, cmd: &str, env: &[(&str, &str)]) -> (i32, String) {
    let path = crate::support::path_with_qingli();
    let mut c = Command::new("sh");
    c.current_dir(t.path().join("reg")).arg("-c").arg(cmd).env("PATH", path).env("NO_COLOR", "1");
    c.env_remove("QINGLI_REGISTER");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs every command, expecting each exit code; 2 (usage) is never right.
fn run_all(t: &Test, cmds: &[String], codes: &[i32], env: &[(&str, &str)]) {
    assert_eq!(cmds.len(), codes.len(), "{cmds:?}");
    for (cmd, want) in cmds.iter().zip(codes) {
        let (code, err) = run(t, cmd, env);
        assert_eq!(code, *want, "{cmd}: {err}");
    }
}

/// The scheduled commands, on the imported register: check passes (its
/// warnings are the sheet's unexplained decisions), the catalogue is written,
/// and the job fails on the one document whose validity ended in 2011 and
/// that still stands: a present problem, not history before `deadlines_from`.
fn scheduled(cmds: &[String]) {
    assert_eq!(cmds, ["qingli check", "qingli catalog --out 清理目录 --xlsx", "qingli deadlines --fail-on overdue"]);
    let t = office();
    run_all(&t, cmds, &[0, 0, 1], &[]);
    assert!(t.path().join("reg/清理目录/附件1-保留目录.csv").is_file());
    assert!(t.path().join("reg/清理目录/清理结果.xlsx").is_file());
}

#[test]
fn github_scheduled() {
    scheduled(&commands(&recipe("github-scheduled.yml")));
}

#[test]
fn github_pull_request() {
    let cmds = commands(&recipe("github-pull-request.yml"));
    assert_eq!(
        cmds,
        ["qingli fmt --check", "qingli check --strict", "qingli diff \"$BASE_SHA\" --format markdown > qingli-diff.md"]
    );
    let t = office();
    // Before the pull request the imported decisions lack their reasons.
    run_all(&t, &cmds[1..2], &[1], &[]);
    let base = pull_request(&t);
    run_all(&t, &cmds, &[0, 0, 0], &[("BASE_SHA", &base)]);
    let comment = t.read("reg/qingli-diff.md");
    assert!(comment.starts_with("### qingli diff:"), "{comment}");
    assert!(comment.contains(OVERRIDE), "{comment}");
    // The comment step marks the comment it updates.
    assert!(recipe("github-pull-request.yml").contains("startswith(\"<!-- qingli-diff -->\")"));
}

#[test]
fn github_site() {
    let cmds = commands(&recipe("github-site.yml"));
    assert_eq!(cmds, ["qingli check", "qingli site --out 网站 --with-catalog"]);
    let t = office();
    run_all(&t, &cmds, &[0, 0], &[]);
    for f in ["网站/index.html", "网站/清理结果.html", "网站/统计.html", "网站/清理结果.xlsx", "网站/.qingli-site"]
    {
        assert!(t.path().join("reg").join(f).is_file(), "{f}");
    }
    // The internal Word notice is published only with --with-notice.
    assert!(!t.path().join("reg/网站/清理结果通知.docx").exists());
}

#[test]
fn gitlab_recipe() {
    let all = commands(&recipe("gitlab-ci.yml"));
    assert_eq!(
        all,
        [
            "qingli fmt --check",
            "qingli check --strict",
            "qingli diff \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\" --format markdown > qingli-diff.md",
            "qingli check",
            "qingli catalog --out 清理目录 --xlsx",
            "qingli deadlines --fail-on overdue",
            "qingli check",
            "qingli site --out public --with-catalog",
        ]
    );
    scheduled(&all[3..6]);
    let t = office();
    let base = pull_request(&t);
    run_all(&t, &all[..3], &[0, 0, 0], &[("CI_MERGE_REQUEST_DIFF_BASE_SHA", &base)]);
    assert!(t.read("reg/qingli-diff.md").contains(OVERRIDE));
    run_all(&t, &all[6..], &[0, 0], &[]);
    assert!(t.path().join("reg/public/index.html").is_file());
}

#[test]
fn gitee_recipe() {
    let cmds = commands(&recipe("gitee-go.yml"));
    assert_eq!(
        cmds,
        [
            "qingli fmt --check",
            "qingli check --strict",
            "qingli diff \"$base\" --format text",
            "qingli catalog --out 清理目录 --xlsx"
        ]
    );
    let t = office();
    let base = pull_request(&t);
    run_all(&t, &cmds, &[0, 0, 0, 0], &[("base", &base)]);
}

/// Every recipe triggers on the register's own paths, as `init` lays them out.
#[test]
fn recipes_match_the_layout_init_makes() {
    for name in ["github-pull-request.yml", "github-site.yml", "gitlab-ci.yml"] {
        let text = recipe(name);
        for p in ["documents/**", "laws/**", "calendar/**", "qingli.toml"] {
            assert!(text.contains(p), "{name} does not trigger on {p}");
        }
        assert!(!text.contains("QINGLI_REGISTER"), "{name}: the register is the repository root");
    }
    for name in ["github-scheduled.yml", "github-pull-request.yml", "github-site.yml", "gitlab-ci.yml", "gitee-go.yml"]
    {
        let text = recipe(name);
        assert!(!text.contains("cargo install"), "{name} installs by compiling");
        assert!(text.contains("sha256sum --check --strict"), "{name} does not check the archive");
    }
}

/// The GitHub install step, run as written against an archive in the
/// release layout (pkg/archive.sh) served from a file URL: a wrong SHA-256
/// stops it, the right one puts `qingli` on the job's PATH.
#[test]
fn github_install_step_installs_a_checked_archive() {
    let text = recipe("github-scheduled.yml");
    let start = text.find("run: |\n          name=").expect("the install step") + "run: |\n".len();
    let lines: Vec<&str> = text[start..].lines().take_while(|l| l.starts_with("          ")).map(str::trim).collect();
    let script = lines.join("\n");
    let t = Test::empty();
    let version = "9.9.9";
    let name = format!("qingli-{version}-x86_64-unknown-linux-musl");
    let stage = t.path().join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_qingli"), stage.join("qingli")).unwrap();
    let dl = t.path().join(format!("dl/v{version}"));
    std::fs::create_dir_all(&dl).unwrap();
    let archive = dl.join(format!("{name}.tar.gz"));
    let ok = Command::new("tar")
        .args(["-czf", archive.to_str().unwrap(), "-C", t.path().join("stage").to_str().unwrap(), &name])
        .status()
        .unwrap();
    assert!(ok.success());
    let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
    let sum = String::from_utf8(sum.stdout).unwrap().split_whitespace().next().unwrap().to_owned();
    let home = t.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(t.path().join("reg")).unwrap();
    let url = format!("file://{}", t.path().join("dl").display());
    let gh_path = t.path().join("github_path");
    let run_install = |sha: &str| {
        Command::new("bash")
            .args(["-e", "-c", &script])
            .current_dir(t.path().join("reg"))
            .env("HOME", &home)
            .env("GITHUB_PATH", &gh_path)
            .env("QINGLI_VERSION", version)
            .env("QINGLI_URL", &url)
            .env("QINGLI_SHA256", sha)
            .output()
            .unwrap()
    };
    let bad = run_install(&"0".repeat(64));
    assert!(!bad.status.success(), "a wrong SHA-256 must stop the step");
    let unset = run_install("填写发布页 SHA256SUMS 中的值");
    assert!(String::from_utf8_lossy(&unset.stderr).contains("QINGLI_SHA256 未填写"), "{unset:?}");
    assert!(!home.join(".local/bin/qingli").exists());
    let good = run_install(&sum);
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    let installed = home.join(".local/bin/qingli");
    let v = Command::new(&installed).arg("--version").output().unwrap();
    assert!(String::from_utf8(v.stdout).unwrap().starts_with("qingli "));
    assert_eq!(std::fs::read_to_string(&gh_path).unwrap().trim(), home.join(".local/bin").to_str().unwrap());
    assert!(!t.path().join("reg/qingli.tar.gz").exists(), "the download is removed");
}

//! The test builder: a temporary register, the `qingli` binary, and
//! whole-output assertions. Snapshots live in `tests/snapshots/`; set
//! `QINGLI_BLESS=1` to (re)write them; a missing snapshot fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A minimal `qingli.toml`.
pub(crate) const CONFIG: &str = "[register]\nname = \"测试登记簿\"\n";

/// A small law table.
pub(crate) const LAWS: &str = r#"
[[law]]
name = "物权法"
full_name = "中华人民共和国物权法"
effective = 2007-10-01
repealed = 2021-01-01
replaced_by = "民法典"

[[law]]
name = "民法典"
full_name = "中华人民共和国民法典"
effective = 2021-01-01

[[law]]
name = "行政许可法"
full_name = "中华人民共和国行政许可法"
effective = 2004-07-01
revised = [2019-04-23]
"#;

pub(crate) struct Test {
    pub(crate) dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    cwd: Option<PathBuf>,
}

pub(crate) struct Output {
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Test {
    /// An empty temporary directory.
    pub(crate) fn empty() -> Self {
        Test { dir: tempfile::tempdir().unwrap(), args: Vec::new(), env: Vec::new(), cwd: None }
    }

    /// A register made by `qingli init` in `reg/`, commands run from inside it.
    pub(crate) fn initialised() -> Self {
        let t = Test::empty();
        t.run_with(&["init", "reg", "--name", "测试登记簿"]).status(0);
        t.cwd("reg")
    }

    /// A copy of the shipped sample register, at the top of the folder.
    pub(crate) fn sample() -> Self {
        let t = Test::empty();
        copy_tree(&repo().join("register"), t.path());
        t
    }

    /// A temporary register with `qingli.toml` and a law table.
    pub(crate) fn new() -> Self {
        Test::empty().write("qingli.toml", CONFIG).write("laws/laws.toml", LAWS)
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) relative to the register.
    pub(crate) fn write(self, rel: &str, text: &str) -> Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub(crate) fn write_bytes(self, rel: &str, bytes: &[u8]) -> Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// A document record with the three required keys plus `extra`.
    pub(crate) fn doc(self, rel: &str, extra: &str) -> Self {
        let text = format!("title = \"关于测试的通知\"\nissuer = \"测试县人民政府\"\nissued = 2005-03-10\n{extra}");
        self.write(&format!("documents/{rel}"), &text)
    }

    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    pub(crate) fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    pub(crate) fn cwd(mut self, rel: &str) -> Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(&p).unwrap();
        self.cwd = Some(p);
        self
    }

    pub(crate) fn run(&self) -> Output {
        run_in(self.cwd.as_deref().unwrap_or(self.dir.path()), &self.args, &self.env)
    }

    /// Runs with these arguments instead of the builder's, keeping the register.
    pub(crate) fn run_with(&self, args: &[&str]) -> Output {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        run_in(self.cwd.as_deref().unwrap_or(self.dir.path()), &args, &self.env)
    }

    /// Runs with these arguments and extra environment variables.
    pub(crate) fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let mut all = self.env.clone();
        all.extend(env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        run_in(self.cwd.as_deref().unwrap_or(self.dir.path()), &args, &all)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap()
    }
}

/// How long any one run of the binary may take before the test fails: a
/// hang (a deadlock, an endless loop on hostile input) must fail, not stall CI.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs the binary in `cwd`, killing it and failing the test past [`DEADLINE`].
pub(crate) fn run_in(cwd: &Path, args: &[String], env: &[(String, String)]) -> Output {
    run_under(&[], cwd, args, env)
}

/// Runs the binary under `wrapper` (e.g. `prlimit --as=N --`), as [`run_in`].
pub(crate) fn run_under(wrapper: &[&str], cwd: &Path, args: &[String], env: &[(String, String)]) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let bin = env!("CARGO_BIN_EXE_qingli");
    let mut cmd = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.current_dir(cwd)
        .args(args)
        .env_remove("QINGLI_REGISTER")
        .env_remove("QINGLI_PROGRESS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut pipe_out = child.stdout.take().unwrap();
    let mut pipe_err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        pipe_out.read_to_end(&mut b).map(|_| b)
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        pipe_err.read_to_end(&mut b).map(|_| b)
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("qingli {args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Output {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.join().unwrap().unwrap()).expect("stdout is UTF-8"),
        stderr: String::from_utf8(err.join().unwrap().unwrap()).expect("stderr is UTF-8"),
    }
}

/// Copies the folder `from` (files and folders) into `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dst = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
}

/// The repository root (where the sample register lives).
/// `PATH` with the tested binary's folder first, so a script's `qingli` is it.
pub(crate) fn path_with_qingli() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_qingli")).parent().unwrap().to_owned();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary from the repository root.
pub(crate) fn run_repo(args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    run_in(&repo(), &args, &[])
}

impl Output {
    #[track_caller]
    pub(crate) fn status(&self, code: i32) -> &Self {
        assert_eq!(self.status, code, "exit status\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub(crate) fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub(crate) fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}\n--- stderr\n{}", self.stderr);
        self
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// Compares `actual` with `tests/snapshots/<name>`, failing with a unified
/// diff. A missing snapshot fails too: `QINGLI_BLESS=1` (re)writes them.
#[track_caller]
pub(crate) fn snapshot(name: &str, actual: &str) {
    let path = repo().join("tests/snapshots").join(name);
    if std::env::var_os("QINGLI_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("snapshot {name} missing ({e}); write it with QINGLI_BLESS=1 cargo test and review it")
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, actual)
            .unified_diff()
            .context_radius(2)
            .header(&format!("tests/snapshots/{name}"), "actual")
            .to_string();
        panic!("snapshot {name} differs; rerun with QINGLI_BLESS=1 if intended\n{diff}");
    }
}

/// Runs git in the test's folder (a throw-away repository), failing on error.
pub(crate) fn git(t: &Test, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(t.path())
        .args(["-c", "user.name=测试", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every file under `root` with its bytes.
pub(crate) fn tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Whether a tool is on the PATH. When the environment variable `require`
/// is set (CI sets it once it has installed the tool), a missing tool fails
/// the test instead of skipping it.
pub(crate) fn have(tool: &str, require: &str) -> bool {
    let found =
        Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success());
    assert!(found || std::env::var_os(require).is_none(), "{tool} is required ({require})");
    found
}

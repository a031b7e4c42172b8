//! `qingli review --interactive`: refuses without a terminal, and driven in
//! a real terminal (tmux) writes each decision through `decide`'s code.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::Test;

const CFG: &str = "[register]\nname = \"测试登记簿\"\n\n[campaign]\nas_of = 2007-10-31\n";

#[test]
fn refuses_without_a_terminal() {
    let t = Test::new().write("qingli.toml", CFG).doc("a.toml", "");
    t.run_with(&["review", "--interactive"]).status(2).stderr_has("需要在终端中运行").stderr_has("qingli decide");
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "qingli"])
    }

    /// Waits (bounded) until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "screen never showed {text:?}:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

#[test]
fn decisions_made_on_screen_are_written_at_once() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the terminal test (.ci/run installs it)");
        return;
    }
    let t = Test::new()
        .write("qingli.toml", CFG)
        .write("documents/a.toml", "title = \"关于甲的通知\"\nissuer = \"县政府\"\nissued = 2005-01-01\ndoc_number = \"永政发〔2005〕1号\"\n")
        .write(
            "documents/b.toml",
            "# 乙\ntitle = \"关于乙的通知\"\nissuer = \"县政府\"\nissued = 2005-02-01\ndoc_number = \"永政发〔2005〕2号\"\napplies_until = 2006-01-01\n",
        );
    let tmux = Tmux { socket: format!("qingli-test-{}", std::process::id()) };
    let cmd = format!(
        "cd '{}' && NO_COLOR=1 QINGLI_REVIEWER=测试员 '{}' review -i; echo EXITED $?; sleep 30",
        t.path().display(),
        env!("CARGO_BIN_EXE_qingli")
    );
    tmux.run(&["new-session", "-d", "-s", "qingli", "-x", "100", "-y", "30", &cmd]);
    let first = tmux.wait_for("待决定 2");
    assert!(first.contains("永政发〔2005〕1号") && first.contains("永政发〔2005〕2号"), "{first}");
    // Ctrl-A and Alt-1 are not `a` and `1`: nothing is recorded.
    tmux.run(&["send-keys", "-t", "qingli", "C-a", "M-1"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(tmux.screen().contains("已决定 0 / 待决定 2"), "{}", tmux.screen());
    // `a`: the suggestion for the first undecided (甲 → 保留); the cursor moves on.
    tmux.run(&["send-keys", "-t", "qingli", "a"]);
    tmux.wait_for("已决定 1 / 待决定 1");
    // `3`: 废止 for 乙 (the rules suggest 失效): the reason prompt opens at
    // once, for 乙, and what is typed is 乙's public reason.
    tmux.run(&["send-keys", "-t", "qingli", "3"]);
    tmux.wait_for("请填写理由(将公布)");
    tmux.run(&["send-keys", "-t", "qingli", "-l", "已被新规定取代"]);
    tmux.run(&["send-keys", "-t", "qingli", "Enter"]);
    tmux.wait_for("已保存 b 的理由");
    // `o`: the internal note, on the same document.
    tmux.run(&["send-keys", "-t", "qingli", "o"]);
    tmux.wait_for("内部说明(不公布)");
    tmux.run(&["send-keys", "-t", "qingli", "-l", "经审定废止"]);
    tmux.run(&["send-keys", "-t", "qingli", "Enter"]);
    let start = Instant::now();
    while !t.read("documents/b.toml").contains("override_reason") {
        assert!(start.elapsed() < Duration::from_secs(20), "never written:\n{}", tmux.screen());
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.run(&["send-keys", "-t", "qingli", "q"]);
    tmux.wait_for("EXITED 0");
    let a = t.read("documents/a.toml");
    assert!(a.contains("decision = \"保留\"") && !a.contains("reason"), "{a}");
    let b = t.read("documents/b.toml");
    assert!(
        b.starts_with("# 乙\n")
            && b.contains("decision = \"废止\"")
            && b.contains("reason = \"已被新规定取代\"")
            && b.contains("override_reason = \"经审定废止\""),
        "{b}"
    );
    t.run_with(&["check", "--strict"]).status(0);
}

/// A register whose one document has a long explanation: at 80×24 its
/// conclusion is below the pane's first view.
fn long_record() -> Test {
    Test::new().write("qingli.toml", CFG).write(
        "documents/a.toml",
        "title = \"关于加强城镇房地产交易与物业管理若干问题的补充通知\"\nissuer = \"县人民政府办公室\"\nissued = 2005-01-01\ndoc_number = \"永政办发〔2005〕1号\"\nbasis = [\"物权法\"]\n\n[[finding]]\ntype = \"越权设定\"\nscope = \"partial\"\nnote = \"第五条设定了收费\"\n",
    )
}

#[test]
fn at_80_by_24_the_details_scroll_to_the_conclusion_and_sigterm_restores_the_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the terminal test (.ci/run installs it)");
        return;
    }
    let t = long_record();
    let tmux = Tmux { socket: format!("qingli-test-scroll-{}", std::process::id()) };
    // The register named on the command line: the signal below is sent to
    // this test's process only, by its (unique) path.
    let cmd = format!(
        "cd '{dir}' && NO_COLOR=1 '{}' --register '{dir}' review -i; echo EXITED $?; sleep 30",
        env!("CARGO_BIN_EXE_qingli"),
        dir = t.path().display(),
    );
    tmux.run(&["new-session", "-d", "-s", "qingli", "-x", "80", "-y", "24", &cmd]);
    let first = tmux.wait_for("待决定 1");
    assert!(!first.contains("清理结论"), "the conclusion is below the first view:\n{first}");
    assert!(first.contains("空格向下"), "the pane says it scrolls:\n{first}");
    let mut screen = first;
    for _ in 0..12 {
        if screen.contains("已到底") {
            break;
        }
        tmux.run(&["send-keys", "-t", "qingli", "Space"]);
        std::thread::sleep(Duration::from_millis(250));
        screen = tmux.screen();
    }
    assert!(screen.contains("清理结论") && screen.contains("规则建议"), "scrolled to the conclusion:\n{screen}");
    // SIGTERM quits like Ctrl-C: the terminal is restored and the shell goes on.
    let _ = Command::new("pkill")
        .args(["-TERM", "-f", "--", &format!("--register {} review -i", t.path().display())])
        .status();
    let after = tmux.wait_for("EXITED 0");
    assert!(!after.contains("事实与规则"), "the screen is the shell's again:\n{after}");
}

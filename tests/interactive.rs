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
    // `a`: the suggestion for the first undecided (甲 → 保留); the cursor moves on.
    tmux.run(&["send-keys", "-t", "qingli", "a"]);
    tmux.wait_for("已决定 1 / 待决定 1");
    // `2`: 修改 for 乙 (the rules suggest 失效: a disagreement).
    tmux.run(&["send-keys", "-t", "qingli", "2"]);
    tmux.wait_for("不一致 1");
    // `o` then Chinese text: the override reason.
    tmux.run(&["send-keys", "-t", "qingli", "k", "j", "o"]);
    tmux.run(&["send-keys", "-t", "qingli", "-l", "经审定修改后继续执行"]);
    tmux.run(&["send-keys", "-t", "qingli", "Enter"]);
    tmux.wait_for("已保存 b 的理由");
    tmux.run(&["send-keys", "-t", "qingli", "q"]);
    tmux.wait_for("EXITED 0");
    let a = t.read("documents/a.toml");
    assert!(
        a.ends_with("[review]\ndecision = \"保留\"\nreviewer = \"测试员\"\n") || a.contains("decision = \"保留\""),
        "{a}"
    );
    let b = t.read("documents/b.toml");
    assert!(
        b.starts_with("# 乙\n")
            && b.contains("decision = \"修改\"")
            && b.contains("override_reason = \"经审定修改后继续执行\""),
        "{b}"
    );
    t.run_with(&["check", "--strict"]).status(0);
}

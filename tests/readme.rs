//! The README's five-minute tour, run literally as written, line by line in
//! one shell, in a new folder holding only the example sheet: a clerk who
//! follows it from top to bottom gets no error.

use std::process::Command;

use crate::support::{Test, repo};

/// The first `sh` code block under the tour's heading.
fn tour() -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let at = readme.find("## 五分钟上手").expect("the tour heading");
    let start = readme[at..].find("```sh\n").unwrap() + at + "```sh\n".len();
    let end = readme[start..].find("```").unwrap() + start;
    readme[start..end].to_owned()
}

#[test]
fn the_tour_runs_as_written_in_a_new_folder() {
    let script = tour();
    assert!(script.starts_with("qingli init "), "the tour starts a register: {script}");
    let t = Test::empty();
    std::fs::copy(repo().join("examples/import/现行有效目录.csv"), t.path().join("现行有效目录.csv")).unwrap();
    let path = crate::support::path_with_qingli();
    // -e: every line must succeed; -x: the failing line is named.
    let out = Command::new("sh")
        .args(["-e", "-x", "-c", &script])
        .current_dir(t.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("QINGLI_REGISTER")
        .output()
        .unwrap();
    assert!(out.status.success(), "the tour stopped:\n{}", String::from_utf8_lossy(&out.stderr));
    let reg = t.path().join("登记簿");
    for f in ["期限提醒.xlsx", "清理目录/附件1-保留目录.csv", "清理目录/清理结果通知.docx", "网站/index.html"]
    {
        assert!(reg.join(f).is_file(), "{f}");
    }
    let record = std::fs::read_to_string(reg.join("documents/永政发-2006-3号.toml")).unwrap();
    assert!(record.contains("override_reason = \"有效期届满前已启动修改\""), "{record}");
}

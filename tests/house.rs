//! The house rules, checked: commands orchestrate (no report text in
//! `src/cmd/`), every module says what it owns, and the map in `lib.rs`
//! names every module.

use crate::support::repo;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(repo().join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| (e.path().display().to_string(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn commands_write_no_report_text() {
    for (file, text) in sources("src/cmd") {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("write!(") && !code.contains("writeln!(") && !code.contains("println!("),
                "{file}:{}: commands hand text to render/, they do not write it: {line}",
                n + 1
            );
        }
    }
}

#[test]
fn every_module_says_what_it_owns() {
    for (file, text) in sources("src") {
        if file.ends_with("/tests.rs") {
            continue;
        }
        assert!(text.starts_with("//!"), "{file} starts without a //! module doc");
    }
}

#[test]
fn the_maps_name_every_module() {
    // lib.rs and each folder's mod.rs list their modules in their //! doc.
    let maps = sources("src").into_iter().filter(|(f, _)| f.ends_with("src/lib.rs") || f.ends_with("/mod.rs"));
    for (file, text) in maps {
        let doc: String = text.lines().filter(|l| l.starts_with("//!")).collect::<Vec<_>>().join("\n");
        for line in text.lines() {
            let decl = line.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                if name == "tests" {
                    continue;
                }
                assert!(doc.contains(&format!("`{name}`")), "{file}: the map does not name `{name}`");
            }
        }
    }
}

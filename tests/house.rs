//! The house rules, checked: the layers of `lib.rs`'s map hold (no module
//! uses one of a later layer, none import each other in a circle), no file
//! is over 800 lines, `unsafe` is forbidden, commands orchestrate (no
//! report text in `src/cmd/`), every module says what it owns, and the maps
//! in `lib.rs` and each `mod.rs` name every module. The checks are plain
//! functions over (file, text) pairs, so planted violations show they fail.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::repo;

/// The longest a source file may be.
const MAX_LINES: usize = 800;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(repo().join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(repo()).unwrap().display().to_string().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The module a file under `src/` is (`load::parse::document`); the crate
/// root (`lib.rs`, `main.rs`) is `crate`.
fn module_of(file: &str) -> String {
    let rel = file.trim_start_matches("src/").trim_end_matches(".rs");
    let parts: Vec<&str> = rel.split('/').filter(|p| !matches!(*p, "mod" | "lib" | "main")).collect();
    if parts.is_empty() { "crate".to_owned() } else { parts.join("::") }
}

/// A file's code: without its comments, and without its test module
/// (`#[cfg(test)] mod tests` at the end, as every file here keeps it).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The layers of the map in `lib.rs`'s doc: each numbered item, with the
/// top-level modules it names (as links or in backticks).
fn layers(lib: &str, modules: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut layers: Vec<String> = Vec::new();
    for line in lib.lines().take_while(|l| l.starts_with("//!")) {
        let text = line.trim_start_matches("//!").trim_start();
        let numbered =
            text.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            layers.push(String::new());
        }
        if let Some(last) = layers.last_mut() {
            if text.is_empty() {
                continue;
            }
            last.push(' ');
            last.push_str(text);
        }
    }
    layers
        .iter()
        .map(|item| {
            let mut names: Vec<String> =
                item.split('`').skip(1).step_by(2).filter(|w| modules.contains(*w)).map(str::to_owned).collect();
            names.dedup();
            names
        })
        .collect()
}

/// Every use of another module: (from, to), with the line, for each
/// `crate::a::b` path in the code, resolved to the longest module it names.
fn edges(files: &[(String, String)]) -> Vec<(String, String, String)> {
    let modules: BTreeSet<String> = files.iter().map(|(f, _)| module_of(f)).collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|k| parts[..k].join("::")).find(|m| modules.contains(m))
    };
    let mut out = Vec::new();
    for (file, text) in files {
        let from = module_of(file);
        for line in code_of(text).lines() {
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                // `crate::a::b::{c, d::e}` names a::b::c and a::b::d::e.
                let path: String =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
                let path = path.trim_end_matches(':');
                let mut named = vec![path.to_owned()];
                let after = rest[path.len()..].trim_start_matches("::");
                if after.starts_with('{')
                    && let Some(end) = after.find('}')
                {
                    let prefix = if path.is_empty() { String::new() } else { format!("{path}::") };
                    named = after[1..end]
                        .split(',')
                        .map(|i| format!("{prefix}{}", i.trim().split(' ').next().unwrap_or("")))
                        .collect();
                }
                for n in named {
                    if let Some(to) = resolve(&n)
                        && to != from
                    {
                        out.push((from.clone(), to, line.trim().to_owned()));
                    }
                }
            }
        }
    }
    out
}

/// Uses of a module of a later layer than the user's, as messages.
fn upward(files: &[(String, String)], lib: &str) -> Vec<String> {
    let top = |m: &str| m.split("::").next().unwrap_or(m).to_owned();
    let modules: BTreeSet<String> = files.iter().map(|(f, _)| top(&module_of(f))).collect();
    let mut layer: BTreeMap<String, usize> = BTreeMap::new();
    for (n, names) in layers(lib, &modules).iter().enumerate() {
        for name in names {
            layer.entry(name.clone()).or_insert(n);
        }
    }
    let mut out: Vec<String> = modules
        .iter()
        .filter(|m| *m != "crate" && !layer.contains_key(*m))
        .map(|m| format!("the map names no layer for `{m}`"))
        .collect();
    let last = layers(lib, &modules).len();
    let rank = |m: &str| if m == "crate" { last } else { layer.get(&top(m)).copied().unwrap_or(last) };
    for (from, to, line) in edges(files) {
        if rank(&to) > rank(&from) {
            out.push(format!("{from} (layer {}) uses {to} (layer {}): {line}", rank(&from) + 1, rank(&to) + 1));
        }
    }
    out
}

/// Depth-first search for circles from `m` (state 1: on the path, 2: done).
fn visit(
    m: &str,
    next: &BTreeMap<String, BTreeSet<String>>,
    state: &mut BTreeMap<String, u8>,
    path: &mut Vec<String>,
    found: &mut Vec<Vec<String>>,
) {
    state.insert(m.to_owned(), 1);
    path.push(m.to_owned());
    for n in next.get(m).into_iter().flatten() {
        match state.get(n) {
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap_or(0);
                found.push(path[at..].to_vec());
            }
            Some(_) => {}
            None => visit(n, next, state, path, found),
        }
    }
    path.pop();
    state.insert(m.to_owned(), 2);
}

/// The circles in the module graph, each as its modules.
fn circles(files: &[(String, String)]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to, _) in edges(files) {
        // A folder's mod.rs and its children are one place.
        if !to.starts_with(&format!("{from}::")) && !from.starts_with(&format!("{to}::")) {
            next.entry(from).or_default().insert(to);
        }
    }
    let mut state = BTreeMap::new();
    let mut found = Vec::new();
    for m in next.keys() {
        if !state.contains_key(m) {
            visit(m, &next, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
}

/// Files over [`MAX_LINES`] lines.
fn long_files(files: &[(String, String)]) -> Vec<String> {
    files
        .iter()
        .filter(|(_, t)| t.lines().count() > MAX_LINES)
        .map(|(f, t)| format!("{f}: {} lines", t.lines().count()))
        .collect()
}

/// Code that uses `unsafe`.
fn unsafe_code(files: &[(String, String)]) -> Vec<String> {
    files
        .iter()
        .flat_map(|(f, t)| {
            t.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .filter(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "unsafe"))
                .map(move |l| format!("{f}: {}", l.trim()))
        })
        .collect()
}

fn lib() -> String {
    std::fs::read_to_string(repo().join("src/lib.rs")).unwrap()
}

#[test]
fn the_layers_of_the_map_hold() {
    let files = sources("src");
    assert!(layers(&lib(), &files.iter().map(|(f, _)| module_of(f)).collect()).len() >= 6);
    let bad = upward(&files, &lib());
    assert!(bad.is_empty(), "imports against the map in lib.rs:\n{}", bad.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let found = circles(&sources("src"));
    assert!(found.is_empty(), "circles: {found:?}");
}

#[test]
fn no_file_is_over_800_lines() {
    let long = long_files(&sources("src"));
    assert!(long.is_empty(), "split by concept:\n{}", long.join("\n"));
}

#[test]
fn unsafe_is_forbidden() {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("unsafe_code = \"forbid\""), "Cargo.toml must forbid unsafe_code");
    let found = unsafe_code(&sources("src"));
    assert!(found.is_empty(), "{found:?}");
}

/// Each check fails on what it guards: a planted upward import, a circle,
/// an 801-line file and an `unsafe` block.
#[test]
fn the_checks_catch_what_they_guard() {
    let lib = "//! 1. [`diag`] first.\n//! 2. [`load`] next.\n//! 3. [`render`] last.\n";
    let file = |f: &str, t: &str| (f.to_owned(), t.to_owned());
    let clean = vec![
        file("src/lib.rs", lib),
        file("src/diag.rs", "//! d\n"),
        file("src/load/mod.rs", "//! l\nuse crate::diag::Code;\n"),
        file("src/render/mod.rs", "//! r\nuse crate::load::register::{Register, Excluded};\n"),
    ];
    assert!(upward(&clean, lib).is_empty(), "{:?}", upward(&clean, lib));
    assert!(circles(&clean).is_empty());
    let mut up = clean.clone();
    up[2].1.push_str("fn f() { crate::render::table(); }\n");
    assert_eq!(upward(&up, lib).len(), 1, "{:?}", upward(&up, lib));
    let mut unmapped = clean.clone();
    unmapped.push(file("src/extra.rs", "//! e\n"));
    assert_eq!(upward(&unmapped, lib), ["the map names no layer for `extra`"]);
    let mut circle = clean.clone();
    circle.push(file("src/load/a.rs", "//! a\nuse crate::load::b;\n"));
    circle.push(file("src/load/b.rs", "//! b\nuse crate::{diag, load::a};\n"));
    assert_eq!(circles(&circle), [vec!["load::a".to_owned(), "load::b".to_owned()]]);
    // A test module's and a comment's imports do not count.
    let mut tests_only = clean.clone();
    tests_only[1].1.push_str("// crate::render::x\n#[cfg(test)]\nmod tests {\n    use crate::render;\n}\n");
    assert!(upward(&tests_only, lib).is_empty());
    let long =
        vec![file("src/big.rs", &"let x = 1;\n".repeat(MAX_LINES + 1)), file("src/ok.rs", &"x\n".repeat(MAX_LINES))];
    assert_eq!(long_files(&long), ["src/big.rs: 801 lines"]);
    let planted =
        vec![file("src/a.rs", "fn f() { unsafe { g() } }\n// unsafe in a comment\nlet not_unsafe_word = 1;\n")];
    assert_eq!(unsafe_code(&planted).len(), 1);
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

//! What the packages install (Cargo.toml's `package.metadata.deb` and
//! `generate-rpm`, pkg/archive.sh): the committed man page and completions
//! are what the binary generates, and every asset the packages name exists.

use crate::support::{repo, run_repo};

/// A committed file equals what the binary prints now; `QINGLI_BLESS=1`
/// rewrites it after an intended change to the command line.
fn committed(path: &str, args: &[&str]) {
    let out = run_repo(args);
    out.status(0);
    let actual = out.stdout;
    let file = repo().join(path);
    if std::env::var_os("QINGLI_BLESS").is_some() {
        std::fs::write(&file, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap();
    assert!(
        expected == actual,
        "{path} is not what `qingli {}` prints: rerun with QINGLI_BLESS=1 cargo test and commit it",
        args.join(" ")
    );
}

#[test]
fn the_man_page_and_completions_are_generated_ones() {
    committed("pkg/qingli.1", &["man"]);
    committed("pkg/completions/qingli.bash", &["completions", "bash"]);
    committed("pkg/completions/_qingli", &["completions", "zsh"]);
    committed("pkg/completions/qingli.fish", &["completions", "fish"]);
    committed("pkg/completions/_qingli.ps1", &["completions", "powershell"]);
}

/// Every source file the .deb and .rpm name is in the repository (a glob
/// names at least one file), so `cargo deb` works from a clean clone.
#[test]
fn every_package_asset_exists() {
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let meta = &manifest["package"]["metadata"];
    let mut sources: Vec<String> =
        meta["deb"]["assets"].as_array().unwrap().iter().map(|a| a[0].as_str().unwrap().to_owned()).collect();
    sources.extend(
        meta["generate-rpm"]["assets"].as_array().unwrap().iter().map(|a| a["source"].as_str().unwrap().to_owned()),
    );
    assert!(sources.len() >= 18, "{sources:?}");
    for s in sources.iter().filter(|s| !s.starts_with("target/")) {
        if let Some(dir) = s.strip_suffix("/*.md") {
            let n = std::fs::read_dir(repo().join(dir))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
                .count();
            assert!(n > 0, "{s} names no file");
        } else {
            assert!(repo().join(s).is_file(), "{s} is missing");
        }
    }
    // The man page and completions each ship in both packages.
    for f in ["pkg/qingli.1", "pkg/completions/qingli.bash", "pkg/completions/_qingli", "pkg/completions/qingli.fish"] {
        assert_eq!(sources.iter().filter(|s| *s == f).count(), 2, "{f}");
    }
}

//! Fault hooks for the integration tests: a file changed just before the
//! rename that replaces it, a rename of an output set that fails.
//!
//! Compiled only with the cargo feature `test-hooks`, which `cargo test`
//! turns on (the dev-dependency of this crate on itself); a release binary
//! has none, and without the feature every hook is a no-op. The settings
//! are read from the environment once, where the context is built
//! ([`init`], from `lib.rs`): `QINGLI_TEST_CHANGE_BEFORE_RENAME` (`pipe`:
//! the file becomes a pipe; anything else: a line is appended) and
//! `QINGLI_TEST_FAIL_RENAME=N` (the N-th rename of a set fails),
//! `QINGLI_TEST_BEFORE_EDIT` (between loading and an in-place edit's read:
//! `link:TARGET` replaces the record by a link to TARGET, `gbk` re-saves it
//! in GBK, `truncate` empties it), `QINGLI_TEST_KILL_AT_RENAME=N` (the
//! process dies, as under `kill -9`, before the N-th rename of a set).

use std::path::Path;

/// The hooks in force.
#[cfg(feature = "test-hooks")]
#[derive(Debug, Default)]
struct Hooks {
    change_before_rename: Option<String>,
    fail_rename: Option<usize>,
    before_edit: Option<String>,
    kill_at_rename: Option<usize>,
}

#[cfg(feature = "test-hooks")]
static HOOKS: std::sync::OnceLock<Hooks> = std::sync::OnceLock::new();

/// Reads the hooks from the environment, once per process.
pub(crate) fn init() {
    #[cfg(feature = "test-hooks")]
    HOOKS.get_or_init(|| Hooks {
        change_before_rename: std::env::var("QINGLI_TEST_CHANGE_BEFORE_RENAME").ok(),
        fail_rename: std::env::var("QINGLI_TEST_FAIL_RENAME").ok().and_then(|v| v.parse().ok()),
        before_edit: std::env::var("QINGLI_TEST_BEFORE_EDIT").ok(),
        kill_at_rename: std::env::var("QINGLI_TEST_KILL_AT_RENAME").ok().and_then(|v| v.parse().ok()),
    });
}

#[cfg(feature = "test-hooks")]
fn hooks() -> Option<&'static Hooks> {
    HOOKS.get()
}

/// Someone else changes `path` between qingli's read and its rename.
#[cfg(feature = "test-hooks")]
pub(crate) fn change_before_rename(path: &Path) {
    use std::io::Write;
    match hooks().and_then(|h| h.change_before_rename.as_deref()) {
        // The file replaced by a pipe, which would wait for a writer if opened to read.
        #[cfg(unix)]
        Some("pipe") => {
            let _ = std::fs::remove_file(path);
            let _ = rustix::fs::mknodat(
                rustix::fs::CWD,
                path,
                rustix::fs::FileType::Fifo,
                rustix::fs::Mode::from_raw_mode(0o644),
                0,
            );
        }
        Some(_) => {
            if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(path) {
                let _ = f.write_all(b"# changed by someone else\n");
            }
        }
        None => {}
    }
}

#[cfg(not(feature = "test-hooks"))]
pub(crate) fn change_before_rename(_: &Path) {}

/// Someone changes the record at `path` after qingli loaded it and before
/// an in-place edit reads it.
#[cfg(feature = "test-hooks")]
pub(crate) fn before_edit(path: &Path) {
    match hooks().and_then(|h| h.before_edit.as_deref()) {
        #[cfg(unix)]
        Some(action) if action.starts_with("link:") => {
            let _ = std::fs::remove_file(path);
            let _ = std::os::unix::fs::symlink(&action["link:".len()..], path);
        }
        Some("gbk") => {
            if let Ok(text) = std::fs::read_to_string(path) {
                let _ = std::fs::write(path, encoding_rs::GBK.encode(&text).0);
            }
        }
        Some("truncate") => {
            let _ = std::fs::File::create(path);
        }
        _ => {}
    }
}

#[cfg(not(feature = "test-hooks"))]
pub(crate) fn before_edit(_: &Path) {}

/// The process dies before the `n`-th rename of an output set (counted
/// from 1): no destructor runs, temporary files stay, as under `kill -9`.
#[cfg(feature = "test-hooks")]
pub(crate) fn killed_during_renames(n: usize) {
    if hooks().and_then(|h| h.kill_at_rename) == Some(n) {
        std::process::abort();
    }
}

#[cfg(not(feature = "test-hooks"))]
pub(crate) fn killed_during_renames(_: usize) {}

/// The `n`-th rename of an output set (counted from 1) fails.
#[cfg(feature = "test-hooks")]
pub(crate) fn fail_rename(n: usize) -> std::io::Result<()> {
    match hooks().and_then(|h| h.fail_rename) {
        Some(fail) if fail == n => Err(std::io::Error::other("模拟的改名失败(QINGLI_TEST_FAIL_RENAME)")),
        _ => Ok(()),
    }
}

#[cfg(not(feature = "test-hooks"))]
#[allow(clippy::unnecessary_wraps, reason = "the same signature as the hooked build's")]
pub(crate) fn fail_rename(_: usize) -> std::io::Result<()> {
    Ok(())
}

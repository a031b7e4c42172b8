//! One module per subcommand. Commands orchestrate: they load the register,
//! call the engine and hand results to `render`. They parse no TOML and
//! format no reports themselves. Each returns the exit code (0 or 1); an
//! `Err` means the command could not run (exit 2).
//!
//! `check`, `review`, `deadlines`, `catalog`, `diff`, `fmt`, `init`, `new`,
//! `import`, `decide`; `interactive` is `review --interactive`;
//! `shell` has `completions` and `man`. Shared: `release`.

pub(crate) mod catalog;
pub(crate) mod check;
pub(crate) mod deadlines;
pub(crate) mod decide;
pub(crate) mod diff;
pub(crate) mod fmt;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod interactive;
pub(crate) mod new;
pub(crate) mod review;
pub(crate) mod shell;

/// Lets go of a loaded register (and whatever was computed from it) on a
/// background thread: freeing hundreds of thousands of records one by one
/// only delays the exit, and the process exits as soon as the report is
/// flushed, without waiting for that thread. Nothing leaks when the library
/// runs several commands in one process: the thread frees everything.
pub(crate) fn release<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

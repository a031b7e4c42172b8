//! Integration tests: every test runs the real `qingli` binary against a
//! register built in a temporary directory (or the shipped sample).

mod support;

mod bounded;
mod catalog;
mod check;
mod deadlines;
mod decide;
mod diff;
mod edits;
mod examples;
mod excluded;
mod fmt;
mod gate;
mod hostile;
mod hostile_values;
mod house;
mod import;
mod import_forms;
mod init_new;
mod interactive;
mod jsonl;
mod laws;
mod notice;
mod outputs;
// Kills at a rename (strace), file modes and links: Unix premises.
#[cfg(unix)]
mod outsets;
mod packaging;
mod public_site;
mod readme;
mod reasons;
mod review;
mod sample;
mod scan;
mod site;
mod site_text;
mod text;
// Links, modes and named pipes: Unix premises (docs/windows.md).
#[cfg(unix)]
mod writepath;

//! The reading side: from files (on disk or in a git revision) to a checked
//! register.
//!
//! - [`source`]: positions and source lines.
//! - [`model`]: the typed register model; [`intern`]: text records share.
//! - [`read`]: typed values out of a spanned TOML tree; [`parse`]: one file's
//!   text → records plus diagnostics.
//! - [`laws`]: the law table and name resolution; [`calendar`]: working days.
//! - [`register`]: discovery, the walk, (parallel) loading and the records
//!   left out; [`disk`]: reading records from disk (by folder handle, or ahead); [`git`]: a register's files at a revision; [`revision`]: a
//!   register loaded from one, sharing the records another revision has.
//! - [`index`]: report order, and the lookups by id and by 文号.
//! - [`pages`]: small memory pages for a province-scale load.
//! - [`validate`]: cross-file checks and everything `check` reports.
//! - [`sheet`]: a clerk's spreadsheets (.xlsx/.xls/.ods/.csv) as rows, for `import`.

pub(crate) mod calendar;
pub(crate) mod disk;
pub(crate) mod git;
pub(crate) mod index;
pub(crate) mod intern;
pub(crate) mod laws;
pub(crate) mod model;
pub(crate) mod pages;
pub(crate) mod parse;
pub(crate) mod read;
pub(crate) mod register;
pub(crate) mod revision;
pub(crate) mod sheet;
pub(crate) mod source;
pub(crate) mod validate;

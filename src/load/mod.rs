//! The reading side: from files (on disk or in a git revision) to a
//! loaded register, in plain steps, one module each:
//!
//! [`discover`] (where the register is) → [`walk`] (which files it has) →
//! [`files`] (their bytes, from disk or from a revision, decoded) →
//! [`parse`] (one file's text → records plus diagnostics, through [`read`],
//! typed values out of a spanned TOML tree) → [`index`] (report order, the
//! lookups by id and by 文号) → [`register`] (the loaded register and the
//! records left out).
//!
//! Beside them: [`model`], the typed register model, and [`intern`], the
//! text records share; [`laws`], the law table and name resolution;
//! [`calendar`], working days; [`git`], a register's files at a revision,
//! and [`revision`], a register loaded from one, sharing the records another
//! revision has; [`validate`], the cross-file checks; [`texts`], the
//! document texts beside the records, checked (read by `check` only). Judges nothing: the
//! findings every command reads are put together in [`crate::gate`].

pub(crate) mod calendar;
pub(crate) mod discover;
pub(crate) mod files;
pub(crate) mod git;
pub(crate) mod index;
pub(crate) mod intern;
pub(crate) mod laws;
pub(crate) mod model;
pub(crate) mod parse;
pub(crate) mod read;
pub(crate) mod register;
pub(crate) mod revision;
pub(crate) mod texts;
pub(crate) mod validate;
pub(crate) mod walk;

//! The writing side: what qingli writes into a register or an output folder.
//!
//! - [`canon`]: the canonical form of register files (`fmt`, `new`).
//! - [`atomic`]: atomic writes, new-file creation and the one in-place edit.
//! - [`outset`]: output sets (`catalog`, `site`): a marker with each file's
//!   hash, a journal of renames, recovery after a kill, safe stale removal.
//! - [`record`]: new records (id rule, commented template) for `new` and `import`.
//! - [`decide`]: a decision written into a record's `[review]`, every other byte kept;
//!   the one in-place edit path.
//! - [`fill`]: the keys `scan --apply` adds to a record from its text.
//! - [`import`]: planning an import from spreadsheet rows (create, update, match).
//! - [`text`]: documents' texts put beside their records (`text add`, `text import`).

pub(crate) mod atomic;
pub(crate) mod canon;
pub(crate) mod decide;
pub(crate) mod fill;
pub(crate) mod import;
pub(crate) mod outset;
pub(crate) mod record;
pub(crate) mod text;

//! The writing side: what qingli writes into a register or an output folder.
//!
//! - [`canon`]: the canonical form of register files (`fmt`, `new`).
//! - [`fsx`]: atomic writes and new-file creation.
//! - [`record`]: new records (id rule, commented template) for `new` and `import`.
//! - [`import`]: planning an import from spreadsheet rows (create, update, match).

pub(crate) mod canon;
pub(crate) mod fsx;
pub(crate) mod import;
pub(crate) mod record;

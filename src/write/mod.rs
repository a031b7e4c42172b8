//! The writing side: what qingli writes into a register or an output folder.
//!
//! - [`canon`]: the canonical form of register files (`fmt`, `new`).
//! - [`fsx`]: atomic writes and new-file creation.

pub(crate) mod canon;
pub(crate) mod fsx;

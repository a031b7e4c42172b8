//! qingli (清理): a toolkit for the periodic cleanup of normative documents.
//! (Skeleton while the modules land.)
pub mod calendar;
pub mod dates;
pub mod diag;
pub mod docnum;
pub mod laws;
pub mod model;
pub mod parse;
pub mod read;
pub mod register;
pub mod rules;
pub mod source;
pub mod validate;

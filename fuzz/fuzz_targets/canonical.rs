//! `qingli fmt`'s canonicaliser: idempotent, and never changes parsed data
//! (apart from the normalised 文号).
#![no_main]
libfuzzer_sys::fuzz_target!(|s: &str| qingli::props::canonical(s));

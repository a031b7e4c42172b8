//! Any string as a 文号: normalisation is idempotent and agrees with the
//! comparison key, the standard-form test and the 代字.
#![no_main]
libfuzzer_sys::fuzz_target!(|s: &str| qingli::props::doc_number(s));

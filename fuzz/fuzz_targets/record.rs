//! Any bytes as a record file: decoding, parsing and validation never panic
//! and every diagnostic points inside the file.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| qingli::props::record(data));

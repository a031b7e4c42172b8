//! Working-day arithmetic: adding N working days and counting them back
//! round-trips, from any start date in 2018–2028.
#![no_main]
libfuzzer_sys::fuzz_target!(|input: (u32, u16)| qingli::props::workdays(input.0, input.1));

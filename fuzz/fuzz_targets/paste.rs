//! A block pasted from Excel or WPS into the indicator grid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parkledger::domain::paste::parse_block(&text);
});

//! A work summary's text: normalisation (pinyin, traditional characters, full width) and
//! the figure finder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parkledger::extract::extract(&text);
});

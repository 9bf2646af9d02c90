//! A workbook (.xlsx, .xls, .ods) read from bytes through calamine, as the import does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkledger::import::read;

fuzz_target!(|data: &[u8]| {
    let _ = read::read_bytes(data, "xlsx");
});

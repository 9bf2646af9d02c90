//! A Word document's text, as the review of old work summaries reads it: a zip of XML,
//! so both the zip reader and the XML walk see hostile bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parkledger::import::docx::document_text(data);
});

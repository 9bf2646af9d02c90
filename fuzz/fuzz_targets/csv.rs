//! A CSV file as a clerk might hand it over: decoding (UTF-8, BOM, GBK), the CSV reader,
//! then the import planner against the sample database, without writing anything.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkledger::import::{plan_sheets, read};
use parkledger::store::Store;

thread_local! {
    /// The sample database in memory, built once: planning only reads it.
    static SAMPLE: (Store, String) = {
        let mut store = Store::open_in_memory().expect("in-memory store");
        parkledger::sample::populate(&mut store).expect("sample data");
        let park = store.parks().expect("parks")[0].name.clone();
        (store, park)
    };
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = read::decode_csv(data) else { return };
    let Ok(rows) = read::parse_csv(&text) else { return };
    SAMPLE.with(|(store, park)| {
        // Named after a park, the sheet is also read as a wide sheet of that park.
        let sheet = read::Sheet { name: park.clone(), rows };
        let _ = plan_sheets(store, &[sheet], None, "fuzz");
    });
});

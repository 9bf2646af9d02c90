//! What a clerk types into a cell or a header: periods (`2020年1-6月`, `上半年`), amounts
//! with units (`２０．６６亿元`, `500万元`) and growth rates (`下降0.6%`, `增长1.8倍`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use parkledger::domain::indicator::{BUILTIN_INDICATORS, Indicator};
use parkledger::domain::period::{Period, parse_span};
use parkledger::domain::value::{parse_amount, parse_rate};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the indicator, so every unit and sign rule gets its turn.
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let b = &BUILTIN_INDICATORS[usize::from(pick) % BUILTIN_INDICATORS.len()];
    let indicator = Indicator {
        id: 1,
        name_zh: b.name_zh.to_owned(),
        name_en: b.name_en.to_owned(),
        unit: b.unit.to_owned(),
        category: b.category,
        precision: b.precision,
        nature: b.nature,
        parent: None,
        builtin: true,
        sort_order: 0,
    };
    if let Ok(p) = Period::parse(&text) {
        // What is read back is a valid period: its label reads back the same.
        assert_eq!(Period::parse(&p.label_zh()), Ok(p), "{text:?}");
    }
    let _ = parse_span(&text);
    if let Ok(rate) = parse_rate(&text) {
        assert!(rate.is_finite(), "{text:?}");
    }
    if let Ok(amount) = parse_amount(&text, &indicator) {
        assert!(amount.value.is_finite(), "{text:?}");
    }
});

//! Inputs that parsers of outside data must survive, from the fuzz targets in `fuzz/`:
//! what a clerk sees for each is an error or an empty result, never a crash. Inputs the
//! fuzzers found are added here once fixed (see fuzz/README.md).

use parkledger::domain::indicator::{BUILTIN_INDICATORS, Indicator};
use parkledger::domain::paste::parse_block;
use parkledger::domain::period::{Period, PeriodError, parse_span};
use parkledger::domain::value::{AmountError, parse_amount, parse_rate};
use parkledger::extract::extract;
use parkledger::import::{plan_sheets, read};

use crate::common::sample_db;

fn indicator(name: &str) -> Indicator {
    let b = BUILTIN_INDICATORS.iter().find(|b| b.name_zh == name).expect("builtin indicator");
    Indicator {
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
    }
}

/// The same bytes on every run: xorshift64.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn empty_and_bom_only_csv_read_as_no_rows() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF"] {
        let (text, enc) = read::decode_csv(bytes).unwrap();
        assert_eq!((text.as_str(), enc), ("", read::Encoding::Utf8), "{bytes:?}");
        assert!(read::parse_csv(&text).unwrap().is_empty());
    }
    // A BOM is taken off once: a second one is text.
    let (text, _) = read::decode_csv(b"\xEF\xBB\xBF\xEF\xBB\xBFa").unwrap();
    assert_eq!(text, "\u{FEFF}a");
}

#[test]
fn a_megabyte_of_noise_is_refused_as_csv_and_as_workbook() {
    let bytes = noise(1024 * 1024);
    for ext in ["csv", "CSV", "tsv"] {
        let err = read::read_bytes(&bytes, ext).unwrap_err();
        assert!(format!("{err}").contains("GBK"), "{ext}: {err}");
    }
    for ext in ["xlsx", "xls", "ods"] {
        let err = read::read_bytes(&bytes, ext).unwrap_err();
        assert!(format!("{err}").contains("损坏"), "{ext}: {err}");
    }
    assert!(read::read_bytes(b"", "xlsx").is_err(), "an empty workbook is refused");
}

#[test]
fn a_sheet_of_nonsense_plans_nothing_and_says_why() {
    let (_db, store) = sample_db();
    let zero = "\u{0}".to_owned();
    let digits = "9".repeat(5000);
    let rows = vec![
        vec!["园区".to_owned(), "指标".to_owned(), "年份".to_owned(), "期间".to_owned(), "数值".to_owned()],
        vec!["正阳工业园区".to_owned(), "税收".to_owned(), "2020".to_owned(), "1-13月".to_owned(), "1".to_owned()],
        vec!["正阳工业园区".to_owned(), "税收".to_owned(), "2020".to_owned(), "全年".to_owned(), digits.clone()],
        vec!["正阳工业园区".to_owned(), zero.clone(), zero.clone(), zero.clone(), zero],
        vec!["正阳工业园区".to_owned(), "税收".to_owned(), digits, "全年".to_owned(), "1".to_owned()],
    ];
    let sheet = read::Sheet { name: "CSV".to_owned(), rows };
    let plan = plan_sheets(&store, &[sheet], None, "test").unwrap();
    assert_eq!(plan.adds.len() + plan.changes.len(), 0, "{}", plan.summary());
    assert_eq!(plan.skips.len(), 4, "{:?}", plan.skips);
    assert!(plan.skips[0].contains("期间"), "{:?}", plan.skips);
    assert!(plan.skips[1].contains("不是数字"), "{:?}", plan.skips);
}

#[test]
fn periods_out_of_range_are_errors() {
    assert_eq!(parse_span("1-13月"), Some((1, 13)), "the span alone is read as written");
    assert_eq!(Period::parse("2020年1-13月"), Err(PeriodError::MonthOutOfRange(13)));
    assert_eq!(Period::parse("2020年0月"), Err(PeriodError::MonthOutOfRange(0)));
    assert_eq!(Period::parse("2020年6-1月"), Err(PeriodError::EndBeforeStart(6, 1)));
    assert_eq!(Period::parse("0000年"), Err(PeriodError::YearOutOfRange(0)));
    assert_eq!(Period::parse("２０２０年１－６月"), Ok(Period::new(2020, 1, 6).unwrap()));
    for text in ["", "\u{0}", "\u{FEFF}2020年", "2020年1-2-3月", "20201年"] {
        assert!(matches!(Period::parse(text), Err(PeriodError::Unrecognised(_))), "{text:?}");
    }
    let long = format!("2020年{}月", "1".repeat(10_000));
    assert!(Period::parse(&long).is_err());
    assert_eq!(parse_span(&"9".repeat(10_000)), None);
}

#[test]
fn amounts_and_rates_out_of_range_are_errors() {
    let yi = indicator("固定资产投资");
    assert_eq!(parse_amount("２０．６６亿元", &yi).map(|a| a.value), Ok(20.66));
    let wan = parse_amount("２０．６６亿元", &indicator("基础设施投资")).unwrap();
    assert!((wan.value - 206_600.0).abs() < 1e-6, "{wan:?}");
    assert_eq!(wan.entered.map(|e| e.unit), Some("亿元".to_owned()));
    let huge = "9".repeat(10_000);
    assert_eq!(parse_amount(&huge, &yi), Err(AmountError::OutOfRange));
    assert_eq!(parse_amount(&format!("{huge}亿元"), &yi), Err(AmountError::OutOfRange));
    assert_eq!(parse_rate(&huge), Err(AmountError::OutOfRange));
    for text in ["inf", "NaN", "1e400"] {
        assert_eq!(parse_amount(text, &yi), Err(AmountError::OutOfRange), "{text}");
        assert_eq!(parse_rate(text), Err(AmountError::OutOfRange), "{text}");
    }
    for text in ["", "\u{0}", "亿元", "-", "下降", "倍"] {
        assert!(matches!(parse_amount(text, &yi), Err(AmountError::NotANumber(_))), "{text:?}");
        assert!(matches!(parse_rate(text), Err(AmountError::NotANumber(_))), "{text:?}");
    }
    assert_eq!(parse_amount("-3", &indicator("土地平整")), Err(AmountError::Negative("土地平整".to_owned())));
}

#[test]
fn pasted_blocks_of_odd_text_keep_their_shape() {
    assert!(parse_block("").is_empty());
    assert!(parse_block("\r\n\r\n").is_empty());
    assert_eq!(parse_block("\u{0}"), vec![vec![Some("\u{0}")]]);
    assert_eq!(parse_block("\t\t"), vec![vec![None, None, None]]);
    assert_eq!(parse_block("a\r\n\r\nb\r"), vec![vec![Some("a")], vec![None], vec![Some("b")]]);
    let wide = "1\t".repeat(100_000);
    assert_eq!(parse_block(&wide)[0].len(), 100_001);
}

#[test]
fn summaries_of_odd_text_give_no_figures_and_long_ones_finish() {
    for text in ["", "\u{0}", "\u{FEFF}", "年", "(", "經(", "1-13月"] {
        assert!(extract(text).is_empty(), "{text:?}");
    }
    // A figure among a megabyte of digits and brackets is still found, in seconds.
    let text = format!("{}\n2020年固定资产投资２０．６６亿元。\n{}", "9".repeat(500_000), "(".repeat(500_000));
    let facts = extract(&text);
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert_eq!((facts[0].indicator.as_str(), facts[0].value, facts[0].period.as_deref()), ("固定资产投资", Some(20.66), Some("2020年")));
}

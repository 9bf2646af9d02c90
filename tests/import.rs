//! Spreadsheet import: round trips through our own exports, a clerk's wide sheet with unit
//! headers, GBK CSV, and bad files that must leave the database untouched.

use parkledger::domain::period::Period;
use parkledger::domain::value::ValueKind;
use parkledger::export::{self, Format};
use parkledger::import::{self, read};
use parkledger::store::{NewValue, Store};

use crate::common::{indicator_id, park_id, sample_db};

fn export_bytes(store: &Store, format: Format) -> Vec<u8> {
    let rows = export::export_rows(store, None).unwrap();
    let mut out = Vec::new();
    export::write(&rows, format, &mut out).unwrap();
    out
}

#[test]
fn xlsx_and_csv_exports_import_back_without_changes() {
    let (db, store) = sample_db();
    let rows = export::export_rows(&store, None).unwrap().len();
    for (format, ext) in [(Format::Xlsx, "xlsx"), (Format::Csv, "csv")] {
        let path = db.path.with_file_name(format!("all.{ext}"));
        std::fs::write(&path, export_bytes(&store, format)).unwrap();
        let plan = import::plan_file(&store, &path, None).unwrap();
        assert_eq!((plan.adds.len(), plan.changes.len(), plan.skips.len()), (0, 0, 0), "{ext}: {}", plan.summary());
        assert!(plan.unchanged >= rows, "{ext}: every exported value is recognised ({} of {rows})", plan.unchanged);
    }
}

#[test]
fn an_export_fills_an_emptied_park_again() {
    let (db, mut store) = sample_db();
    let path = db.path.with_file_name("all.xlsx");
    std::fs::write(&path, export_bytes(&store, Format::Xlsx)).unwrap();
    let zy = park_id(&store, "正阳工业园区");
    let before = store.values_for_park(zy).unwrap();
    let cleared: Vec<NewValue> =
        before.iter().map(|v| NewValue { value: None, reported_yoy: None, ..NewValue::from_existing(v) }).collect();
    store.upsert_values(&cleared).unwrap();
    assert!(store.values_for_park(zy).unwrap().is_empty());
    let plan = import::plan_file(&store, &path, None).unwrap();
    // The workbook holds each value twice (all-parks sheet and the park's own sheet).
    assert_eq!(plan.adds.len(), before.len() * 2, "{}", plan.summary());
    plan.commit(&mut store).unwrap();
    let after = store.values_for_park(zy).unwrap();
    assert_eq!(after.len(), before.len());
    let fai = indicator_id(&store, "固定资产投资");
    let v = after.iter().find(|v| v.indicator_id == fai && v.period == Period::full_year(2021)).unwrap();
    assert_eq!((v.value, v.reported_yoy, v.kind), (Some(20.66), Some(25.59), ValueKind::Estimate));
}

#[test]
fn gbk_csv_reads_like_utf8() {
    let (db, store) = sample_db();
    let utf8 = String::from_utf8(export_bytes(&store, Format::Csv)).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable);
    let path = db.path.with_file_name("gbk.csv");
    std::fs::write(&path, &gbk).unwrap();
    let (sheets, enc) = read::read_file(&path).unwrap();
    assert_eq!(enc, Some(read::Encoding::Gbk));
    assert!(sheets[0].rows[1][0].contains("园区"), "{:?}", &sheets[0].rows[1]);
    let plan = import::plan_file(&store, &path, None).unwrap();
    assert_eq!((plan.adds.len(), plan.changes.len(), plan.skips.len()), (0, 0, 0), "{}", plan.summary());
}

#[test]
fn a_clerks_wide_sheet_with_unit_headers_lands_in_the_right_cells() {
    let (db, mut store) = sample_db();
    let path = db.path.with_file_name("宽表.csv");
    let sheet = "指标,单位,2022年(万元),同比增长(%),2022年1-6月\n\
                 固定资产投资,万元,235000,13.7,98000\n\
                 规模以上工业总产值,亿元,61.2,-2.5,29.4\n\
                 其中：工业投资,亿元,7.1,,\n\
                 土地平整,亩,1500,,600\n";
    std::fs::write(&path, sheet).unwrap();
    let plan = import::plan_file(&store, &path, Some("正阳工业园区")).unwrap();
    assert!(plan.skips.is_empty(), "{:?}", plan.skips);
    plan.commit(&mut store).unwrap();
    let zy = park_id(&store, "正阳工业园区");
    let values = parkledger::domain::ValueSet::new(store.values_for_park(zy).unwrap());
    let get = |name: &str, p: Period| values.get(indicator_id(&store, name), p, ValueKind::Actual).cloned().unwrap();
    let fai = get("固定资产投资", Period::full_year(2022));
    assert_eq!(fai.value, Some(23.5), "235000万元 is 23.5亿元");
    assert_eq!(fai.entered.map(|e| e.unit), Some("万元".to_owned()), "the conversion is visible");
    assert_eq!(fai.reported_yoy, Some(13.7));
    // The span column has no unit of its own: the row's unit (万元) applies.
    assert_eq!(get("固定资产投资", Period::new(2022, 1, 6).unwrap()).value, Some(9.8));
    let out = get("规上工业总产值", Period::full_year(2022));
    assert_eq!((out.value, out.reported_yoy), (Some(61.2), Some(-2.5)), "the row's 单位 wins over the header");
    assert_eq!(get("土地平整", Period::new(2022, 1, 6).unwrap()).value, Some(600.0));

    // Without a 单位 column, the unit in the header converts.
    let path = db.path.with_file_name("宽表2.csv");
    std::fs::write(&path, "指标,2023年(万元)\n固定资产投资,250000\n").unwrap();
    import::plan_file(&store, &path, Some("正阳工业园区")).unwrap().commit(&mut store).unwrap();
    let values = parkledger::domain::ValueSet::new(store.values_for_park(zy).unwrap());
    let v = values.get(indicator_id(&store, "固定资产投资"), Period::full_year(2023), ValueKind::Actual).unwrap();
    assert_eq!(v.value, Some(25.0));
}

#[test]
fn bad_files_say_why_and_leave_the_database_untouched() {
    let (db, store) = sample_db();
    let counts = store.counts().unwrap();
    let xlsx = export_bytes(&store, Format::Xlsx);
    let dir = db.path.parent().unwrap().to_owned();

    let truncated = dir.join("truncated.xlsx");
    std::fs::write(&truncated, &xlsx[..xlsx.len() / 2]).unwrap();
    let err = import::plan_file(&store, &truncated, None).unwrap_err();
    assert!(format!("{err:#}").contains("损坏"), "{err:#}");

    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    assert!(format!("{:#}", import::plan_file(&store, &empty, None).unwrap_err()).contains("空"));

    // 20 MB of noise, as .xlsx and as .csv.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..20 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    for name in ["noise.xlsx", "noise.csv"] {
        let p = dir.join(name);
        std::fs::write(&p, &noise).unwrap();
        assert!(import::plan_file(&store, &p, None).is_err(), "{name} is refused");
    }

    let text_in_number = dir.join("text.csv");
    std::fs::write(&text_in_number, "园区,指标,单位,年份,起始月,结束月,类型,数值\n正阳工业园区,税收,亿元,2021,1,12,实际,三亿\n").unwrap();
    let plan = import::plan_file(&store, &text_in_number, None).unwrap();
    assert_eq!(plan.adds.len() + plan.changes.len(), 0);
    assert!(plan.skips[0].contains("第2行第8列") && plan.skips[0].contains("三亿"), "{:?}", plan.skips);
    assert_eq!(store.counts().unwrap(), counts, "nothing was written");
}

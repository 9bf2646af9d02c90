//! Spreadsheet import: round trips through our own exports, a clerk's wide sheet with unit
//! headers, GBK CSV, and bad files that must leave the database untouched.

use parkledger::domain::period::Period;
use parkledger::domain::value::ValueKind;
use parkledger::export::{self, Format};
use parkledger::import::{self, read};
use parkledger::store::{NewValue, Store};

use crate::common::{indicator_id, park_id, sample_db};

fn export_bytes(store: &Store, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(store, None, format, &mut out).unwrap();
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
    // The workbook holds each value twice (all-parks sheet and the park's own sheet):
    // the same figure twice is read once, so the count is what is written.
    assert_eq!(plan.adds.len(), before.len(), "{}", plan.summary());
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

/// A minimal `.docx`: paragraphs, runs split mid-word (as Word does), an entity, a table.
fn docx_bytes(document_xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_word_summary_reads_as_paragraphs_and_its_figures_are_found() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>一、2021年工作完成情况</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">预计全年完成规上工业总产值</w:t></w:r><w:r><w:t>56.8亿元，同比增长30.5%</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:r><w:t>R&amp;D投入</w:t></w:r><w:r><w:tab/><w:t>继续加大</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数值</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
    let text = import::docx::document_text(&docx_bytes(xml)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "一、2021年工作完成情况");
    assert_eq!(lines[1], "预计全年完成规上工业总产值56.8亿元，同比增长30.5%。");
    assert_eq!(lines[2], "R&D投入\t继续加大");
    assert!(text.contains("指标") && text.contains("数值"), "table cells are read: {text:?}");
    let facts = parkledger::extract::extract(&text);
    let out = facts.iter().find(|f| f.mapped.as_deref() == Some("规上工业总产值")).expect("the output figure");
    assert_eq!((out.value, out.yoy_pct, out.kind), (Some(56.8), Some(30.5), "estimate"));
}

#[test]
fn a_file_that_is_not_a_word_document_says_so() {
    let err = import::docx::document_text(b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(format!("{err:#}").contains(".docx"), "{err:#}");
    let xlsx_like = docx_bytes("<w:document/>");
    // A zip without word/document.xml is a different kind of file.
    let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let other = other.finish().unwrap().into_inner();
    assert!(format!("{:#}", import::docx::document_text(&other).unwrap_err()).contains("word/document.xml"));
    assert_eq!(import::docx::document_text(&xlsx_like).unwrap(), "");
}

#[test]
fn the_project_ledger_exports_and_imports_back_and_a_clerks_ledger_adds_projects() {
    let (db, mut store) = sample_db();
    let before = store.projects().unwrap();
    let path = db.path.with_file_name("all.xlsx");
    std::fs::write(&path, export_bytes(&store, Format::Xlsx)).unwrap();
    let sheets = read::read_file(&path).unwrap().0;
    let ledger = sheets.iter().find(|s| s.name == "项目台账").expect("a 项目台账 sheet");
    assert_eq!(ledger.rows.len(), before.len() + 1, "a header and a row per project");
    let plan = import::plan_file(&store, &path, None).unwrap();
    let first = plan.project_changes.first().map(|(p, at)| (at.clone(), p.clone(), before.iter().find(|b| b.id == p.id).cloned()));
    assert_eq!((plan.project_adds.len(), plan.project_changes.len()), (0, 0), "{}: {first:?}", plan.summary());

    // A clerk's own ledger: their column names, 亿元, an Excel serial date, a bad status.
    let zy = "正阳工业园区";
    let known = before.iter().find(|p| p.park_id == park_id(&store, zy)).unwrap().clone();
    let csv = format!(
        "项目名称,项目单位,总投资(亿元),项目状态,开工时间,2024年完成投资(万元)\n\
         新建光伏组件厂,某某新能源有限公司,3.5,在建,45366,8000\n\
         {},,,建成投产,,\n\
         错误状态项目,,1,快完工了,,\n",
        known.name
    );
    let path = db.path.with_file_name("台账.csv");
    std::fs::write(&path, csv).unwrap();
    let plan = import::plan_file(&store, &path, Some(zy)).unwrap();
    assert_eq!((plan.project_adds.len(), plan.project_changes.len()), (1, 1), "{}", plan.summary());
    assert_eq!(plan.skips.len(), 1);
    assert!(plan.skips[0].contains("第4行") && plan.skips[0].contains("快完工了"), "{}", plan.skips[0]);
    let (new, _) = &plan.project_adds[0];
    assert_eq!((new.investment, new.company.as_str()), (Some(35_000.0), "某某新能源有限公司"));
    assert_eq!(new.started_on.map(|d| d.to_string()).as_deref(), Some("2024-03-15"));
    assert_eq!(new.yearly.first().map(|y| (y.year, y.amount)), Some((2024, 8000.0)));
    plan.commit(&mut store).unwrap();
    let after = store.projects().unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let changed = after.iter().find(|p| p.id == known.id).unwrap();
    assert_eq!(changed.status, parkledger::domain::ProjectStatus::InProduction);
    assert_eq!((changed.investment, &changed.company), (known.investment, &known.company), "empty cells keep what was stored");
    assert!(changed.progress.iter().any(|e| e.note.contains("状态改为建成投产")), "the status change is logged");
}

#[test]
fn an_unknown_indicator_name_mapped_once_is_remembered_for_later_imports() {
    let (db, mut store) = sample_db();
    let path = db.path.with_file_name("自编表.csv");
    std::fs::write(&path, "指标,2023年(亿元)\n产值（规上）,70.2\n").unwrap();
    let plan = import::plan_file(&store, &path, Some("正阳工业园区")).unwrap();
    assert_eq!(plan.unknown_labels, ["产值（规上）"]);
    assert!(plan.adds.is_empty() && plan.skips[0].contains("不在指标目录中"), "{:?}", plan.skips);
    store.remember_label("产值（规上）", indicator_id(&store, "规上工业总产值")).unwrap();
    let plan = import::plan_file(&store, &path, Some("正阳工业园区")).unwrap();
    assert!(plan.unknown_labels.is_empty() && plan.skips.is_empty(), "{}", plan.summary());
    assert_eq!(plan.adds.len(), 1);
    assert_eq!(plan.adds[0].value.indicator_id, indicator_id(&store, "规上工业总产值"));
    // The choice outlives the session: it is in the database.
    drop(store);
    let store = Store::open(&db.path).unwrap();
    assert_eq!(import::plan_file(&store, &path, Some("正阳工业园区")).unwrap().adds.len(), 1);
}

#[test]
fn bytes_in_memory_read_like_the_same_file_on_disk() {
    let (db, store) = sample_db();
    for (format, ext) in [(Format::Xlsx, "xlsx"), (Format::Csv, "csv")] {
        let bytes = export_bytes(&store, format);
        let path = db.path.with_file_name(format!("全部.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        let (from_disk, enc_disk) = read::read_file(&path).unwrap();
        let (in_memory, enc_memory) = read::read_bytes(&bytes, &ext.to_uppercase()).unwrap();
        assert_eq!(enc_disk, enc_memory, "{ext}");
        assert_eq!(from_disk.len(), in_memory.len(), "{ext}");
        assert!(from_disk[0].rows.len() > 10, "{ext}: the export has rows");
        for (d, m) in from_disk.iter().zip(&in_memory) {
            assert_eq!(d.rows, m.rows, "{ext}: sheet {}", d.name);
        }
        // A CSV file's table is named after the file; bytes have no name.
        let names = (from_disk[0].name.as_str(), in_memory[0].name.as_str());
        assert_eq!(names, if ext == "csv" { ("全部", "CSV") } else { (names.1, names.1) }, "{ext}");
    }
}

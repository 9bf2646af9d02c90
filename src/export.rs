//! `parkledger export`: every value with its park, indicator, unit, period, kind,
//! reported YoY and computed YoY, as CSV, JSON or Excel. The Excel workbook also holds
//! the project ledger (项目台账), in the columns the import reads back.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::domain::Project;
use crate::domain::value::ValueSet;
use crate::import::projects as ledger;
use crate::import::read::formula_safe;
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    /// Excel: a combined sheet, then one sheet per park.
    Xlsx,
}

/// One exported value. Field names are the CSV headers.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ExportRow {
    #[serde(rename = "园区")]
    pub park: String,
    #[serde(rename = "指标")]
    pub indicator: String,
    #[serde(rename = "单位")]
    pub unit: String,
    #[serde(rename = "期间")]
    pub period: String,
    #[serde(rename = "年份")]
    pub year: i32,
    #[serde(rename = "起始月")]
    pub start_month: u8,
    #[serde(rename = "结束月")]
    pub end_month: u8,
    #[serde(rename = "类型")]
    pub kind: String,
    #[serde(rename = "数值")]
    pub value: Option<f64>,
    #[serde(rename = "报告同比(%)")]
    pub reported_yoy: Option<f64>,
    #[serde(rename = "计算同比(%)")]
    pub computed_yoy: Option<f64>,
    #[serde(rename = "完成年目标(%)")]
    pub completion: Option<f64>,
    #[serde(rename = "来源")]
    pub source: String,
    #[serde(rename = "推算说明")]
    pub derivation: String,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

pub fn export_rows(store: &Store, park: Option<&str>) -> anyhow::Result<Vec<ExportRow>> {
    if let Some(name) = park {
        anyhow::ensure!(store.park_by_name(name)?.is_some(), crate::i18n::trf("error.no_such_park", &[&name]));
    }
    let rows = store.value_rows(park)?;
    // One value set per park, for the derived YoY and completion.
    let mut by_park: HashMap<i64, Vec<_>> = HashMap::new();
    for (_, _, v) in &rows {
        by_park.entry(v.park_id).or_default().push(v.clone());
    }
    let sets: HashMap<i64, ValueSet> = by_park.into_iter().map(|(id, vs)| (id, ValueSet::new(vs))).collect();
    Ok(rows
        .iter()
        .map(|(park, ind, v)| {
            let set = &sets[&v.park_id];
            ExportRow {
                park: park.clone(),
                indicator: ind.name_zh.clone(),
                unit: ind.unit.clone(),
                period: v.period.label_zh(),
                year: v.period.year,
                start_month: v.period.start_month,
                end_month: v.period.end_month,
                kind: v.kind.label_zh().to_owned(),
                value: v.value,
                reported_yoy: v.reported_yoy,
                computed_yoy: set.yoy(v.indicator_id, v.period, v.kind).computed.map(|x| round(x, 2)),
                completion: set.completion(v.indicator_id, v.period, v.kind).map(|x| round(x, 2)),
                // The county reads Chinese: a code becomes its words.
                source: if crate::domain::value::is_manual_source(&v.source) { "手工录入".to_owned() } else { v.source.clone() },
                derivation: v.derivation.clone().unwrap_or_default(),
            }
        })
        .collect())
}

/// The projects of one park or all, with their park's name, for the ledger sheet.
pub fn ledger_rows(store: &Store, park: Option<&str>) -> anyhow::Result<Vec<(String, Project)>> {
    let parks = store.parks()?;
    let mut out: Vec<(String, Project)> = store
        .projects()?
        .into_iter()
        .filter_map(|p| Some((parks.iter().find(|k| k.id == p.park_id)?.name.clone(), p)))
        .filter(|(name, _)| park.is_none_or(|n| n == name))
        .collect();
    out.sort_by(|a, b| (parks.iter().position(|k| k.name == a.0), &a.1.name).cmp(&(parks.iter().position(|k| k.name == b.0), &b.1.name)));
    Ok(out)
}

/// Writes the values; an Excel workbook also gets the `projects` as a ledger sheet.
pub fn write(rows: &[ExportRow], projects: &[(String, Project)], format: Format, out: impl Write) -> anyhow::Result<()> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for r in rows {
                w.serialize(formula_safe_row(r))?;
            }
            w.flush()?;
        }
        Format::Json => {
            let mut out = out;
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Xlsx => {
            let mut out = out;
            out.write_all(&xlsx(rows, projects)?)?;
        }
    }
    Ok(())
}

fn formula_safe_row(r: &ExportRow) -> ExportRow {
    let safe = |s: &String| formula_safe(s).into_owned();
    ExportRow {
        park: safe(&r.park),
        indicator: safe(&r.indicator),
        unit: safe(&r.unit),
        period: safe(&r.period),
        kind: safe(&r.kind),
        source: safe(&r.source),
        derivation: safe(&r.derivation),
        ..r.clone()
    }
}

const HEADERS: [&str; 14] = [
    "园区", "指标", "单位", "期间", "年份", "起始月", "结束月", "类型", "数值", "报告同比(%)", "计算同比(%)", "完成年目标(%)", "来源", "推算说明",
];

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

fn write_sheet(ws: &mut rust_xlsxwriter::Worksheet, rows: &[&ExportRow]) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format as F;
    let bold = F::new().set_bold();
    let number = F::new().set_num_format("#,##0.00");
    let rate = F::new().set_num_format("0.00");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, w) in [22.0, 20.0, 8.0, 14.0, 6.0, 6.0, 6.0, 6.0, 12.0, 11.0, 11.0, 12.0, 30.0, 20.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.park)?;
        ws.write_string(row, 1, &r.indicator)?;
        ws.write_string(row, 2, &r.unit)?;
        ws.write_string(row, 3, &r.period)?;
        ws.write_number(row, 4, f64::from(r.year))?;
        ws.write_number(row, 5, f64::from(r.start_month))?;
        ws.write_number(row, 6, f64::from(r.end_month))?;
        ws.write_string(row, 7, &r.kind)?;
        let numbers = [(8, r.value, &number), (9, r.reported_yoy, &rate), (10, r.computed_yoy, &rate), (11, r.completion, &rate)];
        for (c, v, f) in numbers {
            if let Some(v) = v {
                ws.write_number_with_format(row, c, v, f)?;
            }
        }
        ws.write_string(row, 12, &r.source)?;
        ws.write_string(row, 13, &r.derivation)?;
    }
    Ok(())
}

/// The project ledger sheet: the import's columns, a column per year of investment.
fn write_ledger(ws: &mut rust_xlsxwriter::Worksheet, projects: &[(String, Project)]) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format as F;
    let mut years: Vec<i32> = projects.iter().flat_map(|(_, p)| p.yearly.iter().map(|y| y.year)).collect();
    years.sort_unstable();
    years.dedup();
    let bold = F::new().set_bold();
    let number = F::new().set_num_format("#,##0.00");
    for (c, h) in ledger::headers(&years).iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
        ws.set_column_width(c as u16, if c == 1 || c == 6 { 30.0 } else { 12.0 })?;
    }
    ws.set_freeze_panes(1, 2)?;
    for (i, (park, p)) in projects.iter().enumerate() {
        for (c, cell) in ledger::row(p, park, &years).into_iter().enumerate() {
            let (row, col) = (i as u32 + 1, c as u16);
            match cell {
                ledger::Cell::Text(t) => ws.write_string(row, col, t)?,
                // 计划年度 is a year, not an amount.
                ledger::Cell::Number(n) if c == 14 => ws.write_number(row, col, n)?,
                ledger::Cell::Number(n) => ws.write_number_with_format(row, col, n, &number)?,
            };
        }
    }
    Ok(())
}

/// The rows as an Excel workbook: everything on one sheet, then a sheet per park, then
/// the project ledger.
/// Data rows of one sheet: Excel's 1,048,576 rows less the header. A county's values
/// (over a million) continue on 全部数据(2), 全部数据(3)….
pub const SHEET_ROWS: usize = 1_048_575;

pub fn xlsx(rows: &[ExportRow], projects: &[(String, Project)]) -> anyhow::Result<Vec<u8>> {
    xlsx_split(rows, projects, SHEET_ROWS)
}

/// [`xlsx`] with `per_sheet` data rows a sheet (smaller in tests, which cannot write a
/// million rows in reasonable time).
#[doc(hidden)]
pub fn xlsx_split(rows: &[ExportRow], projects: &[(String, Project)], per_sheet: usize) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let all: Vec<&ExportRow> = rows.iter().collect();
    for (i, part) in all.chunks(per_sheet.max(1)).enumerate() {
        let name = if i == 0 { "全部数据".to_owned() } else { format!("全部数据({})", i + 1) };
        // Each sheet streams its rows to a temporary file instead of holding them.
        write_sheet(book.add_worksheet_with_constant_memory()?.set_name(&name)?, part)?;
    }
    if all.is_empty() {
        write_sheet(book.add_worksheet_with_constant_memory()?.set_name("全部数据")?, &[])?;
    }
    let mut parks: Vec<&str> = rows.iter().map(|r| r.park.as_str()).collect();
    parks.dedup();
    let mut seen = std::collections::HashSet::new();
    for park in parks {
        let name = sheet_name(park);
        if !seen.insert(name.clone()) {
            continue;
        }
        let of_park: Vec<&ExportRow> = rows.iter().filter(|r| r.park == park).collect();
        for (i, part) in of_park.chunks(per_sheet.max(1)).enumerate() {
            let name = if i == 0 { name.clone() } else { sheet_name(&format!("{park}({})", i + 1)) };
            write_sheet(book.add_worksheet_with_constant_memory()?.set_name(&name)?, part)?;
        }
    }
    if !projects.is_empty() {
        write_ledger(book.add_worksheet().set_name(ledger::SHEET)?, projects)?;
    }
    Ok(book.save_to_buffer()?)
}

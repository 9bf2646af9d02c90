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

pub(crate) fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Every value of one park or all, in park order, in memory. (The county's million
/// values are better written park by park: [`write`] does that.)
pub fn export_rows(store: &Store, park: Option<&str>) -> anyhow::Result<Vec<ExportRow>> {
    let mut out = Vec::new();
    for_each_park(store, park, |rows| {
        out.extend(rows);
        Ok(())
    })?;
    Ok(out)
}

/// Calls `f` with the rows of each park in turn (of `park` only, when named), ordered by
/// indicator, period and kind, so that only one park's rows are held at a time.
pub fn for_each_park(store: &Store, park: Option<&str>, mut f: impl FnMut(Vec<ExportRow>) -> anyhow::Result<()>) -> anyhow::Result<()> {
    if let Some(name) = park {
        anyhow::ensure!(store.park_by_name(name)?.is_some(), crate::i18n::trf("error.no_such_park", &[&name]));
    }
    let indicators: HashMap<i64, crate::domain::Indicator> = store.indicators()?.into_iter().map(|i| (i.id, i)).collect();
    let mut parks = store.parks()?;
    parks.sort_by_key(|p| p.id);
    for p in parks.iter().filter(|p| park.is_none_or(|n| n == p.name)) {
        let mut values = store.values_for_park(p.id)?;
        values.retain(|v| indicators.contains_key(&v.indicator_id));
        values.sort_by_key(|v| (v.indicator_id, v.period, v.kind));
        // The park's value set, for the derived YoY and completion.
        let set = ValueSet::new(values.clone());
        let rows = values
            .iter()
            .map(|v| {
                let ind = &indicators[&v.indicator_id];
                ExportRow {
                    park: p.name.clone(),
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
            .collect();
        f(rows)?;
    }
    Ok(())
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

/// Writes the values of one park or all, park by park (a county's million values are
/// never all in memory); an Excel workbook also gets the project ledger. Returns how many
/// values it wrote.
pub fn write(store: &Store, park: Option<&str>, format: Format, out: impl Write) -> anyhow::Result<usize> {
    let mut n = 0;
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
            // The header, also for a database without values.
            w.write_record(HEADERS)?;
            for_each_park(store, park, |rows| {
                n += rows.len();
                for r in &rows {
                    w.serialize(formula_safe_row(r))?;
                }
                Ok(())
            })?;
            w.flush()?;
        }
        Format::Json => {
            let rows = export_rows(store, park)?;
            n = rows.len();
            let mut out = out;
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Xlsx => {
            let mut out = out;
            let (bytes, rows) = xlsx_split(store, park, SHEET_ROWS)?;
            n = rows;
            out.write_all(&bytes)?;
        }
    }
    Ok(n)
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

/// The header row, frozen, and the column widths of a values sheet.
fn start_sheet(ws: &mut rust_xlsxwriter::Worksheet) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, w) in [22.0, 20.0, 8.0, 14.0, 6.0, 6.0, 6.0, 6.0, 12.0, 11.0, 11.0, 12.0, 30.0, 20.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The number formats of a values sheet, made once.
struct Formats {
    number: rust_xlsxwriter::Format,
    rate: rust_xlsxwriter::Format,
}

impl Formats {
    fn new() -> Self {
        Self { number: rust_xlsxwriter::Format::new().set_num_format("#,##0.00"), rate: rust_xlsxwriter::Format::new().set_num_format("0.00") }
    }
}

/// One value at `row` of a values sheet.
fn write_row(ws: &mut rust_xlsxwriter::Worksheet, row: u32, r: &ExportRow, f: &Formats) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.write_string(row, 0, &r.park)?;
    ws.write_string(row, 1, &r.indicator)?;
    ws.write_string(row, 2, &r.unit)?;
    ws.write_string(row, 3, &r.period)?;
    ws.write_number(row, 4, f64::from(r.year))?;
    ws.write_number(row, 5, f64::from(r.start_month))?;
    ws.write_number(row, 6, f64::from(r.end_month))?;
    ws.write_string(row, 7, &r.kind)?;
    let numbers = [(8, r.value, &f.number), (9, r.reported_yoy, &f.rate), (10, r.computed_yoy, &f.rate), (11, r.completion, &f.rate)];
    for (c, v, format) in numbers {
        if let Some(v) = v {
            ws.write_number_with_format(row, c, v, format)?;
        }
    }
    ws.write_string(row, 12, &r.source)?;
    ws.write_string(row, 13, &r.derivation)?;
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

/// [`write`]'s workbook with `per_sheet` data rows a sheet (smaller in tests, which cannot
/// write a million rows in reasonable time), and the number of values in it. Each sheet
/// streams its rows to a temporary file (rust_xlsxwriter's constant-memory mode) as the
/// parks are read one at a time: first every value on 全部数据 (and 全部数据(2)… past
/// `per_sheet`), then a sheet per park, then the ledger.
#[doc(hidden)]
pub fn xlsx_split(store: &Store, park: Option<&str>, per_sheet: usize) -> anyhow::Result<(Vec<u8>, usize)> {
    let per_sheet = per_sheet.max(1);
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut sheet = 0usize;
    let mut written = 0usize;
    let formats = Formats::new();
    book.add_worksheet_with_constant_memory()?.set_name("全部数据")?;
    start_sheet(book.worksheet_from_index(0)?)?;
    for_each_park(store, park, |rows| {
        for r in &rows {
            if written == per_sheet * (sheet + 1) {
                sheet += 1;
                book.add_worksheet_with_constant_memory()?.set_name(format!("全部数据({})", sheet + 1))?;
                start_sheet(book.worksheet_from_index(sheet)?)?;
            }
            write_row(book.worksheet_from_index(sheet)?, (written - per_sheet * sheet) as u32 + 1, r, &formats)?;
            written += 1;
        }
        Ok(())
    })?;
    let mut seen: std::collections::HashSet<String> = (0..=sheet).map(|i| if i == 0 { "全部数据".to_owned() } else { format!("全部数据({})", i + 1) }).collect();
    for_each_park(store, park, |rows| {
        let Some(first) = rows.first() else { return Ok(()) };
        for (i, part) in rows.chunks(per_sheet).enumerate() {
            let name = sheet_name(&if i == 0 { first.park.clone() } else { format!("{}({})", first.park, i + 1) });
            if !seen.insert(name.clone()) {
                continue;
            }
            let ws = book.add_worksheet_with_constant_memory()?;
            ws.set_name(&name)?;
            start_sheet(ws)?;
            for (j, r) in part.iter().enumerate() {
                write_row(ws, j as u32 + 1, r, &formats)?;
            }
        }
        Ok(())
    })?;
    let projects = ledger_rows(store, park)?;
    if !projects.is_empty() {
        write_ledger(book.add_worksheet().set_name(ledger::SHEET)?, &projects)?;
    }
    Ok((book.save_to_buffer()?, written))
}

//! `parkledger export`: every value with its park, indicator, unit, period, kind,
//! reported YoY and computed YoY, as CSV or JSON.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::domain::value::ValueSet;
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

/// One exported value. Field names are the CSV headers.
#[derive(Debug, Serialize, PartialEq)]
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
        anyhow::ensure!(store.park_by_name(name)?.is_some(), "没有名为“{name}”的园区 (no park named {name})");
    }
    let rows = store.value_rows(park)?;
    let mut sets: HashMap<i64, ValueSet> = HashMap::new();
    for (_, _, v) in &rows {
        sets.entry(v.park_id).or_default();
    }
    for (park_id, set) in &mut sets {
        *set = ValueSet::new(rows.iter().filter(|r| r.2.park_id == *park_id).map(|r| r.2.clone()));
    }
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
                source: v.source.clone(),
                derivation: v.derivation.clone().unwrap_or_default(),
            }
        })
        .collect())
}

pub fn write(rows: &[ExportRow], format: Format, out: impl Write) -> anyhow::Result<()> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for r in rows {
                w.serialize(r)?;
            }
            w.flush()?;
        }
        Format::Json => {
            let mut out = out;
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

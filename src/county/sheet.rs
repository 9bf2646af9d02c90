//! The totals as the county sends them further up: the 汇总表 (one row per indicator, a
//! column per park, the total, how many reported, the YoY and a note on completeness) as
//! CSV or Excel, and the whole consolidation as JSON for other programs.

use std::io::Write;

use serde_json::json;

use super::totals::{Consolidation, TotalRow};
use crate::export::{Format, round};
use crate::i18n::{Lang, in_lang, tr, trf};
use crate::import::read::formula_safe;

/// The note on a row: what the total holds and leaves out, in the window's language (the
/// sheet is written in Chinese: it goes up).
pub fn row_note(row: &TotalRow) -> String {
    let mut parts = Vec::new();
    if row.rate {
        parts.push(tr("county.note_rate").to_owned());
    }
    if row.with_estimates {
        parts.push(tr("county.note_estimates").to_owned());
    }
    if !row.derived.is_empty() {
        parts.push(trf("county.note_derived", &[&row.derived.join("、")]));
    }
    if !row.no_base.is_empty() {
        parts.push(trf("county.note_no_base", &[&row.no_base.join("、")]));
    }
    parts.join(tr("county.note_sep"))
}

/// `1-6` for the half-year, `1-12` for the year: what `--span` reads.
fn span_code(c: &Consolidation) -> String {
    format!("{}-{}", c.period.start_month, c.period.end_month)
}


/// The JSON object: `year`, `span`, `parks` (the names that reported), `missing`, and
/// `rows` with `indicator`, `unit`, `total`, `reported`, `yoy_pct` and `by_park`.
pub fn to_json(c: &Consolidation) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = c
        .rows
        .iter()
        .map(|r| {
            let by_park: serde_json::Map<String, serde_json::Value> =
                c.parks.iter().zip(&r.by_park).filter_map(|(p, f)| f.map(|f| (p.name.clone(), json!(f.value)))).collect();
            let estimated: Vec<&str> = c.parks.iter().zip(&r.by_park).filter(|(_, f)| f.is_some_and(|f| f.estimate)).map(|(p, _)| p.name.as_str()).collect();
            json!({
                "indicator": r.indicator,
                "unit": r.unit,
                "total": r.total,
                "reported": r.reported,
                "yoy_pct": r.yoy_pct.map(|y| round(y, 2)),
                "by_park": by_park,
                "rate": r.rate,
                "estimated": estimated,
                "no_base": r.no_base,
                "note": row_note(r),
            })
        })
        .collect();
    let received: Vec<serde_json::Value> =
        c.parks.iter().map(|p| json!({ "park": p.name, "version": p.version, "made_at": p.made_at, "received_at": p.received_at })).collect();
    json!({
        "year": c.period.year,
        "span": span_code(c),
        "parks": c.parks.iter().map(|p| &p.name).collect::<Vec<_>>(),
        "missing": c.missing,
        "received": received,
        "rows": rows,
    })
}

/// The 汇总表's header: 指标, 单位, one column per park, 合计, 上报园区数, 同比(%), 说明.
fn headers(c: &Consolidation) -> Vec<String> {
    let mut h = vec!["指标".to_owned(), "单位".to_owned()];
    h.extend(c.parks.iter().map(|p| p.name.clone()));
    h.extend(["合计", "上报园区数", "同比(%)", "说明"].map(str::to_owned));
    h
}

/// A park's figure as a cell: the number, with `(预计)` after an estimate in the CSV.
fn csv_row(c: &Consolidation, r: &TotalRow) -> Vec<String> {
    let num = |x: f64| format!("{}", round(x, 6));
    let mut cells = vec![r.indicator.clone(), r.unit.clone()];
    cells.extend(r.by_park.iter().map(|f| match f {
        Some(f) if f.estimate => format!("{}(预计)", num(f.value)),
        Some(f) => num(f.value),
        None => String::new(),
    }));
    cells.push(r.total.map(num).unwrap_or_default());
    cells.push(format!("{}/{}", r.reported, c.parks.len()));
    cells.push(r.yoy_pct.map(|y| format!("{:.2}", y)).unwrap_or_default());
    cells.push(row_note(r));
    cells
}

/// Writes the totals in `format`, in Chinese whatever the window speaks.
pub fn write(c: &Consolidation, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    in_lang(Lang::Zh, || write_zh(c, format, out))
}

fn write_zh(c: &Consolidation, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(c))?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(out);
            w.write_record(headers(c).iter().map(|h| formula_safe(h).into_owned()))?;
            for r in &c.rows {
                w.write_record(csv_row(c, r).iter().map(|s| formula_safe(s).into_owned()))?;
            }
            w.flush()?;
        }
        Format::Xlsx => out.write_all(&xlsx(c)?)?,
    }
    Ok(())
}

/// The 汇总表 workbook: the table (title, header frozen, a row per indicator, the
/// completeness note below) and a sheet 上报情况 listing every park, reported or not.
fn xlsx(c: &Consolidation) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as Cell, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let bold = Cell::new().set_bold();
    let title = Cell::new().set_bold().set_font_size(14);
    let number = Cell::new().set_num_format("#,##0.00").set_align(FormatAlign::Right);
    let estimate = Cell::new().set_num_format("#,##0.00\"(预计)\"").set_align(FormatAlign::Right).set_italic();
    let ws = wb.add_worksheet();
    ws.set_name("汇总表")?;
    let head = headers(c);
    ws.write_string_with_format(0, 0, format!("{}园区主要指标汇总表", c.period.label_zh()), &title)?;
    for (i, h) in head.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, formula_safe(h), &bold)?;
    }
    ws.set_freeze_panes(3, 2)?;
    ws.set_column_width(0, 24.0)?;
    ws.set_column_width(1, 8.0)?;
    for i in 2..head.len() - 1 {
        ws.set_column_width(i as u16, 14.0)?;
    }
    ws.set_column_width((head.len() - 1) as u16, 40.0)?;
    let first = 3;
    for (n, r) in c.rows.iter().enumerate() {
        let row = first + n as u32;
        ws.write_string(row, 0, formula_safe(&r.indicator))?;
        ws.write_string(row, 1, formula_safe(&r.unit))?;
        let mut col = 2u16;
        for f in &r.by_park {
            if let Some(f) = f {
                ws.write_number_with_format(row, col, f.value, if f.estimate { &estimate } else { &number })?;
            }
            col += 1;
        }
        if let Some(t) = r.total {
            ws.write_number_with_format(row, col, t, if r.with_estimates { &estimate } else { &number })?;
        }
        ws.write_string(row, col + 1, format!("{}/{}", r.reported, c.parks.len()))?;
        if let Some(y) = r.yoy_pct {
            ws.write_number_with_format(row, col + 2, round(y, 2), &number)?;
        }
        ws.write_string(row, col + 3, formula_safe(&row_note(r)))?;
    }
    let below = first + c.rows.len() as u32 + 1;
    ws.write_string(below, 0, format!("已上报园区{}个：{}", c.parks.len(), c.parks.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、")))?;
    let missing = if c.missing.is_empty() { "未上报园区：无".to_owned() } else { format!("未上报园区{}个：{}", c.missing.len(), c.missing.join("、")) };
    ws.write_string(below + 1, 0, formula_safe(&missing))?;
    ws.write_string(below + 2, 0, "同比按各园区本期合计与上年同期合计计算，不是各园区增速的平均。")?;

    let ws = wb.add_worksheet();
    ws.set_name("上报情况")?;
    for (i, h) in ["园区", "状态", "版本", "生成时间", "接收时间"].iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &bold)?;
        ws.set_column_width(i as u16, if i == 0 { 28.0 } else { 20.0 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut row = 1;
    for p in &c.parks {
        ws.write_string(row, 0, formula_safe(&p.name))?;
        ws.write_string(row, 1, "已上报")?;
        if let Some(v) = p.version {
            ws.write_number(row, 2, v as f64)?;
        }
        ws.write_string(row, 3, p.made_at.as_deref().unwrap_or(""))?;
        ws.write_string(row, 4, p.received_at.as_deref().unwrap_or(""))?;
        row += 1;
    }
    for name in &c.missing {
        ws.write_string(row, 0, formula_safe(name))?;
        ws.write_string(row, 1, "未上报")?;
        row += 1;
    }
    Ok(wb.save_to_buffer()?)
}

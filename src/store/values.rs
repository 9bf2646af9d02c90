//! The indicator catalogue and the values entered against it.

use std::collections::HashMap;

use rusqlite::{Row, params};

use super::history::Bulk;
use super::{Result, Rule, Store, StoreError, now, unique_violation};
use crate::domain::indicator::{Category, Indicator, Nature};
use crate::domain::park::clean_name;
use crate::domain::period::Period;
use crate::domain::value::{Entered, ExplanationError, IndicatorValue, ValueKind, ValueSet, check_explanation};

/// A value to write. Writing one with neither an amount nor a reported YoY clears the cell.
#[derive(Clone, Debug, PartialEq)]
pub struct NewValue {
    pub park_id: i64,
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
    pub value: Option<f64>,
    pub entered: Option<Entered>,
    pub reported_yoy: Option<f64>,
    pub source: String,
    pub derivation: Option<String>,
}

impl NewValue {
    pub fn from_existing(v: &IndicatorValue) -> Self {
        Self {
            park_id: v.park_id,
            indicator_id: v.indicator_id,
            period: v.period,
            kind: v.kind,
            value: v.value,
            entered: v.entered.clone(),
            reported_yoy: v.reported_yoy,
            source: v.source.clone(),
            derivation: v.derivation.clone(),
        }
    }
}

pub(super) const VALUE_COLUMNS: &str = "id, park_id, indicator_id, year, start_month, end_month, kind, value, \
     entered_amount, entered_unit, reported_yoy, source, derivation, updated_at, explanation";

/// [`VALUE_COLUMNS`] without the texts the audit does not read (source, derivation, the
/// time of the last change): a county's 1.17 million values load in about half the time.
const AUDIT_COLUMNS: &str = "id, park_id, indicator_id, year, start_month, end_month, kind, value, \
     entered_amount, entered_unit, reported_yoy, '', NULL, '', explanation";

pub(super) fn value_from_row(r: &Row<'_>) -> rusqlite::Result<IndicatorValue> {
    let kind: String = r.get(6)?;
    let entered_amount: Option<f64> = r.get(8)?;
    let entered_unit: Option<String> = r.get(9)?;
    Ok(IndicatorValue {
        id: r.get(0)?,
        park_id: r.get(1)?,
        indicator_id: r.get(2)?,
        period: Period { year: r.get(3)?, start_month: r.get(4)?, end_month: r.get(5)? },
        kind: ValueKind::from_code(&kind).unwrap_or(ValueKind::Actual),
        value: r.get(7)?,
        entered: entered_amount.zip(entered_unit).map(|(amount, unit)| Entered { amount, unit }),
        reported_yoy: r.get(10)?,
        source: r.get(11)?,
        derivation: r.get(12)?,
        updated_at: r.get(13)?,
        explanation: r.get(14)?,
    })
}

fn indicator_from_row(r: &Row<'_>) -> rusqlite::Result<Indicator> {
    let category: String = r.get(4)?;
    let nature: String = r.get(6)?;
    Ok(Indicator {
        id: r.get(0)?,
        name_zh: r.get(1)?,
        name_en: r.get(2)?,
        unit: r.get(3)?,
        category: Category::from_code(&category).unwrap_or(Category::Economy),
        precision: r.get(5)?,
        nature: Nature::from_code(&nature).unwrap_or(Nature::Flow),
        parent: r.get(7)?,
        builtin: r.get(8)?,
        sort_order: r.get(9)?,
    })
}

impl Store {
    pub fn indicators(&self) -> Result<Vec<Indicator>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name_zh, name_en, unit, category, precision, nature, parent_id, builtin, sort_order
             FROM indicator ORDER BY sort_order, id",
        )?;
        let rows = stmt.query_map([], indicator_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a user's own indicator (its `id`, `builtin` and `sort_order` are ignored).
    pub fn insert_indicator(&mut self, ind: &Indicator) -> Result<i64> {
        let name = clean_name(&ind.name_zh)?;
        if ind.unit.trim().is_empty() {
            return Err(StoreError::Rule(Rule::EmptyUnit));
        }
        self.conn
            .execute(
                "INSERT INTO indicator (name_zh, name_en, unit, category, precision, nature, parent_id, builtin, sort_order)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM indicator))",
                params![
                    name,
                    ind.name_en.trim(),
                    ind.unit.trim(),
                    ind.category.code(),
                    ind.precision.min(6),
                    ind.nature.code(),
                    ind.parent
                ],
            )
            .map_err(|e| unique_violation(e, &name))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn values_for_park(&self, park_id: i64) -> Result<Vec<IndicatorValue>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {VALUE_COLUMNS} FROM value WHERE park_id = ?1"))?;
        let rows = stmt.query_map([park_id], value_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A park's values with what the audit reads: [`Store::values_for_park`] with the
    /// source, derivation and time of the last change left empty.
    pub fn values_for_audit(&self, park_id: i64) -> Result<Vec<IndicatorValue>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {AUDIT_COLUMNS} FROM value WHERE park_id = ?1"))?;
        let rows = stmt.query_map([park_id], value_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn all_values(&self) -> Result<Vec<IndicatorValue>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VALUE_COLUMNS} FROM value ORDER BY park_id, indicator_id, year, start_month, end_month, kind"
        ))?;
        let rows = stmt.query_map([], value_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Writes one value (insert or replace by park, indicator, period and kind).
    pub fn upsert_value(&mut self, v: &NewValue) -> Result<()> {
        self.upsert_values(std::slice::from_ref(v))
    }

    /// Stores (or, with `None`, removes) the clerk's explanation of a value's audit
    /// findings. It is a column of the value, so the history keeps it and undo takes it
    /// back; a figure changed later keeps it. Refused: a cell with no value, and an
    /// explanation too short or made of stock phrases (see [`check_explanation`]).
    pub fn explain_value(&mut self, park_id: i64, indicator_id: i64, period: Period, kind: ValueKind, text: Option<&str>) -> Result<()> {
        let text = match text {
            Some(t) => Some(check_explanation(t).map_err(|e| {
                StoreError::Rule(match e {
                    ExplanationError::TooShort => Rule::ShortExplanation,
                    ExplanationError::Stock => Rule::StockExplanation,
                })
            })?),
            None => None,
        };
        let n = self.conn.execute(
            "UPDATE value SET explanation = ?6 WHERE park_id = ?1 AND indicator_id = ?2 AND year = ?3
               AND start_month = ?4 AND end_month = ?5 AND kind = ?7",
            params![park_id, indicator_id, period.year, period.start_month, period.end_month, text, kind.code()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Writes a block of values (a pasted range) as one transaction: all or nothing.
    pub fn upsert_values(&mut self, values: &[NewValue]) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_values(&tx, values)?;
        tx.commit()?;
        Ok(())
    }

    /// The clerk's own names for indicators (`产值（规上）` → 规上工业总产值), chosen once
    /// in an import and used by every later one.
    pub fn label_mappings(&self) -> Result<HashMap<String, i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT label, indicator_id FROM label_mapping")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn remember_label(&mut self, label: &str, indicator_id: i64) -> Result<()> {
        let label = label.trim();
        if label.is_empty() {
            return Err(StoreError::Rule(Rule::EmptyName));
        }
        self.conn.execute(
            "INSERT INTO label_mapping (label, indicator_id) VALUES (?1, ?2)
             ON CONFLICT (label) DO UPDATE SET indicator_id = excluded.indicator_id",
            params![label, indicator_id],
        )?;
        Ok(())
    }

    /// Every park's name and values, in park order: for comparing parks.
    pub fn values_by_park(&self) -> Result<Vec<(String, ValueSet)>> {
        let mut by_park: HashMap<i64, Vec<IndicatorValue>> = HashMap::new();
        for v in self.all_values()? {
            by_park.entry(v.park_id).or_default().push(v);
        }
        Ok(self
            .parks()?
            .into_iter()
            .map(|p| {
                let values = ValueSet::new(by_park.remove(&p.id).unwrap_or_default());
                (p.name, values)
            })
            .collect())
    }
}

/// Writes values inside the caller's transaction; a value with neither an amount nor a
/// rate deletes what is stored.
///
/// When the write is recorded by the set ([`Bulk`]), a value is first inserted as a new
/// row: most of an import's values are new, and a new row needs nothing recorded before
/// it is written. Only when its cell is taken (SQLite says so at once, before it writes
/// anything) is the stored row's old image recorded and the row updated.
pub(super) fn write_values<'a>(tx: &rusqlite::Transaction<'_>, values: impl IntoIterator<Item = &'a NewValue>) -> Result<()> {
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    tx.execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
    let written = write_values_cached(tx, values);
    tx.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    written
}

/// The page cache (KiB) values are written with. SQLite's default of 2 MB is too small
/// for an import's pages: it then writes dirty pages out to the WAL within the
/// transaction, the same page many times over (an import of 100,000 values made 528,000
/// writes and spent 40 % of its time in them); 16 MB holds them (BENCHMARKS.md). Only
/// for the write: an open window keeps the default.
const BULK_CACHE_KIB: i64 = 16 * 1024;

fn write_values_cached<'a>(tx: &rusqlite::Transaction<'_>, values: impl IntoIterator<Item = &'a NewValue>) -> Result<()> {
    const COLUMNS: &str = "park_id, indicator_id, year, start_month, end_month, kind, value,
        entered_amount, entered_unit, reported_yoy, source, derivation, updated_at";
    const VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13";
    let mut insert = tx.prepare_cached(&format!("INSERT INTO value ({COLUMNS}) VALUES ({VALUES})"))?;
    let mut upsert = tx.prepare_cached(&format!(
        "INSERT INTO value ({COLUMNS}) VALUES ({VALUES})
         ON CONFLICT (park_id, indicator_id, year, start_month, end_month, kind) DO UPDATE SET
            value = excluded.value, entered_amount = excluded.entered_amount,
            entered_unit = excluded.entered_unit, reported_yoy = excluded.reported_yoy,
            source = excluded.source, derivation = excluded.derivation,
            updated_at = excluded.updated_at"
    ))?;
    let mut delete = tx.prepare_cached(
        "DELETE FROM value WHERE park_id = ?1 AND indicator_id = ?2 AND year = ?3
           AND start_month = ?4 AND end_month = ?5 AND kind = ?6",
    )?;
    let stamp = now();
    let key = "park_id = ?1 AND indicator_id = ?2 AND year = ?3 AND start_month = ?4 AND end_month = ?5 AND kind = ?6";
    let bulk = Bulk::start(tx, "value", key)?;
    for v in values {
        let p = v.period;
        Period::new(p.year, p.start_month, p.end_month)?;
        let key_params = params![v.park_id, v.indicator_id, p.year, p.start_month, p.end_month, v.kind.code()];
        if v.value.is_some_and(|x| !x.is_finite()) || v.reported_yoy.is_some_and(|x| !x.is_finite()) {
            return Err(StoreError::Rule(Rule::NotFinite));
        }
        if v.value.is_none() && v.reported_yoy.is_none() {
            if let Some(bulk) = &bulk {
                bulk.before_change(tx, key_params)?;
            }
            delete.execute(key_params)?;
            continue;
        }
        let row = params![
            v.park_id,
            v.indicator_id,
            p.year,
            p.start_month,
            p.end_month,
            v.kind.code(),
            v.value,
            v.entered.as_ref().map(|e| e.amount),
            v.entered.as_ref().map(|e| e.unit.as_str()),
            v.reported_yoy,
            v.source,
            v.derivation,
            stamp
        ];
        let Some(bulk) = &bulk else {
            upsert.execute(row)?;
            continue;
        };
        match insert.execute(row) {
            Ok(_) => {}
            Err(e) if is_taken(&e) => {
                bulk.before_change(tx, key_params)?;
                upsert.execute(row)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(bulk) = bulk {
        bulk.finish(tx)?;
    }
    Ok(())
}

/// Whether an insert failed because its cell already holds a row.
fn is_taken(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

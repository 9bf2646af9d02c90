//! The county's side of 上报: the packages received (one row per park and period, the
//! version that stands) and the figures the totals (汇总) read, all parks' for a period.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::domain::package::ReceivedPackage;
use super::NewValue;
use crate::domain::{IndicatorValue, Period, Project, ValueKind};

/// An explanation the package brings for one of its figures (already checked).
pub struct Explained<'a> {
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
    pub text: &'a str,
}

impl Store {
    /// The version received for a park and period, if any.
    pub fn received_version(&self, park_id: i64, period: Period) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM received_package WHERE park_id = ?1 AND year = ?2 AND start_month = ?3 AND end_month = ?4",
                params![park_id, period.year, period.start_month, period.end_month],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The packages that stand for a period, one per park.
    pub fn received_packages(&self, period: Period) -> Result<Vec<ReceivedPackage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT park_id, version, made_at, received_at, content_sha256 FROM received_package
             WHERE year = ?1 AND start_month = ?2 AND end_month = ?3 ORDER BY park_id",
        )?;
        let rows = stmt.query_map(params![period.year, period.start_month, period.end_month], |r| {
            Ok(ReceivedPackage { park_id: r.get(0)?, period, version: r.get(1)?, made_at: r.get(2)?, received_at: r.get(3)?, content_sha256: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every park's values for these periods (actual and estimate; targets are not
    /// summed), read through the value table's key one park and indicator at a time so
    /// that a county's million values are not scanned for one period's few thousand.
    pub fn values_in_periods(&self, periods: &[Period]) -> Result<Vec<IndicatorValue>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM value WHERE park_id IN (SELECT id FROM park) AND indicator_id IN (SELECT id FROM indicator)
               AND year = ?1 AND start_month = ?2 AND end_month = ?3 AND kind IN ('actual', 'estimate')",
            super::values::VALUE_COLUMNS
        ))?;
        for p in periods {
            let rows = stmt.query_map(params![p.year, p.start_month, p.end_month], super::values::value_from_row)?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// A received package's figures, projects and explanations, and the record of the
    /// package itself, in one transaction: all of it or none. `received` replaces the
    /// version that stood for its park and period.
    #[allow(clippy::too_many_arguments)]
    pub fn apply_received<'a>(
        &mut self,
        values: impl IntoIterator<Item = &'a NewValue>,
        new: &[Project],
        changed: &[Project],
        explained: &[Explained<'_>],
        received: &ReceivedPackage,
        today: jiff::civil::Date,
        source: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        super::projects::write_import(&tx, values, new, changed, today, source)?;
        for e in explained {
            tx.execute(
                "UPDATE value SET explanation = ?6 WHERE park_id = ?1 AND indicator_id = ?2 AND year = ?3
                   AND start_month = ?4 AND end_month = ?5 AND kind = ?7",
                params![received.park_id, e.indicator_id, e.period.year, e.period.start_month, e.period.end_month, e.text, e.kind.code()],
            )?;
        }
        let p = received.period;
        tx.execute(
            "INSERT INTO received_package (park_id, year, start_month, end_month, version, made_at, received_at, content_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (park_id, year, start_month, end_month) DO UPDATE SET
               version = excluded.version, made_at = excluded.made_at, received_at = excluded.received_at,
               content_sha256 = excluded.content_sha256",
            params![received.park_id, p.year, p.start_month, p.end_month, received.version, received.made_at, received.received_at, received.content_sha256],
        )?;
        tx.commit()?;
        Ok(())
    }
}

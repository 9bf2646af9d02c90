//! Stored work-summary reports and small settings (report fonts).

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, now};
use crate::domain::period::Period;
use crate::report::ReportSpec;
use crate::report::pdf::FontChoice;

impl Store {
    /// The report the clerk left for this park and period, if any.
    pub fn report(&self, park_id: i64, period: Period) -> Result<Option<ReportSpec>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT body, updated_at FROM report WHERE park_id = ?1 AND year = ?2 AND start_month = ?3 AND end_month = ?4",
                params![park_id, period.year, period.start_month, period.end_month],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((body, updated_at)) = row else { return Ok(None) };
        let mut spec: ReportSpec =
            serde_json::from_str(&body).map_err(|e| StoreError::Invalid(format!("报告数据无法读取 (unreadable report): {e}")))?;
        spec.park_id = park_id;
        spec.period = period;
        spec.updated_at = updated_at;
        Ok(Some(spec))
    }

    /// Saves a report (one transaction) and returns its new time stamp.
    pub fn save_report(&mut self, spec: &ReportSpec) -> Result<String> {
        let body = serde_json::to_string(spec).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let stamp = now();
        let p = spec.period;
        self.conn.execute(
            "INSERT INTO report (park_id, year, start_month, end_month, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (park_id, year, start_month, end_month) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![spec.park_id, p.year, p.start_month, p.end_month, body, stamp],
        )?;
        Ok(stamp)
    }

    pub fn report_fonts(&self) -> Result<FontChoice> {
        let json: Option<String> =
            self.conn.query_row("SELECT value FROM setting WHERE key = 'report_fonts'", [], |r| r.get(0)).optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
    }

    pub fn set_report_fonts(&mut self, fonts: &FontChoice) -> Result<()> {
        let json = serde_json::to_string(fonts).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES ('report_fonts', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [json],
        )?;
        Ok(())
    }
}

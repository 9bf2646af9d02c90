//! Stored work summaries, small settings and the clerk's own audit rules. Summaries and
//! settings are text the store does not interpret: the report area serializes its
//! `ReportSpec` and font choice, so the store needs no report types and a report written
//! by a newer program is the report area's to judge.

use rusqlite::{OptionalExtension, params};

use super::{Result, Rule, Store, StoreError, now};
use crate::domain::period::Period;
use crate::domain::rule::{RuleError, UserRule, UserRuleKind};

/// A report as stored: its serialized body and when it was last written.
pub struct StoredReport {
    pub body: String,
    pub updated_at: String,
}

impl Store {
    /// The report the clerk left for this park and period, if any.
    pub fn report_body(&self, park_id: i64, period: Period) -> Result<Option<StoredReport>> {
        Ok(self
            .conn
            .query_row(
                "SELECT body, updated_at FROM report WHERE park_id = ?1 AND year = ?2 AND start_month = ?3 AND end_month = ?4",
                params![park_id, period.year, period.start_month, period.end_month],
                |r| Ok(StoredReport { body: r.get(0)?, updated_at: r.get(1)? }),
            )
            .optional()?)
    }

    /// The periods a park has a report for.
    pub fn report_periods(&self, park_id: i64) -> Result<Vec<Period>> {
        let mut stmt = self.conn.prepare_cached("SELECT year, start_month, end_month FROM report WHERE park_id = ?1 ORDER BY year, start_month, end_month")?;
        let rows = stmt.query_map([park_id], |r| Ok(Period { year: r.get(0)?, start_month: r.get(1)?, end_month: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a report body (one statement) and returns its new time stamp.
    pub fn save_report_body(&mut self, park_id: i64, period: Period, body: &str) -> Result<String> {
        let stamp = now();
        let p = period;
        self.conn.execute(
            "INSERT INTO report (park_id, year, start_month, end_month, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (park_id, year, start_month, end_month) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![park_id, p.year, p.start_month, p.end_month, body, stamp],
        )?;
        Ok(stamp)
    }

    /// A setting's stored text (`report_fonts`, …), if set.
    /// Whether this database was filled with the sample data on the first run and the
    /// clerk has not yet said whether to keep it (see [`SAMPLE_NOTICE`]).
    pub fn sample_notice_pending(&self) -> bool {
        matches!(self.setting(SAMPLE_NOTICE), Ok(Some(v)) if v == "pending")
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// The audit rules the clerk added, oldest first.
    pub fn audit_rules(&self) -> Result<Vec<UserRule>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, kind, indicator_id, total_id, limit_pct FROM audit_rule ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(1)?;
            let indicator: i64 = r.get(2)?;
            let kind = match kind.as_str() {
                "part_of" => UserRuleKind::PartOf { part: indicator, total: r.get(3)? },
                _ => UserRuleKind::YoyLimit { indicator, limit_pct: r.get(4)? },
            };
            Ok(UserRule { id: r.get(0)?, kind })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a rule (its `id` is ignored) and returns the new id.
    pub fn add_audit_rule(&mut self, rule: &UserRule) -> Result<i64> {
        rule.kind.check().map_err(|e| StoreError::Rule(match e {
            RuleError::SameIndicator => Rule::PartOfItself,
            RuleError::LimitOutOfRange => Rule::YoyLimitRange,
        }))?;
        match rule.kind {
            UserRuleKind::PartOf { part, total } => self.conn.execute(
                "INSERT INTO audit_rule (kind, indicator_id, total_id) VALUES ('part_of', ?1, ?2)",
                params![part, total],
            )?,
            UserRuleKind::YoyLimit { indicator, limit_pct } => self.conn.execute(
                "INSERT INTO audit_rule (kind, indicator_id, limit_pct) VALUES ('yoy_limit', ?1, ?2)",
                params![indicator, limit_pct],
            )?,
        };
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delete_audit_rule(&mut self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM audit_rule WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

/// The setting a first run's sample database carries until the clerk has chosen between
/// the sample data and an empty database: `pending`, then `seen`.
pub const SAMPLE_NOTICE: &str = "sample_notice";

//! Schema migrations: an append-only list, applied in one exclusive transaction and
//! tracked with `PRAGMA user_version` (the pattern of cargo's own SQLite code). Never edit
//! a migration that has shipped; add a new one.

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::domain::indicator::BUILTIN_INDICATORS;

const MIGRATIONS: &[&str] = &[
    // 1: the initial schema.
    "CREATE TABLE park (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        level TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE zone (
        id INTEGER PRIMARY KEY,
        park_id INTEGER NOT NULL REFERENCES park(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        UNIQUE (park_id, name)
    );
    CREATE TABLE indicator (
        id INTEGER PRIMARY KEY,
        name_zh TEXT NOT NULL UNIQUE,
        name_en TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL,
        category TEXT NOT NULL,
        precision INTEGER NOT NULL DEFAULT 2 CHECK (precision BETWEEN 0 AND 6),
        nature TEXT NOT NULL CHECK (nature IN ('flow', 'stock', 'rate')),
        parent_id INTEGER REFERENCES indicator(id) ON DELETE SET NULL,
        builtin INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE value (
        id INTEGER PRIMARY KEY,
        park_id INTEGER NOT NULL REFERENCES park(id) ON DELETE CASCADE,
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE RESTRICT,
        year INTEGER NOT NULL,
        start_month INTEGER NOT NULL CHECK (start_month BETWEEN 1 AND 12),
        end_month INTEGER NOT NULL CHECK (end_month BETWEEN start_month AND 12),
        kind TEXT NOT NULL CHECK (kind IN ('actual', 'estimate', 'target')),
        value REAL,
        entered_amount REAL,
        entered_unit TEXT,
        reported_yoy REAL,
        source TEXT NOT NULL DEFAULT '',
        derivation TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (park_id, indicator_id, year, start_month, end_month, kind),
        CHECK (value IS NOT NULL OR reported_yoy IS NOT NULL)
    );
    CREATE INDEX value_by_indicator ON value (indicator_id);
    CREATE TABLE chain (name TEXT PRIMARY KEY);
    CREATE TABLE project (
        id INTEGER PRIMARY KEY,
        park_id INTEGER NOT NULL REFERENCES park(id) ON DELETE CASCADE,
        zone_id INTEGER REFERENCES zone(id) ON DELETE SET NULL,
        name TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        chain TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        key_level TEXT NOT NULL,
        capacity TEXT NOT NULL DEFAULT '',
        investment REAL,
        currency TEXT NOT NULL CHECK (currency IN ('cny', 'usd')),
        status TEXT NOT NULL,
        signed_on TEXT,
        started_on TEXT,
        planned_completion TEXT,
        completed_on TEXT,
        plan_year INTEGER,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX project_by_park ON project (park_id);
    CREATE TABLE project_investment (
        project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        amount REAL NOT NULL,
        PRIMARY KEY (project_id, year)
    );
    CREATE TABLE progress (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        status TEXT
    );
    CREATE INDEX progress_by_project ON progress (project_id);",
    // 2: presentation decks, one per park: the charts picked, in order, as JSON.
    "CREATE TABLE deck (
        park_id INTEGER PRIMARY KEY REFERENCES park(id) ON DELETE CASCADE,
        charts TEXT NOT NULL
    );",
    // 3: work-summary reports, one per park and period, as the clerk left them (JSON).
    "CREATE TABLE report (
        park_id INTEGER NOT NULL REFERENCES park(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        start_month INTEGER NOT NULL,
        end_month INTEGER NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (park_id, year, start_month, end_month)
    );
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 4: the clerk's own names for indicators, remembered from imports.
    "CREATE TABLE label_mapping (
        label TEXT PRIMARY KEY,
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE
    );",
    // 5: undo, redo and the change history (see history.rs).
    "CREATE TABLE change_group (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        label TEXT NOT NULL,
        park_id INTEGER,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2))
    );
    CREATE TABLE change_row (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES change_group(id) ON DELETE CASCADE,
        tbl TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX change_row_group ON change_row (group_id);
    CREATE INDEX change_row_row ON change_row (tbl, row_id);
    CREATE INDEX change_group_undone ON change_group (undone, id);",
    // 6: a change row whose new image is not written yet (see history.rs, `Bulk`).
    "ALTER TABLE change_row ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));",
    // 7: the clerk's explanation of what the audit found about a value (审核说明).
    "ALTER TABLE value ADD COLUMN explanation TEXT;",
    // 8: audit rules the clerk adds (domain::rule): a part of a total, a YoY limit.
    "CREATE TABLE audit_rule (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('part_of', 'yoy_limit')),
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        total_id INTEGER REFERENCES indicator(id) ON DELETE CASCADE,
        limit_pct REAL,
        CHECK ((kind = 'part_of' AND total_id IS NOT NULL) OR (kind = 'yoy_limit' AND limit_pct > 0))
    );",
    // 9: the county's record of the packages it received (county::receive), one row per
    // park and period holding the version that stands; the history keeps the earlier ones.
    "CREATE TABLE received_package (
        id INTEGER PRIMARY KEY,
        park_id INTEGER NOT NULL REFERENCES park(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        start_month INTEGER NOT NULL,
        end_month INTEGER NOT NULL,
        version INTEGER NOT NULL,
        made_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        UNIQUE (park_id, year, start_month, end_month)
    );",
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

impl Store {
    pub(super) fn migrate(&mut self) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found, supported: SCHEMA_VERSION });
        }
        for sql in &MIGRATIONS[usize::try_from(found).unwrap_or(0)..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        check_schema(&tx)?;
        ensure_builtin_indicators(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

/// Checks that every table and column the migrations make is there. A file damaged, or
/// edited by another tool, can lack one while its version says otherwise; it would then
/// open with an empty grid, or fail later with raw SQL (`no such column`). The reference
/// is the migrations themselves, applied to an empty database in memory.
pub(super) fn check_schema(conn: &rusqlite::Connection) -> Result<()> {
    let reference = rusqlite::Connection::open_in_memory()?;
    reference.execute_batch(&MIGRATIONS.concat())?;
    let tables: Vec<String> = reference
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let columns = |c: &rusqlite::Connection, table: &str| -> Result<Vec<String>> {
        let mut stmt = c.prepare(&format!("PRAGMA main.table_info(\"{table}\")"))?;
        Ok(stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<_>>()?)
    };
    for table in tables {
        let found = columns(conn, &table)?;
        if found.is_empty() {
            return Err(StoreError::SchemaDamaged(table));
        }
        if let Some(missing) = columns(&reference, &table)?.into_iter().find(|c| !found.contains(c)) {
            return Err(StoreError::SchemaDamaged(format!("{table}.{missing}")));
        }
    }
    Ok(())
}

/// Adds built-in indicators missing by name, so a newer catalogue reaches old databases.
fn ensure_builtin_indicators(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT OR IGNORE INTO indicator
            (name_zh, name_en, unit, category, precision, nature, builtin, sort_order)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
    )?;
    for (i, b) in BUILTIN_INDICATORS.iter().enumerate() {
        insert.execute(params![
            b.name_zh,
            b.name_en,
            b.unit,
            b.category.code(),
            b.precision,
            b.nature.code(),
            i as i64 * 10
        ])?;
    }
    let mut parent = tx.prepare(
        "UPDATE indicator SET parent_id = (SELECT id FROM indicator WHERE name_zh = ?2)
         WHERE name_zh = ?1 AND parent_id IS NULL",
    )?;
    for b in BUILTIN_INDICATORS {
        if let Some(p) = b.parent {
            parent.execute(params![b.name_zh, p])?;
        }
    }
    Ok(())
}

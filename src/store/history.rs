//! Undo, redo and the change history, kept in the database so they survive a restart and
//! show who changed what.
//!
//! Every user action runs inside [`Store::record`], which opens a *change group* (when,
//! who, what, which park). While it runs, triggers on the tracked tables copy each row
//! written (as JSON, before and after) into `change_row`, in the same transaction as the
//! write itself: a change is in the history exactly when it is in the data. The triggers
//! are TEMP triggers made by each connection when it opens, because only those may read
//! the connection's current group (a TEMP table); a write outside [`Store::record`]
//! (creating the sample, migrations) is not recorded.
//!
//! Undo writes each row of the newest group back to its `old` JSON, newest row first;
//! redo writes `new`, oldest first. Foreign keys are checked at commit, so a park comes
//! back before its projects whichever order the cascade logged them in.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError};

/// Tables whose rows are recorded. (Decks, settings and remembered names are not user
/// data worth undoing.)
const TRACKED: [&str; 9] = ["park", "zone", "indicator", "value", "project", "project_investment", "progress", "report", "received_package"];

/// A user action as the history shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeGroup {
    pub id: i64,
    /// Local time, `2026-11-23 14:05:09`.
    pub at: String,
    pub user: String,
    pub label: String,
    pub park_id: Option<i64>,
    pub state: GroupState,
    /// How many rows it wrote.
    pub rows: i64,
    /// The tables it wrote, comma-separated.
    pub tables: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupState {
    Done,
    Undone,
    /// Undone, and then replaced by a new edit: it can no longer be redone.
    Abandoned,
}

/// One row written by a group: the row before and after, as JSON objects of its columns.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    pub id: i64,
    pub group_id: i64,
    pub table: String,
    pub row_id: i64,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Filters of the audit view; empty means any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    pub park_id: Option<i64>,
    pub table: Option<String>,
    /// Groups on or after this day (`2026-11-01`).
    pub since: Option<String>,
    /// Only groups that touched this row.
    pub row: Option<(String, i64)>,
    pub limit: usize,
}

/// The name the OS gives the person at the desk.
/// Stored as who made a change when the system does not say.
pub const UNKNOWN_USER: &str = "?";

/// The environment first (what the clerk's session calls them), then the OS's account name
/// (a service or a shell started without a login has no USER), then `?`, which the history
/// page words in its own language.
fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| whoami::username().ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| UNKNOWN_USER.to_owned())
}

fn columns(tx: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!("PRAGMA main.table_info({table})"))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// `json_object('id', R."id", …)`: the image of a row `R` of `table`, as the history keeps it.
fn image_sql(conn: &rusqlite::Connection, table: &str, row: &str) -> Result<String> {
    let pairs: Vec<String> = columns(conn, table)?.iter().map(|c| format!("'{c}', {row}.\"{c}\"")).collect();
    Ok(format!("json_object({})", pairs.join(", ")))
}

/// Many rows of one table written with their history recorded by the set, not by the row
/// triggers. An import of 100,000 values spent two thirds of its time in the triggers,
/// and most of that writing each row's new image, about 250 bytes of JSON that undo reads
/// only if the clerk takes the import back (BENCHMARKS.md).
///
/// So a bulk write records, per row, only what cannot be had later: the old image of a
/// row it changes or deletes ([`Bulk::before_change`], before the write) and the rowid of
/// each row it writes. The new image is left *pending*: it is the row as the next recorded
/// change to it found it (that change's old image), or the row as it stands when there is
/// none. Undo takes groups back newest first, so when it reaches this one every later
/// change is already taken back and the row is exactly as this group left it: undo writes
/// the pending images out ([`fill_pending`]) before it puts the old ones back, and redo
/// reads them like any other. [`Store::change_rows`] works them out for the history page.
///
/// [`Bulk::start`] drops the table's triggers and notes the newest rowid; the writer calls
/// [`Bulk::before_change`] before it updates or deletes a row that may exist; then
/// [`Bulk::finish`] records every row inserted (a rowid above the one noted: SQLite gives
/// a new row the largest rowid plus one) and puts the triggers back. All of it inside
/// the writer's transaction (a TEMP trigger dropped in it comes back with a rollback), so
/// a failure anywhere leaves neither the rows nor their history.
///
/// The triggers are dropped, not only kept from recording: a trigger on a table makes
/// every write to it a statement that may have to be undone half-way, for which SQLite
/// keeps a statement journal; past 64 KiB that goes to a temporary file. An import of
/// 100,000 values made 734,000 writes to it and spent two thirds of its time there, even
/// with the triggers' condition false (BENCHMARKS.md).
pub(super) struct Bulk {
    group: i64,
    table: &'static str,
    max_rowid: i64,
    /// The statement [`Bulk::before_change`] runs, made once.
    record_old: String,
}

/// The tables [`Bulk`] writes, whose change rows can be pending.
const BULK_TABLES: [&str; 1] = ["value"];

impl Bulk {
    /// `None` when no change group is open: the write is not recorded at all. `key` is
    /// the WHERE clause over the table's columns (parameters from ?1) that selects the row
    /// [`Bulk::before_change`] records.
    pub(super) fn start(tx: &Transaction<'_>, table: &'static str, key: &str) -> Result<Option<Self>> {
        debug_assert!(BULK_TABLES.contains(&table), "pending images are worked out only for BULK_TABLES");
        let group: Option<i64> = tx.query_row("SELECT id FROM temp.current_group", [], |r| r.get(0)).optional()?.flatten();
        let Some(group) = group else { return Ok(None) };
        let max_rowid: i64 = tx.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM main.{table}"), [], |r| r.get(0))?;
        drop_triggers(tx, table)?;
        let image = image_sql(tx, table, "t")?;
        let record_old = format!(
            "INSERT INTO main.change_row (group_id, tbl, row_id, old, new, pending)
             SELECT {group}, '{table}', t.rowid, {image}, NULL, 1 FROM main.{table} t WHERE ({key}) AND t.rowid <= {max_rowid}"
        );
        Ok(Some(Self { group, table, max_rowid, record_old }))
    }

    /// Records the old image of the row (of those present before the bulk write) that
    /// the key selects, about to be updated or deleted; nothing when there is none.
    pub(super) fn before_change(&self, tx: &Transaction<'_>, params: impl rusqlite::Params) -> Result<()> {
        tx.prepare_cached(&self.record_old)?.execute(params)?;
        Ok(())
    }

    pub(super) fn finish(self, tx: &Transaction<'_>) -> Result<()> {
        let Self { group, table, max_rowid, .. } = self;
        tx.execute(
            &format!(
                "INSERT INTO main.change_row (group_id, tbl, row_id, old, new, pending)
                 SELECT ?1, '{table}', t.rowid, NULL, NULL, 1 FROM main.{table} t WHERE t.rowid > ?2 ORDER BY t.rowid"
            ),
            params![group, max_rowid],
        )?;
        tx.execute_batch(&triggers_sql(tx, table)?)?;
        Ok(())
    }
}

/// The new image of a change row `c`, pending or not: see [`Bulk`]. A pending image is
/// the old image of the next change to the row in a group not taken back, or else the
/// row as it stands (NULL when it is gone).
fn new_image_sql(conn: &rusqlite::Connection) -> Result<String> {
    let mut current = String::new();
    for table in BULK_TABLES {
        let image = image_sql(conn, table, "t")?;
        current.push_str(&format!(" WHEN '{table}' THEN (SELECT {image} FROM main.{table} t WHERE t.rowid = c.row_id)"));
    }
    let next = "FROM main.change_row n JOIN main.change_group g ON g.id = n.group_id
                WHERE n.tbl = c.tbl AND n.row_id = c.row_id AND n.id > c.id AND g.undone = 0";
    Ok(format!(
        "CASE WHEN c.pending = 0 THEN c.new
              WHEN EXISTS (SELECT 1 {next}) THEN (SELECT n.old {next} ORDER BY n.id LIMIT 1)
              ELSE CASE c.tbl{current} END END"
    ))
}

/// Writes out the pending new images of a group about to be undone, from the rows as they
/// stand (the group being the newest not taken back, they are as it left them).
fn fill_pending(tx: &Transaction<'_>, group: i64) -> Result<()> {
    for table in BULK_TABLES {
        let image = image_sql(tx, table, "t")?;
        tx.execute(
            &format!(
                "UPDATE main.change_row SET new = (SELECT {image} FROM main.{table} t WHERE t.rowid = change_row.row_id), pending = 0
                 WHERE group_id = ?1 AND tbl = '{table}' AND pending = 1"
            ),
            [group],
        )?;
    }
    Ok(())
}

/// The TEMP triggers that record each row of `table` written while a group is open.
fn triggers_sql(conn: &rusqlite::Connection, table: &str) -> Result<String> {
    let (json_new, json_old) = (image_sql(conn, table, "NEW")?, image_sql(conn, table, "OLD")?);
    let record = |event: &str, row: &str, old: &str, new: &str| {
        format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS record_{table}_{event} AFTER {event} ON main.{table}
             WHEN (SELECT id FROM temp.current_group) IS NOT NULL
             BEGIN
               INSERT INTO main.change_row (group_id, tbl, row_id, old, new)
               VALUES ((SELECT id FROM temp.current_group), '{table}', {row}.rowid, {old}, {new});
             END;"
        )
    };
    Ok([record("INSERT", "NEW", "NULL", &json_new), record("UPDATE", "NEW", &json_old, &json_new), record("DELETE", "OLD", &json_old, "NULL")].concat())
}

/// A table name read from the history, checked to be one it records before it goes into
/// SQL: a hostile file could name anything there (`x; ATTACH …`).
fn tracked(table: &str) -> Result<&'static str> {
    TRACKED.iter().copied().find(|t| *t == table).ok_or_else(|| StoreError::Unreadable(format!("change_row.tbl = {table:?}")))
}

/// Drops the recording triggers of `table` for a write that records by itself (or is
/// not recorded): see [`Bulk`] for why they cost even when they record nothing. Inside a
/// transaction, which [`triggers_sql`] closes by making them again (a rollback brings
/// them back too).
fn drop_triggers(tx: &Transaction<'_>, table: &str) -> Result<()> {
    tx.execute_batch(&format!(
        "DROP TRIGGER IF EXISTS temp.record_{table}_INSERT;
         DROP TRIGGER IF EXISTS temp.record_{table}_UPDATE;
         DROP TRIGGER IF EXISTS temp.record_{table}_DELETE;"
    ))?;
    Ok(())
}

/// The TEMP table holding the current group and the triggers that record into it.
pub(super) fn install(conn: &rusqlite::Connection) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS current_group (id INTEGER);
         DELETE FROM temp.current_group;",
    );
    for table in TRACKED {
        sql.push_str(&triggers_sql(conn, table)?);
    }
    conn.execute_batch(&sql)?;
    // A process killed between opening a group and writing leaves it empty. Only old
    // ones go: a second ParkLedger may be between the two steps right now.
    let hour_ago = jiff::Zoned::now().checked_sub(jiff::Span::new().hours(1)).map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string());
    if let Ok(cutoff) = hour_ago {
        conn.execute(
            "DELETE FROM main.change_group WHERE at < ?1 AND NOT EXISTS (SELECT 1 FROM main.change_row r WHERE r.group_id = change_group.id)",
            [cutoff],
        )?;
    }
    Ok(())
}

/// Writes rows back to JSON images of their columns ([`RowWriter::put`]), making each
/// table's statements once: undoing an import writes 100,000 rows back, and reading the
/// table's columns and preparing the statements for each row took longer than the writes.
struct RowWriter<'t, 'c> {
    tx: &'t Transaction<'c>,
    /// The UPDATE and the INSERT of each table written so far.
    sql: std::collections::HashMap<String, (String, String)>,
}

impl<'t, 'c> RowWriter<'t, 'c> {
    fn new(tx: &'t Transaction<'c>) -> Self {
        Self { tx, sql: Default::default() }
    }

    /// Writes a row back to an image, or deletes it when there is none. A row that still
    /// exists is updated in place (never replaced: replacing a project would cascade to
    /// its investment and log); one that is gone is inserted again under its old rowid.
    fn put(&mut self, table: &str, rowid: i64, image: Option<&str>) -> Result<()> {
        let tx = self.tx;
        let table = tracked(table)?;
        let Some(json) = image else {
            tx.prepare_cached(&format!("DELETE FROM main.{table} WHERE rowid = ?1"))?.execute([rowid])?;
            return Ok(());
        };
        if !self.sql.contains_key(table) {
            self.sql.insert(table.to_owned(), put_sql(tx, table)?);
        }
        let (update, insert) = &self.sql[table];
        if tx.prepare_cached(update)?.execute(params![json, rowid])? == 0 {
            tx.prepare_cached(insert)?.execute(params![json, rowid])?;
        }
        Ok(())
    }
}

/// The UPDATE and the INSERT that write a row of `table` from an image (?1) by rowid (?2).
fn put_sql(conn: &rusqlite::Connection, table: &str) -> Result<(String, String)> {
    // `id` is the rowid where a table has one; it is written as the rowid.
    let cols: Vec<String> = columns(conn, table)?.into_iter().filter(|c| c != "id").collect();
    let value = |c: &String| format!("json_extract(?1, '$.\"{c}\"')");
    let sets: Vec<String> = cols.iter().map(|c| format!("\"{c}\" = {}", value(c))).collect();
    let names: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
    let values: Vec<String> = cols.iter().map(value).collect();
    Ok((
        format!("UPDATE main.{table} SET {} WHERE rowid = ?2", sets.join(", ")),
        format!("INSERT INTO main.{table} (rowid, {}) VALUES (?2, {})", names.join(", "), values.join(", ")),
    ))
}

/// The rows a group wrote, in the order it wrote them, pending images worked out.
fn change_rows(conn: &rusqlite::Connection, group: i64) -> Result<Vec<ChangeRow>> {
    let sql = format!("SELECT c.id, c.group_id, c.tbl, c.row_id, c.old, {} FROM main.change_row c WHERE c.group_id = ?1 ORDER BY c.id", new_image_sql(conn)?);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([group], change_row_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn change_row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeRow> {
    Ok(ChangeRow { id: r.get(0)?, group_id: r.get(1)?, table: r.get(2)?, row_id: r.get(3)?, old: r.get(4)?, new: r.get(5)? })
}

fn group_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeGroup> {
    Ok(ChangeGroup {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        label: r.get(3)?,
        park_id: r.get(4)?,
        state: match r.get::<_, i64>(5)? {
            0 => GroupState::Done,
            1 => GroupState::Undone,
            _ => GroupState::Abandoned,
        },
        rows: r.get(6)?,
        tables: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
    })
}

const GROUP_COLUMNS: &str = "g.id, g.at, g.user, g.label, g.park_id, g.undone,
    (SELECT COUNT(*) FROM change_row c WHERE c.group_id = g.id),
    (SELECT group_concat(DISTINCT c.tbl) FROM change_row c WHERE c.group_id = g.id)";

impl Store {
    /// Runs `f` as one recorded user action: what it writes can be undone as one step
    /// and shows in the history under `label`. An action that writes nothing leaves no
    /// trace; one that fails leaves none either.
    pub fn record<T>(&mut self, label: &str, park_id: Option<i64>, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let group = self.begin_record(label, park_id)?;
        let result = f(self);
        self.end_record(group)?;
        result
    }

    /// Opens a change group; what is written until [`Store::end_record`] belongs to it.
    /// (For callers that cannot pass a closure; prefer [`Store::record`].)
    pub fn begin_record(&mut self, label: &str, park_id: Option<i64>) -> Result<i64> {
        self.check_same_file()?;
        let at = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S").to_string();
        self.conn.execute(
            "INSERT INTO change_group (at, user, label, park_id, undone) VALUES (?1, ?2, ?3, ?4, 0)",
            params![at, os_user(), label, park_id],
        )?;
        let group = self.conn.last_insert_rowid();
        self.conn.execute("DELETE FROM temp.current_group", [])?;
        self.conn.execute("INSERT INTO temp.current_group (id) VALUES (?1)", [group])?;
        Ok(group)
    }

    /// Closes a change group: dropped if nothing was written, else it ends the redo
    /// history (which is kept, for the audit view, as abandoned).
    pub fn end_record(&mut self, group: i64) -> Result<()> {
        self.conn.execute("DELETE FROM temp.current_group", [])?;
        let wrote: i64 = self.conn.query_row("SELECT COUNT(*) FROM change_row WHERE group_id = ?1", [group], |r| r.get(0))?;
        if wrote == 0 {
            self.conn.execute("DELETE FROM change_group WHERE id = ?1", [group])?;
        } else {
            self.conn.execute("UPDATE change_group SET undone = 2 WHERE undone = 1 AND id < ?1", [group])?;
            self.file_group_under_its_park(group)?;
        }
        Ok(())
    }

    /// A group is listed under the park whose rows it wrote, when they are all one park's:
    /// a new park's creation under the new park (not the one selected before), a project
    /// saved from the all-parks ledger under its own park. Only the first rows are read, so
    /// that closing a 100,000-row import stays instant; a bulk write keeps the park it
    /// was begun with.
    fn file_group_under_its_park(&mut self, group: i64) -> Result<()> {
        const READ: i64 = 64;
        let rows: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM (SELECT 1 FROM change_row WHERE group_id = ?1 LIMIT ?2)",
            params![group, READ + 1],
            |r| r.get(0),
        )?;
        if rows > READ {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(
            // A row whose new image is still pending (written out at undo) names its park
            // through the live row.
            "SELECT DISTINCT CASE
                 WHEN tbl = 'park' THEN row_id
                 WHEN tbl = 'value' THEN COALESCE(json_extract(COALESCE(new, old), '$.park_id'), (SELECT park_id FROM value WHERE id = row_id))
                 WHEN tbl = 'project' THEN COALESCE(json_extract(COALESCE(new, old), '$.park_id'), (SELECT park_id FROM project WHERE id = row_id))
                 WHEN tbl = 'zone' THEN COALESCE(json_extract(COALESCE(new, old), '$.park_id'), (SELECT park_id FROM zone WHERE id = row_id))
                 WHEN tbl IN ('progress', 'project_investment') THEN
                     (SELECT park_id FROM project WHERE id = json_extract(COALESCE(new, old), '$.project_id'))
                 ELSE json_extract(COALESCE(new, old), '$.park_id')
             END
             FROM change_row WHERE group_id = ?1",
        )?;
        let parks: Vec<i64> = stmt.query_map([group], |r| r.get::<_, Option<i64>>(0))?.filter_map(|p| p.transpose()).collect::<rusqlite::Result<_>>()?;
        if let [park] = parks[..] {
            self.conn.execute("UPDATE change_group SET park_id = ?2 WHERE id = ?1", params![group, park])?;
        }
        Ok(())
    }

    /// The action the next undo takes back, if any.
    pub fn undo_target(&self) -> Result<Option<ChangeGroup>> {
        self.one_group("WHERE g.undone = 0 AND EXISTS (SELECT 1 FROM change_row c WHERE c.group_id = g.id) ORDER BY g.id DESC")
    }

    /// The action the next redo writes again, if any.
    pub fn redo_target(&self) -> Result<Option<ChangeGroup>> {
        self.one_group("WHERE g.undone = 1 AND EXISTS (SELECT 1 FROM change_row c WHERE c.group_id = g.id) ORDER BY g.id ASC")
    }

    fn one_group(&self, tail: &str) -> Result<Option<ChangeGroup>> {
        let sql = format!("SELECT {GROUP_COLUMNS} FROM change_group g {tail} LIMIT 1");
        Ok(self.conn.query_row(&sql, [], group_from_row).optional()?)
    }

    /// Takes back the newest action. Returns it, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<ChangeGroup>> {
        let Some(group) = self.undo_target()? else { return Ok(None) };
        self.replay(group.id, true)?;
        Ok(Some(group))
    }

    /// Writes again the action undone last.
    pub fn redo(&mut self) -> Result<Option<ChangeGroup>> {
        let Some(group) = self.redo_target()? else { return Ok(None) };
        self.replay(group.id, false)?;
        Ok(Some(group))
    }

    fn replay(&mut self, group: i64, undo: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        if undo {
            fill_pending(&tx, group)?;
        }
        let rows = change_rows(&tx, group)?;
        // Undo and redo are not recorded themselves (no group is open).
        let tables = rows.iter().map(|r| tracked(&r.table)).collect::<Result<std::collections::BTreeSet<&str>>>()?;
        for table in &tables {
            drop_triggers(&tx, table)?;
        }
        let ordered: Box<dyn Iterator<Item = &ChangeRow>> = if undo { Box::new(rows.iter().rev()) } else { Box::new(rows.iter()) };
        let mut writer = RowWriter::new(&tx);
        for row in ordered {
            let image = if undo { row.old.as_deref() } else { row.new.as_deref() };
            writer.put(&row.table, row.row_id, image)?;
        }
        for table in &tables {
            tx.execute_batch(&triggers_sql(&tx, table)?)?;
        }
        tx.execute("UPDATE change_group SET undone = ?2 WHERE id = ?1", params![group, i64::from(undo)])?;
        tx.commit().map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Rule(super::Rule::UndoConflict),
            _ => StoreError::Sqlite(e),
        })?;
        Ok(())
    }

    /// The rows a group wrote, in the order it wrote them.
    pub fn change_rows(&self, group: i64) -> Result<Vec<ChangeRow>> {
        change_rows(&self.conn, group)
    }

    /// Recorded actions, newest first, for the audit view.
    pub fn history(&self, filter: &AuditFilter) -> Result<Vec<ChangeGroup>> {
        let (table, row_id) = filter.row.clone().map_or((None, None), |(t, id)| (Some(t), Some(id)));
        let sql = format!(
            "SELECT {GROUP_COLUMNS} FROM change_group g
             WHERE EXISTS (SELECT 1 FROM change_row c WHERE c.group_id = g.id)
               AND (?1 IS NULL OR g.park_id = ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM change_row c WHERE c.group_id = g.id AND c.tbl = ?2))
               AND (?3 IS NULL OR g.at >= ?3)
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM change_row c WHERE c.group_id = g.id AND c.tbl = ?4 AND c.row_id = ?5))
             ORDER BY g.id DESC LIMIT ?6"
        );
        let limit = if filter.limit == 0 { 500 } else { filter.limit } as i64;
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![filter.park_id, filter.table, filter.since, table, row_id, limit], group_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The history of one row (a value, a project): each change to it, newest first.
    pub fn row_history(&self, table: &str, row_id: i64) -> Result<Vec<(ChangeGroup, ChangeRow)>> {
        let sql = format!(
            "SELECT c.id, c.group_id, c.tbl, c.row_id, c.old, {} FROM main.change_row c
             WHERE c.tbl = ?1 AND c.row_id = ?2 ORDER BY c.group_id DESC, c.id LIMIT 1000",
            new_image_sql(&self.conn)?
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![table, row_id], change_row_from)?.collect::<rusqlite::Result<Vec<_>>>()?;
        self.with_groups(rows)
    }

    /// Each change row with the group it belongs to.
    fn with_groups(&self, rows: Vec<ChangeRow>) -> Result<Vec<(ChangeGroup, ChangeRow)>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {GROUP_COLUMNS} FROM change_group g WHERE g.id = ?1"))?;
        let mut out: Vec<(ChangeGroup, ChangeRow)> = Vec::with_capacity(rows.len());
        for row in rows {
            let group = match out.last() {
                Some((g, _)) if g.id == row.group_id => g.clone(),
                _ => stmt.query_row([row.group_id], group_from_row)?,
            };
            out.push((group, row));
        }
        Ok(out)
    }

    /// Puts one row back as it was before `change` (as a new, undoable action).
    pub fn restore_row(&mut self, change: &ChangeRow) -> Result<()> {
        let label = crate::domain::change::ChangeLabel::RestoreRow { change: change.id }.encode();
        let park = self.conn.query_row("SELECT park_id FROM change_group WHERE id = ?1", [change.group_id], |r| r.get(0)).optional()?.flatten();
        self.record(&label, park, |store| {
            let tx = store.conn.transaction()?;
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            RowWriter::new(&tx).put(&change.table, change.row_id, change.old.as_deref())?;
            tx.commit()?;
            Ok(())
        })
    }

    /// The history of one cell of the grid (a park's indicator, period and kind), newest
    /// first. A cell cleared and filled again is a new row, so every row that ever held
    /// the cell is followed.
    pub fn value_history(&self, park_id: i64, indicator_id: i64, period: crate::domain::Period, kind: crate::domain::ValueKind) -> Result<Vec<(ChangeGroup, ChangeRow)>> {
        // A row inserted by an import and not changed since has no image yet (its new
        // image is pending): it is the cell's row as it stands.
        let mut stmt = self.conn.prepare(
            "SELECT row_id FROM change_row WHERE tbl = 'value'
               AND json_extract(coalesce(new, old), '$.park_id') = ?1
               AND json_extract(coalesce(new, old), '$.indicator_id') = ?2
               AND json_extract(coalesce(new, old), '$.year') = ?3
               AND json_extract(coalesce(new, old), '$.start_month') = ?4
               AND json_extract(coalesce(new, old), '$.end_month') = ?5
               AND json_extract(coalesce(new, old), '$.kind') = ?6
             UNION
             SELECT id FROM value WHERE park_id = ?1 AND indicator_id = ?2 AND year = ?3
               AND start_month = ?4 AND end_month = ?5 AND kind = ?6",
        )?;
        let ids = stmt
            .query_map(params![park_id, indicator_id, period.year, period.start_month, period.end_month, kind.code()], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.row_history("value", id)?);
        }
        out.sort_by_key(|(_, r)| std::cmp::Reverse(r.id));
        Ok(out)
    }

    /// The history of a project: its own row, its yearly investment and its log.
    pub fn project_history(&self, project_id: i64) -> Result<Vec<(ChangeGroup, ChangeRow)>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.group_id, c.tbl, c.row_id, c.old, c.new FROM change_row c
             WHERE (c.tbl = 'project' AND c.row_id = ?1)
                OR (c.tbl IN ('project_investment', 'progress') AND json_extract(coalesce(c.new, c.old), '$.project_id') = ?1)
             ORDER BY c.id DESC LIMIT 1000",
        )?;
        let rows = stmt.query_map([project_id], change_row_from)?.collect::<rusqlite::Result<Vec<_>>>()?;
        self.with_groups(rows)
    }
}

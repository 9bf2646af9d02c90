//! Automatic backups and restoring from them. Years of a park's figures live in one file
//! on one office PC, so ParkLedger keeps consistent snapshots beside it: taken with
//! SQLite's online backup API, which copies a live database (WAL included) page by page
//! without stopping anyone writing. A snapshot counts only once SQLite's `quick_check`
//! passes on the copy: a database damaged deep inside (where the first screen does not
//! read) still copies, and without the check thirty damaged copies would rotate every
//! good one out. The newest [`KEEP`] good ones of each database are kept.
//!
//! Several databases may share a backups folder (2023.sqlite and 2024.sqlite side by
//! side), so a snapshot's name ends with the file name of its database
//! (`parkledger-20261203-101500-123--2023.sqlite`), and listing and recovery offer only
//! that database's snapshots (and unnamed ones from before names were given).
//!
//! Restoring first snapshots the current state (so a restore can itself be undone by
//! restoring that), then copies the backup into the open database with the same API. A
//! database too damaged to open is moved aside, never deleted, and the backup copied in
//! its place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, backup::Backup};

use super::{FileOp, Result, Store, StoreError};

/// How many snapshots are kept.
pub const KEEP: usize = 30;

const PREFIX: &str = "parkledger-";
/// Between a snapshot's time and its database's name.
const OWNER: &str = "--";

/// A snapshot as the restore dialog shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// `2026-11-23 14:05:09`, from the file name.
    pub taken: String,
    /// Parks, indicators, values, projects; `None` when the file cannot be read.
    pub counts: Option<[i64; 4]>,
    pub bytes: u64,
    /// Made just before a restore, holding what the restore replaced.
    pub before_restore: bool,
    /// Made before snapshots were named after their database: it may hold another one.
    pub unnamed: bool,
}

/// The database a snapshot belongs to, as its name says it: the database's file stem.
fn owner(db: &Path) -> String {
    db.file_stem().and_then(|s| s.to_str()).unwrap_or("parkledger").to_owned()
}

/// `Some(true)` for a snapshot of `db`, `Some(false)` for one of another database, `None`
/// for an unnamed one.
fn belongs_to(snapshot_name: &str, db: &Path) -> Option<bool> {
    let stem = snapshot_name.strip_suffix(".sqlite")?;
    let (_, named) = stem.split_once(OWNER)?;
    Some(named == owner(db))
}

/// The default backups folder: `backups` next to the database.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

fn io_error(op: FileOp, path: &Path, e: std::io::Error) -> StoreError {
    let full = e.raw_os_error() == Some(28);
    if full {
        return StoreError::DiskFull;
    }
    StoreError::File { op, path: path.to_owned(), error: e }
}

/// Copies the database at `db` to a new snapshot in `dir` and drops the oldest of that
/// database's beyond [`KEEP`]. `tag` marks special snapshots (`before-restore`). A copy
/// that fails `quick_check` is deleted and reported as [`StoreError::Damaged`]: nothing
/// already kept is touched.
pub fn snapshot(db: &Path, dir: &Path, tag: Option<&str>) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(FileOp::CreateBackupFolder, dir, e))?;
    // Milliseconds too, so that names sort in the order taken.
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S-%3f").to_string();
    let suffix = tag.map(|t| format!("-{t}")).unwrap_or_default();
    let who = owner(db);
    let mut path = dir.join(format!("{PREFIX}{stamp}{suffix}{OWNER}{who}.sqlite"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{PREFIX}{stamp}{suffix}-{n}{OWNER}{who}.sqlite"));
    }
    let partial = path.with_extension("partial");
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    src.busy_timeout(Duration::from_secs(5))?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&partial)?;
        Backup::new(&src, &mut dst)?.run_to_completion(256, Duration::from_millis(5), None)?;
        // A snapshot is a plain single file: no -wal beside it to lose when copied.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        if !quick_check_ok(&dst) {
            return Err(StoreError::Damaged(db.display().to_string()));
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &path).map_err(|e| io_error(FileOp::SaveBackup, &path, e))?;
    prune(dir, db)?;
    Ok(path)
}

/// SQLite's `quick_check` (every page read, the b-trees and records checked; not the
/// indexes against their tables, which `integrity_check` adds at several times the cost).
fn quick_check_ok(c: &Connection) -> bool {
    c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).is_ok_and(|s| s == "ok")
}

/// Every snapshot file in `dir`, newest first.
fn snapshots(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(PREFIX) && name.ends_with(".sqlite")
        })
        .collect();
    // The names hold the time, so their order is the order taken; newest first.
    out.sort();
    out.reverse();
    out
}

/// `db`'s snapshots in `dir` (and unnamed ones), newest first.
fn snapshots_of(dir: &Path, db: &Path) -> Vec<PathBuf> {
    snapshots(dir).into_iter().filter(|p| belongs_to(p.file_name().and_then(|n| n.to_str()).unwrap_or(""), db) != Some(false)).collect()
}

/// Drops `db`'s oldest snapshots beyond [`KEEP`] (unnamed ones count among them); another
/// database's are never touched.
fn prune(dir: &Path, db: &Path) -> Result<()> {
    for old in snapshots_of(dir, db).into_iter().skip(KEEP) {
        std::fs::remove_file(&old).map_err(|e| io_error(FileOp::RemoveOldBackup, &old, e))?;
    }
    Ok(())
}

/// The snapshots of the database `db` in `dir`, newest first, with their counts.
pub fn list(dir: &Path, db: &Path) -> Vec<BackupInfo> {
    snapshots_of(dir, db)
        .into_iter()
        .map(|path| {
            let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("").trim_start_matches(PREFIX).to_owned();
            let taken = match (name.get(0..4), name.get(4..6), name.get(6..8), name.get(9..11), name.get(11..13), name.get(13..15)) {
                (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) => format!("{y}-{mo}-{d} {h}:{mi}:{s}"),
                _ => name.clone(),
            };
            let counts = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok().and_then(|c| {
                let mut out = [0; 4];
                for (slot, table) in out.iter_mut().zip(["park", "indicator", "value", "project"]) {
                    *slot = c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).ok()?;
                }
                Some(out)
            });
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            BackupInfo { before_restore: name.contains("before-restore"), unnamed: belongs_to(&file, db).is_none(), path, taken, counts, bytes }
        })
        .collect()
}

/// The newest snapshot of `db` that opens and has data, for a database that will not
/// open; an unnamed one only when `db` has none of its own.
pub fn newest_usable(dir: &Path, db: &Path) -> Option<BackupInfo> {
    let usable: Vec<BackupInfo> = list(dir, db).into_iter().filter(|b| b.counts.is_some()).collect();
    usable.iter().find(|b| !b.unnamed).or(usable.first()).cloned()
}

/// Checks that a file is a ParkLedger snapshot that can be restored.
fn check_backup(path: &Path) -> Result<()> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if !quick_check_ok(&c) {
        return Err(StoreError::NotADatabase(path.display().to_string()));
    }
    c.query_row("SELECT COUNT(*) FROM park", [], |r| r.get::<_, i64>(0))
        .map_err(|_| StoreError::NotADatabase(path.display().to_string()))?;
    Ok(())
}

impl Store {
    /// Replaces the open database's contents with a snapshot, after snapshotting the
    /// current state into `dir` (returned, so the clerk is told where it went).
    pub fn restore_from(&mut self, db: &Path, backup: &Path, dir: &Path) -> Result<PathBuf> {
        check_backup(backup)?;
        let saved = snapshot(db, dir, Some("before-restore"))?;
        let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Backup::new(&src, &mut self.conn)?.run_to_completion(256, Duration::from_millis(5), None)?;
        // The snapshot's journal mode and this connection's settings apply again.
        self.conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")?;
        self.migrate()?;
        super::history::install(&self.conn)?;
        Ok(saved)
    }
}

impl Store {
    /// The clerk's "start with an empty database" on first run: the open database (the
    /// sample data) is copied to `keep_as` first, then its contents are replaced by a new
    /// database's (the indicator catalogue, no parks). The file stays where it is, so the
    /// default path now holds the clerk's own data.
    pub fn start_empty(&mut self, keep_as: &Path) -> Result<()> {
        if keep_as.exists() {
            return Err(io_error(FileOp::SaveBackup, keep_as, std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
        }
        let mut copy = Connection::open(keep_as)?;
        Backup::new(&self.conn, &mut copy)?.run_to_completion(256, Duration::from_millis(5), None)?;
        // One file for the clerk to find and move, without -wal and -shm beside it.
        copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
        drop(copy);
        check_backup(keep_as)?;
        let empty = Store::open_in_memory()?;
        Backup::new(&empty.conn, &mut self.conn)?.run_to_completion(256, Duration::from_millis(5), None)?;
        self.conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")?;
        self.migrate()?;
        super::history::install(&self.conn)?;
        Ok(())
    }
}

/// For a database that will not open: moves it (and its -wal, -shm) aside as
/// `NAME.damaged-TIME` and copies the backup in its place. Returns where the damaged file
/// went; nothing is deleted.
pub fn recover(db: &Path, backup: &Path) -> Result<PathBuf> {
    check_backup(backup)?;
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let aside = db.with_file_name(format!("{}.damaged-{stamp}", db.file_name().and_then(|n| n.to_str()).unwrap_or("parkledger.sqlite")));
    if db.exists() {
        std::fs::rename(db, &aside).map_err(|e| io_error(FileOp::MoveDamagedAside, db, e))?;
    }
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", db.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, PathBuf::from(format!("{}{ext}", aside.display())));
        }
    }
    let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dst = Connection::open(db)?;
    Backup::new(&src, &mut dst)?.run_to_completion(256, Duration::from_millis(5), None)?;
    Ok(aside)
}

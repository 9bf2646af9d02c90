//! The only place with SQL. Opens the database file, applies the durability settings and
//! migrations, and maps rows to and from the domain types. The UI never holds a
//! connection: the app calls these methods when applying an action, and each user edit
//! is one transaction, saved as soon as it is made.

pub mod backup;
mod history;
mod migrations;
mod parks;
mod projects;
mod reports;
mod values;

use std::path::Path;

use rusqlite::Connection;

pub use history::{AuditFilter, ChangeGroup, ChangeRow, GroupState, UNKNOWN_USER};
pub use migrations::SCHEMA_VERSION;
pub use parks::ParkDependents;
pub use values::{NewValue, ValueRow};

/// What went wrong, as data: the window and the command line say it in their language
/// (the `Display` impls live with the catalogue, in `crate::messages`).
#[derive(Debug)]
pub enum StoreError {
    TooNew { found: i64, supported: i64 },
    NotADatabase(String),
    Duplicate(String),
    /// A name or text the domain refuses (empty, too long).
    Name(crate::domain::park::NameError),
    Period(crate::domain::period::PeriodError),
    /// A rule of the data that a write would break.
    Rule(Rule),
    /// A file operation of the store's (a folder, a backup) that failed.
    File { op: FileOp, path: std::path::PathBuf, message: String },
    /// Stored data that does not read (a row, a JSON field).
    Unreadable(String),
    NotFound,
    Busy,
    DiskFull,
    ReadOnly,
    Sqlite(rusqlite::Error),
}

/// The rules a write is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    EmptyUnit,
    EmptyName,
    NotFinite,
    NegativeInvestment,
    NegativeYearlyInvestment,
    CompletionBeforeStart,
    EmptyNote,
    /// Undo or redo would contradict data changed since.
    UndoConflict,
}

/// The file operations the store does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileOp {
    CreateFolder,
    CreateBackupFolder,
    SaveBackup,
    RemoveOldBackup,
    MoveDamagedAside,
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(e) => Some(e),
            StoreError::Name(e) => Some(e),
            StoreError::Period(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::domain::park::NameError> for StoreError {
    fn from(e: crate::domain::park::NameError) -> Self {
        StoreError::Name(e)
    }
}

impl From<crate::domain::period::PeriodError> for StoreError {
    fn from(e: crate::domain::period::PeriodError) -> Self {
        StoreError::Period(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    /// The errors a clerk can act on get their own message; the rest keep SQLite's.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy,
            Some(C::DiskFull) => StoreError::DiskFull,
            Some(C::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::File { op: FileOp::CreateFolder, path: dir.to_owned(), message: e.to_string() })?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, &path.display().to_string())
    }

    /// Calls `f` with the SQL of every statement this connection runs: for diagnostics,
    /// and for tests that count what the window asks of the database.
    pub fn trace_statements(&mut self, mut f: impl FnMut(&str) + Send + 'static) -> Result<()> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        self.conn.trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |e: TraceEvent<'_>| {
                if let TraceEvent::Stmt(_, sql) = e {
                    f(sql);
                }
            }),
        )?;
        Ok(())
    }

    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, ":memory:")
    }

    fn init(conn: Connection, name: &str) -> Result<Self> {
        // WAL lets a second reader (a colleague's ParkLedger, a backup) read while we
        // write; synchronous=FULL makes every committed edit survive a power cut, which
        // matters more here than write speed: clerks make a few edits a minute.
        // busy_timeout makes a concurrent writer wait instead of failing at once.
        let pragmas = conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA busy_timeout = 5000;",
        );
        if let Err(e) = pragmas {
            return Err(not_a_database(e, name));
        }
        let mut store = Self { conn };
        store.migrate().map_err(|e| match e {
            StoreError::Sqlite(inner) => not_a_database(inner, name),
            other => other,
        })?;
        history::install(&store.conn)?;
        Ok(store)
    }

    /// Writes a consistent copy of the database to `path` (which must not exist).
    pub fn vacuum_into(&self, path: &Path) -> Result<()> {
        self.conn.execute("VACUUM INTO ?1", [path.display().to_string()])?;
        Ok(())
    }

    /// For the fault tests only: caps the file at `pages` pages, as a full disk would.
    #[doc(hidden)]
    pub fn fault_limit_pages(&self, pages: i64) -> Result<()> {
        self.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// For the fault tests only: refuses every write, as a read-only location would.
    #[doc(hidden)]
    pub fn fault_read_only(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA query_only = 1")?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: `ok`, or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Pages the file has now.
    pub fn page_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?)
    }

    /// Number of parks, indicators, values and projects: shown in settings and tests.
    pub fn counts(&self) -> Result<[i64; 4]> {
        let mut out = [0; 4];
        for (slot, table) in out.iter_mut().zip(["park", "indicator", "value", "project"]) {
            *slot = self.conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        }
        Ok(out)
    }
}

fn not_a_database(e: rusqlite::Error, name: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(name.to_owned()),
        _ => StoreError::Sqlite(e),
    }
}

/// Maps a UNIQUE violation to a message naming the duplicate.
fn unique_violation(e: rusqlite::Error, name: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) if e.to_string().contains("UNIQUE") => {
            StoreError::Duplicate(name.to_owned())
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Current time, RFC 3339, for `updated_at` columns.
fn now() -> String {
    jiff::Timestamp::now().to_string()
}

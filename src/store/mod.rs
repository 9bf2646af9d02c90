//! The only place with SQL. Opens the database file, applies the durability settings and
//! migrations, and maps rows to and from the domain types. The UI never holds a
//! connection: the app calls these methods when applying an action, and each user edit
//! is one transaction, saved as soon as it is made.

pub mod backup;
mod county;
mod history;
mod migrations;
pub mod package;
mod parks;
mod projects;
mod reports;
mod values;

use std::path::Path;

use rusqlite::Connection;

pub use county::Explained;
pub use history::{AuditFilter, ChangeGroup, ChangeRow, GroupState, UNKNOWN_USER};
pub use reports::SAMPLE_NOTICE;
pub use migrations::SCHEMA_VERSION;
pub use parks::ParkDependents;
pub use values::NewValue;

/// What went wrong, as data: the window and the command line say it in their language
/// (the `Display` impls live with the catalogue, in `crate::messages`).
#[derive(Debug)]
pub enum StoreError {
    TooNew { found: i64, supported: i64 },
    NotADatabase(String),
    /// The database file (named) fails SQLite's own check: a page is damaged.
    Damaged(String),
    /// A table or column (named) the schema needs is missing: the file was damaged or
    /// edited by another program.
    SchemaDamaged(String),
    /// The file (named) was deleted or replaced since it was opened.
    Replaced(String),
    /// The file (named) has an older schema and cannot be written to bring it up to date.
    NeedsMigration(String),
    Duplicate(String),
    /// A name or text the domain refuses (empty, too long).
    Name(crate::domain::park::NameError),
    Period(crate::domain::period::PeriodError),
    /// A rule of the data that a write would break.
    Rule(Rule),
    /// A file operation of the store's (a folder, a backup) that failed.
    File { op: FileOp, path: std::path::PathBuf, error: std::io::Error },
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
    /// An audit explanation shorter than the offices accept.
    ShortExplanation,
    /// An audit explanation of stock phrases only (核实无误).
    StockExplanation,
    /// An audit rule making an indicator a part of itself.
    PartOfItself,
    /// An audit rule's YoY limit outside 0–10,000 %.
    YoyLimitRange,
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
    /// The file opened and its identity then, to notice that it was deleted or replaced
    /// under us (`None` in memory).
    file: Option<(std::path::PathBuf, FileId)>,
    read_only: bool,
}

/// What tells one file from another at the same path: device and inode on Unix. (On
/// Windows an open database cannot be deleted or replaced, so its path is enough.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId(u64, u64);

impl FileId {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Self(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Some(Self(0, 0))
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::File { op: FileOp::CreateFolder, path: dir.to_owned(), error: e })?;
        }
        let conn = Connection::open(path)?;
        let mut store = Self::init(conn, &path.display().to_string())?;
        store.file = FileId::of(path).map(|id| (path.to_owned(), id));
        Ok(store)
    }

    /// Opens the database at `path` only to read it: nothing is written, so a file on a
    /// CD, a locked share or a colleague's file opened for looking can be read. A file
    /// whose schema is older than this program's needs migrating, which is a write: it
    /// is opened as [`Store::open`] does when it can be written, and refused with
    /// [`StoreError::NeedsMigration`] when it cannot.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        use rusqlite::OpenFlags as F;
        let name = path.display().to_string();
        let open = |target: &str| -> rusqlite::Result<(Connection, i64)> {
            let conn = Connection::open_with_flags(target, F::SQLITE_OPEN_READ_ONLY | F::SQLITE_OPEN_NO_MUTEX | F::SQLITE_OPEN_URI)?;
            conn.execute_batch("PRAGMA busy_timeout = 5000;")?;
            let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((conn, version))
        };
        // A path that is not Unicode cannot be written as a URI: opened as for writing.
        let Some(text) = path.to_str() else { return Self::open(path) };
        let plain = format!("file:{}", uri_path(text));
        let (conn, version) = match open(&plain) {
            // A WAL database on read-only media: SQLite cannot make the shared-memory file
            // beside it. Nothing can be writing there, so it is read as immutable.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => open(&format!("{plain}?immutable=1")),
            other => other,
        }
        .map_err(|e| not_a_database(e, &name))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found: version, supported: SCHEMA_VERSION });
        }
        if version < SCHEMA_VERSION {
            drop(conn);
            return Self::open(path).map_err(|e| match e {
                StoreError::ReadOnly => StoreError::NeedsMigration(name),
                StoreError::Sqlite(ref s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => StoreError::NeedsMigration(name),
                other => other,
            });
        }
        migrations::check_schema(&conn)?;
        // The writers look for the current change group; with none, a write goes on to
        // SQLite, which refuses it as read-only.
        conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS current_group (id INTEGER);")?;
        let file = FileId::of(path).map(|id| (path.to_owned(), id));
        Ok(Self { conn, file, read_only: true })
    }

    /// Whether this store was opened only for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses every write from now on (the file failed its check): what is shown can
    /// still be read and exported.
    pub fn stop_writing(&mut self) -> Result<()> {
        self.conn.execute_batch("PRAGMA query_only = 1")?;
        self.read_only = true;
        Ok(())
    }

    /// Refuses a write when the file at the opened path is no longer the one opened
    /// (deleted, or replaced by a copy): the edit would go to a file nobody will see.
    fn check_same_file(&self) -> Result<()> {
        match &self.file {
            Some((path, id)) if FileId::of(path) != Some(*id) => Err(StoreError::Replaced(path.display().to_string())),
            _ => Ok(()),
        }
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
        let mut store = Self { conn, file: None, read_only: false };
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

/// A file path as the path of a `file:` URI: `%`, `?` and `#` escaped, `/` separators,
/// and a drive letter after a `/` on Windows.
fn uri_path(path: &str) -> String {
    let mut out = String::new();
    if cfg!(windows) && path.as_bytes().get(1) == Some(&b':') {
        out.push('/');
    }
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '\\' if cfg!(windows) => out.push('/'),
            c => out.push(c),
        }
    }
    out
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

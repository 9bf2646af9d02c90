//! The county package as a file: a small SQLite database of its own (one file, readable by
//! any SQLite tool, checked page by page by SQLite) with a `manifest` table and one table
//! per kind of row. See `domain::package` for what it holds and why it is hashed.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

use crate::domain::package::{Content, FORMAT, FORMAT_VERSION, MAX_BYTES, MAX_ROWS, Manifest, Package, PackageError, PackageFinding, PackageProject, PackageValue};
use crate::domain::period::Period;
use crate::domain::value::ValueKind;

const SCHEMA: &str = "
    CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE value (indicator TEXT NOT NULL, unit TEXT NOT NULL, year INTEGER NOT NULL,
        start_month INTEGER NOT NULL, end_month INTEGER NOT NULL, kind TEXT NOT NULL,
        value REAL, reported_yoy REAL, source TEXT NOT NULL, explanation TEXT, derivation TEXT);
    CREATE TABLE project (name TEXT NOT NULL, status TEXT NOT NULL, investment REAL,
        currency TEXT NOT NULL, invested_in_year REAL NOT NULL);
    CREATE TABLE finding (rule TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL, explanation TEXT);";

/// Writes `package` to `path` through a temporary file beside it, renamed over the target
/// once complete: a full disk or a crash leaves no half package under the real name.
pub fn write_package(path: &Path, package: &Package) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new().prefix(".parkledger-package-").tempfile_in(dir)?;
    {
        let mut conn = Connection::open(tmp.path())?;
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;")?;
        let tx = conn.transaction()?;
        tx.execute_batch(SCHEMA)?;
        let m = &package.manifest;
        let period = &m.period;
        for (key, value) in [
            ("format", FORMAT.to_owned()),
            ("format_version", m.format_version.to_string()),
            ("park", m.park.clone()),
            ("year", period.year.to_string()),
            ("start_month", period.start_month.to_string()),
            ("end_month", period.end_month.to_string()),
            ("version", m.version.to_string()),
            ("created_at", m.created_at.clone()),
            ("program_version", m.program_version.clone()),
            ("content_sha256", m.content_sha256.clone()),
        ] {
            tx.execute("INSERT INTO manifest (key, value) VALUES (?1, ?2)", params![key, value])?;
        }
        let c = &package.content;
        for v in &c.values {
            tx.execute(
                "INSERT INTO value VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![v.indicator, v.unit, v.period.year, v.period.start_month, v.period.end_month, v.kind.code(), v.value, v.reported_yoy, v.source, v.explanation, v.derivation],
            )?;
        }
        for p in &c.projects {
            tx.execute("INSERT INTO project VALUES (?1, ?2, ?3, ?4, ?5)", params![p.name, p.status, p.investment, p.currency, p.invested_in_year])?;
        }
        for f in &c.findings {
            tx.execute("INSERT INTO finding VALUES (?1, ?2, ?3, ?4)", params![f.rule, f.level, f.message, f.explanation])?;
        }
        tx.commit()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path)?;
    Ok(())
}

/// Reads a package, refusing what is not a regular file, is over [`MAX_BYTES`], is not a
/// package, fails SQLite's page check, is of a newer format, or holds more than
/// [`MAX_ROWS`] rows. The hash is the caller's to check ([`Package::verify`]).
pub fn read_package(path: &Path) -> Result<Package, PackageError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|_| PackageError::NotAFile(shown.clone()))?;
    if !meta.is_file() {
        return Err(PackageError::NotAFile(shown));
    }
    if meta.len() > MAX_BYTES {
        return Err(PackageError::TooBig(MAX_BYTES));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(|_| PackageError::NotAPackage)?;
    let ok = conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).is_ok_and(|s| s == "ok");
    if !ok {
        return Err(PackageError::NotAPackage);
    }
    let field = |key: &str| -> Result<String, PackageError> {
        conn.query_row("SELECT value FROM manifest WHERE key = ?1", [key], |r| r.get::<_, String>(0)).map_err(|_| PackageError::Unreadable(key.to_owned()))
    };
    if field("format").map_err(|_| PackageError::NotAPackage)? != FORMAT {
        return Err(PackageError::NotAPackage);
    }
    let number = |key: &str| -> Result<i64, PackageError> { field(key)?.trim().parse().map_err(|_| PackageError::Unreadable(key.to_owned())) };
    let format_version = number("format_version")?;
    if format_version > FORMAT_VERSION {
        return Err(PackageError::TooNew(format_version));
    }
    let month = |key: &str| -> Result<u8, PackageError> { u8::try_from(number(key)?).map_err(|_| PackageError::Unreadable(key.to_owned())) };
    let period = Period::new(i32::try_from(number("year")?).map_err(|_| PackageError::Unreadable("year".into()))?, month("start_month")?, month("end_month")?)
        .map_err(|_| PackageError::Unreadable("period".into()))?;
    let manifest = Manifest {
        format_version,
        park: field("park")?,
        period,
        version: number("version")?,
        created_at: field("created_at")?,
        program_version: field("program_version")?,
        content_sha256: field("content_sha256")?,
    };
    let rows: i64 = ["value", "project", "finding"]
        .iter()
        .map(|t| conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).map_err(|_| PackageError::Unreadable((*t).to_owned())))
        .sum::<Result<i64, PackageError>>()?;
    if rows > MAX_ROWS {
        return Err(PackageError::TooManyRows);
    }
    let content = read_content(&conn).map_err(|e| PackageError::Unreadable(e.to_string()))?;
    Ok(Package { manifest, content })
}

fn read_content(conn: &Connection) -> rusqlite::Result<Content> {
    let bad = |what: &str| rusqlite::Error::InvalidColumnName(what.to_owned());
    // A package made before values carried their derivation has no such column.
    let derived: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_table_info('value') WHERE name = 'derivation'", [], |r| r.get(0))?;
    let derivation = if derived > 0 { "derivation" } else { "NULL" };
    let mut stmt = conn.prepare(&format!("SELECT indicator, unit, year, start_month, end_month, kind, value, reported_yoy, source, explanation, {derivation} FROM value"))?;
    let values = stmt
        .query_map([], |r| {
            let period = Period::new(r.get(2)?, r.get(3)?, r.get(4)?).map_err(|_| bad("period"))?;
            let kind = ValueKind::from_code(&r.get::<_, String>(5)?).ok_or_else(|| bad("kind"))?;
            Ok(PackageValue { indicator: r.get(0)?, unit: r.get(1)?, period, kind, value: r.get(6)?, reported_yoy: r.get(7)?, source: r.get(8)?, explanation: r.get(9)?, derivation: r.get(10)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare("SELECT name, status, investment, currency, invested_in_year FROM project")?;
    let projects = stmt
        .query_map([], |r| Ok(PackageProject { name: r.get(0)?, status: r.get(1)?, investment: r.get(2)?, currency: r.get(3)?, invested_in_year: r.get(4)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare("SELECT rule, level, message, explanation FROM finding")?;
    let findings = stmt
        .query_map([], |r| Ok(PackageFinding { rule: r.get(0)?, level: r.get(1)?, message: r.get(2)?, explanation: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Content { values, projects, findings })
}

//! The package a park sends up to the county (上报包): one park's figures for a period and
//! the same period last year, its projects' status and the year's investment, the audit's
//! findings with their explanations, and a manifest that says whose and which it is.
//!
//! The content is hashed (SHA-256 over a canonical form), so that the county can tell a
//! package that was changed or cut on the way from the one the park made. Storage is the
//! store's (`store::package`); this module holds the types and the hash.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::period::Period;
use super::value::ValueKind;

/// The package format this program writes and reads.
pub const FORMAT: &str = "parkledger-package";
pub const FORMAT_VERSION: i64 = 1;

/// Who, which period, which version, and the content's hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: i64,
    pub park: String,
    pub period: Period,
    /// Grows with each package of the same park and period: the county keeps the newest.
    pub version: i64,
    /// Local time the package was made, `2026-12-03 16:20:05`.
    pub created_at: String,
    pub program_version: String,
    /// Lowercase hex SHA-256 of [`Content::canonical`].
    pub content_sha256: String,
}

/// One figure as the county reads it: by indicator name and unit, not by a database id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackageValue {
    pub indicator: String,
    pub unit: String,
    pub period: Period,
    pub kind: ValueKind,
    pub value: Option<f64>,
    pub reported_yoy: Option<f64>,
    pub source: String,
    pub explanation: Option<String>,
    /// How a figure that was not reported was worked out (推算, e.g. back from a YoY), so
    /// the county does not take it for a reported one. Left out of the hash when empty,
    /// so that packages made before it existed still check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
}

/// A project's state for the period's year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackageProject {
    pub name: String,
    /// `ProjectStatus::code`.
    pub status: String,
    pub investment: Option<f64>,
    /// `Currency::code`.
    pub currency: String,
    /// Investment completed in the period's year, in the project's currency.
    pub invested_in_year: f64,
}

/// What the park's audit found, with the clerk's explanation where there is one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackageFinding {
    pub rule: String,
    /// `error` or `warning`.
    pub level: String,
    pub message: String,
    pub explanation: Option<String>,
}

/// Everything the hash covers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub values: Vec<PackageValue>,
    pub projects: Vec<PackageProject>,
    pub findings: Vec<PackageFinding>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    pub manifest: Manifest,
    pub content: Content,
}

impl Content {
    /// The content in one fixed order and form, whatever order the rows were stored in:
    /// one JSON line per row, tables in a fixed order, rows sorted.
    pub fn canonical(&self) -> String {
        fn lines<T: Serialize>(tag: &str, rows: &[T]) -> Vec<String> {
            let mut out: Vec<String> = rows.iter().map(|r| format!("{tag}\t{}", serde_json::to_string(r).unwrap_or_default())).collect();
            out.sort();
            out
        }
        let mut all = lines("value", &self.values);
        all.extend(lines("project", &self.projects));
        all.extend(lines("finding", &self.findings));
        all.join("\n")
    }

    pub fn sha256(&self) -> String {
        Sha256::digest(self.canonical().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Why a file is not taken as a package. Said in the window's language (`crate::messages`).
#[derive(Debug, PartialEq)]
pub enum PackageError {
    /// Not a regular file, or not readable.
    NotAFile(String),
    /// Over the size a package can reach (bytes allowed).
    TooBig(u64),
    /// Not a ParkLedger package at all (another file, or a damaged one).
    NotAPackage,
    /// Made by a newer ParkLedger in a format this one does not read.
    TooNew(i64),
    /// A field of the manifest or a row that does not read (named).
    Unreadable(String),
    /// More rows than any park's package holds.
    TooManyRows,
    /// The content is not what the park sent: changed or cut on the way.
    HashMismatch,
}

impl std::error::Error for PackageError {}

/// The most a package file may weigh, and the most rows it may hold: far above a park's
/// year (a few thousand values), far below what would exhaust a county office PC.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_ROWS: i64 = 2_000_000;

impl Package {
    /// The hash in the manifest is the content's: nothing was changed on the way.
    pub fn verify(&self) -> Result<(), PackageError> {
        if self.manifest.content_sha256 == self.content.sha256() { Ok(()) } else { Err(PackageError::HashMismatch) }
    }
}

/// What the county keeps of a package it received: whose, which version, made and taken in
/// when. One per park and period, the newest; the history keeps the ones it replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedPackage {
    pub park_id: i64,
    pub period: Period,
    pub version: i64,
    /// The manifest's `created_at`.
    pub made_at: String,
    /// Local time the county received it, `2026-12-03 16:20:05`.
    pub received_at: String,
    pub content_sha256: String,
}

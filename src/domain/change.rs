//! What a recorded change is called in the history. It is stored as a code with its data
//! (the park, the indicator, the period), never as a sentence in the window's language:
//! a clerk who switches to English, or a colleague who reads Chinese, sees each entry in
//! their own language. Labels stored as plain text by older versions still show as
//! they were written.

use serde::{Deserialize, Serialize};

use super::period::Period;
use super::project::ProjectStatus;
use super::value::ValueKind;

/// Marks a stored label as encoded, so plain old labels are never mistaken for one.
const PREFIX: &str = "pl1:";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum ChangeLabel {
    SavePark { name: String },
    DeletePark { name: String },
    SaveZone { name: String },
    DeleteZone,
    AddIndicator { name: String },
    /// One grid cell, as typed.
    SetCell { indicator: String, period: Period, kind: ValueKind, text: String },
    Paste { cells: usize },
    SaveProject { name: String },
    DeleteProject { name: String },
    ChangeStatus { project: String, status: ProjectStatus },
    AddProgress { project: String },
    EditReport,
    /// An import from a file (or figures reviewed from a summary), with the rows written.
    Import { source: String, rows: usize },
    /// One row put back as it was before change `change`.
    RestoreRow { change: i64 },
    /// The clerk's explanation of a cell's audit findings, written or removed.
    Explain { indicator: String, period: Period, kind: ValueKind },
}

impl ChangeLabel {
    /// The text stored in the history.
    pub fn encode(&self) -> String {
        // Serializing plain strings and numbers cannot fail; an empty object is the
        // harmless fallback.
        format!("{PREFIX}{}", serde_json::to_string(self).unwrap_or_default())
    }

    /// The label a stored text encodes, or `None` for plain text (older versions).
    pub fn decode(stored: &str) -> Option<Self> {
        stored.strip_prefix(PREFIX).and_then(|json| serde_json::from_str(json).ok())
    }
}

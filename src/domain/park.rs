//! Parks and the zones (片区) inside them.

use serde::{Deserialize, Serialize};

/// Administrative level of a park.
pub const PARK_LEVELS: [&str; 5] = ["国家级", "省级", "市级", "县级", ""];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Park {
    pub id: i64,
    pub name: String,
    /// 国家级/省级/市级/县级, or empty when unknown.
    pub level: String,
    pub region: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    pub id: i64,
    pub park_id: i64,
    pub name: String,
    pub notes: String,
}

#[derive(Debug, PartialEq)]
pub enum NameError {
    Empty,
    TooLong(usize),
    TextTooLong(usize),
}

/// Said in the window's language: see `crate::messages`.
impl std::error::Error for NameError {}

pub const MAX_NAME_CHARS: usize = 200;

/// Longest free text (notes, progress entries, 建设内容): ten pages of a summary. Longer is
/// a paste gone wrong, and it would make every screen that shows it slow.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Free text as it will be stored: trimmed and bounded, otherwise verbatim.
pub fn clean_text(text: &str) -> Result<String, NameError> {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(NameError::TextTooLong(MAX_TEXT_CHARS));
    }
    Ok(text.to_owned())
}

/// A name as it will be stored: trimmed, non-empty, bounded. Anything else, SQL
/// metacharacters included, is kept verbatim.
pub fn clean_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong(MAX_NAME_CHARS));
    }
    Ok(name.to_owned())
}

//! Where a cell is and why it was skipped, as the import preview and the command line
//! say it: `Sheet1 第5行第3列(C5)：“abc”不是数字`. A cell's text can be a megabyte long,
//! so a quoted text is cut here, once, for every message.

use std::fmt;
use std::sync::Arc;

use crate::i18n::trf;

/// Where a planned value was read. Put into words only when shown: a 100,000-row import
/// spent a fifth of its planning formatting places that the preview, which draws the
/// rows on screen, mostly never shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A sheet's cell, row and column counted from 0.
    Cell { sheet: Arc<str>, row: usize, col: usize },
    /// The start of the sentence a figure was read from, in a reviewed summary.
    Text(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cell { sheet, row, col } => f.write_str(&place(sheet, *row, *col)),
            Self::Text(text) => f.write_str(text),
        }
    }
}

/// A spreadsheet column's letters: 0 → A, 26 → AA.
fn col_name(c: usize) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// A skipped cell or row as the preview lists it: where, then why, in the current language.
/// A quoted cell text is cut to [`QUOTED_CHARS`] characters: a cell can hold a megabyte.
pub(crate) fn skip(place: &str, reason: String) -> String {
    trf("import.skip", &[&place, &cut_quoted(&reason)])
}

/// The most characters of a cell's text a message quotes.
pub const QUOTED_CHARS: usize = 40;

/// `reason` with each “quoted” text longer than [`QUOTED_CHARS`] cut, ending in `…`.
fn cut_quoted(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len().min(1024));
    let mut rest = reason;
    while let Some(open) = rest.find('“') {
        let body_start = open + '“'.len_utf8();
        out.push_str(&rest[..body_start]);
        let body_end = rest[body_start..].find('”').map_or(rest.len(), |i| body_start + i);
        let body = &rest[body_start..body_end];
        if body.chars().count() > QUOTED_CHARS {
            out.extend(body.chars().take(QUOTED_CHARS));
            out.push('…');
        } else {
            out.push_str(body);
        }
        rest = &rest[body_end..];
    }
    out.push_str(rest);
    out
}

pub(crate) fn place(sheet: &str, row: usize, col: usize) -> String {
    trf("import.place", &[&sheet, &(row + 1), &(col + 1), &col_name(col)])
}

//! Periods as the clerks count them: a year plus a month range.
//!
//! Every span the seeds use fits one shape, `year` + `start_month..=end_month`:
//! the full year is 1–12, a cumulative span from January is 1–n (1-6月, 1-9月),
//! a quarter is 3q-2..3q and a single month is m..m. Keeping one shape means YoY
//! ("the same span of the previous year") is just `year - 1` with the same months.

use serde::{Deserialize, Serialize};

/// A year plus an inclusive month range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub start_month: u8,
    pub end_month: u8,
}

/// What went wrong when reading a period typed or imported by a user.
#[derive(Debug, PartialEq, Eq)]
pub enum PeriodError {
    MonthOutOfRange(u8),
    EndBeforeStart(u8, u8),
    YearOutOfRange(i32),
    Unrecognised(String),
}

/// Said in the window's language: see `crate::messages`.
impl std::error::Error for PeriodError {}

/// The spans a clerk picks from (grid, charts, report), in the order monthly reporting
/// uses them: the year, every cumulative span from January (1-2月 … 1-11月; 1-3月 is also
/// the first quarter), the other three quarters, then each single month.
pub const COMMON_SPANS: [(u8, u8); 26] = [
    (1, 12),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (1, 9),
    (1, 10),
    (1, 11),
    (4, 6),
    (7, 9),
    (10, 12),
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 4),
    (5, 5),
    (6, 6),
    (7, 7),
    (8, 8),
    (9, 9),
    (10, 10),
    (11, 11),
    (12, 12),
];

impl Period {
    pub fn new(year: i32, start_month: u8, end_month: u8) -> Result<Self, PeriodError> {
        if !(1900..=2200).contains(&year) {
            return Err(PeriodError::YearOutOfRange(year));
        }
        for m in [start_month, end_month] {
            if !(1..=12).contains(&m) {
                return Err(PeriodError::MonthOutOfRange(m));
            }
        }
        if end_month < start_month {
            return Err(PeriodError::EndBeforeStart(start_month, end_month));
        }
        Ok(Self { year, start_month, end_month })
    }

    pub fn full_year(year: i32) -> Self {
        Self { year, start_month: 1, end_month: 12 }
    }

    pub fn is_full_year(&self) -> bool {
        self.start_month == 1 && self.end_month == 12
    }

    /// The same span one year earlier: what YoY compares against.
    pub fn same_span_last_year(&self) -> Self {
        Self { year: self.year - 1, ..*self }
    }

    /// The full year this span belongs to: where the annual target lives.
    pub fn containing_year(&self) -> Self {
        Self::full_year(self.year)
    }

    /// Chinese label of the span alone: `全年`, `1-6月`, `第二季度`, `3月`.
    pub fn span_label_zh(&self) -> String {
        span_label_zh(self.start_month, self.end_month)
    }

    /// Full Chinese label: `2020年`, `2020年1-6月`.
    pub fn label_zh(&self) -> String {
        if self.is_full_year() {
            format!("{}年", self.year)
        } else {
            format!("{}年{}", self.year, self.span_label_zh())
        }
    }

    /// English label: `2020`, `2020 Jan–Jun`.
    pub fn label_en(&self) -> String {
        if self.is_full_year() {
            self.year.to_string()
        } else {
            format!("{} {}", self.year, span_label_en(self.start_month, self.end_month))
        }
    }

    /// Reads the forms clerks write: `2020`, `2020年`, `2020年1-6月`, `2020年上半年`,
    /// `2020年前三季度`, `2020年第二季度`, `2020年3月`, `2020-1-6`. Full-width digits are
    /// accepted.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let norm = normalize_width(text.trim());
        let bad = || PeriodError::Unrecognised(text.trim().to_owned());
        let digits: String = norm.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() != 4 {
            return Err(bad());
        }
        let year: i32 = digits.parse().map_err(|_| bad())?;
        let rest = norm[digits.len()..].trim_start_matches(['年', '-', ' ']).trim();
        let (start, end) = parse_span(rest).ok_or_else(bad)?;
        Self::new(year, start, end)
    }
}

/// Reads a span without its year: `全年`, `1-6月`, `上半年`, `前三季度`, `第二季度`, `3月`.
pub fn parse_span(text: &str) -> Option<(u8, u8)> {
    let t = normalize_width(text.trim());
    let t = t.trim_end_matches('份');
    match t {
        "" | "全年" | "年度" | "年" => return Some((1, 12)),
        "上半年" => return Some((1, 6)),
        "下半年" => return Some((7, 12)),
        "前三季度" => return Some((1, 9)),
        "一季度" | "第一季度" => return Some((1, 3)),
        "二季度" | "第二季度" => return Some((4, 6)),
        "三季度" | "第三季度" => return Some((7, 9)),
        "四季度" | "第四季度" => return Some((10, 12)),
        _ => {}
    }
    let t = t.trim_end_matches('月');
    let mut parts = t.split(['-', '—', '–', '~', '至']);
    let a: u8 = parts.next()?.trim().parse().ok()?;
    let b: u8 = match parts.next() {
        Some(p) => p.trim().parse().ok()?,
        None => a,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((a, b))
}

pub fn span_label_zh(start: u8, end: u8) -> String {
    match (start, end) {
        (1, 12) => "全年".to_owned(),
        (4, 6) => "第二季度".to_owned(),
        (7, 9) => "第三季度".to_owned(),
        (10, 12) => "第四季度".to_owned(),
        (a, b) if a == b => format!("{a}月"),
        (a, b) => format!("{a}-{b}月"),
    }
}

pub fn span_label_en(start: u8, end: u8) -> String {
    const M: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let name = |m: u8| M[usize::from(m.clamp(1, 12) - 1)];
    match (start, end) {
        (1, 12) => "full year".to_owned(),
        (4, 6) => "Q2".to_owned(),
        (7, 9) => "Q3".to_owned(),
        (10, 12) => "Q4".to_owned(),
        (a, b) if a == b => name(a).to_owned(),
        (a, b) => format!("{}–{}", name(a), name(b)),
    }
}

/// Turns full-width digits and punctuation (`２０．６６`, `１－６月`) into ASCII.
pub fn normalize_width(text: &str) -> String {
    text.chars().map(half_width).collect()
}

/// One character of [`normalize_width`]: the extractor maps text a character at a time so
/// that it can point back into the original.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

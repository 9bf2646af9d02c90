//! Indicator values and the figures derived from them.
//!
//! Only what the clerk entered is stored. YoY against the same span of last year and
//! completion against the full-year target are computed on demand from the stored set,
//! so there is never a second copy to drift. A YoY the statistics bureau reported (at
//! comparable prices) is stored with the value and wins for display, with the computed
//! figure shown beside it when the two disagree.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::indicator::{Indicator, convert_unit, known_unit_suffixes};
use super::period::{Period, normalize_width};

/// Reported and computed YoY further apart than this (percentage points) are both shown.
pub const YOY_DISAGREEMENT_PP: f64 = 0.1;

/// The stored source of a value the clerk typed: a code, shown in either language.
pub const SOURCE_MANUAL: &str = "manual";

/// Whether a stored source means "typed by hand": the code, or the words older versions
/// stored in whichever language the window then spoke.
pub fn is_manual_source(source: &str) -> bool {
    matches!(source, SOURCE_MANUAL | "手工录入" | "Entered by hand")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ValueKind {
    Actual,
    /// 预计: reports written in December use estimated full-year figures.
    Estimate,
    /// 目标/计划.
    Target,
}

impl ValueKind {
    pub const ALL: [ValueKind; 3] = [Self::Actual, Self::Estimate, Self::Target];

    pub fn code(self) -> &'static str {
        match self {
            Self::Actual => "actual",
            Self::Estimate => "estimate",
            Self::Target => "target",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Actual => "实际",
            Self::Estimate => "预计",
            Self::Target => "目标",
        }
    }
}

/// The amount as the user typed it, kept when it was converted to the indicator's unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entered {
    pub amount: f64,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub id: i64,
    pub park_id: i64,
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
    /// In the indicator's unit. `None` when only a YoY rate was reported.
    pub value: Option<f64>,
    /// Set when the user entered another unit (500万元 into a 亿元 indicator).
    pub entered: Option<Entered>,
    /// The officially reported YoY in percent (`下降0.6%` is -0.6).
    pub reported_yoy: Option<f64>,
    pub source: String,
    /// Set when the figure was not reported but worked out (e.g. back from a YoY).
    pub derivation: Option<String>,
    /// RFC 3339 time of the last change.
    pub updated_at: String,
    /// The clerk's word on what the audit found about this figure (审核说明), checked by
    /// [`check_explanation`].
    #[serde(default)]
    pub explanation: Option<String>,
}

/// What the statistics offices refuse as an explanation: words that say only "checked".
pub const STOCK_EXPLANATIONS: [&str; 8] = ["核实无误", "数据无误", "经核实无误", "无误", "属实", "数据属实", "正常", "数据正常"];

/// The fewest characters an explanation has.
pub const MIN_EXPLANATION_CHARS: usize = 10;

/// Why an explanation is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExplanationError {
    TooShort,
    /// Only stock phrases such as 核实无误, which say nothing the office can check.
    Stock,
}

/// An explanation as stored: trimmed, at least [`MIN_EXPLANATION_CHARS`] characters, and
/// more than stock phrases (`核实无误。核实无误。` is refused however long).
pub fn check_explanation(text: &str) -> Result<String, ExplanationError> {
    let text = text.trim();
    let mut rest: String = normalize_width(text).chars().filter(|c| c.is_alphanumeric()).collect();
    // Longest first, so that 经核实无误 goes whole rather than leaving 经.
    let mut stock = STOCK_EXPLANATIONS;
    stock.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    for phrase in stock {
        rest = rest.replace(phrase, "");
    }
    if rest.is_empty() {
        return Err(ExplanationError::Stock);
    }
    if text.chars().count() < MIN_EXPLANATION_CHARS {
        return Err(ExplanationError::TooShort);
    }
    Ok(text.to_owned())
}

/// Growth in percent from `previous` to `current`; `None` when there is no base.
pub fn yoy_percent(current: f64, previous: f64) -> Option<f64> {
    (previous.abs() > f64::EPSILON).then(|| (current / previous - 1.0) * 100.0)
}

/// The value a year earlier implied by `current` and its growth rate.
pub fn back_compute_previous(current: f64, yoy_percent: f64) -> Option<f64> {
    let factor = 1.0 + yoy_percent / 100.0;
    (factor.abs() > f64::EPSILON).then(|| current / factor)
}

/// One park's values, indexed for the derived-figure look-ups.
#[derive(Default, Clone, Debug)]
pub struct ValueSet {
    by_key: HashMap<(i64, Period, ValueKind), IndicatorValue>,
}

/// YoY as the user should see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YoyView {
    pub reported: Option<f64>,
    pub computed: Option<f64>,
    /// The computed rate stands on last year's estimate, there being no actual: the grid
    /// says so rather than pass it off as a rate between two reported figures.
    pub base_is_estimate: bool,
}

impl YoyView {
    /// The figure to show first: the reported rate wins.
    pub fn headline(&self) -> Option<f64> {
        self.reported.or(self.computed)
    }

    /// Both exist and differ by more than [`YOY_DISAGREEMENT_PP`].
    pub fn disagrees(&self) -> bool {
        match (self.reported, self.computed) {
            (Some(r), Some(c)) => (r - c).abs() > YOY_DISAGREEMENT_PP + 1e-9,
            _ => false,
        }
    }
}

impl ValueSet {
    pub fn new(values: impl IntoIterator<Item = IndicatorValue>) -> Self {
        let by_key = values
            .into_iter()
            .map(|v| ((v.indicator_id, v.period, v.kind), v))
            .collect();
        Self { by_key }
    }

    pub fn get(&self, indicator: i64, period: Period, kind: ValueKind) -> Option<&IndicatorValue> {
        self.by_key.get(&(indicator, period, kind))
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The values of `year` and the years before it.
    pub fn up_to_year(&self, year: i32) -> Self {
        Self::new(self.iter().filter(|v| v.period.year <= year).cloned())
    }

    pub fn iter(&self) -> impl Iterator<Item = &IndicatorValue> {
        self.by_key.values()
    }

    /// The outturn for a period: the actual figure, else the estimate.
    pub fn outturn(&self, indicator: i64, period: Period) -> Option<&IndicatorValue> {
        [ValueKind::Actual, ValueKind::Estimate]
            .into_iter()
            .filter_map(|k| self.get(indicator, period, k))
            .find(|v| v.value.is_some())
    }

    /// YoY of the value stored under `kind` against last year's outturn for the same span.
    pub fn yoy(&self, indicator: i64, period: Period, kind: ValueKind) -> YoyView {
        let this = self.get(indicator, period, kind);
        let reported = this.and_then(|v| v.reported_yoy);
        let base = self.outturn(indicator, period.same_span_last_year());
        let computed = this.and_then(|v| v.value).zip(base.and_then(|b| b.value)).and_then(|(current, previous)| yoy_percent(current, previous));
        let base_is_estimate = computed.is_some() && base.is_some_and(|b| b.kind == ValueKind::Estimate);
        YoyView { reported, computed, base_is_estimate }
    }

    /// `完成年目标任务的x%`: the value over the same year's full-year target, in percent.
    pub fn completion(&self, indicator: i64, period: Period, kind: ValueKind) -> Option<f64> {
        if kind == ValueKind::Target {
            return None;
        }
        let value = self.get(indicator, period, kind)?.value?;
        let target = self.get(indicator, period.containing_year(), ValueKind::Target)?.value?;
        (target.abs() > f64::EPSILON).then(|| value / target * 100.0)
    }
}

/// A number read from a cell, in the indicator's unit.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedAmount {
    pub value: f64,
    pub entered: Option<Entered>,
}

#[derive(Debug, PartialEq)]
pub enum AmountError {
    NotANumber(String),
    UnitMismatch { from: String, to: String },
    Negative(String),
    OutOfRange,
}

/// Said in the window's language: see `crate::messages`.
impl std::error::Error for AmountError {}

/// Reads what a clerk types into a cell: `56.8`, `1,234.5`, `２０．６６亿元`, `500万元`.
/// A unit suffix other than the indicator's own is converted, and the original kept.
pub fn parse_amount(text: &str, indicator: &Indicator) -> Result<ParsedAmount, AmountError> {
    let norm = normalize_width(text.trim()).replace([',', '，', ' '], "");
    let (number, unit) = split_unit(&norm);
    let value: f64 = number.parse().map_err(|_| AmountError::NotANumber(text.trim().to_owned()))?;
    if !value.is_finite() || value.abs() > 1e15 {
        return Err(AmountError::OutOfRange);
    }
    let parsed = match unit {
        Some(u) if u != indicator.unit => {
            let converted = convert_unit(value, u, &indicator.unit).ok_or_else(|| {
                AmountError::UnitMismatch { from: u.to_owned(), to: indicator.unit.clone() }
            })?;
            ParsedAmount { value: converted, entered: Some(Entered { amount: value, unit: u.to_owned() }) }
        }
        _ => ParsedAmount { value, entered: None },
    };
    if parsed.value < 0.0 && indicator.must_be_non_negative() {
        return Err(AmountError::Negative(indicator.name_zh.clone()));
    }
    Ok(parsed)
}

/// Reads a growth rate: `30.5`, `30.5%`, `-0.6`, `下降0.6%`, `增长1.8倍` (= 180%).
pub fn parse_rate(text: &str) -> Result<f64, AmountError> {
    let norm = normalize_width(text.trim()).replace([' ', '%', '％'], "");
    let bad = || AmountError::NotANumber(text.trim().to_owned());
    let (sign, rest) = if let Some(r) = norm.strip_prefix("下降") {
        (-1.0, r)
    } else if let Some(r) = norm.strip_prefix("增长") {
        (1.0, r)
    } else {
        (1.0, norm.as_str())
    };
    let (rest, scale) = match rest.strip_suffix('倍') {
        Some(r) => (r, 100.0),
        None => (rest, 1.0),
    };
    let v: f64 = rest.parse().map_err(|_| bad())?;
    if !v.is_finite() || v.abs() > 1e6 {
        return Err(AmountError::OutOfRange);
    }
    Ok(sign * v * scale)
}

fn split_unit(text: &str) -> (&str, Option<&str>) {
    for suffix in known_unit_suffixes() {
        if let Some(number) = text.strip_suffix(suffix) {
            return (number, Some(suffix));
        }
    }
    (text, None)
}

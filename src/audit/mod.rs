//! 审核: the checks a statistics office runs on a park's figures before they go up, the
//! way the offices' online reporting systems do (联网直报 审核). A part above its total, a
//! cumulative figure that falls, a count that is not whole, a ratio to last year that
//! looks like a unit slip, a stated YoY that is not the computed one.
//!
//! It exists so that these checks are known to the program rather than written by hand in
//! each clerk's spreadsheet, and so that the grid, the command line and, later, the export
//! and the county package all ask the same rules. The rules work on domain types only (no
//! SQL, no egui): the caller loads a park's values, indicators and projects and gets back
//! [`Finding`]s, each naming its rule, level, the cells involved and the figures behind
//! it; the words are put together in the chosen language only when shown
//! ([`Finding::message`]).
//!
//! A rule never fails on missing data: a part without its total, a span without the one
//! before it, is simply not a finding.

mod rules;

use rustc_hash::FxHashMap;

use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::project::Project;
use crate::domain::value::{IndicatorValue, ValueKind};

pub use rules::{RULES, RuleDef, STATED_YOY_DIFFERS};

/// How sure a finding is that something is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 强制性: the figures cannot all be true.
    Error,
    /// 核实性: the figure may be true but needs a word of explanation.
    Warning,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// A cell of the indicator grid: which figure a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
}

impl Cell {
    fn of(v: &IndicatorValue) -> Self {
        Self { indicator_id: v.indicator_id, period: v.period, kind: v.kind }
    }
}

/// One thing the audit found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's id, as in [`RULES`] (`part_above_total`).
    pub rule: &'static str,
    pub level: Level,
    pub park_id: i64,
    /// The cells involved; the first is the one the finding is about (the one marked in
    /// the grid), the rest are what it was checked against.
    pub cells: Vec<Cell>,
    /// A project the finding is about, for the project rules.
    pub project: Option<(i64, String)>,
    /// The figures the message quotes, in the order of the rule's message.
    pub figures: Vec<f64>,
    /// The clerk's explanation of the cell, where the rule accepts one (warnings): a
    /// finding explained no longer stands in the way of an export.
    pub explanation: Option<String>,
}

impl Finding {
    pub fn explained(&self) -> bool {
        self.explanation.is_some()
    }

    /// An error, not explained away: what stops the report and the county package.
    pub fn stands(&self) -> bool {
        self.level == Level::Error && !self.explained()
    }
}

impl Finding {
    /// The finding in the window's (or the command line's) language:
    /// `工业投资（2023年1-6月 实际）12.5 大于 固定资产投资 10.0`.
    pub fn message(&self, indicators: &[Indicator]) -> String {
        let english = crate::i18n::is_english();
        let cell = |i: usize| {
            self.cells.get(i).map_or_else(String::new, |c| {
                let name = indicators.iter().find(|x| x.id == c.indicator_id).map_or("?", |x| x.name(english));
                let period = crate::i18n::period_label(c.period);
                let kind = crate::i18n::name(c.kind);
                if english { format!("{name} ({period}, {kind})") } else { format!("{name}（{period} {kind}）") }
            })
        };
        let figure = |i: usize| self.figures.get(i).map_or_else(String::new, |v| crate::domain::format::trimmed(*v, 4));
        let project = self.project.as_ref().map_or("", |(_, name)| name.as_str());
        let key = RULES.iter().find(|r| r.id == self.rule).map_or("audit.unknown", |r| r.message);
        crate::i18n::trf(key, &[&cell(0), &cell(1), &figure(0), &figure(1), &project, &cell(2), &figure(2)])
    }
}

/// Everything the rules read about one park.
pub struct ParkData<'a> {
    pub park_id: i64,
    pub values: &'a [IndicatorValue],
    pub indicators: &'a [Indicator],
    pub projects: &'a [Project],
    /// The rules the clerk added (parts of totals, YoY limits) beside the built-in ones.
    pub user_rules: &'a [crate::domain::rule::UserRule],
}

/// The values of one park, indexed the ways the rules look them up.
pub(crate) struct Index<'a> {
    pub by_key: FxHashMap<(i64, Period, ValueKind), &'a IndicatorValue>,
    pub indicators: FxHashMap<i64, &'a Indicator>,
}

/// Runs every rule over one park's data. Findings come in the order of the rules, then
/// of the cells.
pub fn audit_park(data: &ParkData<'_>) -> Vec<Finding> {
    audit_values(data, &data.values.iter().collect::<Vec<_>>())
}

/// [`audit_park`] over `values` instead of `data.values`: for a park as it would be
/// after an import, its stored values but the ones the import writes.
pub fn audit_values(data: &ParkData<'_>, values: &[&IndicatorValue]) -> Vec<Finding> {
    let index = Index {
        by_key: values.iter().map(|v| ((v.indicator_id, v.period, v.kind), *v)).collect(),
        indicators: data.indicators.iter().map(|i| (i.id, i)).collect(),
    };
    let mut out = Vec::new();
    rules::run(data, values, &index, &mut out);
    for f in &mut out {
        let explainable = RULES.iter().any(|r| r.id == f.rule && r.explainable);
        let cell = f.cells.first().and_then(|c| index.by_key.get(&(c.indicator_id, c.period, c.kind)));
        f.explanation = cell.and_then(|v| v.explanation.clone()).filter(|_| explainable);
    }
    out
}

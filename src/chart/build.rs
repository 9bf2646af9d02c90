//! Builds chart descriptions from domain data. One function per chart the Charts page
//! offers; [`figure`] picks by [`ChartChoice`], which is also what a presentation deck
//! stores.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ticks::{axis, display_unit, value_label};
use super::{Axis, Chart, Figure, Mark, Point, PointKind, Series};
use crate::domain::format::percent;
use crate::domain::indicator::{Indicator, convert_unit};
use crate::domain::period::{Period, span_label_en, span_label_zh};
use crate::i18n::{is_english, tr, trf};
use crate::domain::project::{Currency, KeyLevel, Project, ProjectStatus};
use crate::domain::value::{ValueKind, ValueSet};

/// The indicators of the investment-and-output chart.
pub const INVESTMENT: &str = "固定资产投资";
pub const INDUSTRIAL_INVESTMENT: &str = "工业投资";
pub const OUTPUT: &str = "规上工业总产值";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Breakdown {
    Status,
    Chain,
    Level,
}

/// Which chart, with its settings. Serialised into presentation decks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ChartChoice {
    TimeSeries { indicator: String, span: (u8, u8), mark: Mark, from: Option<i32>, to: Option<i32> },
    InvestmentOutput { span: (u8, u8) },
    ParkComparison { indicator: String, year: i32, span: (u8, u8) },
    Projects(Breakdown),
    ProjectInvestment,
    TargetVsActual { year: i32 },
}

impl ChartChoice {
    /// Whether building it needs every park's values, not just the selected park's.
    pub fn needs_all_parks(&self) -> bool {
        matches!(self, Self::ParkComparison { .. })
    }
}

/// What the builders read.
pub struct ChartData<'a> {
    pub park_name: &'a str,
    pub indicators: &'a [Indicator],
    pub values: &'a ValueSet,
    pub projects: &'a [Project],
    /// Every park's name and values; only the comparison chart needs them.
    pub all_parks: &'a [(String, ValueSet)],
}

impl ChartData<'_> {
    fn indicator(&self, name: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.name_zh == name)
    }
}

pub fn figure(choice: &ChartChoice, data: &ChartData<'_>) -> Figure {
    match choice {
        ChartChoice::TimeSeries { indicator, span, mark, from, to } => match data.indicator(indicator) {
            Some(ind) => time_series(data, ind, *span, *mark, *from, *to),
            None => empty(indicator, data.park_name, tr("fig.no_indicator")),
        },
        ChartChoice::InvestmentOutput { span } => investment_output(data, *span),
        ChartChoice::ParkComparison { indicator, year, span } => match data.indicator(indicator) {
            Some(ind) => park_comparison(data, ind, *year, *span),
            None => empty(indicator, "", tr("fig.no_indicator")),
        },
        ChartChoice::Projects(by) => project_breakdown(data, *by),
        ChartChoice::ProjectInvestment => project_investment(data),
        ChartChoice::TargetVsActual { year } => target_vs_actual(data, *year),
    }
}

fn empty(title: &str, subtitle: &str, note: &str) -> Figure {
    Figure {
        main: Chart {
            title: title.to_owned(),
            subtitle: subtitle.to_owned(),
            categories: Vec::new(),
            series: Vec::new(),
            y: axis(0.0, 1.0, "", true),
            stacked: false,
            note: Some(note.to_owned()),
        },
        lower: None,
    }
}

/// An indicator's name in the current language.
fn ind_name(ind: &Indicator) -> &str {
    ind.name(is_english())
}

fn period_label(p: Period) -> String {
    crate::i18n::period_label(p)
}

/// A span in the current language: `1-6月`, `Jan-Jun`.
fn span_text(span: (u8, u8)) -> String {
    if crate::i18n::is_english() { span_label_en(span.0, span.1) } else { span_label_zh(span.0, span.1) }
}

/// Years that have any figure for the indicator and span, within `from..=to`.
fn years_with_data(values: &ValueSet, ids: &[i64], span: (u8, u8), from: Option<i32>, to: Option<i32>) -> Vec<i32> {
    let mut years: Vec<i32> = values
        .iter()
        .filter(|v| ids.contains(&v.indicator_id) && (v.period.start_month, v.period.end_month) == span)
        .map(|v| v.period.year)
        .filter(|y| from.is_none_or(|f| *y >= f) && to.is_none_or(|t| *y <= t))
        .collect();
    years.sort_unstable();
    years.dedup();
    match (years.first(), years.last()) {
        // Fill gaps so the x axis runs year by year.
        (Some(&a), Some(&b)) => (a..=b).collect(),
        _ => Vec::new(),
    }
}

fn outturn_kind(v: &crate::domain::IndicatorValue) -> PointKind {
    if v.derivation.is_some() {
        PointKind::Derived
    } else if v.kind == ValueKind::Estimate {
        PointKind::Estimate
    } else {
        PointKind::Actual
    }
}

/// Notes for charts with too little to show a trend.
fn sparse_note(points: usize) -> Option<String> {
    match points {
        0 => Some(tr("fig.no_data").to_owned()),
        1 => Some(tr("fig.one_point").to_owned()),
        _ => None,
    }
}

fn scaled_axis(series: &mut [Series], unit: &str, precision: u8, include_zero: bool) -> Axis {
    let max_abs = series.iter().flat_map(|s| &s.points).map(|p| p.y.abs()).fold(0.0, f64::max);
    let (factor, shown) = display_unit(unit, max_abs);
    let precision = if factor > 1.0 { 2 } else { precision };
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in series.iter_mut().flat_map(|s| s.points.iter_mut()) {
        p.y /= factor;
        p.label = value_label(p.y, precision, &shown);
        lo = lo.min(p.y);
        hi = hi.max(p.y);
    }
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    axis(lo, hi, &shown, include_zero)
}

pub fn time_series(data: &ChartData<'_>, ind: &Indicator, span: (u8, u8), mark: Mark, from: Option<i32>, to: Option<i32>) -> Figure {
    let years = years_with_data(data.values, &[ind.id], span, from, to);
    let period = |y: i32| Period { year: y, start_month: span.0, end_month: span.1 };
    let categories: Vec<String> = years.iter().map(|&y| period_label(period(y))).collect();
    let mut actual = Vec::new();
    let mut target = Vec::new();
    let mut yoy = Vec::new();
    for (x, &y) in years.iter().enumerate() {
        let p = period(y);
        if let Some(v) = data.values.outturn(ind.id, p) {
            if let Some(value) = v.value {
                actual.push(Point { x, y: value, kind: outturn_kind(v), label: String::new(), source: v.source.clone() });
            }
            let view = data.values.yoy(ind.id, p, v.kind);
            if let Some(rate) = view.headline() {
                let kind = if view.reported.is_some() { PointKind::Actual } else { PointKind::Derived };
                let label = if view.disagrees() {
                    trf("fig.yoy_computed", &[&percent(rate), &percent(view.computed.unwrap_or_default())])
                } else {
                    percent(rate)
                };
                yoy.push(Point { x, y: rate, kind, label, source: v.source.clone() });
            }
        }
        if let Some(t) = data.values.get(ind.id, p, ValueKind::Target).and_then(|t| t.value.map(|v| (v, &t.source))) {
            target.push(Point { x, y: t.0, kind: PointKind::Target, label: String::new(), source: t.1.clone() });
        }
    }
    let points = actual.len();
    let mut series = vec![Series { name: trf("fig.actual_of", &[&ind_name(ind)]), mark, points: actual, color: 0 }];
    if !target.is_empty() {
        series.push(Series { name: trf("fig.target_of", &[&ind_name(ind)]), mark: Mark::DashedLine, points: target, color: 1 });
    }
    let y = scaled_axis(&mut series, &ind.unit, ind.precision, mark == Mark::Bar);
    let main = Chart {
        title: if span == (1, 12) { ind_name(ind).to_owned() } else { trf("fig.with_span", &[&ind_name(ind), &span_text(span)]) },
        subtitle: data.park_name.to_owned(),
        categories: categories.clone(),
        series,
        y,
        stacked: false,
        note: sparse_note(points),
    };
    let lower = (!yoy.is_empty()).then(|| {
        let (lo, hi) = yoy.iter().fold((0.0f64, 0.0f64), |(a, b), p| (a.min(p.y), b.max(p.y)));
        Chart {
            title: tr("fig.yoy_title").to_owned(),
            subtitle: String::new(),
            categories,
            series: vec![Series { name: tr("fig.yoy").to_owned(), mark: Mark::Bar, points: yoy, color: 2 }],
            y: axis(lo, hi, "%", true),
            stacked: false,
            note: None,
        }
    });
    Figure { main, lower }
}

pub fn investment_output(data: &ChartData<'_>, span: (u8, u8)) -> Figure {
    let wanted = [(INVESTMENT, Mark::Bar, 0), (INDUSTRIAL_INVESTMENT, Mark::Bar, 1), (OUTPUT, Mark::Line, 2)];
    let inds: Vec<(&Indicator, Mark, usize)> =
        wanted.iter().filter_map(|(n, m, c)| data.indicator(n).map(|i| (i, *m, *c))).collect();
    let ids: Vec<i64> = inds.iter().map(|(i, _, _)| i.id).collect();
    let years = years_with_data(data.values, &ids, span, None, None);
    let period = |y: i32| Period { year: y, start_month: span.0, end_month: span.1 };
    let mut series = Vec::new();
    for (ind, mark, color) in &inds {
        let points: Vec<Point> = years
            .iter()
            .enumerate()
            .filter_map(|(x, &y)| {
                let v = data.values.outturn(ind.id, period(y))?;
                let value = convert_unit(v.value?, &ind.unit, "亿元")?;
                Some(Point { x, y: value, kind: outturn_kind(v), label: String::new(), source: v.source.clone() })
            })
            .collect();
        if !points.is_empty() {
            series.push(Series { name: ind_name(ind).to_owned(), mark: *mark, points, color: *color });
        }
    }
    let total: usize = series.iter().map(|s| s.points.len()).sum();
    let y = scaled_axis(&mut series, "亿元", 2, true);
    let title = tr("fig.investment_output");
    Figure {
        main: Chart {
            title: if span == (1, 12) { title.to_owned() } else { trf("fig.with_span", &[&title, &span_text(span)]) },
            subtitle: data.park_name.to_owned(),
            categories: years.iter().map(|&y| period_label(period(y))).collect(),
            series,
            y,
            stacked: false,
            note: if years.len() < 2 { sparse_note(total.min(years.len())) } else { None },
        },
        lower: None,
    }
}

pub fn park_comparison(data: &ChartData<'_>, ind: &Indicator, year: i32, span: (u8, u8)) -> Figure {
    let period = Period { year, start_month: span.0, end_month: span.1 };
    let mut categories = Vec::new();
    let mut points = Vec::new();
    for (name, values) in data.all_parks {
        if let Some(v) = values.outturn(ind.id, period)
            && let Some(value) = v.value {
                points.push(Point { x: categories.len(), y: value, kind: outturn_kind(v), label: String::new(), source: v.source.clone() });
                categories.push(name.clone());
            }
    }
    let n = points.len();
    let mut series = vec![Series { name: ind_name(ind).to_owned(), mark: Mark::Bar, points, color: 0 }];
    let y = scaled_axis(&mut series, &ind.unit, ind.precision, true);
    Figure {
        main: Chart {
            title: trf("fig.parks_compared", &[&ind_name(ind)]),
            subtitle: period_label(period),
            categories,
            series,
            y,
            stacked: false,
            note: match n {
                0 => Some(tr("fig.no_park_has").to_owned()),
                1 => Some(tr("fig.one_park_has").to_owned()),
                _ => None,
            },
        },
        lower: None,
    }
}

pub fn project_breakdown(data: &ChartData<'_>, by: Breakdown) -> Figure {
    let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for p in data.projects {
        let key = match by {
            Breakdown::Status => (ProjectStatus::ALL.iter().position(|s| *s == p.status).unwrap_or(0), crate::i18n::name(p.status).to_owned()),
            Breakdown::Level => (KeyLevel::ALL.iter().position(|l| *l == p.key_level).unwrap_or(0), crate::i18n::name(p.key_level).to_owned()),
            Breakdown::Chain if p.chain.is_empty() => (1, tr("fig.no_chain").to_owned()),
            Breakdown::Chain => (0, p.chain.clone()),
        };
        *counts.entry(key).or_default() += 1;
    }
    let title = match by {
        Breakdown::Status => tr("fig.by_status"),
        Breakdown::Chain => tr("fig.by_chain"),
        Breakdown::Level => tr("fig.by_level"),
    };
    let categories: Vec<String> = counts.keys().map(|(_, k)| k.clone()).collect();
    let points: Vec<Point> = counts
        .values()
        .enumerate()
        .map(|(x, &n)| Point { x, y: n as f64, kind: PointKind::Actual, label: trf("fig.count", &[&n]), source: tr("fig.ledger").to_owned() })
        .collect();
    let max = points.iter().map(|p| p.y).fold(0.0, f64::max);
    let note = points.is_empty().then(|| tr("fig.no_projects").to_owned());
    Figure {
        main: Chart {
            title: title.to_owned(),
            subtitle: data.park_name.to_owned(),
            categories,
            series: vec![Series { name: tr("fig.projects").to_owned(), mark: Mark::Bar, points, color: 0 }],
            y: axis(0.0, max.max(1.0), tr("fig.projects_unit"), true),
            stacked: false,
            note,
        },
        lower: None,
    }
}

/// Per year: investment completed that year, stacked under what the projects under way
/// still had to invest. Projects in 万美元 are left out and counted in the note.
pub fn project_investment(data: &ChartData<'_>) -> Figure {
    let cny: Vec<&Project> = data.projects.iter().filter(|p| p.currency == Currency::Cny).collect();
    let usd = data.projects.len() - cny.len();
    let mut years: Vec<i32> = cny.iter().flat_map(|p| p.yearly.iter().map(|y| y.year)).collect();
    years.sort_unstable();
    years.dedup();
    let mut done = Vec::new();
    let mut left = Vec::new();
    for (x, &year) in years.iter().enumerate() {
        let completed: f64 = cny.iter().map(|p| p.invested_in(year)).sum();
        let remaining: f64 = cny
            .iter()
            .filter(|p| p.active_in(year))
            .map(|p| {
                let cumulative: f64 = p.yearly.iter().filter(|y| y.year <= year).map(|y| y.amount).sum();
                (p.investment.unwrap_or(0.0) - cumulative).max(0.0)
            })
            .sum();
        let src = tr("fig.ledger").to_owned();
        done.push(Point { x, y: completed, kind: PointKind::Actual, label: String::new(), source: src.clone() });
        left.push(Point { x, y: remaining, kind: PointKind::Derived, label: String::new(), source: src });
    }
    let n = years.len();
    let mut series = vec![
        Series { name: tr("fig.invested").to_owned(), mark: Mark::Bar, points: done, color: 0 },
        Series { name: tr("fig.still_to_invest").to_owned(), mark: Mark::Bar, points: left, color: 1 },
    ];
    // Stacked bars reach the sum of the two.
    let max_total = (0..n).map(|i| series.iter().map(|s| s.points[i].y).sum::<f64>()).fold(0.0, f64::max);
    let (factor, unit) = display_unit("万元", max_total);
    let precision = if factor > 1.0 { 2 } else { 0 };
    for p in series.iter_mut().flat_map(|s| s.points.iter_mut()) {
        p.y /= factor;
        p.label = value_label(p.y, precision, &unit);
    }
    let mut notes = Vec::new();
    if n == 0 {
        notes.push(tr("fig.no_yearly").to_owned());
    }
    if usd > 0 {
        notes.push(trf("fig.usd_left_out", &[&usd]));
    }
    Figure {
        main: Chart {
            title: tr("fig.project_investment").to_owned(),
            subtitle: data.park_name.to_owned(),
            categories: years.iter().map(|&y| period_label(Period::full_year(y))).collect(),
            series,
            y: axis(0.0, max_total / factor, &unit, true),
            stacked: true,
            note: (!notes.is_empty()).then(|| notes.join(tr("fig.note_sep"))),
        },
        lower: None,
    }
}

/// Completion against the year's targets: for each indicator with a full-year target,
/// the latest span of that year with a figure, as a percentage of the target.
pub fn target_vs_actual(data: &ChartData<'_>, year: i32) -> Figure {
    let mut categories = Vec::new();
    let mut bars = Vec::new();
    let mut span_seen = None;
    for ind in data.indicators {
        let Some(target) = data.values.get(ind.id, Period::full_year(year), ValueKind::Target).and_then(|t| t.value) else {
            continue;
        };
        let latest = (1..=12u8).rev().find_map(|end| data.values.outturn(ind.id, Period { year, start_month: 1, end_month: end }));
        let Some(v) = latest else { continue };
        let (Some(value), true) = (v.value, target.abs() > f64::EPSILON) else { continue };
        let pct = value / target * 100.0;
        span_seen.get_or_insert(v.period);
        let label = trf("fig.of_target", &[&value_label(value, ind.precision, &ind.unit), &value_label(target, ind.precision, &ind.unit), &percent(pct)]);
        bars.push(Point { x: categories.len(), y: pct, kind: outturn_kind(v), label, source: v.source.clone() });
        categories.push(ind_name(ind).to_owned());
    }
    let n = bars.len();
    let max = bars.iter().map(|p| p.y).fold(100.0, f64::max);
    let reference: Vec<Point> = (0..n)
        .map(|x| Point { x, y: 100.0, kind: PointKind::Target, label: "100%".to_owned(), source: String::new() })
        .collect();
    let mut series = vec![Series { name: tr("fig.completion").to_owned(), mark: Mark::Bar, points: bars, color: 0 }];
    if n > 0 {
        series.push(Series { name: tr("fig.target_line").to_owned(), mark: Mark::DashedLine, points: reference, color: 1 });
    }
    Figure {
        main: Chart {
            title: trf("fig.targets_title", &[&period_label(Period::full_year(year))]),
            subtitle: match span_seen {
                Some(p) => trf("fig.as_of", &[&data.park_name, &period_label(p)]),
                None => data.park_name.to_owned(),
            },
            categories,
            series,
            y: axis(0.0, max, "%", true),
            stacked: false,
            note: (n == 0).then(|| trf("fig.no_targets", &[&period_label(Period::full_year(year))])),
        },
        lower: None,
    }
}

//! The county's totals (汇总) for a period: who reported and who is missing, and for each
//! indicator the sum over the parks that reported, how many did, and the YoY worked out
//! from the sums of this period and of the same period last year — never an average of
//! the parks' own rates, which weighs a small park like a large one.
//!
//! Every park's figure is already in its indicator's unit (receiving converts 亿元 into
//! 万元 and refuses 万美元 into 万元), so a sum never mixes units. Rates are shown park by
//! park and not summed. An estimate (预计) is summed with the actuals only with a mark.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::indicator::Nature;
use crate::domain::package::ReceivedPackage;
use crate::domain::{Indicator, IndicatorValue, Park, Period, ValueKind};

/// One park that reported for the period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reporter {
    pub name: String,
    /// The package that stands, when the figures came in one (a county may also type or
    /// import some itself).
    pub version: Option<i64>,
    pub made_at: Option<String>,
    pub received_at: Option<String>,
}

/// One park's figure in a row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ParkFigure {
    pub value: f64,
    /// 预计, not yet an actual.
    pub estimate: bool,
    /// Worked out (推算), not reported.
    pub derived: bool,
}

/// One indicator summed over the parks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TotalRow {
    pub indicator_id: i64,
    pub indicator: String,
    pub indicator_en: String,
    pub unit: String,
    /// Decimals the indicator is shown with.
    pub precision: u8,
    /// A rate: shown park by park, never summed.
    pub rate: bool,
    /// The sum over the parks that reported it; `None` for a rate.
    pub total: Option<f64>,
    /// How many parks reported it.
    pub reported: usize,
    /// From the sums over the parks that reported both years.
    pub yoy_pct: Option<f64>,
    /// The sum holds an estimate.
    pub with_estimates: bool,
    /// Parks that reported this period but not the same period last year: left out of the
    /// YoY (their figure is in the total).
    pub no_base: Vec<String>,
    /// Parks whose figure or last year's base was worked out (推算), not reported.
    pub derived: Vec<String>,
    /// Aligned with [`Consolidation::parks`].
    pub by_park: Vec<Option<ParkFigure>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Consolidation {
    pub period: Period,
    /// The parks that reported, in the county's order.
    pub parks: Vec<Reporter>,
    /// The county's parks with nothing for the period.
    pub missing: Vec<String>,
    pub rows: Vec<TotalRow>,
}

/// A park's figure for a cell: the actual, or else the estimate.
fn figure(values: &HashMap<(i64, i64, Period, ValueKind), (f64, bool)>, park: i64, indicator: i64, period: Period) -> Option<ParkFigure> {
    let get = |kind| values.get(&(park, indicator, period, kind)).copied();
    get(ValueKind::Actual)
        .map(|(value, derived)| ParkFigure { value, estimate: false, derived })
        .or_else(|| get(ValueKind::Estimate).map(|(value, derived)| ParkFigure { value, estimate: true, derived }))
}

/// The totals for `period` from every park's values for it and for the same period last
/// year (`values`: actuals and estimates; other periods are ignored).
pub fn consolidate(period: Period, parks: &[Park], indicators: &[Indicator], values: &[IndicatorValue], received: &[ReceivedPackage]) -> Consolidation {
    let base_period = period.same_span_last_year();
    let mut by_cell: HashMap<(i64, i64, Period, ValueKind), (f64, bool)> = HashMap::new();
    let mut reporting: std::collections::HashSet<i64> = received.iter().map(|r| r.park_id).collect();
    for v in values.iter().filter(|v| v.period == period || v.period == base_period) {
        let Some(x) = v.value.filter(|x| x.is_finite()) else { continue };
        if matches!(v.kind, ValueKind::Actual | ValueKind::Estimate) {
            by_cell.insert((v.park_id, v.indicator_id, v.period, v.kind), (x, v.derivation.is_some()));
            if v.period == period {
                reporting.insert(v.park_id);
            }
        }
    }
    let (in_period, missing): (Vec<&Park>, Vec<&Park>) = parks.iter().partition(|p| reporting.contains(&p.id));
    let reporters: Vec<Reporter> = in_period
        .iter()
        .map(|p| {
            let r = received.iter().find(|r| r.park_id == p.id);
            Reporter { name: p.name.clone(), version: r.map(|r| r.version), made_at: r.map(|r| r.made_at.clone()), received_at: r.map(|r| r.received_at.clone()) }
        })
        .collect();
    let mut rows = Vec::new();
    for ind in indicators {
        let by_park: Vec<Option<ParkFigure>> = in_period.iter().map(|p| figure(&by_cell, p.id, ind.id, period)).collect();
        let reported = by_park.iter().flatten().count();
        if reported == 0 {
            continue;
        }
        let rate = ind.nature == Nature::Rate || ind.unit == "%";
        let total = (!rate).then(|| by_park.iter().flatten().map(|f| f.value).sum::<f64>() + 0.0);
        let (mut now, mut before, mut no_base, mut derived) = (0.0, 0.0, Vec::new(), Vec::new());
        for (p, f) in in_period.iter().zip(&by_park) {
            let Some(f) = f else { continue };
            let base = figure(&by_cell, p.id, ind.id, base_period);
            if f.derived || base.is_some_and(|b| b.derived) {
                derived.push(p.name.clone());
            }
            match base {
                Some(b) => {
                    now += f.value;
                    before += b.value;
                }
                None => no_base.push(p.name.clone()),
            }
        }
        let yoy_pct = (!rate && before > 0.0).then(|| (now / before - 1.0) * 100.0);
        rows.push(TotalRow {
            indicator_id: ind.id,
            indicator: ind.name_zh.clone(),
            indicator_en: ind.name_en.clone(),
            unit: ind.unit.clone(),
            precision: ind.precision,
            rate,
            total,
            reported,
            yoy_pct,
            with_estimates: !rate && by_park.iter().flatten().any(|f| f.estimate),
            no_base: if rate { Vec::new() } else { no_base },
            derived,
            by_park,
        });
    }
    Consolidation { period, parks: reporters, missing: missing.iter().map(|p| p.name.clone()).collect(), rows }
}

impl Consolidation {
    /// Whether anything was reported for the period.
    pub fn is_empty(&self) -> bool {
        self.parks.is_empty()
    }
}

//! The built-in rules. [`RULES`] is the list a page or the command line shows (id, level,
//! what it checks, the catalogue key of its message); [`run`] applies them. Which parts
//! belong to which totals and how far a YoY may go are data here too ([`EXTRA_PARTS`],
//! [`yoy_limit`]), beside the catalogue's own `其中` links and the rules the clerk adds
//! (`domain::rule`, stored in the database).

use super::{Cell, Finding, Index, Level, ParkData};
use crate::domain::indicator::{Indicator, Nature, convert_unit};
use crate::domain::period::Period;
use crate::domain::project::ProjectStatus;
use crate::domain::rule::UserRuleKind;
use crate::domain::value::{IndicatorValue, ValueKind, YOY_DISAGREEMENT_PP, yoy_percent};

/// A rule as the audit lists it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleDef {
    pub id: &'static str,
    pub level: Level,
    /// Catalogue key of the finding's message: `{0}` the cell, `{1}` the cell it was
    /// checked against, `{2}` `{3}` their figures, `{4}` a project, `{5}` `{6}` a third
    /// cell and figure.
    pub message: &'static str,
    /// Whether the clerk's explanation settles a finding: a warning's may; an error's,
    /// whose figures cannot all be true, does not.
    pub explainable: bool,
}

const fn rule(id: &'static str, level: Level, message: &'static str) -> RuleDef {
    RuleDef { id, level, message, explainable: matches!(level, Level::Warning) }
}

pub const RULES: &[RuleDef] = &[
    rule("part_above_total", Level::Error, "audit.part_above_total"),
    rule("cumulative_falls", Level::Error, "audit.cumulative_falls"),
    rule("cumulative_falls_refund", Level::Warning, "audit.cumulative_falls_refund"),
    rule("span_vs_cumulative", Level::Error, "audit.span_vs_cumulative"),
    rule("count_not_whole", Level::Error, "audit.count_not_whole"),
    rule("negative", Level::Error, "audit.negative"),
    rule("unit_slip", Level::Warning, "audit.unit_slip"),
    rule("yoy_beyond", Level::Warning, "audit.yoy_beyond"),
    rule(STATED_YOY_DIFFERS, Level::Warning, "audit.stated_yoy_differs"),
    rule("target_met_early", Level::Warning, "audit.target_met_early"),
    rule("same_as_last_year", Level::Warning, "audit.same_as_last_year"),
    rule("turns_zero", Level::Warning, "audit.turns_zero"),
    rule("project_invested_above_total", Level::Error, "audit.project_invested_above_total"),
    rule("project_completed_before_start", Level::Error, "audit.project_completed_before_start"),
    rule("project_done_without_date", Level::Warning, "audit.project_done_without_date"),
];

/// A stated YoY unlike the computed one: the rule whose findings one explanation may settle
/// for a whole indicator (可比价 rates differ from current-price ones by design).
pub const STATED_YOY_DIFFERS: &str = "stated_yoy_differs";

fn level(id: &str) -> Level {
    RULES.iter().find(|r| r.id == id).map_or(Level::Warning, |r| r.level)
}

/// Parts and totals the catalogue does not link by `其中` (part, total).
const EXTRA_PARTS: [(&str, &str); 1] = [("税收", "公共财政收入")];

/// Units that count whole things.
const COUNT_UNITS: [&str; 5] = ["个", "家", "人", "起", "座"];

/// Money: where a figure ten or ten thousand times last year's is more likely a slip
/// between 元, 万元 and 亿元 than growth.
const MONEY_UNITS: [&str; 5] = ["元", "万元", "亿元", "美元", "万美元"];

/// Flows of which a cumulative figure can never fall within a year; for other flows
/// (税收: refunds happen) a fall is a warning. 利润 can fall with a loss: not checked.
fn never_falls(name: &str) -> bool {
    ["产值", "增加值", "生产总值", "营业收入", "销售收入", "主营业务收入", "投资"].iter().any(|k| name.contains(k))
}

/// How far a YoY (percent, either way) may go before it wants a word: ±50 % for output
/// and revenue, ±100 % for investment; `None` for the rest.
fn yoy_limit(name: &str) -> Option<f64> {
    if name.contains("投资") {
        Some(100.0)
    } else if ["产值", "增加值", "生产总值", "营业收入", "销售收入", "主营业务收入"].iter().any(|k| name.contains(k)) {
        Some(50.0)
    } else {
        None
    }
}

/// Half a unit of the last decimal the indicator is kept to: figures that differ by less
/// are the same once rounded.
fn tolerance(ind: &Indicator) -> f64 {
    0.5 * 10f64.powi(-i32::from(ind.precision.min(6))) + 1e-9
}

/// What the rules need to know of an indicator, worked out once per audit rather than
/// once per value (the names are searched for their keywords).
struct Traits<'a> {
    ind: &'a Indicator,
    tolerance: f64,
    count: bool,
    money: bool,
    never_falls: bool,
    profit: bool,
    yoy_limit: Option<f64>,
    /// The totals this indicator is a part of.
    totals: Vec<(&'a Indicator, f64)>,
}

pub(super) fn run(data: &ParkData<'_>, values: &[&IndicatorValue], index: &Index<'_>, out: &mut Vec<Finding>) {
    let mut values = values.to_vec();
    values.sort_by_key(|v| (v.indicator_id, v.period, v.kind));
    let finding = |rule: &'static str, cells: Vec<Cell>, figures: Vec<f64>| Finding { rule, level: level(rule), park_id: data.park_id, cells, project: None, figures, explanation: None };
    let get = |ind: i64, period: Period, kind: ValueKind| index.by_key.get(&(ind, period, kind)).and_then(|v| v.value).map(|x| (x, Cell { indicator_id: ind, period, kind }));
    let outturn_last_year = |v: &IndicatorValue| {
        let p = v.period.same_span_last_year();
        get(v.indicator_id, p, ValueKind::Actual).or_else(|| get(v.indicator_id, p, ValueKind::Estimate))
    };
    let totals: Vec<(i64, i64)> = data
        .indicators
        .iter()
        .filter_map(|i| i.parent.map(|p| (i.id, p)))
        .chain(EXTRA_PARTS.iter().filter_map(|(part, total)| {
            let id = |n: &str| data.indicators.iter().find(|i| i.name_zh == n).map(|i| i.id);
            Some((id(part)?, id(total)?))
        }))
        .chain(data.user_rules.iter().filter_map(|r| match r.kind {
            UserRuleKind::PartOf { part, total } => Some((part, total)),
            UserRuleKind::YoyLimit { .. } => None,
        }))
        .collect();
    // A limit the clerk set replaces the built-in one for its indicator.
    let user_limit = |id: i64| {
        data.user_rules.iter().rev().find_map(|r| match r.kind {
            UserRuleKind::YoyLimit { indicator, limit_pct } if indicator == id => Some(limit_pct),
            _ => None,
        })
    };

    let traits: rustc_hash::FxHashMap<i64, Traits<'_>> = data
        .indicators
        .iter()
        .map(|ind| {
            let totals = totals
                .iter()
                .filter(|(part, _)| *part == ind.id)
                .filter_map(|(_, total)| index.indicators.get(total).map(|t| (*t, tolerance(t))))
                .collect();
            let t = Traits {
                ind,
                tolerance: tolerance(ind),
                count: COUNT_UNITS.contains(&ind.unit.as_str()),
                money: MONEY_UNITS.contains(&ind.unit.as_str()),
                never_falls: never_falls(&ind.name_zh),
                profit: ind.name_zh.contains("利润"),
                yoy_limit: user_limit(ind.id).or_else(|| yoy_limit(&ind.name_zh)),
                totals,
            };
            (ind.id, t)
        })
        .collect();

    for v in &values {
        let Some(Traits { ind, tolerance: tol, count, money, never_falls, profit, yoy_limit, totals }) = traits.get(&v.indicator_id) else { continue };
        let Some(x) = v.value else { continue };
        let cell = Cell::of(v);
        let tol = *tol;

        // 1. A part above its total.
        for (total_ind, total_tol) in totals {
            let Some((t, total_cell)) = get(total_ind.id, v.period, v.kind) else { continue };
            let Some(in_total_unit) = convert_unit(x, &ind.unit, &total_ind.unit) else { continue };
            if in_total_unit > t + total_tol {
                out.push(finding("part_above_total", vec![cell, total_cell], vec![x, t]));
            }
        }

        // 4. Counts are whole and nothing countable is negative.
        if *count && (x.fract().abs() > 1e-9 || x < 0.0) {
            out.push(finding("count_not_whole", vec![cell], vec![x]));
        } else if x < 0.0 && ind.must_be_non_negative() {
            out.push(finding("negative", vec![cell], vec![x]));
        }

        if ind.nature == Nature::Flow && v.kind != ValueKind::Target {
            // 2. A cumulative figure below the one of an earlier span of the same year.
            if v.period.start_month == 1 && v.period.end_month > 1 && !profit {
                let earlier = (1..v.period.end_month).rev().find_map(|m| get(v.indicator_id, Period { end_month: m, ..v.period }, v.kind));
                if let Some((e, earlier_cell)) = earlier
                    && x + tol < e
                {
                    let rule = if *never_falls { "cumulative_falls" } else { "cumulative_falls_refund" };
                    out.push(finding(rule, vec![cell, earlier_cell], vec![x, e]));
                }
            }
            // 3. A month or quarter against the difference of the cumulative spans around it.
            if v.period.start_month > 1 {
                let to_end = get(v.indicator_id, Period { start_month: 1, ..v.period }, v.kind);
                let before = get(v.indicator_id, Period { start_month: 1, end_month: v.period.start_month - 1, ..v.period }, v.kind);
                if let (Some((end, end_cell)), Some((start, start_cell))) = (to_end, before)
                    && (x - (end - start)).abs() > 2.0 * tol
                {
                    out.push(Finding { figures: vec![x, end - start], ..finding("span_vs_cumulative", vec![cell, end_cell, start_cell], vec![]) });
                }
            }
        }

        if v.kind != ValueKind::Target && ind.nature != Nature::Rate {
            if let Some((prev, prev_cell)) = outturn_last_year(v) {
                // 5. A unit slip, else a YoY beyond what output or investment plausibly does.
                let ratio = if prev.abs() > f64::EPSILON && x.abs() > f64::EPSILON { (x / prev).abs() } else { 1.0 };
                let slip = *money
                    && (1..=4).any(|k| {
                        let p = 10f64.powi(k);
                        (0.8 * p..=1.25 * p).contains(&ratio) || (0.8 / p..=1.25 / p).contains(&ratio)
                    });
                if slip {
                    out.push(finding("unit_slip", vec![cell, prev_cell], vec![x, prev]));
                } else if let (Some(limit), Some(yoy)) = (*yoy_limit, yoy_percent(x, prev))
                    && yoy.abs() > limit
                {
                    out.push(Finding { figures: vec![x, prev, yoy], ..finding("yoy_beyond", vec![cell, prev_cell], vec![]) });
                }
                // 8. The same figure as last year, or nothing after something. A count
                // (5 projects, 12 firms) is often the same two years running: not news.
                if ind.nature == Nature::Flow && x != 0.0 && x == prev && !COUNT_UNITS.contains(&ind.unit.as_str()) {
                    out.push(finding("same_as_last_year", vec![cell, prev_cell], vec![x, prev]));
                }
                if x == 0.0 && prev != 0.0 {
                    out.push(finding("turns_zero", vec![cell, prev_cell], vec![x, prev]));
                }
                // 6. A stated YoY that is not the computed one.
                if let (Some(stated), Some(computed)) = (v.reported_yoy, yoy_percent(x, prev))
                    && (stated - computed).abs() > YOY_DISAGREEMENT_PP + 1e-9
                {
                    out.push(Finding { figures: vec![stated, computed], ..finding(STATED_YOY_DIFFERS, vec![cell, prev_cell], vec![]) });
                }
            }
            // 7. More than the year's target before the year is out (a cumulative flow:
            // a level such as 从业人员 may well stand above its year-end target in June).
            if ind.nature == Nature::Flow
                && v.period.end_month < 12
                && let Some((target, target_cell)) = get(v.indicator_id, v.period.containing_year(), ValueKind::Target)
                && target > 0.0
                && x > target + tol
            {
                out.push(finding("target_met_early", vec![cell, target_cell], vec![x, target]));
            }
        }
    }

    // 9. Projects.
    for p in data.projects {
        let mut project = |rule: &'static str, figures: Vec<f64>| {
            out.push(Finding { project: Some((p.id, p.name.clone())), ..finding(rule, vec![], figures) });
        };
        let invested = p.invested_total();
        if let Some(total) = p.investment
            && invested > total + 1e-6
        {
            project("project_invested_above_total", vec![invested, total]);
        }
        if let (Some(done), Some(started)) = (p.completed_on, p.started_on)
            && done < started
        {
            project("project_completed_before_start", vec![]);
        }
        if p.status == ProjectStatus::InProduction && p.completed_on.is_none() {
            project("project_done_without_date", vec![]);
        }
    }
}

//! Axis ticks and value labels: round steps (1, 2, 5 × 10ⁿ), thousands grouping, and a
//! unit that keeps numbers short (`12,000万元` is shown as `1.20亿元`).

use super::{Axis, Tick};
use crate::domain::format::grouped;

/// A round step near `span / target_count`.
pub fn nice_step(span: f64, target_count: usize) -> f64 {
    let raw = (span / target_count.max(1) as f64).abs();
    if raw <= f64::EPSILON || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction < 1.5 {
        1.0
    } else if fraction < 3.0 {
        2.0
    } else if fraction < 7.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Decimals needed to tell ticks `step` apart.
pub fn decimals_for(step: f64) -> u8 {
    if step >= 1.0 { 0 } else { (-step.log10().floor()).clamp(0.0, 6.0) as u8 }
}

/// An axis covering `min..max` (always including 0 for bars), about five ticks.
pub fn axis(min: f64, max: f64, unit: &str, include_zero: bool) -> Axis {
    let (mut lo, mut hi) = if min.is_finite() && max.is_finite() { (min, max) } else { (0.0, 1.0) };
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if (hi - lo).abs() < 1e-12 {
        hi = lo + if lo.abs() > 0.0 { lo.abs() * 0.5 } else { 1.0 };
    }
    let step = nice_step(hi - lo, 5);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let decimals = decimals_for(step);
    let count = ((end - start) / step).round() as usize;
    let ticks = (0..=count)
        .map(|i| {
            let value = start + i as f64 * step;
            Tick { value, label: grouped(value, decimals) }
        })
        .collect();
    Axis { unit: unit.to_owned(), min: start, max: end, ticks }
}

/// The unit to show `max_abs` in, and the factor to divide by: 万元 above 10,000 is
/// shown in 亿元, 元 above 10,000 in 万元.
pub fn display_unit(unit: &str, max_abs: f64) -> (f64, String) {
    match unit {
        "万元" if max_abs >= 10_000.0 => (1e4, "亿元".to_owned()),
        "元" if max_abs >= 1e8 => (1e8, "亿元".to_owned()),
        "元" if max_abs >= 1e4 => (1e4, "万元".to_owned()),
        _ => (1.0, unit.to_owned()),
    }
}

/// A value with its unit as the summaries write it: `15.20亿元`, `3,480亩`, `30.5%`.
pub fn value_label(value: f64, precision: u8, unit: &str) -> String {
    format!("{}{}", grouped(value, precision), unit)
}

//! How numbers are written: `20.66亿元`, `1,234.5`, `同比增长30.5%`, `同比下降0.6%`.

/// Fixed decimals with thousands grouping: `12345.678` at 2 → `12,345.68`.
pub fn grouped(value: f64, precision: u8) -> String {
    let text = format!("{:.*}", usize::from(precision), value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Fixed decimals without grouping, trailing zeros kept: how the summaries write money.
pub fn plain(value: f64, precision: u8) -> String {
    format!("{:.*}", usize::from(precision), value)
}

/// A percentage with up to two decimals and no trailing zeros: `30.5%`, `24%`.
pub fn percent(value: f64) -> String {
    let s = format!("{:.2}", value);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

/// The clerk's phrase: `同比增长30.5%` or `同比下降0.6%`, never `增长-0.6%`.
pub fn yoy_phrase_zh(yoy: f64) -> String {
    if yoy < 0.0 {
        format!("同比下降{}", percent(-yoy))
    } else {
        format!("同比增长{}", percent(yoy))
    }
}

/// The fewest decimals (up to four) that write `value` exactly: `0.85` → 2, `56.8` → 1.
pub fn decimals_needed(value: f64) -> u8 {
    (0..4u8)
        .find(|&d| {
            let scale = 10f64.powi(i32::from(d));
            ((value * scale).round() / scale - value).abs() <= 1e-9 * value.abs().max(1.0)
        })
        .unwrap_or(4)
}

/// Up to `precision` decimals, trailing zeros dropped: `20.50` → `20.5`.
pub fn trimmed(value: f64, precision: u8) -> String {
    let s = format!("{:.*}", usize::from(precision), value);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if s == "-0" { "0".to_owned() } else { s }
}

/// An amount as the summaries write it. 1亿元 and more reads in 亿元 with up to two
/// decimals (`20亿元`, `3.5亿元`, never `200000万元`); anything else keeps its unit and the
/// decimals it was given with (`0.85万美元`), or, when it was worked out rather than
/// reported, the indicator's `precision`.
pub fn amount_zh(value: f64, unit: &str, precision: u8, worked_out: bool) -> String {
    if unit == "万元" && value.abs() >= 10_000.0 {
        return format!("{}亿元", trimmed(value / 10_000.0, 2));
    }
    format!("{}{unit}", trimmed(value, shown_decimals(value, precision, worked_out)))
}

/// How many decimals a figure is shown with: those it was given with (at least the
/// indicator's `precision`), or just `precision` when it was worked out.
pub fn shown_decimals(value: f64, precision: u8, worked_out: bool) -> u8 {
    if worked_out { precision } else { precision.max(decimals_needed(value)) }
}

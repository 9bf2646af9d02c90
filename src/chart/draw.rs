//! Lays out a [`Figure`] on any [`Canvas`]: the SVG export and the PDF report draw the
//! same chart from the same code, only their primitives differ. Coordinates are in
//! canvas units with y growing downwards; sizes are given for a 1920×1080 canvas and
//! scaled.

use super::{Chart, Figure, Mark, PointKind, Series};

/// Colours for light paper: dark blue, orange, green, purple, grey. Their lightness
/// differs, so they stay apart in grayscale print.
pub const PALETTE: [(u8, u8, u8); 5] = [(0x1f, 0x4e, 0x79), (0xe0, 0x7b, 0x39), (0x3b, 0x8f, 0x4a), (0x7b, 0x5e, 0xa7), (0x8c, 0x8c, 0x8c)];

pub type Rgb = (u8, u8, u8);

pub fn color(slot: usize) -> Rgb {
    PALETTE[slot % PALETTE.len()]
}

pub const INK: Rgb = (0x1a, 0x1a, 0x1a);
pub const GREY: Rgb = (0x44, 0x44, 0x44);
pub const LIGHT_GREY: Rgb = (0x88, 0x88, 0x88);
pub const GRID: Rgb = (0xdd, 0xdd, 0xdd);
pub const NOTE: Rgb = (0x8a, 0x5a, 0x00);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Drawing primitives. `size` and `width` are already scaled.
pub trait Canvas {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, color: Rgb, text: &str);
    fn line(&mut self, from: (f64, f64), to: (f64, f64), color: Rgb, width: f64, dashed: bool);
    /// A filled box; `lightness` 0 is the full colour, towards 1 it fades to paper.
    /// (The arguments are an SVG `<rect>`'s attributes, one for one.)
    #[allow(clippy::too_many_arguments)]
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgb, lightness: f64, dashed_edge: bool, tooltip: &str);
    fn polyline(&mut self, points: &[(f64, f64)], color: Rgb, width: f64, dashed: bool);
    fn dot(&mut self, x: f64, y: f64, r: f64, color: Rgb, hollow: bool, tooltip: &str);
}

/// Scale of lines (`s`) and of type (`t`): on paper the type is set larger relative to
/// the drawing than on a 1920-pixel screen, so it stays readable at 156 mm wide.
#[derive(Clone, Copy)]
struct Scale {
    s: f64,
    t: f64,
}

/// Draws the whole figure in a `w`×`h` box at the canvas origin. `text_boost` enlarges
/// the type relative to the drawing (1 on screen and in images, about 1.8 in print).
pub fn draw_figure(c: &mut dyn Canvas, fig: &Figure, w: f64, h: f64, text_boost: f64) {
    let s = (w / 1920.0).min(h / 1080.0).max(0.2);
    let k = Scale { s, t: s * text_boost };
    let t = k.t;
    let main = &fig.main;
    c.text(w / 2.0, 56.0 * t, 40.0 * t, Anchor::Middle, INK, &main.title);
    if !main.subtitle.is_empty() {
        c.text(w / 2.0, 92.0 * t, 24.0 * t, Anchor::Middle, (0x55, 0x55, 0x55), &main.subtitle);
    }
    legend(c, main, w, 128.0 * t, k);
    let top = 160.0 * t;
    let bottom = h - 24.0 * t;
    match &fig.lower {
        Some(lower) => {
            let split = top + (bottom - top) * 0.66;
            plot(c, main, w, top, split - 20.0 * t, true, k);
            c.text(w / 2.0, split + 18.0 * t, 24.0 * t, Anchor::Middle, (0x33, 0x33, 0x33), &lower.title);
            plot(c, lower, w, split + 30.0 * t, bottom, false, k);
        }
        None => plot(c, main, w, top, bottom, true, k),
    }
    let marked = std::iter::once(main).chain(&fig.lower).flat_map(|c| &c.series).flat_map(|s| &s.points);
    if marked.clone().any(|p| matches!(p.kind, PointKind::Estimate | PointKind::Derived)) {
        c.text(w - 50.0 * s, h - 8.0 * t, 18.0 * t, Anchor::End, (0x66, 0x66, 0x66), "浅色或空心：预计数或推算数");
    }
}

fn legend(c: &mut dyn Canvas, chart: &Chart, w: f64, y: f64, k: Scale) {
    let (s, t) = (k.t, k.t);
    let items: Vec<&Series> = chart.series.iter().filter(|s| !s.points.is_empty()).collect();
    // Each entry as wide as its name: swatch, gap, text, gap.
    let width_of = |series: &Series| (36.0 + series.name.chars().count() as f64 * 22.0 + 40.0) * s;
    let total: f64 = items.iter().map(|s| width_of(s)).sum();
    let mut x = w / 2.0 - total / 2.0;
    for series in items {
        let item_w = width_of(series);
        let col = color(series.color);
        match series.mark {
            Mark::Bar => c.rect(x, y - 16.0 * s, 28.0 * s, 18.0 * s, col, 0.0, false, ""),
            Mark::Line | Mark::DashedLine => c.line((x, y - 7.0 * s), (x + 28.0 * s, y - 7.0 * s), col, 4.0 * s, series.mark == Mark::DashedLine),
        }
        c.text(x + 36.0 * s, y, 22.0 * t, Anchor::Start, (0x33, 0x33, 0x33), &series.name);
        x += item_w;
    }
}

fn plot(c: &mut dyn Canvas, chart: &Chart, w: f64, top: f64, bottom: f64, with_x_labels: bool, k: Scale) {
    let (s, t) = (k.s, k.t);
    let left = 150.0 * t;
    let right = w - 50.0 * s;
    let plot_bottom = if with_x_labels { bottom - 46.0 * t } else { bottom - 8.0 * s };
    let (ymin, ymax) = (chart.y.min, chart.y.max);
    let span = (ymax - ymin).max(1e-9);
    let y_of = |v: f64| plot_bottom - (v - ymin) / span * (plot_bottom - top);
    for t in &chart.y.ticks {
        let y = y_of(t.value);
        c.line((left, y), (right, y), GRID, 1.0 * s, false);
        c.text(left - 12.0 * s, y + 7.0 * k.t, 20.0 * k.t, Anchor::End, GREY, &t.label);
    }
    c.text(left - 12.0 * s, top - 14.0 * t, 20.0 * t, Anchor::End, GREY, &format!("（{}）", crate::i18n::unit(&chart.y.unit)));
    if ymin < 0.0 && ymax > 0.0 {
        c.line((left, y_of(0.0)), (right, y_of(0.0)), LIGHT_GREY, 1.5 * s, false);
    }
    c.line((left, plot_bottom), (right, plot_bottom), LIGHT_GREY, 1.5 * s, false);
    let n = chart.categories.len().max(1);
    let band = (right - left) / n as f64;
    let x_of = |i: usize| left + band * (i as f64 + 0.5);
    if with_x_labels {
        // Thin the labels when they would collide.
        let widest = chart.categories.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
        let every = ((widest * 20.0 * t + 16.0 * t) / band).ceil().max(1.0) as usize;
        for (i, label) in chart.categories.iter().enumerate().filter(|(i, _)| i % every == 0) {
            c.text(x_of(i), plot_bottom + 32.0 * t, 20.0 * t, Anchor::Middle, (0x33, 0x33, 0x33), label);
        }
    }
    bars(c, chart, band, &x_of, &y_of, k);
    // Value labels only where they have room.
    let labels = (chart.categories.len() as f64) * 110.0 * t <= right - left;
    for series in chart.series.iter().filter(|s| s.mark != Mark::Bar) {
        line_series(c, series, labels && series.mark == Mark::Line, &x_of, &y_of, k);
    }
    if let Some(note) = &chart.note {
        let y = if chart.is_empty() { (top + plot_bottom) / 2.0 } else { top + 24.0 * t };
        c.text((left + right) / 2.0, y, 24.0 * t, Anchor::Middle, NOTE, note);
    }
}

fn bars(c: &mut dyn Canvas, chart: &Chart, band: f64, x_of: &dyn Fn(usize) -> f64, y_of: &dyn Fn(f64) -> f64, k: Scale) {
    let (s, t) = (k.s, k.t);
    let bar_series: Vec<&Series> = chart.series.iter().filter(|s| s.mark == Mark::Bar).collect();
    if bar_series.is_empty() {
        return;
    }
    let groups = if chart.stacked { 1 } else { bar_series.len() };
    let width = (band * 0.7 / groups as f64).min(140.0 * s);
    let group_width = width * groups as f64;
    let show_labels = (chart.categories.len() * bar_series.len()) as f64 * 95.0 * t <= band * chart.categories.len() as f64 && !chart.stacked;
    let mut stack_top = vec![0.0; chart.categories.len()];
    for (k, series) in bar_series.iter().enumerate() {
        let col = color(series.color);
        for p in &series.points {
            let slot = if chart.stacked { 0 } else { k };
            let x = x_of(p.x) - group_width / 2.0 + width * slot as f64;
            let base = if chart.stacked { stack_top.get(p.x).copied().unwrap_or(0.0) } else { 0.0 };
            let (y0, y1) = (y_of(base), y_of(base + p.y));
            let (y, h) = (y0.min(y1), (y0 - y1).abs());
            let (lightness, dashed) = match p.kind {
                PointKind::Actual | PointKind::Target => (0.0, false),
                PointKind::Estimate => (0.45, true),
                PointKind::Derived => (0.65, true),
            };
            let tip = format!("{} {}（{}）", chart.categories.get(p.x).map_or("", String::as_str), p.label, p.kind.label_zh());
            c.rect(x, y, width * 0.92, h, col, lightness, dashed, &tip);
            if chart.stacked
                && let Some(t) = stack_top.get_mut(p.x) {
                    *t += p.y;
                }
            if show_labels && !p.label.is_empty() {
                let label_y = if p.y >= 0.0 { y - 8.0 * t } else { y + h + 22.0 * t };
                c.text(x + width * 0.46, label_y, 18.0 * t, Anchor::Middle, (0x22, 0x22, 0x22), &p.label);
            }
        }
    }
}

fn line_series(c: &mut dyn Canvas, series: &Series, labels: bool, x_of: &dyn Fn(usize) -> f64, y_of: &dyn Fn(f64) -> f64, k: Scale) {
    let (s, t) = (k.s, k.t);
    let col = color(series.color);
    let pts: Vec<(f64, f64)> = series.points.iter().map(|p| (x_of(p.x), y_of(p.y))).collect();
    if let [(x, y)] = pts[..] {
        // One point (a single reference value): a short level line across its category.
        c.line((x - 60.0 * s, y), (x + 60.0 * s, y), col, 4.0 * s, series.mark == Mark::DashedLine);
    }
    c.polyline(&pts, col, 4.0 * s, series.mark == Mark::DashedLine);
    for p in &series.points {
        let hollow = matches!(p.kind, PointKind::Estimate | PointKind::Derived);
        c.dot(x_of(p.x), y_of(p.y), 7.0 * s, col, hollow, &format!("{}（{}）", p.label, p.kind.label_zh()));
        if labels && !p.label.is_empty() {
            c.text(x_of(p.x), y_of(p.y) - 18.0 * t, 18.0 * t, Anchor::Middle, (0x22, 0x22, 0x22), &p.label);
        }
    }
}

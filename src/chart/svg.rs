//! Draws a [`Figure`] as SVG: the export format, and the input of the PNG renderer.
//! Text stays text (the Chinese title can be searched and edited in the file).

use std::fmt::Write as _;

use super::{Chart, Figure, Mark, PointKind, Series};
use crate::fonts::SVG_FONT_FAMILY;

/// Colours for light paper: dark blue, orange, green, purple, grey. Their lightness
/// differs, so they stay apart in grayscale print.
pub const PALETTE: [&str; 5] = ["#1f4e79", "#e07b39", "#3b8f4a", "#7b5ea7", "#8c8c8c"];

pub fn color(slot: usize) -> &'static str {
    PALETTE[slot % PALETTE.len()]
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

struct Canvas {
    out: String,
    scale: f64,
}

impl Canvas {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: &str, fill: &str, text: &str) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{:.1}" text-anchor="{anchor}" fill="{fill}">{}</text>"#,
            size * self.scale,
            esc(text)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64, dash: bool) {
        let dash = if dash { format!(r#" stroke-dasharray="{:.1} {:.1}""#, 10.0 * self.scale, 6.0 * self.scale) } else { String::new() };
        let _ = writeln!(
            self.out,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{:.1}"{dash}/>"#,
            width * self.scale
        );
    }
}

/// The whole figure at `width`×`height` pixels.
pub fn figure_svg(fig: &Figure, width: u32, height: u32) -> String {
    let (w, h) = (f64::from(width), f64::from(height));
    let scale = (w / 1920.0).min(h / 1080.0).max(0.3);
    let mut c = Canvas { out: String::new(), scale };
    let _ = writeln!(
        c.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}">"#,
        SVG_FONT_FAMILY.replace('"', "'")
    );
    let _ = writeln!(c.out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let main = &fig.main;
    c.text(w / 2.0, 56.0 * scale, 40.0, "middle", "#1a1a1a", &main.title);
    if !main.subtitle.is_empty() {
        c.text(w / 2.0, 92.0 * scale, 24.0, "middle", "#555555", &main.subtitle);
    }
    legend(&mut c, main, w, 128.0 * scale);
    let top = 160.0 * scale;
    let bottom = h - 24.0 * scale;
    match &fig.lower {
        Some(lower) => {
            let split = top + (bottom - top) * 0.66;
            plot(&mut c, main, w, top, split - 20.0 * scale, true);
            c.text(w / 2.0, split + 18.0 * scale, 24.0, "middle", "#333333", &lower.title);
            plot(&mut c, lower, w, split + 30.0 * scale, bottom, false);
        }
        None => plot(&mut c, main, w, top, bottom, true),
    }
    let marked = std::iter::once(main).chain(&fig.lower).flat_map(|c| &c.series).flat_map(|s| &s.points);
    if marked.clone().any(|p| matches!(p.kind, PointKind::Estimate | PointKind::Derived)) {
        c.text(w - 50.0 * scale, h - 8.0 * scale, 18.0, "end", "#666666", "浅色或空心：预计数或推算数");
    }
    c.out.push_str("</svg>\n");
    c.out
}

fn legend(c: &mut Canvas, chart: &Chart, w: f64, y: f64) {
    let s = c.scale;
    let items: Vec<&Series> = chart.series.iter().filter(|s| !s.points.is_empty()).collect();
    let item_w = 320.0 * s;
    let mut x = w / 2.0 - item_w * items.len() as f64 / 2.0;
    for series in items {
        let col = color(series.color);
        match series.mark {
            Mark::Bar => {
                let _ = writeln!(c.out, r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{col}"/>"#, y - 16.0 * s, 28.0 * s, 18.0 * s);
            }
            Mark::Line | Mark::DashedLine => c.line(x, y - 7.0 * s, x + 28.0 * s, y - 7.0 * s, col, 4.0, series.mark == Mark::DashedLine),
        }
        c.text(x + 36.0 * s, y, 22.0, "start", "#333333", &series.name);
        x += item_w;
    }
}

/// One plot area: axes, grid, bars, lines, labels, note.
fn plot(c: &mut Canvas, chart: &Chart, w: f64, top: f64, bottom: f64, with_x_labels: bool) {
    let s = c.scale;
    let left = 150.0 * s;
    let right = w - 50.0 * s;
    let plot_bottom = if with_x_labels { bottom - 46.0 * s } else { bottom - 8.0 * s };
    let (ymin, ymax) = (chart.y.min, chart.y.max);
    let span = (ymax - ymin).max(1e-9);
    let y_of = |v: f64| plot_bottom - (v - ymin) / span * (plot_bottom - top);
    // Grid and y ticks.
    for t in &chart.y.ticks {
        let y = y_of(t.value);
        c.line(left, y, right, y, "#dddddd", 1.0, false);
        c.text(left - 12.0 * s, y + 7.0 * s, 20.0, "end", "#444444", &t.label);
    }
    c.text(left - 12.0 * s, top - 14.0 * s, 20.0, "end", "#444444", &format!("（{}）", chart.y.unit));
    if ymin < 0.0 && ymax > 0.0 {
        c.line(left, y_of(0.0), right, y_of(0.0), "#888888", 1.5, false);
    }
    c.line(left, plot_bottom, right, plot_bottom, "#888888", 1.5, false);
    let n = chart.categories.len().max(1);
    let band = (right - left) / n as f64;
    let x_of = |i: usize| left + band * (i as f64 + 0.5);
    if with_x_labels {
        // Thin the labels when they would collide.
        let every = ((chart.categories.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64 * 20.0 * s + 16.0 * s) / band).ceil().max(1.0) as usize;
        for (i, label) in chart.categories.iter().enumerate().filter(|(i, _)| i % every == 0) {
            c.text(x_of(i), plot_bottom + 32.0 * s, 20.0, "middle", "#333333", label);
        }
    }
    bars(c, chart, band, &x_of, &y_of);
    let labels = chart.categories.len() <= 12;
    for series in chart.series.iter().filter(|s| s.mark != Mark::Bar) {
        line_series(c, series, labels && series.mark == Mark::Line, &x_of, &y_of);
    }
    if let Some(note) = &chart.note {
        let y = if chart.is_empty() { (top + plot_bottom) / 2.0 } else { top + 24.0 * s };
        c.text((left + right) / 2.0, y, 24.0, "middle", "#8a5a00", note);
    }
}

fn bars(c: &mut Canvas, chart: &Chart, band: f64, x_of: &dyn Fn(usize) -> f64, y_of: &dyn Fn(f64) -> f64) {
    let s = c.scale;
    let bar_series: Vec<&Series> = chart.series.iter().filter(|s| s.mark == Mark::Bar).collect();
    if bar_series.is_empty() {
        return;
    }
    let groups = if chart.stacked { 1 } else { bar_series.len() };
    let width = (band * 0.7 / groups as f64).min(140.0 * s);
    let group_width = width * groups as f64;
    let show_labels = chart.categories.len() <= 12 && !chart.stacked;
    let mut stack_top = vec![0.0; chart.categories.len()];
    for (k, series) in bar_series.iter().enumerate() {
        let col = color(series.color);
        for p in &series.points {
            let slot = if chart.stacked { 0 } else { k };
            let x = x_of(p.x) - group_width / 2.0 + width * slot as f64;
            let base = if chart.stacked { stack_top.get(p.x).copied().unwrap_or(0.0) } else { 0.0 };
            let (y0, y1) = (y_of(base), y_of(base + p.y));
            let (y, h) = (y0.min(y1), (y0 - y1).abs());
            let (opacity, dash) = match p.kind {
                PointKind::Actual | PointKind::Target => (1.0, ""),
                PointKind::Estimate => (0.55, r#" stroke-dasharray="6 4""#),
                PointKind::Derived => (0.35, r#" stroke-dasharray="3 3""#),
            };
            let _ = writeln!(
                c.out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{col}" fill-opacity="{opacity}" stroke="{col}" stroke-width="{:.1}"{dash}><title>{} {}（{}）</title></rect>"#,
                width * 0.92,
                1.5 * s,
                esc(&chart.categories.get(p.x).cloned().unwrap_or_default()),
                esc(&p.label),
                p.kind.label_zh()
            );
            if chart.stacked {
                if let Some(t) = stack_top.get_mut(p.x) {
                    *t += p.y;
                }
            }
            if show_labels && !p.label.is_empty() {
                let label_y = if p.y >= 0.0 { y - 8.0 * s } else { y + h + 22.0 * s };
                c.text(x + width * 0.46, label_y, 18.0, "middle", "#222222", &p.label);
            }
        }
    }
}

fn line_series(c: &mut Canvas, series: &Series, labels: bool, x_of: &dyn Fn(usize) -> f64, y_of: &dyn Fn(f64) -> f64) {
    let s = c.scale;
    let col = color(series.color);
    let pts: Vec<String> = series.points.iter().map(|p| format!("{:.1},{:.1}", x_of(p.x), y_of(p.y))).collect();
    let dash = if series.mark == Mark::DashedLine { format!(r#" stroke-dasharray="{:.1} {:.1}""#, 12.0 * s, 8.0 * s) } else { String::new() };
    let _ = writeln!(
        c.out,
        r#"<polyline points="{}" fill="none" stroke="{col}" stroke-width="{:.1}"{dash}/>"#,
        pts.join(" "),
        4.0 * s
    );
    for p in &series.points {
        let hollow = matches!(p.kind, PointKind::Estimate | PointKind::Derived);
        let fill = if hollow { "#ffffff" } else { col };
        let _ = writeln!(
            c.out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{fill}" stroke="{col}" stroke-width="{:.1}"><title>{}（{}）</title></circle>"#,
            x_of(p.x),
            y_of(p.y),
            7.0 * s,
            2.5 * s,
            esc(&p.label),
            p.kind.label_zh()
        );
        if labels && !p.label.is_empty() {
            c.text(x_of(p.x), y_of(p.y) - 18.0 * s, 18.0, "middle", "#222222", &p.label);
        }
    }
}

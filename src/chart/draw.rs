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
        c.text(w - 50.0 * s, h - 8.0 * t, 18.0 * t, Anchor::End, (0x66, 0x66, 0x66), "斜线或空心点：预计数；网格：推算数");
    }
}

/// About how wide `text` sets at `size`: a Chinese character a full em, Latin letters
/// and digits a little over half. Used to keep labels from running into each other.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.56 } else { 1.0 }).sum::<f64>() * size
}

/// Whether the categories run in order (years `2019年`, months), so that labelling every
/// other one still names them all to the reader; names of indicators do not.
fn is_sequence(categories: &[String]) -> bool {
    !categories.is_empty() && categories.iter().all(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// A label cut into lines no wider than `width` at `size`, at most `max_lines` (the last
/// ending in … if it had to be cut).
fn wrap_label(label: &str, size: f64, width: f64, max_lines: usize) -> Vec<String> {
    // As even as the lines can be (`规上工业 / 总产值`, not `规上工业总产 / 值`).
    let chars: Vec<char> = label.chars().collect();
    let k = (text_width(label, size) / width).ceil().max(1.0) as usize;
    if k > 1 && k <= max_lines {
        let per = chars.len().div_ceil(k);
        let even: Vec<String> = chars.chunks(per).map(|c| c.iter().collect()).collect();
        if even.iter().all(|l| text_width(l, size) <= width) {
            return even;
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for ch in label.chars() {
        let mut next = line.clone();
        next.push(ch);
        if !line.is_empty() && text_width(&next, size) > width {
            lines.push(std::mem::take(&mut line));
            line.push(ch);
        } else {
            line = next;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    lines
}

/// How the category labels are set: which to draw, in how many lines, at what size.
struct XLabels {
    size: f64,
    /// One entry per category: its lines (empty when skipped).
    lines: Vec<Vec<String>>,
    rows: usize,
}

/// Every category named, without overlap: all on one line when they fit; a run of years
/// labelled every k-th counting back from the last (the report's year is always named);
/// names wrapped onto up to three lines, smaller if need be.
fn x_labels(categories: &[String], band: f64, t: f64) -> XLabels {
    let gap = 12.0 * t;
    let room = (band - gap).max(10.0 * t);
    let mut size = 20.0 * t;
    let fits = |size: f64| categories.iter().all(|l| text_width(l, size) <= room);
    if fits(size) {
        return XLabels { size, lines: categories.iter().map(|l| vec![l.clone()]).collect(), rows: 1 };
    }
    if is_sequence(categories) {
        let widest = categories.iter().map(|l| text_width(l, size)).fold(0.0, f64::max);
        let every = ((widest + gap) / band).ceil().max(1.0) as usize;
        let n = categories.len();
        let lines = categories.iter().enumerate().map(|(i, l)| if (n - 1 - i).is_multiple_of(every) { vec![l.clone()] } else { Vec::new() }).collect();
        return XLabels { size, lines, rows: 1 };
    }
    loop {
        let lines: Vec<Vec<String>> = categories.iter().map(|l| wrap_label(l, size, room, 3)).collect();
        let cut = lines.iter().any(|ls| ls.last().is_some_and(|l| l.ends_with('…')));
        if !cut || size <= 14.0 * t {
            let rows = lines.iter().map(Vec::len).max().unwrap_or(1);
            return XLabels { size, lines, rows };
        }
        size -= 2.0 * t;
    }
}

/// Diagonal hatching inside a box (an estimate: `////`), crossed for a worked-out figure,
/// so that the two stay apart from an actual in black-and-white print.
fn hatch(c: &mut dyn Canvas, (x, y, w, h): (f64, f64, f64, f64), color: Rgb, step: f64, crossed: bool) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let width = (step / 6.0).max(0.5);
    // Lines x - y = d (rising to the right on screen, y down) for d across the box.
    let mut d = -h;
    while d < w {
        // Intersect u - v = d with 0 ≤ u ≤ w, 0 ≤ v ≤ h (u, v inside the box).
        let (u0, v0) = if d >= 0.0 { (d, 0.0) } else { (0.0, -d) };
        let (u1, v1) = if d + h <= w { (d + h, h) } else { (w, w - d) };
        if u1 > u0 {
            c.line((x + u0, y + h - v0), (x + u1, y + h - v1), color, width, false);
            if crossed {
                c.line((x + u0, y + v0), (x + u1, y + v1), color, width, false);
            }
        }
        d += step;
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
    let n = chart.categories.len().max(1);
    let band = (right - left) / n as f64;
    let labels = x_labels(&chart.categories, band, t);
    let plot_bottom = if with_x_labels { bottom - 18.0 * t - labels.rows as f64 * labels.size * 1.3 } else { bottom - 8.0 * s };
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
    let x_of = |i: usize| left + band * (i as f64 + 0.5);
    if with_x_labels {
        for (i, lines) in labels.lines.iter().enumerate() {
            for (row, line) in lines.iter().enumerate() {
                let y = plot_bottom + 12.0 * t + labels.size * (1.0 + 1.3 * row as f64);
                c.text(x_of(i), y, labels.size, Anchor::Middle, (0x33, 0x33, 0x33), line);
            }
        }
    }
    bars(c, chart, band, &x_of, &y_of, k);
    // Value labels on lines only where every one has room beside its neighbours.
    for series in chart.series.iter().filter(|s| s.mark != Mark::Bar) {
        let room = series.points.iter().all(|p| text_width(&p.label, 18.0 * t) + 8.0 * t <= band);
        line_series(c, series, room && series.mark == Mark::Line, &x_of, &y_of, k);
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
    // A bar's label is its value; a chart in % whose labels would not fit says the
    // percentage alone. Labels are drawn only when every one fits over its bar's slot.
    let label_size = 18.0 * t;
    let slot = band / groups as f64;
    let shown = |p: &super::Point| -> String {
        if text_width(&p.label, label_size) + 6.0 * t <= slot || chart.y.unit != "%" { p.label.clone() } else { format!("{}%", super::super::domain::format::trimmed(p.y, 1)) }
    };
    let show_labels = !chart.stacked && bar_series.iter().flat_map(|s| &s.points).all(|p| text_width(&shown(p), label_size) + 6.0 * t <= slot);
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
            if matches!(p.kind, PointKind::Estimate | PointKind::Derived) {
                hatch(c, (x, y, width * 0.92, h), col, 12.0 * s, p.kind == PointKind::Derived);
            }
            if chart.stacked
                && let Some(t) = stack_top.get_mut(p.x) {
                    *t += p.y;
                }
            if show_labels && !p.label.is_empty() {
                let label_y = if p.y >= 0.0 { y - 8.0 * t } else { y + h + 22.0 * t };
                c.text(x + width * 0.46, label_y, label_size, Anchor::Middle, (0x22, 0x22, 0x22), &shown(p));
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

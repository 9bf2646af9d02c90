//! Draws a chart description ([`crate::chart::Figure`]) with egui_plot. The same
//! description is drawn as SVG for export, so what the clerk sees is what they export.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, GridMark, Legend, Line, LineStyle, Plot, PlotPoints, Points};

use super::theme;
use crate::i18n::{tr, trf};
use crate::chart::{Chart, Figure, Mark, Point, PointKind, Series};

/// Font scale for presentation mode and for the normal page.
#[derive(Clone, Copy)]
pub struct PlotStyle {
    pub height: f32,
    pub text_scale: f32,
}

pub fn figure_ui(ui: &mut Ui, fig: &Figure, style: PlotStyle, id: &str) {
    let size = |base: f32| base * style.text_scale;
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(&fig.main.title).size(size(20.0)).strong());
        if !fig.main.subtitle.is_empty() {
            ui.label(RichText::new(&fig.main.subtitle).size(size(14.0)).color(ui.visuals().weak_text_color()));
        }
    });
    let group = egui::Id::unique((id, "link"));
    // What is left under the titles, less room for the notes and the lower title.
    let total = ui.available_height().min(style.height) - 40.0 * style.text_scale;
    let main_height = if fig.lower.is_some() { total * 0.66 } else { total };
    chart_ui(ui, &fig.main, main_height, style, &format!("{id}_main"), group);
    if let Some(lower) = &fig.lower {
        ui.vertical_centered(|ui| ui.label(RichText::new(&lower.title).size(size(14.0))));
        chart_ui(ui, lower, total - main_height - 24.0 * style.text_scale, style, &format!("{id}_lower"), group);
    }
    let marked = std::iter::once(&fig.main).chain(&fig.lower).flat_map(|c| &c.series).flat_map(|s| &s.points);
    if marked.clone().any(|p| matches!(p.kind, PointKind::Estimate | PointKind::Derived)) {
        ui.label(RichText::new(tr("chart.marked_note")).size(size(12.0)).color(ui.visuals().weak_text_color()));
    }
}

/// Category index under a plot x, if any.
fn category_at(chart: &Chart, x: f64) -> Option<usize> {
    let i = x.round();
    (i >= 0.0 && (x - i).abs() < 0.45 && (i as usize) < chart.categories.len()).then_some(i as usize)
}

/// What hovering a year shows: each series' value there, one line each. Drawn as an egui
/// tooltip (with its background, kept inside the window) rather than egui_plot's label,
/// which sat on the bars without a background and ran off the right edge.
fn tooltip_lines(chart: &Chart, x: f64) -> Vec<String> {
    let Some(x) = category_at(chart, x) else { return Vec::new() };
    chart.series.iter().filter_map(|s| s.points.iter().find(|p| p.x == x).map(|p| point_text(chart, s, p))).collect()
}

/// What hovering a point or bar shows: category, series, exact value, kind and source.
fn point_text(chart: &Chart, series: &Series, p: &Point) -> String {
    let category = chart.categories.get(p.x).map_or("", String::as_str);
    let kind = match p.kind {
        PointKind::Actual => tr("kind.actual"),
        PointKind::Estimate => tr("kind.estimate"),
        PointKind::Target => tr("kind.target"),
        PointKind::Derived => tr("mark.derived"),
    };
    if p.source.is_empty() {
        trf("chart.point", &[&category, &series.name, &p.label, &kind])
    } else {
        trf("chart.point_source", &[&category, &series.name, &p.label, &kind, &super::indicators::source_label(&p.source)])
    }
}

fn chart_ui(ui: &mut Ui, chart: &Chart, height: f32, style: PlotStyle, id: &str, group: egui::Id) {
    if let Some(note) = &chart.note {
        ui.vertical_centered(|ui| ui.label(RichText::new(note).color(theme::warning(ui)).size(14.0 * style.text_scale)));
    }
    if chart.is_empty() {
        // Keep the space so the page doesn't jump; the note above says why it is empty.
        ui.allocate_space(egui::vec2(ui.available_width(), height.min(120.0)));
        return;
    }
    let n = chart.categories.len();
    let categories = chart.categories.clone();
    let every = (n / 12).max(1);
    let unit = crate::i18n::unit(&chart.y.unit).to_owned();
    let decimals = chart.y.ticks.get(1).zip(chart.y.ticks.first()).map_or(0, |(b, a)| crate::chart::ticks::decimals_for(b.value - a.value));
    let plot = Plot::new(id)
        .height(height.max(80.0))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(-0.6)
        .include_x(n as f64 - 0.4)
        .include_y(chart.y.min)
        // Headroom above the tallest bar for its hover text.
        .include_y(chart.y.max + (chart.y.max - chart.y.min) * 0.08)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .x_grid_spacer(move |_| (0..n).step_by(every).map(|i| GridMark { value: i as f64, step_size: every as f64 }).collect())
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if i >= 0.0 && (i as usize) < categories.len() && (mark.value - i).abs() < 1e-6 { categories[i as usize].clone() } else { String::new() }
        })
        .y_axis_formatter(move |mark, _| crate::domain::format::grouped(mark.value, decimals))
        .y_axis_label(format!("（{unit}）"))
        // The same width for the axis of the main chart and of the YoY chart below it, so
        // that their years line up.
        .y_axis_min_width(84.0 * style.text_scale)
        .label_formatter(|_| None);
    let dark = ui.visuals().dark_mode;
    let shown = plot.show(ui, |plot_ui| {
        bars(plot_ui, chart, dark);
        for s in chart.series.iter().filter(|s| s.mark != Mark::Bar) {
            let color = theme::chart_color(s.color, dark);
            let pts: Vec<[f64; 2]> = s.points.iter().map(|p| [p.x as f64, p.y]).collect();
            let line_style = if s.mark == Mark::DashedLine { LineStyle::dashed_loose() } else { LineStyle::Solid };
            plot_ui.line(Line::new(s.name.clone(), PlotPoints::from(pts)).color(color).width(2.5 * style.text_scale).style(line_style));
            let (solid, hollow): (Vec<_>, Vec<_>) =
                s.points.iter().partition(|p| !matches!(p.kind, PointKind::Estimate | PointKind::Derived));
            for (group, filled) in [(solid, true), (hollow, false)] {
                let pts: Vec<[f64; 2]> = group.iter().map(|p| [p.x as f64, p.y]).collect();
                if !pts.is_empty() {
                    plot_ui.points(Points::new(s.name.clone(), PlotPoints::from(pts)).color(color).radius(4.0 * style.text_scale).filled(filled));
                }
            }
        }
    });
    if let Some(pointer) = shown.response.hover_pos() {
        let lines = tooltip_lines(chart, shown.transform.value_from_position(pointer).x);
        if !lines.is_empty() {
            shown.response.on_hover_ui_at_pointer(|ui| {
                for line in lines {
                    ui.label(RichText::new(line).size(13.0 * style.text_scale));
                }
            });
        }
    }
}

fn bars(plot_ui: &mut egui_plot::PlotUi<'_>, chart: &Chart, dark: bool) {
    let bar_series: Vec<_> = chart.series.iter().filter(|s| s.mark == Mark::Bar).collect();
    let groups = if chart.stacked { 1 } else { bar_series.len().max(1) };
    // Few categories would make very wide bars.
    let width = 0.7 / groups as f64 * if chart.categories.len() < 4 { 0.6 } else { 1.0 };
    let mut built: Vec<BarChart> = Vec::new();
    for (k, s) in bar_series.iter().enumerate() {
        let color = theme::chart_color(s.color, dark);
        // The group of bars is centred on its year's tick, whatever the width.
        let offset = if chart.stacked { 0.0 } else { width * (k as f64 + 0.5 - groups as f64 / 2.0) };
        let items: Vec<Bar> = s
            .points
            .iter()
            .map(|p| {
                let fill = match p.kind {
                    PointKind::Actual | PointKind::Target => color,
                    PointKind::Estimate => color.gamma_multiply(0.55),
                    PointKind::Derived => color.gamma_multiply(0.35),
                };
                Bar::new(p.x as f64 + offset, p.y).width(width * 0.92).fill(fill).stroke(egui::Stroke::new(1.0, color))
            })
            .collect();
        let mut chart_item = BarChart::new(s.name.clone(), items).color(color).element_formatter(Box::new(|_, _| String::new()));
        if chart.stacked {
            let below: Vec<&BarChart> = built.iter().collect();
            chart_item = chart_item.stack_on(&below);
        }
        built.push(chart_item);
    }
    for b in built {
        plot_ui.bar_chart(b);
    }
}

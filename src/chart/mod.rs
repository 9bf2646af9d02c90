//! One plain description of a chart ([`Figure`]), computed from domain data, so that the
//! screen, the exported image and the printed report show the same figure: egui_plot
//! draws it on screen (`ui::plot`), `draw` lays it out for SVG (then PNG through resvg)
//! and for the PDF report's vector charts. Nothing here knows about egui, so the
//! description itself is tested: its ticks, labels, unit scaling and values.

pub mod build;
pub mod draw;
pub mod png;
pub mod svg;
pub mod ticks;

use serde::{Deserialize, Serialize};

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Bar,
    Line,
    /// Targets and reference lines.
    DashedLine,
}

/// What a point stands for; estimates and derived figures look different from actuals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PointKind {
    Actual,
    Estimate,
    Target,
    /// Worked out rather than reported (back-computed, or computed YoY).
    Derived,
}

impl PointKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Actual => "实际",
            Self::Estimate => "预计",
            Self::Target => "目标",
            Self::Derived => "推算",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Index into [`Chart::categories`].
    pub x: usize,
    /// In the chart's display unit (after scaling).
    pub y: f64,
    pub kind: PointKind,
    /// The value as text with its unit, for tooltips and bar labels: `15.20亿元`.
    pub label: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub mark: Mark,
    pub points: Vec<Point>,
    /// Palette slot; renderers map it to a colour of their theme.
    pub color: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The display unit, shown in the axis title: `亿元`, `%`.
    pub unit: String,
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<Tick>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    /// X labels, one per category: `2020年`, `2020年1-6月`, a park or a status.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub y: Axis,
    /// Bars of different series stack instead of standing side by side.
    pub stacked: bool,
    /// Shown instead of (or under) the chart: empty or one-point series, conversions.
    pub note: Option<String>,
}

impl Chart {
    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }
}

/// A main chart and an optional linked chart below it with the same x axis (YoY).
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub main: Chart,
    pub lower: Option<Chart>,
}

//! The chart description, checked against the sample data, and the exported images.

use parkledger::chart::build::{Breakdown, ChartChoice, ChartData, figure};
use parkledger::chart::ticks::{axis, display_unit};
use parkledger::chart::{Figure, Mark, PointKind, png, svg};
use parkledger::domain::value::ValueSet;
use parkledger::store::Store;

use crate::common::{park_id, sample_db};

fn build(store: &Store, park: &str, choice: &ChartChoice) -> Figure {
    let id = park_id(store, park);
    let indicators = store.indicators().unwrap();
    let values = ValueSet::new(store.values_for_park(id).unwrap());
    let projects = store.projects_of_park(id).unwrap();
    let all = store.values_by_park().unwrap();
    let data = ChartData { park_name: park, indicators: &indicators, values: &values, projects: &projects, all_parks: &all };
    figure(choice, &data)
}

fn series(indicator: &str) -> ChartChoice {
    ChartChoice::TimeSeries { indicator: indicator.into(), span: (1, 12), mark: Mark::Bar, from: None, to: None }
}

#[test]
fn ticks_are_round_and_years_are_whole() {
    let a = axis(0.0, 56.8, "亿元", true);
    let labels: Vec<_> = a.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0", "10", "20", "30", "40", "50", "60"]);
    let small = axis(0.0, 0.26, "亿元", true);
    assert!(small.ticks.iter().all(|t| t.label.len() <= 4), "{:?}", small.ticks);
    assert_eq!(display_unit("万元", 200_000.0), (1e4, "亿元".to_owned()));
    assert_eq!(display_unit("万元", 8_000.0), (1.0, "万元".to_owned()));

    let (_db, store) = sample_db();
    let fig = build(&store, "示例园区（虚构数据）", &series("规上工业总产值"));
    let years: Vec<String> = (2015..=2024).map(|y| format!("{y}年")).collect();
    assert_eq!(fig.main.categories, years, "one whole year per category, never 2017.5");
    assert_eq!(fig.main.y.unit, "亿元");
    let actual = &fig.main.series[0];
    assert_eq!(actual.points.len(), 10);
    assert_eq!(actual.points[0].label, "42.00亿元");
    let target = fig.main.series.iter().find(|s| s.mark == Mark::DashedLine).expect("target as a dashed line");
    assert_eq!(target.points.len(), 10);
    let yoy = fig.lower.as_ref().expect("a linked YoY chart");
    assert_eq!(yoy.categories, fig.main.categories, "same x axis");
    let dip = yoy.series[0].points.iter().find(|p| yoy.categories[p.x] == "2020年").unwrap();
    assert!(dip.y < 0.0, "the fictional 2020 dip shows as a fall");
}

#[test]
fn zhengyang_output_compares_with_the_derived_year() {
    let (_db, store) = sample_db();
    let fig = build(&store, "正阳工业园区", &series("规上工业总产值"));
    assert_eq!(fig.main.categories, ["2020年", "2021年"]);
    let pts = &fig.main.series[0].points;
    assert_eq!(pts[0].kind, PointKind::Derived, "2020 is worked back and marked");
    assert_eq!(pts[1].kind, PointKind::Estimate, "2021 is the 预计 figure");
    assert_eq!(pts[1].label, "56.80亿元");
    let yoy = &fig.lower.unwrap().series[0].points[0];
    assert_eq!((yoy.y, yoy.label.as_str()), (30.5, "30.5%"));
}

#[test]
fn sparse_and_empty_series_say_so() {
    let (_db, store) = sample_db();
    let one = build(&store, "奈曼旗工业园区", &series("土地平整"));
    assert!(one.main.note.as_deref().unwrap_or("").contains("只有一个数据点"), "{:?}", one.main.note);
    let none = build(&store, "奈曼旗工业园区", &series("出口创汇"));
    assert!(none.main.is_empty());
    assert!(none.main.note.as_deref().unwrap_or("").contains("暂无数据"));
}

#[test]
fn investment_and_output_together() {
    let (_db, store) = sample_db();
    let fig = build(&store, "示例园区（虚构数据）", &ChartChoice::InvestmentOutput { span: (1, 12) });
    let names: Vec<_> = fig.main.series.iter().map(|s| (s.name.as_str(), s.mark)).collect();
    assert_eq!(names, [("固定资产投资", Mark::Bar), ("工业投资", Mark::Bar), ("规上工业总产值", Mark::Line)]);
    assert_eq!(fig.main.categories.len(), 10);
    let zy = build(&store, "正阳工业园区", &ChartChoice::InvestmentOutput { span: (1, 12) });
    let fai = zy.main.series.iter().find(|s| s.name == "固定资产投资").unwrap();
    assert_eq!(fai.points.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["16.45亿元", "20.66亿元"]);
}

#[test]
fn ledger_and_target_charts_come_from_the_data() {
    let (_db, store) = sample_db();
    let fig = build(&store, "XX县工业区", &ChartChoice::Projects(Breakdown::Status));
    let total: f64 = fig.main.series[0].points.iter().map(|p| p.y).sum();
    assert_eq!(total, 19.0);
    let signed = fig.main.categories.iter().position(|c| c == "签约").unwrap();
    assert_eq!(fig.main.series[0].points[signed].y, 7.0, "the seven fastener projects");

    let fig = build(&store, "正阳工业园区", &ChartChoice::TargetVsActual { year: 2021 });
    let i = fig.main.categories.iter().position(|c| c == "公共财政收入").expect("public revenue has a target");
    let bar = &fig.main.series[0].points[i];
    assert_eq!(format!("{:.1}", bar.y), "100.5");
    assert!(bar.label.contains("7.78亿元") && bar.label.contains("目标7.74亿元"), "{}", bar.label);

    let cmp = build(&store, "正阳工业园区", &ChartChoice::ParkComparison { indicator: "规上工业总产值".into(), year: 2021, span: (1, 12) });
    assert!(cmp.main.categories.contains(&"正阳工业园区".to_owned()));
    assert!(cmp.main.categories.contains(&"示例园区（虚构数据）".to_owned()));
}

#[test]
fn svg_keeps_the_chinese_title_and_png_is_drawn() {
    let (_db, store) = sample_db();
    let fig = build(&store, "示例园区（虚构数据）", &ChartChoice::InvestmentOutput { span: (1, 12) });
    let doc = svg::figure_svg(&fig, 1920, 1080);
    assert!(doc.contains(">固定资产投资与规上工业总产值</text>"));
    let tree = resvg::usvg::Tree::from_str(&doc, &resvg::usvg::Options::default()).expect("the SVG parses");
    assert_eq!(tree.size().width(), 1920.0);
    let pixmap = png::rasterize(&doc, 1920, 1080).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1920, 1080));
    let white = pixmap.pixels().iter().filter(|p| p.red() == 255 && p.green() == 255 && p.blue() == 255).count();
    let total = pixmap.pixels().len();
    assert!(white < total * 97 / 100, "the chart draws something: {white} of {total} pixels are background");
}

/// A canvas that keeps each text's box and each line, to check a layout.
#[derive(Default)]
struct Recorder {
    texts: Vec<(f64, f64, f64, f64, String)>,
    lines: Vec<((f64, f64), (f64, f64))>,
}

impl parkledger::chart::draw::Canvas for Recorder {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: parkledger::chart::draw::Anchor, _color: parkledger::chart::draw::Rgb, text: &str) {
        use parkledger::chart::draw::{Anchor, text_width};
        let w = text_width(text, size);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        // `y` is the baseline: the box is the em above it.
        self.texts.push((left, y - size * 0.88, w, size, text.to_owned()));
    }
    fn line(&mut self, from: (f64, f64), to: (f64, f64), _color: parkledger::chart::draw::Rgb, _width: f64, _dashed: bool) {
        self.lines.push((from, to));
    }
    fn rect(&mut self, _x: f64, _y: f64, _w: f64, _h: f64, _color: parkledger::chart::draw::Rgb, _l: f64, _d: bool, _t: &str) {}
    fn polyline(&mut self, _p: &[(f64, f64)], _color: parkledger::chart::draw::Rgb, _width: f64, _dashed: bool) {}
    fn dot(&mut self, _x: f64, _y: f64, _r: f64, _color: parkledger::chart::draw::Rgb, _hollow: bool, _t: &str) {}
}

/// The target-completion chart as a report prints it (156 mm wide, type enlarged 1.8×):
/// no two labels overlap, and every indicator is named under its bar.
#[test]
fn the_target_chart_names_every_category_and_no_labels_overlap() {
    let (_db, store) = sample_db();
    let fig = build(&store, "示例园区（虚构数据）", &ChartChoice::TargetVsActual { year: 2024 });
    assert!(fig.main.categories.len() >= 5, "a chart with many categories: {:?}", fig.main.categories);
    // As the 公文 and brief layouts draw it (960 units wide), and as an exported image.
    for (w, h) in [(960.0, 595.0), (960.0, 537.0), (1920.0, 1080.0)] {
        let mut r = Recorder::default();
        parkledger::chart::draw::draw_figure(&mut r, &fig, w, h, 1.8);
        for (i, a) in r.texts.iter().enumerate() {
            for b in &r.texts[i + 1..] {
                let apart = a.0 + a.2 <= b.0 + 0.5 || b.0 + b.2 <= a.0 + 0.5 || a.1 + a.3 <= b.1 + 0.5 || b.1 + b.3 <= a.1 + 0.5;
                assert!(apart, "at {w}×{h}, “{}” overlaps “{}”", a.4, b.4);
            }
        }
        let printed: String = r.texts.iter().map(|t| t.4.as_str()).collect();
        for c in &fig.main.categories {
            assert!(printed.contains(c.as_str()) || r.texts.windows(2).any(|p| format!("{}{}", p[0].4, p[1].4) == *c), "at {w}×{h}, {c} is named");
        }
    }
}

/// A run of years is labelled so that the report's own year, the last, always is.
#[test]
fn the_last_year_is_always_labelled() {
    let (_db, store) = sample_db();
    let fig = build(&store, "示例园区（虚构数据）", &ChartChoice::InvestmentOutput { span: (1, 12) });
    let last = fig.main.categories.last().unwrap().clone();
    let mut r = Recorder::default();
    parkledger::chart::draw::draw_figure(&mut r, &fig, 500.0, 300.0, 1.8);
    assert!(r.texts.iter().any(|t| t.4 == last), "{last} is labelled at a small size");
}

/// An estimate's bar is hatched and a worked-back one cross-hatched, so they stay apart
/// from actuals in black-and-white print, not only by a lighter colour.
#[test]
fn estimates_and_worked_back_bars_are_hatched() {
    let (_db, store) = sample_db();
    let fig = build(&store, "正阳工业园区", &ChartChoice::InvestmentOutput { span: (1, 12) });
    let kinds: Vec<PointKind> = fig.main.series.iter().filter(|s| s.mark == Mark::Bar).flat_map(|s| s.points.iter().map(|p| p.kind)).collect();
    assert!(kinds.contains(&PointKind::Estimate) && kinds.contains(&PointKind::Derived), "{kinds:?}");
    let mut r = Recorder::default();
    parkledger::chart::draw::draw_figure(&mut r, &fig, 960.0, 595.0, 1.8);
    let slanted = r.lines.iter().filter(|(a, b)| (a.0 - b.0).abs() > 0.1 && (a.1 - b.1).abs() > 0.1).count();
    assert!(slanted >= 8, "hatching lines drawn: {slanted}");
}

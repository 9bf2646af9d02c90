//! 图表 page: pick a chart and its settings, see it drawn from the cached figure, export
//! it (PNG, SVG, clipboard), and keep a presentation deck for the park. Presentation
//! mode shows the deck full screen, stepped with the arrow keys or PageUp/PageDown.

use egui::{Key, RichText, Ui};

use super::plot::{PlotStyle, figure_ui};
use super::widgets;
use crate::app::charts::ChartsAction;
use crate::app::{Actions, App, Cache};
use crate::chart::build::{Breakdown, ChartChoice, INDUSTRIAL_INVESTMENT, INVESTMENT, OUTPUT};
use crate::chart::{Figure, Mark};
use crate::domain::period::COMMON_SPANS;
use crate::i18n::{is_english, tr, trf};

/// The chart kinds offered, in menu order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    TimeSeries,
    InvestmentOutput,
    ParkComparison,
    ProjectsByStatus,
    ProjectsByChain,
    ProjectsByLevel,
    ProjectInvestment,
    TargetVsActual,
}

const KINDS: [(ChartKind, &str); 8] = [
    (ChartKind::TimeSeries, "chart.kind.time_series"),
    (ChartKind::InvestmentOutput, "chart.kind.investment_output"),
    (ChartKind::ParkComparison, "chart.kind.park_comparison"),
    (ChartKind::ProjectsByStatus, "chart.kind.by_status"),
    (ChartKind::ProjectsByChain, "chart.kind.by_chain"),
    (ChartKind::ProjectsByLevel, "chart.kind.by_level"),
    (ChartKind::ProjectInvestment, "chart.kind.project_investment"),
    (ChartKind::TargetVsActual, "chart.kind.target_actual"),
];

pub struct ChartsPage {
    pub kind: ChartKind,
    pub indicator: String,
    pub span: (u8, u8),
    pub mark: Mark,
    pub year: Option<i32>,
    pub export_width: u32,
    pub export_height: u32,
    /// Where to export when the desktop has no file dialog.
    pub export_path: widgets::PathEntry,
}

impl Default for ChartsPage {
    fn default() -> Self {
        Self {
            kind: ChartKind::InvestmentOutput,
            indicator: OUTPUT.to_owned(),
            span: (1, 12),
            mark: Mark::Bar,
            year: None,
            export_width: 1920,
            export_height: 1080,
            export_path: widgets::PathEntry::default(),
        }
    }
}

impl ChartsPage {
    /// Shows one indicator's time series (the chart button beside a grid row).
    pub fn show_indicator(&mut self, indicator: &str, span: (u8, u8)) {
        self.kind = ChartKind::TimeSeries;
        self.indicator = indicator.to_owned();
        self.span = span;
    }

    pub fn choice(&self, cache: &Cache) -> ChartChoice {
        let year = self.year.unwrap_or_else(|| cache.latest_year());
        match self.kind {
            ChartKind::TimeSeries => ChartChoice::TimeSeries { indicator: self.indicator.clone(), span: self.span, mark: self.mark, from: None, to: None },
            ChartKind::InvestmentOutput => ChartChoice::InvestmentOutput { span: self.span },
            ChartKind::ParkComparison => ChartChoice::ParkComparison { indicator: self.indicator.clone(), year, span: self.span },
            ChartKind::ProjectsByStatus => ChartChoice::Projects(Breakdown::Status),
            ChartKind::ProjectsByChain => ChartChoice::Projects(Breakdown::Chain),
            ChartKind::ProjectsByLevel => ChartChoice::Projects(Breakdown::Level),
            ChartKind::ProjectInvestment => ChartChoice::ProjectInvestment,
            ChartKind::TargetVsActual => ChartChoice::TargetVsActual { year },
        }
    }
}


pub fn charts_ui(ui: &mut Ui, app: &App, page: &mut ChartsPage, actions: &mut Actions) {
    let cache = &app.cache;
    if cache.park().is_none() {
        ui.label(tr("park.empty_hint"));
        return;
    }
    ui.horizontal_wrapped(|ui| controls_ui(ui, cache, page));
    let choice = page.choice(cache);
    // Built once per choice and change of data; a chart that cannot be built is not
    // asked for again every frame.
    if app.charts.chart.wants(&choice) {
        actions.push(ChartsAction::SetChart(choice.clone()));
    }
    ui.horizontal_wrapped(|ui| export_ui(ui, page, &choice, app, actions));
    if let Some((_, path)) = page.export_path.fallback_ui(ui, tr("chart.export_here")) {
        let size = (page.export_width, page.export_height);
        actions.push(ChartsAction::ExportChart { path, size });
    }
    ui.separator();
    deck_ui(ui, &app.charts.deck, actions);
    ui.separator();
    match app.charts.chart.get(&choice) {
        Some(Ok(fig)) => {
            let height = ui.available_height().max(240.0);
            figure_ui(ui, fig, PlotStyle { height, text_scale: 1.0 }, "charts_page");
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(super::theme::error(ui)));
        }
        None => {}
    }
}

fn controls_ui(ui: &mut Ui, cache: &Cache, page: &mut ChartsPage) {
    widgets::combo(ui, tr("chart.kind"), &mut page.kind, KINDS.iter().map(|(k, _)| *k), |k| {
        KINDS.iter().find(|(kk, _)| *kk == k).map_or("", |(_, key)| tr(key)).to_owned()
    });
    if matches!(page.kind, ChartKind::TimeSeries | ChartKind::ParkComparison) {
        ui.label(tr("chart.indicator"));
        egui::ComboBox::from_id_salt("chart_indicator")
            .selected_text(&page.indicator)
            .height(480.0)
            .show_ui(ui, |ui| {
                for ind in &cache.indicators {
                    ui.selectable_value(&mut page.indicator, ind.name_zh.clone(), ind.name(is_english()));
                }
            })
            .response
            .accessible_name(tr("chart.indicator"));
    }
    if matches!(page.kind, ChartKind::TimeSeries | ChartKind::InvestmentOutput | ChartKind::ParkComparison) {
        widgets::combo(ui, tr("grid.span"), &mut page.span, COMMON_SPANS, widgets::span_label);
    }
    if page.kind == ChartKind::TimeSeries {
        widgets::combo(ui, tr("chart.mark"), &mut page.mark, [Mark::Bar, Mark::Line], |m| {
            tr(if m == Mark::Bar { "chart.mark_bar" } else { "chart.mark_line" }).to_owned()
        });
    }
    if matches!(page.kind, ChartKind::ParkComparison | ChartKind::TargetVsActual) {
        let mut year = page.year.unwrap_or_else(|| cache.latest_year());
        ui.label(tr("grid.year"));
        if ui.add(egui::DragValue::new(&mut year).range(1949..=2100)).accessible_name(tr("grid.year")).changed() {
            page.year = Some(year);
        }
    }
    if page.kind == ChartKind::InvestmentOutput {
        // The catalogue's own names, in the window's language.
        let name = |n: &str| cache.indicators.iter().find(|i| i.name_zh == n).map_or(n.to_owned(), |i| i.name(is_english()).to_owned());
        ui.label(RichText::new(trf("chart.investment_output_hint", &[&name(INVESTMENT), &name(INDUSTRIAL_INVESTMENT), &name(OUTPUT)])).small());
    }
}

fn export_ui(ui: &mut Ui, page: &mut ChartsPage, choice: &ChartChoice, app: &App, actions: &mut Actions) {
    ui.label(tr("chart.export_size"));
    ui.add(egui::DragValue::new(&mut page.export_width).range(640..=7680).suffix(" px")).accessible_name(tr("chart.export_width"));
    ui.label("×");
    ui.add(egui::DragValue::new(&mut page.export_height).range(360..=4320).suffix(" px")).accessible_name(tr("chart.export_height"));
    let size = (page.export_width, page.export_height);
    let name = app.charts.chart.value().map_or_else(|| "chart".to_owned(), |f| format!("{}{}", f.main.subtitle, f.main.title));
    for (which, (key, ext)) in [("chart.export_png", "png"), ("chart.export_svg", "svg")].into_iter().enumerate() {
        if ui.button(tr(key)).clicked() {
            let file = format!("{name}.{ext}");
            let picked = page.export_path.dialog(which, &file, || rfd::FileDialog::new().add_filter(ext.to_uppercase(), &[ext]).set_file_name(&file).save_file());
            if let Some(path) = picked {
                actions.push(ChartsAction::ExportChart { path, size });
            }
        }
    }
    if ui.button(tr("chart.copy")).clicked() {
        actions.push(ChartsAction::CopyChart { size });
    }
    if ui.button(tr("chart.add_to_deck")).clicked() {
        actions.push(ChartsAction::AddToDeck(choice.clone()));
    }
}

fn deck_ui(ui: &mut Ui, deck: &[ChartChoice], actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(trf("chart.deck", &[&deck.len()])).strong());
        for (i, choice) in deck.iter().enumerate() {
            let label = deck_label(choice);
            if ui.small_button(format!("{} {label} ×", i + 1)).on_hover_text(tr("chart.deck_remove")).clicked() {
                actions.push(ChartsAction::RemoveFromDeck(i));
            }
        }
        if ui.add_enabled(!deck.is_empty(), egui::Button::new(tr("chart.present"))).clicked() {
            actions.push(ChartsAction::StartPresentation);
        }
    });
}

fn deck_label(choice: &ChartChoice) -> String {
    match choice {
        ChartChoice::TimeSeries { indicator, .. } => indicator.clone(),
        ChartChoice::InvestmentOutput { .. } => tr("chart.kind.investment_output").to_owned(),
        ChartChoice::ParkComparison { indicator, .. } => format!("{}{indicator}", tr("chart.compare_prefix")),
        ChartChoice::Projects(Breakdown::Status) => tr("chart.kind.by_status").to_owned(),
        ChartChoice::Projects(Breakdown::Chain) => tr("chart.kind.by_chain").to_owned(),
        ChartChoice::Projects(Breakdown::Level) => tr("chart.kind.by_level").to_owned(),
        ChartChoice::ProjectInvestment => tr("chart.kind.project_investment").to_owned(),
        ChartChoice::TargetVsActual { year } => format!("{year} {}", tr("chart.kind.target_actual")),
    }
}

/// A running presentation: the deck's figures, built once when it starts.
pub struct Presentation {
    pub figures: Vec<Figure>,
    pub index: usize,
}

/// Full-screen deck. Returns false when the user leaves (Esc).
pub fn presentation_ui(ui: &mut Ui, show: &mut Presentation) -> bool {
    let (next, prev, leave) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::PageDown) || i.key_pressed(Key::Space),
            i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp),
            i.key_pressed(Key::Escape),
        )
    });
    let n = show.figures.len();
    if next && show.index + 1 < n {
        show.index += 1;
    }
    if prev && show.index > 0 {
        show.index -= 1;
    }
    egui::CentralPanel::default().show(ui, |ui| {
        // Large type for the room: axis ticks and legend grow with the titles.
        for font in ui.style_mut().text_styles.values_mut() {
            font.size *= 1.6;
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new(trf("chart.slide_of", &[&(show.index + 1), &n])).color(ui.visuals().weak_text_color()));
            ui.label(RichText::new(tr("chart.present_keys")).small().color(ui.visuals().weak_text_color()));
        });
        if let Some(fig) = show.figures.get(show.index) {
            let height = ui.available_height() - 8.0;
            figure_ui(ui, fig, PlotStyle { height, text_scale: 1.6 }, "presentation");
        }
    });
    !leave
}

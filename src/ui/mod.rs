//! The pages and the frame around them. Every function here reads the app's cache and
//! pushes [`Action`]s; none of them writes data. One file per page.

pub mod charts;
pub mod extract;
pub mod fonts;
pub mod import;
pub mod indicators;
pub mod ledger;
pub mod parks;
pub mod plot;
pub mod report;
mod project_form;
pub mod settings;
pub mod theme;
pub mod widgets;

use std::path::Path;

use crate::app::{Action, Cache, Page, Prefs, Status};
use crate::i18n::tr;

/// Runtime state of each page (selections, drafts, open dialogs).
#[derive(Default)]
pub struct PageStates {
    pub parks: parks::ParksPage,
    pub indicators: indicators::IndicatorsPage,
    pub ledger: ledger::LedgerPage,
    pub settings: settings::SettingsPage,
    pub charts: charts::ChartsPage,
    pub report: report::ReportPage,
    pub import: import::ImportPage,
    /// Set while presentation mode runs.
    pub presentation: Option<charts::Presentation>,
}

impl PageStates {
    /// Forgets selections and drafts that belong to the previous park.
    pub fn park_changed(&mut self) {
        self.indicators.cell_errors.clear();
        self.indicators.drafts.clear();
        self.ledger.select(None);
        self.parks.draft = None;
        self.report.reload();
    }
}

pub fn app_ui(
    ui: &mut egui::Ui,
    cache: &Cache,
    pages: &mut PageStates,
    prefs: &mut Prefs,
    status: &Status,
    db_path: &Path,
    actions: &mut Vec<Action>,
) {
    if let Some(show) = &mut pages.presentation {
        if !charts::presentation_ui(ui, show) {
            actions.push(Action::StopPresentation);
        }
        return;
    }
    egui::Panel::top("top_bar").show(ui, |ui| top_bar_ui(ui, cache, prefs, actions));
    egui::Panel::bottom("status_line").show(ui, |ui| status_ui(ui, status));
    egui::CentralPanel::default().show(ui, |ui| match prefs.page {
        Page::Parks => parks::parks_ui(ui, cache, &mut pages.parks, actions),
        Page::Indicators => indicators::indicators_ui(ui, cache, &mut pages.indicators, actions),
        Page::Ledger => ledger::ledger_ui(ui, cache, &mut pages.ledger, actions),
        Page::Charts => charts::charts_ui(ui, cache, &mut pages.charts, actions),
        Page::Report => report::report_ui(ui, cache, &mut pages.report, actions),
        Page::Import => import::import_ui(ui, cache, &mut pages.import, actions),
        Page::Settings => settings::settings_ui(ui, cache, &mut pages.settings, prefs, db_path, actions),
    });
}

fn top_bar_ui(ui: &mut egui::Ui, cache: &Cache, prefs: &mut Prefs, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.heading(tr("app.title"));
        ui.separator();
        for (page, key) in [
            (Page::Indicators, "page.indicators"),
            (Page::Ledger, "page.ledger"),
            (Page::Charts, "page.charts"),
            (Page::Report, "page.report"),
            (Page::Import, "page.import"),
            (Page::Parks, "page.parks"),
            (Page::Settings, "page.settings"),
        ] {
            ui.selectable_value(&mut prefs.page, page, tr(key));
        }
        ui.separator();
        park_picker_ui(ui, cache, actions);
    });
}

fn park_picker_ui(ui: &mut egui::Ui, cache: &Cache, actions: &mut Vec<Action>) {
    let current = cache.park().map_or(tr("park.none"), |p| p.name.as_str());
    ui.label(tr("park.current"));
    egui::ComboBox::from_id_salt("park_picker")
        .selected_text(current)
        .width(260.0)
        .show_ui(ui, |ui| {
            for p in &cache.parks {
                if ui.selectable_label(cache.park_id == Some(p.id), &p.name).clicked() {
                    actions.push(Action::SelectPark(p.id));
                }
            }
        })
        .response
        .accessible_name(tr("park.current"));
}

fn status_ui(ui: &mut egui::Ui, status: &Status) {
    ui.horizontal(|ui| {
        let text = egui::RichText::new(&status.text);
        if status.is_error {
            ui.label(text.color(theme::error(ui)));
        } else {
            ui.label(text);
        }
    });
}

/// Shown instead of the app when the database cannot be opened.
pub struct StartupError {
    pub message: String,
}

impl eframe::App for StartupError {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(tr("startup.error_title"));
            ui.add_space(theme::GAP);
            ui.label(egui::RichText::new(&self.message).color(theme::error(ui)));
            ui.add_space(theme::GAP);
            ui.label(tr("startup.error_hint"));
            if ui.button(tr("action.close")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }
}

//! The pages and the frame around them. Every function here reads the app's cache and
//! pushes [`Action`]s; none of them writes data. One file per page.

pub mod charts;
pub mod extract;
pub mod fonts;
pub mod history;
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
use crate::i18n::{tr, trf};

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
    pub history: history::HistoryPage,
    /// Set while presentation mode runs.
    pub presentation: Option<charts::Presentation>,
}

impl PageStates {
    /// After an undo, redo or restore: drafts typed over the old data are stale.
    pub fn after_reload(&mut self) {
        self.indicators.cell_errors.clear();
        self.indicators.drafts.clear();
        self.parks.draft = None;
        self.report.reload();
    }

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
    undo_shortcuts(ui.ctx(), actions);
    egui::Panel::top("top_bar").show(ui, |ui| top_bar_ui(ui, cache, prefs, actions));
    egui::Panel::bottom("status_line").show(ui, |ui| status_ui(ui, status));
    egui::CentralPanel::default().show(ui, |ui| match prefs.page {
        Page::Parks => parks::parks_ui(ui, cache, &mut pages.parks, actions),
        Page::Indicators => indicators::indicators_ui(ui, cache, &mut pages.indicators, actions),
        Page::Ledger => ledger::ledger_ui(ui, cache, &mut pages.ledger, actions),
        Page::Charts => charts::charts_ui(ui, cache, &mut pages.charts, actions),
        Page::Report => report::report_ui(ui, cache, &mut pages.report, actions),
        Page::Import => import::import_ui(ui, cache, &mut pages.import, actions),
        Page::History => history::history_ui(ui, cache, &mut pages.history, actions),
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
            (Page::History, "page.history"),
            (Page::Settings, "page.settings"),
        ] {
            ui.selectable_value(&mut prefs.page, page, tr(key));
        }
        ui.separator();
        park_picker_ui(ui, cache, actions);
        ui.separator();
        let undo = ui.add_enabled(cache.undo.is_some(), egui::Button::new(tr("history.undo")));
        let undo = match &cache.undo {
            Some(g) => undo.on_hover_text(trf("history.undo_what", &[&g.label])),
            None => undo,
        };
        if undo.clicked() {
            actions.push(Action::Undo);
        }
        let redo = ui.add_enabled(cache.redo.is_some(), egui::Button::new(tr("history.redo")));
        let redo = match &cache.redo {
            Some(g) => redo.on_hover_text(trf("history.redo_what", &[&g.label])),
            None => redo,
        };
        if redo.clicked() {
            actions.push(Action::Redo);
        }
    });
}

/// Ctrl+Z undoes; Ctrl+Y and Ctrl+Shift+Z redo. While a text field has the focus, the
/// keys belong to it (its own typing undo).
fn undo_shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
    if ctx.memory(|m| m.focused().is_some()) {
        return;
    }
    use egui::{Key, KeyboardShortcut, Modifiers};
    let redo_shift = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
    let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
    ctx.input_mut(|i| {
        // The longer shortcut first: Ctrl+Shift+Z also matches Ctrl+Z loosely.
        if i.consume_shortcut(&redo_shift) || i.consume_shortcut(&redo_y) {
            actions.push(Action::Redo);
        } else if i.consume_shortcut(&undo) {
            actions.push(Action::Undo);
        }
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

/// Shown instead of the app when the database cannot be opened. When a backup exists it
/// offers the newest: the damaged file is moved aside (never deleted) and the backup
/// copied in its place.
pub struct StartupError {
    pub message: String,
    pub db_path: Option<std::path::PathBuf>,
    pub backup_dir: std::path::PathBuf,
    pub backup: Option<crate::store::backup::BackupInfo>,
    /// What the recovery did, or why it failed.
    pub outcome: Option<Result<String, String>>,
}

impl StartupError {
    pub fn new(message: String, db_path: Option<std::path::PathBuf>, backup_dir: std::path::PathBuf) -> Self {
        let backup = crate::store::backup::newest_usable(&backup_dir);
        Self { message, db_path, backup_dir, backup, outcome: None }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        ui.heading(tr("startup.error_title"));
        ui.add_space(theme::GAP);
        ui.label(egui::RichText::new(&self.message).color(theme::error(ui)));
        ui.add_space(theme::GAP);
        ui.label(tr("startup.error_hint"));
        ui.add_space(theme::GAP);
        match (&self.outcome, &self.backup, &self.db_path) {
            (Some(Ok(done)), _, Some(db)) => {
                ui.label(egui::RichText::new(done).color(theme::ok(ui)));
                if ui.button(tr("startup.reopen")).clicked() {
                    if let Ok(exe) = std::env::current_exe() {
                        let _ = std::process::Command::new(exe).arg("--db").arg(db).spawn();
                    }
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            (outcome, Some(b), Some(db)) => {
                if let Some(Err(e)) = outcome {
                    ui.label(egui::RichText::new(e).color(theme::error(ui)));
                }
                let counts = b.counts.map(|[p, _, v, j]| trf("backup.counts", &[&p, &v, &j])).unwrap_or_default();
                if ui.button(trf("startup.recover", &[&b.taken, &counts])).clicked() {
                    self.outcome = Some(match crate::store::backup::recover(db, &b.path) {
                        Ok(aside) => Ok(trf("startup.recovered", &[&b.taken, &aside.display()])),
                        Err(e) => Err(format!("{e:#}")),
                    });
                }
            }
            _ => {
                ui.label(trf("startup.no_backup", &[&self.backup_dir.display()]));
            }
        }
        ui.add_space(theme::GAP);
        if ui.button(tr("action.close")).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for StartupError {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| StartupError::ui(self, ui));
    }
}

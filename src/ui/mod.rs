//! The pages and the frame around them. Every page reads the [`App`] and pushes
//! actions; none of them writes data, and nothing in `app` reaches back here: what a page
//! must do after an action comes as an [`Event`] (see [`PageStates::on_event`]). One
//! file per page; `window` is the eframe application that joins the two, `startup` the
//! window shown when the database cannot be opened.

pub mod charts;
pub mod county;
pub mod extract;
pub mod history;
pub mod import;
pub mod indicators;
pub mod ledger;
pub mod parks;
pub mod plot;
mod project_form;
pub mod report;
mod report_parts;
pub mod settings;
pub mod startup;
pub mod theme;
pub mod widgets;
pub mod window;

use crate::app::history::HistoryAction;
use crate::app::parks::ParksAction;
use crate::app::{Actions, App, Cache, Event, Page, Status};
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
    pub county: county::CountyPage,
    pub history: history::HistoryPage,
    /// Set while presentation mode runs.
    pub presentation: Option<charts::Presentation>,
}

impl PageStates {
    /// Does what an action asked of the pages. Returns a line for the status bar, if any.
    pub fn on_event(&mut self, event: Event, app: &App, ctx: &egui::Context, view: &mut window::ViewPrefs) -> Option<String> {
        match event {
            Event::ParkChanged => {
                self.indicators.drafts.clear();
                self.ledger.select(None);
                self.parks.draft = None;
                self.report.reload();
            }
            Event::DataReplaced => {
                self.county.reload();
                // Drafts typed over the old data are stale.
                self.indicators.drafts.clear();
                self.ledger.draft = None;
                self.parks.draft = None;
                self.report.reload();
            }
            Event::SelectProject(id) => self.ledger.select(id),
            Event::ProjectFormStale => self.ledger.draft = None,
            Event::ReportChanged => {
                self.report.reload();
                self.county.reload();
            }
            Event::SummaryLoaded(text) => {
                self.import.review.set_text(text, &app.cache);
                return Some(trf("extract.loaded", &[&self.import.review.rows.len()]));
            }
            Event::ShowIndicatorChart { indicator, span } => {
                self.charts.show_indicator(&indicator, span);
                view.page = Page::Charts;
            }
            Event::ShowPage(page) => view.page = page,
            Event::ShowFigures(period) => {
                self.indicators.year = Some(period.year);
                self.indicators.span = (period.start_month, period.end_month);
                self.indicators.only_filled = false;
                view.page = Page::Indicators;
            }
            Event::Present(figures) => {
                self.presentation = Some(charts::Presentation { figures, index: 0 });
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Event::CopyImage { size, rgba } => ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, &rgba)),
        }
        None
    }
}

pub fn app_ui(ui: &mut egui::Ui, app: &App, pages: &mut PageStates, view: &mut window::ViewPrefs, actions: &mut Actions) {
    if let Some(show) = &mut pages.presentation {
        if !charts::presentation_ui(ui, show) {
            pages.presentation = None;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
        return;
    }
    if app.sample_notice {
        sample_notice_ui(ui, actions);
    }
    undo_shortcuts(ui.ctx(), view.page == Page::Indicators && pages.indicators.clean_cell_focused, actions);
    pages.indicators.clean_cell_focused = false;
    egui::Panel::top("top_bar").show(ui, |ui| top_bar_ui(ui, app, &mut view.page, actions));
    egui::Panel::bottom("status_line").show(ui, |ui| status_ui(ui, &app.status));
    let read_only = app.store().is_read_only();
    egui::CentralPanel::default().show(ui, |ui| match view.page {
        // Pages that only edit are shown greyed out for a file that cannot be written.
        Page::Parks => {
            ui.add_enabled_ui(!read_only, |ui| parks::parks_ui(ui, &app.cache, &mut pages.parks, actions));
        }
        Page::Indicators => indicators::indicators_ui(ui, app, &mut pages.indicators, actions),
        Page::Ledger => {
            pages.ledger.read_only = read_only;
            ledger::ledger_ui(ui, &app.cache, &mut pages.ledger, actions);
        }
        Page::Charts => charts::charts_ui(ui, app, &mut pages.charts, actions),
        Page::Report => report::report_ui(ui, app, &mut pages.report, actions),
        Page::Import => {
            ui.add_enabled_ui(!read_only, |ui| import::import_ui(ui, app, &mut pages.import, actions));
        }
        Page::County => county::county_ui(ui, app, &mut pages.county, actions),
        Page::History => history::history_ui(ui, app, &mut pages.history, actions),
        Page::Settings => settings::settings_ui(ui, app, &mut pages.settings, &mut view.theme, actions),
    });
}

/// First run: the database holds sample figures from real published summaries, which
/// look like a clerk's own. Say so, and offer to start empty (the sample kept aside).
fn sample_notice_ui(ui: &mut egui::Ui, actions: &mut Actions) {
    use crate::app::settings::SettingsAction;
    egui::Modal::new(egui::Id::unique("sample_notice")).show(ui.ctx(), |ui| {
        ui.set_max_width(560.0);
        ui.heading(tr("sample.notice_title"));
        ui.label(tr("sample.notice"));
        ui.add_space(theme::GAP);
        ui.horizontal(|ui| {
            if ui.button(tr("sample.keep")).clicked() {
                actions.push(SettingsAction::KeepSample);
            }
            if ui.button(tr("sample.start_empty")).clicked() {
                actions.push(SettingsAction::StartEmpty);
            }
        });
    });
}

/// What the park label and its combo (200 px) take, and 撤销 and 重做, with spacing.
const PARK_PAIR_WIDTH: f32 = 290.0;
const UNDO_PAIR_WIDTH: f32 = 130.0;

fn top_bar_ui(ui: &mut egui::Ui, app: &App, current: &mut Page, actions: &mut Actions) {
    // Wraps onto a second line in a narrow window (1024 px in English) rather than pushing
    // 撤销/重做 off the edge.
    ui.horizontal_wrapped(|ui| {
        ui.heading(tr("app.title"));
        ui.separator();
        for (page, key) in [
            (Page::Indicators, "page.indicators"),
            (Page::Ledger, "page.ledger"),
            (Page::Charts, "page.charts"),
            (Page::Report, "page.report"),
            (Page::Import, "page.import"),
            (Page::County, "page.county"),
            (Page::Parks, "page.parks"),
            (Page::History, "page.history"),
            (Page::Settings, "page.settings"),
        ] {
            ui.selectable_value(current, page, tr(key));
        }
        ui.separator();
        // Label and combo, and undo and redo, wrap as pairs, never apart: a child row is
        // placed where the cursor is and cut at the edge, so the row is ended first when
        // the pair would not fit.
        let pair = |ui: &mut egui::Ui, width: f32| {
            // (In a wrapping row the available width is the whole row's, not what is left.)
            if ui.max_rect().max.x - ui.cursor().min.x < width {
                ui.end_row();
            }
        };
        pair(ui, PARK_PAIR_WIDTH);
        ui.horizontal(|ui| park_picker_ui(ui, &app.cache, actions));
        ui.separator();
        let read_only = app.store().is_read_only();
        if read_only {
            ui.label(egui::RichText::new(tr("app.read_only")).strong().color(theme::error(ui))).on_hover_text(tr("app.read_only_hint"));
            ui.separator();
        }
        pair(ui, UNDO_PAIR_WIDTH);
        ui.horizontal(|ui| undo_redo_ui(ui, app, read_only, actions));
    });
}

/// 撤销 and 重做, each saying on hover what it would take back or write again.
fn undo_redo_ui(ui: &mut egui::Ui, app: &App, read_only: bool, actions: &mut Actions) {
    for (group, label, what, action) in [
        (&app.history.undo, "history.undo", "history.undo_what", HistoryAction::Undo),
        (&app.history.redo, "history.redo", "history.redo_what", HistoryAction::Redo),
    ] {
        let button = ui.add_enabled(!read_only && group.is_some(), egui::Button::new(tr(label)));
        let button = match group {
            Some(g) => button.on_hover_text(trf(what, &[&crate::i18n::change_label(&g.label)])),
            None => button,
        };
        if button.clicked() {
            actions.push(action);
        }
    }
}

/// Ctrl+Z undoes; Ctrl+Y and Ctrl+Shift+Z redo. While a text field has the focus, the
/// keys belong to it (its own typing undo), except in a grid cell with nothing typed in it
/// (`clean_cell`, as the last frame left it): there, as in Excel, they undo the last edit.
fn undo_shortcuts(ctx: &egui::Context, clean_cell: bool, actions: &mut Actions) {
    if ctx.memory(|m| m.focused().is_some()) && !clean_cell {
        return;
    }
    use egui::{Key, KeyboardShortcut, Modifiers};
    let redo_shift = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
    let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
    ctx.input_mut(|i| {
        // The longer shortcut first: Ctrl+Shift+Z also matches Ctrl+Z loosely.
        if i.consume_shortcut(&redo_shift) || i.consume_shortcut(&redo_y) {
            actions.push(HistoryAction::Redo);
        } else if i.consume_shortcut(&undo) {
            actions.push(HistoryAction::Undo);
        }
    });
}

fn park_picker_ui(ui: &mut egui::Ui, cache: &Cache, actions: &mut Actions) {
    let current = cache.park().map_or(tr("park.none"), |p| p.name.as_str());
    ui.label(tr("park.current"));
    egui::ComboBox::from_id_salt("park_picker")
        .selected_text(current)
        .width(200.0)
        .show_ui(ui, |ui| {
            for p in &cache.parks {
                if ui.selectable_label(cache.park_id == Some(p.id), &p.name).clicked() {
                    actions.push(ParksAction::Select(p.id));
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


//! 报告 page: the work summary for the selected park, year and span. The draft is edited
//! here and saved to the database as the clerk works (when a field loses focus or a
//! choice changes); the PDF is written by the same code path as `parkledger report`.

use egui::{RichText, Ui};

use super::{theme, widgets};
use crate::app::report::ReportAction;
use crate::app::{Actions, App, Cache};
use crate::chart::Mark;
use crate::chart::build::{Breakdown, ChartChoice, OUTPUT};
use crate::domain::period::Period;
use crate::i18n::{is_english, tr};
use crate::report::Format;
use crate::report::{Layout, Part, ReportSpec};

#[derive(Default)]
pub struct ReportPage {
    pub year: Option<i32>,
    pub span: Option<(u8, u8)>,
    /// The report being edited; compared with the cached one to know what to save.
    draft: Option<ReportSpec>,
    confirm_regenerate: bool,
    /// When the clerk last typed in a section (egui's clock): typing is saved as one edit
    /// when the field loses focus or after [`TYPING_PAUSE`] without a keystroke, so a
    /// burst of typing is one step of undo, not one per letter.
    last_typed: Option<f64>,
    /// The field typed in then: moving to another field also ends the burst.
    typed_in: Option<egui::Id>,
    /// Where to export when the desktop has no file dialog.
    pub export_path: widgets::PathEntry,
    /// The pre-export check, for the report and data it was made from.
    notices: Option<(ReportSpec, u64, bool, Vec<crate::report::check::Notice>)>,
    /// The part a notice was clicked for: the editor scrolls to it.
    pub scroll_to: Option<usize>,
}

/// A pause in typing this long (seconds) saves what was typed.
const TYPING_PAUSE: f64 = 2.0;

impl ReportPage {
    pub fn period(&self, cache: &Cache) -> Period {
        let (a, b) = self.span.unwrap_or((1, 12));
        Period { year: self.year.unwrap_or_else(|| cache.latest_year()), start_month: a, end_month: b }
    }
}


/// The charts a report can include.
fn chart_options(period: Period) -> Vec<(ChartChoice, &'static str)> {
    let span = (period.start_month, period.end_month);
    vec![
        (ChartChoice::InvestmentOutput { span }, "chart.kind.investment_output"),
        (ChartChoice::TargetVsActual { year: period.year }, "chart.kind.target_actual"),
        (ChartChoice::TimeSeries { indicator: OUTPUT.to_owned(), span, mark: Mark::Bar, from: None, to: None }, "report.chart_output"),
        (ChartChoice::Projects(Breakdown::Status), "chart.kind.by_status"),
    ]
}

/// The most findings the hover over the report's audit line lists.
const REPORT_FINDINGS_SHOWN: usize = 10;

pub fn report_ui(ui: &mut Ui, app: &App, page: &mut ReportPage, actions: &mut Actions) {
    let cache = &app.cache;
    let Some(park) = cache.park() else {
        ui.label(tr("park.empty_hint"));
        return;
    };
    let period = ui.horizontal_wrapped(|ui| widgets::period_ui(ui, &mut page.year, &mut page.span, cache.latest_year())).inner;
    // Loaded once per park, period and change of data: a report that cannot be read
    // shows why, and is not read again every frame.
    let Some(cached) = widgets::loaded(ui, app.report.get(park.id, period), || actions.push(ReportAction::Open(period))) else { return };
    if let Some(job) = app.jobs.view(crate::app::JobArea::Report) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr(job.label));
        });
    }
    if page.draft.as_ref().is_none_or(|d| d.period != period || d.park_id != cached.park_id) {
        page.draft = Some(cached.clone());
    }
    let Some(draft) = &mut page.draft else { return };
    let has_data = !crate::report::draft::indicators_with_data(&cache.indicators, &cache.values, period).is_empty()
        || cache.projects.iter().any(|p| crate::report::draft::in_report_year(p, period.year));
    if !has_data {
        ui.label(RichText::new(crate::i18n::trf("report.no_data", &[&park.name, &crate::i18n::period_label(period)])).color(theme::warning(ui)));
    }
    // What the audit finds in the year's figures: an error stops the export (the command
    // line the export runs refuses it), so it is said here first.
    let open: Vec<crate::audit::Finding> =
        cache.findings.values().flatten().filter(|f| !f.explained() && f.cells.first().is_some_and(|c| c.period.year == period.year)).cloned().collect();
    let errors = open.iter().filter(|f| f.level == crate::audit::Level::Error).count();
    if !open.is_empty() {
        let (key, color) = if errors > 0 { ("report.audit_errors", theme::error(ui)) } else { ("report.audit_warnings", theme::warning(ui)) };
        ui.label(RichText::new(crate::i18n::trf(key, &[&errors, &(open.len() - errors)])).color(color))
            .on_hover_text(super::indicators::findings_text(&open[..open.len().min(REPORT_FINDINGS_SHOWN)], &cache.indicators));
    }
    let mut changed = false;
    let mut typed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(tr("report.layout"));
        for (layout, key) in [(Layout::Gongwen, "report.layout_gongwen"), (Layout::Brief, "report.layout_brief")] {
            changed |= ui.radio_value(&mut draft.layout, layout, tr(key)).changed();
        }
        ui.separator();
        let idle = !app.jobs.running(crate::app::JobArea::Report);
        // PDF to send and sign, Word for the director to revise: one document, two files.
        for (which, (key, format, filter, ext)) in [("report.export_pdf", Format::Pdf, "PDF", "pdf"), ("report.export_docx", Format::Docx, "Word", "docx")].into_iter().enumerate() {
            let export = ui.add_enabled(idle && errors == 0, egui::Button::new(tr(key)));
            if export.on_disabled_hover_text(tr("report.audit_blocks")).clicked() {
                let name = format!("{}.{ext}", draft.title);
                let picked = page.export_path.dialog(which, &name, || rfd::FileDialog::new().add_filter(filter, &[ext]).set_file_name(&name).save_file());
                if let Some(path) = picked {
                    actions.push(ReportAction::Export { period, path, format });
                }
            }
        }
    });
    if errors == 0 && let Some((which, path)) = page.export_path.fallback_ui(ui, tr("report.export_here")) {
        let format = if which == 1 { Format::Docx } else { Format::Pdf };
        actions.push(ReportAction::Export { period, path, format });
    }
    notices_ui(ui, cache, park, draft, &mut page.notices, &mut page.scroll_to, actions);
    ui.separator();
    let scroll_to = page.scroll_to.take();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let data = crate::report::ReportData { park, indicators: &cache.indicators, values: &cache.values, projects: &cache.projects, parks_table: None };
        let edited = super::report_parts::editor_ui(ui, draft, Some(&data), scroll_to);
        if edited.redraft {
            if draft.drafts_edited() {
                page.confirm_regenerate = true;
            } else {
                actions.push(ReportAction::Regenerate);
            }
        }
        typed = edited.typed;
        changed |= edited.reshaped;
        changed |= choices_ui(ui, cache, draft);
    });
    regenerate_dialog_ui(ui, page, actions);
    // Save a choice at once; typing when the field loses focus or the clerk pauses.
    let now = ui.input(|i| i.time);
    let focused = ui.ctx().memory(|m| m.focused());
    if typed {
        page.last_typed = Some(now);
        page.typed_in = focused;
    }
    if let Some(draft) = &mut page.draft {
        // The stamp changes on every save; it is not an edit.
        draft.updated_at.clone_from(&cached.updated_at);
        let left = focused.is_none() || focused != page.typed_in;
        let paused = page.last_typed.is_none_or(|t| now - t >= TYPING_PAUSE);
        if draft != cached {
            if changed || left || paused {
                actions.push(ReportAction::Save(Box::new(draft.clone())));
                page.last_typed = None;
            } else {
                ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(TYPING_PAUSE));
            }
        }
    }
}

/// Before export: what is empty or disagrees (see `report::check`), each a link to the
/// part or the figures. Worked out again when the report or the data changes.
fn notices_ui(
    ui: &mut Ui,
    cache: &Cache,
    park: &crate::domain::Park,
    draft: &ReportSpec,
    memo: &mut Option<(ReportSpec, u64, bool, Vec<crate::report::check::Notice>)>,
    scroll_to: &mut Option<usize>,
    actions: &mut Actions,
) {
    use crate::report::check::Target;
    // Also worked out again in the other language.
    let english = is_english();
    if memo.as_ref().is_none_or(|(spec, generation, lang, _)| spec != draft || *generation != cache.generation || *lang != english) {
        let data = crate::report::ReportData { park, indicators: &cache.indicators, values: &cache.values, projects: &cache.projects, parks_table: None };
        *memo = Some((draft.clone(), cache.generation, english, crate::report::check::check(draft, &data)));
    }
    let Some((_, _, _, notices)) = memo.as_ref() else { return };
    if notices.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(RichText::new(crate::i18n::trf("check.heading", &[&notices.len()])).color(theme::warning(ui)))
        .id_salt("report_check")
        .default_open(true)
        .show(ui, |ui| {
            for n in notices {
                if ui.add(egui::Button::new(RichText::new(&n.text).color(theme::warning(ui))).frame(false).wrap_mode(egui::TextWrapMode::Wrap)).on_hover_text(tr("check.go")).clicked() {
                    match n.target {
                        Target::Part(i) => *scroll_to = Some(i),
                        Target::Indicator(_) => actions.push(ReportAction::ShowFigures(draft.period)),
                    }
                }
            }
        });
}

fn choices_ui(ui: &mut Ui, cache: &Cache, d: &mut ReportSpec) -> bool {
    let mut changed = false;
    ui.add_space(theme::GAP);
    ui.label(RichText::new(tr("report.choices")).strong());
    // The tables and charts as parts of the document: ticked, a missing one is added at
    // the end (the clerk moves it); unticked, it is taken out.
    for (part, key) in [(Part::IndicatorTable, "report.indicator_table"), (Part::ProjectTable, "report.project_table"), (Part::Charts, "report.charts_part")] {
        let mut on = d.parts.contains(&part);
        if ui.checkbox(&mut on, tr(key)).changed() {
            if on { d.parts.push(part) } else { d.parts.retain(|p| *p != part) }
            changed = true;
        }
    }
    for (choice, key) in chart_options(d.period) {
        let mut on = d.charts.contains(&choice);
        if ui.checkbox(&mut on, tr(key)).changed() {
            if on { d.charts.push(choice) } else { d.charts.retain(|c| *c != choice) }
            changed = true;
        }
    }
    // The key projects' table: the year's key projects, or those ticked here.
    egui::CollapsingHeader::new(tr("report.table_projects")).show(ui, |ui| {
        let year = d.period.year;
        let ticked = |p: &crate::domain::Project| d.project_ids.as_ref().is_some_and(|ids| ids.contains(&p.id));
        let listed: Vec<&crate::domain::Project> = cache.projects.iter().filter(|p| crate::report::draft::in_report_year(p, year) || ticked(p)).collect();
        if listed.is_empty() {
            ui.label(tr("report.no_projects"));
        }
        ui.horizontal_wrapped(|ui| {
            for p in listed {
                let mut on = crate::report::in_project_table(d, p);
                if ui.checkbox(&mut on, &p.name).changed() {
                    // The first tick starts from what the table lists now.
                    let now: Vec<i64> = cache.projects.iter().filter(|q| crate::report::in_project_table(d, q)).map(|q| q.id).collect();
                    let ids = d.project_ids.get_or_insert(now);
                    if on { ids.push(p.id) } else { ids.retain(|i| *i != p.id) }
                    changed = true;
                }
            }
        });
    });
    egui::CollapsingHeader::new(tr("report.indicators")).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for ind in cache.indicators.iter().filter(|i| cache.values.outturn(i.id, d.period).is_some()) {
                let mut on = d.indicator_ids.contains(&ind.id);
                if ui.checkbox(&mut on, ind.name(is_english())).changed() {
                    if on { d.indicator_ids.push(ind.id) } else { d.indicator_ids.retain(|i| *i != ind.id) }
                    changed = true;
                }
            }
        });
    });
    changed
}

fn regenerate_dialog_ui(ui: &mut Ui, page: &mut ReportPage, actions: &mut Actions) {
    if !page.confirm_regenerate {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("confirm_regenerate")).show(ui.ctx(), |ui| {
        ui.label(tr("report.regenerate_question"));
        ui.horizontal(|ui| {
            if ui.button(tr("report.regenerate_confirm")).clicked() {
                actions.push(ReportAction::Regenerate);
                page.confirm_regenerate = false;
            }
            if ui.button(tr("action.cancel")).clicked() {
                page.confirm_regenerate = false;
            }
        });
    });
    if modal.should_close() {
        page.confirm_regenerate = false;
    }
}

impl ReportPage {
    /// Drops the local draft so the next frame takes the cached (just saved or rebuilt) one.
    pub fn reload(&mut self) {
        self.draft = None;
    }
}

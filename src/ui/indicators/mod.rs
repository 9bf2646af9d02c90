//! 指标 page: the grid of one park's figures. Rows are indicators grouped by category;
//! columns are the chosen period (and optionally the same period last year), the
//! reported and computed YoY, the full-year target and the completion rate.
//! Cells are edited in place and saved when they lose focus; a block pasted from Excel
//! or WPS fills the cells it covers.

mod cell;

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::{theme, widgets};
use cell::{Cell, cell_ui};
use crate::app::charts::ChartsAction;
use crate::app::grid::GridAction;
use crate::app::parks::ParksAction;
use crate::app::grid::GridState;
use crate::app::{Actions, App, Cache, CellField, CellKey};
use crate::audit::{Finding, Level};
use crate::domain::format::{grouped, percent};
use crate::domain::indicator::{COMMON_UNITS, Category, Indicator, Nature};
use crate::domain::period::{COMMON_SPANS, Period};
use crate::domain::paste::parse_block;
use crate::domain::value::ValueKind;
use crate::i18n::{is_english, name, tr, trf};

pub struct IndicatorsPage {
    /// The open file cannot be written: the cells show, but do not take typing.
    pub read_only: bool,
    /// `None` follows the newest year with data.
    pub year: Option<i32>,
    pub span: (u8, u8),
    pub kind: ValueKind,
    pub show_last_year: bool,
    /// Hide indicators with nothing in any visible column.
    pub only_filled: bool,
    /// Text typed into cells that have not been committed yet.
    pub drafts: HashMap<CellKey, String>,
    new_indicator: Option<Indicator>,
    /// The cell whose audit findings the clerk is explaining, and the text so far.
    explaining: Option<(crate::audit::Cell, String)>,
    /// The list of the park's audit findings is open above the grid.
    pub show_audit: bool,
    /// The cell (row, column in display order) to take the focus next frame: Enter moves
    /// down a row, as in Excel.
    focus_next: Option<(usize, usize)>,
    /// A cell has the focus and nothing typed in it: Ctrl+Z is then the app's undo, not
    /// the text field's (read by the next frame's shortcuts).
    pub clean_cell_focused: bool,
}

impl Default for IndicatorsPage {
    fn default() -> Self {
        Self {
            read_only: false,
            year: None,
            span: (1, 12),
            kind: ValueKind::Actual,
            show_last_year: true,
            only_filled: false,
            drafts: HashMap::new(),
            new_indicator: None,
            explaining: None,
            show_audit: false,
            focus_next: None,
            clean_cell_focused: false,
        }
    }
}

/// "Are you sure?" for a YoY over 1000%: save as typed, or go back to the cells (the
/// typed text stays in them).
fn confirm_ui(ui: &mut Ui, grid: &GridState, actions: &mut Actions) {
    let Some((cells, question)) = &grid.confirm else { return };
    egui::Window::new(tr("grid.confirm_title")).collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ui.ctx(), |ui| {
        ui.label(question);
        ui.horizontal(|ui| {
            if ui.button(tr("grid.confirm_yes")).clicked() {
                actions.push(GridAction::ConfirmCells(cells.clone()));
            }
            if ui.button(tr("grid.confirm_no")).clicked() {
                actions.push(GridAction::DismissConfirm);
            }
        });
    });
}

/// An editable column of the grid.
#[derive(Clone, Copy)]
struct Column {
    period: Period,
    kind: ValueKind,
    field: CellField,
}

impl IndicatorsPage {
    pub fn period(&self, cache: &Cache) -> Period {
        let year = self.year.unwrap_or_else(|| cache.latest_year());
        Period { year, start_month: self.span.0, end_month: self.span.1 }
    }

    fn columns(&self, cache: &Cache) -> Vec<Column> {
        let period = self.period(cache);
        let mut cols = Vec::new();
        if self.show_last_year {
            cols.push(Column { period: period.same_span_last_year(), kind: ValueKind::Actual, field: CellField::Amount });
        }
        cols.push(Column { period, kind: self.kind, field: CellField::Amount });
        if self.kind != ValueKind::Target {
            cols.push(Column { period, kind: self.kind, field: CellField::ReportedYoy });
            cols.push(Column { period: period.containing_year(), kind: ValueKind::Target, field: CellField::Amount });
        }
        cols
    }
}

pub(super) fn kind_label(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Actual => tr("kind.actual"),
        ValueKind::Estimate => tr("kind.estimate"),
        ValueKind::Target => tr("kind.target"),
    }
}


/// A value's stored source as the clerk reads it (the code for "typed by hand" in the
/// window's language; a file name as it is).
pub(super) fn source_label(source: &str) -> String {
    if crate::domain::value::is_manual_source(source) { tr("value.source_manual").to_owned() } else { source.to_owned() }
}

pub(super) fn period_label(p: Period) -> String {
    crate::i18n::period_label(p)
}

pub fn indicators_ui(ui: &mut Ui, app: &App, page: &mut IndicatorsPage, actions: &mut Actions) {
    let cache = &app.cache;
    let Some(park) = cache.park() else {
        ui.label(tr("park.empty_hint"));
        return;
    };
    confirm_ui(ui, &app.grid, actions);
    page.read_only = app.store().is_read_only();
    ui.horizontal_wrapped(|ui| {
        ui.heading(&park.name);
        ui.separator();
        toolbar_ui(ui, cache, page);
    });
    new_indicator_ui(ui, page, actions);
    explain_ui(ui, cache, page, actions);
    audit_list_ui(ui, cache, page);
    ui.separator();
    let columns = page.columns(cache);
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        grid_ui(ui, cache, &app.grid, page, &columns, actions);
    });
}

fn toolbar_ui(ui: &mut Ui, cache: &Cache, page: &mut IndicatorsPage) {
    let mut year = page.year.unwrap_or_else(|| cache.latest_year());
    ui.label(tr("grid.year"));
    let r = ui.add(egui::DragValue::new(&mut year).range(1949..=2100).suffix(tr("grid.year_suffix")));
    if r.accessible_name(tr("grid.year")).changed() {
        page.year = Some(year);
    }
    widgets::combo(ui, tr("grid.span"), &mut page.span, COMMON_SPANS, widgets::span_label);
    widgets::combo(ui, tr("grid.kind"), &mut page.kind, ValueKind::ALL, |k| kind_label(k).to_owned());
    ui.checkbox(&mut page.show_last_year, tr("grid.show_last_year"));
    ui.checkbox(&mut page.only_filled, tr("grid.only_filled"));
    let found = cache.findings.values().flatten().filter(|f| !f.explained()).count();
    ui.toggle_value(&mut page.show_audit, trf("audit.toggle", &[&found])).on_hover_text(tr("audit.toggle_hover"));
    if ui.add_enabled(!page.read_only, egui::Button::new(tr("indicator.add"))).clicked() {
        page.new_indicator = Some(Indicator {
            id: 0,
            name_zh: String::new(),
            name_en: String::new(),
            unit: "亿元".to_owned(),
            category: Category::Economy,
            precision: 2,
            nature: Nature::Flow,
            parent: None,
            builtin: false,
            sort_order: 0,
        });
    }
}

fn header_ui(ui: &mut Ui, columns: &[Column]) {
    let strong = |ui: &mut Ui, text: String| ui.label(RichText::new(text).strong());
    strong(ui, tr("grid.indicator").to_owned());
    strong(ui, tr("grid.unit").to_owned());
    for c in columns {
        let text = match c.field {
            CellField::ReportedYoy => tr("grid.reported_yoy").to_owned(),
            CellField::Amount if c.kind == ValueKind::Target && c.period.is_full_year() && columns.len() > 2 => {
                trf("grid.target_of", &[&period_label(c.period)])
            }
            CellField::Amount => format!("{} {}", period_label(c.period), kind_label(c.kind)),
        };
        strong(ui, text);
        if c.field == CellField::ReportedYoy {
            strong(ui, tr("grid.computed_yoy").to_owned());
        }
    }
    if columns.len() > 2 {
        strong(ui, tr("grid.completion").to_owned());
    }
    strong(ui, tr("grid.notes").to_owned());
    ui.end_row();
}

fn grid_ui(ui: &mut Ui, cache: &Cache, grid: &GridState, page: &mut IndicatorsPage, columns: &[Column], actions: &mut Actions) {
    // Rows in display order, so that a pasted block runs down the visible rows.
    let mut rows: Vec<&Indicator> = Vec::new();
    let filled = |i: &Indicator| columns.iter().any(|c| cache.values.get(i.id, c.period, c.kind).is_some());
    for cat in Category::ALL {
        rows.extend(cache.indicators.iter().filter(|i| i.category == cat && (!page.only_filled || filled(i))));
    }
    let mut paste: Option<(usize, usize, String)> = None;
    egui::Grid::new("indicator_grid").striped(true).spacing([theme::GAP, 4.0]).show(ui, |ui| {
        header_ui(ui, columns);
        let mut last_cat = None;
        for (r, ind) in rows.iter().enumerate() {
            if last_cat != Some(ind.category) {
                last_cat = Some(ind.category);
                ui.label(RichText::new(name(ind.category)).strong().color(ui.visuals().hyperlink_color));
                ui.end_row();
            }
            if let Some(p) = row_ui(ui, cache, grid, page, columns, (r, ind), actions) {
                paste = Some((r, p.0, p.1));
            }
            ui.end_row();
        }
    });
    if let Some((row, col, text)) = paste {
        actions.push(GridAction::PasteCells(paste_cells(&rows, columns, row, col, &text)));
    }
}

/// Maps a tab-separated block onto the cells right of and below the anchor. Empty
/// cells in the block leave their target alone.
fn paste_cells(rows: &[&Indicator], columns: &[Column], row: usize, col: usize, text: &str) -> Vec<(CellKey, String)> {
    let mut out = Vec::new();
    for (dr, cells) in parse_block(text).into_iter().enumerate() {
        let Some(ind) = rows.get(row + dr) else { break };
        for (dc, cell) in cells.into_iter().enumerate() {
            let Some(c) = columns.get(col + dc) else { break };
            let Some(cell) = cell else { continue };
            let key = CellKey { indicator_id: ind.id, period: c.period, kind: c.kind, field: c.field };
            out.push((key, cell.to_owned()));
        }
    }
    out
}

/// One indicator's row. Returns the column and text of a block pasted into it.
fn row_ui(
    ui: &mut Ui,
    cache: &Cache,
    grid: &GridState,
    page: &mut IndicatorsPage,
    columns: &[Column],
    (row, ind): (usize, &Indicator),
    actions: &mut Actions,
) -> Option<(usize, String)> {
    let name = ind.name(is_english());
    let text = if ind.parent.is_some() { format!("    {}{}", tr("grid.of_which"), name) } else { name.to_owned() };
    // A long name (English ones run to 60 characters) is cut with … and shown whole on
    // hover, so that the figures' columns fit a 1024-pixel window.
    ui.scope(|ui| {
        ui.set_max_width(NAME_WIDTH);
        ui.add(egui::Label::new(text).truncate());
    });
    ui.label(crate::i18n::unit(&ind.unit));
    let mut pasted = None;
    let mut notes: Vec<(String, String)> = Vec::new();
    // What the audit found in this row's cells: one mark for the row, its hover saying all.
    let mut row_findings: Vec<Finding> = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        let key = CellKey { indicator_id: ind.id, period: c.period, kind: c.kind, field: c.field };
        let stored = cache.values.get(ind.id, c.period, c.kind);
        let text = match c.field {
            CellField::Amount => stored.and_then(|v| v.value).map(|v| grouped(v, ind.precision)),
            CellField::ReportedYoy => stored.and_then(|v| v.reported_yoy).map(|v| format!("{v}")),
        };
        let label = format!("{name} {} {}", period_label(c.period), match c.field {
            CellField::Amount => kind_label(c.kind),
            CellField::ReportedYoy => tr("grid.reported_yoy"),
        });
        let hover = stored.map(|v| trf("grid.cell_hover", &[&source_label(&v.source), &v.updated_at.get(..10).unwrap_or("")]));
        let findings = match c.field {
            CellField::Amount => cache.findings.get(&crate::audit::Cell { indicator_id: ind.id, period: c.period, kind: c.kind }).map_or(&[][..], Vec::as_slice),
            CellField::ReportedYoy => &[],
        };
        let cell = Cell { key, shown: text.unwrap_or_default(), label, hover, findings, indicators: &cache.indicators, indicator: ind };
        if let Some(p) = cell_ui(ui, page, grid, cell, (row, i), actions) {
            pasted = Some((i, p));
        }
        row_findings.extend(findings.iter().cloned());
        if let Some(v) = stored.filter(|_| c.field == CellField::Amount) {
            if let Some(e) = &v.entered {
                notes.push((tr("mark.converted").to_owned(), trf("mark.converted_hover", &[&grouped(e.amount, ind.precision.max(2)), &e.unit])));
            }
            if let Some(d) = &v.derivation {
                notes.push((tr("mark.derived").to_owned(), d.clone()));
            }
        }
        // An estimate for the period shown as actual: say it exists, so it is not missed.
        if c.field == CellField::Amount && c.kind == ValueKind::Actual && stored.is_none()
            && let Some(est) = cache.values.get(ind.id, c.period, ValueKind::Estimate).and_then(|v| v.value) {
                notes.push((
                    trf("grid.other_estimate", &[&grouped(est, ind.precision), &crate::i18n::period_label(c.period)]),
                    tr("grid.other_estimate_hover").to_owned(),
                ));
            }
        if c.field == CellField::ReportedYoy {
            computed_yoy_ui(ui, cache, ind, c.period, c.kind);
        }
    }
    if columns.len() > 2 {
        let current = columns.iter().find(|c| c.field == CellField::ReportedYoy);
        match current.and_then(|c| cache.values.completion(ind.id, c.period, c.kind)) {
            Some(pct) => ui.label(percent(pct)),
            None => ui.label(""),
        };
    }
    ui.horizontal(|ui| {
        if ui.small_button(tr("grid.chart")).on_hover_text(tr("grid.chart_hover")).clicked() {
            actions.push(ChartsAction::ShowIndicatorChart { indicator: ind.name_zh.clone(), span: page.span });
        }
        if let Some(level) = row_findings.iter().filter(|f| !f.explained()).map(|f| f.level).min() {
            let (mark, color) = match level {
                Level::Error => ("audit.mark_error", theme::error(ui)),
                Level::Warning => ("audit.mark_warning", theme::warning(ui)),
            };
            ui.label(RichText::new(tr(mark)).small().color(color)).on_hover_text(findings_text(&row_findings, &cache.indicators));
        } else if !row_findings.is_empty() {
            ui.label(RichText::new(tr("audit.mark_explained")).small().color(theme::derived(ui))).on_hover_text(findings_text(&row_findings, &cache.indicators));
        }
        // A warning can be explained (an error cannot: its figures cannot all be true).
        let explainable = row_findings.iter().find(|f| f.level == Level::Warning).and_then(|f| f.cells.first().copied());
        if let Some(cell) = explainable.filter(|_| !page.read_only)
            && ui.small_button(tr("audit.explain")).on_hover_text(tr("audit.explain_hover")).clicked()
        {
            let current = cache.values.get(cell.indicator_id, cell.period, cell.kind).and_then(|v| v.explanation.clone()).unwrap_or_default();
            page.explaining = Some((cell, current));
        }
        for (mark, hover) in notes {
            ui.label(RichText::new(mark).small().color(theme::derived(ui))).on_hover_text(hover);
        }
    });
    pasted
}

fn computed_yoy_ui(ui: &mut Ui, cache: &Cache, ind: &Indicator, period: Period, kind: ValueKind) {
    let yoy = cache.values.yoy(ind.id, period, kind);
    let Some(c) = yoy.computed else {
        ui.label("");
        return;
    };
    let response = if yoy.disagrees() {
        let r = yoy.reported.unwrap_or_default();
        ui.label(RichText::new(yoy_cell(c)).color(theme::warning(ui)))
            .on_hover_text(trf("grid.yoy_disagree", &[&percent(r), &percent(c), &format!("{:.2}", (r - c).abs())]))
    } else {
        ui.label(yoy_cell(c))
    };
    if yoy.base_is_estimate {
        response.on_hover_text(trf("grid.yoy_on_estimate", &[&crate::i18n::period_label(period.same_span_last_year())]));
    }
}

/// A computed YoY in the grid: always one decimal, as statistics offices publish rates,
/// so that one row does not read `+4.5%` and the next `+12.25%`.
pub(crate) fn yoy_cell(rate: f64) -> String {
    let rounded = (rate * 10.0).round() / 10.0;
    if rounded == 0.0 { "0.0%".to_owned() } else { format!("{rounded:+.1}%") }
}

/// The widest the indicator column grows.
const NAME_WIDTH: f32 = 250.0;

/// The most findings the list shows; the command line lists them all.
const AUDIT_LIST_MAX: usize = 200;

/// The park's audit findings, errors first, then the newest; clicking one shows its cell.
fn audit_list_ui(ui: &mut Ui, cache: &Cache, page: &mut IndicatorsPage) {
    if !page.show_audit {
        return;
    }
    let mut all: Vec<&Finding> = cache.findings.values().flatten().collect();
    all.sort_by(|a, b| (a.explained(), a.level, std::cmp::Reverse(a.cells.first().map(|c| c.period))).cmp(&(b.explained(), b.level, std::cmp::Reverse(b.cells.first().map(|c| c.period)))));
    ui.group(|ui| {
        if all.is_empty() {
            ui.label(tr("audit.none"));
            return;
        }
        if all.len() > AUDIT_LIST_MAX {
            ui.label(trf("audit.list_cut", &[&AUDIT_LIST_MAX, &all.len()]));
        }
        egui::ScrollArea::vertical().id_salt("audit_list").max_height(180.0).show(ui, |ui| {
            for f in all.into_iter().take(AUDIT_LIST_MAX) {
                let color = match (f.level, f.explained()) {
                    (_, true) => theme::derived(ui),
                    (Level::Error, false) => theme::error(ui),
                    (Level::Warning, false) => theme::warning(ui),
                };
                let text = findings_text(std::slice::from_ref(f), &cache.indicators);
                if ui.add(egui::Button::new(RichText::new(text).color(color)).frame(false)).on_hover_text(tr("audit.go_to_cell")).clicked()
                    && let Some(cell) = f.cells.first()
                {
                    // Show the cell: its year and span, as actual or estimate (a target
                    // shows in the year's target column).
                    page.year = Some(cell.period.year);
                    page.span = (cell.period.start_month, cell.period.end_month);
                    if cell.kind != ValueKind::Target {
                        page.kind = cell.kind;
                    }
                    page.only_filled = false;
                }
            }
        });
    });
}

/// The editor of an explanation (审核说明), above the grid while one is being written.
fn explain_ui(ui: &mut Ui, cache: &Cache, page: &mut IndicatorsPage, actions: &mut Actions) {
    let Some((cell, text)) = &mut page.explaining else { return };
    let cell = *cell;
    let mut close = false;
    ui.group(|ui| {
        ui.strong(tr("audit.explain_title"));
        if let Some(findings) = cache.findings.get(&cell) {
            ui.label(findings_text(findings, &cache.indicators));
        }
        ui.add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(600.0).hint_text(tr("audit.explain_hint"))).accessible_name(tr("audit.explain_title"));
        ui.horizontal(|ui| {
            if ui.button(tr("action.save")).clicked() {
                actions.push(GridAction::Explain(cell, text.clone()));
                close = true;
            }
            // A stated YoY at comparable prices differs from the computed one in every
            // period: one explanation for all of the indicator's.
            let stated_yoy = cache.findings.get(&cell).is_some_and(|fs| fs.iter().any(|f| f.rule == crate::audit::STATED_YOY_DIFFERS));
            if stated_yoy && ui.button(tr("audit.explain_indicator")).on_hover_text(tr("audit.explain_indicator_hint")).clicked() {
                actions.push(GridAction::ExplainIndicator(cell, text.clone()));
                close = true;
            }
            if ui.button(tr("action.cancel")).clicked() {
                close = true;
            }
        });
    });
    if close {
        page.explaining = None;
    }
}

/// The audit's findings about a cell, a line each, errors first.
pub(super) fn findings_text(findings: &[Finding], indicators: &[Indicator]) -> String {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| f.level);
    let line = |f: &Finding| {
        let level = tr(if f.level == Level::Error { "audit.level_error" } else { "audit.level_warning" });
        let line = trf("audit.hover_line", &[&level, &f.message(indicators)]);
        match &f.explanation {
            Some(text) => format!("{line}\n    {}", trf("audit.explained", &[text])),
            None => line,
        }
    };
    sorted.into_iter().map(line).collect::<Vec<_>>().join("\n")
}

/// An editable cell. Saves on losing focus; a pasted block (text with tabs or line
/// breaks) is taken away from the text field and returned instead.
fn new_indicator_ui(ui: &mut Ui, page: &mut IndicatorsPage, actions: &mut Actions) {
    let Some(draft) = &mut page.new_indicator else { return };
    let done = indicator_form(ui, draft);
    if done == Some(true) {
        actions.push(ParksAction::AddIndicator(draft.clone()));
    }
    if done.is_some() {
        page.new_indicator = None;
    }
}

/// The fields of a new indicator; `Some(true)` when the clerk saves it, `Some(false)` when
/// they cancel. A unit not in the list (`万吨`, read from a summary) stays as it is.
pub(crate) fn indicator_form(ui: &mut Ui, draft: &mut Indicator) -> Option<bool> {
    let mut done = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            widgets::text_field(ui, tr("indicator.name_zh"), &mut draft.name_zh);
            widgets::text_field(ui, tr("indicator.name_en"), &mut draft.name_en);
        });
        ui.horizontal_wrapped(|ui| {
            let current = draft.unit.clone();
            let mut unit = current.as_str();
            let units = COMMON_UNITS.iter().copied().chain((!COMMON_UNITS.contains(&unit)).then_some(unit));
            if widgets::combo(ui, tr("indicator.unit"), &mut unit, units, |u| u.to_owned()) {
                draft.unit = unit.to_owned();
            }
            widgets::combo(ui, tr("indicator.category"), &mut draft.category, Category::ALL, |c| name(c).to_owned());
            widgets::combo(ui, tr("indicator.nature"), &mut draft.nature, [Nature::Flow, Nature::Stock, Nature::Rate], |n| name(n).to_owned());
            ui.label(tr("indicator.precision"));
            ui.add(egui::DragValue::new(&mut draft.precision).range(0..=6)).accessible_name(tr("indicator.precision"));
            if ui.button(tr("action.save")).clicked() {
                done = Some(true);
            }
            if ui.button(tr("action.cancel")).clicked() {
                done = Some(false);
            }
        });
    });
    done
}

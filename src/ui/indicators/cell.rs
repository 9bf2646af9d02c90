//! One cell of the indicator grid, behaving as a spreadsheet's cell does (select on entry,
//! F2 to edit, Enter down, Esc back), with what the audit says of it. A child of the
//! indicators page: it reads and writes the page's drafts and focus state.

use egui::{RichText, Ui};

use super::{IndicatorsPage, findings_text};
use crate::app::history::HistoryAction;
use crate::app::{Actions, CellField, CellKey};
use crate::app::grid::{GridAction, GridState};
use crate::audit::{Finding, Level};
use crate::domain::indicator::Indicator;
use crate::i18n::tr;
use crate::ui::theme;

/// What one grid cell shows: its stored text, its name for screen readers and tests,
/// where the value came from, and what the audit found about it.
pub(super) struct Cell<'a> {
    pub(super) key: CellKey,
    pub(super) shown: String,
    pub(super) label: String,
    pub(super) hover: Option<String>,
    pub(super) findings: &'a [Finding],
    pub(super) indicators: &'a [Indicator],
    /// The row's indicator: whether typed text would be taken depends on its unit.
    pub(super) indicator: &'a Indicator,
}

/// One cell, behaving as a spreadsheet's: clicking or tabbing in selects the figure, so
/// typing replaces it; F2 or a double click puts the cursor at its end to edit it; Enter
/// saves and moves down a row; Esc puts back what is stored. A refused entry keeps its text
/// and message until it is corrected, and the message goes as soon as the text is a number.
pub(super) fn cell_ui(ui: &mut Ui, page: &mut IndicatorsPage, grid: &GridState, cell: Cell<'_>, at: (usize, usize), actions: &mut Actions) -> Option<String> {
    let Cell { key, shown, label, hover, findings, indicators, indicator } = cell;
    let parses = |t: &str| {
        t.trim().is_empty()
            || match key.field {
                CellField::Amount => crate::domain::value::parse_amount(t, indicator).is_ok(),
                CellField::ReportedYoy => crate::domain::value::parse_rate(t).is_ok(),
            }
    };
    let id = egui::Id::unique(("cell", key));
    let mut pasted = None;
    if ui.memory(|m| m.has_focus(id)) {
        ui.input_mut(|input| {
            input.events.retain(|e| match e {
                egui::Event::Paste(t) if t.contains(['\t', '\n']) => {
                    pasted = Some(t.clone());
                    false
                }
                _ => true,
            });
        });
    }
    let mut moved_here = false;
    // The next frame's: in the Enter's own frame the cell below would see that Enter too,
    // and give the focus straight back.
    if page.focus_next == Some(at) && !ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        page.focus_next = None;
        ui.memory_mut(|m| m.request_focus(id));
        moved_here = true;
    }
    // What the clerk is typing, else what was typed and not saved, else the stored value.
    let typing = page.drafts.get(&key);
    let mut text = typing.or_else(|| grid.kept.get(&key)).cloned().unwrap_or(shown);
    // The message for a refused entry, until what is in the cell now would be taken.
    let error = grid.errors.get(&key).filter(|_| !(typing.is_some() && parses(&text))).cloned();
    ui.vertical(|ui| {
        let mut edit = egui::TextEdit::singleline(&mut text)
            .id(id)
            .desired_width(theme::CELL_WIDTH)
            .align(egui::Align2::RIGHT_CENTER)
            .interactive(!page.read_only);
        if error.is_some() {
            edit = edit.text_color(theme::error(ui));
        }
        // A cell the audit has something to say about is tinted, red for an error.
        match findings.iter().filter(|f| !f.explained()).map(|f| f.level).min() {
            Some(Level::Error) => edit = edit.background_color(theme::error(ui).gamma_multiply(0.25)),
            Some(Level::Warning) => edit = edit.background_color(theme::warning(ui).gamma_multiply(0.2)),
            None => {}
        }
        let mut response = ui.add(edit).accessible_name(label);
        let chars = text.chars().count();
        if response.gained_focus() || moved_here {
            set_selection(ui, id, 0, chars);
        }
        if response.double_clicked() || (response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::F2))) {
            set_selection(ui, id, chars, chars);
        }
        let hover = match (hover, findings.is_empty()) {
            (hover, true) => hover,
            (Some(h), false) => Some(format!("{}\n{h}", findings_text(findings, indicators))),
            (None, false) => Some(findings_text(findings, indicators)),
        };
        if let Some(h) = hover {
            response = response.on_hover_text(h);
        }
        response.context_menu(|ui| {
            if ui.button(tr("grid.history")).clicked() {
                actions.push(HistoryAction::ShowCell(key));
                ui.close();
            }
        });
        if response.changed() {
            page.drafts.insert(key, text.clone());
        }
        if response.has_focus() && !page.drafts.contains_key(&key) {
            page.clean_cell_focused = true;
        }
        if response.lost_focus() {
            let (escape, enter) = ui.input(|i| (i.key_pressed(egui::Key::Escape), i.key_pressed(egui::Key::Enter)));
            if escape {
                // Esc: nothing typed is saved, and a refused entry's text goes too.
                page.drafts.remove(&key);
                if grid.kept.contains_key(&key) || grid.errors.contains_key(&key) {
                    actions.push(GridAction::Discard(key));
                }
            } else if let Some(t) = page.drafts.remove(&key).or_else(|| grid.kept.get(&key).cloned()) {
                // What was typed now, or the text kept from a refused or unconfirmed save.
                actions.push(GridAction::SetCell(key, t));
            }
            if enter {
                page.focus_next = Some((at.0 + 1, at.1));
                ui.ctx().request_repaint();
            }
        }
        if let Some(e) = &error {
            ui.label(RichText::new(e).small().color(theme::error(ui)));
        }
    });
    pasted
}

/// Selects characters `from..to` of the text field `id` (from == to: the cursor there).
fn set_selection(ui: &Ui, id: egui::Id, from: usize, to: usize) {
    use egui::text::{CCursor, CCursorRange};
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
        state.cursor.set_char_range(Some(CCursorRange::two(CCursor::new(from), CCursor::new(to))));
        state.store(ui.ctx(), id);
    }
}


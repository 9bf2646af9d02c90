//! The Report page's document editor: the title and opening, then the document's parts in
//! order — headings at four levels with the number they will print with, the clerk's
//! text, the drafted text, and the data blocks — each with ↑ ↓ and 删除, and 插入… to add
//! a part after it; then the 署名, the date and the optional 版记. It edits the page's
//! draft; the page saves it (at once for a change of shape, after a pause for typing).
//! The Report page and the county's summary (上报汇总) share it.

use egui::{RichText, Ui};

use super::theme;
use crate::report::spec::{Drafted, Part, move_part};
use crate::report::{ReportData, ReportSpec, heading_number};
use crate::i18n::{tr, trf};

/// What the editor did to the draft this frame.
#[derive(Default)]
pub struct Edited {
    /// Text typed (saved after a pause).
    pub typed: bool,
    /// A part added, moved or deleted, a level changed (saved at once).
    pub reshaped: bool,
    /// 按数据重新生成 was clicked: the page redrafts (asking first where it must).
    pub redraft: bool,
}

/// The parts the 插入… menu offers, in its order.
fn insertable() -> [(&'static str, Part); 11] {
    let heading = |level| Part::Heading { level, text: String::new() };
    let drafted = |source| Part::Drafted { source, text: String::new(), generated: String::new() };
    [
        ("report.add_h1", heading(1)),
        ("report.add_h2", heading(2)),
        ("report.add_h3", heading(3)),
        ("report.add_h4", heading(4)),
        ("report.add_text", Part::Text { text: String::new() }),
        ("report.add_drafted_indicators", drafted(Drafted::Indicators)),
        ("report.add_drafted_ledger", drafted(Drafted::Ledger)),
        ("report.add_drafted_targets", drafted(Drafted::Targets)),
        ("report.add_indicator_table", Part::IndicatorTable),
        ("report.add_project_table", Part::ProjectTable),
        ("report.add_charts", Part::Charts),
    ]
}

fn drafted_label(source: Drafted) -> &'static str {
    match source {
        Drafted::Indicators => tr("report.drafted_indicators"),
        Drafted::Ledger => tr("report.drafted_ledger"),
        Drafted::Targets => tr("report.drafted_targets"),
    }
}

/// A drafted part as the data writes it now (the clerk then edits it).
fn drafted_now(source: Drafted, d: &ReportSpec, data: Option<&ReportData<'_>>) -> Part {
    let empty = Part::Drafted { source, text: String::new(), generated: String::new() };
    let Some(data) = data else { return empty };
    let mut one = ReportSpec { parts: vec![empty], ..d.clone() };
    one.regenerate(data);
    one.parts.remove(0)
}

/// The numbers the headings print with, counted as the clerk sees them (a heading left
/// out of the export for being empty is still counted here; the list above the editor
/// says which are empty).
fn numbers(parts: &[Part]) -> Vec<Option<String>> {
    let mut counters = [0usize; 4];
    parts
        .iter()
        .map(|p| {
            let level = p.level()?.clamp(1, 4);
            let at = usize::from(level - 1);
            counters[at] += 1;
            counters[at + 1..].iter_mut().for_each(|c| *c = 0);
            Some(heading_number(level, counters[at]))
        })
        .collect()
}

/// One row's buttons: ↑, ↓, 删除 and 插入… (after this part). Returns what was asked.
enum RowOp {
    Up,
    Down,
    Delete,
    Insert(Part),
}

fn row_buttons(ui: &mut Ui, i: usize, count: usize) -> Option<RowOp> {
    let mut op = None;
    if ui.add_enabled(i > 0, egui::Button::new("↑")).on_hover_text(tr("report.move_up")).clicked() {
        op = Some(RowOp::Up);
    }
    if ui.add_enabled(i + 1 < count, egui::Button::new("↓")).on_hover_text(tr("report.move_down")).clicked() {
        op = Some(RowOp::Down);
    }
    if ui.button(tr("report.delete_part")).clicked() {
        op = Some(RowOp::Delete);
    }
    ui.menu_button(tr("report.insert_after"), |ui| {
        for (key, part) in insertable() {
            if ui.button(tr(key)).clicked() {
                op = Some(RowOp::Insert(part));
                ui.close();
            }
        }
    });
    op
}

pub fn editor_ui(ui: &mut Ui, d: &mut ReportSpec, data: Option<&ReportData<'_>>, scroll_to: Option<usize>) -> Edited {
    let mut edited = Edited::default();
    ui.label(RichText::new(tr("report.title")).strong());
    edited.typed |= ui.add(egui::TextEdit::singleline(&mut d.title).desired_width(f32::INFINITY)).accessible_name(tr("report.title")).changed();
    ui.label(RichText::new(tr("report.opening")).strong());
    edited.typed |= ui.add(egui::TextEdit::multiline(&mut d.opening).desired_rows(2).desired_width(f32::INFINITY)).accessible_name(tr("report.opening")).changed();
    ui.add_space(theme::GAP);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr("report.parts")).strong());
        if ui.button(tr("report.regenerate")).on_hover_text(tr("report.regenerate_hint")).clicked() {
            edited.redraft = true;
        }
        if d.parts.is_empty() && ui.button(tr("report.insert_first")).clicked() {
            d.parts = crate::report::spec::seeds_shape(d.period);
            edited.reshaped = true;
        }
    });
    let numbers = numbers(&d.parts);
    let count = d.parts.len();
    let charts = d.charts.len();
    let mut op: Option<(usize, RowOp)> = None;
    let mut under = String::new();
    for (i, number) in numbers.iter().enumerate() {
        ui.push_id(("report_part", i), |ui| {
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let part = &mut d.parts[i];
                ui.horizontal_wrapped(|ui| {
                    match part {
                        Part::Heading { level, text } => {
                            let before = *level;
                            egui::ComboBox::from_id_salt(("level", i))
                                .selected_text(number.clone().unwrap_or_default())
                                .width(64.0)
                                .show_ui(ui, |ui| {
                                    for (l, key) in [(1, "report.level1"), (2, "report.level2"), (3, "report.level3"), (4, "report.level4")] {
                                        ui.selectable_value(level, l, tr(key));
                                    }
                                })
                                .response
                                .accessible_name(tr("report.heading_level"));
                            edited.reshaped |= *level != before;
                            let name = trf("report.heading_n", &[&(i + 1)]);
                            edited.typed |= ui.add(egui::TextEdit::singleline(text).desired_width(ui.available_width().min(420.0)).hint_text(tr("report.heading_hint"))).accessible_name(&name).changed();
                            under = crate::report::heading_text(text).to_owned();
                        }
                        Part::Text { .. } => {
                            ui.label(RichText::new(tr("report.text_part")).color(theme::derived(ui)));
                        }
                        Part::Drafted { source, text, generated } => {
                            let edited_note = if text != generated { tr("report.drafted_edited") } else { "" };
                            ui.label(RichText::new(format!("{}{edited_note}", drafted_label(*source))).color(theme::derived(ui)));
                        }
                        Part::IndicatorTable => {
                            ui.label(RichText::new(tr("report.block_indicator_table")).strong());
                        }
                        Part::ProjectTable => {
                            ui.label(RichText::new(tr("report.block_project_table")).strong());
                        }
                        Part::Charts => {
                            ui.label(RichText::new(trf("report.block_charts", &[&charts])).strong());
                        }
                        Part::ParksTable => {
                            ui.label(RichText::new(tr("report.block_parks_table")).strong());
                        }
                    }
                    if let Some(o) = row_buttons(ui, i, count) {
                        op = Some((i, o));
                    }
                });
                let name = match &d.parts[i] {
                    Part::Drafted { source, .. } => drafted_label(*source).to_owned(),
                    _ if under.is_empty() => trf("report.text_of", &[&tr("report.opening")]),
                    _ => trf("report.text_of", &[&under]),
                };
                if let Part::Text { text } | Part::Drafted { text, .. } = &mut d.parts[i] {
                    edited.typed |= ui.add(egui::TextEdit::multiline(text).desired_rows(3).desired_width(f32::INFINITY)).accessible_name(&name).changed();
                }
            });
            if scroll_to == Some(i) {
                frame.response.scroll_to_me(Some(egui::Align::TOP));
                frame.response.highlight();
            }
        });
    }
    if count == 0 {
        ui.label(RichText::new(tr("report.no_parts")).color(theme::warning(ui)));
    }
    if let Some((i, o)) = op {
        edited.reshaped = true;
        match o {
            RowOp::Up => {
                move_part(&mut d.parts, i, true);
            }
            RowOp::Down => {
                move_part(&mut d.parts, i, false);
            }
            RowOp::Delete => {
                d.parts.remove(i);
            }
            RowOp::Insert(part) => {
                let part = match part {
                    Part::Drafted { source, .. } => drafted_now(source, d, data),
                    other => other,
                };
                d.parts.insert(i + 1, part);
            }
        }
    }
    ui.add_space(theme::GAP);
    ui.horizontal_wrapped(|ui| {
        for (key, text) in [("report.issuer", &mut d.issuer), ("report.date", &mut d.date)] {
            ui.label(tr(key));
            edited.typed |= ui.add(egui::TextEdit::singleline(text).desired_width(220.0)).accessible_name(tr(key)).changed();
        }
    });
    egui::CollapsingHeader::new(tr("report.imprint")).show(ui, |ui| {
        ui.label(RichText::new(tr("report.imprint_hint")).small());
        for (key, text, width) in [("report.copy_to", &mut d.copy_to, f32::INFINITY), ("report.printed_by", &mut d.printed_by, 260.0), ("report.printed_on", &mut d.printed_on, 220.0)] {
            ui.horizontal(|ui| {
                ui.label(tr(key));
                edited.typed |= ui.add(egui::TextEdit::singleline(text).desired_width(width)).accessible_name(tr(key)).changed();
            });
        }
    });
    edited
}

//! Small shared widgets: labelled form fields and combo boxes that tests can find by label.

use egui::Ui;

use super::theme;

/// A label and a single-line text field named by it (for screen readers and tests).
pub fn text_field(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    ui.label(label);
    ui.add(egui::TextEdit::singleline(text).desired_width(theme::FIELD_WIDTH)).accessible_name(label)
}

/// A label and a multi-line text field.
pub fn text_area(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    ui.label(label);
    ui.add(egui::TextEdit::multiline(text).desired_width(theme::FIELD_WIDTH).desired_rows(2)).accessible_name(label)
}

/// A label, then a combo box over `options` named by it, showing `label_of` for each.
pub fn combo<T: PartialEq + Copy>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: impl IntoIterator<Item = T>,
    label_of: impl Fn(T) -> String,
) -> bool {
    let before = *value;
    ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .selected_text(label_of(*value))
        .show_ui(ui, |ui| {
            for o in options {
                ui.selectable_value(value, o, label_of(o));
            }
        })
        .response
        .accessible_name(label);
    *value != before
}

/// A span in the UI language: `1-6月` or `Jan–Jun`.
pub fn span_label(span: (u8, u8)) -> String {
    use crate::domain::period::{span_label_en, span_label_zh};
    if crate::i18n::is_english() { span_label_en(span.0, span.1) } else { span_label_zh(span.0, span.1) }
}

/// A date field in the window's language: a button with the date, and under it, while
/// open, a month calendar with the catalogue's month and weekday names and 取消/确定
/// (egui_extras's picker speaks English only). `draft` holds the date being picked.
pub fn date_ui(ui: &mut Ui, label: &str, date: &mut jiff::civil::Date, draft: &mut Option<jiff::civil::Date>) {
    use crate::i18n::tr;
    ui.vertical(|ui| {
        let shown = date.strftime("%Y-%m-%d").to_string();
        if ui.button(shown).accessible_name(label).clicked() {
            *draft = if draft.is_some() { None } else { Some(*date) };
        }
        let Some(d) = draft.as_mut() else { return };
        let (mut year, mut month) = (d.year(), d.month());
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut year).range(1949..=2100)).accessible_name(tr("date.year"));
            ui.label(tr("date.year"));
            egui::ComboBox::from_id_salt((label, "month"))
                .selected_text(tr(MONTHS[usize::from(month.unsigned_abs()).saturating_sub(1) % 12]))
                .show_ui(ui, |ui| {
                    for (i, key) in (1..).zip(MONTHS) {
                        ui.selectable_value(&mut month, i, tr(key));
                    }
                })
                .response
                .accessible_name(tr("date.month"));
        });
        if (year, month) != (d.year(), d.month()) {
            let day = d.day().min(days_in_month(year, month));
            *d = jiff::civil::Date::new(year, month, day).unwrap_or(*d);
        }
        egui::Grid::new((label, "days")).num_columns(7).show(ui, |ui| {
            for key in WEEKDAYS {
                ui.label(tr(key));
            }
            ui.end_row();
            let first = jiff::civil::Date::new(year, month, 1).unwrap_or(*d);
            // Monday first, as Chinese calendars are printed.
            for _ in 0..first.weekday().to_monday_zero_offset() {
                ui.label("");
            }
            for day in 1..=days_in_month(year, month) {
                if ui.selectable_label(d.day() == day, day.to_string()).clicked() {
                    *d = jiff::civil::Date::new(year, month, day).unwrap_or(*d);
                }
                if jiff::civil::Date::new(year, month, day).is_ok_and(|x| x.weekday() == jiff::civil::Weekday::Sunday) {
                    ui.end_row();
                }
            }
        });
        let picked = *d;
        let (cancel, ok) = ui.horizontal(|ui| (ui.button(tr("date.cancel")).clicked(), ui.button(tr("date.ok")).clicked())).inner;
        if ok {
            *date = picked;
        }
        if ok || cancel {
            *draft = None;
        }
    });
}

const MONTHS: [&str; 12] =
    ["date.m1", "date.m2", "date.m3", "date.m4", "date.m5", "date.m6", "date.m7", "date.m8", "date.m9", "date.m10", "date.m11", "date.m12"];
const WEEKDAYS: [&str; 7] = ["date.mon", "date.tue", "date.wed", "date.thu", "date.fri", "date.sat", "date.sun"];

fn days_in_month(year: i16, month: i8) -> i8 {
    jiff::civil::Date::new(year, month, 1).map_or(28, |d| d.days_in_month())
}

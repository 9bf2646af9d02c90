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

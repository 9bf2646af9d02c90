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

/// A load a page asked for (see `app::Lazy`): its data once there; until then a line
/// saying it is being read, with `ask` pushing the load, or the error in red.
pub fn loaded<'a, T>(ui: &mut Ui, result: Option<&'a Result<T, String>>, ask: impl FnOnce()) -> Option<&'a T> {
    match result {
        Some(Ok(data)) => Some(data),
        Some(Err(e)) => {
            ui.label(egui::RichText::new(e).color(theme::error(ui)));
            None
        }
        None => {
            ask();
            ui.label(crate::i18n::tr("report.loading"));
            None
        }
    }
}

/// 年份 and 期间 for a page that keeps its own choice (`None` until the clerk picks):
/// `default_year` until then, the full year by default. Returns the period shown.
pub fn period_ui(ui: &mut Ui, year: &mut Option<i32>, span: &mut Option<(u8, u8)>, default_year: i32) -> crate::domain::Period {
    let (a, b) = span.unwrap_or((1, 12));
    let mut shown = year.unwrap_or(default_year);
    ui.label(crate::i18n::tr("grid.year"));
    if ui.add(egui::DragValue::new(&mut shown).range(1949..=2100)).accessible_name(crate::i18n::tr("grid.year")).changed() {
        *year = Some(shown);
    }
    let mut chosen = (a, b);
    if combo(ui, crate::i18n::tr("grid.span"), &mut chosen, crate::domain::period::COMMON_SPANS, span_label) {
        *span = Some(chosen);
    }
    crate::domain::Period { year: year.unwrap_or(default_year), start_month: span.map_or(1, |s| s.0), end_month: span.map_or(12, |s| s.1) }
}

/// A span in the UI language: `1-6月` or `Jan–Jun`.
/// 1-3月 is also the first quarter, and says so in the list.
pub fn span_label(span: (u8, u8)) -> String {
    use crate::domain::period::{span_label_en, span_label_zh};
    match (crate::i18n::is_english(), span) {
        (true, (1, 3)) => "Jan–Mar (Q1)".to_owned(),
        (true, (1, 12)) => "Full year".to_owned(),
        (true, (a, b)) => span_label_en(a, b),
        (false, (1, 3)) => "1-3月（一季度）".to_owned(),
        (false, (a, b)) => span_label_zh(a, b),
    }
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

/// A file dialog that may not exist. Where the desktop offers no dialog service (no portal,
/// no zenity) rfd returns at once, as if the clerk had cancelled. A "cancel" quicker than a
/// person can click is taken for that failure: the page then says so and shows a path field
/// (filled with a suggestion in the Documents folder), so the export or open still works.
#[derive(Default)]
pub struct PathEntry {
    /// Which of the page's dialogs failed (a page with several numbers them).
    failed: Option<usize>,
    pub text: String,
}

/// Faster than any person cancels a dialog.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(250);

impl PathEntry {
    /// Runs dialog `which`; `suggested` is the file name offered in the path field if the
    /// dialog turns out not to exist.
    pub fn dialog(&mut self, which: usize, suggested: &str, dialog: impl FnOnce() -> Option<std::path::PathBuf>) -> Option<std::path::PathBuf> {
        let started = std::time::Instant::now();
        let picked = dialog();
        if picked.is_none() && started.elapsed() < NO_DIALOG {
            self.fail(which, suggested);
        }
        picked
    }

    /// Marks dialog `which` as unavailable, with `suggested` in the path field.
    pub fn fail(&mut self, which: usize, suggested: &str) {
        self.failed = Some(which);
        let dirs = directories::UserDirs::new();
        let folder = dirs.as_ref().and_then(|d| d.document_dir().map(std::path::Path::to_path_buf)).or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()));
        self.text = folder.map_or_else(|| suggested.to_owned(), |f| f.join(suggested).display().to_string());
    }

    /// After a dialog failed, on a page that has a path field of its own: what happened.
    pub fn note_ui(&self, ui: &mut Ui) {
        if self.failed.is_some() {
            ui.label(egui::RichText::new(crate::i18n::tr("dialog.type_path")).color(theme::warning(ui)));
        }
    }

    /// After a dialog failed: what happened, a path field, and a button labelled `action`.
    /// Returns the dialog's number and the typed path when the button is clicked.
    pub fn fallback_ui(&mut self, ui: &mut Ui, action: &str) -> Option<(usize, std::path::PathBuf)> {
        let which = self.failed?;
        let mut chosen = None;
        ui.label(egui::RichText::new(crate::i18n::tr("dialog.unavailable")).color(theme::warning(ui)));
        ui.horizontal(|ui| {
            let label = crate::i18n::tr("dialog.path");
            ui.label(label);
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(480.0)).accessible_name(label);
            let path = self.text.trim();
            if ui.add_enabled(!path.is_empty(), egui::Button::new(action)).clicked() {
                chosen = Some((which, std::path::PathBuf::from(path)));
            }
        });
        chosen
    }
}

//! 设置 page: language, theme and which database file is open.

use std::path::Path;

use egui::Ui;

use crate::app::{Action, Cache, Prefs, ThemePref};
use crate::i18n::{Lang, tr, trf};
use crate::report::pdf::FontChoice;

#[derive(Default)]
pub struct SettingsPage {
    new_chain: String,
}

/// The report-font roles, their catalogue keys and where each lives in [`FontChoice`].
fn font_roles(f: &mut FontChoice) -> [(&'static str, &mut Option<std::path::PathBuf>); 4] {
    [
        ("settings.font_fangsong", &mut f.fangsong),
        ("settings.font_heiti", &mut f.heiti),
        ("settings.font_kaiti", &mut f.kaiti),
        ("settings.font_xiaobiaosong", &mut f.xiaobiaosong),
    ]
}

fn report_fonts_ui(ui: &mut Ui, cache: &Cache, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(tr("settings.report_fonts")).strong());
    ui.label(egui::RichText::new(tr("settings.report_fonts_hint")).small());
    let mut fonts = cache.report_fonts.clone();
    let mut changed = false;
    egui::Grid::new("report_fonts").num_columns(3).show(ui, |ui| {
        for (key, slot) in font_roles(&mut fonts) {
            ui.label(tr(key));
            ui.label(slot.as_ref().map_or_else(|| tr("settings.font_embedded").to_owned(), |p| p.display().to_string()));
            ui.horizontal(|ui| {
                if ui.button(format!("{}…", tr("settings.font_pick"))).on_hover_text(tr(key)).clicked() {
                    if let Some(path) = rfd::FileDialog::new().add_filter(tr("settings.font_filter"), &["ttf", "otf", "ttc"]).pick_file() {
                        *slot = Some(path);
                        changed = true;
                    }
                }
                if slot.is_some() && ui.button(tr("settings.font_reset")).on_hover_text(tr(key)).clicked() {
                    *slot = None;
                    changed = true;
                }
            });
            ui.end_row();
        }
    });
    if changed {
        actions.push(Action::SetReportFonts(fonts));
    }
}

pub fn settings_ui(
    ui: &mut Ui,
    cache: &Cache,
    page: &mut SettingsPage,
    prefs: &Prefs,
    db_path: &Path,
    actions: &mut Vec<Action>,
) {
    ui.heading(tr("settings.title"));
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.language")).strong());
    ui.horizontal(|ui| {
        for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
            if ui.radio(prefs.lang == lang, label).clicked() {
                actions.push(Action::SetLang(lang));
            }
        }
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.theme")).strong());
    ui.horizontal(|ui| {
        for (theme, key) in [
            (ThemePref::System, "settings.theme_system"),
            (ThemePref::Light, "settings.theme_light"),
            (ThemePref::Dark, "settings.theme_dark"),
        ] {
            if ui.radio(prefs.theme == theme, tr(key)).clicked() {
                actions.push(Action::SetTheme(theme));
            }
        }
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.database")).strong());
    ui.label(db_path.display().to_string());
    ui.label(trf("settings.database_counts", &[&cache.parks.len(), &cache.indicators.len()]));
    ui.horizontal(|ui| {
        if ui.button(tr("settings.open_database")).clicked() {
            let picked = rfd::FileDialog::new()
                .add_filter(tr("settings.database_filter"), &["sqlite", "db", "parkledger"])
                .pick_file();
            if let Some(path) = picked {
                actions.push(Action::OpenDatabase(path));
            }
        }
        if ui.button(tr("settings.new_database")).clicked() {
            let picked = rfd::FileDialog::new()
                .add_filter(tr("settings.database_filter"), &["sqlite"])
                .set_file_name("parkledger.sqlite")
                .save_file();
            if let Some(path) = picked {
                actions.push(Action::OpenDatabase(path));
            }
        }
    });
    ui.add_space(8.0);
    report_fonts_ui(ui, cache, actions);
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.chains")).strong());
    ui.label(cache.chains.join("、"));
    ui.horizontal(|ui| {
        super::widgets::text_field(ui, tr("settings.new_chain"), &mut page.new_chain);
        if ui.button(tr("settings.add_chain")).clicked() {
            actions.push(Action::AddChain(std::mem::take(&mut page.new_chain)));
        }
    });
}

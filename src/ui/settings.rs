//! 设置 page: language, theme and which database file is open.

use std::path::Path;

use egui::Ui;

use crate::app::{Action, Cache, Prefs, ThemePref};
use crate::i18n::{Lang, tr, trf};

#[derive(Default)]
pub struct SettingsPage {
    new_chain: String,
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
    ui.label(egui::RichText::new(tr("settings.chains")).strong());
    ui.label(cache.chains.join("、"));
    ui.horizontal(|ui| {
        super::widgets::text_field(ui, tr("settings.new_chain"), &mut page.new_chain);
        if ui.button(tr("settings.add_chain")).clicked() {
            actions.push(Action::AddChain(std::mem::take(&mut page.new_chain)));
        }
    });
}

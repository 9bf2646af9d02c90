//! The app-wide settings: the UI language and which database is open. (The theme is the
//! window's business: see `ui::theme`.)

use std::path::PathBuf;

use super::{App, Event, Outcome};
use crate::i18n::{self, Lang, trf};
use crate::store::Store;

#[derive(Clone, Debug)]
pub enum SettingsAction {
    SetLang(Lang),
    OpenDatabase(PathBuf),
}

impl App {
    pub(super) fn apply_settings(&mut self, action: SettingsAction) -> Outcome {
        match action {
            SettingsAction::SetLang(lang) => {
                self.prefs.lang = lang;
                i18n::set_lang(lang);
                // The last message was in the other language, and so was the chart.
                self.status = super::Status::default();
                self.charts.chart.clear();
                Ok(None)
            }
            SettingsAction::OpenDatabase(path) => {
                let store = Store::open(&path)?;
                let prefs = super::Prefs { park: None, ..self.prefs.clone() };
                let exe = self.report.exe.take();
                *self = App::new(store, path, prefs);
                self.report.exe = exe;
                self.emit(Event::DataReplaced);
                Ok(Some(trf("status.opened", &[&self.db_path.display()])))
            }
        }
    }
}

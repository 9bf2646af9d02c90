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
    /// First run: keep the sample data (the notice is not shown again).
    KeepSample,
    /// First run: put the sample data aside in a file of its own and start empty.
    StartEmpty,
    /// An audit rule of the clerk's own (Settings → 审核规则).
    AddAuditRule(crate::domain::rule::UserRuleKind),
    DeleteAuditRule(i64),
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
            SettingsAction::KeepSample => {
                self.store.set_setting(crate::store::SAMPLE_NOTICE, "seen")?;
                self.sample_notice = false;
                Ok(None)
            }
            SettingsAction::AddAuditRule(kind) => {
                self.store.add_audit_rule(&crate::domain::rule::UserRule { id: 0, kind })?;
                self.cache.audit_rules = self.store.audit_rules()?;
                self.reload_park()?;
                Ok(Some(i18n::tr("status.audit_rule_added").to_owned()))
            }
            SettingsAction::DeleteAuditRule(id) => {
                self.store.delete_audit_rule(id)?;
                self.cache.audit_rules = self.store.audit_rules()?;
                self.reload_park()?;
                Ok(Some(i18n::tr("status.audit_rule_removed").to_owned()))
            }
            SettingsAction::StartEmpty => {
                let aside = sample_aside(&self.db_path);
                self.store.start_empty(&aside)?;
                self.sample_notice = false;
                self.cache.park_id = None;
                self.prefs.park = None;
                self.reload_all()?;
                self.history.reload(&self.store);
                self.emit(Event::DataReplaced);
                Ok(Some(trf("status.started_empty", &[&aside.display()])))
            }
        }
    }
}

/// Where the sample data goes when the clerk starts empty: `parkledger-示例数据.sqlite`
/// beside the database, with a time stamp when that name is taken.
fn sample_aside(db: &std::path::Path) -> PathBuf {
    let plain = db.with_file_name("parkledger-示例数据.sqlite");
    if !plain.exists() {
        return plain;
    }
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    db.with_file_name(format!("parkledger-示例数据-{stamp}.sqlite"))
}

//! 设置 page: what a clerk sets once and rarely again, kept off the working pages: the
//! language and theme, which database file is open, where backups go (and restoring
//! one), the report fonts, and the list of industrial chains the ledger offers.

use egui::Ui;

use crate::app::backups::BackupAction;
use crate::app::ledger::LedgerAction;
use crate::app::report::ReportAction;
use crate::app::settings::SettingsAction;
use super::theme::ThemePref;
use crate::app::{Actions, App, JobArea};
use crate::i18n::{Lang, tr, trf};
use crate::report::pdf::FontChoice;

#[derive(Default)]
pub struct SettingsPage {
    new_chain: String,
    /// The backups folder as typed.
    backup_dir: Option<String>,
    /// The backup the clerk asked to restore, waiting for confirmation.
    confirm_restore: Option<crate::store::backup::BackupInfo>,
    /// Which database to open or create when the desktop has no file dialog.
    database_path: super::widgets::PathEntry,
    /// The audit rule being put together: a part and its total, or an indicator and the
    /// YoY (±%) beyond which it wants a word.
    rule_part: Option<i64>,
    rule_total: Option<i64>,
    rule_indicator: Option<i64>,
    rule_limit: f64,
}

/// 备份: where snapshots go, a button to take one now, and the list to restore from.
/// Restoring shows the backup's date and counts first and says the current state is
/// backed up before anything is replaced.
fn backups_ui(ui: &mut Ui, app: &App, page: &mut SettingsPage, actions: &mut Actions) {
    let dir = app.backup_dir();
    let dir = dir.as_path();
    ui.label(egui::RichText::new(tr("backup.title")).strong());
    ui.label(egui::RichText::new(trf("backup.hint", &[&crate::store::backup::KEEP])).small());
    // The folder's path on a line of its own, as wide as the page: a path cut off at the
    // field's edge does not say where the backups are.
    let typed = page.backup_dir.get_or_insert_with(|| dir.display().to_string());
    ui.horizontal(|ui| {
        ui.label(tr("backup.folder"));
        ui.add(egui::TextEdit::singleline(typed).desired_width((ui.available_width() - 8.0).max(200.0)))
            .accessible_name(tr("backup.folder"));
    });
    ui.horizontal(|ui| {
        if ui.button(tr("backup.choose_folder")).clicked()
            && let Some(p) = rfd::FileDialog::new().set_directory(dir).pick_folder() {
                *typed = p.display().to_string();
                actions.push(BackupAction::SetDir(Some(p)));
            }
        if ui.button(tr("backup.use_folder")).clicked() {
            let t = typed.trim();
            actions.push(BackupAction::SetDir((!t.is_empty()).then(|| t.into())));
        }
        let idle = !app.jobs.running(JobArea::Backups);
        if ui.add_enabled(idle, egui::Button::new(tr("backup.now"))).clicked() {
            actions.push(BackupAction::Now);
        }
    });
    if let Some(job) = app.jobs.view(JobArea::Backups) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr(job.label));
        });
    }
    // Listed once per folder and change (each snapshot is opened to count it), on a job.
    let key = dir.to_path_buf();
    if app.backups.list.wants(&key) {
        actions.push(BackupAction::Load);
    }
    let Some(loaded) = app.backups.list.get(&key) else { return };
    let (list, db_counts) = match loaded {
        Ok((list, counts)) => (list, *counts),
        Err(e) => {
            ui.label(egui::RichText::new(e).color(super::theme::error(ui)));
            return;
        }
    };
    if list.is_empty() {
        ui.label(tr("backup.none"));
    }
    egui::Grid::new("backups").striped(true).num_columns(4).show(ui, |ui| {
        for b in list.iter().take(crate::store::backup::KEEP) {
            let tag = if b.before_restore { tr("backup.before_restore") } else { "" };
            let unnamed = if b.unnamed { tr("backup.unnamed") } else { "" };
            ui.label(format!("{}{tag}{unnamed}", b.taken));
            ui.label(counts_text(b.counts));
            ui.label(format!("{:.1} MB", b.bytes as f64 / 1_048_576.0));
            if ui.add_enabled(b.counts.is_some(), egui::Button::new(tr("backup.restore"))).clicked() {
                page.confirm_restore = Some(b.clone());
            }
            ui.end_row();
        }
    });
    if let Some(b) = page.confirm_restore.clone() {
        egui::Window::new(tr("backup.confirm_title")).collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ui.ctx(), |ui| {
            ui.label(trf("backup.confirm", &[&b.taken, &counts_text(b.counts)]));
            ui.label(trf("backup.confirm_now", &[&counts_text(Some(db_counts))]));
            ui.horizontal(|ui| {
                if ui.button(tr("backup.confirm_yes")).clicked() {
                    actions.push(BackupAction::Restore(b.path.clone()));
                    page.confirm_restore = None;
                }
                if ui.button(tr("action.cancel")).clicked() {
                    page.confirm_restore = None;
                }
            });
        });
    }
}

fn counts_text(counts: Option<[i64; 4]>) -> String {
    match counts {
        None => tr("backup.unreadable").to_owned(),
        Some([parks, _, values, projects]) => trf("backup.counts", &[&parks, &values, &projects]),
    }
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

fn report_fonts_ui(ui: &mut Ui, app: &App, actions: &mut Actions) {
    ui.label(egui::RichText::new(tr("settings.report_fonts")).strong());
    ui.label(egui::RichText::new(tr("settings.report_fonts_hint")).small());
    let mut fonts = app.report.fonts.clone();
    let mut changed = false;
    egui::Grid::new("report_fonts").num_columns(3).show(ui, |ui| {
        for (key, slot) in font_roles(&mut fonts) {
            ui.label(tr(key));
            ui.label(slot.as_ref().map_or_else(|| tr("settings.font_embedded").to_owned(), |p| p.display().to_string()));
            ui.horizontal(|ui| {
                if ui.button(format!("{}…", tr("settings.font_pick"))).on_hover_text(tr(key)).clicked()
                    && let Some(path) = rfd::FileDialog::new().add_filter(tr("settings.font_filter"), &["ttf", "otf", "ttc"]).pick_file() {
                        *slot = Some(path);
                        changed = true;
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
        actions.push(ReportAction::SetFonts(fonts));
    }
}

pub fn settings_ui(ui: &mut Ui, app: &App, page: &mut SettingsPage, current: &mut ThemePref, actions: &mut Actions) {
    // A long page: it scrolls in a small window rather than cutting its last sections off.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| settings_sections_ui(ui, app, page, current, actions));
}

fn settings_sections_ui(ui: &mut Ui, app: &App, page: &mut SettingsPage, current: &mut ThemePref, actions: &mut Actions) {
    let (cache, prefs, db_path) = (&app.cache, &app.prefs, app.db_path());
    ui.heading(tr("settings.title"));
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.language")).strong());
    ui.horizontal(|ui| {
        for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
            if ui.radio(prefs.lang == lang, label).clicked() {
                actions.push(SettingsAction::SetLang(lang));
            }
        }
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.theme")).strong());
    ui.horizontal(|ui| {
        for (choice, key) in [
            (ThemePref::System, "settings.theme_system"),
            (ThemePref::Light, "settings.theme_light"),
            (ThemePref::Dark, "settings.theme_dark"),
        ] {
            if ui.radio(*current == choice, tr(key)).clicked() {
                *current = choice;
                super::theme::apply(ui.ctx(), choice);
            }
        }
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.database")).strong());
    ui.label(db_path.display().to_string());
    ui.label(trf("settings.database_counts", &[&cache.parks.len(), &cache.indicators.len()]));
    ui.horizontal(|ui| {
        if ui.button(tr("settings.open_database")).clicked() {
            let picked = page.database_path.dialog(0, "parkledger.sqlite", || {
                rfd::FileDialog::new().add_filter(tr("settings.database_filter"), &["sqlite", "db", "parkledger"]).pick_file()
            });
            if let Some(path) = picked {
                actions.push(SettingsAction::OpenDatabase(path));
            }
        }
        if ui.button(tr("settings.new_database")).clicked() {
            let picked = page.database_path.dialog(1, "parkledger.sqlite", || {
                rfd::FileDialog::new().add_filter(tr("settings.database_filter"), &["sqlite"]).set_file_name("parkledger.sqlite").save_file()
            });
            if let Some(path) = picked {
                actions.push(SettingsAction::OpenDatabase(path));
            }
        }
    });
    if let Some((_, path)) = page.database_path.fallback_ui(ui, tr("settings.open_typed_database")) {
        actions.push(SettingsAction::OpenDatabase(path));
    }
    ui.add_space(8.0);
    backups_ui(ui, app, page, actions);
    ui.add_space(8.0);
    report_fonts_ui(ui, app, actions);
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("settings.chains")).strong());
    ui.label(cache.chains.join(tr("list_sep")));
    ui.horizontal(|ui| {
        super::widgets::text_field(ui, tr("settings.new_chain"), &mut page.new_chain);
        if ui.button(tr("settings.add_chain")).clicked() {
            actions.push(LedgerAction::AddChain(std::mem::take(&mut page.new_chain)));
        }
    });    ui.add_space(8.0);
    audit_rules_ui(ui, cache, page, actions);
}

/// 审核规则: the clerk's own checks beside the built-in ones. Each reads as a sentence
/// (`工业用电量 ≤ 用电量`, `规上工业总产值 同比超过 ±30% 需说明`) with a button to remove it.
fn audit_rules_ui(ui: &mut Ui, cache: &crate::app::Cache, page: &mut SettingsPage, actions: &mut Actions) {
    use crate::domain::rule::UserRuleKind;
    ui.label(egui::RichText::new(tr("audit_rules.title")).strong());
    ui.label(egui::RichText::new(tr("audit_rules.hint")).small());
    let name = |id: i64| cache.indicator(id).map_or("?", |i| i.name(crate::i18n::is_english()));
    for rule in &cache.audit_rules {
        ui.horizontal(|ui| {
            let text = match rule.kind {
                UserRuleKind::PartOf { part, total } => trf("audit_rules.part_of", &[&name(part), &name(total)]),
                UserRuleKind::YoyLimit { indicator, limit_pct } => trf("audit_rules.yoy_limit", &[&name(indicator), &crate::domain::format::trimmed(limit_pct, 1)]),
            };
            ui.label(text);
            if ui.small_button(tr("audit_rules.remove")).clicked() {
                actions.push(SettingsAction::DeleteAuditRule(rule.id));
            }
        });
    }
    let pick = |ui: &mut Ui, label: &str, chosen: &mut Option<i64>| {
        egui::ComboBox::from_id_salt(label)
            .selected_text(chosen.map_or(tr("import.choose"), name))
            .width(220.0)
            .show_ui(ui, |ui| {
                for ind in &cache.indicators {
                    ui.selectable_value(chosen, Some(ind.id), ind.name(crate::i18n::is_english()));
                }
            })
            .response
            .accessible_name(label);
    };
    ui.horizontal_wrapped(|ui| {
        pick(ui, tr("audit_rules.part"), &mut page.rule_part);
        ui.label("≤");
        pick(ui, tr("audit_rules.total"), &mut page.rule_total);
        if let (Some(part), Some(total)) = (page.rule_part, page.rule_total)
            && ui.button(tr("audit_rules.add_part_of")).clicked()
        {
            actions.push(SettingsAction::AddAuditRule(UserRuleKind::PartOf { part, total }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        pick(ui, tr("audit_rules.indicator"), &mut page.rule_indicator);
        ui.label(tr("audit_rules.beyond"));
        if page.rule_limit <= 0.0 {
            page.rule_limit = 50.0;
        }
        ui.add(egui::DragValue::new(&mut page.rule_limit).range(1.0..=10_000.0).suffix("%")).accessible_name(tr("audit_rules.beyond"));
        if let Some(indicator) = page.rule_indicator
            && ui.button(tr("audit_rules.add_yoy_limit")).clicked()
        {
            actions.push(SettingsAction::AddAuditRule(UserRuleKind::YoyLimit { indicator, limit_pct: page.rule_limit }));
        }
    });
}

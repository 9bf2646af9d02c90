//! What the user asked for in a frame, and how it is applied after drawing.

use jiff::civil::Date;

use super::{CellKey, ParkLedgerApp, ProjectDraft, Status, ThemePref};
use crate::domain::park::{Park, Zone};
use crate::domain::period::Period;
use crate::domain::project::ProjectStatus;
use crate::domain::value::ValueKind;
use crate::chart::build::ChartChoice;
use crate::domain::Indicator;
use crate::i18n::{self, Lang, tr, trf};
use crate::store::Store;

#[must_use]
#[derive(Clone, Debug)]
pub enum Action {
    SelectPark(i64),
    SavePark(Park),
    DeletePark(i64),
    SaveZone(Zone),
    DeleteZone(i64),
    AddIndicator(Indicator),
    /// A cell's text was committed.
    SetCell(CellKey, String),
    /// A pasted block: every cell or none.
    PasteCells(Vec<(CellKey, String)>),
    /// Cells the clerk confirmed after being asked (a YoY over 1000%).
    ConfirmCells(Vec<(CellKey, String)>),
    SaveProject(ProjectDraft),
    DeleteProject(i64),
    ChangeStatus { project_id: i64, status: ProjectStatus, date: Date, note: String },
    AddProgress { project_id: i64, date: Date, note: String },
    AddChain(String),
    /// The Charts page wants this chart.
    SetChart(ChartChoice),
    /// The chart button beside an indicator row.
    ShowIndicatorChart { indicator: String, span: (u8, u8) },
    ExportChart { path: std::path::PathBuf, size: (u32, u32) },
    CopyChart { size: (u32, u32) },
    AddToDeck(ChartChoice),
    RemoveFromDeck(usize),
    StartPresentation,
    StopPresentation,
    /// Load (or draft) the report for the selected park and this period.
    OpenReport(crate::domain::Period),
    SaveReport(crate::report::ReportSpec),
    /// Rewrite the drafted sections from the data (asked first if edited).
    RegenerateReport,
    /// Append next year's recorded targets to the plan section.
    InsertTargets,
    ExportReport { period: crate::domain::Period, path: std::path::PathBuf },
    SetReportFonts(crate::report::pdf::FontChoice),
    /// Read a spreadsheet and show what importing it would do; writes nothing.
    PreviewImport { path: std::path::PathBuf, park: Option<String> },
    /// Write the previewed import (one transaction).
    CommitImport,
    CancelImport,
    /// Read an old summary (.txt or .docx) into the review.
    LoadSummary { path: std::path::PathBuf },
    /// Preview the figures accepted in the review, for the current park.
    PlanReviewed { figures: Vec<crate::import::Reviewed>, source: String },
    /// Remember that `label` names an indicator in this office's sheets, and preview the
    /// file again with it.
    RememberLabel { label: String, indicator_id: i64, path: std::path::PathBuf, park: Option<String> },
    /// The ledger shows every park: load all projects once.
    LoadAllProjects,
    SetLang(Lang),
    SetTheme(ThemePref),
    OpenDatabase(std::path::PathBuf),
    /// Take back the newest recorded action (Ctrl+Z).
    Undo,
    /// Write again the action undone last (Ctrl+Y, Ctrl+Shift+Z).
    Redo,
    /// Put one row back as it was before a recorded change.
    RestoreChange(crate::store::ChangeRow),
    /// Show the history of the whole database, of one grid cell, or of one project.
    ShowHistory(HistoryScope),
    /// Take a snapshot now.
    BackupNow,
    /// List the snapshots (Settings).
    LoadBackups,
    /// Use another backups folder (`None`: the default beside the database).
    SetBackupDir(Option<std::path::PathBuf>),
    /// Replace the data with a snapshot (after snapshotting the current state).
    RestoreBackup(std::path::PathBuf),
    /// The history of a grid cell of the selected park.
    ShowCellHistory(CellKey),
    /// List the rows one recorded action wrote.
    OpenChangeGroup(i64),
}

/// What the history page lists.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryScope {
    /// The audit view: every recorded action, filtered.
    All(crate::store::AuditFilter),
    Cell { park_id: i64, indicator_id: i64, period: Period, kind: ValueKind },
    Project(i64),
}

impl Action {
    /// How the change history names this action, or `None` when it writes no user data.
    fn history_label(&self, cache: &super::Cache) -> Option<String> {
        let park = |id: i64| cache.parks.iter().find(|p| p.id == id).map_or_else(String::new, |p| p.name.clone());
        let project = |id: i64| cache.projects.iter().find(|p| p.id == id).map_or_else(String::new, |p| p.name.clone());
        let indicator = |id: i64| cache.indicator(id).map_or_else(String::new, |i| i.name_zh.clone());
        Some(match self {
            Action::SavePark(p) => format!("保存园区 {}", p.name),
            Action::DeletePark(id) => format!("删除园区 {}", park(*id)),
            Action::SaveZone(z) => format!("保存片区 {}", z.name),
            Action::DeleteZone(_) => "删除片区".to_owned(),
            Action::AddIndicator(i) => format!("新增指标 {}", i.name_zh),
            Action::SetCell(k, text) => {
                format!("修改 {} {} {}：{}", indicator(k.indicator_id), k.period.label_zh(), k.kind.label_zh(), text.trim())
            }
            Action::PasteCells(cells) | Action::ConfirmCells(cells) if cells.len() > 1 => format!("粘贴 {} 格", cells.len()),
            Action::ConfirmCells(cells) => match cells.first() {
                Some((k, text)) => format!("修改 {} {} {}：{}", indicator(k.indicator_id), k.period.label_zh(), k.kind.label_zh(), text.trim()),
                None => return None,
            },
            Action::SaveProject(d) => format!("保存项目 {}", d.name.trim()),
            Action::DeleteProject(id) => format!("删除项目 {}", project(*id)),
            Action::ChangeStatus { project_id, status, .. } => format!("{} 状态改为{}", project(*project_id), status.label_zh()),
            Action::AddProgress { project_id, .. } => format!("{} 添加进展", project(*project_id)),
            Action::SaveReport(_) | Action::RegenerateReport | Action::InsertTargets => "修改工作总结".to_owned(),
            // Action::RestoreChange records itself (Store::restore_row), as the CLI would.
            _ => return None,
        })
    }
}

impl ParkLedgerApp {
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action) {
        // Every action that writes user data is one recorded, undoable step.
        let label = action.history_label(&self.cache);
        let group = match &label {
            Some(label) => match self.store.begin_record(label, self.cache.park_id) {
                Ok(g) => Some(g),
                Err(e) => return self.report(Err(e.into())),
            },
            None => None,
        };
        let result = self.try_apply(ctx, action);
        let ended = group.map(|g| self.store.end_record(g)).transpose();
        self.report(result);
        if let Err(e) = ended {
            self.report(Err(e.into()));
        }
        self.cache.reload_history(&self.store);
    }

    /// Shows what an action or a finished job did in the status line.
    pub(super) fn report(&mut self, result: anyhow::Result<Option<String>>) {
        match result {
            Ok(Some(text)) => self.status = Status { text, is_error: false },
            Ok(None) => {}
            Err(e) => self.status = Status { text: format!("{e:#}"), is_error: true },
        }
    }

    /// Takes a background job's outcome: a plan to show, or an import written.
    pub(super) fn finish_job(&mut self, outcome: super::jobs::Outcome) -> anyhow::Result<Option<String>> {
        match outcome {
            super::jobs::Outcome::Planned(plan) => {
                let plan = plan?;
                let summary = plan.summary();
                self.cache.import_plan = Some(plan);
                Ok(Some(summary))
            }
            super::jobs::Outcome::Committed(plan, written) => match written {
                Ok(n) => {
                    self.cache.reload_all(&self.store, self.prefs.park.as_deref())?;
                    Ok(Some(trf("status.imported", &[&n])))
                }
                Err(e) => {
                    // Nothing was written (one transaction); the preview stays for a retry.
                    self.cache.import_plan = Some(plan);
                    Err(e)
                }
            },
        }
    }

    fn try_apply(&mut self, ctx: &egui::Context, action: Action) -> anyhow::Result<Option<String>> {
        let saved = || Some(tr("status.saved").to_owned());
        match action {
            Action::SelectPark(id) => {
                self.cache.park_id = Some(id);
                self.prefs.park = self.cache.parks.iter().find(|p| p.id == id).map(|p| p.name.clone());
                self.pages.park_changed();
                self.cache.reload_park(&self.store)?;
                Ok(None)
            }
            Action::SavePark(park) => {
                if park.id == 0 {
                    let id = self.store.insert_park(&park)?;
                    self.cache.park_id = Some(id);
                    self.prefs.park = Some(park.name.trim().to_owned());
                } else {
                    self.store.update_park(&park)?;
                }
                self.cache.reload_parks(&self.store)?;
                Ok(saved())
            }
            Action::DeletePark(id) => {
                let name = self.cache.parks.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default();
                self.store.delete_park(id)?;
                self.cache.park_id = None;
                self.cache.reload_parks(&self.store)?;
                Ok(Some(trf("status.deleted", &[&name])))
            }
            Action::SaveZone(zone) => {
                if zone.id == 0 { self.store.insert_zone(&zone)?; } else { self.store.update_zone(&zone)?; }
                self.cache.reload_parks(&self.store)?;
                Ok(saved())
            }
            Action::DeleteZone(id) => {
                self.store.delete_zone(id)?;
                self.cache.reload_parks(&self.store)?;
                Ok(saved())
            }
            Action::AddIndicator(ind) => {
                self.store.insert_indicator(&ind)?;
                self.cache.indicators = self.store.indicators()?;
                Ok(saved())
            }
            Action::SetCell(key, text) => self.apply_cells(vec![(key, text)], false),
            Action::PasteCells(cells) => self.apply_cells(cells, false),
            Action::ConfirmCells(cells) => self.apply_cells(cells, true),
            Action::SaveProject(draft) => {
                let project = draft.to_project()?;
                if project.id == 0 {
                    let id = self.store.insert_project(&project)?;
                    self.pages.ledger.select(Some(id));
                } else {
                    self.store.update_project(&project)?;
                    self.pages.ledger.draft = None;
                }
                self.cache.reload_park(&self.store)?;
                Ok(saved())
            }
            Action::DeleteProject(id) => {
                self.store.delete_project(id)?;
                self.pages.ledger.select(None);
                self.cache.reload_park(&self.store)?;
                Ok(saved())
            }
            Action::ChangeStatus { project_id, status, date, note } => {
                self.store.change_status(project_id, status, date, &note)?;
                // The change may have filled the start or completion date: re-read the form.
                self.pages.ledger.draft = None;
                self.cache.reload_park(&self.store)?;
                Ok(Some(trf("status.status_changed", &[&i18n::name(status)])))
            }
            Action::AddProgress { project_id, date, note } => {
                self.store.add_progress(project_id, date, &note)?;
                self.cache.reload_park(&self.store)?;
                Ok(saved())
            }
            Action::AddChain(name) => {
                self.store.add_chain(&name)?;
                self.cache.chains = self.store.chains()?;
                Ok(saved())
            }
            Action::SetChart(choice) => {
                self.cache.build_chart(&self.store, choice)?;
                Ok(None)
            }
            Action::ShowIndicatorChart { indicator, span } => {
                self.pages.charts.show_indicator(&indicator, span);
                self.prefs.page = super::Page::Charts;
                Ok(None)
            }
            Action::ExportChart { path, size } => {
                let svg = self.chart_svg(size)?;
                let bytes = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                    Some("svg") => svg.into_bytes(),
                    _ => crate::chart::png::to_png(&svg, size.0, size.1)?,
                };
                std::fs::write(&path, bytes).map_err(|e| anyhow::anyhow!(trf("error.write_failed", &[&path.display(), &e])))?;
                Ok(Some(trf("status.exported", &[&path.display()])))
            }
            Action::CopyChart { size } => {
                let rgba = crate::chart::png::to_rgba(&self.chart_svg(size)?, size.0, size.1)?;
                let image = egui::ColorImage::from_rgba_unmultiplied([size.0 as usize, size.1 as usize], &rgba);
                ctx.copy_image(image);
                Ok(Some(tr("status.copied").to_owned()))
            }
            Action::AddToDeck(choice) => {
                let park_id = self.cache.park_id.ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let mut deck = self.cache.deck.clone();
                deck.push(choice);
                self.store.set_deck(park_id, &deck)?;
                self.cache.deck = deck;
                Ok(Some(trf("status.deck_added", &[&self.cache.deck.len()])))
            }
            Action::RemoveFromDeck(i) => {
                let park_id = self.cache.park_id.ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let mut deck = self.cache.deck.clone();
                if i < deck.len() {
                    deck.remove(i);
                }
                self.store.set_deck(park_id, &deck)?;
                self.cache.deck = deck;
                Ok(Some(tr("status.saved").to_owned()))
            }
            Action::StartPresentation => {
                let deck = self.cache.deck.clone();
                let figures = deck.iter().map(|c| self.cache.figure(&self.store, c)).collect::<anyhow::Result<Vec<_>>>()?;
                self.pages.presentation = Some(crate::ui::charts::Presentation { figures, index: 0 });
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                Ok(None)
            }
            Action::StopPresentation => {
                self.pages.presentation = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                Ok(None)
            }
            Action::OpenReport(period) => {
                let park = self.cache.park().cloned().ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let (spec, ..) = crate::report::load(&self.store, &park, period)?;
                self.cache.report = Some((period, spec));
                Ok(None)
            }
            Action::SaveReport(spec) => {
                let stamp = self.store.save_report(&spec)?;
                self.cache.report = Some((spec.period, crate::report::ReportSpec { updated_at: stamp, ..spec }));
                Ok(Some(tr("status.saved").to_owned()))
            }
            Action::RegenerateReport | Action::InsertTargets => {
                let park = self.cache.park().cloned().ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let Some((period, mut spec)) = self.cache.report.clone() else { return Ok(None) };
                let data = crate::report::ReportData {
                    park: &park,
                    indicators: &self.cache.indicators,
                    values: &self.cache.values,
                    projects: &self.cache.projects,
                };
                if matches!(action, Action::RegenerateReport) {
                    spec.regenerate(&data);
                } else {
                    let targets = crate::report::draft::targets_text(data.indicators, data.values, period.year + 1);
                    if targets.is_empty() {
                        return Ok(Some(tr("report.no_targets").to_owned()));
                    }
                    if !spec.plan_text.is_empty() {
                        spec.plan_text.push('\n');
                    }
                    spec.plan_text.push_str(&targets);
                }
                let stamp = self.store.save_report(&spec)?;
                spec.updated_at = stamp;
                self.cache.report = Some((period, spec));
                self.pages.report.reload();
                Ok(Some(tr("status.saved").to_owned()))
            }
            Action::ExportReport { period, path } => {
                let park = self.cache.park().cloned().ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                export_report_in_child(&std::env::current_exe()?, &self.db_path, &park.name, period, &path)?;
                Ok(Some(trf("status.exported", &[&path.display()])))
            }
            Action::PreviewImport { path, park } => {
                if self.job.is_some() {
                    return Ok(None);
                }
                self.cache.import_plan = None;
                self.job = Some(super::jobs::Job::plan(self.db_path.clone(), path, park));
                Ok(None)
            }
            Action::CommitImport => {
                if self.job.is_some() {
                    return Ok(None);
                }
                let Some(plan) = self.cache.import_plan.take() else { return Ok(None) };
                self.job = Some(super::jobs::Job::commit(self.db_path.clone(), plan, self.cache.park_id));
                Ok(None)
            }
            Action::Undo | Action::Redo => {
                let undo = matches!(action, Action::Undo);
                let done = if undo { self.store.undo()? } else { self.store.redo()? };
                let Some(group) = done else { return Ok(Some(tr(if undo { "history.nothing_to_undo" } else { "history.nothing_to_redo" }).to_owned())) };
                self.cache.reload_all(&self.store, self.prefs.park.as_deref())?;
                self.pages.after_reload();
                Ok(Some(trf(if undo { "history.undone" } else { "history.redone" }, &[&group.label])))
            }
            Action::RestoreChange(change) => {
                self.store.restore_row(&change)?;
                self.cache.reload_all(&self.store, self.prefs.park.as_deref())?;
                self.pages.after_reload();
                Ok(Some(tr("history.restored").to_owned()))
            }
            Action::ShowHistory(scope) => {
                self.cache.history.load(&self.store, scope)?;
                self.prefs.page = super::Page::History;
                Ok(None)
            }
            Action::BackupNow => {
                let path = crate::store::backup::snapshot(&self.db_path, &self.backup_dir(), None)?;
                self.cache.backups = None;
                Ok(Some(trf("backup.done", &[&path.display()])))
            }
            Action::LoadBackups => {
                self.cache.backups = Some(crate::store::backup::list(&self.backup_dir()));
                self.cache.db_counts = self.store.counts()?;
                Ok(None)
            }
            Action::SetBackupDir(dir) => {
                if let Some(d) = &dir {
                    std::fs::create_dir_all(d).map_err(|e| anyhow::anyhow!(trf("backup.bad_folder", &[&d.display(), &e])))?;
                }
                self.prefs.backup_dir = dir;
                self.cache.backups = None;
                Ok(Some(trf("backup.folder_set", &[&self.backup_dir().display()])))
            }
            Action::RestoreBackup(path) => {
                let dir = self.backup_dir();
                let saved = self.store.restore_from(&self.db_path, &path, &dir)?;
                self.cache.backups = None;
                self.cache.reload_all(&self.store, self.prefs.park.as_deref())?;
                self.pages.after_reload();
                Ok(Some(trf("backup.restored", &[&path.display(), &saved.display()])))
            }
            Action::ShowCellHistory(key) => {
                let park_id = self.cache.park_id.ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let scope = HistoryScope::Cell { park_id, indicator_id: key.indicator_id, period: key.period, kind: key.kind };
                self.cache.history.load(&self.store, scope)?;
                self.prefs.page = super::Page::History;
                Ok(None)
            }
            Action::OpenChangeGroup(id) => {
                self.cache.history.open = Some((id, self.store.change_rows(id)?));
                Ok(None)
            }
            Action::LoadSummary { path } => {
                let text = crate::import::docx::summary_text(&path)?;
                self.cache.import_plan = None;
                self.pages.import.review.set_text(text, &self.cache);
                Ok(Some(trf("extract.loaded", &[&self.pages.import.review.rows.len()])))
            }
            Action::PlanReviewed { figures, source } => {
                let park = self.cache.park_id.ok_or_else(|| anyhow::anyhow!(tr("error.no_park")))?;
                let plan = crate::import::plan_reviewed(&self.store, park, &figures, &source)?;
                let summary = plan.summary();
                self.cache.import_plan = Some(plan);
                Ok(Some(summary))
            }
            Action::RememberLabel { label, indicator_id, path, park } => {
                self.store.remember_label(&label, indicator_id)?;
                self.job = Some(super::jobs::Job::plan(self.db_path.clone(), path, park));
                Ok(Some(trf("status.remembered", &[&label])))
            }
            Action::CancelImport => {
                self.cache.import_plan = None;
                Ok(None)
            }
            Action::LoadAllProjects => {
                self.cache.all_projects = Some(self.store.projects()?);
                // Views derived from the project list are stale now.
                self.cache.generation += 1;
                Ok(None)
            }
            Action::SetReportFonts(fonts) => {
                crate::report::pdf::check_fonts(&fonts)?;
                self.store.set_report_fonts(&fonts)?;
                self.cache.report_fonts = fonts;
                Ok(Some(tr("status.saved").to_owned()))
            }
            Action::SetLang(lang) => {
                self.prefs.lang = lang;
                i18n::set_lang(lang);
                Ok(None)
            }
            Action::SetTheme(theme) => {
                self.prefs.theme = theme;
                crate::ui::theme::apply(ctx, theme);
                Ok(None)
            }
            Action::OpenDatabase(path) => {
                let store = Store::open(&path)?;
                self.store = store;
                self.db_path = path;
                self.pages = Default::default();
                self.cache = Default::default();
                self.cache.reload_all(&self.store, None)?;
                Ok(Some(trf("status.opened", &[&self.db_path.display()])))
            }
        }
    }

    /// The Charts page's figure as SVG at `size`.
    fn chart_svg(&self, size: (u32, u32)) -> anyhow::Result<String> {
        let (_, fig) = self.cache.chart.as_ref().ok_or_else(|| anyhow::anyhow!(tr("error.no_chart")))?;
        Ok(crate::chart::svg::figure_svg(fig, size.0, size.1))
    }
}

/// Writes a report PDF by running `parkledger report` on the same database. printpdf
/// numbers its objects from a process-wide counter, so a second export inside a
/// long-running window would differ byte for byte from the command line's; a fresh
/// process makes the GUI's file identical to the command line's.
pub fn export_report_in_child(
    exe: &std::path::Path,
    db: &std::path::Path,
    park: &str,
    period: crate::domain::Period,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let output = std::process::Command::new(exe)
        .arg("report")
        .args(["--park", park, "--year", &period.year.to_string(), "--span"])
        .arg(format!("{}-{}", period.start_month, period.end_month))
        .arg("-o")
        .arg(out)
        .arg("--db")
        .arg(db)
        .output()?;
    if !output.status.success() {
        anyhow::bail!("{}", String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(())
}

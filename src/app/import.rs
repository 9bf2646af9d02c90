//! Spreadsheet imports and figures reviewed from old summaries: read and planned on a
//! background job, shown as a preview that waits for the clerk, then written in one
//! transaction on another job. Reading an old summary runs on a job too.

use std::path::PathBuf;

use super::jobs::{Job, JobArea, Outcome as JobOutcome};
use super::{App, Event, Outcome, no_park};
use crate::import::ImportPlan;
use crate::i18n::{tr, trf};
use crate::store::Store;

#[derive(Clone, Debug)]
pub enum ImportAction {
    /// Read a spreadsheet and show what importing it would do; writes nothing.
    Preview { path: PathBuf, park: Option<String> },
    /// Write the previewed import (one transaction).
    Commit,
    Cancel,
    /// Read an old summary (.txt or .docx) into the review.
    LoadSummary { path: PathBuf },
    /// Preview the figures accepted in the review, for the current park.
    PlanReviewed { figures: Vec<crate::import::Reviewed>, source: String },
    /// Remember that `label` names an indicator in this office's sheets, and preview the
    /// file again with it.
    RememberLabel { label: String, indicator_id: i64, path: PathBuf, park: Option<String> },
    /// Remember the names a summary gave figures the clerk mapped in the review.
    RememberNames(Vec<(String, i64)>),
    /// Add an indicator for a figure of a summary whose name the catalogue lacks, and
    /// remember the name (`label`) for it.
    NewIndicatorFor { indicator: crate::domain::indicator::Indicator, label: String },
}

#[derive(Default)]
pub struct ImportState {
    /// The import waiting for the clerk's confirmation.
    pub plan: Option<ImportPlan>,
}

impl App {
    pub(super) fn apply_import(&mut self, action: ImportAction) -> Outcome {
        if self.jobs.running(JobArea::Import) && !matches!(action, ImportAction::Cancel) {
            return Ok(Some(tr("status.busy").to_owned()));
        }
        match action {
            ImportAction::Preview { path, park } => {
                self.import.plan = None;
                self.jobs.start(plan_job(self.db_path.clone(), path, park));
                Ok(None)
            }
            ImportAction::Commit => {
                let Some(plan) = self.import.plan.take() else { return Ok(None) };
                let (db, park_id) = (self.db_path.clone(), self.cache.park_id);
                self.jobs.start(Job::spawn(JobArea::Import, "import.writing", move |progress| {
                    progress.set_total(plan.writes());
                    let result = Store::open(&db).map_err(anyhow::Error::from).and_then(|mut store| plan.commit_recorded(&mut store, park_id));
                    progress.advance(plan.writes());
                    JobOutcome::Committed(plan, result)
                }));
                Ok(None)
            }
            ImportAction::Cancel => {
                self.import.plan = None;
                Ok(None)
            }
            ImportAction::LoadSummary { path } => {
                self.import.plan = None;
                self.jobs.start(Job::spawn(JobArea::Import, "import.reading", move |_| {
                    JobOutcome::Summary(crate::import::docx::summary_text(&path))
                }));
                Ok(None)
            }
            ImportAction::PlanReviewed { figures, source } => {
                let park = self.cache.park_id.ok_or_else(no_park)?;
                let mut plan = crate::import::plan_reviewed(&self.store, park, &figures, &source)?;
                plan.audit(&self.store)?;
                let summary = plan.summary();
                self.import.plan = Some(plan);
                Ok(Some(summary))
            }
            ImportAction::RememberNames(names) => {
                for (label, id) in &names {
                    self.store.remember_label(label, *id)?;
                }
                self.cache.reload_label_mappings(&self.store)?;
                Ok(None)
            }
            ImportAction::NewIndicatorFor { indicator, label } => {
                let id = self.store.insert_indicator(&indicator)?;
                self.store.remember_label(&label, id)?;
                self.cache.indicators = self.store.indicators()?;
                self.cache.reload_label_mappings(&self.store)?;
                Ok(Some(trf("status.new_indicator_for", &[&indicator.name_zh.trim(), &label])))
            }
            ImportAction::RememberLabel { label, indicator_id, path, park } => {
                self.store.remember_label(&label, indicator_id)?;
                self.jobs.start(plan_job(self.db_path.clone(), path, park));
                Ok(Some(trf("status.remembered", &[&label])))
            }
        }
    }

    /// Takes a finished import job: a plan to show, an import written, a summary read.
    pub(super) fn finish_import(&mut self, outcome: JobOutcome) -> Outcome {
        match outcome {
            JobOutcome::Planned(plan) => {
                let plan = plan?;
                let summary = plan.summary();
                self.import.plan = Some(plan);
                Ok(Some(summary))
            }
            JobOutcome::Committed(plan, written) => match written {
                Ok(n) => {
                    self.reload_all()?;
                    Ok(Some(trf("status.imported", &[&n])))
                }
                Err(e) => {
                    // Nothing was written (one transaction); the preview stays for a retry.
                    self.import.plan = Some(plan);
                    Err(e)
                }
            },
            JobOutcome::Summary(text) => {
                self.emit(Event::SummaryLoaded(text?));
                Ok(None)
            }
            _ => Ok(None),
        }
    }
}

/// Reads a spreadsheet and plans its import on a job; writes nothing.
fn plan_job(db: PathBuf, path: PathBuf, park: Option<String>) -> Job {
    Job::spawn(JobArea::Import, "import.reading", move |progress| {
        JobOutcome::Planned(
            Store::open(&db)
                .map_err(anyhow::Error::from)
                .and_then(|store| {
                    let mut plan = crate::import::plan_file_tracked(&store, &path, park.as_deref(), progress)?;
                    plan.audit(&store)?;
                    Ok(plan)
                }),
        )
    })
}

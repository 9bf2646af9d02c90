//! The work summary open on the Report page: loaded (or drafted) once per park and
//! period, saved as the clerk types, redrafted from the data on request, and exported to
//! PDF on a background job.

use std::path::{Path, PathBuf};

use super::jobs::{Job, JobArea, Outcome as JobOutcome};
use super::{App, Event, Lazy, Outcome, no_park, saved};
use crate::domain::Period;
use crate::domain::change::ChangeLabel;
use crate::i18n::{tr, trf};
use crate::report::ReportSpec;
use crate::report::pdf::FontChoice;

#[derive(Clone, Debug)]
pub enum ReportAction {
    /// Load (or draft) the report for the selected park and this period.
    Open(Period),
    Save(Box<ReportSpec>),
    /// Rewrite the drafted parts from the data (asked first if edited).
    Regenerate,
    /// Go to the indicator grid on the report's period (from the pre-export check).
    ShowFigures(Period),
    /// Write the PDF (on a background job).
    Export { period: Period, path: PathBuf, format: crate::report::Format },
    SetFonts(FontChoice),
}

impl ReportAction {
    pub(super) fn history_label(&self) -> Option<ChangeLabel> {
        match self {
            ReportAction::Save(_) | ReportAction::Regenerate => Some(ChangeLabel::EditReport),
            _ => None,
        }
    }
}

#[derive(Default)]
pub struct ReportState {
    /// The report open on the Report page, for its park and period.
    pub open: Lazy<(i64, Period), ReportSpec>,
    /// Font files chosen for reports (仿宋, 黑体, 楷体, 小标宋).
    pub fonts: FontChoice,
    /// The program that writes report PDFs: this one by default (see
    /// [`export_report_in_child`]); tests point it at the built binary.
    pub exe: Option<PathBuf>,
}

impl ReportState {
    pub(super) fn data_changed(&mut self) {
        self.open.clear();
    }

    /// The report open for this park and period, once loaded.
    pub fn get(&self, park_id: i64, period: Period) -> Option<&Result<ReportSpec, String>> {
        self.open.get(&(park_id, period))
    }
}

impl App {
    pub(super) fn apply_report(&mut self, action: ReportAction) -> Outcome {
        match action {
            ReportAction::Open(period) => {
                let park = self.cache.park().cloned().ok_or_else(no_park)?;
                let loaded = crate::report::load(&self.store, &park, period).map(|(spec, ..)| spec);
                self.report.open.set((park.id, period), loaded)?;
                Ok(None)
            }
            ReportAction::Save(spec) => {
                let stamp = crate::report::save(&mut self.store, &spec)?;
                let key = (spec.park_id, spec.period);
                self.report.open.set(key, Ok(ReportSpec { updated_at: stamp, ..*spec }))?;
                Ok(saved())
            }
            ReportAction::Regenerate => {
                let park = self.cache.park().cloned().ok_or_else(no_park)?;
                let Some(mut spec) = self.report.open.value().cloned() else { return Ok(None) };
                let data = crate::report::ReportData {
                    park: &park,
                    indicators: &self.cache.indicators,
                    values: &self.cache.values,
                    projects: &self.cache.projects,
                    parks_table: None,
                };
                spec.regenerate(&data);
                spec.updated_at = crate::report::save(&mut self.store, &spec)?;
                self.report.open.set((spec.park_id, spec.period), Ok(spec))?;
                self.emit(Event::ReportChanged);
                Ok(saved())
            }
            ReportAction::Export { period, path, format } => {
                if self.jobs.running(JobArea::Report) {
                    return Ok(Some(tr("status.busy").to_owned()));
                }
                let park = self.cache.park().cloned().ok_or_else(no_park)?;
                let exe = match &self.report.exe {
                    Some(exe) => exe.clone(),
                    None => std::env::current_exe()?,
                };
                let db = self.db_path.clone();
                self.jobs.start(Job::spawn(JobArea::Report, "report.exporting", move |_| {
                    let result = export_report_in_child(&exe, &db, &park.name, period, &path, format);
                    JobOutcome::Exported(path, result)
                }));
                Ok(None)
            }
            ReportAction::ShowFigures(period) => {
                self.emit(Event::ShowFigures(period));
                Ok(None)
            }
            ReportAction::SetFonts(fonts) => {
                crate::report::pdf::check_fonts(&fonts)?;
                crate::report::set_fonts(&mut self.store, &fonts)?;
                self.report.fonts = fonts;
                Ok(saved())
            }
        }
    }

    pub(super) fn finish_report(&mut self, outcome: JobOutcome) -> Outcome {
        match outcome {
            JobOutcome::Exported(path, result) => {
                result?;
                Ok(Some(trf("status.exported", &[&path.display()])))
            }
            _ => Ok(None),
        }
    }
}

/// Writes a report PDF by running `parkledger report` on the same database. printpdf
/// numbers its objects from a process-wide counter, so a second export inside a
/// long-running window would differ byte for byte from the command line's; a fresh
/// process makes the GUI's file identical to the command line's.
pub fn export_report_in_child(exe: &Path, db: &Path, park: &str, period: Period, out: &Path, format: crate::report::Format) -> anyhow::Result<()> {
    let output = std::process::Command::new(exe)
        .arg("report")
        .args(["--park", park, "--year", &period.year.to_string(), "--span"])
        .arg(format!("{}-{}", period.start_month, period.end_month))
        .args(["--format", format.code()])
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

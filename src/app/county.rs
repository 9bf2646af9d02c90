//! 上报与汇总 in the window: the selected park's package for the county, and the county's
//! side — packages checked and previewed before anything is written, received as one
//! recorded step each, and the totals (汇总) for a period, exported as the 汇总表.
//! What a package is and how receiving and summing work is `crate::county`'s.

use std::path::PathBuf;

use super::{App, Event, Lazy, Outcome, no_park, saved};
use crate::county::Receipt;
use crate::county::totals::Consolidation;
use crate::domain::Period;
use crate::domain::package::Package;
use crate::export::Format;
use crate::i18n::trf;

#[derive(Clone, Debug)]
pub enum CountyAction {
    /// Work out the totals for this period.
    Open(Period),
    /// Write the selected park's package for this period.
    MakePackage { period: Period, path: PathBuf },
    /// Check these files and show what receiving them would do; writes nothing.
    Preview(Vec<PathBuf>),
    /// Receive the previewed packages (each one recorded step).
    Receive,
    CancelPreview,
    /// Write the totals as the 汇总表 (xlsx) or CSV/JSON.
    ExportTotals { period: Period, format: Format, path: PathBuf },
    /// Load (or draft) the county's own summary for this period.
    OpenReport(Period),
    SaveReport(Box<crate::report::ReportSpec>),
    /// Rewrite the summary's drafted parts from the totals.
    RedraftReport,
    ExportReport { period: Period, path: PathBuf },
    /// The county's name, which titles its summary.
    SetCountyName(String),
}

/// The county's summary open on the page, with the totals it reads.
pub struct CountyReport {
    pub data: crate::county::report::CountyData,
    pub spec: crate::report::ReportSpec,
}

/// One file of a preview: the package and what receiving it would do, or why it is refused.
pub struct Previewed {
    pub file: PathBuf,
    pub outcome: Result<(Package, Receipt), String>,
}

#[derive(Default)]
pub struct CountyState {
    pub totals: Lazy<Period, Consolidation>,
    /// Packages checked and waiting for the clerk's 确认接收.
    pub preview: Vec<Previewed>,
    pub report: Lazy<Period, CountyReport>,
    /// The county's name as set (the setting [`crate::county::report::COUNTY_NAME`]).
    pub name: Option<String>,
}

impl CountyState {
    pub(super) fn data_changed(&mut self) {
        self.totals.clear();
        self.report.clear();
        self.name = None;
    }
}

impl App {
    pub(super) fn apply_county(&mut self, action: CountyAction) -> Outcome {
        match action {
            CountyAction::Open(period) => {
                let totals = crate::county::consolidation(&self.store, period);
                self.county.totals.set(period, totals)?;
                Ok(None)
            }
            CountyAction::MakePackage { period, path } => {
                let park = self.cache.park().cloned().ok_or_else(no_park)?;
                // Figures that cannot all be true do not go up (as on the command line).
                let standing = self.cache.findings.values().flatten().filter(|f| f.stands() && f.cells.first().is_none_or(|c| c.period.year == period.year)).count();
                anyhow::ensure!(standing == 0, trf("county.package_blocked", &[&standing]));
                let package = crate::county::make_package(&self.store, &park, period)?;
                crate::county::save_package(&mut self.store, &park, &package, &path)?;
                let (m, c) = (&package.manifest, &package.content);
                Ok(Some(trf(
                    "cli.package_written",
                    &[&m.park, &crate::i18n::period_label(m.period), &m.version, &c.values.len(), &c.projects.len(), &c.findings.len(), &path.display()],
                )))
            }
            CountyAction::Preview(files) => {
                self.county.preview = files
                    .into_iter()
                    .map(|file| {
                        let outcome = crate::county::open_package(&file)
                            .map_err(anyhow::Error::from)
                            .and_then(|p| crate::county::receive(&mut self.store, &p, true).map(|r| (p, r)))
                            .map_err(|e| format!("{e:#}"));
                        Previewed { file, outcome }
                    })
                    .collect();
                let ok = self.county.preview.iter().filter(|p| p.outcome.is_ok()).count();
                Ok(Some(trf("county.previewed", &[&ok, &(self.county.preview.len() - ok)])))
            }
            CountyAction::Receive => {
                let preview = std::mem::take(&mut self.county.preview);
                let (mut received, mut refused) = (0, Vec::new());
                for p in preview {
                    let Ok((package, _)) = p.outcome else { continue };
                    match crate::county::receive(&mut self.store, &package, false) {
                        Ok(_) => received += 1,
                        Err(e) => refused.push(format!("{}: {e:#}", p.file.display())),
                    }
                }
                self.reload_all()?;
                self.history.reload(&self.store);
                self.emit(Event::DataReplaced);
                match refused.first() {
                    Some(first) => anyhow::bail!(trf("county.received_some", &[&received, &refused.len(), first])),
                    None => Ok(Some(trf("county.received", &[&received]))),
                }
            }
            CountyAction::CancelPreview => {
                self.county.preview.clear();
                Ok(None)
            }
            CountyAction::OpenReport(period) => {
                let loaded = crate::county::report::county_data(&self.store, period).and_then(|data| {
                    let spec = crate::county::report::load_report(&self.store, &data, period)?;
                    Ok(CountyReport { data, spec })
                });
                // As set: empty until the clerk names the county (the summary says 本县（区）).
                self.county.name = Some(self.store.setting(crate::county::report::COUNTY_NAME)?.unwrap_or_default());
                self.county.report.set(period, loaded)?;
                Ok(None)
            }
            CountyAction::SaveReport(spec) => {
                crate::county::report::save_report(&mut self.store, &spec)?;
                if let Some(open) = self.county.report.value_mut() {
                    open.spec = *spec;
                }
                Ok(saved())
            }
            CountyAction::RedraftReport => {
                let Some(open) = self.county.report.value_mut() else { return Ok(None) };
                open.spec.regenerate(&open.data.report_data());
                crate::county::report::save_report(&mut self.store, &open.spec)?;
                self.emit(Event::ReportChanged);
                Ok(saved())
            }
            CountyAction::ExportReport { period, path } => {
                let bytes = crate::county::report::export_pdf(&self.store, period, None)?;
                crate::output::write(&path, &bytes)?;
                Ok(Some(trf("status.exported", &[&path.display()])))
            }
            CountyAction::SetCountyName(name) => {
                let before = crate::county::report::county_name(&self.store)?;
                self.store.set_setting(crate::county::report::COUNTY_NAME, name.trim())?;
                let after = crate::county::report::county_name(&self.store)?;
                self.county.name = Some(name.trim().to_owned());
                // The open summary's title and 署名 that carried the old name take the new.
                if let Some(open) = self.county.report.value_mut() {
                    open.data.park.name.clone_from(&after);
                    if let Some(rest) = open.spec.title.strip_prefix(&before) {
                        open.spec.title = format!("{after}{rest}");
                    }
                    if open.spec.issuer == before {
                        open.spec.issuer.clone_from(&after);
                    }
                    crate::county::report::save_report(&mut self.store, &open.spec)?;
                    self.emit(Event::ReportChanged);
                }
                Ok(saved())
            }
            CountyAction::ExportTotals { period, format, path } => {
                let totals = crate::county::consolidation(&self.store, period)?;
                anyhow::ensure!(!totals.is_empty(), trf("cli.consolidate_nothing", &[&crate::i18n::period_label(period)]));
                crate::output::write_with(&path, |out| crate::county::sheet::write(&totals, format, out))?;
                Ok(Some(trf("county.exported", &[&path.display()])))
            }
        }
    }
}

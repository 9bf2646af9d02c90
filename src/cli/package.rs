//! `parkledger package` (the park's side of 上报), `parkledger receive` and
//! `parkledger consolidate` (the county's).
//! See `crate::county` for what a package holds and how it is checked.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::i18n::trf;
use crate::store::Store;

pub(super) fn make(db: Option<PathBuf>, which: &super::ParkPeriod, output: &Path) -> anyhow::Result<()> {
    let mut store = Store::open(&super::existing_db(db)?)?;
    let (p, period) = which.cleared(&store)?;
    let package = crate::county::make_package(&store, &p, period)?;
    crate::county::save_package(&mut store, &p, &package, output)?;
    let m = &package.manifest;
    let c = &package.content;
    eprintln!(
        "{}",
        trf("cli.package_written", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &c.values.len(), &c.projects.len(), &c.findings.len(), &output.display()])
    );
    Ok(())
}

/// Checks each package and receives it into the county's database (`--db`, created empty
/// when it does not exist), or only says what it would do with `--dry-run`. Exit status 1
/// when one is refused.
pub(super) fn receive(db: Option<PathBuf>, files: &[PathBuf], dry_run: bool) -> anyhow::Result<ExitCode> {
    let path = match db {
        Some(p) => p,
        None => super::default_db_path()?,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    super::refuse_empty(&path)?;
    // A county database starts empty: the sample parks are no county's.
    let mut store = Store::open(&path)?;
    let mut refused = 0;
    for file in files {
        let received = crate::county::open_package(file).map_err(anyhow::Error::from).and_then(|p| crate::county::receive(&mut store, &p, dry_run));
        match received {
            Ok(r) => {
                let errors = r.plan.findings.iter().filter(|f| f.level == crate::audit::Level::Error).count();
                let key = if dry_run { "cli.receive_would" } else { "cli.receive_done" };
                let park = format!("{} {}", r.park, crate::i18n::period_label(r.period));
                println!("{}", trf(key, &[&file.display(), &park, &r.version, &r.plan.summary(), &errors, &(r.plan.findings.len() - errors)]));
                if let Some(spelled) = &r.spelled {
                    println!("    {}", trf("cli.receive_spelled", &[spelled, &r.park]));
                }
                if r.new_park {
                    let key = if dry_run { "cli.receive_would_create_park" } else { "cli.receive_new_park" };
                    println!("    {}", trf(key, &[&r.park]));
                }
                for line in r.indicators_created.iter().chain(&r.plan.skips) {
                    println!("    {line}");
                }
            }
            Err(e) => {
                refused += 1;
                println!("{}", trf("cli.package_refused", &[&file.display(), &format!("{e:#}")]));
            }
        }
    }
    Ok(if refused > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// What `parkledger consolidate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TotalsFormat {
    Csv,
    Json,
    /// The 汇总表 (Excel).
    Xlsx,
    /// The county's summary report (县级汇总报告), as the 上报汇总 page exports it.
    Pdf,
}

/// The county's totals for a year and span: the 汇总表 as CSV, JSON or xlsx, or the
/// county's summary as PDF. Nothing reported for the period is an error (exit status 1,
/// no file).
pub(super) fn consolidate(db: Option<PathBuf>, year: i32, span: &str, format: TotalsFormat, output: Option<&Path>) -> anyhow::Result<()> {
    use crate::export::Format;
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let (a, b) = super::span_arg(span)?;
    let period = crate::domain::Period::new(year, a, b)?;
    let sheet = match format {
        TotalsFormat::Csv => Some(Format::Csv),
        TotalsFormat::Json => Some(Format::Json),
        TotalsFormat::Xlsx => Some(Format::Xlsx),
        TotalsFormat::Pdf => None,
    };
    anyhow::ensure!(matches!(format, TotalsFormat::Csv | TotalsFormat::Json) || output.is_some(), crate::i18n::tr("cli.xlsx_needs_output"));
    let Some(sheet) = sheet else {
        let bytes = crate::county::report::export_pdf(&store, period, None)?;
        let file = output.unwrap_or(Path::new(""));
        super::write_output(file, &bytes)?;
        eprintln!("{}", trf("cli.wrote_bytes", &[&bytes.len(), &file.display()]));
        return Ok(());
    };
    let totals = crate::county::consolidation(&store, period)?;
    anyhow::ensure!(!totals.is_empty(), trf("cli.consolidate_nothing", &[&crate::i18n::period_label(period)]));
    match output {
        Some(file) => {
            crate::output::write_with(file, |out| crate::county::sheet::write(&totals, sheet, out))?;
            eprintln!("{}", trf("cli.consolidated", &[&totals.parks.len(), &totals.missing.len(), &totals.rows.len(), &file.display()]));
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            crate::county::sheet::write(&totals, sheet, &mut out)?;
            std::io::Write::flush(&mut out)?;
        }
    }
    Ok(())
}

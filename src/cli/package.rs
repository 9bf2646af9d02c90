//! `parkledger package` (the park's side of 上报) and `parkledger receive` (the county's).
//! See `crate::county` for what a package holds and how it is checked.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::i18n::{tr, trf};
use crate::store::Store;

pub(super) fn make(db: Option<PathBuf>, which: &super::ParkPeriod, output: &Path) -> anyhow::Result<()> {
    let mut store = Store::open(&super::existing_db(db)?)?;
    let (p, period) = which.cleared(&store)?;
    let package = crate::county::make_package(&mut store, &p, period)?;
    crate::county::save_package(&mut store, &p, &package, output)?;
    let m = &package.manifest;
    let c = &package.content;
    eprintln!(
        "{}",
        trf("cli.package_written", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &c.values.len(), &c.projects.len(), &c.findings.len(), &output.display()])
    );
    Ok(())
}

/// Checks each file and says what it is; exit status 1 when one is refused.
pub(super) fn receive(files: &[PathBuf], dry_run: bool) -> anyhow::Result<ExitCode> {
    if !dry_run {
        eprintln!("parkledger: {}", tr("cli.receive_dry_run_only"));
        return Ok(ExitCode::from(2));
    }
    let mut refused = 0;
    for file in files {
        match crate::county::open_package(file) {
            Ok(p) => {
                let (m, c) = (&p.manifest, &p.content);
                let errors = c.findings.iter().filter(|f| f.level == "error" && f.explanation.is_none()).count();
                println!(
                    "{}",
                    trf("cli.package_checked", &[&file.display(), &m.park, &crate::i18n::period_label(m.period), &m.version, &m.created_at, &c.values.len(), &c.projects.len(), &c.findings.len(), &errors])
                );
            }
            Err(e) => {
                refused += 1;
                println!("{}", trf("cli.package_refused", &[&file.display(), &e]));
            }
        }
    }
    Ok(if refused > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

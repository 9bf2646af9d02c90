//! `parkledger report`: a park's work summary as PDF, the same file the Report page
//! exports (the window runs this command to write it).

use std::path::{Path, PathBuf};

use crate::i18n::trf;
use crate::store::Store;

pub(super) fn run(db: Option<PathBuf>, park: &str, year: i32, span: &str, layout: Option<crate::report::Layout>, output: &Path) -> anyhow::Result<()> {
    let store = Store::open(&super::existing_db(db)?)?;
    let p = super::find_park(&store, park)?;
    let (a, b) = super::span_arg(span)?;
    let period = crate::domain::Period::new(year, a, b)?;
    let bytes = crate::report::export_pdf(&store, &p, period, layout)?;
    super::write_output(output, &bytes)?;
    eprintln!("{}", trf("cli.wrote_bytes", &[&bytes.len(), &output.display()]));
    Ok(())
}

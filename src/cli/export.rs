//! `parkledger export`: every value (and, in xlsx, the project ledger) for the county or
//! for Excel, in the layout the import reads back unchanged.

use std::path::PathBuf;

use crate::export::{self, Format};
use crate::i18n::{tr, trf};
use crate::store::Store;

pub(super) fn run(db: Option<PathBuf>, format: Format, park: Option<String>, output: Option<PathBuf>) -> anyhow::Result<()> {
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let rows = export::export_rows(&store, park.as_deref())?;
    let projects = if format == Format::Xlsx { export::ledger_rows(&store, park.as_deref())? } else { Vec::new() };
    anyhow::ensure!(format != Format::Xlsx || output.is_some(), tr("cli.xlsx_needs_output"));
    match output {
        Some(file) => {
            crate::output::write_with(&file, |out| export::write(&rows, &projects, format, out))?;
            eprintln!("{}", trf("cli.exported_rows", &[&rows.len(), &file.display()]));
        }
        None => export::write(&rows, &projects, format, std::io::stdout().lock())?,
    }
    Ok(())
}

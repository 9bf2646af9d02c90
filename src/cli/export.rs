//! `parkledger export`: every value (and, in xlsx, the project ledger) for the county or
//! for Excel, in the layout the import reads back unchanged.

use std::path::PathBuf;

use crate::export::{self, Format};
use crate::i18n::{tr, trf};
use crate::store::Store;

pub(super) fn run(db: Option<PathBuf>, format: Format, park: Option<String>, output: Option<PathBuf>) -> anyhow::Result<()> {
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    anyhow::ensure!(format != Format::Xlsx || output.is_some(), tr("cli.xlsx_needs_output"));
    match output {
        Some(file) => {
            let mut n = 0;
            crate::output::write_with(&file, |out| {
                n = export::write(&store, park.as_deref(), format, out)?;
                Ok(())
            })?;
            eprintln!("{}", trf("cli.exported_rows", &[&n, &file.display()]));
        }
        None => {
            export::write(&store, park.as_deref(), format, std::io::BufWriter::new(std::io::stdout().lock()))?;
        }
    }
    Ok(())
}

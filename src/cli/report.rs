//! `parkledger report`: a park's work summary as PDF, the same file the Report page
//! exports (the window runs this command to write it).

use std::path::{Path, PathBuf};

use crate::i18n::trf;
use crate::store::Store;

/// The file `parkledger report` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Pdf,
    /// Word; not written yet (the document model is settled first).
    Docx,
}

pub(super) fn run(db: Option<PathBuf>, park: &str, year: i32, span: &str, layout: Option<crate::report::Layout>, format: Format, output: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(format == Format::Pdf, crate::i18n::tr("error.docx_not_yet"));
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let p = super::find_park(&store, park)?;
    let (a, b) = super::span_arg(span)?;
    let period = crate::domain::Period::new(year, a, b)?;
    // A report does not go out while the audit finds figures that cannot all be true.
    let standing = super::audit::standing_errors(&store, &p, year)?;
    if let Some(first) = standing.first() {
        anyhow::bail!(trf("audit.blocks_export", &[&standing.len(), first]));
    }
    let bytes = crate::report::export_pdf(&store, &p, period, layout)?;
    super::write_output(output, &bytes)?;
    eprintln!("{}", trf("cli.wrote_bytes", &[&bytes.len(), &output.display()]));
    Ok(())
}

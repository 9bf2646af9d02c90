//! `parkledger report`: a park's work summary as PDF, the same file the Report page
//! exports (the window runs this command to write it).

use std::path::{Path, PathBuf};

use crate::i18n::trf;
use crate::store::Store;

pub use crate::report::Format;

pub(super) fn run(db: Option<PathBuf>, which: &super::ParkPeriod, layout: Option<crate::report::Layout>, format: Format, output: &Path) -> anyhow::Result<()> {
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let (p, period) = which.cleared(&store)?;
    let bytes = match format {
        Format::Pdf => crate::report::export_pdf(&store, &p, period, layout)?,
        Format::Docx => crate::report::export_docx(&store, &p, period, layout)?,
    };
    super::write_output(output, &bytes)?;
    eprintln!("{}", trf("cli.wrote_bytes", &[&bytes.len(), &output.display()]));
    // What the Report page lists before export: worth a look, not a reason to refuse.
    for n in crate::report::notices(&store, &p, period)? {
        eprintln!("{}", trf("cli.report_notice", &[&n.text]));
    }
    Ok(())
}

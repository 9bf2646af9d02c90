//! `parkledger chart`: one indicator's chart (with its YoY chart below) as PNG or SVG,
//! for a slide or a document, without opening the window.

use std::path::{Path, PathBuf};

use crate::chart::build::{ChartChoice, ChartData};
use crate::chart::{self, Mark};
use crate::domain::value::ValueSet;
use crate::i18n::{tr, trf};
use crate::store::Store;

use super::ChartKind;

pub(super) struct Args {
    pub park: String,
    pub indicator: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub span: String,
    pub kind: ChartKind,
    pub output: PathBuf,
    pub width: u32,
    pub height: u32,
}

pub(super) fn run(db: Option<PathBuf>, a: Args) -> anyhow::Result<()> {
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let mark = match a.kind {
        ChartKind::Line => Mark::Line,
        ChartKind::Bar => Mark::Bar,
    };
    let span = super::span_arg(&a.span)?;
    let choice = ChartChoice::TimeSeries { indicator: a.indicator, span, mark, from: a.from, to: a.to };
    render_chart_file(&store, &a.park, &choice, &a.output, a.width, a.height)?;
    eprintln!("→ {}", a.output.display());
    Ok(())
}

/// Builds a chart from the store and writes it as PNG or SVG, chosen by the extension.
pub fn render_chart_file(store: &Store, park: &str, choice: &ChartChoice, output: &Path, width: u32, height: u32) -> anyhow::Result<()> {
    anyhow::ensure!((100..=8000).contains(&width) && (100..=8000).contains(&height), tr("cli.bad_size"));
    let p = &super::find_park(store, park)?;
    let indicators = store.indicators()?;
    if let ChartChoice::TimeSeries { indicator, .. } = choice {
        anyhow::ensure!(indicators.iter().any(|i| &i.name_zh == indicator), trf("cli.no_indicator", &[&indicator]));
    }
    let values = ValueSet::new(store.values_for_park(p.id)?);
    let projects = store.projects_of_park(p.id)?;
    let all_parks = if choice.needs_all_parks() { store.values_by_park()? } else { Vec::new() };
    let data = ChartData { park_name: &p.name, indicators: &indicators, values: &values, projects: &projects, all_parks: &all_parks };
    let svg = chart::svg::figure_svg(&chart::build::figure(choice, &data), width, height);
    let ext = output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("svg") => svg.into_bytes(),
        Some("png") => chart::png::to_png(&svg, width, height)?,
        _ => anyhow::bail!(tr("cli.bad_image_ext")),
    };
    super::write_output(output, &bytes)
}

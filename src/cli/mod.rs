//! The command line. Clerks start ParkLedger from an icon (no arguments: the window);
//! the subcommands are for the people around them: exporting for the county, rendering a
//! chart or a report for a meeting without opening the window, importing a sheet on a
//! server, reading an old summary, making sample and benchmark databases. One file per
//! subcommand. It speaks Chinese unless `LC_ALL`, `LC_MESSAGES` or `LANG` asks for English.

mod audit;
mod bench;
mod chart;
mod export;
mod extract;
mod gui;
mod import;
mod package;
mod report;
mod sample;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};

pub use chart::render_chart_file;

use crate::i18n::{self, Lang, tr, trf};
use crate::store::Store;

#[derive(Parser, Debug)]
#[command(name = "parkledger", version, about = "ParkLedger (园区台账): park statistics, project ledger and work summaries")]
pub struct Cli {
    /// The database file. Default: parkledger.sqlite in the platform data directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open the window, draw N frames, print the milliseconds from start to the first
    /// frame, and exit (for measuring start-up).
    #[arg(long, value_name = "N")]
    pub quit_after_frames: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write every value with its park, indicator, unit, period, kind and YoY.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: crate::export::Format,
        /// Only this park.
        #[arg(long, value_name = "NAME")]
        park: Option<String>,
        /// Output file; stdout when absent.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Render one indicator's chart to PNG or SVG without opening a window.
    Chart {
        #[arg(long, value_name = "NAME")]
        park: String,
        #[arg(long, value_name = "NAME")]
        indicator: String,
        #[arg(long, value_name = "YEAR")]
        from: Option<i32>,
        #[arg(long, value_name = "YEAR")]
        to: Option<i32>,
        /// The span compared year by year: 全年, 1-6月, 1-9月 …
        #[arg(long, default_value = "全年")]
        span: String,
        #[arg(long, value_enum, default_value = "bar")]
        kind: ChartKind,
        /// FILE.png or FILE.svg
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        #[arg(long, default_value_t = 1920)]
        width: u32,
        #[arg(long, default_value_t = 1080)]
        height: u32,
    },
    /// Write a park's work summary for a year (and span) as PDF, as the Report page does.
    Report {
        #[command(flatten)]
        which: ParkPeriod,
        #[arg(long, value_enum)]
        layout: Option<crate::report::Layout>,
        #[arg(long, value_enum, default_value = "pdf")]
        format: report::Format,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Measure open time, frame times per page, queries and chart export (medians).
    Bench {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// One repetition and a few frames, on the sample database unless --db is given
        /// (for CI: it keeps the bench working, it measures nothing reliable).
        #[arg(long)]
        quick: bool,
    },
    /// Import values from .xlsx/.xls/.ods/.csv: shows what it will add, change and skip,
    /// then commits in one transaction (or only shows it with --dry-run).
    Import {
        file: PathBuf,
        /// The park of sheets laid out with indicators down the side.
        #[arg(long, value_name = "NAME")]
        park: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the figures found in a work summary (.txt or .docx): indicator, period, value, unit,
    /// YoY, completion, kind and the sentence.
    Extract {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Check the figures as a statistics office does (审核): parts against totals,
    /// cumulative spans, last year, stated rates, projects. Exit status 0 when no error
    /// stands, 1 when one does, 2 for a park, year or span that does not read.
    Audit {
        #[arg(long, value_name = "NAME")]
        park: Option<String>,
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// 1-6, 1-9 … (default: every span)
        #[arg(long)]
        span: Option<String>,
        /// Print a JSON array instead of a line per finding.
        #[arg(long)]
        json: bool,
    },
    /// Write a park's package for the county (上报包): the period's figures and last
    /// year's, its projects, the audit's findings, a manifest and a checksum. Refused
    /// while an audit error stands in the period's year.
    Package {
        #[command(flatten)]
        which: ParkPeriod,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Receive packages from the parks (接收上报包) into the county's database (--db;
    /// created empty if missing): checked (manifest, checksum), previewed and audited as an
    /// import, written as one recorded step; only a newer version replaces an older one.
    /// --dry-run only says what it would do.
    Receive {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        dry_run: bool,
    },
    /// The county's totals (汇总) for a period over the parks that reported: per
    /// indicator the sum, how many parks reported, the YoY from the sums, each park's
    /// figure; the parks missing. CSV or JSON to standard output, or to -o FILE; xlsx
    /// (the 汇总表) and pdf (the county's summary report) need -o.
    Consolidate {
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// 1-6, 1-9 … (default: the full year)
        #[arg(long, default_value = "全年")]
        span: String,
        /// csv, json, xlsx (the 汇总表), or pdf (the county's summary report)
        #[arg(long, value_enum, default_value = "csv")]
        format: package::TotalsFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the sample database (the seeds' figures) to --db PATH.
    Sample {
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        /// A county-scale database for benchmarks (50 parks, ~1.2 million values, 5,000 projects).
        #[arg(long)]
        large: bool,
        /// Seed of the large database's generator.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartKind {
    Line,
    Bar,
}

/// The language the command line speaks: English when the locale asks for it (the first
/// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set), Chinese otherwise.
pub fn lang_from_env() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "ParkLedger", "ParkLedger").context(tr("cli.no_data_dir"))?;
    Ok(dirs.data_dir().join("parkledger.sqlite"))
}

/// Opens the database, creating it with the sample data when the file does not exist yet.
pub fn open_or_create(path: &Path) -> anyhow::Result<Store> {
    let is_new = !path.exists();
    refuse_empty(path)?;
    let mut store = Store::open(path).with_context(|| trf("cli.open_failed", &[&path.display()]))?;
    if is_new {
        crate::sample::populate(&mut store).context(tr("cli.sample_failed"))?;
        // The window says on first run that these are sample figures, and offers an
        // empty database instead.
        store.set_setting(crate::store::SAMPLE_NOTICE, "pending")?;
    }
    Ok(store)
}

/// Runs the command line; the exit status is failure for an error, and what `audit`
/// says for it.
pub fn run(started: Instant) -> anyhow::Result<std::process::ExitCode> {
    i18n::set_lang(lang_from_env());
    let cli = Cli::parse();
    let db = cli.db;
    match cli.command {
        Some(Command::Export { format, park, output }) => export::run(db, format, park, output),
        Some(Command::Chart { park, indicator, from, to, span, kind, output, width, height }) => {
            chart::run(db, chart::Args { park, indicator, from, to, span, kind, output, width, height })
        }
        Some(Command::Report { which, layout, format, output }) => report::run(db, &which, layout, format, &output),
        Some(Command::Import { file, park, dry_run }) => import::run(db, &file, park.as_deref(), dry_run),
        Some(Command::Extract { file, json }) => extract::run(&file, json),
        Some(Command::Bench { json, quick }) => bench::run_command(db, json, quick),
        Some(Command::Audit { park, year, span, json }) => return audit::run(db, audit::Scope { park, year, span, json }),
        Some(Command::Sample { force, large, seed }) => sample::run(db, force, large, seed),
        Some(Command::Package { which, output }) => package::make(db, &which, &output),
        Some(Command::Receive { files, dry_run }) => return package::receive(db, &files, dry_run),
        Some(Command::Consolidate { year, span, format, output }) => package::consolidate(db, year, &span, format, output.as_deref()),
        None => gui::run(db, cli.quit_after_frames, started),
    }?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// The park and period a report or a package is of.
#[derive(clap::Args, Debug)]
pub struct ParkPeriod {
    #[arg(long, value_name = "NAME")]
    park: String,
    #[arg(long)]
    year: i32,
    /// 1-6, 1-9 … (default: the full year)
    #[arg(long, default_value = "全年")]
    span: String,
}

impl ParkPeriod {
    /// The park and period, refused while the audit finds an error in the year's figures:
    /// a report does not go out, and a package does not go up, with figures that cannot
    /// all be true.
    fn cleared(&self, store: &Store) -> anyhow::Result<(crate::domain::Park, crate::domain::Period)> {
        let p = find_park(store, &self.park)?;
        let (a, b) = span_arg(&self.span)?;
        let period = crate::domain::Period::new(self.year, a, b)?;
        let standing = audit::standing_errors(store, &p, self.year)?;
        if let Some(first) = standing.first() {
            anyhow::bail!(trf("audit.blocks_export", &[&standing.len(), first]));
        }
        Ok((p, period))
    }
}

/// `--db` or the default path, which must exist: reading commands never create a database.
fn existing_db(db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    anyhow::ensure!(path.exists(), trf("cli.no_db", &[&path.display()]));
    refuse_empty(&path)?;
    Ok(path)
}

/// An existing file of 0 bytes is a copy that went wrong, not a new database: opening it
/// would write an empty schema into it and show an empty ParkLedger as if the data were
/// gone. Every command refuses it, as the window does.
fn refuse_empty(path: &Path) -> anyhow::Result<()> {
    let empty = path.metadata().is_ok_and(|m| m.is_file() && m.len() == 0);
    anyhow::ensure!(!empty, trf("cli.empty_db", &[&path.display()]));
    Ok(())
}

/// The park named `name`, or an error that lists the parks there are.
fn find_park(store: &Store, name: &str) -> anyhow::Result<crate::domain::Park> {
    let parks = store.parks()?;
    let names: Vec<&str> = parks.iter().map(|p| p.name.as_str()).collect();
    parks
        .iter()
        .find(|p| p.name == name.trim())
        .cloned()
        .ok_or_else(|| anyhow::anyhow!(trf("cli.no_park", &[&name, &names.join(tr("list_sep"))])))
}

/// The span argument (`全年`, `1-6`, `1-6月`) as months.
fn span_arg(span: &str) -> anyhow::Result<(u8, u8)> {
    crate::domain::period::parse_span(span).with_context(|| trf("cli.bad_span", &[&span]))
}

/// Writes a file the command made, saying where it failed.
fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::output::write(path, bytes)
}

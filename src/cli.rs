//! The command line: open the window, or run a subcommand (`export`, `sample`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::app::ParkLedgerApp;
use crate::export;
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
        format: export::Format,
        /// Only this park.
        #[arg(long, value_name = "NAME")]
        park: Option<String>,
        /// Output file; stdout when absent.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the sample database (the seeds' figures) to --db PATH.
    Sample {
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "ParkLedger", "ParkLedger")
        .context("找不到用户数据目录 (no data directory for this user); use --db PATH")?;
    Ok(dirs.data_dir().join("parkledger.sqlite"))
}

/// Opens the database, creating it with the sample data when the file does not exist yet.
pub fn open_or_create(path: &Path) -> anyhow::Result<Store> {
    let is_new = !path.exists();
    let mut store = Store::open(path).with_context(|| format!("打开数据库失败 (could not open) {}", path.display()))?;
    if is_new {
        crate::sample::populate(&mut store).context("写入示例数据失败 (could not write the sample data)")?;
    }
    Ok(store)
}

pub fn run(started: Instant) -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export { format, park, output }) => {
            let path = match cli.db {
                Some(p) => p,
                None => default_db_path()?,
            };
            anyhow::ensure!(path.exists(), "数据库不存在 (no database at) {}", path.display());
            let store = Store::open(&path)?;
            let rows = export::export_rows(&store, park.as_deref())?;
            match output {
                Some(file) => {
                    let f = std::fs::File::create(&file).with_context(|| format!("无法写入 (cannot write) {}", file.display()))?;
                    export::write(&rows, format, std::io::BufWriter::new(f))?;
                    eprintln!("{} rows → {}", rows.len(), file.display());
                }
                None => export::write(&rows, format, std::io::stdout().lock())?,
            }
            Ok(())
        }
        Some(Command::Sample { force }) => {
            let path = cli.db.context("sample 需要 --db PATH (sample needs --db PATH)")?;
            if path.exists() {
                anyhow::ensure!(force, "{} 已存在；如要覆盖请加 --force (exists; add --force to replace it)", path.display());
                std::fs::remove_file(&path)?;
                for ext in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{ext}", path.display()));
                    if side.exists() {
                        std::fs::remove_file(side)?;
                    }
                }
            }
            let store = open_or_create(&path)?;
            let [parks, _, values, projects] = store.counts()?;
            println!("{}: {parks} parks, {values} values, {projects} projects", path.display());
            Ok(())
        }
        None => run_gui(cli.db, cli.quit_after_frames, started),
    }
}

fn run_gui(db: Option<PathBuf>, quit_after_frames: Option<u64>, started: Instant) -> anyhow::Result<()> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    let store = open_or_create(&path)?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ParkLedger 园区台账")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "ParkLedger",
        options,
        Box::new(move |cc| {
            let mut app = ParkLedgerApp::from_creation_context(cc, store, path);
            app.quit_after_frames = quit_after_frames.map(|n| (n, started));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("无法打开窗口 (could not open the window): {e}"))
}

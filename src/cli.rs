//! The command line: open the window, or run a subcommand (`export`, `sample`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::app::ParkLedgerApp;
use crate::chart::{self, Mark};
use crate::chart::build::{ChartChoice, ChartData};
use crate::domain::period::parse_span;
use crate::domain::value::ValueSet;
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
        #[arg(long, value_name = "NAME")]
        park: String,
        #[arg(long)]
        year: i32,
        /// 1-6, 1-9 … (default: the full year)
        #[arg(long, default_value = "全年")]
        span: String,
        #[arg(long, value_enum)]
        layout: Option<crate::report::Layout>,
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

pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "ParkLedger", "ParkLedger")
        .context("找不到用户数据目录 (no data directory for this user); use --db PATH")?;
    Ok(dirs.data_dir().join("parkledger.sqlite"))
}

/// Opens the database, creating it with the sample data when the file does not exist yet.
pub fn open_or_create(path: &Path) -> anyhow::Result<Store> {
    let is_new = !path.exists();
    // An existing file of 0 bytes is a copy that went wrong, not a new database: opening
    // it would show an empty ParkLedger as if the data were gone.
    let empty = path.metadata().is_ok_and(|m| m.is_file() && m.len() == 0);
    anyhow::ensure!(
        !empty,
        "数据库文件 {} 是空的（0 字节），可能复制或保存时出错。请从备份恢复 (the database file is empty: 0 bytes; restore a backup)",
        path.display()
    );
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
            let store = Store::open(&existing_db(cli.db)?)?;
            let rows = export::export_rows(&store, park.as_deref())?;
            let projects = if format == export::Format::Xlsx { export::ledger_rows(&store, park.as_deref())? } else { Vec::new() };
            anyhow::ensure!(format != export::Format::Xlsx || output.is_some(), "xlsx 导出需要 -o FILE (xlsx needs -o FILE)");
            match output {
                Some(file) => {
                    let f = std::fs::File::create(&file).with_context(|| format!("无法写入 (cannot write) {}", file.display()))?;
                    export::write(&rows, &projects, format, std::io::BufWriter::new(f))?;
                    eprintln!("{} rows → {}", rows.len(), file.display());
                }
                None => export::write(&rows, &projects, format, std::io::stdout().lock())?,
            }
            Ok(())
        }
        Some(Command::Chart { park, indicator, from, to, span, kind, output, width, height }) => {
            let path = existing_db(cli.db)?;
            let store = Store::open(&path)?;
            let mark = match kind {
                ChartKind::Line => Mark::Line,
                ChartKind::Bar => Mark::Bar,
            };
            let span = parse_span(&span).with_context(|| format!("无法识别的期间 (unrecognised span): {span}"))?;
            let choice = ChartChoice::TimeSeries { indicator, span, mark, from, to };
            render_chart_file(&store, &park, &choice, &output, width, height)?;
            eprintln!("→ {}", output.display());
            Ok(())
        }
        Some(Command::Report { park, year, span, layout, output }) => {
            let store = Store::open(&existing_db(cli.db)?)?;
            let p = find_park(&store, &park)?;
            let (a, b) = parse_span(&span).with_context(|| format!("无法识别的期间 (unrecognised span): {span}"))?;
            let period = crate::domain::Period::new(year, a, b)?;
            let bytes = crate::report::export_pdf(&store, &p, period, layout)?;
            std::fs::write(&output, &bytes).with_context(|| format!("无法写入 (cannot write) {}", output.display()))?;
            eprintln!("{} bytes → {}", bytes.len(), output.display());
            Ok(())
        }
        Some(Command::Import { file, park, dry_run }) => {
            let mut store = Store::open(&existing_db(cli.db)?)?;
            let plan = crate::import::plan_file(&store, &file, park.as_deref())?;
            let indicators = store.indicators()?;
            let name = |id: i64| indicators.iter().find(|i| i.id == id).map_or("?", |i| i.name_zh.as_str());
            let num = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| format!("{x}"));
            for p in &plan.adds {
                println!("新增 {}  {} {} {} = {}", p.place, name(p.value.indicator_id), p.value.period.label_zh(), p.value.kind.label_zh(), num(p.value.value));
            }
            for p in &plan.changes {
                let before = p.before.as_ref().and_then(|b| b.value);
                println!("修改 {}  {} {} {}: {} → {}", p.place, name(p.value.indicator_id), p.value.period.label_zh(), p.value.kind.label_zh(), num(before), num(p.value.value));
            }
            for s in &plan.skips {
                println!("跳过 {s}");
            }
            println!("{}", plan.summary());
            if !dry_run {
                let n = plan.commit_recorded(&mut store, None)?;
                println!("已写入 {n} 条 (committed {n})");
            }
            Ok(())
        }
        Some(Command::Extract { file, json }) => {
            let text = crate::import::docx::summary_text(&file)?;
            let facts = crate::extract::extract(&text);
            if json {
                println!("{}", serde_json::to_string_pretty(&facts)?);
            } else {
                for f in &facts {
                    let num = |v: Option<f64>| v.map_or_else(String::new, |x| format!("{x}"));
                    println!(
                        "{}\t{}\t{}{}\t同比{}\t完成率{}\t{}\t{}",
                        f.indicator,
                        f.period.as_deref().unwrap_or("?"),
                        num(f.value),
                        f.unit.as_deref().unwrap_or(""),
                        num(f.yoy_pct),
                        num(f.target_pct),
                        f.kind,
                        f.sentence
                    );
                }
                eprintln!("{} figures", facts.len());
            }
            Ok(())
        }
        Some(Command::Bench { json, quick }) => {
            let scratch = std::env::temp_dir().join(format!("parkledger-quick-{}.sqlite", std::process::id()));
            let db = match (cli.db, quick) {
                (Some(db), _) => db,
                (None, true) => {
                    let _ = std::fs::remove_file(&scratch);
                    open_or_create(&scratch)?;
                    scratch.clone()
                }
                (None, false) => existing_db(None)?,
            };
            let effort = if quick { crate::bench::Effort::QUICK } else { crate::bench::Effort::FULL };
            let report = crate::bench::run(&db, effort);
            if db == scratch {
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", scratch.display()));
                }
            }
            let report = report?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                crate::bench::print_table(&report);
            }
            Ok(())
        }
        Some(Command::Sample { force, large, seed }) => {
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
            let store = if large {
                let started = Instant::now();
                let mut store = Store::open(&path)?;
                let c = crate::large_sample::populate(&mut store, seed)?;
                eprintln!("generated {} parks, {} values, {} projects in {:.1} s", c.parks, c.values, c.projects, started.elapsed().as_secs_f64());
                store
            } else {
                open_or_create(&path)?
            };
            let [parks, _, values, projects] = store.counts()?;
            println!("{}: {parks} parks, {values} values, {projects} projects", path.display());
            Ok(())
        }
        None => run_gui(cli.db, cli.quit_after_frames, started),
    }
}

/// A small window with the reason ParkLedger could not start, instead of vanishing.
fn show_startup_error(message: &str, db: Option<&Path>) -> anyhow::Result<()> {
    let message = message.to_owned();
    let db = db.map(Path::to_path_buf);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("ParkLedger 园区台账").with_inner_size([720.0, 340.0]),
        ..Default::default()
    };
    eframe::run_native(
        "ParkLedger-error",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install(&cc.egui_ctx);
            let prefs: crate::app::Prefs =
                cc.storage.and_then(|s| eframe::get_value(s, crate::app::PREFS_KEY)).unwrap_or_default();
            let dir = prefs.backup_dir.or_else(|| db.as_deref().map(crate::store::backup::default_dir)).unwrap_or_default();
            Ok(Box::new(crate::ui::StartupError::new(message, db, dir)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("无法打开窗口 (could not open the window): {e}"))?;
    anyhow::bail!("数据库无法打开 (the database could not be opened)")
}

/// `--db` or the default path, which must exist: reading commands never create a database.
fn existing_db(db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    anyhow::ensure!(path.exists(), "数据库不存在 (no database at) {}", path.display());
    Ok(path)
}

/// The park named `name`, or an error that lists the parks there are.
fn find_park(store: &Store, name: &str) -> anyhow::Result<crate::domain::Park> {
    let parks = store.parks()?;
    let names: Vec<&str> = parks.iter().map(|p| p.name.as_str()).collect();
    parks
        .iter()
        .find(|p| p.name == name.trim())
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("没有名为“{name}”的园区 (no such park)。现有园区：{}", names.join("、")))
}

/// Builds a chart from the store and writes it as PNG or SVG, chosen by the extension.
pub fn render_chart_file(store: &Store, park: &str, choice: &ChartChoice, output: &Path, width: u32, height: u32) -> anyhow::Result<()> {
    anyhow::ensure!((100..=8000).contains(&width) && (100..=8000).contains(&height), "图片尺寸应在 100 到 8000 像素之间 (size must be 100–8000 px)");
    let p = &find_park(store, park)?;
    let indicators = store.indicators()?;
    if let ChartChoice::TimeSeries { indicator, .. } = choice {
        anyhow::ensure!(indicators.iter().any(|i| &i.name_zh == indicator), "没有名为“{indicator}”的指标 (no such indicator)");
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
        _ => anyhow::bail!("输出文件须以 .png 或 .svg 结尾 (the output must end in .png or .svg)"),
    };
    std::fs::write(output, bytes).with_context(|| format!("无法写入 (cannot write) {}", output.display()))
}

fn run_gui(db: Option<PathBuf>, quit_after_frames: Option<u64>, started: Instant) -> anyhow::Result<()> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    let store = match open_or_create(&path) {
        Ok(store) => store,
        Err(e) if quit_after_frames.is_none() => {
            // Started from a desktop icon there is no terminal to read: say it in a window.
            eprintln!("parkledger: {e:#}");
            return show_startup_error(&format!("{e:#}"), Some(&path));
        }
        Err(e) => return Err(e),
    };
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

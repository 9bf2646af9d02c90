//! `parkledger bench`: the figures we watch so that a slowdown shows up the day it is
//! introduced. Each figure is the median of several runs (the machine is shared), plus
//! the 95th percentile for frame times. Frames run headless on an egui Context, with
//! tessellation, so they measure our CPU time and not the GPU's.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::app::{Cache, Page, Prefs};
use crate::ui::theme::ThemePref;
use crate::ui::window::{ParkLedgerApp, ViewPrefs};
use crate::domain::period::Period;
use crate::domain::value::ValueKind;
use crate::store::Store;

#[derive(Debug, Serialize)]
pub struct Report {
    pub open_ms: f64,
    /// Peak resident memory after opening the database and loading the first screen.
    pub peak_rss_mb: f64,
    pub frame_ms_median: std::collections::BTreeMap<String, f64>,
    pub frame_ms_p95: std::collections::BTreeMap<String, f64>,
    pub query_park_year_ms: f64,
    pub chart_png_ms: f64,
    /// The report of the park with the most values, for its latest year.
    pub pdf_sample_ms: f64,
    pub pdf_sample_bytes: f64,
    pub pdf_sample_pages: f64,
    /// The same report as Word (.docx), and its size.
    pub docx_sample_ms: f64,
    pub docx_sample_bytes: f64,
    /// The long report as Word.
    pub docx_large_ms: f64,
    pub docx_large_bytes: f64,
    /// A long report: the first park's text with the project table of as many parks as
    /// make about 50 pages.
    pub pdf_large_ms: f64,
    pub pdf_large_bytes: f64,
    pub pdf_large_pages: f64,
    /// Values per second through preview and commit (recorded in the history, as the app
    /// and the command line write it): a 100,000-row CSV, long layout.
    pub import_values_per_s: f64,
    /// The audit of what that CSV import writes, as its preview shows it (not in the rate).
    pub import_audit_ms: f64,
    /// Taking that CSV import back, and writing it again.
    pub import_undo_ms: f64,
    pub import_redo_ms: f64,
    /// The same for a 10,000-row xlsx sheet.
    pub import_xlsx_values_per_s: f64,
    /// Summary extraction over the five seed summaries (embedded copies).
    pub extract_kb_per_s: f64,
    /// Extraction of 1 MB of summaries (the seeds, repeated), and of 1 MB of clauses
    /// parted by commas with no full stop (the shape that once grew with the square).
    pub extract_1mb_ms: f64,
    pub extract_1mb_commas_ms: f64,
    /// The audit (审核) of every park: loading each park's values and projects and
    /// running the rules; the rules alone; and one park's re-check, as after a cell edit.
    pub audit_all_ms: f64,
    /// Every park's package for the latest full year, made and written (issue 16).
    pub packages_make_ms: f64,
    /// Those packages received into a new county database.
    pub packages_receive_ms: f64,
    /// The county's totals for that year over the 50 received packages.
    pub consolidate_county_ms: f64,
    /// The totals for that year over the whole benchmark database (every park's values
    /// for all years in one file: the query must not scan them all).
    pub consolidate_large_ms: f64,
    pub audit_rules_ms: f64,
    pub audit_park_ms: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_by(f64::total_cmp);
    let i = ((samples.len() - 1) as f64 * p).round() as usize;
    samples[i]
}

fn median_of(runs: usize, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        t.push(ms(start.elapsed()));
    }
    Ok(percentile(&mut t, 0.5))
}

/// Peak resident memory of this process (Linux; 0 elsewhere).
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time of `frames` frames of one page: (median, p95) in ms. `all_parks` lists every
/// park's projects in the ledger and scrolls through them, a screenful per frame.
fn frame_times(db: &Path, page: Page, frames: usize, all_parks: bool) -> anyhow::Result<(f64, f64)> {
    let store = Store::open(db)?;
    let park = store.parks()?.into_iter().max_by_key(|p| store.values_for_park(p.id).map(|v| v.len()).unwrap_or(0));
    let prefs = ViewPrefs { page, theme: ThemePref::Light, app: Prefs { park: park.map(|p| p.name), ..Prefs::default() }, ..ViewPrefs::default() };
    let mut app = ParkLedgerApp::new(store, db.to_owned(), prefs);
    app.pages.ledger.filters.all_parks = all_parks;
    let ctx = egui::Context::default();
    crate::fonts::install(&ctx);
    crate::ui::theme::apply(&ctx, ThemePref::Light);
    let input = |i: usize| egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
        time: Some(i as f64 / 60.0),
        events: if all_parks {
            vec![
                egui::Event::PointerMoved(egui::pos2(400.0, 500.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -600.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                    modifiers: egui::Modifiers::NONE,
                },
            ]
        } else {
            Vec::new()
        },
        ..Default::default()
    };
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames + 10 {
        let start = Instant::now();
        let mut out = ctx.run_ui(input(i), |ui| app.frame_ui(ui));
        // No GPU here: the font atlas updates are not uploaded anywhere.
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        // The first frames lay out fonts and grids; measure the steady state.
        if i >= 10 {
            times.push(ms(start.elapsed()));
        }
    }
    if page == Page::Charts {
        anyhow::ensure!(app.app.charts.chart.value().is_some(), "the Charts page built no chart");
    }
    if page == Page::Report {
        anyhow::ensure!(app.app.report.open.value().is_some(), "the Report page opened no report");
    }
    if all_parks {
        anyhow::ensure!(app.app.cache.all_projects.is_some(), "the ledger did not list all parks");
    }
    let median = percentile(&mut times, 0.5);
    Ok((median, percentile(&mut times, 0.95)))
}

/// How much work each measure does: the full run, or `--quick` (one repetition, few
/// frames) so that CI runs the bench and it cannot rot.
#[derive(Clone, Copy)]
pub struct Effort {
    pub reps: usize,
    pub frames: usize,
}

impl Effort {
    pub const FULL: Effort = Effort { reps: 5, frames: 60 };
    pub const QUICK: Effort = Effort { reps: 1, frames: 3 };
}

pub fn run(db: &Path, effort: Effort) -> anyhow::Result<Report> {
    anyhow::ensure!(db.exists(), crate::i18n::trf("cli.no_db", &[&db.display()]));
    let open_ms = median_of(effort.reps, || {
        let store = Store::open(db)?;
        let mut cache = Cache::default();
        cache.reload_all(&store, None)
    })?;
    // The first screen's memory, before frames and exports grow the heap.
    let open_rss_mb = peak_rss_mb();
    let mut frame_ms_median = std::collections::BTreeMap::new();
    let mut frame_ms_p95 = std::collections::BTreeMap::new();
    let pages = [
        (Page::Indicators, "indicators", false),
        (Page::Ledger, "ledger", false),
        (Page::Ledger, "ledger_all_parks_scrolling", true),
        (Page::Charts, "charts", false),
        (Page::Report, "report", false),
        (Page::Parks, "parks", false),
    ];
    for (page, name, all_parks) in pages {
        let (median, p95) = frame_times(db, page, effort.frames, all_parks)?;
        frame_ms_median.insert(name.to_owned(), median);
        frame_ms_p95.insert(name.to_owned(), p95);
    }
    let store = Store::open(db)?;
    let mut cache = Cache::default();
    cache.reload_all(&store, None)?;
    let (median, p95) = five_series_frames(&cache)?;
    frame_ms_median.insert("chart_5_series".to_owned(), median);
    frame_ms_p95.insert("chart_5_series".to_owned(), p95);
    let year = cache.latest_year();
    let query_park_year_ms = median_of(effort.reps, || {
        let values = crate::domain::ValueSet::new(store.values_for_park(cache.park_id.unwrap_or(0))?);
        let mut n = 0usize;
        for ind in &cache.indicators {
            for end in 1..=12u8 {
                let p = Period { year, start_month: 1, end_month: end };
                n += usize::from(values.yoy(ind.id, p, ValueKind::Actual).computed.is_some());
                n += usize::from(values.completion(ind.id, p, ValueKind::Actual).is_some());
            }
        }
        std::hint::black_box(n);
        Ok(())
    })?;
    let choice = crate::chart::build::ChartChoice::InvestmentOutput { span: (1, 12) };
    let fig = cache.figure(&store, &choice)?;
    let chart_png_ms = median_of(effort.reps.min(3), || {
        let svg = crate::chart::svg::figure_svg(&fig, 1920, 1080);
        std::hint::black_box(crate::chart::png::to_png(&svg, 1920, 1080)?);
        Ok(())
    })?;
    let park = cache.park().cloned().ok_or_else(|| anyhow::anyhow!("no park"))?;
    // The report a clerk exports: on the sample database 正阳's 2021 summary (its own
    // prose, tables, a chart and the 版记), else the benchmark park's latest year.
    let (report_park, report_year) = match store.park_by_name("正阳工业园区")? {
        Some(p) => (p, 2021),
        None => (park.clone(), year),
    };
    let (mut pdf_sample_bytes, mut pdf_sample_pages) = (0.0, 0.0);
    let pdf_sample_ms = median_of(effort.reps, || {
        let (bytes, pages) = crate::report::export_pdf_counted(&store, &report_park, Period::full_year(report_year), None)?;
        pdf_sample_bytes = bytes.len() as f64;
        pdf_sample_pages = pages as f64;
        Ok(())
    })?;
    let mut docx_sample_bytes = 0.0;
    let docx_sample_ms = median_of(effort.reps, || {
        docx_sample_bytes = crate::report::export_docx(&store, &report_park, Period::full_year(report_year), None)?.len() as f64;
        Ok(())
    })?;
    let (pdf_large_ms, pdf_large_bytes, pdf_large_pages, docx_large_ms, docx_large_bytes) = long_report(&store, &park, year, effort)?;
    let ImportRates { csv: import_values_per_s, audit_ms: import_audit_ms, undo_ms: import_undo_ms, redo_ms: import_redo_ms, xlsx: import_xlsx_values_per_s } = import_rates(db, &park.name)?;
    let seeds = [
        include_str!("../../tests/fixtures/seeds/000_14d24bdf3aa580c5.txt"),
        include_str!("../../tests/fixtures/seeds/001_6a41b5ad7d109042.txt"),
        include_str!("../../tests/fixtures/seeds/002_0883aadf33a60b22.txt"),
        include_str!("../../tests/fixtures/seeds/003_fe6c54b28da53ab7.txt"),
        include_str!("../../tests/fixtures/seeds/004_934e18aa2e5a1642.txt"),
    ];
    let kb = seeds.iter().map(|s| s.len()).sum::<usize>() as f64 / 1024.0;
    let extract_ms = median_of(effort.reps, || {
        for s in seeds {
            std::hint::black_box(crate::extract::extract(s));
        }
        Ok(())
    })?;
    let extract_kb_per_s = kb / (extract_ms / 1000.0);
    let megabyte = |piece: &str| piece.repeat((1 << 20) / piece.len().max(1) + 1);
    let summaries = megabyte(&seeds.concat());
    let extract_1mb_ms = median_of(effort.reps.min(3), || {
        std::hint::black_box(crate::extract::extract(&summaries));
        Ok(())
    })?;
    let commas = megabyte("园区规上工业总产值12.5亿元,同比增长8.1%,");
    let extract_1mb_commas_ms = median_of(effort.reps.min(3), || {
        std::hint::black_box(crate::extract::extract(&commas));
        Ok(())
    })?;
    let (audit_all_ms, audit_rules_ms, audit_park_ms) = audit_times(&store, park.id, effort)?;
    let (packages_make_ms, packages_receive_ms, consolidate_county_ms, consolidate_large_ms) = package_times(&store, effort)?;
    Ok(Report {
        open_ms,
        peak_rss_mb: open_rss_mb,
        frame_ms_median,
        frame_ms_p95,
        query_park_year_ms,
        chart_png_ms,
        pdf_sample_ms,
        pdf_sample_bytes,
        pdf_sample_pages,
        docx_sample_ms,
        docx_sample_bytes,
        docx_large_ms,
        docx_large_bytes,
        pdf_large_ms,
        pdf_large_bytes,
        pdf_large_pages,
        import_values_per_s,
        import_audit_ms,
        import_undo_ms,
        import_redo_ms,
        import_xlsx_values_per_s,
        extract_kb_per_s,
        extract_1mb_ms,
        extract_1mb_commas_ms,
        audit_all_ms,
        packages_make_ms,
        packages_receive_ms,
        consolidate_county_ms,
        consolidate_large_ms,
        audit_rules_ms,
        audit_park_ms,
    })
}

/// Every park's package for the latest full year: made and written, then received into a
/// new county database (medians; each run receives into a database of its own); then the
/// totals for that year, over the county database and over the benchmark database.
fn package_times(store: &Store, effort: Effort) -> anyhow::Result<(f64, f64, f64, f64)> {
    let dir = tempfile::tempdir()?;
    let parks = store.parks()?;
    let latest = match parks.first() {
        Some(p) => store.values_for_park(p.id)?.iter().map(|v| v.period.year).max(),
        None => None,
    };
    let period = crate::domain::Period::full_year(latest.unwrap_or(2024));
    let mut files = Vec::new();
    let make_ms = median_of(effort.reps, || {
        files.clear();
        for p in &parks {
            let package = crate::county::make_package(store, p, period)?;
            let path = dir.path().join(format!("{}.plpkg", p.id));
            crate::store::package::write_package(&path, &package)?;
            files.push(path);
        }
        Ok(())
    })?;
    let mut run = 0;
    let receive_ms = median_of(effort.reps, || {
        run += 1;
        let mut county = Store::open(&dir.path().join(format!("county-{run}.sqlite")))?;
        for f in &files {
            let package = crate::county::open_package(f)?;
            crate::county::receive(&mut county, &package, false)?;
        }
        Ok(())
    })?;
    let county = Store::open(&dir.path().join("county-1.sqlite"))?;
    let county_ms = median_of(effort.reps, || {
        std::hint::black_box(crate::county::consolidation(&county, period)?);
        Ok(())
    })?;
    let large_ms = median_of(effort.reps, || {
        std::hint::black_box(crate::county::consolidation(store, period)?);
        Ok(())
    })?;
    Ok((make_ms, receive_ms, county_ms, large_ms))
}

/// The whole audit (load and rules; the rules' share of it; medians) and one park's
/// re-check. One park's data is held at a time, as the command line holds it.
fn audit_times(store: &Store, park_id: i64, effort: Effort) -> anyhow::Result<(f64, f64, f64)> {
    use crate::audit::{ParkData, audit_park};
    let indicators = store.indicators()?;
    let user_rules = store.audit_rules()?;
    let parks = store.parks()?;
    let mut rules = Vec::new();
    let all_ms = median_of(effort.reps, || {
        let mut spent = Duration::ZERO;
        for p in &parks {
            let (values, projects) = (store.values_for_audit(p.id)?, store.projects_of_park(p.id)?);
            let start = Instant::now();
            std::hint::black_box(audit_park(&ParkData { park_id: p.id, values: &values, indicators: &indicators, projects: &projects, user_rules: &user_rules }));
            spent += start.elapsed();
        }
        rules.push(ms(spent));
        Ok(())
    })?;
    let (values, projects) = (store.values_for_park(park_id)?, store.projects_of_park(park_id)?);
    let park_ms = median_of(effort.reps.max(5), || {
        std::hint::black_box(audit_park(&ParkData { park_id, values: &values, indicators: &indicators, projects: &projects, user_rules: &user_rules }));
        Ok(())
    })?;
    Ok((all_ms, percentile(&mut rules, 0.5), park_ms))
}

/// Frame time of a plot of five indicators over all their years (30 on the large
/// database), drawn by the Charts page's plot code.
fn five_series_frames(cache: &Cache) -> anyhow::Result<(f64, f64)> {
    use crate::chart::Mark;
    use crate::chart::build::{ChartData, time_series};
    let data = ChartData {
        park_name: "",
        indicators: &cache.indicators,
        values: &cache.values,
        projects: &cache.projects,
        all_parks: &[],
    };
    let money: Vec<_> = cache.indicators.iter().filter(|i| i.unit == "亿元").take(5).collect();
    let mut fig = time_series(&data, money.first().copied().ok_or_else(|| anyhow::anyhow!("no indicators"))?, (1, 12), Mark::Line, None, None);
    fig.main.series.clear();
    fig.lower = None;
    for (slot, ind) in money.iter().enumerate() {
        let one = time_series(&data, ind, (1, 12), Mark::Line, None, None);
        if let Some(mut s) = one.main.series.into_iter().next() {
            s.color = slot;
            fig.main.series.push(s);
        }
    }
    let ctx = egui::Context::default();
    crate::fonts::install(&ctx);
    let mut times = Vec::new();
    for i in 0..70 {
        let start = Instant::now();
        let mut out = ctx.run_ui(
            egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
                time: Some(f64::from(i) / 60.0),
                ..Default::default()
            },
            |ui| crate::ui::plot::figure_ui(ui, &fig, crate::ui::plot::PlotStyle { height: 800.0, text_scale: 1.0 }, "bench"),
        );
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        if i >= 10 {
            times.push(ms(start.elapsed()));
        }
    }
    // On a small database the park may have few of these figures; the frame is still drawn.
    anyhow::ensure!(fig.main.series.len() == money.len(), "one series per indicator");
    Ok((percentile(&mut times, 0.5), percentile(&mut times, 0.95)))
}

struct ImportRates {
    csv: f64,
    audit_ms: f64,
    undo_ms: f64,
    redo_ms: f64,
    xlsx: f64,
}

/// Imports generated sheets into a scratch copy of the database (the user's file is
/// never written): a 100,000-row CSV and a 10,000-row xlsx, preview plus commit. The CSV
/// import is undone and redone between the two, timed.
fn import_rates(db: &Path, park: &str) -> anyhow::Result<ImportRates> {
    let dir = std::env::temp_dir().join(format!("parkledger-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let copy = dir.join("copy.sqlite");
    {
        // A consistent copy, WAL included.
        let src = Store::open(db)?;
        src.vacuum_into(&copy)?;
    }
    let mut store = Store::open(&copy)?;
    let names: Vec<String> = store.indicators()?.into_iter().map(|i| i.name_zh).collect();
    let rows = |n: usize| {
        let mut out = Vec::with_capacity(n);
        'outer: for year in 1900..2100 {
            for name in &names {
                for end in 1..=12u8 {
                    if out.len() == n {
                        break 'outer;
                    }
                    out.push(vec![park.to_owned(), name.clone(), year.to_string(), "1".to_owned(), end.to_string(), "实际".to_owned(), format!("{}.{}", out.len() % 997, end)]);
                }
            }
        }
        out
    };
    let header = ["园区", "指标", "年份", "起始月", "结束月", "类型", "数值"];
    let csv_path = dir.join("values.csv");
    let mut w = csv::Writer::from_path(&csv_path)?;
    w.write_record(header)?;
    for r in rows(100_000) {
        w.write_record(&r)?;
    }
    w.flush()?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (i, r) in rows(10_000).iter().enumerate() {
        for (c, cell) in r.iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, cell)?;
        }
        // Different figures from the CSV's, so that these are written too.
        ws.write_number(i as u32 + 1, 6, (i % 991) as f64 + 0.25)?;
    }
    let xlsx_path = dir.join("values.xlsx");
    book.save(&xlsx_path)?;
    // Values per second of plan and commit, and the milliseconds of the preview's audit.
    let rate = |store: &mut Store, path: &Path| -> anyhow::Result<(f64, f64)> {
        let start = Instant::now();
        let mut plan = crate::import::plan_file(store, path, None)?;
        let audit_start = Instant::now();
        plan.audit(store)?;
        let audited = audit_start.elapsed();
        let n = plan.commit_recorded(store, None)?;
        anyhow::ensure!(n > 0 && plan.skips.is_empty(), "the bench import wrote nothing: {}", plan.summary());
        Ok((n as f64 / (start.elapsed() - audited).as_secs_f64(), ms(audited)))
    };
    let (csv, csv_audit_ms) = rate(&mut store, &csv_path)?;
    let start = Instant::now();
    anyhow::ensure!(store.undo()?.is_some(), "the bench import could not be undone");
    let undo_ms = ms(start.elapsed());
    let start = Instant::now();
    anyhow::ensure!(store.redo()?.is_some(), "the bench import could not be redone");
    let redo_ms = ms(start.elapsed());
    let (xlsx, _) = rate(&mut store, &xlsx_path)?;
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(ImportRates { csv, audit_ms: csv_audit_ms, undo_ms, redo_ms, xlsx })
}

/// Times a report of about 50 pages: the park's own report with the project table of
/// up to 230 projects from all parks (all of them on a small database).
fn long_report(store: &Store, park: &crate::domain::Park, year: i32, effort: Effort) -> anyhow::Result<(f64, f64, f64, f64, f64)> {
    use crate::report::{ReportData, ReportSpec, compose, figures, pdf};
    let indicators = store.indicators()?;
    let values = crate::domain::ValueSet::new(store.values_for_park(park.id)?);
    let mut projects = store.projects()?;
    projects.truncate(230);
    // Every project belongs to the report's year, so the table lists them all.
    for p in &mut projects {
        p.plan_year = Some(year);
    }
    let data = ReportData { park, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    let spec = ReportSpec::new(&data, Period::full_year(year), None);
    let blocks = compose(&spec, &data, figures(&spec, &data, &[]));
    let meta = pdf::Meta { title: &spec.title, author: "bench", created: 0 };
    let fonts = crate::report::fonts(store)?;
    let mut out = (0, 0);
    let ms = median_of(effort.reps.min(3), || {
        let (bytes, pages) = pdf::render_counted(&blocks, spec.layout, &fonts, &meta)?;
        out = (bytes.len(), pages);
        Ok(())
    })?;
    let mut docx_bytes = 0;
    let docx_ms = median_of(effort.reps.min(3), || {
        docx_bytes = crate::report::docx::render(&blocks, spec.layout, &fonts, &meta)?.len();
        Ok(())
    })?;
    Ok((ms, out.0 as f64, out.1 as f64, docx_ms, docx_bytes as f64))
}

pub fn print_table(r: &Report) {
    println!("{:<44} {:>10}", "measure", "value");
    println!("{:<44} {:>10.1}", "open + first load (ms)", r.open_ms);
    println!("{:<44} {:>10.1}", "peak RSS after open (MB)", r.peak_rss_mb);
    for (page, median) in &r.frame_ms_median {
        println!("{:<44} {:>10.2}", format!("frame {page} median (ms)"), median);
        println!("{:<44} {:>10.2}", format!("frame {page} p95 (ms)"), r.frame_ms_p95[page]);
    }
    println!("{:<44} {:>10.2}", "YoY+completion park-year (ms)", r.query_park_year_ms);
    println!("{:<44} {:>10.1}", "chart PNG 1920x1080 (ms)", r.chart_png_ms);
    println!("{:<44} {:>10.1}", "report PDF (ms)", r.pdf_sample_ms);
    println!("{:<44} {:>10.0}", "report PDF (bytes)", r.pdf_sample_bytes);
    println!("{:<44} {:>10.0}", "report PDF (pages)", r.pdf_sample_pages);
    println!("{:<44} {:>10.1}", "report Word .docx (ms)", r.docx_sample_ms);
    println!("{:<44} {:>10.0}", "report Word .docx (bytes)", r.docx_sample_bytes);
    println!("{:<44} {:>10.1}", format!("long report PDF, {} pages (ms)", r.pdf_large_pages), r.pdf_large_ms);
    println!("{:<44} {:>10.0}", "long report PDF (bytes)", r.pdf_large_bytes);
    println!("{:<44} {:>10.1}", "long report Word .docx (ms)", r.docx_large_ms);
    println!("{:<44} {:>10.0}", "long report Word .docx (bytes)", r.docx_large_bytes);
    println!("{:<44} {:>10.0}", "import, 100,000-row CSV (values/s)", r.import_values_per_s);
    println!("{:<44} {:>10.0}", "audit of that import's figures (ms)", r.import_audit_ms);
    println!("{:<44} {:>10.0}", "undo of that import (ms)", r.import_undo_ms);
    println!("{:<44} {:>10.0}", "redo of that import (ms)", r.import_redo_ms);
    println!("{:<44} {:>10.0}", "import, 10,000-row xlsx (values/s)", r.import_xlsx_values_per_s);
    println!("{:<44} {:>10.0}", "extraction over the seeds (KB/s)", r.extract_kb_per_s);
    println!("{:<44} {:>10.0}", "extraction, 1 MB of summaries (ms)", r.extract_1mb_ms);
    println!("{:<44} {:>10.0}", "extraction, 1 MB of commas, no 。 (ms)", r.extract_1mb_commas_ms);
    println!("{:<44} {:>10.1}", "audit, every park: load + rules (ms)", r.audit_all_ms);
    println!("{:<44} {:>10.1}", "packages, every park's year: make (ms)", r.packages_make_ms);
    println!("{:<44} {:>10.1}", "packages, every park's year: receive (ms)", r.packages_receive_ms);
    println!("{:<44} {:>10.1}", "county totals, 50 packages received (ms)", r.consolidate_county_ms);
    println!("{:<44} {:>10.1}", "county totals, whole bench database (ms)", r.consolidate_large_ms);
    println!("{:<44} {:>10.1}", "audit, every park: rules alone (ms)", r.audit_rules_ms);
    println!("{:<44} {:>10.2}", "audit, one park's re-check (ms)", r.audit_park_ms);
}

/// `parkledger bench [--json] [--quick]`. `--quick` without `--db` runs on a scratch copy
/// of the sample database, removed afterwards.
pub(super) fn run_command(db: Option<std::path::PathBuf>, json: bool, quick: bool) -> anyhow::Result<()> {
    let scratch = std::env::temp_dir().join(format!("parkledger-quick-{}.sqlite", std::process::id()));
    let db = match (db, quick) {
        (Some(db), _) => db,
        (None, true) => {
            let _ = std::fs::remove_file(&scratch);
            super::open_or_create(&scratch)?;
            scratch.clone()
        }
        (None, false) => super::existing_db(None)?,
    };
    let effort = if quick { Effort::QUICK } else { Effort::FULL };
    let report = run(&db, effort);
    if db == scratch {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", scratch.display()));
        }
    }
    let report = report?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(())
}

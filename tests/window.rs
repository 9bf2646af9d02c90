//! How the window behaves around the data: a load that fails is tried once per change,
//! not every frame; a frame with nothing to do asks nothing of the database; slow work
//! (a PDF export) runs on a job while the window keeps drawing.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parkledger::app::parks::ParksAction;
use parkledger::app::report::ReportAction;
use parkledger::app::{Page, Prefs};
use parkledger::domain::period::Period;
use parkledger::store::Store;
use parkledger::ui::window::{ParkLedgerApp, ViewPrefs};

use crate::common::{SampleDb, park_id, sample_db};

/// Statements the window's connection ran: all of them, and those reading a stored report.
#[derive(Clone, Default)]
struct Counted {
    all: Arc<AtomicUsize>,
    reports: Arc<AtomicUsize>,
}

impl Counted {
    fn install(&self, store: &mut Store) {
        let (all, reports) = (Arc::clone(&self.all), Arc::clone(&self.reports));
        store
            .trace_statements(move |sql| {
                all.fetch_add(1, Ordering::SeqCst);
                if sql.contains("FROM report WHERE") {
                    reports.fetch_add(1, Ordering::SeqCst);
                }
            })
            .unwrap();
    }
    fn all(&self) -> usize {
        self.all.load(Ordering::SeqCst)
    }
    fn reports(&self) -> usize {
        self.reports.load(Ordering::SeqCst)
    }
}

fn window(db: &SampleDb, store: Store, page: Page, park: &str) -> Harness<'static, ParkLedgerApp> {
    let prefs = ViewPrefs { page, app: Prefs { park: Some(park.to_owned()), ..Prefs::default() }, ..ViewPrefs::default() };
    crate::common::harness(&db.path, store, prefs)
}

#[test]
fn an_unreadable_report_is_read_once_per_change_not_every_frame() {
    let (db, mut store) = sample_db();
    let park = park_id(&store, "正阳工业园区");
    store.save_report_body(park, Period::full_year(2021), "{ this is not a report").unwrap();
    let counted = Counted::default();
    counted.install(&mut store);
    let mut h = window(&db, store, Page::Report, "正阳工业园区");
    h.state_mut().pages.report.year = Some(2021);
    h.state_mut().pages.report.span = Some((1, 12));
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(counted.reports(), 1, "the report is read once");
    assert!(h.query_all_by_label_contains("无法读取").count() >= 1, "the page says why it shows no report: {}", h.state().app.status.text);
    let before = counted.all();
    for _ in 0..20 {
        h.step();
    }
    assert_eq!(counted.all(), before, "idle frames run no SQL at all");
    assert_eq!(counted.reports(), 1);
    // A change (the park picked again reloads its data) earns one more try.
    h.state_mut().app.apply(ParksAction::Select(park).into());
    for _ in 0..10 {
        h.step();
    }
    assert_eq!(counted.reports(), 2, "tried again once after the change");
}

#[test]
fn a_page_left_open_asks_nothing_of_the_database() {
    let counted = Counted::default();
    for page in [Page::Charts, Page::Ledger, Page::Indicators, Page::History, Page::Settings, Page::Import, Page::Parks] {
        let (db2, mut store2) = sample_db();
        counted.install(&mut store2);
        let mut h = window(&db2, store2, page, "正阳工业园区");
        for _ in 0..5 {
            h.step();
        }
        let started = std::time::Instant::now();
        while h.state().busy() {
            assert!(started.elapsed().as_secs() < 30, "{page:?}: a job was started again and again");
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        h.step();
        let before = counted.all();
        for _ in 0..20 {
            h.step();
        }
        assert_eq!(counted.all(), before, "{page:?}: idle frames run no SQL");
    }
}

#[test]
fn a_pdf_export_runs_on_a_job_while_the_window_keeps_drawing() {
    let (db, store) = sample_db();
    let mut h = window(&db, store, Page::Report, "奈曼旗工业园区");
    h.state_mut().app.report.exe = Some(env!("CARGO_BIN_EXE_parkledger").into());
    h.run();
    let out = db.path.with_file_name("奈曼2020.pdf");
    h.state_mut().app.apply(ReportAction::Export { period: Period::full_year(2020), path: out.clone(), format: parkledger::report::Format::Pdf }.into());
    assert!(h.state().busy(), "the export is under way on a job, not done inside the click");
    let started = std::time::Instant::now();
    let mut frames_while_busy = 0;
    while h.state().busy() {
        assert!(started.elapsed().as_secs() < 60, "the export never finished");
        let frame = std::time::Instant::now();
        h.step();
        assert!(frame.elapsed().as_millis() < 1000, "a frame took {} ms while exporting", frame.elapsed().as_millis());
        frames_while_busy += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.step();
    assert!(frames_while_busy >= 2, "the window drew {frames_while_busy} frames during the export");
    let status = h.state().app.status.text.clone();
    assert!(status.contains("奈曼2020.pdf"), "{status}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
}

#[test]
fn a_read_only_file_opens_in_a_window_that_says_so() {
    let (db, store) = sample_db();
    drop(store);
    let ro = Store::open_read_only(&db.path).unwrap();
    let mut h = window(&db, ro, Page::Indicators, "正阳工业园区");
    for _ in 0..3 {
        h.step();
    }
    assert!(h.query_by_label("只读").is_some(), "the top bar says the file is read-only");
    assert!(h.state().pages.indicators.read_only, "the grid's cells take no typing");
    assert!(egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label("新增指标…")).is_disabled(), "no new indicator in a read-only file");
    assert!(h.query_by_label("正阳工业园区").is_some() || h.query_all_by_label_contains("正阳").count() > 0, "the data is shown");
    h.state_mut().app.start_automatic_backup();
    for _ in 0..30 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!parkledger::store::backup::default_dir(&db.path).exists(), "a read-only file takes no automatic backup");
}

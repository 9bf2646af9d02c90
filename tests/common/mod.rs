//! Shared fixtures: a sample database in a temporary directory, and the seed texts.

use std::path::PathBuf;

use parkledger::store::Store;

pub struct SampleDb {
    /// Kept so the directory lives as long as the test.
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
}

/// A fresh sample database, as the first run creates it.
pub fn sample_db() -> (SampleDb, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.sqlite");
    let mut store = parkledger::cli::open_or_create(&path).expect("sample database");
    // A database the clerk already uses: the first run's "these are sample figures" is behind them.
    store.set_setting(parkledger::store::SAMPLE_NOTICE, "seen").expect("setting");
    (SampleDb { _dir: dir, path }, store)
}

/// The five seed summaries: `../shared/seeds` when present, else the copy in
/// `tests/fixtures/seeds`.
pub fn seed_texts() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/seeds");
    let dir = if shared.is_dir() { shared } else { root.join("tests/fixtures/seeds") };
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("seed directory")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("seed text")))
        .collect();
    out.sort();
    assert!(out.len() >= 5, "expected the five seed summaries in {}", dir.display());
    out
}

pub fn park_id(store: &Store, name: &str) -> i64 {
    store.park_by_name(name).unwrap().unwrap_or_else(|| panic!("no park {name}")).id
}

pub fn indicator_id(store: &Store, name: &str) -> i64 {
    store.indicators().unwrap().into_iter().find(|i| i.name_zh == name).unwrap_or_else(|| panic!("no indicator {name}")).id
}

/// A full-year actual value, as a test writes one.
pub fn full_year_value(park: i64, indicator: i64, year: i32, v: f64) -> parkledger::store::NewValue {
    parkledger::store::NewValue {
        park_id: park,
        indicator_id: indicator,
        period: parkledger::domain::period::Period::full_year(year),
        kind: parkledger::domain::value::ValueKind::Actual,
        value: Some(v),
        entered: None,
        reported_yoy: None,
        source: "测试".into(),
        derivation: None,
    }
}

/// The window over `store` with `prefs`: 1400×900, the fonts installed, the light theme.
pub fn harness(db_path: &std::path::Path, store: Store, prefs: parkledger::ui::window::ViewPrefs) -> egui_kittest::Harness<'static, parkledger::ui::window::ParkLedgerApp> {
    let app = parkledger::ui::window::ParkLedgerApp::new(store, db_path.to_path_buf(), prefs);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| {
            parkledger::fonts::install(ctx);
            parkledger::ui::theme::apply(ctx, parkledger::ui::theme::ThemePref::Light);
        })
        .build_ui_state(|ui, app: &mut parkledger::ui::window::ParkLedgerApp| app.frame_ui(ui), app);
    // The jobs a window starts as it opens (the first backup, the backup list on Settings)
    // repaint until they end; on a busy machine that outlasts `run`'s step limit, so they
    // are waited for here, as a clerk waits for the window to settle.
    let started = std::time::Instant::now();
    h.step();
    while h.state().busy() {
        assert!(started.elapsed().as_secs() < 60, "the window's opening jobs never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h
}

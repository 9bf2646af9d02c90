//! One language at a time: every page walked in English shows no Chinese but data (park,
//! zone, indicator, unit and project names, a report's text, which is a Chinese document
//! in either language), and in Chinese no English words but data and a few names that are
//! the same in both (PDF, Excel, ParkLedger…).

use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use parkledger::app::grid::GridAction;
use parkledger::app::{CellField, CellKey, Page, Prefs};
use parkledger::domain::period::Period;
use parkledger::domain::value::ValueKind;
use parkledger::i18n::Lang;
use parkledger::ui::theme::ThemePref;
use parkledger::ui::window::{ParkLedgerApp, ViewPrefs};

use crate::common::sample_db;

const PAGES: [Page; 8] = [Page::Indicators, Page::Ledger, Page::Charts, Page::Report, Page::Import, Page::Parks, Page::History, Page::Settings];

/// Words that read the same in a Chinese window.
const SAME_IN_BOTH: &[&str] = &[
    "ParkLedger", "PDF", "PNG", "SVG", "Excel", "Word", "WPS", "CSV", "xlsx", "xls", "ods", "csv", "docx", "txt", "MB", "KB", "px", "GB", "English",
    "Noto", "Sans", "Serif", "CJK", "SC", "LXGW", "WenKai", "sqlite", "SQLite", "ttf", "otf", "ttc", "UTF", "GBK",
];

/// What reads the same in an English window: a language's own name on its switch, and the
/// Chinese column headers a sheet must carry whatever the window's language.
const SAME_IN_ENGLISH: &[&str] = &["中文", "项目名称", "状态", "总投资"];

/// egui's own names for its widgets, read by screen readers and never shown.
const EGUI_INTERNAL: &[&str] = &["Resize panel"];

/// Everything in the window that is data rather than the program's own words.
fn data_strings(h: &Harness<'_, ParkLedgerApp>) -> Vec<String> {
    let app = &h.state().app;
    let store = app.store();
    let mut out: Vec<String> = Vec::new();
    for p in store.parks().unwrap() {
        out.extend([p.name, p.region, p.notes, p.level]);
    }
    out.extend(store.zones().unwrap().into_iter().map(|z| z.name));
    for i in store.indicators().unwrap() {
        out.extend([i.name_zh, i.name_en, i.unit]);
    }
    out.extend(store.chains().unwrap());
    for p in store.projects().unwrap() {
        out.extend([p.name, p.company, p.chain, p.capacity]);
        out.extend(p.progress.into_iter().map(|e| e.note));
    }
    if let Some(r) = app.report.open.value() {
        // The numbers the document's headings print with are the document's, shown beside
        // each heading as it will read.
        for level in 1..=4 {
            out.extend((1..=20).map(|n| parkledger::report::heading_number(level, n)));
        }
        for text in r.texts() {
            out.push(text.to_owned());
            out.extend(text.lines().map(str::to_owned));
            out.push(parkledger::report::heading_text(text).to_owned());
        }
    }
    // Who made each change: account names are data, in whatever script the OS gives them.
    out.extend(app.history.groups.iter().chain(&app.history.undo).chain(&app.history.redo).map(|g| g.user.clone()));
    out.extend(SAME_IN_ENGLISH.iter().map(|s| (*s).to_owned()));
    out.push(app.db_path().display().to_string());
    out.push(app.backup_dir().display().to_string());
    out.retain(|s| !s.trim().is_empty());
    // Longest first, so a name is removed whole before a shorter one inside it.
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

fn texts(h: &Harness<'_, ParkLedgerApp>) -> Vec<String> {
    h.query_all(By::new())
        .flat_map(|n| {
            let a = n.accesskit_node();
            [a.label(), a.value()]
        })
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff5e}')
}

/// What is left of a text once the data in it is taken out.
fn without_data(text: &str, data: &[String]) -> String {
    let mut t = text.to_owned();
    for d in data {
        if t.contains(d.as_str()) {
            t = t.replace(d.as_str(), " ");
        }
    }
    t
}

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !SAME_IN_BOTH.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Each page's texts that are in the other language, for the language `lang`.
fn walk(lang: Lang) -> Vec<String> {
    let mut found = Vec::new();
    for page in PAGES {
        let (db, store) = sample_db();
        let prefs = ViewPrefs { page, app: Prefs { lang, park: Some("正阳工业园区".to_owned()), ..Prefs::default() }, theme: ThemePref::Light, ..ViewPrefs::default() };
        let mut h = crate::common::harness(&db.path, store, prefs);
        // Something in the history, and a project open in the ledger, so those show too.
        let (store, cache) = (h.state().app.store(), &h.state().app.cache);
        let indicator_id = crate::common::indicator_id(store, "规上工业总产值");
        let project = cache.projects.first().map(|p| p.id);
        let key = CellKey { indicator_id, period: Period::full_year(2021), kind: ValueKind::Actual, field: CellField::Amount };
        h.state_mut().app.apply(GridAction::SetCell(key, "57".to_owned()).into());
        h.state_mut().pages.ledger.select(project);
        let started = std::time::Instant::now();
        h.step();
        while h.state().busy() && started.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        for _ in 0..3 {
            h.step();
        }
        let data = data_strings(&h);
        for text in texts(&h) {
            // A wrapped label reaches the tree one row at a time.
            if EGUI_INTERNAL.contains(&text.as_str()) || data.iter().any(|d| d.contains(text.trim())) {
                continue;
            }
            let rest = without_data(&text, &data);
            let wrong = match lang {
                Lang::En => rest.chars().any(is_cjk),
                Lang::Zh => !english_words(&rest).is_empty(),
            };
            if wrong {
                found.push(format!("{page:?}: {text}"));
            }
        }
        drop(h);
    }
    parkledger::i18n::set_lang(Lang::Zh);
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_english_window_shows_no_chinese_but_data() {
    let found = walk(Lang::En);
    assert!(found.is_empty(), "{} texts in Chinese:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_chinese_window_shows_no_english_but_data() {
    let found = walk(Lang::Zh);
    assert!(found.is_empty(), "{} texts in English:\n{}", found.len(), found.join("\n"));
}

#[test]
fn errors_from_the_store_read_in_one_language() {
    use parkledger::domain::park::NameError;
    use parkledger::i18n::set_lang;
    use parkledger::store::{Rule, StoreError};
    let errors = [StoreError::Rule(Rule::EmptyNote), StoreError::Busy, StoreError::Name(NameError::TooLong(200)), StoreError::Duplicate("正阳工业园区".into())];
    set_lang(Lang::En);
    for e in &errors {
        let text = e.to_string();
        assert!(!without_data(&text, &["正阳工业园区".to_owned()]).chars().any(is_cjk), "English, with the name as data: {text}");
    }
    set_lang(Lang::Zh);
    for e in &errors {
        let text = e.to_string();
        assert!(english_words(&text).is_empty(), "Chinese only: {text}");
    }
}

#[test]
fn an_import_preview_gives_its_reasons_in_the_windows_language() {
    use parkledger::i18n::set_lang;
    let (db, store) = sample_db();
    let csv = db.path.with_file_name("zy.csv");
    std::fs::write(&csv, "园区,指标,年份,期间,类型,数值\n正阳工业园区,规上工业总产值,2023,全年,实际,abc\n").unwrap();
    set_lang(Lang::En);
    let plan = parkledger::import::plan_file(&store, &csv, None).unwrap();
    set_lang(Lang::Zh);
    assert_eq!(plan.skips.len(), 1, "{:?}", plan.skips);
    let skip = &plan.skips[0];
    assert!(skip.contains("row 2, column 6 (F2)") && skip.contains("“abc” is not a number"), "{skip}");
    assert!(!without_data(skip, &["zy.csv".to_owned()]).chars().any(is_cjk), "{skip}");
}

#[test]
fn a_work_summarys_charts_stay_chinese_in_an_english_window() {
    use parkledger::i18n::set_lang;
    let (_db, store) = sample_db();
    let park = store.park_by_name("正阳工业园区").unwrap().unwrap();
    let (spec, indicators, values, projects) = parkledger::report::load(&store, &park, Period::full_year(2021)).unwrap();
    let data = parkledger::report::ReportData { park: &park, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    set_lang(Lang::En);
    let figures = parkledger::report::figures(&spec, &data, &[]);
    let choice = parkledger::chart::build::ChartChoice::InvestmentOutput { span: (1, 12) };
    let cdata = parkledger::chart::build::ChartData { park_name: &park.name, indicators: &indicators, values: &values, projects: &projects, all_parks: &[] };
    let on_screen = parkledger::chart::build::figure(&choice, &cdata);
    set_lang(Lang::Zh);
    assert!(!figures.is_empty(), "the sample report has charts");
    for f in &figures {
        assert!(f.main.title.chars().any(is_cjk) && english_words(&f.main.title).is_empty(), "report chart: {}", f.main.title);
    }
    assert_eq!(on_screen.main.title, "Fixed-asset investment and industrial output", "the window's chart speaks the window's language");
}

#[test]
fn switching_language_redraws_the_chart_in_it() {
    use parkledger::app::settings::SettingsAction;
    let (db, store) = sample_db();
    let prefs = ViewPrefs { page: Page::Charts, app: Prefs { park: Some("示例园区（虚构数据）".to_owned()), ..Prefs::default() }, theme: ThemePref::Light, ..ViewPrefs::default() };
    let mut h = crate::common::harness(&db.path, store, prefs);
    h.run();
    assert!(h.query_by_label("固定资产投资与规上工业总产值").is_some(), "the chart in Chinese first");
    h.state_mut().app.apply(SettingsAction::SetLang(Lang::En).into());
    h.run();
    let title = h.state().app.charts.chart.value().map(|f| f.main.title.clone());
    parkledger::i18n::set_lang(Lang::Zh);
    assert_eq!(title.as_deref(), Some("Fixed-asset investment and industrial output"));
}

#[test]
fn units_and_park_levels_read_in_english_in_the_english_window() {
    let (db, store) = sample_db();
    let prefs = ViewPrefs { page: Page::Indicators, app: Prefs { lang: Lang::En, park: Some("正阳工业园区".to_owned()), ..Prefs::default() }, ..ViewPrefs::default() };
    let mut h = crate::common::harness(&db.path, store, prefs);
    h.run();
    assert!(h.query_all_by_label("100M yuan").next().is_some(), "亿元 in English");
    assert!(h.query_all_by_label("亿元").next().is_none(), "and not in Chinese");
    assert_eq!(parkledger::i18n::park_level("省级"), "Provincial");
    assert_eq!(parkledger::i18n::unit("吨/亩"), "吨/亩", "a unit the catalogue does not know is shown as stored");
    drop(h);
    parkledger::i18n::set_lang(Lang::Zh);
}

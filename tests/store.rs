//! Storage: every entity round-trips, migrations are idempotent, a newer or foreign file
//! is refused, and edits are all-or-nothing.

use jiff::civil::date;
use parkledger::domain::indicator::{Category, Indicator, Nature};
use parkledger::domain::park::{Park, Zone};
use parkledger::domain::period::Period;
use parkledger::domain::project::{Currency, KeyLevel, ProgressEntry, Project, ProjectKind, ProjectStatus, YearInvestment};
use parkledger::domain::value::{Entered, ValueKind};
use parkledger::store::{NewValue, SCHEMA_VERSION, Store, StoreError};

fn park(name: &str) -> Park {
    Park { id: 0, name: name.into(), level: "省级".into(), region: "广西".into(), notes: "备注".into() }
}

fn project(park_id: i64, zone_id: Option<i64>) -> Project {
    Project {
        id: 0,
        park_id,
        zone_id,
        name: "年产129.47万吨不锈钢项目".into(),
        company: "内蒙古（奈曼）经安有色金属材料有限公司".into(),
        chain: "镍基合金新材料".into(),
        kind: ProjectKind::Continuing,
        key_level: KeyLevel::Autonomous,
        capacity: "年产129.47万吨不锈钢".into(),
        investment: Some(850_000.0),
        currency: Currency::Cny,
        status: ProjectStatus::UnderConstruction,
        signed_on: Some(date(2019, 5, 1)),
        started_on: Some(date(2020, 3, 15)),
        planned_completion: Some(date(2022, 12, 31)),
        completed_on: None,
        plan_year: Some(2020),
        yearly: vec![YearInvestment { year: 2020, amount: 120_000.0 }, YearInvestment { year: 2021, amount: 200_000.0 }],
        progress: vec![ProgressEntry { id: 0, date: date(2020, 12, 31), note: "6条生产线具备试生产条件".into(), status: None }],
    }
}

#[test]
fn parks_zones_and_indicators_round_trip() {
    let mut s = Store::open_in_memory().unwrap();
    let id = s.insert_park(&park("XX县工业区")).unwrap();
    let got = s.parks().unwrap();
    assert_eq!(got, vec![Park { id, ..park("XX县工业区") }]);
    let zid = s.insert_zone(&Zone { id: 0, park_id: id, name: "沙埔片区".into(), notes: String::new() }).unwrap();
    assert_eq!(s.zones().unwrap()[0].name, "沙埔片区");
    let ind = Indicator {
        id: 0,
        name_zh: "通讯铁塔".into(),
        name_en: "Telecom towers".into(),
        unit: "座".into(),
        category: Category::Infrastructure,
        precision: 0,
        nature: Nature::Flow,
        parent: None,
        builtin: false,
        sort_order: 0,
    };
    let iid = s.insert_indicator(&ind).unwrap();
    let back = s.indicators().unwrap().into_iter().find(|i| i.id == iid).unwrap();
    assert_eq!((back.name_zh.as_str(), back.unit.as_str(), back.category, back.builtin), ("通讯铁塔", "座", Category::Infrastructure, false));
    // Built-ins are there, with 工业投资 under 固定资产投资.
    let all = s.indicators().unwrap();
    let fai = all.iter().find(|i| i.name_zh == "固定资产投资").unwrap();
    let ii = all.iter().find(|i| i.name_zh == "工业投资").unwrap();
    assert_eq!(ii.parent, Some(fai.id));
    s.delete_zone(zid).unwrap();
    assert!(s.zones().unwrap().is_empty());
}

#[test]
fn values_round_trip_with_conversion_yoy_and_derivation() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = s.insert_park(&park("正阳工业园区")).unwrap();
    let iid = s.indicators().unwrap().into_iter().find(|i| i.name_zh == "基础设施投资").unwrap().id;
    let v = NewValue {
        park_id: pid,
        indicator_id: iid,
        period: Period::new(2020, 1, 6).unwrap(),
        kind: ValueKind::Estimate,
        value: Some(0.05),
        entered: Some(Entered { amount: 500.0, unit: "万元".into() }),
        reported_yoy: Some(-0.6),
        source: "2020年上半年工作总结".into(),
        derivation: Some("推算".into()),
    };
    s.upsert_value(&v).unwrap();
    let got = s.values_for_park(pid).unwrap();
    assert_eq!(got.len(), 1);
    let g = &got[0];
    assert_eq!((g.period, g.kind, g.value, g.reported_yoy), (v.period, v.kind, v.value, v.reported_yoy));
    assert_eq!(g.entered, v.entered);
    assert_eq!(g.source, v.source);
    assert_eq!(g.derivation.as_deref(), Some("推算"));
    assert!(!g.updated_at.is_empty());
    // Writing it again replaces rather than duplicates; clearing both deletes.
    s.upsert_value(&NewValue { value: Some(0.07), ..v.clone() }).unwrap();
    assert_eq!(s.values_for_park(pid).unwrap()[0].value, Some(0.07));
    s.upsert_value(&NewValue { value: None, reported_yoy: None, ..v }).unwrap();
    assert!(s.values_for_park(pid).unwrap().is_empty());
}

#[test]
fn a_block_with_one_bad_value_saves_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = s.insert_park(&park("玉田工业园区")).unwrap();
    let iid = s.indicators().unwrap()[0].id;
    let good = NewValue {
        park_id: pid,
        indicator_id: iid,
        period: Period::full_year(2010),
        kind: ValueKind::Actual,
        value: Some(1.0),
        entered: None,
        reported_yoy: None,
        source: String::new(),
        derivation: None,
    };
    let bad = NewValue { period: Period { year: 2010, start_month: 7, end_month: 3 }, ..good.clone() };
    assert!(s.upsert_values(&[good, bad]).is_err());
    assert!(s.values_for_park(pid).unwrap().is_empty());
}

#[test]
fn projects_round_trip_and_status_changes_are_logged() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = s.insert_park(&park("奈曼旗工业园区")).unwrap();
    let zid = s.insert_zone(&Zone { id: 0, park_id: pid, name: "B区".into(), notes: String::new() }).unwrap();
    let id = s.insert_project(&project(pid, Some(zid))).unwrap();
    let got = s.projects().unwrap();
    assert_eq!(got.len(), 1);
    let mut expected = project(pid, Some(zid));
    expected.id = id;
    expected.progress[0].id = got[0].progress[0].id;
    assert_eq!(got[0], expected);

    s.change_status(id, ProjectStatus::InProduction, date(2021, 6, 30), "建成投产").unwrap();
    let p = &s.projects_of_park(pid).unwrap()[0];
    assert_eq!(p.status, ProjectStatus::InProduction);
    assert_eq!(p.completed_on, Some(date(2021, 6, 30)), "reaching production fills the completion date");
    let last = p.progress.last().unwrap();
    assert_eq!((last.status, last.date, last.note.as_str()), (Some(ProjectStatus::InProduction), date(2021, 6, 30), "建成投产"));

    let mut edited = p.clone();
    edited.yearly = vec![YearInvestment { year: 2022, amount: 5.5 }];
    edited.currency = Currency::Usd;
    s.update_project(&edited).unwrap();
    let p = &s.projects().unwrap()[0];
    assert_eq!((p.currency, p.yearly.clone()), (Currency::Usd, vec![YearInvestment { year: 2022, amount: 5.5 }]));
    assert_eq!(p.status, ProjectStatus::InProduction, "update_project leaves the status alone");
}

#[test]
fn a_project_finishing_before_it_starts_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = s.insert_park(&park("X")).unwrap();
    let mut p = project(pid, None);
    p.completed_on = Some(date(2019, 1, 1));
    assert!(matches!(s.insert_project(&p), Err(StoreError::Rule(parkledger::store::Rule::CompletionBeforeStart))));
    p.completed_on = None;
    p.name = "   ".into();
    assert!(matches!(s.insert_project(&p), Err(StoreError::Name(parkledger::domain::park::NameError::Empty))));
}

#[test]
fn deleting_a_park_names_and_takes_what_goes_with_it() {
    let mut s = Store::open_in_memory().unwrap();
    let pid = s.insert_park(&park("奈曼旗工业园区")).unwrap();
    s.insert_zone(&Zone { id: 0, park_id: pid, name: "B区".into(), notes: String::new() }).unwrap();
    s.insert_project(&project(pid, None)).unwrap();
    let d = s.park_dependents(pid).unwrap();
    assert_eq!((d.zones, d.values, d.projects), (1, 0, 1));
    s.delete_park(pid).unwrap();
    assert_eq!(s.counts().unwrap()[3], 0, "projects went with the park");
    assert!(s.zones().unwrap().is_empty());
}

#[test]
fn names_are_kept_verbatim_and_duplicates_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let nasty = "X'); DROP TABLE park; -- \u{7}园区";
    s.insert_park(&park(nasty)).unwrap();
    assert_eq!(s.parks().unwrap()[0].name, nasty);
    assert!(matches!(s.insert_park(&park(nasty)), Err(StoreError::Duplicate(_))));
    assert!(matches!(s.insert_park(&park("   ")), Err(StoreError::Name(parkledger::domain::park::NameError::Empty))));
}

#[test]
fn migrations_run_on_empty_database_and_twice_in_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite");
    let first = Store::open(&path).unwrap().counts().unwrap();
    let second = Store::open(&path).unwrap().counts().unwrap();
    assert_eq!(first, second, "reopening adds nothing");
    assert!(first[1] >= 23, "the built-in catalogue is installed: {first:?}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

/// A database of the version before the history's pending images (5) opens, and what it
/// recorded then undoes and redoes.
#[test]
fn a_version_5_history_migrates_and_still_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite");
    {
        let mut s = Store::open(&path).unwrap();
        s.record("新建", None, |s| s.insert_park(&park("旧园区"))).unwrap();
        s.record("改名", None, |s| s.insert_park(&park("旧园区二"))).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("ALTER TABLE change_row DROP COLUMN pending; ALTER TABLE value DROP COLUMN explanation; DROP TABLE audit_rule; DROP TABLE received_package; PRAGMA user_version = 5;").unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let names = |s: &Store| s.parks().unwrap().into_iter().map(|p| p.name).collect::<Vec<_>>();
    assert_eq!(names(&s), ["旧园区", "旧园区二"]);
    let newest = s.undo_target().unwrap().unwrap();
    assert!(s.change_rows(newest.id).unwrap()[0].new.as_deref().is_some_and(|n| n.contains("旧园区二")), "the stored image reads as before");
    s.undo().unwrap();
    assert_eq!(names(&s), ["旧园区"]);
    s.redo().unwrap();
    assert_eq!(names(&s), ["旧园区", "旧园区二"]);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { .. }));
    assert!(err.to_string().contains("更新版本"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    let text = "这不是数据库 ".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "the file is untouched");
}

#[test]
fn the_large_generator_is_deterministic() {
    let checksum = |seed: u64| {
        let mut s = Store::open_in_memory().unwrap();
        let c = parkledger::sample::large::populate_parks(&mut s, seed, 2).unwrap();
        let sum: f64 = s.all_values().unwrap().iter().filter_map(|v| v.value).sum();
        let names: Vec<String> = s.projects().unwrap().into_iter().map(|p| format!("{}{:?}", p.name, p.investment)).collect();
        (c.values, c.projects, format!("{sum:.4}"), names)
    };
    let a = checksum(7);
    assert_eq!(a.0, 2 * 60 * 30 * 13, "60 indicators × 30 years × (12 spans + target)");
    assert_eq!(a.1, 200);
    assert_eq!(a, checksum(7), "same seed, same data");
    assert_ne!(a.2, checksum(8).2, "another seed, other data");
}

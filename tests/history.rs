//! Undo, redo and the change history: every kind of edit is one step, the stack survives
//! a restart, and a single row can be restored from the history.

use parkledger::domain::period::Period;
use parkledger::domain::value::ValueKind;
use parkledger::store::{AuditFilter, GroupState, NewValue, Store};

use crate::common::{indicator_id, park_id, sample_db};

fn cell(store: &Store, park: i64, indicator: i64, period: Period, kind: ValueKind) -> Option<f64> {
    store.values_for_park(park).unwrap().into_iter().find(|v| v.indicator_id == indicator && v.period == period && v.kind == kind).and_then(|v| v.value)
}

fn new_value(park: i64, indicator: i64, year: i32, value: f64) -> NewValue {
    NewValue {
        park_id: park,
        indicator_id: indicator,
        period: Period::full_year(year),
        kind: ValueKind::Actual,
        value: Some(value),
        entered: None,
        reported_yoy: None,
        source: "测试".into(),
        derivation: None,
    }
}

#[test]
fn a_cell_edit_undoes_and_redoes_and_the_stack_survives_a_restart() {
    let (db, mut store) = sample_db();
    let (zy, out) = (park_id(&store, "正阳工业园区"), indicator_id(&store, "规上工业总产值"));
    let y2021 = Period::full_year(2021);
    assert_eq!(store.undo_target().unwrap(), None, "creating the sample is not an undoable edit");
    let before = cell(&store, zy, out, y2021, ValueKind::Estimate);
    let mut v = new_value(zy, out, 2021, 60.0);
    v.kind = ValueKind::Estimate;
    store.record("修改 规上工业总产值", Some(zy), |s| s.upsert_value(&v)).unwrap();
    assert_eq!(cell(&store, zy, out, y2021, ValueKind::Estimate), Some(60.0));
    drop(store);

    let mut store = Store::open(&db.path).unwrap();
    let target = store.undo_target().unwrap().expect("the edit is on the undo stack after a restart");
    assert_eq!(target.label, "修改 规上工业总产值");
    assert!(!target.user.is_empty());
    store.undo().unwrap();
    assert_eq!(cell(&store, zy, out, y2021, ValueKind::Estimate), before);
    drop(store);

    let mut store = Store::open(&db.path).unwrap();
    assert_eq!(store.redo().unwrap().map(|g| g.label).as_deref(), Some("修改 规上工业总产值"));
    assert_eq!(cell(&store, zy, out, y2021, ValueKind::Estimate), Some(60.0));
    assert_eq!(store.redo().unwrap(), None, "nothing more to redo");
}

#[test]
fn a_pasted_block_a_project_edit_a_deletion_and_an_import_are_one_step_each() {
    let (db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let inds: Vec<i64> = ["规上工业总产值", "固定资产投资", "税收"].iter().map(|n| indicator_id(&store, n)).collect();
    let counts = store.counts().unwrap();

    // A pasted block.
    let block: Vec<NewValue> = inds.iter().map(|i| new_value(zy, *i, 2030, 1.5)).collect();
    store.record("粘贴 3 格", Some(zy), |s| s.upsert_values(&block)).unwrap();
    assert_eq!(store.counts().unwrap()[2], counts[2] + 3);
    store.undo().unwrap();
    assert_eq!(store.counts().unwrap(), counts, "the whole block goes in one undo");

    // A project edit, with its yearly investment.
    let mut p = store.projects_of_park(zy).unwrap().remove(0);
    let original = p.clone();
    p.company = "改过的建设单位".into();
    p.yearly.push(parkledger::domain::YearInvestment { year: 2031, amount: 123.0 });
    store.record("保存项目", Some(zy), |s| s.update_project(&p)).unwrap();
    store.undo().unwrap();
    let back = store.projects_of_park(zy).unwrap().into_iter().find(|x| x.id == original.id).unwrap();
    assert_eq!((back.company, back.yearly), (original.company.clone(), original.yearly.clone()));

    // Deleting a park takes its values, projects and their logs; undo brings all back.
    let before_projects = store.projects().unwrap();
    store.record("删除园区", Some(zy), |s| s.delete_park(zy)).unwrap();
    assert!(store.park_by_name("正阳工业园区").unwrap().is_none());
    store.undo().unwrap();
    assert_eq!(store.counts().unwrap(), counts, "the park, its values and projects are back");
    assert_eq!(store.projects().unwrap(), before_projects, "with their investment and progress logs");

    // An import of a sheet.
    let path = db.path.with_file_name("正阳2030.csv");
    std::fs::write(&path, "指标,2030年(亿元)\n规上工业总产值,80\n固定资产投资,30\n").unwrap();
    let plan = parkledger::import::plan_file(&store, &path, Some("正阳工业园区")).unwrap();
    plan.commit_recorded(&mut store, Some(zy)).unwrap();
    assert_eq!(store.counts().unwrap()[2], counts[2] + 2);
    let undone = store.undo().unwrap().unwrap();
    assert!(undone.label.contains("正阳2030.csv"), "{}", undone.label);
    assert_eq!(store.counts().unwrap(), counts);
    store.redo().unwrap();
    assert_eq!(store.counts().unwrap()[2], counts[2] + 2, "and redo puts the import back");

    // A new edit after an undo ends the redo history, which the audit view still shows.
    store.undo().unwrap();
    store.record("修改", Some(zy), |s| s.upsert_value(&new_value(zy, inds[2], 2032, 9.0))).unwrap();
    assert_eq!(store.redo_target().unwrap(), None);
    let all = store.history(&AuditFilter::default()).unwrap();
    assert!(all.iter().any(|g| g.state == GroupState::Abandoned && g.label.contains("正阳2030.csv")));
}

#[test]
fn the_history_of_a_cell_lists_each_change_and_a_row_can_be_restored() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let tax = indicator_id(&store, "税收");
    for (i, v) in [10.0, 12.0, 15.0].into_iter().enumerate() {
        store.record(&format!("第{i}次"), Some(zy), |s| s.upsert_value(&new_value(zy, tax, 2033, v))).unwrap();
    }
    let history = store.value_history(zy, tax, Period::full_year(2033), ValueKind::Actual).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].0.label, "第2次", "newest first");
    let json: serde_json::Value = serde_json::from_str(history[0].1.old.as_deref().unwrap()).unwrap();
    assert_eq!(json["value"], 12.0, "old → new is kept");
    // Put the cell back as it was before the last change: 12.
    store.restore_row(&history[0].1).unwrap();
    assert_eq!(cell(&store, zy, tax, Period::full_year(2033), ValueKind::Actual), Some(12.0));
    // The restore is itself a step that can be undone.
    store.undo().unwrap();
    assert_eq!(cell(&store, zy, tax, Period::full_year(2033), ValueKind::Actual), Some(15.0));
    let filtered = store.history(&AuditFilter { park_id: Some(zy), table: Some("value".into()), ..Default::default() }).unwrap();
    assert!(filtered.len() >= 3 && filtered.iter().all(|g| g.park_id == Some(zy)));
    let none = store.history(&AuditFilter { since: Some("2999-01-01".into()), ..Default::default() }).unwrap();
    assert!(none.is_empty(), "the date filter filters");
}

#[test]
fn names_with_quotes_and_control_characters_round_trip_through_undo() {
    let (_db, mut store) = sample_db();
    let name = "园区'); DROP TABLE park;--\u{7}\t\"引号\"";
    let park = parkledger::domain::Park { id: 0, name: name.into(), level: String::new(), region: String::new(), notes: String::new() };
    let id = store.record("新建园区", None, |s| s.insert_park(&park)).unwrap();
    assert_eq!(store.parks().unwrap().iter().find(|p| p.id == id).map(|p| p.name.as_str()), Some(name.trim()), "stored verbatim");
    store.undo().unwrap();
    assert!(store.parks().unwrap().iter().all(|p| p.id != id));
    store.redo().unwrap();
    assert_eq!(store.parks().unwrap().iter().find(|p| p.id == id).map(|p| p.name.as_str()), Some(name.trim()));
}

#[test]
fn a_block_that_adds_changes_and_clears_values_is_recorded_row_by_row_and_undoes_exactly() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let stored = store.values_for_park(zy).unwrap();
    let (a, b) = (&stored[0], &stored[1]);
    let key = |v: &parkledger::domain::value::IndicatorValue| NewValue::from_existing(v);
    let changed = NewValue { value: Some(4242.0), ..key(a) };
    let cleared = NewValue { value: None, reported_yoy: None, ..key(b) };
    let added = new_value(zy, a.indicator_id, 2040, 1.0);
    // The same new cell written twice, and a stored cell changed then cleared, in one block.
    let added_again = NewValue { value: Some(2.0), ..added.clone() };
    let block = vec![changed.clone(), cleared, added, added_again, NewValue { value: Some(7.0), ..key(b) }, NewValue { value: None, reported_yoy: None, ..key(b) }];
    let before = store.values_for_park(zy).unwrap();
    store.record("块", Some(zy), |s| s.upsert_values(&block)).unwrap();
    let after = store.values_for_park(zy).unwrap();
    assert_eq!(after.len(), before.len(), "one added, one cleared");
    assert_eq!(cell(&store, zy, a.indicator_id, Period::full_year(2040), ValueKind::Actual), Some(2.0));

    let group = store.undo_target().unwrap().unwrap();
    let rows = store.change_rows(group.id).unwrap();
    let json = |s: &Option<String>| s.as_deref().map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap());
    let change = rows.iter().find(|r| r.row_id == a.id).expect("the changed row is in the history");
    assert_eq!((json(&change.old).unwrap()["value"].as_f64(), json(&change.new).unwrap()["value"].as_f64()), (a.value, Some(4242.0)));
    let add = rows.iter().find(|r| r.old.is_none()).expect("the added row is in the history");
    assert_eq!(json(&add.new).unwrap()["year"], 2040);
    assert_eq!(json(&add.new).unwrap()["value"], 2.0, "with the value it ended with");
    assert!(rows.iter().filter(|r| r.row_id == b.id).all(|r| r.old.is_some() && r.new.is_none()), "the cleared row has no new image");
    let history = store.value_history(zy, a.indicator_id, Period::full_year(2040), ValueKind::Actual).unwrap();
    assert_eq!(history.len(), 1, "the added cell's own history finds it");

    store.undo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), before, "undo puts back every value as it was");
    store.redo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), after, "redo writes the block again, exactly");
}

/// A block's new images are written only when it is undone (they are the rows as it left
/// them); until then the history works them out from later changes or the rows as they
/// stand. A later edit must not leak into them, whether it is in force or undone.
#[test]
fn a_block_edited_afterwards_shows_and_undoes_its_own_figures() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let stored = store.values_for_park(zy).unwrap();
    let a = &stored[0];
    let period = Period::full_year(2041);
    let changed = NewValue { value: Some(111.0), ..NewValue::from_existing(a) };
    let added = new_value(zy, a.indicator_id, 2041, 5.0);
    let before = store.values_for_park(zy).unwrap();
    store.record("块", Some(zy), |s| s.upsert_values(&[changed.clone(), added.clone()])).unwrap();
    let block = store.undo_target().unwrap().unwrap();
    let after_block = store.values_for_park(zy).unwrap();
    // Both rows edited again, then one of those edits taken back.
    store.record("再改", Some(zy), |s| s.upsert_values(&[NewValue { value: Some(222.0), ..changed.clone() }, NewValue { value: Some(6.0), ..added.clone() }])).unwrap();
    let new_of = |store: &Store| -> Vec<Option<f64>> {
        let rows = store.change_rows(block.id).unwrap();
        let image = |r: &parkledger::store::ChangeRow| r.new.as_deref().map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap()["value"].as_f64().unwrap());
        let mut found: Vec<Option<f64>> = rows.iter().map(image).collect();
        found.sort_by(|x, y| x.partial_cmp(y).unwrap());
        found
    };
    assert_eq!(new_of(&store), vec![Some(5.0), Some(111.0)], "the block's figures, not the later edit's");
    let history = store.value_history(zy, a.indicator_id, period, ValueKind::Actual).unwrap();
    assert_eq!(history.iter().map(|(g, _)| g.label.as_str()).collect::<Vec<_>>(), ["再改", "块"], "the added cell's history has both steps");

    store.undo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), after_block, "the later edit taken back");
    assert_eq!(new_of(&store), vec![Some(5.0), Some(111.0)], "an edit taken back does not count");
    store.undo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), before, "the block taken back exactly");
    assert_eq!(new_of(&store), vec![Some(5.0), Some(111.0)], "undo wrote the images out");
    store.redo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), after_block, "redo writes the block's own figures");
    store.redo().unwrap();
    assert_eq!(cell(&store, zy, a.indicator_id, period, ValueKind::Actual), Some(6.0));
}

/// A block that fails half-way (a figure that is not finite, after good ones) leaves no
/// value and no history, and the history goes on recording afterwards: a park deleted
/// next comes back with all its values on undo.
#[test]
fn a_block_that_fails_half_way_leaves_nothing_and_recording_goes_on() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let tax = indicator_id(&store, "税收");
    let before = store.values_for_park(zy).unwrap();
    let history = store.history(&AuditFilter::default()).unwrap().len();
    let block = [new_value(zy, tax, 2050, 1.0), new_value(zy, tax, 2051, f64::NAN), new_value(zy, tax, 2052, 3.0)];
    assert!(store.record("坏块", Some(zy), |s| s.upsert_values(&block)).is_err());
    assert_eq!(store.values_for_park(zy).unwrap(), before, "nothing written");
    assert_eq!(store.history(&AuditFilter::default()).unwrap().len(), history, "nothing recorded");
    store.record("删除园区", Some(zy), |s| s.delete_park(zy)).unwrap();
    assert!(store.values_for_park(zy).unwrap().is_empty());
    store.undo().unwrap();
    assert_eq!(store.values_for_park(zy).unwrap(), before, "the deletion's values were recorded and come back");
}

#[test]
fn a_change_is_listed_under_the_park_it_wrote_not_the_one_selected() {
    let (_db, mut store) = sample_db();
    let selected = park_id(&store, "正阳工业园区");
    // A new park created while 正阳 is selected.
    let g = store.begin_record("save_park", Some(selected)).unwrap();
    let new = store
        .insert_park(&parkledger::domain::park::Park { id: 0, name: "新区（测试）".into(), level: String::new(), region: String::new(), notes: String::new() })
        .unwrap();
    store.end_record(g).unwrap();
    assert_eq!(store.undo_target().unwrap().unwrap().park_id, Some(new), "filed under the new park");
    // A value of 奈曼旗 written while 正阳 is selected (the all-parks ledger's case).
    let naiman = park_id(&store, "奈曼旗工业园区");
    let g = store.begin_record("set_cell", Some(selected)).unwrap();
    store.upsert_value(&new_value(naiman, indicator_id(&store, "规上工业总产值"), 2030, 1.0)).unwrap();
    store.end_record(g).unwrap();
    assert_eq!(store.undo_target().unwrap().unwrap().park_id, Some(naiman));
    // Two parks' rows in one step keep the park the step began with.
    let g = store.begin_record("paste", Some(selected)).unwrap();
    store.upsert_value(&new_value(naiman, indicator_id(&store, "规上工业总产值"), 2031, 1.0)).unwrap();
    store.upsert_value(&new_value(selected, indicator_id(&store, "规上工业总产值"), 2031, 1.0)).unwrap();
    store.end_record(g).unwrap();
    assert_eq!(store.undo_target().unwrap().unwrap().park_id, Some(selected));
}

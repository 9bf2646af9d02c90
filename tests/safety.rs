//! Faults a clerk's file must survive: backups and restoring them, a damaged or empty
//! file, a second ParkLedger on the same file, a full disk and a read-only location.

use std::time::Duration;

use parkledger::store::{NewValue, Store, StoreError, backup};

use crate::common::{full_year_value as value, indicator_id, park_id, sample_db};


#[test]
fn a_snapshot_restores_what_was_deleted_and_the_state_before_is_kept() {
    let (db, mut store) = sample_db();
    let dir = backup::default_dir(&db.path);
    let counts = store.counts().unwrap();
    let snap = backup::snapshot(&db.path, &dir, None).unwrap();
    let listed = backup::list(&dir, &db.path);
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].path.clone(), listed[0].counts), (snap.clone(), Some(counts)), "the list shows the backup's counts");
    assert!(listed[0].taken.starts_with("20") && listed[0].taken.len() == 19, "{}", listed[0].taken);

    store.delete_park(park_id(&store, "正阳工业园区")).unwrap();
    let after_delete = store.counts().unwrap();
    assert!(after_delete[2] < counts[2]);
    let saved = store.restore_from(&db.path, &snap, &dir).unwrap();
    assert_eq!(store.counts().unwrap(), counts, "the restore brings the park and its data back");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let before = backup::list(&dir, &db.path).into_iter().find(|b| b.path == saved).expect("the state before the restore is a backup");
    assert!(before.before_restore);
    assert_eq!(before.counts, Some(after_delete));
    // The restored file is a working database: it takes edits and reopens.
    store.upsert_value(&value(park_id(&store, "正阳工业园区"), indicator_id(&store, "税收"), 2034, 1.0)).unwrap();
    drop(store);
    assert_eq!(Store::open(&db.path).unwrap().counts().unwrap()[2], counts[2] + 1);
}

#[test]
fn only_the_newest_thirty_snapshots_are_kept() {
    let (db, _store) = sample_db();
    let dir = db.path.with_file_name("备份");
    let mut made = Vec::new();
    for _ in 0..backup::KEEP + 2 {
        made.push(backup::snapshot(&db.path, &dir, None).unwrap());
    }
    let listed: Vec<_> = backup::list(&dir, &db.path).into_iter().map(|b| b.path).collect();
    assert_eq!(listed.len(), backup::KEEP);
    assert_eq!(listed[0], made[made.len() - 1], "newest first");
    assert!(!listed.contains(&made[0]) && !listed.contains(&made[1]), "the two oldest went");
}

#[test]
fn a_damaged_file_is_refused_and_the_newest_backup_takes_its_place() {
    let (db, store) = sample_db();
    let counts = store.counts().unwrap();
    drop(store);
    let dir = backup::default_dir(&db.path);
    backup::snapshot(&db.path, &dir, None).unwrap();
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", db.path.display()));
    }
    // Overwritten with something that is not SQLite (a bad copy, a virus scanner).
    std::fs::write(&db.path, vec![0x5a_u8; 64 * 1024]).unwrap();
    let err = Store::open(&db.path).err().expect("a damaged file does not open");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err}");
    assert!(err.to_string().contains("不是 ParkLedger 数据库或已损坏"), "{err}");
    assert_eq!(std::fs::read(&db.path).unwrap(), vec![0x5a_u8; 64 * 1024], "the damaged file is left as it was");
    let newest = backup::newest_usable(&dir, &db.path).expect("a backup to offer");
    let aside = backup::recover(&db.path, &newest.path).unwrap();
    assert_eq!(std::fs::read(&aside).unwrap().len(), 64 * 1024, "the damaged file is kept aside, not deleted");
    let store = Store::open(&db.path).unwrap();
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // A file of 0 bytes is not taken for a new, empty database.
    std::fs::write(&db.path, b"").unwrap();
    let err = parkledger::cli::open_or_create(&db.path).err().expect("an empty file is refused");
    assert!(format!("{err:#}").contains("0 字节"), "{err:#}");
}

#[test]
fn a_second_parkledger_on_the_same_file_waits_for_the_first_and_both_edits_land() {
    let (db, mut first) = sample_db();
    let mut second = Store::open(&db.path).unwrap();
    let zy = park_id(&first, "正阳工业园区");
    let tax = indicator_id(&first, "税收");
    // The second holds a write for a second; the first's edit waits, then lands.
    let holder = std::thread::spawn(move || {
        second
            .record("另一窗口的修改", Some(zy), |s| {
                s.upsert_value(&value(zy, tax, 2035, 2.0))?;
                Ok(())
            })
            .unwrap();
        second
    });
    std::thread::sleep(Duration::from_millis(50));
    first.upsert_value(&value(zy, tax, 2036, 3.0)).unwrap();
    let second = holder.join().unwrap();
    for store in [&first, &second] {
        let years: Vec<i32> = store.values_for_park(zy).unwrap().iter().filter(|v| v.indicator_id == tax).map(|v| v.period.year).collect();
        assert!(years.contains(&2035) && years.contains(&2036), "each connection sees both edits: {years:?}");
    }
}

#[test]
fn a_write_blocked_longer_than_the_timeout_fails_with_a_message_and_changes_nothing() {
    let (db, mut store) = sample_db();
    let blocker = rusqlite::Connection::open(&db.path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE; UPDATE park SET notes = notes;").unwrap();
    let zy = park_id(&store, "正阳工业园区");
    let tax = indicator_id(&store, "税收");
    let before = store.counts().unwrap();
    let err = store.upsert_value(&value(zy, tax, 2037, 4.0)).unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    assert!(err.to_string().contains("没有保存"), "the clerk is told the edit was not saved: {err}");
    blocker.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.counts().unwrap(), before);
    store.upsert_value(&value(zy, tax, 2037, 4.0)).unwrap();
}

#[test]
fn a_full_disk_or_a_read_only_location_says_so_and_keeps_the_data() {
    let (db, mut store) = sample_db();
    let before = store.counts().unwrap();
    let zy = park_id(&store, "正阳工业园区");
    let ids: Vec<i64> = store.indicators().unwrap().iter().map(|i| i.id).collect();
    let many: Vec<NewValue> = (1900..2400).flat_map(|y| ids.iter().map(move |i| value(zy, *i, y, 1.0))).collect();
    store.fault_limit_pages(store.page_count().unwrap()).unwrap();
    let err = store.record("导入", Some(zy), |s| s.upsert_values(&many)).unwrap_err();
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert!(err.to_string().contains("磁盘已满"), "{err}");
    assert_eq!(store.counts().unwrap(), before, "nothing half-written");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.undo_target().unwrap(), None, "the failed write left no history");
    drop(store);

    let store = Store::open(&db.path).unwrap();
    store.fault_read_only().unwrap();
    let mut store = store;
    let err = store.upsert_value(&value(zy, ids[0], 2038, 1.0)).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(store.counts().unwrap(), before);

    // A backups folder that cannot be made (here: a file is in the way).
    let blocked = db.path.with_file_name("占位文件");
    std::fs::write(&blocked, b"x").unwrap();
    let err = backup::snapshot(&db.path, &blocked.join("backups"), None).unwrap_err();
    assert!(err.to_string().contains("无法创建备份文件夹"), "{err}");
}

#[test]
fn empty_names_and_100000_character_text_are_refused_with_a_reason() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let before = store.counts().unwrap();
    let park = |name: &str, notes: &str| parkledger::domain::Park { id: 0, name: name.into(), level: String::new(), region: String::new(), notes: notes.into() };
    let err = store.insert_park(&park("   ", "")).unwrap_err();
    assert!(err.to_string().contains("名称不能为空"), "{err}");
    let long = "园".repeat(100_000);
    let err = store.insert_park(&park(&long, "")).unwrap_err();
    assert!(err.to_string().contains("名称过长"), "{err}");
    let err = store.insert_park(&park("新园区", &long)).unwrap_err();
    assert!(err.to_string().contains("文字过长"), "{err}");
    let project = store.projects_of_park(zy).unwrap().remove(0);
    let err = store.add_progress(project.id, jiff::civil::date(2026, 11, 23), &long).unwrap_err();
    assert!(err.to_string().contains("文字过长"), "{err}");
    let mut p = project.clone();
    p.capacity = long.clone();
    assert!(store.update_project(&p).unwrap_err().to_string().contains("文字过长"));
    assert_eq!(store.counts().unwrap(), before, "nothing was written");
    // Just under the limit is kept whole.
    let ok = "文".repeat(parkledger::domain::park::MAX_TEXT_CHARS);
    store.add_progress(project.id, jiff::civil::date(2026, 11, 23), &ok).unwrap();
    let back = store.projects_of_park(zy).unwrap().into_iter().find(|x| x.id == project.id).unwrap();
    assert!(back.progress.iter().any(|e| e.note == ok));
}

//! Data safety, round two: each fault a careful user or an attacker found, as the clerk
//! would notice it (the data, the message, the file on disk).

use std::path::{Path, PathBuf};
use std::process::Command;

use parkledger::store::{Store, StoreError, backup};

use crate::common::{full_year_value as value, indicator_id, park_id, sample_db};

fn parkledger() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parkledger"));
    c.env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL");
    c
}


fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Overwrites one page of the database file (1-based) with garbage.
fn damage_page(path: &Path, page: i64) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(((page - 1) * 4096) as u64)).unwrap();
    f.write_all(&[0xA5; 4096]).unwrap();
}

#[test]
fn a_database_damaged_deep_inside_makes_no_backup_and_keeps_the_good_ones() {
    let (db, store) = sample_db();
    let dir = backup::default_dir(&db.path);
    let good = [backup::snapshot(&db.path, &dir, None).unwrap(), backup::snapshot(&db.path, &dir, None).unwrap()];
    // A page of an index, which the first screen never reads.
    let root: i64 = {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'value_by_indicator'", [], |r| r.get(0)).unwrap()
    };
    drop(store);
    rusqlite::Connection::open(&db.path).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_size;").unwrap();
    damage_page(&db.path, root);
    let store = Store::open(&db.path).expect("the damaged file still opens");
    assert!(store.parks().is_ok_and(|p| !p.is_empty()), "and its first screen reads");
    let before = files_in(&dir);
    let err = backup::snapshot(&db.path, &dir, None).unwrap_err();
    assert!(matches!(err, StoreError::Damaged(_)), "{err:?}");
    assert!(err.to_string().contains("已损坏") && err.to_string().contains("已有的完好备份全部保留"), "{err}");
    assert_eq!(files_in(&dir), before, "no damaged copy and no debris among the backups");
    for _ in 0..backup::KEEP + 1 {
        assert!(backup::snapshot(&db.path, &dir, None).is_err());
    }
    let listed: Vec<PathBuf> = backup::list(&dir, &db.path).into_iter().map(|b| b.path).collect();
    assert_eq!(listed, vec![good[1].clone(), good[0].clone()], "thirty failed backups rotate no good one out");
}

#[test]
fn databases_sharing_a_backups_folder_are_offered_only_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (y2023, y2024) = (dir.path().join("2023.sqlite"), dir.path().join("2024.sqlite"));
    for path in [&y2023, &y2024] {
        parkledger::cli::open_or_create(path).unwrap();
    }
    {
        // 2024 holds a value 2023 does not.
        let mut s = Store::open(&y2024).unwrap();
        s.upsert_value(&value(park_id(&s, "正阳工业园区"), indicator_id(&s, "税收"), 2040, 7.0)).unwrap();
    }
    let backups = backup::default_dir(&y2023);
    let own = backup::snapshot(&y2023, &backups, None).unwrap();
    let mut theirs = Vec::new();
    for _ in 0..backup::KEEP + 3 {
        theirs.push(backup::snapshot(&y2024, &backups, None).unwrap());
    }
    assert!(own.file_name().unwrap().to_string_lossy().contains("2023"), "the name says whose it is: {}", own.display());
    let listed: Vec<PathBuf> = backup::list(&backups, &y2023).into_iter().map(|b| b.path).collect();
    assert_eq!(listed, vec![own.clone()], "2023 sees only its own backup, though 2024's are newer");
    assert_eq!(backup::newest_usable(&backups, &y2023).unwrap().path, own, "recovery offers 2023's own");
    assert_eq!(backup::list(&backups, &y2024).len(), backup::KEEP, "2024 keeps its thirty");
    assert!(own.exists(), "2024's rotation did not remove 2023's backup");
}

#[test]
fn an_edit_after_the_file_was_deleted_or_replaced_is_refused_not_lost() {
    let (db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let tax = indicator_id(&store, "税收");
    // Replaced by a copy (a colleague copies the file over it).
    let copy = db.path.with_file_name("copy.sqlite");
    Store::open(&db.path).unwrap().vacuum_into(&copy).unwrap();
    std::fs::rename(&copy, &db.path).unwrap();
    let err = store.record("编辑", Some(zy), |s| s.upsert_value(&value(zy, tax, 2041, 1.0))).unwrap_err();
    assert!(matches!(err, StoreError::Replaced(_)), "{err:?}");
    assert!(err.to_string().contains("被删除或替换") && err.to_string().contains("没有保存"), "{err}");
    // Deleted.
    std::fs::remove_file(&db.path).unwrap();
    let err = store.record("编辑", Some(zy), |s| s.upsert_value(&value(zy, tax, 2042, 1.0))).unwrap_err();
    assert!(matches!(err, StoreError::Replaced(_)), "{err:?}");
}

#[test]
fn a_locked_or_read_only_database_can_still_be_read_and_exported() {
    let (db, store) = sample_db();
    let counts = store.counts().unwrap();
    drop(store);
    // Another program holds the write lock: export only reads, so it works.
    let blocker = rusqlite::Connection::open(&db.path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE; UPDATE park SET notes = notes;").unwrap();
    let out = parkledger().args(["export", "--format", "csv", "--db"]).arg(&db.path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("正阳工业园区"));
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);

    // Read-only opening writes nothing and refuses edits with a message.
    let bytes = std::fs::read(&db.path).unwrap();
    let mut ro = Store::open_read_only(&db.path).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.counts().unwrap(), counts);
    let zy = park_id(&ro, "正阳工业园区");
    let err = ro.upsert_value(&value(zy, indicator_id(&ro, "税收"), 2043, 1.0)).unwrap_err();
    assert!(err.to_string().contains("只读"), "{err}");
    drop(ro);
    assert_eq!(std::fs::read(&db.path).unwrap(), bytes, "the file is as it was");

    // On a read-only file system (where the test may mount one).
    let Some(mount) = Tmpfs::new("size=8m") else { return };
    let on_ro = mount.path.join("ro.sqlite");
    Store::open(&db.path).unwrap().vacuum_into(&on_ro).unwrap();
    // A database in WAL mode leaves nothing beside it once closed.
    rusqlite::Connection::open(&on_ro).unwrap().execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    mount.remount_read_only();
    let out = parkledger().args(["export", "--format", "csv", "--db"]).arg(&on_ro).output().unwrap();
    assert!(out.status.success(), "export from read-only media: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("正阳工业园区"));
}

/// A small tmpfs for a test, unmounted when dropped; `None` where mounting is not allowed.
struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn new(options: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().to_owned();
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", options, "tmpfs"]).arg(&path).output().is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("note: cannot mount a tmpfs here; the part of this test that needs one is skipped");
            return None;
        }
        Some(Self { _dir: dir, path })
    }

    fn remount_read_only(&self) {
        let out = Command::new("mount").args(["-o", "remount,ro"]).arg(&self.path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).output();
    }
}

#[test]
fn outputs_are_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("报告.pdf");
    std::fs::write(&target, b"the good old file").unwrap();
    // A writer that fails half-way (a bug, a full disk): the old file stays, nothing beside it.
    let err = parkledger::output::write_with(&target, |out| {
        out.write_all(b"half of a new")?;
        anyhow::bail!("stopped half-way")
    })
    .unwrap_err();
    assert!(err.to_string().contains("stopped"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"the good old file");
    assert_eq!(files_in(dir.path()), vec!["报告.pdf".to_owned()], "no temporary file left");
    // A folder that does not exist: said in words.
    let err = parkledger::output::write(&dir.path().join("没有的文件夹/a.pdf"), b"x").unwrap_err();
    assert!(err.to_string().contains("文件夹不存在"), "{err}");
    // A success replaces the file whole.
    parkledger::output::write(&target, b"new").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");

    // A full disk, through the command line, where a tmpfs can be mounted.
    let Some(mount) = Tmpfs::new("size=12k") else { return };
    let (db, _store) = sample_db();
    let pdf = mount.path.join("summary.pdf");
    std::fs::write(&pdf, b"%PDF good old report").unwrap();
    let out = parkledger()
        .args(["report", "--park", "正阳工业园区", "--year", "2021", "--span", "1-12", "-o"])
        .arg(&pdf)
        .arg("--db")
        .arg(&db.path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("磁盘已满"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF good old report", "the old report is intact");
    assert_eq!(files_in(&mount.path), vec!["summary.pdf".to_owned()], "no debris on the full disk");
}

use std::io::Write as _;

#[test]
fn what_a_reader_takes_in_is_bounded() {
    use parkledger::import::read;
    // A device and a pipe are refused at once, not read until memory runs out or forever.
    let err = read::read_file(Path::new("/dev/zero")).unwrap_err();
    assert!(format!("{err:#}").contains("不是普通文件"), "{err:#}");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let err = read::read_file(&fifo).unwrap_err();
        assert!(format!("{err:#}").contains("不是普通文件"), "{err:#}");
    }
    // A zip entry that inflates past the limit.
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&vec![b'0'; 3 * 1024 * 1024]).unwrap();
        zip.finish().unwrap();
    }
    assert!(bomb.len() < 100 * 1024, "a small file: {} bytes", bomb.len());
    let err = read::check_zip_within(&bomb, 1024 * 1024).unwrap_err();
    assert!(err.to_string().contains("解压后超过 1 MB"), "{err}");
    assert!(read::check_zip_within(&bomb, 4 * 1024 * 1024).is_ok());
    // An .ods whose one cell repeats into tens of millions.
    let mut ods = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut ods));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let row = r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
        write!(zip, "<office:document-content><office:body><office:spreadsheet><table:table>{row}</table:table></office:spreadsheet></office:body></office:document-content>").unwrap();
        zip.finish().unwrap();
    }
    let path = dir.path().join("repeat.ods");
    std::fs::write(&path, &ods).unwrap();
    let err = read::read_file(&path).unwrap_err();
    assert!(format!("{err:#}").contains("超过 10000000 个单元格"), "{err:#}");
    // An old .xls (an OLE2 compound file) whose sector chains loop, merge or leave the
    // file is refused before calamine follows them (a loop grew memory without end).
    let cfb = |fat: &[u32]| {
        let mut f = vec![0u8; 512 * 5];
        f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        f[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        f[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        f[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        f[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            f[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&id.to_le_bytes());
        }
        for i in 0..128 {
            let next = fat.get(i).copied().unwrap_or(0xFFFF_FFFF);
            f[512 + 4 * i..516 + 4 * i].copy_from_slice(&next.to_le_bytes());
        }
        f
    };
    let (fatsect, end) = (0xFFFF_FFFD, 0xFFFF_FFFE);
    assert!(read::check_cfb(&cfb(&[fatsect, end, 3, end])).is_ok(), "a sound file passes");
    for (fat, what) in [(vec![fatsect, end, 3, 2], "a loop"), (vec![fatsect, 3, 3, end], "two chains into one"), (vec![fatsect, end, 3, 100], "a sector past the end")] {
        let err = read::check_cfb(&cfb(&fat)).expect_err(what);
        assert!(err.to_string().contains("已损坏"), "{what}: {err}");
    }
    // An .xlsx with two cells at opposite corners reads as two cells, not 17 billion.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "园区").unwrap();
    ws.write_string(1_048_575, 16_383, "角落").unwrap();
    let corners = dir.path().join("corners.xlsx");
    book.save(&corners).unwrap();
    let (sheets, _) = read::read_file(&corners).unwrap();
    assert_eq!(sheets[0].rows.len(), 1_048_576);
    assert_eq!(sheets[0].rows[1_048_575][16_383], "角落");
    assert!(sheets[0].rows[1..1_048_575].iter().all(Vec::is_empty), "empty rows hold nothing");
    // Text with commas and no full stop is read in linear time: no sentence grows with it.
    let text: String = (0..20_000).map(|i| format!("工业总产值{i}亿元,")).collect();
    let facts = parkledger::extract::extract(&text);
    assert!(facts.len() >= 10_000, "{} figures", facts.len());
    assert!(facts.iter().all(|f| f.sentence.len() <= 2100), "every sentence is cut to a bounded length");
}

#[test]
fn csv_export_cannot_carry_a_formula_and_imports_back_unchanged() {
    let (db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let mut v = value(zy, indicator_id(&store, "税收"), 2044, 3.5);
    v.source = "=HYPERLINK(\"http://evil\",\"点我\")".into();
    v.derivation = Some("-1+1".into());
    store.upsert_value(&v).unwrap();
    drop(store);
    let out = parkledger().args(["export", "--format", "csv", "--db"]).arg(&db.path).output().unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let line = csv.lines().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(line.contains(r#""'=HYPERLINK("#) && line.contains(",'-1+1"), "{line}");
    assert!(!csv.lines().any(|l| l.split(',').any(|c| c.starts_with('=') || c.starts_with('@'))), "no cell starts a formula");
    let file = db.path.with_file_name("roundtrip.csv");
    std::fs::write(&file, &csv).unwrap();
    let store = Store::open(&db.path).unwrap();
    let plan = parkledger::import::plan_file(&store, &file, None).unwrap();
    assert_eq!((plan.adds.len(), plan.changes.len()), (0, 0), "a round trip changes nothing: {}", plan.summary());
}

#[test]
fn xlsx_export_continues_on_further_sheets_past_the_row_limit() {
    let (_db, store) = sample_db();
    let rows = parkledger::export::export_rows(&store, None).unwrap();
    assert!(rows.len() > 20);
    let (bytes, written) = parkledger::export::xlsx_split(&store, None, 10).unwrap();
    assert_eq!(written, rows.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let (sheets, _) = parkledger::import::read::read_file(&path).unwrap();
    let all: Vec<&parkledger::import::Sheet> = sheets.iter().filter(|s| s.name.starts_with("全部数据")).collect();
    assert_eq!(all.len(), rows.len().div_ceil(10), "{:?}", sheets.iter().map(|s| &s.name).collect::<Vec<_>>());
    assert_eq!(all[1].name, "全部数据(2)");
    assert_eq!(all.iter().map(|s| s.rows.len() - 1).sum::<usize>(), rows.len(), "every row once, each sheet with its header");
}

#[test]
fn every_command_refuses_a_file_of_0_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    for args in [&["export", "--format", "csv"][..], &["report", "--park", "x", "--year", "2021", "-o", "r.pdf"][..]] {
        let out = parkledger().args(args).arg("--db").arg(&empty).current_dir(dir.path()).output().unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("0 字节"), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "nothing was written into it");
}

#[test]
fn one_cell_given_twice_in_a_file_is_a_skip_naming_both() {
    let (db, store) = sample_db();
    let file = db.path.with_file_name("twice.csv");
    std::fs::write(&file, "园区,指标,年份,起始月,结束月,类型,数值\n正阳工业园区,税收,2045,1,12,实际,1\n正阳工业园区,税收,2045,1,12,实际,2\n").unwrap();
    let plan = parkledger::import::plan_file(&store, &file, None).unwrap();
    assert_eq!(plan.adds.len(), 1, "{}", plan.summary());
    assert_eq!(plan.adds[0].value.value, Some(1.0), "the first is kept");
    assert_eq!(plan.skips.len(), 1);
    assert!(plan.skips[0].contains("第3行") && plan.skips[0].contains("第2行"), "{}", plan.skips[0]);
    // A cell of any length is cut in the message that quotes it.
    let long = db.path.with_file_name("long.csv");
    std::fs::write(&long, format!("园区,指标,年份,起始月,结束月,类型,数值\n正阳工业园区,税收,2046,1,12,实际,{}\n", "九".repeat(100_000))).unwrap();
    let plan = parkledger::import::plan_file(&store, &long, None).unwrap();
    assert_eq!(plan.skips.len(), 1);
    assert!(plan.skips[0].chars().count() < 120 && plan.skips[0].contains("九…”不是数字"), "{}", plan.skips[0]);
}

#[test]
fn a_damaged_schema_is_told_in_words_and_an_interrupted_import_leaves_no_history_entry() {
    let (db, store) = sample_db();
    drop(store);
    let c = rusqlite::Connection::open(&db.path).unwrap();
    // An interrupted import: its history entry opened, no rows written.
    c.execute("INSERT INTO change_group (at, user, label, park_id, undone) VALUES ('2099-01-01 00:00:00', 'x', '导入：big.csv', NULL, 0)", []).unwrap();
    drop(c);
    let store = Store::open(&db.path).unwrap();
    assert!(store.history(&Default::default()).unwrap().iter().all(|g| g.rows > 0), "no empty entry in the history");
    drop(store);
    let c = rusqlite::Connection::open(&db.path).unwrap();
    c.execute_batch("ALTER TABLE value DROP COLUMN derivation").unwrap();
    drop(c);
    let err = Store::open(&db.path).err().expect("refused");
    assert!(matches!(err, StoreError::SchemaDamaged(_)), "{err:?}");
    assert!(err.to_string().contains("缺少 value.derivation") && !err.to_string().contains("no such"), "{err}");
    let out = parkledger().args(["export", "--format", "csv", "--db"]).arg(&db.path).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("已损坏或被其他程序改动过"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The history names the table each row was written to, and undo writes there. A file
/// whose history names something else (SQL that would attach and write another file) is
/// refused, and nothing is run.
#[test]
fn a_history_naming_a_table_it_does_not_record_is_refused_on_undo() {
    let (db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let tax = indicator_id(&store, "税收");
    store.record("改", Some(zy), |s| s.upsert_value(&value(zy, tax, 2033, 1.0))).unwrap();
    drop(store);
    let planted = db.path.with_file_name("planted.sqlite");
    let tbl = format!("value WHERE 0; ATTACH DATABASE '{}' AS x; CREATE TABLE x.t(a); --", planted.display());
    let c = rusqlite::Connection::open(&db.path).unwrap();
    c.execute("UPDATE change_row SET tbl = ?1 WHERE group_id = (SELECT max(id) FROM change_group)", [&tbl]).unwrap();
    drop(c);
    let mut store = Store::open(&db.path).unwrap();
    let before = store.values_for_park(zy).unwrap();
    let err = store.undo().expect_err("refused");
    assert!(matches!(err, StoreError::Unreadable(_)), "{err:?}");
    assert!(!planted.exists(), "no other file was written");
    assert_eq!(store.values_for_park(zy).unwrap(), before, "nothing changed");
}

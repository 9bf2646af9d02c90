//! The county package (上报包): what a park sends holds its period's figures and last
//! year's, and a package changed or cut on the way is refused before anything is read in.

use std::process::Command;

use parkledger::domain::package::PackageError;
use parkledger::domain::period::Period;

use crate::common::sample_db;

fn zhengyang(store: &parkledger::store::Store) -> parkledger::domain::Park {
    store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap()
}

#[test]
fn a_package_holds_the_period_and_last_year_and_reads_back_as_sent() {
    let (db, mut store) = sample_db();
    let park = zhengyang(&store);
    let period = Period::full_year(2021);
    let path = db.path.with_file_name("正阳-2021.plpkg");
    let package = parkledger::county::make_package(&mut store, &park, period).unwrap();
    parkledger::county::save_package(&mut store, &park, &package, &path).unwrap();
    let years: std::collections::BTreeSet<i32> = package.content.values.iter().map(|v| v.period.year).collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), [2020, 2021], "the period and the same period last year");
    assert!(package.content.values.iter().any(|v| v.indicator == "规上工业总产值" && v.value == Some(56.8)));
    assert!(!package.content.projects.is_empty());
    let read = parkledger::county::open_package(&path).unwrap();
    assert_eq!(read, package, "what the county reads is what the park sent");
    assert_eq!(read.manifest.version, 1);
    // A second package of the same park and period is the next version.
    let again = parkledger::county::make_package(&mut store, &park, period).unwrap();
    assert_eq!(again.manifest.version, 2);
}

#[test]
fn a_package_changed_or_cut_on_the_way_is_refused() {
    let (db, mut store) = sample_db();
    let park = zhengyang(&store);
    let path = db.path.with_file_name("p.plpkg");
    let package = parkledger::county::make_package(&mut store, &park, Period::full_year(2021)).unwrap();
    parkledger::county::save_package(&mut store, &park, &package, &path).unwrap();
    let copy = |name: &str| {
        let p = db.path.with_file_name(name);
        std::fs::copy(&path, &p).unwrap();
        p
    };
    // One figure changed (as an edit in Excel or a hex editor would).
    let changed = copy("changed.plpkg");
    rusqlite::Connection::open(&changed).unwrap().execute("UPDATE value SET value = value + 1 WHERE rowid = 1", []).unwrap();
    assert_eq!(parkledger::county::open_package(&changed).unwrap_err(), PackageError::HashMismatch);
    // Cut short in transfer.
    let cut = copy("cut.plpkg");
    let bytes = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(parkledger::county::open_package(&cut).is_err(), "a truncated package is refused");
    // Not a package at all, a folder, and a newer format.
    let other = db.path.with_file_name("other.xlsx");
    std::fs::write(&other, "PK\u{3}\u{4} not a package").unwrap();
    assert_eq!(parkledger::county::open_package(&other).unwrap_err(), PackageError::NotAPackage);
    assert_eq!(parkledger::county::open_package(&db.path).unwrap_err(), PackageError::NotAPackage, "a ParkLedger database is no package");
    assert!(matches!(parkledger::county::open_package(db.path.parent().unwrap()), Err(PackageError::NotAFile(_))));
    let newer = copy("newer.plpkg");
    rusqlite::Connection::open(&newer).unwrap().execute("UPDATE manifest SET value = '99' WHERE key = 'format_version'", []).unwrap();
    assert_eq!(parkledger::county::open_package(&newer).unwrap_err(), PackageError::TooNew(99));
    let err = PackageError::HashMismatch.to_string();
    assert!(err.contains("未写入任何数据") || err.contains("nothing was written"), "{err}");
}

#[test]
fn the_command_line_packages_and_checks() {
    let (db, _store) = sample_db();
    let pkg = db.path.with_file_name("zy.plpkg");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_parkledger")).env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL").args(args).arg("--db").arg(&db.path).output().unwrap();
    let out = run(&["package", "--park", "正阳工业园区", "--year", "2021", "-o", pkg.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("第 1 版"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["receive", "--dry-run", pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("校验通过"), "{}", String::from_utf8_lossy(&out.stdout));
    rusqlite::Connection::open(&pkg).unwrap().execute("UPDATE project SET name = '改过的' WHERE rowid = 1", []).unwrap();
    let out = run(&["receive", "--dry-run", pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a changed package is refused");
    assert!(String::from_utf8_lossy(&out.stdout).contains("不予接收"));
    let out = run(&["receive", pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "writing into the county's database is not built yet, and says so");
}

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
    let package = parkledger::county::make_package(&store, &park, period).unwrap();
    parkledger::county::save_package(&mut store, &park, &package, &path).unwrap();
    let years: std::collections::BTreeSet<i32> = package.content.values.iter().map(|v| v.period.year).collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), [2020, 2021], "the period and the same period last year");
    assert!(package.content.values.iter().any(|v| v.indicator == "规上工业总产值" && v.value == Some(56.8)));
    assert!(!package.content.projects.is_empty());
    let read = parkledger::county::open_package(&path).unwrap();
    assert_eq!(read, package, "what the county reads is what the park sent");
    assert_eq!(read.manifest.version, 1);
    // A second package of the same park and period is the next version.
    let again = parkledger::county::make_package(&store, &park, period).unwrap();
    assert_eq!(again.manifest.version, 2);
}

#[test]
fn a_package_changed_or_cut_on_the_way_is_refused() {
    let (db, mut store) = sample_db();
    let park = zhengyang(&store);
    let path = db.path.with_file_name("p.plpkg");
    let package = parkledger::county::make_package(&store, &park, Period::full_year(2021)).unwrap();
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
    // The county's database is another file, created empty on the first package.
    let county = db.path.with_file_name("县汇总.sqlite");
    let receive = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_parkledger")).env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL").arg("receive").args(args).arg("--db").arg(&county).output().unwrap();
    let out = receive(&["--dry-run", pkg.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("正阳工业园区 2021年 第 1 版（预览，未写入）：将新增"), "{said}");
    let out = receive(&[pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已接收"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第一次上报，已新建该园区"));
    rusqlite::Connection::open(&pkg).unwrap().execute("UPDATE project SET name = '改过的' WHERE rowid = 1", []).unwrap();
    let out = receive(&["--dry-run", pkg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a changed package is refused");
    assert!(String::from_utf8_lossy(&out.stdout).contains("不予接收"));
}

/// The county's side: two parks' packages received into a new county database, a
/// resubmission replacing the earlier version, an older one refused, a name spelled with
/// full-width brackets and spaces matched to the park the county knows.
#[test]
fn the_county_receives_packages_newer_versions_replace_older_and_nothing_is_written_on_a_dry_run() {
    use parkledger::domain::value::ValueKind;
    let (db, mut store) = sample_db();
    let dir = db.path.parent().unwrap().to_path_buf();
    let pack = |store: &mut parkledger::store::Store, name: &str, year: i32, file: &str| {
        let park = store.parks().unwrap().into_iter().find(|p| p.name == name).unwrap();
        let package = parkledger::county::make_package(store, &park, Period::full_year(year)).unwrap();
        let path = dir.join(file);
        parkledger::county::save_package(store, &park, &package, &path).unwrap();
        parkledger::county::open_package(&path).unwrap()
    };
    let zy1 = pack(&mut store, "正阳工业园区", 2021, "zy1.plpkg");
    let nm = pack(&mut store, "奈曼旗工业园区", 2020, "nm.plpkg");

    let mut county = parkledger::store::Store::open(&dir.join("county.sqlite")).unwrap();
    assert!(county.parks().unwrap().is_empty(), "a county database starts with no parks");
    let preview = parkledger::county::receive(&mut county, &zy1, true).unwrap();
    assert!(preview.new_park && !preview.plan.adds.is_empty());
    assert!(county.parks().unwrap().is_empty() && county.all_values().unwrap().is_empty(), "a dry run writes nothing");

    let r = parkledger::county::receive(&mut county, &zy1, false).unwrap();
    assert_eq!((r.park.as_str(), r.version, r.new_park), ("正阳工业园区", 1, true));
    // The park's own indicators (建成投产项目数 …) are created in the county's catalogue:
    // every figure sent is received.
    assert!(!r.indicators_created.is_empty());
    let zy_id = county.parks().unwrap()[0].id;
    assert_eq!(county.values_for_park(zy_id).unwrap().len(), zy1.content.values.len(), "no figure dropped");
    parkledger::county::receive(&mut county, &nm, false).unwrap();
    let value = |county: &parkledger::store::Store, park: &str, indicator: &str, year: i32| {
        let p = county.parks().unwrap().into_iter().find(|p| p.name == park).unwrap();
        let ind = county.indicators().unwrap().into_iter().find(|i| i.name_zh == indicator).unwrap();
        county.values_for_park(p.id).unwrap().into_iter().find(|v| v.indicator_id == ind.id && v.period == Period::full_year(year) && v.kind == ValueKind::Estimate).and_then(|v| v.value)
    };
    assert_eq!(value(&county, "正阳工业园区", "规上工业总产值", 2021), Some(56.8), "what the park sent");
    assert_eq!(county.parks().unwrap().len(), 2);

    // The same version again is refused; a corrected version 2 replaces it.
    let again = parkledger::county::receive(&mut county, &zy1, false).unwrap_err().to_string();
    assert!(again.contains("不比已接收的第 1 版新"), "{again}");
    let zy = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let ind = store.indicators().unwrap().into_iter().find(|i| i.name_zh == "规上工业总产值").unwrap();
    let mut fixed = parkledger::store::NewValue::from_existing(
        store.values_for_park(zy.id).unwrap().iter().find(|v| v.indicator_id == ind.id && v.period == Period::full_year(2021) && v.kind == ValueKind::Estimate).unwrap(),
    );
    fixed.value = Some(57.2);
    store.upsert_value(&fixed).unwrap();
    let mut zy2 = pack(&mut store, "正阳工业园区", 2021, "zy2.plpkg");
    assert_eq!(zy2.manifest.version, 2);
    // The county's spelling differs from the park's in spacing and full-width characters.
    zy2.manifest.park = " 正阳工业园区 ".to_owned();
    let r = parkledger::county::receive(&mut county, &zy2, false).unwrap();
    assert_eq!((r.park.as_str(), r.version, r.new_park), ("正阳工业园区", 2, false));
    assert!(r.spelled.is_some(), "the receipt says the name was matched");
    assert_eq!(value(&county, "正阳工业园区", "规上工业总产值", 2021), Some(57.2), "one current value per cell: version 2's");
    assert_eq!(county.parks().unwrap().len(), 2, "no second 正阳");
    let groups = county.history(&parkledger::store::AuditFilter::default()).unwrap();
    assert!(groups.iter().filter(|g| g.label.contains("正阳工业园区")).count() >= 2, "the history keeps both versions received");
    let older = parkledger::county::receive(&mut county, &zy1, false).unwrap_err().to_string();
    assert!(older.contains("第 1 版不比已接收的第 2 版新"), "{older}");
}

/// Receives 正阳 2021, 示例园区 2021 and 奈曼 2020 into a new county database in `dir`.
fn county_with_three(dir: &std::path::Path) -> (parkledger::store::Store, Vec<parkledger::domain::package::Package>) {
    let (_db, mut store) = sample_db();
    let mut packages = Vec::new();
    for (name, year) in [("正阳工业园区", 2021), ("示例园区（虚构数据）", 2021), ("奈曼旗工业园区", 2020)] {
        let park = store.parks().unwrap().into_iter().find(|p| p.name == name).unwrap();
        let package = parkledger::county::make_package(&store, &park, Period::full_year(year)).unwrap();
        let path = dir.join(format!("{year}-{}.plpkg", packages.len()));
        parkledger::county::save_package(&mut store, &park, &package, &path).unwrap();
        packages.push(parkledger::county::open_package(&path).unwrap());
    }
    let mut county = parkledger::store::Store::open(&dir.join("county.sqlite")).unwrap();
    for p in &packages {
        parkledger::county::receive(&mut county, p, false).unwrap();
    }
    (county, packages)
}

/// A park's figure for an indicator and period in a package: the actual, else the estimate.
fn sent(p: &parkledger::domain::package::Package, indicator: &str, period: Period) -> Option<f64> {
    use parkledger::domain::value::ValueKind;
    let find = |kind| p.content.values.iter().find(|v| v.indicator == indicator && v.period == period && v.kind == kind).and_then(|v| v.value);
    find(ValueKind::Actual).or_else(|| find(ValueKind::Estimate))
}

#[test]
fn the_county_totals_are_the_sums_of_what_the_parks_sent_with_yoy_from_the_sums() {
    let dir = tempfile::tempdir().unwrap();
    let (county, packages) = county_with_three(dir.path());
    let year = Period::full_year(2021);
    let totals = parkledger::county::consolidation(&county, year).unwrap();
    let names: Vec<&str> = totals.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["正阳工业园区", "示例园区（虚构数据）"]);
    assert_eq!(totals.missing, ["奈曼旗工业园区"], "a park that sent nothing for 2021 is listed as missing");
    assert!(totals.parks.iter().all(|p| p.version == Some(1) && p.received_at.is_some()), "which version stands, and when it came");

    let row = totals.rows.iter().find(|r| r.indicator == "规上工业总产值").unwrap();
    let (zy, demo) = (&packages[0], &packages[1]);
    let now = [sent(zy, "规上工业总产值", year).unwrap(), sent(demo, "规上工业总产值", year).unwrap()];
    let before = [sent(zy, "规上工业总产值", Period::full_year(2020)).unwrap(), sent(demo, "规上工业总产值", Period::full_year(2020)).unwrap()];
    assert!((row.total.unwrap() - (now[0] + now[1])).abs() < 1e-9, "the total is the sum of what each park sent");
    assert_eq!(row.reported, 2);
    let yoy = ((now[0] + now[1]) / (before[0] + before[1]) - 1.0) * 100.0;
    assert!((row.yoy_pct.unwrap() - yoy).abs() < 1e-9, "YoY from the sums: {} vs {yoy}", row.yoy_pct.unwrap());
    // Not the average of the parks' own rates.
    let mean = ((now[0] / before[0] - 1.0) * 100.0 + (now[1] / before[1] - 1.0) * 100.0) / 2.0;
    assert!((row.yoy_pct.unwrap() - mean).abs() > 0.1, "the test would not tell a mean of rates from the rate of sums");
    assert!(row.with_estimates, "正阳's 2021 output is an estimate (预计): the total says it holds one");
    // 正阳's 2020 协议引资额 was worked back from its 2021 figure and YoY: it reaches the
    // county marked as such, and the total says so.
    let signed = totals.rows.iter().find(|r| r.indicator == "协议引资额").unwrap();
    assert_eq!(signed.derived, ["正阳工业园区"]);
    assert!(parkledger::county::sheet::row_note(signed).contains("推算"));

    // An indicator one park reported without last year's figure: in the total, out of the
    // YoY, with a note.
    let partial = totals.rows.iter().find(|r| r.total.is_some() && !r.no_base.is_empty() && r.reported == 2).expect("a row with a park lacking a base");
    assert!(parkledger::county::sheet::row_note(partial).contains("未计入同比"));
    // Projects came with the packages.
    let zy_id = county.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap().id;
    assert_eq!(county.projects_of_park(zy_id).unwrap().len(), zy.content.projects.len(), "the park's projects are received");
}

#[test]
fn the_huizongbiao_reads_back_from_excel_and_the_command_line_writes_json() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let (county, _) = county_with_three(dir.path());
    drop(county);
    let db = dir.path().join("county.sqlite");
    let xlsx = dir.path().join("汇总表.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db).args(["consolidate", "--year", "2021", "--format", "xlsx", "-o"]).arg(&xlsx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let sheet = wb.worksheet_range("汇总表").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let header = rows.iter().find(|r| r.first().is_some_and(|c| c == "指标")).unwrap();
    assert_eq!(&header[2..6], ["正阳工业园区", "示例园区（虚构数据）", "合计", "上报园区数"]);
    let output = rows.iter().find(|r| r[0] == "规上工业总产值").unwrap();
    let total: f64 = output[4].parse().unwrap();
    let parts: f64 = output[2].parse::<f64>().unwrap() + output[3].parse::<f64>().unwrap();
    assert!((total - parts).abs() < 1e-9, "the sheet's total is its parks' sum: {output:?}");
    assert!(rows.iter().any(|r| r[0].contains("未上报园区1个：奈曼旗工业园区")), "the note on completeness");
    let status = wb.worksheet_range("上报情况").unwrap();
    assert!(status.rows().any(|r| r[0] == "奈曼旗工业园区" && r[1] == "未上报"));

    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db).args(["consolidate", "--year", "2021", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["year"], 2021);
    assert_eq!(json["span"], "1-12");
    assert_eq!(json["parks"].as_array().unwrap().len(), 2);
    let row = json["rows"].as_array().unwrap().iter().find(|r| r["indicator"] == "规上工业总产值").unwrap();
    for key in ["unit", "total", "reported", "yoy_pct", "by_park"] {
        assert!(!row[key].is_null(), "{key} in {row}");
    }
    assert_eq!(row["by_park"]["正阳工业园区"], 56.8);

    // A period nobody reported: exit status 1 and no file.
    let none = dir.path().join("none.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db).args(["consolidate", "--year", "2019", "-o"]).arg(&none).output().unwrap();
    assert!(!out.status.success() && !none.exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有园区上报数据"));
}

#[test]
fn undoing_a_receipt_takes_the_package_back_so_it_can_be_received_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut county, packages) = county_with_three(dir.path());
    let undone = county.undo().unwrap();
    assert!(undone.is_some());
    let nm = county.parks().unwrap().into_iter().find(|p| p.name == "奈曼旗工业园区").unwrap();
    assert_eq!(county.received_version(nm.id, Period::full_year(2020)).unwrap(), None, "undo took the record of the package back with its figures");
    parkledger::county::receive(&mut county, &packages[2], false).expect("the same package can be received again after an undo");
}

/// The window's 上报汇总 page: who reported and who is missing, the totals, and a package
/// previewed and then received with 确认接收.
#[test]
fn the_county_page_shows_who_reported_and_receives_a_previewed_package() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (county, packages) = county_with_three(dir.path());
    let db = dir.path().join("county.sqlite");
    let prefs = parkledger::ui::window::ViewPrefs { page: parkledger::app::Page::County, ..Default::default() };
    let mut h = crate::common::harness(&db, county, prefs);
    h.run();
    // The page opens on the selected park's latest year, 2021.
    assert!(h.query_by_label_contains("2021年 汇总").is_some());
    assert!(h.query_by_label_contains("已上报 2 个").is_some());
    assert!(h.query_by_label_contains("未上报 1 个：奈曼旗工业园区").is_some(), "the park that sent nothing for 2021 is named");
    assert!(h.query_by_label("126.69*").is_some(), "the total of 规上工业总产值, marked as holding an estimate");

    // A resubmission of 示例园区, previewed: nothing written until 确认接收.
    let (_sample, mut store) = sample_db();
    let park = store.parks().unwrap().into_iter().find(|p| p.name == "示例园区（虚构数据）").unwrap();
    let mut v2 = parkledger::county::make_package(&store, &park, Period::full_year(2021)).unwrap();
    v2.manifest.version = packages[1].manifest.version + 1;
    let file = dir.path().join("v2.plpkg");
    parkledger::county::save_package(&mut store, &park, &v2, &file).unwrap();
    h.state_mut().app.apply(parkledger::app::county::CountyAction::Preview(vec![file]).into());
    h.run();
    assert!(h.query_by_label_contains("第 2 版（预览，未写入）").is_some(), "the preview says what it would do");
    h.get_by_label("确认接收（1 个）").click();
    h.run();
    assert!(h.query_by_label_contains("示例园区（虚构数据）（第 2 版）").is_some(), "version 2 stands");
    assert!(h.state().app.status.text.contains("已接收 1 个上报包"), "{}", h.state().app.status.text);
}

/// The county's own summary, drafted from the totals: who reported, the sums with their
/// YoY, each park's main figures with a 合计 row, in the 公文 layout.
#[test]
fn the_county_summary_report_is_drafted_from_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (mut county, _) = county_with_three(dir.path());
    county.set_setting(parkledger::county::report::COUNTY_NAME, "XX县").unwrap();
    drop(county);
    let db = dir.path().join("county.sqlite");
    let pdf = dir.path().join("汇总报告.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db).args(["consolidate", "--year", "2021", "--format", "pdf", "-o"]).arg(&pdf).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)").stdout;
    let text = String::from_utf8_lossy(&text).replace([' ', '\n'], "");
    for needle in [
        "XX县2021年园区经济运行情况汇总",
        "共有2个园区报送数据：正阳工业园区、示例园区（虚构数据）；1个园区尚未报送：奈曼旗工业园区",
        "预计完成规上工业企业产值126.69亿元，同比增长23.9%",
        "各园区主要指标",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let layout = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap().stdout;
    let layout = String::from_utf8_lossy(&layout);
    let total = layout.lines().find(|l| l.trim_start().starts_with("合计")).expect("the parks table's total row");
    let cells: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(cells[..3], ["合计", "126.69*", "47.43*"], "the sums, marked as holding estimates: {total}");
    // A year nobody reported: refused, no file.
    let none = dir.path().join("none.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db).args(["consolidate", "--year", "2019", "--format", "pdf", "-o"]).arg(&none).output().unwrap();
    assert!(!out.status.success() && !none.exists());
}

/// The county's summary on the 上报汇总 page: opened from its heading, drafted from the
/// totals, the county's name kept.
#[test]
fn the_county_page_drafts_the_county_summary() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (county, _) = county_with_three(dir.path());
    let db = dir.path().join("county.sqlite");
    let prefs = parkledger::ui::window::ViewPrefs { page: parkledger::app::Page::County, ..Default::default() };
    let mut h = crate::common::harness(&db, county, prefs);
    h.run();
    h.get_by_label("县级汇总报告").click_accesskit();
    h.run();
    h.run();
    let drafted = h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "由数据起草：主要指标完成情况").value().unwrap_or_default();
    assert!(drafted.contains("预计完成规上工业企业产值126.69亿元，同比增长23.9%"), "{drafted}");
    let name = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "县（区）名称");
    name.focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "县（区）名称").type_text("XX县");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "标题").focus();
    h.run();
    assert_eq!(h.state().app.store().setting(parkledger::county::report::COUNTY_NAME).unwrap().as_deref(), Some("XX县"));
    h.run();
    let title = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "标题").value().unwrap_or_default();
    assert_eq!(title, "XX县2021年园区经济运行情况汇总", "the draft's title takes the name");
}

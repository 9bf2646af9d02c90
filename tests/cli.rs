//! The command line, run as a user would: `sample`, then `export`.

use std::process::Command;

fn parkledger() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parkledger"))
}

#[test]
fn sample_then_export_lists_the_seeds_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let out = parkledger().args(["sample", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = parkledger().args(["export", "--format", "csv", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("园区,指标,单位,期间"), "{}", &csv[..80]);
    for needle in [
        "正阳工业园区,规上工业总产值,亿元,2021年,2021,1,12,预计,56.8,30.5,30.5",
        "正阳工业园区,固定资产投资,亿元,2021年,2021,1,12,预计,20.66,25.59",
        "奈曼旗工业园区,土地平整,亩,2020年",
        "XX县工业区,规上工业总产值,亿元,2020年1-6月",
        "阿拉善经济开发区,工业增加值,亿元,2017年1-6月",
        "玉田工业园区",
        "示例园区（虚构数据）",
    ] {
        assert!(csv.contains(needle), "missing {needle}");
    }
    // 正阳 2020 is worked back from 2021 and its YoY, and says so.
    let line = csv.lines().find(|l| l.starts_with("正阳工业园区,规上工业总产值,亿元,2020年,")).expect("derived 2020 row");
    assert!(line.contains("推算"), "{line}");

    let out = parkledger().args(["export", "--format", "json", "--park", "正阳工业园区", "--db"]).arg(&db).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().all(|r| r["园区"] == "正阳工业园区"));
    let public = rows.iter().find(|r| r["指标"] == "公共财政收入" && r["类型"] == "实际").unwrap();
    assert_eq!(public["完成年目标(%)"].as_f64().map(|x| (x * 10.0).round() / 10.0), Some(100.5));
}

#[test]
fn export_to_a_file_and_bad_requests_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(parkledger().args(["sample", "--db"]).arg(&db).status().unwrap().success());
    let again = parkledger().args(["sample", "--db"]).arg(&db).output().unwrap();
    assert!(!again.status.success(), "an existing database is never overwritten silently");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let file = dir.path().join("out.csv");
    let out = parkledger().args(["export", "-o"]).arg(&file).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&file).unwrap().contains("奈曼旗工业园区"));

    let out = parkledger().args(["export", "--park", "不存在的园区", "--db"]).arg(&db).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在的园区"));

    let missing = dir.path().join("none.sqlite");
    let out = parkledger().args(["export", "--db"]).arg(&missing).output().unwrap();
    assert!(!out.status.success());
    assert!(!missing.exists(), "export never creates a database");
}

#[test]
fn chart_command_writes_png_and_svg_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(parkledger().args(["sample", "--db"]).arg(&db).status().unwrap().success());
    let png = dir.path().join("out.png");
    let out = parkledger()
        .args(["chart", "--park", "示例园区（虚构数据）", "--indicator", "固定资产投资", "--from", "2016", "--to", "2022", "--kind", "line"])
        .args(["--width", "1920", "--height", "1080", "-o"])
        .arg(&png)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&png).unwrap();
    let image = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1920, 1080));
    let first = image.pixels()[0];
    assert!(image.pixels().iter().any(|p| *p != first), "not blank");

    let svg_path = dir.path().join("out.svg");
    let out = parkledger()
        .args(["chart", "--park", "正阳工业园区", "--indicator", "规上工业总产值", "-o"])
        .arg(&svg_path)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&svg_path).unwrap();
    assert!(text.contains(">规上工业总产值</text>"));
    assert!(resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).is_ok());

    let bad = parkledger().args(["chart", "--park", "正阳工业园区", "--indicator", "不存在", "-o"]).arg(&svg_path).arg("--db").arg(&db).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不存在"));
}

#[test]
fn bench_prints_its_figures_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(parkledger().args(["sample", "--db"]).arg(&db).status().unwrap().success());
    let out = parkledger().args(["bench", "--quick", "--json", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["open_ms", "peak_rss_mb", "query_park_year_ms", "pdf_sample_ms", "pdf_sample_bytes", "pdf_large_ms", "pdf_large_bytes", "import_values_per_s", "extract_kb_per_s", "packages_make_ms", "packages_receive_ms"] {
        assert!(v[key].as_f64().is_some_and(|x| x > 0.0), "{key} = {}", v[key]);
    }
    for page in ["indicators", "ledger", "charts", "report"] {
        assert!(v["frame_ms_median"][page].as_f64().is_some_and(|x| x > 0.0), "frame time of {page}");
        assert!(v["frame_ms_p95"][page].as_f64().is_some());
    }
}

#[test]
fn bench_quick_runs_on_its_own_sample() {
    let out = parkledger().args(["bench", "--quick"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("import, 100,000-row CSV"));
}

#[test]
fn the_command_line_speaks_the_locales_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(parkledger().args(["sample", "--db"]).arg(&db).status().unwrap().success());
    let run = |lang: &str| {
        let out = parkledger().env("LC_ALL", lang).env("LANG", lang).args(["export", "--park", "某园区", "--db"]).arg(&db).output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let en = run("en_US.UTF-8");
    assert!(en.contains("No park named “某园区”") && !en.contains("没有"), "{en}");
    let zh = run("zh_CN.UTF-8");
    assert!(zh.contains("没有名为“某园区”的园区") && !zh.contains("No park"), "{zh}");
}

#[test]
fn a_report_without_data_is_refused_in_pdf_and_word_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert!(parkledger().args(["sample", "--db"]).arg(&db).output().unwrap().status.success());
    let mut store = parkledger::store::Store::open(&db).unwrap();
    let park = parkledger::domain::Park { id: 0, name: "新设园区".into(), level: String::new(), region: String::new(), notes: String::new() };
    store.insert_park(&park).unwrap();
    drop(store);
    let pdf = dir.path().join("empty.pdf");
    let out = parkledger().args(["report", "--park", "新设园区", "--year", "2021", "-o"]).arg(&pdf).arg("--db").arg(&db).env("LANG", "zh_CN.UTF-8").output().unwrap();
    assert!(!out.status.success(), "a report of nothing is not written");
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有任何指标数据"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!pdf.exists());
    // In Word too: nothing to report is refused, and no file is left.
    let docx = dir.path().join("empty.docx");
    let out = parkledger().args(["report", "--park", "新设园区", "--year", "2021", "--format", "docx", "-o"]).arg(&docx).arg("--db").arg(&db).env("LANG", "en_US.UTF-8").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("新设园区"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!docx.exists());
    // A folder that is not there: a clear message, no file.
    let nowhere = dir.path().join("no-such-folder").join("2021.docx");
    let out = parkledger().args(["report", "--park", "正阳工业园区", "--year", "2021", "--format", "docx", "-o"]).arg(&nowhere).arg("--db").arg(&db).env("LANG", "zh_CN.UTF-8").output().unwrap();
    assert!(!out.status.success() && !nowhere.exists());
}

#[test]
fn a_change_made_without_user_in_the_environment_names_the_os_account() {
    let (db, _store) = crate::common::sample_db();
    let sheet = db.path.with_file_name("u.csv");
    std::fs::write(&sheet, "指标,2030年(亿元)\n规模以上工业总产值,1.5\n").unwrap();
    let out = parkledger()
        .args(["import", "--park", "正阳工业园区", "--db"])
        .arg(&db.path)
        .arg(&sheet)
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = parkledger::store::Store::open(&db.path).unwrap();
    let who = store.undo_target().unwrap().expect("the import is recorded").user;
    assert_eq!(Some(who.clone()), whoami::username().ok(), "the account name, not ?: {who}");
    assert_ne!(who, parkledger::store::UNKNOWN_USER);
}

//! Drafted sentences against the seeds' own wording, and the PDF read back with poppler.

use std::process::Command;

use parkledger::domain::period::Period;
use parkledger::domain::value::ValueSet;
use parkledger::report::{self, Layout, ReportData, ReportSpec, draft};

use crate::common::{park_id, sample_db};

fn drafted(park: &str, period: Period) -> String {
    let (_db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == park).unwrap();
    let indicators = store.indicators().unwrap();
    let values = ValueSet::new(store.values_for_park(p.id).unwrap());
    let projects = store.projects_of_park(p.id).unwrap();
    let spec = ReportSpec::new(&ReportData { park: &p, indicators: &indicators, values: &values, projects: &projects }, period);
    spec.indicators_text
}

#[test]
fn drafted_sentences_read_like_the_seeds() {
    let zy = drafted("正阳工业园区", Period::full_year(2021));
    assert!(zy.contains("预计完成规上工业企业产值56.8亿元，同比增长30.5%"), "{zy}");
    assert!(zy.contains("预计完成固定资产投资20.66亿元，同比增长25.59%，其中工业投资6.8亿元，同比增长53.15%"), "{zy}");
    assert!(zy.contains("完成本级公共财政收入7.78亿元，为年度预算的100.52%"), "{zy}");
    let als = drafted("阿拉善经济开发区", Period::new(2017, 1, 6).unwrap());
    assert!(als.contains("招商引资22.4亿元，同比增长11.76%，完成年目标任务的18.79%"), "{als}");
}

#[test]
fn a_fall_is_written_as_xiajiang() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let ind = store.indicators().unwrap().into_iter().find(|i| i.name_zh == "公共财政支出").unwrap();
    let mut v = parkledger::store::NewValue::from_existing(
        store.values_for_park(zy).unwrap().iter().find(|v| v.indicator_id == ind.id).unwrap(),
    );
    v.reported_yoy = Some(-0.6);
    store.upsert_value(&v).unwrap();
    let values = ValueSet::new(store.values_for_park(zy).unwrap());
    let s = draft::indicator_sentence(&ind, &[], &values, Period::full_year(2021)).unwrap();
    assert_eq!(s, "完成公共财政支出4.95亿元，同比下降0.6%");
}

#[test]
fn default_titles_follow_the_period() {
    assert_eq!(report::default_title("正阳工业园区", Period::full_year(2021)), "正阳工业园区2021年工作总结");
    assert_eq!(report::default_title("XX县工业区", Period::new(2020, 1, 6).unwrap()), "XX县工业区2020年上半年工作总结及下半年工作计划");
}

fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let out = Command::new(tool).arg(pdf).arg("-").output().unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdffonts(pdf: &std::path::Path) -> String {
    let out = Command::new("pdffonts").arg(pdf).output().expect("pdffonts (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_reads_back_with_embedded_subset_fonts() {
    let (db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let bytes = report::export_pdf(&store, &p, Period::full_year(2021), None).unwrap();
    let path = db.path.with_file_name("zy.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = poppler("pdftotext", &path).replace(' ', "");
    for needle in ["正阳工业园区2021年工作总结", "一、主要指标完成情况", "56.8亿元", "20.66", "—1—", "—2—", "项目名称", "三、存在问题"] {
        assert!(text.contains(needle), "missing {needle}");
    }
    let fonts = pdffonts(&path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4]), ("yes", "yes"), "embedded and subset: {row}");
    }
    assert!(bytes.len() < 400_000, "subset fonts keep it small: {} bytes", bytes.len());
}

#[test]
fn traditional_characters_read_back() {
    let (db, mut store) = sample_db();
    let id = park_id(&store, "XX县工业区");
    let p = store.parks().unwrap().into_iter().find(|p| p.id == id).unwrap();
    let (mut spec, ..) = report::load(&store, &p, Period::new(2020, 1, 6).unwrap()).unwrap();
    spec.problems_text = "阿拉善經濟開發區緊緊圍繞千億元園區目標建設。".to_owned();
    spec.layout = Layout::Brief;
    parkledger::report::save(&mut store, &spec).unwrap();
    let bytes = report::export_pdf(&store, &p, spec.period, None).unwrap();
    let path = db.path.with_file_name("xx.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = poppler("pdftotext", &path);
    assert!(text.contains("阿拉善經濟開發區緊緊圍繞千億元園區目標建設"), "{text}");
    assert!(text.contains("XX县工业区2020年上半年工作总结及下半年工作计划"));
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let (db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let bytes = report::export_pdf(&store, &p, Period::full_year(2021), None).unwrap();
    let path = db.path.with_file_name("long.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = poppler("pdftotext", &path);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let with_header = pages.iter().filter(|p| p.contains("项目名称") && p.contains("建设单位")).count();
    assert!(with_header >= 2, "the project table crosses pages, with its header on each");
    // The first and the last project of the table are each on a page with the header.
    for project in ["黔瑞锰业项目", "万丽壹号"] {
        let page = pages.iter().find(|p| p.contains(project)).unwrap_or_else(|| panic!("{project} is in the table"));
        assert!(page.contains("项目名称"), "header repeated on the page of {project}");
    }
}

#[test]
fn command_line_and_gui_exports_are_identical() {
    let (db, store) = sample_db();
    drop(store);
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_parkledger"));
    let gui = db.path.with_file_name("gui.pdf");
    let period = Period::full_year(2020);
    parkledger::app::report::export_report_in_child(exe, &db.path, "奈曼旗工业园区", period, &gui).unwrap();
    let cli = db.path.with_file_name("cli.pdf");
    let status = Command::new(exe)
        .args(["report", "--park", "奈曼旗工业园区", "--year", "2020", "-o"])
        .arg(&cli)
        .arg("--db")
        .arg(&db.path)
        .status()
        .unwrap();
    assert!(status.success());
    let (a, b) = (std::fs::read(&gui).unwrap(), std::fs::read(&cli).unwrap());
    assert!(a.len() > 10_000);
    assert!(a == b, "the Report page's export and the command line's are the same file");
}

#[test]
fn installed_fonts_can_replace_the_embedded_ones_and_bad_files_are_refused() {
    use parkledger::report::pdf::{FontChoice, check_fonts};
    let (db, mut store) = sample_db();
    let serif = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSerifCJKsc-Regular.otf");
    let chosen = FontChoice { heiti: Some(serif.clone()), ..FontChoice::default() };
    check_fonts(&chosen).unwrap();
    parkledger::report::set_fonts(&mut store, &chosen).unwrap();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let bytes = report::export_pdf(&store, &p, Period::full_year(2021), None).unwrap();
    let path = db.path.with_file_name("fonts.pdf");
    std::fs::write(&path, bytes).unwrap();
    assert!(!pdffonts(&path).contains("NotoSansCJK"), "headings and tables now use the chosen serif font only");

    let junk = db.path.with_file_name("not-a-font.ttf");
    std::fs::write(&junk, "这不是字体").unwrap();
    assert!(check_fonts(&FontChoice { fangsong: Some(junk), ..FontChoice::default() }).is_err());
}

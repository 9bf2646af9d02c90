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
    let spec = ReportSpec::new(&ReportData { park: &p, indicators: &indicators, values: &values, projects: &projects, parks_table: None }, period, None);
    spec.drafted(parkledger::report::Drafted::Indicators).to_owned()
}

#[test]
fn drafted_sentences_read_like_the_seeds() {
    let zy = drafted("正阳工业园区", Period::full_year(2021));
    assert!(zy.contains("预计完成规上工业企业产值56.8亿元，同比增长30.5%"), "{zy}");
    assert!(zy.contains("预计完成固定资产投资20.66亿元，同比增长25.59%，其中工业投资6.8亿元，同比增长53.15%"), "{zy}");
    assert!(zy.contains("完成本级公共财政收入7.78亿元，为年度预算的100.5%"), "stated as the seed states it: {zy}");
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
    for needle in ["正阳工业园区2021年工作总结", "一、主要指标完成情况", "56.8亿元", "20.66", "—1—", "—2—", "二、主要工作及成效", "正阳工业园区管理委员会"] {
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
    // 公文 typography: the title in a heavy serif (小标宋's stand-in), （一） in a kai face,
    // the body serif and the 黑体 headings: four faces, each its own subset.
    assert!(
        parkledger::fonts::title_face().is_some() && parkledger::fonts::kai_face().is_some(),
        "the report fonts (Debian's fonts-noto-cjk and fonts-lxgw-wenkai) are missing: scripts/test.sh installs them"
    );
    for face in ["NotoSerifCJKsc-Bold", "LXGWWenKai-Regular", "NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"] {
        assert!(fonts.contains(face), "{face} embedded: {fonts}");
    }
    assert!(rows.len() >= 3, "at least three faces: {fonts}");
}

/// A title too long for a line breaks between words, the lines as even as the words allow
/// (GB/T 9704 7.3.1), never inside 工作 as `…下半年工 / 作计划`.
#[test]
fn a_long_title_breaks_between_words_and_reads_balanced() {
    let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f64>() * 22.0;
    let max = 156.0 / 25.4 * 72.0;
    let lines = parkledger::report::linebreak::title_lines("XX县工业区2020年上半年工作总结及下半年工作计划", max, &width);
    assert_eq!(lines, ["XX县工业区2020年上半年", "工作总结及下半年工作计划"]);
    let lines = parkledger::report::linebreak::title_lines("奈曼旗工业园区2020年工作总结及2021年工作安排", max, &width);
    assert_eq!(lines, ["奈曼旗工业园区2020年", "工作总结及2021年工作安排"]);
    assert_eq!(parkledger::report::linebreak::title_lines("正阳工业园区2021年工作总结", max, &width), ["正阳工业园区2021年工作总结"]);
}

/// A 公文 body line holds 28 characters (GB/T 9704 7.1), the first line 26 after its
/// two-character indent.
#[test]
fn a_gongwen_body_line_holds_28_characters() {
    let (db, mut store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let (mut spec, ..) = report::load(&store, &p, Period::full_year(2021)).unwrap();
    let long: String = "园区统筹推进项目建设和招商引资工作成效明显".repeat(4);
    *spec.text_under_mut("存在的主要困难和问题").unwrap() = long.clone();
    report::save(&mut store, &spec).unwrap();
    let path = db.path.with_file_name("grid.pdf");
    std::fs::write(&path, report::export_pdf(&store, &p, spec.period, Some(Layout::Gongwen)).unwrap()).unwrap();
    let text = poppler("pdftotext", &path);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines.iter().position(|l| long.starts_with(*l) && l.chars().count() > 10).expect("the paragraph's first line");
    assert_eq!(lines[first].chars().count(), 26, "{:?}", &lines[first..first + 3]);
    assert_eq!(lines[first + 1].chars().count(), 28, "{:?}", &lines[first..first + 3]);
}

#[test]
fn traditional_characters_read_back() {
    let (db, mut store) = sample_db();
    let id = park_id(&store, "XX县工业区");
    let p = store.parks().unwrap().into_iter().find(|p| p.id == id).unwrap();
    let (mut spec, ..) = report::load(&store, &p, Period::new(2020, 1, 6).unwrap()).unwrap();
    *spec.text_under_mut("经济增长点乏力").unwrap() = "阿拉善經濟開發區緊緊圍繞千億元園區目標建設。".to_owned();
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
    let (db, mut store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    // The table lists key projects: make all 31 of 正阳's ledger key projects.
    for mut project in store.projects_of_park(p.id).unwrap() {
        project.key_level = parkledger::domain::KeyLevel::City;
        store.update_project(&project).unwrap();
    }
    let bytes = report::export_pdf(&store, &p, Period::full_year(2021), None).unwrap();
    let path = db.path.with_file_name("long.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = poppler("pdftotext", &path);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let with_header = pages.iter().filter(|p| p.contains("项目名称") && p.contains("状态")).count();
    assert!(with_header >= 2, "the project table crosses pages, with its header on each");
    // The first and the last project of the table are each on a page with the header.
    for project in ["黔瑞锰业项目", "万丽壹号"] {
        // The list before the table names them too; the table comes last.
        let page = pages.iter().rev().find(|p| p.contains(project)).unwrap_or_else(|| panic!("{project} is in the table"));
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
    parkledger::app::report::export_report_in_child(exe, &db.path, "奈曼旗工业园区", period, &gui, parkledger::report::Format::Pdf).unwrap();
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
    // The same document; only the creation time (the export's own) may differ.
    assert_eq!(a.len(), b.len(), "the Report page's export and the command line's are the same file");
    assert_eq!(poppler("pdftotext", &gui), poppler("pdftotext", &cli));
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

/// The sample reports: each seed park's period, both layouts.
const SAMPLE_REPORTS: [(&str, i32, u8); 6] = [
    ("奈曼旗工业园区", 2020, 12),
    ("正阳工业园区", 2021, 12),
    ("阿拉善经济开发区", 2017, 6),
    ("XX县工业区", 2020, 6),
    ("玉田工业园区", 2010, 12),
    ("鞍山X工业园区", 2006, 12),
];

/// `—3—` (公文) or `2/3` (brief).
fn is_page_number(line: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    line.strip_prefix('—').and_then(|l| l.strip_suffix('—')).is_some_and(digits) || line.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

fn is_heading(line: &str) -> bool {
    let cn = "一二三四五六七八九十";
    let mut chars = line.chars();
    match chars.next() {
        Some('（') => chars.next().is_some_and(|c| cn.contains(c)) && line.contains('）') && line.chars().count() < 20,
        Some(c) if cn.contains(c) => chars.next() == Some('、'),
        _ => false,
    }
}

/// `(建成投产|开复工|新开工) … N个` and `N个项目(建成投产|开复工|新开工)`: the counts a reader
/// compares.
fn count_phrases(text: &str) -> Vec<(&'static str, u32)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for concept in ["建成投产", "开复工", "新开工"] {
        let c: Vec<char> = concept.chars().collect();
        for i in 0..chars.len().saturating_sub(c.len()) {
            if chars[i..i + c.len()] != c[..] {
                continue;
            }
            // After: up to 8 characters that are not digits or clause ends, then N个.
            let mut j = i + c.len();
            let mut gap = 0;
            while j < chars.len() && gap <= 8 && !chars[j].is_ascii_digit() && !"，。；：".contains(chars[j]) {
                j += 1;
                gap += 1;
            }
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j > start && chars.get(j) == Some(&'个') {
                out.push((concept, chars[start..j].iter().collect::<String>().parse().unwrap()));
            }
            // Before: N个项目 right in front.
            let before: String = chars[i.saturating_sub(8)..i].iter().collect();
            if let Some(head) = before.strip_suffix("个项目") {
                let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
                if !digits.is_empty() {
                    out.push((concept, digits.parse().unwrap()));
                }
            }
        }
    }
    out
}

#[test]
fn every_sample_report_reads_as_one_consistent_document() {
    let (db, store) = sample_db();
    for (park, year, end) in SAMPLE_REPORTS {
        let p = store.parks().unwrap().into_iter().find(|p| p.name == park).unwrap();
        let period = Period::new(year, 1, end).unwrap();
        for layout in [Layout::Gongwen, Layout::Brief] {
            let bytes = report::export_pdf(&store, &p, period, Some(layout)).unwrap();
            let path = db.path.with_file_name(format!("{park}-{layout:?}.pdf"));
            std::fs::write(&path, &bytes).unwrap();
            let raw = poppler("pdftotext", &path);
            let lines: Vec<String> = raw.lines().map(|l| l.replace([' ', '\u{c}'], "")).filter(|l| !l.is_empty() && !is_page_number(l)).collect();
            let what = format!("{park} {layout:?}");
            for (i, line) in lines.iter().enumerate() {
                if is_heading(line) {
                    let next = lines.get(i + 1).unwrap_or_else(|| panic!("{what}: {line} ends the document"));
                    assert!(!is_heading(next) || line.contains('、') && next.starts_with('（'), "{what}: {line} has nothing under it (next: {next})");
                }
            }
            let text: String = lines.concat();
            // Next year's plan sets targets: its counts are other counts.
            let plan = lines.iter().position(|l| is_heading(l) && (l.ends_with("工作安排") || l.ends_with("工作计划"))).unwrap_or(lines.len());
            let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
            for (concept, n) in count_phrases(&lines[..plan].concat()) {
                let first = *counts.entry(concept).or_insert(n);
                assert_eq!(first, n, "{what}: {concept} is counted as {first} and as {n}");
            }
            for leak in ["原文", "写作“", "称“", "worked back", "推算 ("] {
                assert!(!text.contains(leak), "{what}: a source note leaks ({leak})");
            }
            let big = text.match_indices("万元").any(|(i, _)| {
                let num: String = text[..i].chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
                num.split('.').next().is_some_and(|int| int.len() >= 5)
            });
            assert!(!big, "{what}: an amount of 1亿元 or more is written in 万元");
            if end == 6 {
                // What the data drafts; the seeds' own words may plan 年内 (within the year).
                assert!(text.contains("上半年") && !text.contains("年内开复工"), "{what}: a half-year report says 上半年, not 年内");
            }
            // The 版记 (分送 …, 印发), where there is one, comes after the date.
            let end_of_text = lines.iter().position(|l| l.starts_with("分送：")).unwrap_or(lines.len());
            let tail: Vec<&String> = lines[..end_of_text].iter().rev().take(2).collect();
            assert!(tail[1].ends_with("管理委员会"), "{what}: the issuing office is under the text: {tail:?}");
            let date = tail[0];
            assert!(date.ends_with('日') && date.contains('年') && date.contains('月'), "{what}: the date closes it: {date}");
        }
    }
}

#[test]
fn figures_read_as_the_seeds_state_them() {
    let (db, store) = sample_db();
    let text = |park: &str, period: Period| {
        let p = store.parks().unwrap().into_iter().find(|p| p.name == park).unwrap();
        let path = db.path.with_file_name("figures.pdf");
        std::fs::write(&path, report::export_pdf(&store, &p, period, None).unwrap()).unwrap();
        poppler("pdftotext", &path).replace([' ', '\n'], "")
    };
    let zy = text("正阳工业园区", Period::full_year(2021));
    assert!(zy.contains("为年度预算的100.5%") && !zy.contains("100.52"), "the stated completion, as stated");
    let yt = text("玉田工业园区", Period::full_year(2010));
    assert!(yt.contains("出口创汇0.85万美元") || yt.contains("出口创汇8500美元"), "small amounts keep their decimals");
    let als = text("阿拉善经济开发区", Period::new(2017, 1, 6).unwrap());
    assert!(!als.contains("43.28"), "no completion worked out against another count's target");
}

#[test]
fn a_report_charts_its_own_year_and_the_years_before_never_later_ones() {
    let (_db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    // The 2022 figures arrive after the 2021 summary was drafted.
    for v in store.values_for_park(zy).unwrap().iter().filter(|v| v.period == Period::full_year(2021)) {
        let mut next = parkledger::store::NewValue::from_existing(v);
        next.period = Period::full_year(2022);
        next.value = v.value.map(|x| x * 1.1);
        store.upsert_value(&next).unwrap();
    }
    let p = store.parks().unwrap().into_iter().find(|p| p.id == zy).unwrap();
    let indicators = store.indicators().unwrap();
    let values = ValueSet::new(store.values_for_park(zy).unwrap());
    let projects = store.projects_of_park(zy).unwrap();
    let data = ReportData { park: &p, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    let categories = |year: i32| -> Vec<String> {
        let spec = ReportSpec::new(&data, Period::full_year(year), None);
        report::figures(&spec, &data, &[]).iter().flat_map(|f| f.main.categories.clone()).collect()
    };
    let of_2021 = categories(2021);
    assert!(of_2021.iter().any(|c| c.contains("2021")), "the 2021 report charts 2021: {of_2021:?}");
    assert!(!of_2021.iter().any(|c| c.contains("2022")), "and nothing of 2022: {of_2021:?}");
    assert!(categories(2022).iter().any(|c| c.contains("2022")), "the 2022 report does chart 2022");
}

/// A report stored before the document was a list of parts (five fixed texts) opens with
/// every text in its place.
#[test]
fn a_report_stored_with_fixed_sections_opens_as_parts_with_nothing_lost() {
    let (_db, mut store) = sample_db();
    let park = park_id(&store, "正阳工业园区");
    let period = Period::full_year(2021);
    let old = serde_json::json!({
        "park_id": park, "period": period, "title": "旧报告", "layout": "Gongwen",
        "indicators_text": "指标句子", "indicators_generated": "指标句子",
        "projects_text": "台账段落", "projects_generated": "台账段落",
        "work_text": "主要工作文字", "problems_text": "问题文字", "plan_text": "明年安排",
        "issuer": "正阳工业园区管理委员会", "date": "2021年12月30日",
        "indicator_ids": [], "charts": [], "indicator_table": false, "project_table": true, "updated_at": ""
    });
    store.save_report_body(park, period, &old.to_string()).unwrap();
    let spec = report::stored(&store, park, period).unwrap().unwrap();
    assert_eq!(spec.title, "旧报告");
    assert_eq!(spec.drafted(report::Drafted::Indicators), "指标句子");
    assert_eq!(spec.drafted(report::Drafted::Ledger), "台账段落");
    assert_eq!(spec.text_under("主要工作及成效"), Some("主要工作文字"));
    assert_eq!(spec.text_under("存在问题"), Some("问题文字"));
    assert_eq!(spec.text_under("2022年工作安排"), Some("明年安排"));
    assert!(!spec.parts.contains(&report::Part::IndicatorTable), "the table left out stays out");
    assert!(spec.parts.contains(&report::Part::ProjectTable));
    assert_eq!((spec.issuer.as_str(), spec.date.as_str()), ("正阳工业园区管理委员会", "2021年12月30日"));
}

#[test]
fn headings_are_numbered_by_level_and_a_typed_number_is_not_printed_twice() {
    assert_eq!(report::heading_text("三、存在问题"), "存在问题");
    assert_eq!(report::heading_text("（二）招商引资"), "招商引资");
    assert_eq!(report::heading_text("1.项目建设"), "项目建设");
    assert_eq!(report::heading_text("（3） 园区建设"), "园区建设");
    assert_eq!(report::heading_text("十一、其他"), "其他");
    assert_eq!(report::heading_text("2022年工作安排"), "2022年工作安排", "a year is not a number");
    assert_eq!(report::heading_number(1, 11), "十一、");
    assert_eq!(report::heading_number(2, 3), "（三）");
    assert_eq!(report::heading_number(3, 2), "2.");
    assert_eq!(report::heading_number(4, 1), "（1）");
}

/// Moving a heading moves its section; composing leaves an empty section out and numbers
/// the rest on, restarting （一） under each 一、.
#[test]
fn sections_move_whole_and_empty_ones_are_left_out_of_the_document() {
    use report::Part;
    let h = |level: u8, text: &str| Part::Heading { level, text: text.to_owned() };
    let t = |text: &str| Part::Text { text: text.to_owned() };
    let mut parts = vec![h(1, "甲"), t("甲文"), h(2, "甲一"), t("甲一文"), h(1, "乙"), t("乙文"), h(1, "丙"), t("  \u{3000} ")];
    let at = report::spec::move_part(&mut parts, 4, true);
    assert_eq!(at, 0);
    assert_eq!(parts[..2], [h(1, "乙"), t("乙文")], "乙 moved above 甲 with its text");
    assert_eq!(parts[2..6], [h(1, "甲"), t("甲文"), h(2, "甲一"), t("甲一文")], "甲 kept its subsection");
    report::spec::move_part(&mut parts, 4, false);
    assert_eq!(parts[4..], [h(1, "丙"), t("  \u{3000} "), h(2, "甲一"), t("甲一文")][..], "a subsection moves down past the next section");

    let (_db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let (mut spec, indicators, values, projects) = report::load(&store, &p, Period::full_year(2021)).unwrap();
    spec.parts = vec![h(1, "甲"), t("甲文"), h(2, "空的"), h(1, "丙"), t(" \u{3000}"), h(1, "乙"), h(2, "乙一"), t("乙一文"), h(2, "乙二"), t("乙二文")];
    let data = ReportData { park: &p, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    let blocks = report::compose(&spec, &data, Vec::new());
    let headings: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            report::Block::Heading(t) | report::Block::Subheading(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["一、甲", "二、乙", "（一）乙一", "（二）乙二"], "空的 and 丙 (only spaces) are left out, 乙 numbered on");
}

/// A new report starts from the shape of the park's previous one: its own headings, the
/// years in them moved on, its words left behind.
#[test]
fn a_new_report_starts_from_the_shape_of_the_previous_one() {
    use report::Part;
    let (_db, mut store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let (mut last, ..) = report::load(&store, &p, Period::full_year(2021)).unwrap();
    last.parts = vec![
        Part::Heading { level: 1, text: "2021年工作回顾".into() },
        Part::Heading { level: 2, text: "招商引资".into() },
        Part::Text { text: "去年的话".into() },
        Part::Heading { level: 1, text: "2022年工作思路".into() },
        Part::Drafted { source: report::Drafted::Targets, text: String::new(), generated: String::new() },
    ];
    last.copy_to = "县发改局，县统计局".into();
    last.printed_by = "正阳工业园区党政办公室".into();
    report::save(&mut store, &last).unwrap();
    let (next, ..) = report::load(&store, &p, Period::full_year(2022)).unwrap();
    let headings: Vec<&str> = next.parts.iter().filter_map(|x| match x {
        Part::Heading { text, .. } => Some(text.as_str()),
        _ => None,
    }).collect();
    assert_eq!(headings, ["2022年工作回顾", "招商引资", "2023年工作思路"]);
    assert_eq!(next.text_under("招商引资"), Some(""), "last year's words stay last year's");
    assert_eq!(next.copy_to, "县发改局，县统计局");
    assert!(!next.printed_on.is_empty(), "the 版记 is dated");
    // A park with no earlier report starts from the seeds' shape.
    let (fresh, ..) = report::load(&store, &p, Period::new(2021, 1, 6).unwrap()).unwrap();
    assert!(fresh.text_under("存在问题").is_some() && fresh.text_under("下半年工作计划").is_some());
}

/// Before export the report says what is empty and what disagrees: 正阳's stated 建成投产
/// count against its ledger, a section with no text, a stated YoY the figures do not give.
#[test]
fn the_pre_export_check_names_empty_sections_and_figures_that_disagree() {
    use parkledger::report::check::Target;
    let (_db, mut store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let period = Period::full_year(2021);
    let notices = report::notices(&store, &p, period).unwrap();
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("建成投产项目数：指标填报9个，项目台账本年记有20个")), "{texts:#?}");
    assert!(!texts.iter().any(|t| t.contains("下没有内容")), "the sample's own prose fills every section: {texts:#?}");

    // A new report (the seeds' shape) has its 存在问题 still to write: named, and pointed at.
    let demo = store.parks().unwrap().into_iter().find(|p| p.name == "示例园区（虚构数据）").unwrap();
    let year = Period::full_year(2024);
    let notices = report::notices(&store, &demo, year).unwrap();
    let empty = notices.iter().find(|n| n.text.contains("“存在问题”下没有内容")).expect("the empty section is named");
    let (mut spec, indicators, ..) = report::load(&store, &demo, year).unwrap();
    assert!(matches!(empty.target, Target::Part(i) if matches!(&spec.parts[i], report::Part::Heading { text, .. } if text == "存在问题")), "it points at the heading");

    // Written, the section is no longer named; a stated YoY 2 points off the figures is.
    *spec.text_under_mut("存在问题").unwrap() = "用地指标紧张。".to_owned();
    report::save(&mut store, &spec).unwrap();
    let output = indicators.iter().find(|i| i.name_zh == "规上工业总产值").unwrap();
    let stored = store.values_for_park(demo.id).unwrap();
    let v = stored.iter().find(|v| v.indicator_id == output.id && v.period == year).unwrap();
    let mut v = parkledger::store::NewValue::from_existing(v);
    let computed = report::load(&store, &demo, year).unwrap().2.yoy(output.id, year, v.kind).computed.unwrap();
    v.reported_yoy = Some(computed + 2.0);
    store.upsert_value(&v).unwrap();
    let notices = report::notices(&store, &demo, year).unwrap();
    assert!(!notices.iter().any(|n| n.text.contains("“存在问题”")), "written now");
    let yoy = notices.iter().find(|n| n.text.starts_with("规上工业总产值：填报同比")).expect("the stated YoY that the figures do not give");
    assert_eq!(yoy.target, Target::Indicator(output.id));
}

#[test]
fn half_width_punctuation_among_chinese_prints_full_width() {
    let f = parkledger::report::fullwidth_punctuation;
    assert_eq!(f("加快推进基础设施建设,努力改善投资环境;完成石方破除约12600方:"), "加快推进基础设施建设，努力改善投资环境；完成石方破除约12600方：");
    assert_eq!(f("完成1,260亩(含林地)"), "完成1,260亩（含林地）", "a thousands comma stays");
    assert_eq!(f("GDP增长(8.1%)"), "GDP增长（8.1%）");
    assert_eq!(f("PM2.5: 35, AQI"), "PM2.5: 35, AQI", "Latin text is left alone");
}

/// The key projects' table lists the year's key projects, or exactly those the clerk
/// ticked (none ticked is an empty table, not the default again).
#[test]
fn the_project_table_lists_the_projects_the_clerk_ticks() {
    let (_db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "XX县工业区").unwrap();
    let period = Period::new(2020, 1, 6).unwrap();
    let (mut spec, indicators, values, projects) = report::load(&store, &p, period).unwrap();
    let data = ReportData { park: &p, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    let default_rows = report::project_table(&spec, &data).rows.len();
    assert!(default_rows >= 1);
    let other = projects.iter().find(|q| !report::in_project_table(&spec, q)).expect("a project the table leaves out");
    spec.project_ids = Some(vec![other.id]);
    let t = report::project_table(&spec, &data);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0][0], other.name);
    spec.project_ids = Some(Vec::new());
    assert!(report::project_table(&spec, &data).rows.is_empty(), "unticking all empties the table");
}

/// A file of a .docx package, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the package")).read_to_string(&mut out).unwrap();
    out
}

/// An attribute's number in the first element named `tag`.
fn attr(xml: &str, tag: &str, name: &str) -> f64 {
    let at = xml.find(&format!("<{tag} ")).unwrap_or_else(|| panic!("<{tag}>"));
    let el = &xml[at..at + xml[at..].find('>').unwrap()];
    let key = format!("{name}=\"");
    let v = &el[el.find(&key).unwrap_or_else(|| panic!("{name} in {el}")) + key.len()..];
    v[..v.find('"').unwrap()].parse().unwrap()
}

/// The Word export: A4 with GB/T 9704's margins, the named styles with their East Asian
/// faces, odd and even footers with a PAGE field, header rows that repeat, the drafted
/// sentences and table figures, one picture per chart described by its title, and the
/// document's title and author.
#[test]
fn the_word_export_is_a_gongwen_in_words_own_terms() {
    let (db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let period = Period::full_year(2021);
    let bytes = report::export_docx(&store, &p, period, None).unwrap();
    let doc = docx_part(&bytes, "word/document.xml");
    let mm = |twips: f64| twips / 56.692_913;
    assert!((mm(attr(&doc, "w:pgSz", "w:w")) - 210.0).abs() < 0.5 && (mm(attr(&doc, "w:pgSz", "w:h")) - 297.0).abs() < 0.5, "A4");
    for (side, want) in [("w:top", 37.0), ("w:bottom", 35.0), ("w:left", 28.0), ("w:right", 26.0)] {
        assert!((mm(attr(&doc, "w:pgMar", side)) - want).abs() < 0.5, "{side} margin");
    }
    assert!(doc.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"580\""), "a line grid of 22 lines: 225 mm / 22 = 580 twips");
    let styles = docx_part(&bytes, "word/styles.xml");
    for (style, face) in [("GwTitle", "方正小标宋简体"), ("GwHeading1", "黑体"), ("GwHeading2", "楷体_GB2312"), ("GwBody", "仿宋_GB2312")] {
        let at = styles.find(&format!("w:styleId=\"{style}\"")).unwrap_or_else(|| panic!("style {style}"));
        let def = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(def.contains(&format!("w:eastAsia=\"{face}\"")), "{style} in {face}: {def}");
    }
    assert!(docx_part(&bytes, "word/settings.xml").contains("evenAndOddHeaders"), "odd and even footers differ");
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let f = docx_part(&bytes, footer);
        assert!(f.contains("PAGE") && f.contains("— "), "{footer}: a page number field");
    }
    assert!(doc.contains("w:footerReference w:type=\"even\""));
    let tables = doc.matches("<w:tbl>").count();
    assert!(tables >= 1);
    assert_eq!(doc.matches("<w:tblHeader />").count(), tables, "each table's header row repeats");
    assert!(doc.contains("<w:cantSplit />"), "rows do not split");
    assert!(doc.contains("预计完成规上工业企业产值56.8亿元，同比增长30.5%"));
    assert!(doc.contains("43.52△") && doc.contains("600"), "the table's figures");
    let pictures = doc.matches("<pic:pic").count();
    assert_eq!(pictures, doc.matches("descr=\"").count(), "each picture described");
    assert!(doc.contains("descr=\"固定资产投资与规上工业总产值\""));
    let core = docx_part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>正阳工业园区2021年工作总结</dc:title>") && core.contains("<dc:creator>正阳工业园区管理委员会</dc:creator>"), "{core}");
    assert_eq!(core.matches("<dc:creator>").count(), 1);

    // The command line writes it; a park and period with nothing is refused.
    let out = db.path.with_file_name("zy.docx");
    let run = Command::new(env!("CARGO_BIN_EXE_parkledger")).arg("--db").arg(&db.path).args(["report", "--park", "正阳工业园区", "--year", "2021", "--format", "docx", "-o"]).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(out.exists());
}

/// Where LibreOffice is installed, the .docx converts to a PDF with the same figures and
/// about as many pages as ParkLedger's own PDF; where it is not, the test says so.
#[test]
fn the_word_export_converts_with_libreoffice_to_the_same_document() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success())) else {
        eprintln!("note: LibreOffice is not installed (Debian: libreoffice-writer-nogui); the .docx conversion is not checked");
        return;
    };
    let (db, store) = sample_db();
    let p = store.parks().unwrap().into_iter().find(|p| p.name == "正阳工业园区").unwrap();
    let period = Period::full_year(2021);
    let dir = db.path.parent().unwrap().join("lo");
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("zy.docx");
    std::fs::write(&docx, report::export_docx(&store, &p, period, None).unwrap()).unwrap();
    let (own, own_pages) = report::export_pdf_counted(&store, &p, period, None).unwrap();
    let own_path = dir.join("own.pdf");
    std::fs::write(&own_path, own).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new(soffice).args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"]).arg(&dir).arg(&docx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let converted = dir.join("zy.pdf");
    let text = poppler("pdftotext", &converted).replace([' ', '\n'], "");
    for needle in ["正阳工业园区2021年工作总结", "预计完成规上工业企业产值56.8亿元，同比增长30.5%", "为年度预算的100.5%", "正阳工业园区管理委员会", "2021年12月30日"] {
        assert!(text.contains(needle), "{needle} after LibreOffice");
    }
    let info = Command::new("pdfinfo").arg(&converted).output().unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout).lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap())).unwrap();
    eprintln!("LibreOffice: {pages} pages; ParkLedger's PDF: {own_pages}");
    assert!(pages.abs_diff(own_pages) <= 1, "{pages} pages against {own_pages}");
}

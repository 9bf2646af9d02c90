//! UI flows through egui_kittest: widgets are found by their labels, as a user finds them.
//! No GPU is needed; missing glyphs and unlabelled inputs fail the harness.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parkledger::app::{Page, Prefs};
use parkledger::ui::window::{ParkLedgerApp, ViewPrefs};
use parkledger::domain::period::Period;
use parkledger::domain::project::ProjectStatus;
use parkledger::domain::value::ValueKind;

use crate::common::{SampleDb, indicator_id, sample_db};

fn open(page: Page, park: &str) -> (SampleDb, Harness<'static, ParkLedgerApp>) {
    let (db, store) = sample_db();
    let prefs = ViewPrefs { page, app: Prefs { park: Some(park.to_owned()), ..Prefs::default() }, ..ViewPrefs::default() };
    let harness = crate::common::harness(&db.path, store, prefs);
    (db, harness)
}

/// The text field named `label` (its visible label is a separate node).
fn input<'a>(h: &'a Harness<'_, ParkLedgerApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// The multi-line text field named `label`.
fn area<'a>(h: &'a Harness<'_, ParkLedgerApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::MultilineTextInput, label)
}

/// Runs frames until the background import job is done (a few frames at most here).
fn wait_for_job(h: &mut Harness<'_, ParkLedgerApp>) {
    let start = std::time::Instant::now();
    h.step();
    while h.state().busy() {
        assert!(start.elapsed().as_secs() < 60, "the background job never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

fn value_of(h: &Harness<'_, ParkLedgerApp>, indicator: &str, period: Period, kind: ValueKind) -> Option<f64> {
    let id = indicator_id(h.state().app.store(), indicator);
    h.state().app.cache.values.get(id, period, kind).and_then(|v| v.value)
}

#[test]
fn the_sample_parks_show_in_chinese() {
    let (_db, mut h) = open(Page::Parks, "奈曼旗工业园区");
    h.run();
    for name in ["奈曼旗工业园区", "正阳工业园区", "阿拉善经济开发区", "玉田工业园区", "示例园区（虚构数据）"] {
        assert!(h.query_by_label_contains(name).is_some(), "{name} is listed");
    }
    assert!(h.query_by_label_contains("XX县工业区（").is_some(), "XX县工业区 shows its zones");
}

#[test]
fn add_a_park() {
    let (_db, mut h) = open(Page::Indicators, "奈曼旗工业园区");
    h.run();
    h.get_by_label("园区").click();
    h.run();
    h.get_by_label("新建园区…").click();
    h.run();
    let name = input(&h, "园区名称");
    name.focus();
    name.type_text("高新技术产业园（测试）");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert!(h.state().app.cache.parks.iter().any(|p| p.name == "高新技术产业园（测试）"));
    assert!(h.query_by_label("已保存").is_some(), "the status line says it was saved");
    assert!(h.query_by_label("高新技术产业园（测试）").is_some(), "the new park is listed");
}

#[test]
fn deleting_a_park_asks_first_and_names_what_goes() {
    let (_db, mut h) = open(Page::Parks, "XX县工业区");
    h.run();
    h.get_by_label("删除园区…").click();
    h.run();
    let question = h.get_by_label_contains("删除“XX县工业区”将同时删除");
    let text = format!("{question:?}");
    assert!(text.contains("个片区") && text.contains("个项目"), "{text}");
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().app.cache.parks.iter().any(|p| p.name == "XX县工业区"), "cancel keeps it");
    h.get_by_label("删除园区…").click();
    h.run();
    h.get_by_label("确认删除").click();
    h.run();
    assert!(!h.state().app.cache.parks.iter().any(|p| p.name == "XX县工业区"));
}

#[test]
fn entering_a_value_shows_its_yoy_against_the_derived_year() {
    // Done-when: entering 56.8 for 正阳 2021 规上工业总产值 shows 30.5%.
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    assert!(h.query_by_label("+30.5%").is_none(), "no actual figure yet");
    input(&h, "规上工业总产值 2021年 实际").focus();
    h.run();
    input(&h, "规上工业总产值 2021年 实际").type_text("56.8");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2021), ValueKind::Actual), Some(56.8));
    assert!(h.query_by_label("+30.5%").is_some(), "computed YoY against the derived 2020 value");
    assert!(h.query_by_label("已保存").is_some());
}

/// Types `text` into the grid cell `label` and commits it with Enter.
fn set_cell(h: &mut Harness<'_, ParkLedgerApp>, label: &str, text: &str) {
    input(h, label).focus();
    h.run();
    input(h, label).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// The audit runs as figures are saved: a part above its total is marked at once, and
/// the mark goes when the figure is put right.
#[test]
fn a_part_above_its_total_is_marked_in_the_grid_until_it_is_put_right() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    set_cell(&mut h, "固定资产投资 2021年 实际", "10");
    assert!(h.query_by_label("审核：错误").is_none(), "nothing to say yet");
    set_cell(&mut h, "工业投资 2021年 实际", "12");
    assert!(h.query_by_label("审核：错误").is_some(), "工业投资 12 above 固定资产投资 10 is marked");
    // The park's list of findings, and a click on one goes to its cell's year.
    h.get_by_label_contains("审核（").click();
    h.run();
    h.state_mut().pages.indicators.year = Some(2015);
    h.run();
    h.get_by_label_contains("大于总数").click();
    h.run();
    assert_eq!(h.state_mut().pages.indicators.year, Some(2021), "the grid shows the finding's year");
    input(&h, "工业投资 2021年 实际").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    set_cell(&mut h, "工业投资 2021年 实际", "5");
    assert_eq!(value_of(&h, "工业投资", Period::full_year(2021), ValueKind::Actual), Some(5.0));
    assert!(h.query_by_label("审核：错误").is_none(), "the mark goes with the fault");
}

/// A warning is explained from the grid: 说明… opens the editor, a stock phrase is refused
/// in words, a real reason is saved and the row's mark says so.
/// Opens the row's 说明… editor, types `text` and clicks `button`.
fn explain(h: &mut Harness<'_, ParkLedgerApp>, text: &str, button: &str) {
    h.get_by_label("说明…").click();
    h.run();
    area(h, "审核说明").focus();
    area(h, "审核说明").type_text(text);
    h.run();
    h.get_by_label(button).click();
    h.run();
}

#[test]
fn a_warning_is_explained_from_the_grid() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    // The same 规上工业总产值 as the year before: a warning.
    h.state_mut().pages.indicators.year = Some(2022);
    h.run();
    set_cell(&mut h, "规上工业总产值 2021年 实际", "50");
    set_cell(&mut h, "规上工业总产值 2022年 实际", "50");
    assert!(h.query_by_label("审核：警告").is_some());
    explain(&mut h, "核实无误", "保存");
    assert!(h.query_by_label_contains("统计部门不认可").is_some(), "a stock phrase is refused in words");
    assert!(h.query_by_label("审核：警告").is_some(), "and the warning stands");
    explain(&mut h, "两年产值相同：唯一一家企业两年均满产", "保存");
    assert!(h.query_by_label("已保存审核说明").is_some());
    assert!(h.query_by_label("审核：已说明").is_some() && h.query_by_label("审核：警告").is_none(), "the row's mark says it is explained");
}

/// The Report page says what the audit finds in its year, and an error stops the export
/// before the file dialog opens.
#[test]
fn the_report_page_names_the_years_audit_errors_and_will_not_export_while_one_stands() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    set_cell(&mut h, "固定资产投资 2021年 实际", "10");
    set_cell(&mut h, "工业投资 2021年 实际", "12");
    h.get_by_label("报告").click();
    h.run();
    assert!(h.query_by_label_contains("本年有 1 处错误").is_some(), "the year's error is named");
    let disabled = |h: &Harness<'_, ParkLedgerApp>| egui_kittest::kittest::NodeT::accesskit_node(&h.get_by_label("导出 PDF…")).is_disabled();
    assert!(disabled(&h), "no export while it stands");
    h.get_by_label("指标").click();
    h.run();
    input(&h, "工业投资 2021年 实际").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    set_cell(&mut h, "工业投资 2021年 实际", "5");
    h.get_by_label("报告").click();
    h.run();
    assert!(h.query_by_label_contains("处错误").is_none());
    assert!(!disabled(&h), "the export is back once the figure is right");
}

#[test]
fn letters_in_a_number_get_an_inline_message_and_are_not_saved() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    input(&h, "工业增加值 2021年 实际").focus();
    h.run();
    input(&h, "工业增加值 2021年 实际").type_text("12亿abc");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("不是数字").is_some(), "inline message");
    assert_eq!(input(&h, "工业增加值 2021年 实际").value().as_deref(), Some("12亿abc"), "the typed text stays to be corrected");
    assert_eq!(value_of(&h, "工业增加值", Period::full_year(2021), ValueKind::Actual), None);
}

#[test]
fn pasting_a_tsv_block_fills_the_cells_it_covers() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    input(&h, "规上工业总产值 2021年 实际").focus();
    h.run();
    // Two rows from Excel: amount and reported YoY, then the next indicator's amount.
    h.event(egui::Event::Paste("60.5\t12.3\r\n31.2\r\n".to_owned()));
    h.run();
    let y = Period::full_year(2021);
    assert_eq!(value_of(&h, "规上工业总产值", y, ValueKind::Actual), Some(60.5));
    assert_eq!(value_of(&h, "工业增加值", y, ValueKind::Actual), Some(31.2));
    let id = indicator_id(h.state().app.store(), "规上工业总产值");
    assert_eq!(h.state().app.cache.values.get(id, y, ValueKind::Actual).unwrap().reported_yoy, Some(12.3));
    assert!(h.query_by_label("已保存 3 个单元格").is_some());
}

/// Opens the selected project's status dialog and picks 在建.
fn status_dialog_in_construction(h: &mut Harness<'_, ParkLedgerApp>) {
    h.get_by_label("变更状态…").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "在建").click();
    h.run();
}

#[test]
fn add_a_project_and_change_its_status() {
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    h.get_by_label("新建项目…").click();
    h.run();
    input(&h, "项目名称").focus();
    input(&h, "项目名称").type_text("年产5000吨精密紧固件项目");
    input(&h, "总投资").focus();
    input(&h, "总投资").type_text("8000");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let project = h.state().app.cache.projects.iter().find(|p| p.name == "年产5000吨精密紧固件项目").expect("saved").clone();
    assert_eq!((project.status, project.investment), (ProjectStatus::Signed, Some(8000.0)));

    status_dialog_in_construction(&mut h);
    input(&h, "说明").focus();
    input(&h, "说明").type_text("主体厂房开工");
    h.run();
    h.get_by_label("确认变更").click();
    h.run();
    let p = h.state().app.cache.projects.iter().find(|p| p.id == project.id).unwrap();
    assert_eq!(p.status, ProjectStatus::UnderConstruction);
    let last = p.progress.last().expect("the change is logged");
    assert_eq!((last.status, last.note.as_str()), (Some(ProjectStatus::UnderConstruction), "主体厂房开工"));
    assert!(p.started_on.is_some(), "start date filled from the change");
    assert!(h.query_by_label_contains("主体厂房开工").is_some(), "the log shows it");
}

#[test]
fn the_ledger_filters_by_status_and_search() {
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    assert!(h.query_by_label("显示 19 / 19 个项目").is_some());
    input(&h, "搜索").focus();
    input(&h, "搜索").type_text("紧固件");
    h.run();
    assert!(h.query_by_label("显示 7 / 19 个项目").is_some(), "the seven Dongguan fastener projects");
}

#[test]
fn switching_to_english_changes_every_label() {
    let (_db, mut h) = open(Page::Settings, "奈曼旗工业园区");
    // The backup list is read on a job.
    wait_for_job(&mut h);
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("Indicators").is_some());
    assert!(h.query_by_label("Project ledger").is_some());
    assert!(h.query_by_label("指标").is_none());
    parkledger::i18n::set_lang(parkledger::i18n::Lang::Zh);
}

#[test]
fn clicking_a_row_opens_the_project_with_its_log() {
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    assert!(h.query_by_label("项目详情").is_none());
    h.get_by_label("生物质发电项目").click();
    h.run();
    assert!(h.query_by_label("项目详情").is_some(), "the detail form opens");
    assert_eq!(input(&h, "建设单位").value().as_deref(), Some("北京中环国投公司"));
    assert!(h.query_by_label("变更状态…").is_some());
}

#[test]
fn the_chart_button_beside_a_row_opens_its_chart() {
    let (_db, mut h) = open(Page::Indicators, "示例园区（虚构数据）");
    h.run();
    // The second row is 规上工业总产值 (the first, 地区生产总值, has no data).
    let buttons: Vec<_> = h.get_all_by_label("图").collect();
    buttons[1].click();
    h.run();
    let charts = &h.state().app.charts.chart;
    let (choice, fig) = (charts.key().cloned().expect("a chart is built"), charts.value().cloned().expect("a chart is built"));
    assert!(matches!(choice, parkledger::chart::build::ChartChoice::TimeSeries { ref indicator, .. } if indicator == "规上工业总产值"));
    assert_eq!(fig.main.categories.len(), 10);
    assert!(h.query_by_label("规上工业总产值").is_some(), "the chart title shows");
}

#[test]
fn an_empty_chart_shows_a_note_not_a_blank_frame() {
    let (_db, mut h) = open(Page::Indicators, "示例园区（虚构数据）");
    h.run();
    h.get_all_by_label("图").next().unwrap().click();
    h.run();
    assert!(h.query_by_label_contains("暂无数据").is_some());
}

#[test]
fn enter_and_leave_presentation_mode() {
    let (_db, mut h) = open(Page::Charts, "示例园区（虚构数据）");
    h.run();
    h.get_by_label("加入演示").click();
    h.run();
    assert_eq!(h.state().app.charts.deck.len(), 1, "the deck is saved for the park");
    h.get_by_label("开始演示").click();
    h.run();
    assert!(h.query_by_label("第 1 / 1 张").is_some(), "presenting");
    assert!(h.query_by_label("加入演示").is_none(), "full screen: the page controls are gone");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("开始演示").is_some(), "back on the Charts page");
    let store_deck = parkledger::app::charts::deck(h.state().app.store(), crate::common::park_id(h.state().app.store(), "示例园区（虚构数据）"));
    assert_eq!(store_deck.len(), 1);
}

/// Types `text` into the report section `section`, then moves to `then` (which saves it).
fn type_in_section(h: &mut Harness<'_, ParkLedgerApp>, section: &str, text: &str, then: &str) {
    area(h, section).focus();
    h.run();
    area(h, section).type_text(text);
    h.run();
    area(h, then).focus();
    h.run();
}

#[test]
fn the_report_page_drafts_from_the_data_and_asks_before_overwriting_edits() {
    let (_db, mut h) = open(Page::Report, "正阳工业园区");
    h.run();
    let drafted = area(&h, "由数据起草：主要指标完成情况").value().unwrap_or_default();
    assert!(drafted.contains("预计完成规上工业企业产值56.8亿元，同比增长30.5%"), "{drafted}");
    assert_eq!(input(&h, "标题").value().as_deref(), Some("正阳工业园区2021年工作总结"));

    // The clerk edits the draft; it is saved, and redrafting asks first.
    type_in_section(&mut h, "由数据起草：主要指标完成情况", "（人工补充）", "正文：存在的主要困难和问题");
    let stored = parkledger::report::stored(h.state().app.store(), crate::common::park_id(h.state().app.store(), "正阳工业园区"), Period::full_year(2021)).unwrap();
    assert!(stored.expect("saved as the clerk works").drafted(parkledger::report::Drafted::Indicators).contains("（人工补充）"));
    h.get_by_label("按数据重新生成").click();
    h.run();
    assert!(h.query_by_label_contains("将覆盖您对").is_some(), "asks before overwriting");
    h.get_by_label("取消").click();
    h.run();
    assert!(area(&h, "由数据起草：主要指标完成情况").value().unwrap_or_default().contains("（人工补充）"), "cancel keeps the edit");
}

#[test]
fn the_ledger_can_list_every_park() {
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    assert!(h.query_by_label("显示 19 / 19 个项目").is_some());
    h.get_by_label("显示全部园区").click();
    h.run();
    let total = h.state().app.store().counts().unwrap()[3];
    assert!(h.query_by_label(&format!("显示 {total} / {total} 个项目")).is_some(), "all {total} projects");
}

#[test]
fn import_a_small_sheet_through_the_preview_and_see_it_in_the_grid() {
    let (db, mut h) = open(Page::Import, "正阳工业园区");
    let sheet = db.path.with_file_name("正阳2022.csv");
    std::fs::write(&sheet, "指标,2022年(亿元),同比增长(%)\n规模以上工业总产值,63.1,11.1\n固定资产投资,abc,\n").unwrap();
    h.run();
    input(&h, "文件路径").focus();
    input(&h, "文件路径").type_text(&sheet.display().to_string());
    h.run();
    h.get_by_label("预览").click();
    wait_for_job(&mut h);
    assert!(h.query_all_by_label_contains("将新增 1 条").next().is_some(), "the preview says what it will do");
    assert!(h.query_by_label_contains("“abc”不是数字").is_some(), "and why a cell is skipped");
    assert!(h.query_by_label_contains("第2行第2列(B2)").is_some(), "and which cell each value comes from");
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2022), ValueKind::Actual), None, "nothing written yet");
    h.get_by_label("确认导入 1 条").click();
    wait_for_job(&mut h);
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2022), ValueKind::Actual), Some(63.1));
    h.get_by_label("指标").click();
    h.run();
    h.state_mut().pages.indicators.year = Some(2022);
    h.run();
    assert_eq!(input(&h, "规上工业总产值 2022年 实际").value().as_deref(), Some("63.10"), "the grid shows it");
}

#[test]
fn figures_from_a_pasted_summary_are_reviewed_before_they_are_saved() {
    let (_db, mut h) = open(Page::Import, "正阳工业园区");
    h.run();
    h.get_by_label("从工作总结摘录").click();
    h.run();
    area(&h, "总结文字").focus();
    area(&h, "总结文字").type_text(
        "2023年，园区预计完成规模以上工业总产值70.2亿元，同比增长12.5%；完成固定资产投资25亿元，同比下降3%。",
    );
    h.run();
    h.get_by_label("查找数据").click();
    h.run();
    assert!(h.query_by_label_contains("找到 2 条数据，已采用 2 条").is_some(), "both figures are found and accepted");
    let fai = indicator_id(h.state().app.store(), "固定资产投资");
    // Drop the investment figure; correct the output figure's value.
    h.get_by_label("采用第 2 条").click();
    h.run();
    let value = input(&h, "第 1 条的数值");
    value.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    input(&h, "第 1 条的数值").type_text("70.3");
    h.run();
    assert_eq!(input(&h, "第 1 条的数值").value().as_deref(), Some("70.3"), "the typed correction replaces the figure");
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2023), ValueKind::Estimate), None, "nothing is written by the review");
    h.get_by_label("预览并保存已采用的 1 条").click();
    h.run();
    assert!(h.query_all_by_label_contains("将新增 1 条").next().is_some(), "the save is previewed like an import");
    h.get_by_label("确认导入 1 条").click();
    wait_for_job(&mut h);
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2023), ValueKind::Estimate), Some(70.3), "{}", h.state().app.status.text);
    let stored = h.state().app.cache.values.get(fai, Period::full_year(2023), ValueKind::Actual);
    assert!(stored.is_none(), "the dropped figure is not saved");
}

/// A figure the catalogue has no indicator for is offered under its own name, unaccepted;
/// the clerk makes a new indicator for it in the review, the figure is saved under it, and
/// the name is remembered for the next summary. A company's figure is shown as the
/// company's and not accepted.
#[test]
fn an_unmapped_figure_is_mapped_to_a_new_indicator_in_the_review() {
    let (_db, mut h) = open(Page::Import, "正阳工业园区");
    h.run();
    h.get_by_label("从工作总结摘录").click();
    h.run();
    let text = "2023年，园区完成技改投资8.6亿元，同比增长12%；远芯科技公司实现产值126.5亿元。";
    area(&h, "总结文字").focus();
    area(&h, "总结文字").type_text(text);
    h.run();
    h.get_by_label("查找数据").click();
    h.run();
    assert!(h.query_by_label_contains("找到 2 条数据，已采用 0 条").is_some(), "neither figure is accepted on its own");
    assert!(h.query_by_label_contains("2 条的指标目录里没有").is_some(), "the clerk is told what to do");
    assert!(h.query_by_label("远芯科技公司").is_some(), "the company's figure is shown as the company's");
    h.get_by_label("第 1 条的指标").click();
    h.run();
    h.get_by_label("新建指标“技改投资”…").click();
    h.run();
    assert_eq!(input(&h, "中文名称").value().as_deref(), Some("技改投资"), "the new indicator is named as the summary names it");
    h.get_by_label("保存").click();
    h.run();
    h.run();
    let store = h.state().app.store();
    let id = indicator_id(store, "技改投资");
    assert_eq!(store.label_mappings().unwrap().get("技改投资"), Some(&id), "the name is remembered");
    assert!(h.query_by_label_contains("找到 2 条数据，已采用 1 条").is_some(), "the figure is mapped and accepted");
    h.get_by_label("预览并保存已采用的 1 条").click();
    h.run();
    h.get_by_label("确认导入 1 条").click();
    wait_for_job(&mut h);
    let stored = h.state().app.cache.values.get(id, Period::full_year(2023), ValueKind::Actual).and_then(|v| v.value);
    assert_eq!(stored, Some(8.6), "{}", h.state().app.status.text);
    // The next summary that says 技改投资 maps it at once.
    h.get_by_label("从工作总结摘录").click();
    h.run();
    let state = h.state_mut();
    state.pages.import.review.set_text("2024年，园区完成技改投资9.1亿元。".to_owned(), &state.app.cache);
    h.run();
    assert!(h.query_by_label_contains("找到 1 条数据，已采用 1 条").is_some(), "the remembered name is mapped");
}

#[test]
fn ctrl_z_takes_back_a_cell_edit_and_ctrl_y_puts_it_again() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    let cell = "规上工业总产值 2021年 实际";
    assert_eq!(input(&h, cell).value().as_deref(), Some(""));
    input(&h, cell).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    input(&h, cell).type_text("25");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(input(&h, cell).value().as_deref(), Some("25.00"));
    assert!(!input(&h, cell).is_focused(), "Enter leaves the cell, so Ctrl+Z is the app's");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(input(&h, cell).value().as_deref(), Some(""), "the cell is empty again");
    assert!(h.query_by_label_contains("已撤销").is_some(), "the status line says what was undone");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(input(&h, cell).value().as_deref(), Some("25.00"));
    // The cell's history lists the edit, old → new.
    h.state_mut().view.page = Page::History;
    h.run();
    assert!(h.query_all_by_label_contains("修改 规上工业总产值 2021年 实际：25").next().is_some(), "the audit view lists the edit");
}

#[test]
fn a_yoy_over_1000_percent_asks_before_it_is_saved() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    let cell = "规上工业总产值 2021年 实际";
    input(&h, cell).focus();
    h.run();
    // 5680 for 56.8: against 2020's 43.52 that is +12,951%.
    input(&h, cell).type_text("5680");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label_contains("超过 1000%").is_some(), "the clerk is asked");
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2021), ValueKind::Actual), None, "nothing saved yet");
    h.get_by_label("返回修改").click();
    h.run();
    assert_eq!(input(&h, cell).value().as_deref(), Some("5680"), "the typed text stays to be corrected");
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2021), ValueKind::Actual), None);
    input(&h, cell).focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("确定保存").click();
    h.run();
    assert_eq!(value_of(&h, "规上工业总产值", Period::full_year(2021), ValueKind::Actual), Some(5680.0), "saved when confirmed");
}

#[test]
fn the_status_date_is_picked_in_chinese() {
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    h.get_by_label("新建项目…").click();
    h.run();
    input(&h, "项目名称").focus();
    input(&h, "项目名称").type_text("日期测试项目");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    status_dialog_in_construction(&mut h);
    h.run();
    h.get_by_role_and_label(Role::Button, "变更日期").click();
    h.run();
    assert_eq!(h.query_all_by_label("取消").count(), 2, "the calendar's own 取消 beside the dialog's");
    assert!(h.query_by_label("确定").is_some(), "the calendar's buttons are in Chinese");
    assert!(h.query_by_label("一").is_some() && h.query_by_label("日").is_some(), "weekdays in Chinese, Monday first");
    assert!(h.query_by_label("Cancel").is_none() && h.query_by_label("Mo").is_none());
    h.get_by_label("15").click();
    h.run();
    h.get_by_label("确定").click();
    h.run();
    h.get_by_label("确认变更").click();
    h.run();
    let p = h.state().app.cache.projects.iter().find(|p| p.name == "日期测试项目").expect("saved");
    let started = p.started_on.expect("start date from the change");
    assert_eq!(started.day(), 15, "the picked day is the one saved");
}

#[test]
fn a_burst_of_typing_in_the_report_is_one_step_of_undo() {
    let (_db, mut h) = open(Page::Report, "正阳工业园区");
    h.run();
    let section = "正文：存在的主要困难和问题";
    let before = area(&h, section).value().unwrap_or_default();
    area(&h, section).focus();
    h.run();
    // Six keystrokes, a frame each, as a clerk types them.
    for letter in ["a", "b", "c", "d", "e", "f"] {
        area(&h, section).type_text(letter);
        h.run();
    }
    let park = crate::common::park_id(h.state().app.store(), "正阳工业园区");
    let saved = |h: &Harness<'_, ParkLedgerApp>| {
        parkledger::report::stored(h.state().app.store(), park, Period::full_year(2021)).unwrap().and_then(|r| r.text_under("存在的主要困难和问题").map(str::to_owned)).unwrap_or_default()
    };
    assert_eq!(saved(&h), before, "nothing is saved while the clerk is typing");
    // Leaving the field ends the burst and saves it once.
    area(&h, "正文：2022年工作打算").focus();
    h.run();
    assert_eq!(saved(&h), format!("{before}abcdef"));
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(saved(&h), before, "one undo takes back the whole burst");
    assert_eq!(area(&h, section).value().unwrap_or_default(), before);
}

#[test]
fn the_period_list_has_every_cumulative_span_quarter_and_month() {
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "期间").click();
    h.run();
    for span in ["1-2月", "1-5月", "1-8月", "1-11月", "第二季度", "第四季度", "1月", "7月", "12月"] {
        assert!(h.query_by_label(span).is_some(), "{span} is offered");
    }
    h.get_by_label("1-5月").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "规上工业总产值 2021年1-5月 实际").is_some(), "the grid shows 1-5月");
}

#[test]
fn the_report_page_opens_on_the_year_the_clerk_last_chose() {
    let (db, store) = sample_db();
    let prefs = ViewPrefs {
        page: Page::Report,
        app: Prefs { park: Some("正阳工业园区".to_owned()), ..Prefs::default() },
        report_year: Some(2020),
        ..ViewPrefs::default()
    };
    let mut h = crate::common::harness(&db.path, store, prefs);
    h.run();
    assert_eq!(input(&h, "标题").value().as_deref(), Some("正阳工业园区2020年工作总结"), "not the latest year, 2021");
}

/// Clicks into the cell, types `text` as keystrokes, and ends with `key` (None: stays in it).
fn type_in_cell(h: &mut Harness<'_, ParkLedgerApp>, cell: &str, text: &str, key: Option<egui::Key>) {
    input(h, cell).focus();
    h.run();
    input(h, cell).type_text(text);
    h.run();
    if let Some(key) = key {
        h.key_press(key);
        h.run();
    }
}

#[test]
fn cells_behave_like_a_spreadsheets() {
    use egui::Key::{Enter, Escape, Tab};
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    let cell = "规上工业总产值 2021年 实际";
    let stored = |h: &Harness<'_, ParkLedgerApp>| value_of(h, "规上工业总产值", Period::full_year(2021), ValueKind::Actual);
    type_in_cell(&mut h, cell, "56.8", Some(Enter));
    assert_eq!(input(&h, cell).value().as_deref(), Some("56.80"));

    // Clicking in selects the figure: typing replaces it (58, not 5856.80 or 56.8058).
    type_in_cell(&mut h, cell, "58", Some(Enter));
    assert_eq!(stored(&h), Some(58.0));
    // Enter moved down a row, as in Excel.
    assert!(input(&h, "工业增加值 2021年 实际").is_focused(), "the cell below has the focus");

    // Esc puts back what is stored, and saves nothing.
    type_in_cell(&mut h, cell, "99", Some(Escape));
    assert_eq!(input(&h, cell).value().as_deref(), Some("58.00"));
    assert_eq!(stored(&h), Some(58.0));

    // A refused entry keeps its text and message, and the message goes as soon as the
    // text is a number again.
    type_in_cell(&mut h, cell, "abc", Some(Tab));
    assert!(h.query_by_label_contains("不是数字").is_some(), "refused");
    type_in_cell(&mut h, cell, "57", None);
    assert!(h.query_by_label_contains("不是数字").is_none(), "the message goes while 57 is typed");
    h.key_press(Enter);
    h.run();
    assert_eq!(stored(&h), Some(57.0));
}

#[test]
fn the_history_says_what_changed_in_the_clerks_words() {
    use parkledger::app::{CellField, CellKey, history::HistoryAction};
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    let cell = "规上工业总产值 2021年 实际";
    type_in_cell(&mut h, cell, "56.8", Some(egui::Key::Enter));
    type_in_cell(&mut h, cell, "58", Some(egui::Key::Enter));
    let key = CellKey {
        indicator_id: indicator_id(h.state().app.store(), "规上工业总产值"),
        period: Period::full_year(2021),
        kind: ValueKind::Actual,
        field: CellField::Amount,
    };
    h.state_mut().app.apply(HistoryAction::ShowCell(key).into());
    h.run();
    assert!(h.query_by_label_contains("修改 规上工业总产值 2021年 实际：56.8 → 58").is_some(), "old → new in words");
    assert!(h.query_by_label_contains("新增 规上工业总产值 2021年 实际：56.8").is_some(), "the first entry");
    assert!(h.query_by_label_contains("指标编号").is_none() && h.query_by_label_contains("#").is_none(), "no internal fields");
    // An undone change is no longer in the data: it offers nothing to put back.
    let restore = |h: &Harness<'_, ParkLedgerApp>| h.query_all_by_label("恢复为修改前").count();
    assert_eq!(restore(&h), 2, "both edits can be put back");
    h.state_mut().app.apply(HistoryAction::Undo.into());
    h.state_mut().app.apply(HistoryAction::ShowCell(key).into());
    h.run();
    assert_eq!(restore(&h), 1, "the undone one cannot");

    // A report edit: the section that changed and the text added.
    h.state_mut().view.page = Page::Report;
    h.run();
    type_in_section(&mut h, "正文：存在的主要困难和问题", "用地指标紧张", "正文：2022年工作打算");
    h.state_mut().view.page = Page::History;
    h.run();
    let group = h.state().app.history.undo.as_ref().map(|g| g.id).expect("the report edit is recorded");
    h.state_mut().app.apply(HistoryAction::Show(parkledger::app::HistoryScope::All(Default::default())).into());
    h.state_mut().app.apply(HistoryAction::OpenGroup(group).into());
    h.run();
    assert!(h.query_by_label_contains("存在的主要困难和问题：+“用地指标紧张”").is_some(), "the section and the text added");
    assert!(h.query_by_label_contains("\"park_id\"").is_none(), "no JSON");
}

/// A window on a database made as a first run makes it (sample data, notice pending).
fn first_run(dir: &std::path::Path) -> Harness<'static, ParkLedgerApp> {
    let path = dir.join("parkledger.sqlite");
    let store = parkledger::cli::open_or_create(&path).unwrap();
    crate::common::harness(&path, store, ViewPrefs { page: Page::Indicators, ..ViewPrefs::default() })
}

#[test]
fn the_first_run_says_the_figures_are_samples_and_can_start_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = first_run(dir.path());
    h.run();
    assert!(h.query_by_label("这是示例数据").is_some(), "the notice on first run");
    h.get_by_label("从空数据库开始").click();
    h.run();
    assert!(h.query_by_label("这是示例数据").is_none());
    assert!(h.state().app.cache.parks.is_empty(), "no parks: the clerk's own database");
    assert!(!h.state().app.cache.indicators.is_empty(), "the indicator catalogue is there");
    let aside = dir.path().join("parkledger-示例数据.sqlite");
    assert!(!dir.path().join("parkledger-示例数据.sqlite-wal").exists(), "one file, nothing beside it");
    let kept = parkledger::store::Store::open(&aside).unwrap();
    assert!(kept.parks().unwrap().iter().any(|p| p.name == "正阳工业园区"), "the sample data is kept aside");
    drop(h);
    // The next start opens the empty database without the notice.
    let store = parkledger::cli::open_or_create(&dir.path().join("parkledger.sqlite")).unwrap();
    assert!(store.parks().unwrap().is_empty() && !store.sample_notice_pending());
}

#[test]
fn keeping_the_sample_data_is_asked_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = first_run(dir.path());
    h.run();
    h.get_by_label("先用示例数据看看").click();
    h.run();
    assert!(h.query_by_label("这是示例数据").is_none());
    assert!(!h.state().app.cache.parks.is_empty(), "the sample parks stay");
    drop(h);
    let h = first_run(dir.path());
    assert!(!h.state().app.sample_notice, "not asked again");
}

#[test]
fn a_dialog_that_returns_at_once_is_taken_for_no_dialog_and_a_cancel_is_not() {
    use parkledger::ui::widgets::PathEntry;
    let mut entry = PathEntry::default();
    assert_eq!(entry.dialog(0, "x.pdf", || None), None);
    assert!(entry.text.ends_with("x.pdf"), "the path field offers the file name: {}", entry.text);
    let mut cancelled = PathEntry::default();
    cancelled.dialog(0, "x.pdf", || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        None
    });
    assert!(cancelled.text.is_empty(), "a person's cancel shows no path field");
}

#[test]
fn without_a_file_dialog_the_report_is_exported_to_a_typed_path() {
    let (db, mut h) = open(Page::Report, "正阳工业园区");
    h.state_mut().app.report.exe = Some(env!("CARGO_BIN_EXE_parkledger").into());
    h.run();
    assert!(h.query_by_label_contains("没有可用的文件对话框").is_none());
    // What the export button does where rfd finds no dialog service.
    h.state_mut().pages.report.export_path.fail(0, "正阳.pdf");
    h.run();
    assert!(h.query_by_label_contains("没有可用的文件对话框").is_some(), "the page says why nothing opened");
    let pdf = db.path.with_file_name("typed.pdf");
    h.state_mut().pages.report.export_path.text = pdf.display().to_string();
    h.run();
    h.get_by_label("导出 PDF 到此路径").click();
    wait_for_job(&mut h);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "the PDF is written where typed");
}

#[test]
fn a_stated_yoy_at_comparable_prices_is_explained_once_for_the_indicator() {
    use parkledger::app::{CellField, CellKey, grid::GridAction};
    let (_db, mut h) = open(Page::Indicators, "正阳工业园区");
    h.run();
    let id = indicator_id(h.state().app.store(), "规上工业总产值");
    let key = |year: i32, field: CellField| CellKey { indicator_id: id, period: Period::full_year(year), kind: ValueKind::Actual, field };
    // Three years growing 10% at current prices, stated as 8% and 7% at comparable prices.
    for (year, amount, stated) in [(2020, "10", None), (2021, "11", Some("8")), (2022, "12.1", Some("7"))] {
        h.state_mut().app.apply(GridAction::SetCell(key(year, CellField::Amount), amount.into()).into());
        if let Some(s) = stated {
            h.state_mut().app.apply(GridAction::SetCell(key(year, CellField::ReportedYoy), s.into()).into());
        }
    }
    h.state_mut().pages.indicators.year = Some(2022);
    h.run();
    let explained = |h: &Harness<'_, ParkLedgerApp>, year: i32| {
        h.state().app.cache.values.get(id, Period::full_year(year), ValueKind::Actual).and_then(|v| v.explanation.clone())
    };
    explain(&mut h, "填报同比为可比价增速，与现价计算不同", "保存到该指标的所有同比差异");
    assert!(explained(&h, 2021).is_some() && explained(&h, 2022).is_some(), "both years explained at once");
    assert!(h.query_by_label_contains("处同比差异").is_some(), "the status line says how many");
    h.get_by_label("撤销").click();
    h.run();
    assert!(explained(&h, 2021).is_none() && explained(&h, 2022).is_none(), "one undo takes both back");
}

#[test]
fn switching_park_closes_the_other_parks_project_form() {
    use parkledger::app::parks::ParksAction;
    let (_db, mut h) = open(Page::Ledger, "XX县工业区");
    h.run();
    let project = h.state().app.cache.projects.first().expect("XX县 has projects").id;
    h.state_mut().pages.ledger.select(Some(project));
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "项目名称").is_some(), "the form is open");
    // A park with no projects: nothing of XX县's may stay on screen to be saved there.
    let empty = h.state().app.cache.parks.iter().find(|p| p.name == "玉田工业园区").unwrap().id;
    h.state_mut().app.apply(ParksAction::Select(empty).into());
    h.run();
    assert!(h.query_by_role_and_label(Role::TextInput, "项目名称").is_none(), "the form is closed");
    assert!(h.state().pages.ledger.draft.is_none() && h.state().pages.ledger.selected.is_none());
}

#[test]
fn an_audit_rule_added_in_settings_reads_as_a_sentence_and_can_be_removed() {
    use parkledger::app::settings::SettingsAction;
    use parkledger::domain::rule::UserRuleKind;
    let (_db, mut h) = open(Page::Settings, "示例园区（虚构数据）");
    h.run();
    let output = indicator_id(h.state().app.store(), "规上工业总产值");
    let beyond = |h: &Harness<'_, ParkLedgerApp>| h.state().app.cache.findings.values().flatten().filter(|f| f.rule == "yoy_beyond").count();
    assert_eq!(beyond(&h), 0, "the made-up park grows within the built-in ±50%");
    h.state_mut().app.apply(SettingsAction::AddAuditRule(UserRuleKind::YoyLimit { indicator: output, limit_pct: 5.0 }).into());
    h.run();
    assert!(h.query_by_label("规上工业总产值 同比超过 ±5% 需说明").is_some(), "the rule reads as a sentence");
    assert!(beyond(&h) > 0, "and the grid's audit uses it at once");
    h.get_by_label("删除规则").click();
    h.run();
    assert_eq!(beyond(&h), 0);
    assert!(h.state().app.store().audit_rules().unwrap().is_empty());
}

/// The report's document editor: a （一） section added after 存在问题, text typed into it,
/// moved up, an empty heading deleted; the stored report and the PDF follow.
#[test]
fn the_report_editor_adds_moves_and_deletes_sections_and_the_pdf_follows() {
    use parkledger::report::Part;
    let (db, mut h) = open(Page::Report, "正阳工业园区");
    h.run();
    let park = crate::common::park_id(h.state().app.store(), "正阳工业园区");
    let stored = |h: &Harness<'_, ParkLedgerApp>| parkledger::report::stored(h.state().app.store(), park, Period::full_year(2021)).unwrap().expect("saved");
    let draft = |h: &Harness<'_, ParkLedgerApp>| h.state().app.report.open.value().cloned().unwrap();
    let at = |h: &Harness<'_, ParkLedgerApp>, text: &str| draft(h).parts.iter().position(|p| matches!(p, Part::Heading { text: t, .. } if t == text)).unwrap();

    // 插入… after the text of 存在问题: a second-level heading, then its text.
    let problems = at(&h, "存在的主要困难和问题") + 1;
    h.get_all_by_label("插入…").nth(problems).unwrap().click_accesskit();
    h.run();
    h.get_by_label("二级标题（（一））").click_accesskit();
    h.run();
    let heading = format!("第 {} 部分标题", problems + 2);
    input(&h, &heading).focus();
    h.run();
    input(&h, &heading).type_text("用地指标紧张");
    h.run();
    h.get_all_by_label("插入…").nth(problems + 1).unwrap().click_accesskit();
    h.run();
    h.get_by_label("正文段落").click_accesskit();
    h.run();
    area(&h, "正文：用地指标紧张").focus();
    h.run();
    area(&h, "正文：用地指标紧张").type_text("园区可供地块不足，部分项目落地受限。");
    h.run();
    input(&h, "标题").focus();
    h.run();
    let spec = stored(&h);
    let new = at(&h, "用地指标紧张");
    assert_eq!(spec.parts[new], Part::Heading { level: 2, text: "用地指标紧张".into() });
    assert_eq!(spec.text_under("用地指标紧张"), Some("园区可供地块不足，部分项目落地受限。"));

    // Moved up: past 存在问题's own text, still under 存在问题.
    h.get_all_by_label("↑").nth(new).unwrap().click_accesskit();
    h.run();
    assert_eq!(at(&h, "用地指标紧张"), new - 1, "moved up one place with its text");
    assert_eq!(stored(&h).text_under("用地指标紧张"), Some("园区可供地块不足，部分项目落地受限。"), "its text went with it");

    // An empty heading added and deleted.
    let shape = draft(&h).parts;
    let before = shape.len();
    h.get_all_by_label("插入…").next().unwrap().click_accesskit();
    h.run();
    h.get_by_label("一级标题（一、）").click_accesskit();
    h.run();
    assert_eq!(draft(&h).parts.len(), before + 1);
    h.get_all_by_label("删除").nth(1).unwrap().click_accesskit();
    h.run();
    assert_eq!(stored(&h).parts, shape, "the empty heading is gone, and only it");

    // The PDF: （一）用地指标紧张 under 三、存在问题 with its text.
    let p = h.state().app.store().parks().unwrap().into_iter().find(|p| p.id == park).unwrap();
    let bytes = parkledger::report::export_pdf(h.state().app.store(), &p, Period::full_year(2021), None).unwrap();
    let path = db.path.with_file_name("editor.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<String>();
    let problems_at = text.find("存在的主要困难和问题").expect("the problems section is printed");
    let sub = text.find("（一）用地指标紧张").expect("the new subsection, numbered");
    assert!(sub > problems_at, "under 存在问题");
    assert!(text.contains("园区可供地块不足，部分项目落地受限。"));
}

/// The Report page lists what the export would get wrong; a figure's line opens the grid
/// on the report's period.
#[test]
fn the_report_page_lists_the_pre_export_check_and_a_line_leads_to_the_figures() {
    let (_db, mut h) = open(Page::Report, "正阳工业园区");
    h.run();
    assert!(h.query_by_label_contains("导出前检查：").is_some());
    h.get_by_label_contains("建成投产项目数：指标填报9个").click_accesskit();
    h.run();
    assert_eq!(h.state().view.page, Page::Indicators, "the figures, to check the count");
    assert_eq!(h.state().pages.indicators.year, Some(2021));
}

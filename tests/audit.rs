//! 审核: each rule finds a fault planted for it, at its level, on the cell it is about;
//! a park with none of them has no finding; the command line's JSON and exit status.

use std::process::Command;

use parkledger::audit::{self, Cell, Finding, Level, ParkData, RULES};
use parkledger::domain::period::Period;
use parkledger::domain::value::ValueKind;
use parkledger::store::{NewValue, Store};

use crate::common::{full_year_value as value, indicator_id, park_id, sample_db};

/// A park of its own, so that the sample's figures do not mix in.
fn clean_park(store: &mut Store) -> i64 {
    let park = parkledger::domain::Park { id: 0, name: "审核园区".into(), level: String::new(), region: String::new(), notes: String::new() };
    store.insert_park(&park).unwrap()
}

fn at(park: i64, ind: i64, year: i32, span: (u8, u8), kind: ValueKind, v: f64) -> NewValue {
    NewValue { period: Period::new(year, span.0, span.1).unwrap(), kind, ..value(park, ind, year, v) }
}

fn findings(store: &Store, park: i64) -> Vec<Finding> {
    let values = store.values_for_park(park).unwrap();
    let indicators = store.indicators().unwrap();
    let projects = store.projects_of_park(park).unwrap();
    let user_rules = store.audit_rules().unwrap();
    audit::audit_park(&ParkData { park_id: park, values: &values, indicators: &indicators, projects: &projects, user_rules: &user_rules })
}

/// A year that passes every rule: parts under totals, cumulative figures rising, the
/// quarter the difference of its two cumulative spans, modest growth.
fn clean_year(park: i64, store: &Store) -> Vec<NewValue> {
    let id = |n: &str| indicator_id(store, n);
    let a = ValueKind::Actual;
    vec![
        at(park, id("固定资产投资"), 2023, (1, 12), a, 100.0),
        at(park, id("固定资产投资"), 2024, (1, 6), a, 50.0),
        at(park, id("固定资产投资"), 2024, (1, 9), a, 80.0),
        at(park, id("固定资产投资"), 2024, (7, 9), a, 30.0),
        at(park, id("固定资产投资"), 2024, (1, 12), a, 120.0),
        at(park, id("固定资产投资"), 2024, (1, 12), ValueKind::Target, 130.0),
        at(park, id("工业投资"), 2024, (1, 12), a, 90.0),
        at(park, id("公共财政收入"), 2024, (1, 12), a, 10.0),
        at(park, id("税收"), 2024, (1, 12), a, 8.0),
        at(park, id("规上企业数"), 2024, (1, 12), a, 35.0),
        at(park, id("规上工业总产值"), 2023, (1, 12), a, 200.0),
        NewValue { reported_yoy: Some(10.0), ..at(park, id("规上工业总产值"), 2024, (1, 12), a, 220.0) },
    ]
}

#[test]
fn a_clean_year_has_no_finding_and_each_planted_fault_is_found_at_its_level() {
    let (_db, mut store) = sample_db();
    let park = clean_park(&mut store);
    let year = clean_year(park, &store);
    store.upsert_values(&year).unwrap();
    assert_eq!(findings(&store, park), vec![], "a clean year is clean");
    let names: std::collections::HashMap<String, i64> = store.indicators().unwrap().into_iter().map(|i| (i.name_zh, i.id)).collect();
    let id = |n: &str| names[n];

    let a = ValueKind::Actual;
    // (rule, the value that plants it, the cell the finding must be about)
    let faults: Vec<(&str, NewValue)> = vec![
        ("part_above_total", at(park, id("工业投资"), 2024, (1, 12), a, 125.0)),
        ("part_above_total", at(park, id("税收"), 2024, (1, 12), a, 11.0)),
        ("cumulative_falls", at(park, id("固定资产投资"), 2024, (1, 9), a, 45.0)),
        ("span_vs_cumulative", at(park, id("固定资产投资"), 2024, (7, 9), a, 20.0)),
        ("count_not_whole", at(park, id("规上企业数"), 2024, (1, 12), a, 35.5)),
        ("unit_slip", at(park, id("规上工业总产值"), 2024, (1, 12), a, 2_000_000.0)),
        ("yoy_beyond", at(park, id("规上工业总产值"), 2024, (1, 12), a, 330.0)),
        ("stated_yoy_differs", NewValue { reported_yoy: Some(12.5), ..at(park, id("规上工业总产值"), 2024, (1, 12), a, 220.0) }),
        ("target_met_early", at(park, id("固定资产投资"), 2024, (1, 9), a, 135.0)),
        ("same_as_last_year", at(park, id("规上工业总产值"), 2024, (1, 12), a, 200.0)),
        ("turns_zero", at(park, id("规上工业总产值"), 2024, (1, 12), a, 0.0)),
    ];
    for (rule, fault) in faults {
        store.upsert_values(&year).unwrap();
        store.upsert_values(std::slice::from_ref(&fault)).unwrap();
        let found = findings(&store, park);
        let cell = Cell { indicator_id: fault.indicator_id, period: fault.period, kind: fault.kind };
        let hit = found.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("{rule} not found in {found:?}"));
        assert_eq!(hit.cells.first(), Some(&cell), "{rule} is about the planted cell");
        let level = RULES.iter().find(|r| r.id == rule).unwrap().level;
        assert_eq!(hit.level, level, "{rule}");
        assert!(!hit.message(&store.indicators().unwrap()).contains('{'), "{rule}: the message is filled in");
    }
    // Taken back, the park is clean again.
    store.upsert_values(&year).unwrap();
    assert_eq!(findings(&store, park), vec![]);
}

#[test]
fn levels_messages_and_projects() {
    let (_db, mut store) = sample_db();
    let park = clean_park(&mut store);
    let tax = indicator_id(&store, "税收");
    // 税收 may fall between cumulative spans (refunds): a warning, not an error.
    store.upsert_values(&[at(park, tax, 2024, (1, 6), ValueKind::Actual, 5.0), at(park, tax, 2024, (1, 9), ValueKind::Actual, 4.0)]).unwrap();
    let found = findings(&store, park);
    assert_eq!(found.iter().map(|f| (f.rule, f.level)).collect::<Vec<_>>(), [("cumulative_falls_refund", Level::Warning)]);
    let message = found[0].message(&store.indicators().unwrap());
    assert!(message.contains("税收（2024年1-9月 实际）") && message.contains("4") && message.contains("5"), "{message}");

    let mut p = parkledger::domain::Project::new(park, "审核项目");
    p.investment = Some(100.0);
    p.yearly = vec![parkledger::domain::project::YearInvestment { year: 2023, amount: 70.0 }, parkledger::domain::project::YearInvestment { year: 2024, amount: 40.0 }];
    p.status = parkledger::domain::project::ProjectStatus::InProduction;
    store.insert_project(&p).unwrap();
    let rules: Vec<&str> = findings(&store, park).iter().filter(|f| f.project.is_some()).map(|f| f.rule).collect();
    assert_eq!(rules, ["project_invested_above_total", "project_done_without_date"]);
}

#[test]
fn the_command_line_prints_json_and_says_by_its_exit_status_whether_an_error_stands() {
    let (db, mut store) = sample_db();
    let zy = park_id(&store, "正阳工业园区");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL").arg("audit").arg("--db").arg(&db.path).args(args).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, _, err) = run(&[]);
    assert_eq!(code, Some(0), "the sample has no error: {err}");
    // 工业投资 above 固定资产投资 in 2021.
    let fai = indicator_id(&store, "固定资产投资");
    let total = store.values_for_park(zy).unwrap().into_iter().find(|v| v.indicator_id == fai && v.kind == ValueKind::Actual).unwrap();
    store.upsert_value(&NewValue { indicator_id: indicator_id(&store, "工业投资"), value: Some(total.value.unwrap() + 1.0), ..NewValue::from_existing(&total) }).unwrap();
    let (code, out, err) = run(&["--park", "正阳工业园区", "--json"]);
    assert_eq!(code, Some(1), "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let row = rows.iter().find(|r| r["rule"] == "part_above_total").expect("found");
    assert_eq!((row["level"].as_str(), row["park"].as_str(), row["indicator"].as_str(), row["explained"].as_bool()), (Some("error"), Some("正阳工业园区"), Some("工业投资"), Some(false)));
    assert!(row["message"].as_str().unwrap().contains("固定资产投资"));
    let (code, out, _) = run(&["--park", "正阳工业园区", "--year", "1999"]);
    assert_eq!((code, out.as_str()), (Some(0), ""), "another year has no finding");
    assert_eq!(run(&["--park", "没有这个园区"]).0, Some(2));
    assert_eq!(run(&["--span", "13-14"]).0, Some(2));

    // The report of that year is not written while the error stands, and is once it is put right.
    let pdf = db.path.with_file_name("正阳2021.pdf");
    let report = || {
        Command::new(env!("CARGO_BIN_EXE_parkledger")).env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL").args(["report", "--park", "正阳工业园区", "--year", &total.period.year.to_string(), "-o"]).arg(&pdf).arg("--db").arg(&db.path).output().unwrap()
    };
    let refused = report();
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && err.contains("报告不能导出") && err.contains("工业投资"), "{err}");
    assert!(!pdf.exists(), "no file is written");
    store.upsert_value(&NewValue { indicator_id: indicator_id(&store, "工业投资"), value: Some(total.value.unwrap() / 2.0), ..NewValue::from_existing(&total) }).unwrap();
    let written = report();
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    assert!(pdf.exists());
}

/// A warning is explained in words the office accepts; the explanation is kept with the
/// figure and its history, and undo and redo take it back and forth.
#[test]
fn an_explanation_is_checked_stored_and_kept_through_undo_and_redo() {
    use parkledger::store::{Rule, StoreError};
    let (_db, mut store) = sample_db();
    let park = clean_park(&mut store);
    let out = indicator_id(&store, "规上工业总产值");
    store.upsert_values(&[at(park, out, 2023, (1, 12), ValueKind::Actual, 200.0), at(park, out, 2024, (1, 12), ValueKind::Actual, 200.0)]).unwrap();
    let y = Period::full_year(2024);
    let explain = |store: &mut Store, text: &str| store.record("说明", Some(park), |s| s.explain_value(park, out, y, ValueKind::Actual, Some(text)));
    assert!(matches!(explain(&mut store, "核实无误"), Err(StoreError::Rule(Rule::StockExplanation))));
    assert!(matches!(explain(&mut store, "经核实无误。数据无误！核实无误"), Err(StoreError::Rule(Rule::StockExplanation))), "stock phrases however long");
    assert!(matches!(explain(&mut store, "产能持平"), Err(StoreError::Rule(Rule::ShortExplanation))));
    let why = "两年均为同一家企业满产，产值持平";
    explain(&mut store, why).unwrap();
    let found = findings(&store, park);
    let same = found.iter().find(|f| f.rule == "same_as_last_year").expect("still found");
    assert_eq!((same.explained(), same.explanation.as_deref(), same.stands()), (true, Some(why), false));
    store.undo().unwrap();
    assert!(!findings(&store, park).iter().any(|f| f.explained()), "undo takes the explanation back");
    store.redo().unwrap();
    assert!(findings(&store, park).iter().any(|f| f.explanation.as_deref() == Some(why)), "redo writes it again");
    // An error cannot be explained away.
    let fai = indicator_id(&store, "固定资产投资");
    let ind = indicator_id(&store, "工业投资");
    store.upsert_values(&[at(park, fai, 2024, (1, 12), ValueKind::Actual, 10.0), at(park, ind, 2024, (1, 12), ValueKind::Actual, 12.0)]).unwrap();
    store.explain_value(park, ind, y, ValueKind::Actual, Some("工业投资口径与固定资产投资不同")).unwrap();
    let error = findings(&store, park).into_iter().find(|f| f.rule == "part_above_total").unwrap();
    assert!(error.stands() && !error.explained(), "an error's figures cannot all be true: it still stands");
}

/// The import preview says what the audit would newly find once the figures are written,
/// and not what was already there.
#[test]
fn the_import_preview_lists_what_the_audit_would_newly_find() {
    let (db, store) = sample_db();
    let sheet = db.path.with_file_name("正阳2030.csv");
    std::fs::write(&sheet, "园区,指标,年份,起始月,结束月,类型,数值\n正阳工业园区,固定资产投资,2030,1,12,实际,10\n正阳工业园区,工业投资,2030,1,12,实际,12\n").unwrap();
    let mut plan = parkledger::import::plan_file(&store, &sheet, None).unwrap();
    assert!(plan.findings.is_empty(), "planning alone does not audit");
    plan.audit(&store).unwrap();
    let rules: Vec<(&str, Level)> = plan.findings.iter().map(|f| (f.rule, f.level)).collect();
    assert_eq!(rules, [("part_above_total", Level::Error)]);
    let out = Command::new(env!("CARGO_BIN_EXE_parkledger")).env("LANG", "zh_CN.UTF-8").env_remove("LC_ALL").args(["import", "--dry-run", "--db"]).arg(&db.path).arg(&sheet).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("写入后审核将新发现 1 处问题（其中错误 1 处）") && text.contains("工业投资（2030年 实际） 12 大于总数"), "{text}");
    // A sheet that brings nothing new to find says nothing.
    std::fs::write(&sheet, "园区,指标,年份,起始月,结束月,类型,数值\n正阳工业园区,固定资产投资,2031,1,12,实际,11\n").unwrap();
    let mut plan = parkledger::import::plan_file(&store, &sheet, None).unwrap();
    plan.audit(&store).unwrap();
    assert!(plan.findings.is_empty());
}

#[test]
fn the_generated_county_data_reads_like_real_data_to_the_audit() {
    // The benchmark's database: parts below their totals, amounts large enough not to
    // repeat by rounding, so the bench audits data shaped like a county's.
    let mut store = Store::open_in_memory().unwrap();
    parkledger::sample::large::populate_parks(&mut store, 7, 2).unwrap();
    let all: Vec<Finding> = store.parks().unwrap().iter().flat_map(|p| findings(&store, p.id)).collect();
    let errors: Vec<String> = all.iter().filter(|f| f.level == Level::Error).map(|f| f.rule.to_owned()).collect();
    assert!(errors.is_empty(), "no errors: {errors:?}");
    let values = store.all_values().unwrap().len();
    assert!(all.len() * 100 < values, "warnings under 1% of {values} values: {}", all.len());
}

#[test]
fn a_count_that_stays_the_same_is_not_news_but_an_amount_is() {
    let (_db, mut store) = sample_db();
    let park = clean_park(&mut store);
    let a = ValueKind::Actual;
    for (name, v) in [("开复工项目数", 12.0), ("规上工业总产值", 56.8)] {
        let id = indicator_id(&store, name);
        store.upsert_values(&[at(park, id, 2023, (1, 12), a, v), at(park, id, 2024, (1, 12), a, v)]).unwrap();
    }
    let repeats: Vec<String> = findings(&store, park).iter().filter(|f| f.rule == "same_as_last_year").map(|f| f.message(&store.indicators().unwrap())).collect();
    assert_eq!(repeats.len(), 1, "{repeats:?}");
    assert!(repeats[0].contains("规上工业总产值"), "{repeats:?}");
}

#[test]
fn rules_the_clerk_adds_are_checked_beside_the_built_in_ones() {
    use parkledger::domain::rule::{UserRule, UserRuleKind};
    let (_db, mut store) = sample_db();
    let park = clean_park(&mut store);
    let a = ValueKind::Actual;
    let (electricity, output) = (indicator_id(&store, "用电量"), indicator_id(&store, "规上工业总产值"));
    let extra = store
        .insert_indicator(&parkledger::domain::Indicator {
            id: 0,
            name_zh: "工业用电量".into(),
            name_en: "Industrial electricity".into(),
            unit: "万千瓦时".into(),
            category: parkledger::domain::indicator::Category::Economy,
            precision: 2,
            nature: parkledger::domain::indicator::Nature::Flow,
            parent: None,
            builtin: false,
            sort_order: 0,
        })
        .unwrap();
    store.upsert_values(&[
        at(park, electricity, 2024, (1, 12), a, 100.0),
        at(park, extra, 2024, (1, 12), a, 120.0),
        at(park, output, 2023, (1, 12), a, 100.0),
        at(park, output, 2024, (1, 12), a, 130.0),
    ]).unwrap();
    let rules_of = |store: &Store| findings(store, park).iter().map(|f| (f.rule, f.level)).collect::<Vec<_>>();
    assert!(rules_of(&store).is_empty(), "within the built-in rules: {:?}", rules_of(&store));

    // 工业用电量 is a part of 用电量; 规上工业总产值 may move ±20% without a word.
    store.add_audit_rule(&UserRule { id: 0, kind: UserRuleKind::PartOf { part: extra, total: electricity } }).unwrap();
    let limit = store.add_audit_rule(&UserRule { id: 0, kind: UserRuleKind::YoyLimit { indicator: output, limit_pct: 20.0 } }).unwrap();
    let found = rules_of(&store);
    assert!(found.contains(&("part_above_total", Level::Error)), "{found:?}");
    assert!(found.contains(&("yoy_beyond", Level::Warning)), "30% is beyond the clerk's 20%: {found:?}");
    store.delete_audit_rule(limit).unwrap();
    assert!(!rules_of(&store).contains(&("yoy_beyond", Level::Warning)), "removed, the built-in ±50% holds again");

    // Rules that cannot hold are refused in words.
    let itself = store.add_audit_rule(&UserRule { id: 0, kind: UserRuleKind::PartOf { part: extra, total: extra } }).unwrap_err();
    assert!(itself.to_string().contains("自己的一部分"), "{itself}");
    let zero = store.add_audit_rule(&UserRule { id: 0, kind: UserRuleKind::YoyLimit { indicator: output, limit_pct: 0.0 } }).unwrap_err();
    assert!(zero.to_string().contains("同比幅度上限"), "{zero}");
}

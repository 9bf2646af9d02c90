//! Domain rules checked against the seeds' own figures.

use parkledger::domain::format::{grouped, yoy_phrase_zh};
use parkledger::domain::indicator::{Category, Indicator, Nature, convert_unit};
use parkledger::domain::period::{Period, PeriodError};
use parkledger::domain::project::ledger_summary;
use parkledger::domain::value::{AmountError, IndicatorValue, ValueKind, ValueSet, parse_amount, parse_rate};

use crate::common::{park_id, sample_db};

fn indicator(unit: &str) -> Indicator {
    Indicator {
        id: 1,
        name_zh: "测试".into(),
        name_en: String::new(),
        unit: unit.into(),
        category: Category::Economy,
        precision: 2,
        nature: Nature::Flow,
        parent: None,
        builtin: true,
        sort_order: 0,
    }
}

fn value(period: Period, kind: ValueKind, v: Option<f64>, yoy: Option<f64>) -> IndicatorValue {
    IndicatorValue {
        id: 0,
        park_id: 1,
        indicator_id: 1,
        period,
        kind,
        value: v,
        entered: None,
        reported_yoy: yoy,
        source: String::new(),
        derivation: None,
        updated_at: String::new(),
        explanation: None,
    }
}

#[test]
fn periods_read_the_way_clerks_write_them() {
    assert_eq!(Period::parse("2020年1-6月").unwrap(), Period::new(2020, 1, 6).unwrap());
    assert_eq!(Period::parse("２０２０年上半年").unwrap(), Period::new(2020, 1, 6).unwrap());
    assert_eq!(Period::parse("2021年前三季度").unwrap(), Period::new(2021, 1, 9).unwrap());
    assert_eq!(Period::parse("2010年").unwrap(), Period::full_year(2010));
    assert_eq!(Period::parse("2020年第二季度").unwrap(), Period::new(2020, 4, 6).unwrap());
    assert_eq!(Period::parse("2020年7-3月"), Err(PeriodError::EndBeforeStart(7, 3)));
    assert!(Period::parse("去年").is_err());
    assert_eq!(Period::new(2020, 1, 6).unwrap().label_zh(), "2020年1-6月");
    assert_eq!(Period::full_year(2021).label_zh(), "2021年");
}

#[test]
fn yoy_compares_cumulative_span_with_same_span_last_year() {
    // XX县工业区: 2020年1-6月 规上工业总产值 44.08亿元, 同比增长24%.
    let h1_2020 = Period::new(2020, 1, 6).unwrap();
    let set = ValueSet::new([
        value(h1_2020, ValueKind::Actual, Some(44.08), Some(24.0)),
        value(Period::new(2019, 1, 6).unwrap(), ValueKind::Actual, Some(44.08 / 1.24), None),
        // The full year 2019 must not be used for a half-year comparison.
        value(Period::full_year(2019), ValueKind::Actual, Some(80.0), None),
    ]);
    let yoy = set.yoy(1, h1_2020, ValueKind::Actual);
    assert!((yoy.computed.unwrap() - 24.0).abs() < 1e-9, "{yoy:?}");
    assert!(!yoy.disagrees());
    let full = set.yoy(1, Period::full_year(2020), ValueKind::Actual);
    assert_eq!(full.computed, None);
}

#[test]
fn reported_and_computed_yoy_both_shown_when_they_disagree() {
    // 阿拉善: 工业增加值同比增长9.1% (comparable prices), while nominal values may say otherwise.
    let p = Period::new(2017, 1, 6).unwrap();
    let set = ValueSet::new([
        value(p, ValueKind::Estimate, Some(57.2), Some(9.1)),
        value(p.same_span_last_year(), ValueKind::Actual, Some(52.86), None),
    ]);
    let yoy = set.yoy(1, p, ValueKind::Estimate);
    assert_eq!(yoy.headline(), Some(9.1), "the reported rate wins");
    assert!(yoy.disagrees(), "8.21% computed vs 9.1% reported: {yoy:?}");
    let close = ValueSet::new([
        value(p, ValueKind::Actual, Some(109.1), Some(9.15)),
        value(p.same_span_last_year(), ValueKind::Actual, Some(100.0), None),
    ]);
    assert!(!close.yoy(1, p, ValueKind::Actual).disagrees(), "0.05 pp apart is agreement");
}

#[test]
fn yoy_can_exist_without_an_amount() {
    let p = Period::new(2017, 1, 6).unwrap();
    let set = ValueSet::new([value(p, ValueKind::Estimate, None, Some(9.1))]);
    let yoy = set.yoy(1, p, ValueKind::Estimate);
    assert_eq!(yoy.headline(), Some(9.1));
    assert_eq!(yoy.computed, None);
}

#[test]
fn completion_is_span_actual_over_full_year_target() {
    // 完成招商引资22.4亿元 … 完成年目标任务的18.79%
    let h1 = Period::new(2017, 1, 6).unwrap();
    let set = ValueSet::new([
        value(h1, ValueKind::Actual, Some(22.4), None),
        value(Period::full_year(2017), ValueKind::Target, Some(119.21), None),
    ]);
    let pct = set.completion(1, h1, ValueKind::Actual).unwrap();
    assert_eq!(format!("{pct:.2}"), "18.79");
    // 正阳: 完成本级公共财政收入7.78亿元，为年度预算的100.5%
    let y = Period::full_year(2021);
    let set = ValueSet::new([value(y, ValueKind::Actual, Some(7.78), None), value(y, ValueKind::Target, Some(7.74), None)]);
    assert_eq!(format!("{:.1}", set.completion(1, y, ValueKind::Actual).unwrap()), "100.5");
}

#[test]
fn money_in_wan_yuan_converts_into_yi_yuan_and_says_so() {
    let yi = indicator("亿元");
    let parsed = parse_amount("500万元", &yi).unwrap();
    assert!((parsed.value - 0.05).abs() < 1e-12);
    let entered = parsed.entered.expect("the original entry is kept");
    assert_eq!((entered.amount, entered.unit.as_str()), (500.0, "万元"));
    let plain = parse_amount("２０．６６亿元", &yi).unwrap();
    assert_eq!((plain.value, plain.entered), (20.66, None));
    assert_eq!(parse_amount("1,234.5", &yi).unwrap().value, 1234.5);
    assert_eq!(convert_unit(2674.0, "万元", "亿元"), Some(0.2674));
    assert_eq!(convert_unit(1.0, "亩", "公里"), None);
    assert!(matches!(parse_amount("65万美元", &yi), Err(AmountError::UnitMismatch { .. })));
}

#[test]
fn bad_cell_input_is_refused_with_a_reason() {
    let count = indicator("家");
    assert!(matches!(parse_amount("abc", &count), Err(AmountError::NotANumber(_))));
    assert!(matches!(parse_amount("-3", &count), Err(AmountError::Negative(_))));
    assert!(matches!(parse_amount("1e400", &count), Err(AmountError::OutOfRange) | Err(AmountError::NotANumber(_))));
    // Money may fall below zero (a loss), counts may not.
    assert_eq!(parse_amount("-3", &indicator("亿元")).unwrap().value, -3.0);
}

#[test]
fn rates_read_fall_and_multiples() {
    assert_eq!(parse_rate("下降0.6%").unwrap(), -0.6);
    assert_eq!(parse_rate("增长1.8倍").unwrap(), 180.0);
    assert_eq!(parse_rate("30.5").unwrap(), 30.5);
    assert_eq!(yoy_phrase_zh(-0.6), "同比下降0.6%");
    assert_eq!(yoy_phrase_zh(30.5), "同比增长30.5%");
    assert_eq!(grouped(12345.678, 2), "12,345.68");
    assert_eq!(grouped(-0.001, 2), "0.00");
}

#[test]
fn ledger_counts_come_from_the_projects() {
    // 奈曼旗 2020: "等5个项目建成投产"
    let (_db, store) = sample_db();
    let naiman = park_id(&store, "奈曼旗工业园区");
    let projects = store.projects_of_park(naiman).unwrap();
    let s = ledger_summary(&projects, 2020);
    assert_eq!(s.completed, 5);
    assert!(s.active >= s.completed, "{s:?}");
    // No project of 奈曼旗 has a 2020 investment figure: the ledger says none was entered,
    // not that 0 万元 was invested.
    assert!(!s.investment_entered && s.completed_investment.cny_wan == 0.0, "{s:?}");
    let mut with_figure = projects.clone();
    with_figure[0].yearly.push(parkledger::domain::project::YearInvestment { year: 2020, amount: 0.0 });
    assert!(ledger_summary(&with_figure, 2020).investment_entered, "a figure of 0 entered is a figure");
    // 鞍山: seven key projects planned for 2007 with their investment in 万元 and 万美元.
    let anshan = park_id(&store, "鞍山X工业园区");
    let projects = store.projects_of_park(anshan).unwrap();
    let planned: Vec<_> = projects.iter().filter(|p| p.plan_year == Some(2007) && p.investment.is_some()).collect();
    assert_eq!(planned.len(), 7, "{:?}", planned.iter().map(|p| &p.name).collect::<Vec<_>>());
    let s = ledger_summary(&projects, 2007);
    assert!(s.planned >= 7);
    assert!(s.active_rate().is_some());
}

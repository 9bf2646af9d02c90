//! Drafted text: the sentences of 一、主要指标完成情况 and the ledger paragraph, written
//! from the data the way the seed summaries write them:
//! `预计完成规上工业企业产值56.8亿元，同比增长30.5%`,
//! `完成本级公共财政收入7.78亿元，为年度预算的100.5%`.

use crate::domain::format::{amount_zh, trimmed, yoy_phrase_zh};
use crate::domain::indicator::{Category, Indicator, Nature};
use crate::domain::period::Period;
use crate::domain::project::{KeyLevel, Project, ledger_summary};
use crate::domain::value::{ValueKind, ValueSet};

/// How the summaries name an indicator in a sentence, where it differs from the catalogue.
fn phrase(ind: &Indicator) -> String {
    let name = ind.name_zh.as_str();
    match name {
        "规上工业总产值" => "规上工业企业产值".to_owned(),
        "公共财政收入" => "本级公共财政收入".to_owned(),
        "招商引资到位资金" => "招商引资".to_owned(),
        "协议引资额" => "协议引资".to_owned(),
        _ if ind.nature == Nature::Stock || is_count(ind) => name.trim_end_matches('数').to_owned(),
        _ => name.to_owned(),
    }
}

/// Counted things (`签约项目27个`, `新增规上企业7家`) take no verb.
fn is_count(ind: &Indicator) -> bool {
    matches!(ind.unit.as_str(), "个" | "家" | "项" | "座" | "人" | "起")
}

/// A number as the summaries write it: up to the indicator's decimals, no trailing zeros.
pub fn number(value: f64, precision: u8) -> String {
    trimmed(value, precision)
}

fn rate(value: f64) -> String {
    number(value, 2)
}

/// The clauses about one figure without its verb: `规上工业企业产值56.8亿元，同比增长30.5%，完成年目标任务的18.79%`.
fn clauses(ind: &Indicator, values: &ValueSet, period: Period) -> Option<(ValueKind, String)> {
    let v = [ValueKind::Actual, ValueKind::Estimate].into_iter().find_map(|k| values.get(ind.id, period, k))?;
    let mut parts = Vec::new();
    match v.value {
        // A worked-out figure says so where it stands.
        Some(x) if v.derivation.is_some() => parts.push(format!("{}{}（推算数）", phrase(ind), amount_zh(x, &ind.unit, ind.precision, true))),
        Some(x) => parts.push(format!("{}{}", phrase(ind), amount_zh(x, &ind.unit, ind.precision, false))),
        None => parts.push(phrase(ind)),
    }
    let yoy = values.yoy(ind.id, period, v.kind);
    if let Some(y) = yoy.headline() {
        parts.push(yoy_phrase_zh(y));
    }
    if let Some(c) = values.completion(ind.id, period, v.kind) {
        if ind.category == Category::Finance {
            parts.push(format!("为年度预算的{}%", rate(c)));
        } else {
            parts.push(format!("完成年目标任务的{}%", rate(c)));
        }
    }
    Some((v.kind, parts.join("，")))
}

/// One sentence for an indicator, with its 其中 sub-indicators, or `None` without data.
pub fn indicator_sentence(ind: &Indicator, children: &[&Indicator], values: &ValueSet, period: Period) -> Option<String> {
    let (kind, main) = clauses(ind, values, period)?;
    let verb = match (kind, ind.nature) {
        (ValueKind::Estimate, _) if is_count(ind) => "预计",
        (ValueKind::Estimate, _) => "预计完成",
        (_, Nature::Stock) => "",
        _ if is_count(ind) => "",
        _ => "完成",
    };
    let mut sentence = format!("{verb}{main}");
    if ind.nature == Nature::Stock {
        sentence = sentence.replacen(&phrase(ind), &format!("{}达到", phrase(ind)), 1);
    }
    for child in children {
        if let Some((_, c)) = clauses(child, values, period) {
            sentence.push_str(&format!("，其中{c}"));
        }
    }
    Some(sentence)
}

/// The drafted 主要指标完成情况: one line per chosen indicator that has a figure.
pub fn indicators_text(indicators: &[Indicator], chosen: &[i64], values: &ValueSet, period: Period) -> String {
    let mut lines = Vec::new();
    for ind in indicators.iter().filter(|i| i.parent.is_none_or(|p| !chosen.contains(&p))) {
        if !chosen.contains(&ind.id) {
            continue;
        }
        let children: Vec<&Indicator> = indicators.iter().filter(|c| c.parent == Some(ind.id) && chosen.contains(&c.id)).collect();
        if let Some(s) = indicator_sentence(ind, &children, values, period) {
            lines.push(format!("——{s}。"));
        }
    }
    lines.join("\n")
}

/// Indicators worth putting in a report for this period: those with an outturn.
pub fn indicators_with_data(indicators: &[Indicator], values: &ValueSet, period: Period) -> Vec<i64> {
    indicators.iter().filter(|i| values.outturn(i.id, period).is_some()).map(|i| i.id).collect()
}

/// The word the summaries use for "so far this period": 年内, 上半年, 前三季度, 1-4月.
pub fn span_word(period: Period) -> String {
    match (period.start_month, period.end_month) {
        (1, 12) => "年内".to_owned(),
        (1, 6) => "上半年".to_owned(),
        (1, 9) => "前三季度".to_owned(),
        (1, 3) => "一季度".to_owned(),
        _ => period.span_label_zh(),
    }
}

/// Which project counts the data states for the period (an indicator such as
/// 开复工项目数 printed in 一、). The statistics' count covers the whole park; the ledger
/// may hold only the key projects; so the ledger paragraph does not give a second,
/// different number for a count the document already states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatedCounts {
    pub active: bool,
    pub started: bool,
    pub completed: bool,
}

impl StatedCounts {
    pub fn from_data(indicators: &[Indicator], chosen: &[i64], values: &ValueSet, period: Period) -> Self {
        let stated = |names: &[&str]| {
            indicators
                .iter()
                .filter(|i| chosen.contains(&i.id) && names.contains(&i.name_zh.as_str()))
                .any(|i| values.outturn(i.id, period).is_some_and(|v| v.value.is_some()))
        };
        Self {
            active: stated(&["开复工项目数"]),
            started: stated(&["开工项目数", "新开工项目数"]),
            completed: stated(&["建成投产项目数", "竣工投产项目数"]),
        }
    }

    fn any(self) -> bool {
        self.active || self.started || self.completed
    }
}

/// A project's amount (total investment, this year's) as the summaries write it.
pub fn project_amount(p: &Project, amount: f64) -> String {
    amount_zh(amount, p.currency.label_zh(), 2, false)
}

/// The projects a report on `year` speaks of: under way, finished that year, or planned for it.
pub fn in_report_year(p: &Project, year: i32) -> bool {
    p.active_in(year) || p.completed_in(year) || p.plan_year == Some(year)
}

/// The ledger paragraph and the list of key projects with their latest progress. Counts
/// the document states elsewhere ([`StatedCounts`]) are not given again from the ledger.
pub fn projects_text(projects: &[Project], period: Period, stated: StatedCounts) -> String {
    let year = period.year;
    let s = ledger_summary(projects, year);
    let listed = projects.iter().filter(|p| in_report_year(p, year)).count();
    if listed == 0 {
        return String::new();
    }
    let mut clauses = Vec::new();
    if stated.any() {
        clauses.push(format!("列入项目台账的项目{listed}个"));
    } else {
        clauses.push(format!("{}开复工建设项目共{}个", span_word(period), s.active));
    }
    if !stated.started && s.started_this_year > 0 {
        clauses.push(format!("其中新开工项目{}个", s.started_this_year));
    }
    if s.completed_investment.cny_wan > 0.0 {
        clauses.push(format!("完成投资{}", amount_zh(s.completed_investment.cny_wan, "万元", 0, false)));
    }
    let mut text = clauses.join("，");
    if !stated.completed && s.completed > 0 {
        text.push_str(&format!("；{}个项目建成投产", s.completed));
    }
    if let Some(r) = s.active_rate().filter(|_| !stated.active) {
        text.push_str(&format!("；开复工率{}%（年度计划项目{}个）", rate(r), s.planned));
    }
    text.push('。');
    let key: Vec<&Project> = projects
        .iter()
        .filter(|p| p.key_level != KeyLevel::None || p.investment.is_some())
        .filter(|p| in_report_year(p, year))
        .collect();
    let mut last_note = "";
    for (i, p) in key.iter().enumerate() {
        let mut line = format!("\n{}.{}", i + 1, p.name);
        if !p.company.is_empty() {
            line.push_str(&format!("（{}）", p.company));
        }
        if let Some(inv) = p.investment {
            line.push_str(&format!("，总投资{}", project_amount(p, inv)));
        }
        line.push_str(&format!("，{}", p.status.label_zh()));
        // A note several projects share (`已开工的外资项目`) is said once.
        if let Some(note) = latest_note(p).filter(|n| *n != last_note) {
            line.push_str(&format!("。{note}"));
            last_note = note;
        }
        line.push('。');
        text.push_str(&line);
    }
    text
}

/// A project's latest progress note, without its closing 。.
pub fn latest_note(p: &Project) -> Option<&str> {
    p.progress.iter().rev().map(|e| e.note.trim().trim_end_matches('。')).find(|n| !n.is_empty())
}

/// Next year's targets recorded in the data, as a list the clerk can insert into the plan.
pub fn targets_text(indicators: &[Indicator], values: &ValueSet, next_year: i32) -> String {
    let mut items = Vec::new();
    for ind in indicators {
        if let Some(v) = values.get(ind.id, Period::full_year(next_year), ValueKind::Target).and_then(|v| v.value) {
            items.push(format!("{}{}", phrase(ind), amount_zh(v, &ind.unit, ind.precision, false)));
        }
    }
    if items.is_empty() {
        return String::new();
    }
    format!("{next_year}年全年计划完成{}。", items.join("，"))
}

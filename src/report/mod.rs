//! Work summaries (工作总结): what the clerk writes and chooses ([`ReportSpec`], stored per
//! park and period), the document built from it and the data ([`compose`] → [`Block`]s),
//! and the PDF made from those blocks ([`pdf`]). The shape follows the seeds: a title,
//! 一、主要指标完成情况, 二、主要工作及成效 with the key projects, 三、存在问题, 四、next year.

pub mod draft;
pub mod linebreak;
pub mod pdf;

use serde::{Deserialize, Serialize};

use crate::chart::Figure;
use crate::chart::build::{ChartChoice, ChartData};
use crate::domain::format::percent;
use crate::domain::period::Period;
use crate::domain::project::Project;
use crate::domain::value::{ValueKind, ValueSet};
use crate::domain::{Indicator, Park};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Layout {
    /// GB/T 9704: 156×225 mm text block, 16 pt body, 22 lines of 28 characters.
    #[default]
    Gongwen,
    /// A modern report with charts and tables.
    Brief,
}

/// What the clerk wrote and chose for one park and period. Stored as it is typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSpec {
    pub park_id: i64,
    pub period: Period,
    pub title: String,
    pub layout: Layout,
    /// 一、主要指标完成情况, as drafted and then edited.
    pub indicators_text: String,
    /// The draft as last generated, to tell whether the clerk has edited it since.
    pub indicators_generated: String,
    pub projects_text: String,
    pub projects_generated: String,
    pub work_text: String,
    pub problems_text: String,
    pub plan_text: String,
    /// Indicators in the sentences and the table.
    pub indicator_ids: Vec<i64>,
    pub charts: Vec<ChartChoice>,
    pub indicator_table: bool,
    pub project_table: bool,
    /// RFC 3339; also the PDF's creation date, so that two exports of one report match.
    pub updated_at: String,
}

impl Default for ReportSpec {
    fn default() -> Self {
        Self {
            park_id: 0,
            period: Period::full_year(2021),
            title: String::new(),
            layout: Layout::Gongwen,
            indicators_text: String::new(),
            indicators_generated: String::new(),
            projects_text: String::new(),
            projects_generated: String::new(),
            work_text: String::new(),
            problems_text: String::new(),
            plan_text: String::new(),
            indicator_ids: Vec::new(),
            charts: Vec::new(),
            indicator_table: true,
            project_table: true,
            updated_at: String::new(),
        }
    }
}

/// The title the summaries use for a period.
pub fn default_title(park: &str, period: Period) -> String {
    let y = period.year;
    match (period.start_month, period.end_month) {
        (1, 12) => format!("{park}{y}年工作总结"),
        (1, 6) => format!("{park}{y}年上半年工作总结及下半年工作计划"),
        (1, 9) => format!("{park}{y}年前三季度工作总结"),
        _ => format!("{park}{y}年{}工作总结", period.span_label_zh()),
    }
}

/// The data a report reads.
pub struct ReportData<'a> {
    pub park: &'a Park,
    pub indicators: &'a [Indicator],
    pub values: &'a ValueSet,
    pub projects: &'a [Project],
}

impl ReportSpec {
    /// A new report with drafted text, the default charts and both tables.
    pub fn new(data: &ReportData<'_>, period: Period) -> Self {
        let indicator_ids = draft::indicators_with_data(data.indicators, data.values, period);
        let mut spec = Self {
            park_id: data.park.id,
            period,
            title: default_title(&data.park.name, period),
            indicator_ids,
            charts: vec![
                ChartChoice::InvestmentOutput { span: (period.start_month, period.end_month) },
                ChartChoice::TargetVsActual { year: period.year },
            ],
            ..Self::default()
        };
        spec.regenerate(data);
        spec.plan_text = draft::targets_text(data.indicators, data.values, period.year + 1);
        spec
    }

    /// Whether the clerk has changed the drafted text since it was generated.
    pub fn drafts_edited(&self) -> bool {
        self.indicators_text != self.indicators_generated || self.projects_text != self.projects_generated
    }

    /// Rewrites the drafted sections from the data.
    pub fn regenerate(&mut self, data: &ReportData<'_>) {
        self.indicators_text = draft::indicators_text(data.indicators, &self.indicator_ids, data.values, self.period);
        self.indicators_generated = self.indicators_text.clone();
        self.projects_text = draft::projects_text(data.projects, self.period.year);
        self.projects_generated = self.projects_text.clone();
    }
}

/// A table as the PDF lays it out: relative column widths, text cells that wrap.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub widths: Vec<f64>,
    /// Columns aligned to the right (numbers).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    /// `一、` level: 黑体.
    Heading(String),
    /// `（一）` level: 楷体.
    Subheading(String),
    Paragraph(String),
    Table(Table),
    Chart(Box<Figure>),
}

const CN_NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn paragraphs(text: &str) -> impl Iterator<Item = Block> + '_ {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Block::Paragraph(l.to_owned()))
}

/// The document: blocks in reading order.
pub fn compose(spec: &ReportSpec, data: &ReportData<'_>, figures: Vec<Figure>) -> Vec<Block> {
    let mut blocks = vec![Block::Title(spec.title.clone())];
    let mut section = 0;
    let mut heading = |text: &str| {
        let h = Block::Heading(format!("{}、{text}", CN_NUMS[section.min(9)]));
        section += 1;
        h
    };
    blocks.push(heading("主要指标完成情况"));
    blocks.extend(paragraphs(&spec.indicators_text));
    if spec.indicator_table {
        blocks.push(Block::Table(indicator_table(spec, data)));
    }
    blocks.extend(figures.into_iter().map(|f| Block::Chart(Box::new(f))));
    blocks.push(heading("主要工作及成效"));
    blocks.extend(paragraphs(&spec.work_text));
    blocks.push(Block::Subheading("（一）重点项目建设".to_owned()));
    blocks.extend(paragraphs(&spec.projects_text));
    if spec.project_table {
        blocks.push(Block::Table(project_table(spec, data)));
    }
    blocks.push(heading("存在问题"));
    blocks.extend(paragraphs(&spec.problems_text));
    let next = if spec.period.is_full_year() {
        format!("{}年工作安排", spec.period.year + 1)
    } else {
        "下半年工作计划".to_owned()
    };
    blocks.push(heading(&next));
    blocks.extend(paragraphs(&spec.plan_text));
    blocks
}

/// The figures for the report's chosen charts. A chart with data in fewer than two
/// categories says nothing on paper (on screen it shows a note instead), so it is left out.
pub fn figures(spec: &ReportSpec, data: &ReportData<'_>, all_parks: &[(String, ValueSet)]) -> Vec<Figure> {
    let chart_data = ChartData {
        park_name: &data.park.name,
        indicators: data.indicators,
        values: data.values,
        projects: data.projects,
        all_parks,
    };
    spec.charts
        .iter()
        // The report is a Chinese document whatever language the window or locale speaks.
        .map(|c| crate::i18n::in_lang(crate::i18n::Lang::Zh, || crate::chart::build::figure(c, &chart_data)))
        .filter(|f| {
            let mut xs: Vec<usize> = f.main.series.iter().flat_map(|s| s.points.iter().map(|p| p.x)).collect();
            xs.sort_unstable();
            xs.dedup();
            xs.len() >= 2
        })
        .collect()
}

fn cell(v: Option<f64>, precision: u8) -> String {
    v.map(|x| draft::number(x, precision)).unwrap_or_else(|| "—".to_owned())
}

/// 指标 | 单位 | 本期 | 上年同期 | 同比增长(%) | 年度目标 | 完成率(%)
pub fn indicator_table(spec: &ReportSpec, data: &ReportData<'_>) -> Table {
    let p = spec.period;
    let mut rows = Vec::new();
    let mut estimates = false;
    for ind in data.indicators.iter().filter(|i| spec.indicator_ids.contains(&i.id)) {
        let Some(v) = data.values.outturn(ind.id, p) else { continue };
        let last = data.values.outturn(ind.id, p.same_span_last_year()).and_then(|v| v.value);
        let yoy = data.values.yoy(ind.id, p, v.kind).headline();
        let target = data.values.get(ind.id, p.containing_year(), ValueKind::Target).and_then(|t| t.value);
        let completion = data.values.completion(ind.id, p, v.kind);
        let mut now = cell(v.value, ind.precision);
        if v.kind == ValueKind::Estimate {
            now.push('*');
            estimates = true;
        }
        let name = if ind.parent.is_some() { format!("其中：{}", ind.name_zh) } else { ind.name_zh.clone() };
        rows.push(vec![
            name,
            ind.unit.clone(),
            now,
            cell(last, ind.precision),
            yoy.map(|y| percent(y).trim_end_matches('%').to_owned()).unwrap_or_else(|| "—".to_owned()),
            cell(target, ind.precision),
            completion.map(|c| percent(c).trim_end_matches('%').to_owned()).unwrap_or_else(|| "—".to_owned()),
        ]);
    }
    let note = estimates.then(|| "注：带*为预计数。因四舍五入，总计与分项合计可能不等。".to_owned());
    Table {
        headers: ["指标", "单位", "本期", "上年同期", "同比增长(%)", "年度目标", "完成率(%)"].map(String::from).to_vec(),
        widths: vec![3.2, 1.2, 1.4, 1.4, 1.3, 1.4, 1.2],
        numeric: vec![false, false, true, true, true, true, true],
        rows,
        note,
    }
}

/// 项目名称 | 建设单位 | 总投资 | 本年完成投资 | 状态 | 进展
pub fn project_table(spec: &ReportSpec, data: &ReportData<'_>) -> Table {
    let year = spec.period.year;
    let rows = data
        .projects
        .iter()
        .filter(|p| p.active_in(year) || p.completed_in(year) || p.plan_year == Some(year))
        .map(|p| {
            let money = |v: Option<f64>| v.map(|x| format!("{}{}", draft::number(x, 2), p.currency.label_zh())).unwrap_or_else(|| "—".to_owned());
            let this_year = p.invested_in(year);
            vec![
                p.name.clone(),
                p.company.clone(),
                money(p.investment),
                money((this_year > 0.0).then_some(this_year)),
                p.status.label_zh().to_owned(),
                p.progress.iter().rev().find(|e| !e.note.is_empty()).map(|e| e.note.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        headers: ["项目名称", "建设单位", "总投资", "本年完成投资", "状态", "进展"].map(String::from).to_vec(),
        widths: vec![2.6, 2.1, 1.5, 1.5, 1.65, 2.6],
        numeric: vec![false, false, true, true, false, false],
        rows,
        note: None,
    }
}

/// The report the clerk left for this park and period, if any. The store keeps the body
/// as text; reading it is this module's business.
pub fn stored(store: &crate::store::Store, park_id: i64, period: Period) -> anyhow::Result<Option<ReportSpec>> {
    let Some(row) = store.report_body(park_id, period)? else { return Ok(None) };
    let mut spec: ReportSpec = serde_json::from_str(&row.body)
        .map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.report_unreadable", &[&period.label_zh(), &e])))?;
    spec.park_id = park_id;
    spec.period = period;
    spec.updated_at = row.updated_at;
    Ok(Some(spec))
}

/// Saves a report and returns its new time stamp.
pub fn save(store: &mut crate::store::Store, spec: &ReportSpec) -> anyhow::Result<String> {
    let body = serde_json::to_string(spec)?;
    Ok(store.save_report_body(spec.park_id, spec.period, &body)?)
}

const FONTS_KEY: &str = "report_fonts";

/// The font files chosen for reports; the defaults when none are or they cannot be read.
pub fn fonts(store: &crate::store::Store) -> anyhow::Result<pdf::FontChoice> {
    Ok(store.setting(FONTS_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub fn set_fonts(store: &mut crate::store::Store, fonts: &pdf::FontChoice) -> anyhow::Result<()> {
    Ok(store.set_setting(FONTS_KEY, &serde_json::to_string(fonts)?)?)
}

/// The report for a park and period as stored (or a fresh draft when none is), and the
/// data it reads. What the GUI shows and what `parkledger report` prints come from here.
pub fn load(store: &crate::store::Store, park: &Park, period: Period) -> anyhow::Result<(ReportSpec, Vec<Indicator>, ValueSet, Vec<Project>)> {
    let indicators = store.indicators()?;
    let values = ValueSet::new(store.values_for_park(park.id)?);
    let projects = store.projects_of_park(park.id)?;
    let spec = match stored(store, park.id, period)? {
        Some(spec) => spec,
        None => ReportSpec::new(&ReportData { park, indicators: &indicators, values: &values, projects: &projects }, period),
    };
    Ok((spec, indicators, values, projects))
}

/// The PDF of a park's report for a period. `layout` overrides the stored choice.
pub fn export_pdf(store: &crate::store::Store, park: &Park, period: Period, layout: Option<Layout>) -> anyhow::Result<Vec<u8>> {
    let (mut spec, indicators, values, projects) = load(store, park, period)?;
    if let Some(l) = layout {
        spec.layout = l;
    }
    let data = ReportData { park, indicators: &indicators, values: &values, projects: &projects };
    let all_parks = if spec.charts.iter().any(ChartChoice::needs_all_parks) { store.values_by_park()? } else { Vec::new() };
    let blocks = compose(&spec, &data, figures(&spec, &data, &all_parks));
    // The creation date comes from the data, so that the same report exports to the same bytes.
    let stamp = if spec.updated_at.is_empty() { values.iter().map(|v| v.updated_at.clone()).max().unwrap_or_default() } else { spec.updated_at.clone() };
    let created = stamp.parse::<jiff::Timestamp>().map(|t| t.as_second()).unwrap_or(0);
    let author = format!("{}管理委员会", park.name);
    pdf::render(&blocks, spec.layout, &fonts(store)?, &pdf::Meta { title: &spec.title, author: &author, created })
}

//! The county's own summary (县级汇总报告): the same document as a park's report — parts
//! the clerk controls, the same 公文 and brief layouts — drafted from the totals instead
//! of one park's figures: the indicator sentences and table read the county's sums (with
//! the YoY from the sums), a table gives each park's main figures (园区 | 指标 …), and a
//! paragraph says who has reported. It is kept per period in the settings (the report
//! table belongs to parks).

use super::totals::Consolidation;
use crate::domain::format::trimmed;
use crate::domain::{Indicator, IndicatorValue, Park, Period, Project, ValueKind, ValueSet};
use crate::report::spec::{Drafted, Part};
use crate::report::{Layout, ReportData, ReportSpec, Table};
use crate::store::Store;

/// The setting holding the county's name (`XX县`), which titles its summary.
pub const COUNTY_NAME: &str = "county_name";

/// The county's name as the clerk set it, or a placeholder to replace.
pub fn county_name(store: &Store) -> anyhow::Result<String> {
    Ok(store.setting(COUNTY_NAME)?.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "本县（区）".to_owned()))
}

fn key(period: Period) -> String {
    format!("county_report:{}:{}-{}", period.year, period.start_month, period.end_month)
}

/// What the county's summary reads: the totals as one "park"'s figures, every park's
/// projects, and the table of parks.
pub struct CountyData {
    pub park: Park,
    pub indicators: Vec<Indicator>,
    pub values: ValueSet,
    pub projects: Vec<Project>,
    pub parks_table: Table,
    pub totals: Consolidation,
}

impl CountyData {
    pub fn report_data(&self) -> ReportData<'_> {
        ReportData { park: &self.park, indicators: &self.indicators, values: &self.values, projects: &self.projects, parks_table: Some(self.parks_table.clone()) }
    }
}

/// The most indicator columns the parks' table holds beside 园区 (it must fit 156 mm).
const PARK_COLUMNS: usize = 4;

/// 园区 | the indicators most parks reported (up to four, in the catalogue's order) | and a
/// 合计 row. An estimate is marked `*`.
fn parks_table(totals: &Consolidation) -> Table {
    let mut rows: Vec<&super::totals::TotalRow> = totals.rows.iter().filter(|r| !r.rate).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.reported));
    rows.truncate(PARK_COLUMNS);
    rows.sort_by_key(|r| totals.rows.iter().position(|x| x.indicator_id == r.indicator_id));
    let cell = |v: Option<f64>, estimate: bool, precision: u8| match v {
        Some(x) => format!("{}{}", trimmed(x, precision), if estimate { "*" } else { "" }),
        None => "—".to_owned(),
    };
    let mut body: Vec<Vec<String>> = totals
        .parks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row = vec![p.name.clone()];
            row.extend(rows.iter().map(|r| {
                let f = r.by_park[i];
                cell(f.map(|f| f.value), f.is_some_and(|f| f.estimate), r.precision)
            }));
            row
        })
        .collect();
    if !body.is_empty() {
        let mut total = vec!["合计".to_owned()];
        total.extend(rows.iter().map(|r| cell(r.total, r.with_estimates, r.precision)));
        body.push(total);
    }
    let mut headers = vec!["园区".to_owned()];
    headers.extend(rows.iter().map(|r| format!("{}({})", r.indicator, r.unit)));
    let n = headers.len();
    Table {
        headers,
        widths: std::iter::once(2.6).chain(std::iter::repeat_n(1.6, n - 1)).collect(),
        numeric: std::iter::once(false).chain(std::iter::repeat_n(true, n - 1)).collect(),
        rows: body,
        note: rows.iter().any(|r| r.with_estimates).then(|| "注：带*为预计数。合计为各园区上报数之和。".to_owned()),
    }
}

/// The county's data for `period`.
pub fn county_data(store: &Store, period: Period) -> anyhow::Result<CountyData> {
    let totals = super::consolidation(store, period)?;
    let indicators = store.indicators()?;
    let values = ValueSet::new(totals.rows.iter().filter_map(|r| {
        Some(IndicatorValue {
            id: 0,
            park_id: 0,
            indicator_id: r.indicator_id,
            period,
            kind: if r.with_estimates { ValueKind::Estimate } else { ValueKind::Actual },
            value: Some(r.total?),
            entered: None,
            // The rate of the sums, stated: the sentences and the table give it as is.
            reported_yoy: r.yoy_pct.map(|y| (y * 100.0).round() / 100.0),
            source: String::new(),
            derivation: None,
            updated_at: String::new(),
            explanation: None,
        })
    }));
    let reporting: Vec<String> = totals.parks.iter().map(|p| p.name.clone()).collect();
    let parks = store.parks()?;
    let ids: Vec<i64> = parks.iter().filter(|p| reporting.contains(&p.name)).map(|p| p.id).collect();
    let projects = store.projects()?.into_iter().filter(|p| ids.contains(&p.park_id)).collect();
    let park = Park { id: 0, name: county_name(store)?, level: String::new(), region: String::new(), notes: String::new() };
    Ok(CountyData { parks_table: parks_table(&totals), park, indicators, values, projects, totals })
}

/// Who has reported, as the summary says it.
fn reporting_text(totals: &Consolidation, period: Period) -> String {
    let names = |v: &[String]| v.join("、");
    let reported: Vec<String> = totals.parks.iter().map(|p| p.name.clone()).collect();
    let mut text = format!("{}，共有{}个园区报送数据：{}", period.label_zh(), reported.len(), names(&reported));
    if totals.missing.is_empty() {
        text.push_str("，全部园区均已报送。");
    } else {
        text.push_str(&format!("；{}个园区尚未报送：{}，未计入本报告合计。", totals.missing.len(), names(&totals.missing)));
    }
    text
}

/// A new county summary: the totals' sentences and tables, who reported, then problems
/// and next steps for the clerk to write.
fn new_report(data: &CountyData, period: Period) -> ReportSpec {
    let heading = |level: u8, text: &str| Part::Heading { level, text: text.to_owned() };
    let mut spec = ReportSpec {
        park_id: 0,
        period,
        title: match (period.start_month, period.end_month) {
            (1, 12) => format!("{}{}年园区经济运行情况汇总", data.park.name, period.year),
            _ => format!("{}{}园区经济运行情况汇总", data.park.name, period.label_zh()),
        },
        layout: Layout::Gongwen,
        parts: vec![
            heading(1, "园区数据报送情况"),
            Part::Text { text: reporting_text(&data.totals, period) },
            heading(1, "主要指标完成情况"),
            Part::Drafted { source: Drafted::Indicators, text: String::new(), generated: String::new() },
            Part::IndicatorTable,
            heading(1, "各园区主要指标"),
            Part::ParksTable,
            heading(1, "存在问题"),
            Part::Text { text: String::new() },
            heading(1, if period.is_full_year() { "下一步工作" } else { "下半年工作" }),
            Part::Text { text: String::new() },
        ],
        issuer: data.park.name.clone(),
        date: crate::report::date_zh(jiff::Zoned::now().date()),
        indicator_ids: data.totals.rows.iter().filter(|r| r.total.is_some()).map(|r| r.indicator_id).collect(),
        ..ReportSpec::default()
    };
    spec.regenerate(&data.report_data());
    spec
}

/// The county's summary for `period` as the clerk left it, or a fresh draft.
pub fn load_report(store: &Store, data: &CountyData, period: Period) -> anyhow::Result<ReportSpec> {
    match store.setting(&key(period))? {
        Some(body) => Ok(crate::report::spec::from_stored(&body, period)
            .map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.report_unreadable", &[&period.label_zh(), &e])))?),
        None => Ok(new_report(data, period)),
    }
}

pub fn save_report(store: &mut Store, spec: &ReportSpec) -> anyhow::Result<()> {
    Ok(store.set_setting(&key(spec.period), &serde_json::to_string(spec)?)?)
}

/// The county's summary as PDF; refused when no park has reported for the period.
pub fn export_pdf(store: &Store, period: Period, layout: Option<Layout>) -> anyhow::Result<Vec<u8>> {
    let data = county_data(store, period)?;
    anyhow::ensure!(!data.totals.is_empty(), crate::i18n::trf("cli.consolidate_nothing", &[&crate::i18n::period_label(period)]));
    let mut spec = load_report(store, &data, period)?;
    if let Some(l) = layout {
        spec.layout = l;
    }
    let blocks = crate::report::compose(&spec, &data.report_data(), Vec::new());
    let created = crate::report::created_at();
    crate::report::pdf::render(&blocks, spec.layout, &crate::report::fonts(store)?, &crate::report::pdf::Meta { title: &spec.title, author: &data.park.name, created })
}

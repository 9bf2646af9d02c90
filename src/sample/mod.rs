//! The sample databases. This one holds the seeds' real figures, plus one clearly
//! fictional park with ten years of history, so that a clerk trying ParkLedger for the
//! first time sees a park like their own and charts with something to show; it is built on
//! first run and by `parkledger sample --db PATH`. [`large`] is the county-scale database
//! the benchmarks run on.

pub mod large;

use anyhow::{Context, anyhow};
use jiff::civil::Date;
use serde::Deserialize;

use crate::domain::indicator::{Category, Indicator, Nature, convert_unit};
use crate::domain::park::{Park, Zone};
use crate::domain::period::Period;
use crate::domain::project::{Currency, KeyLevel, ProgressEntry, Project, ProjectKind, ProjectStatus, YearInvestment};
use crate::domain::value::{Entered, ValueKind, back_compute_previous};
use crate::store::{NewValue, Store};

/// The facts the five seed summaries state, written down by hand from the texts.
const SEEDS_JSON: &str = include_str!("../../assets/sample/seeds.json");

/// Each seed park's summary as its own words have it (the themed parts, problems, plans,
/// the opening, 署名, 成文日期 and 版记), with the parts the data drafts in their places:
/// so that every sample report is a whole document.
const REPORTS_JSON: &str = include_str!("../../assets/sample/reports.json");

#[derive(Deserialize)]
struct SeedReport {
    park: String,
    year: i32,
    start_month: u8,
    end_month: u8,
    title: String,
    #[serde(default)]
    opening: String,
    parts: Vec<crate::report::Part>,
    issuer: String,
    date: String,
    #[serde(default)]
    copy_to: String,
    #[serde(default)]
    printed_by: String,
    #[serde(default)]
    printed_on: String,
}

pub const FICTIONAL_PARK: &str = "示例园区（虚构数据）";

/// The park whose previous year is worked back from its stated growth rates.
const BACK_COMPUTED_PARK: &str = "正阳工业园区";

#[derive(Deserialize)]
struct Seeds {
    parks: Vec<SeedPark>,
    #[serde(default)]
    indicators_custom: Vec<SeedIndicator>,
    values: Vec<SeedValue>,
    projects: Vec<SeedProject>,
}

#[derive(Deserialize)]
struct SeedPark {
    name: String,
    level: Option<String>,
    region: Option<String>,
    notes: Option<String>,
    #[serde(default)]
    zones: Vec<String>,
}

#[derive(Deserialize)]
struct SeedIndicator {
    name_zh: String,
    name_en: String,
    unit: String,
    category: String,
    precision: u8,
    nature: String,
}

#[derive(Deserialize)]
struct SeedValue {
    park: String,
    indicator: String,
    year: i32,
    months: [u8; 2],
    kind: String,
    value: Option<f64>,
    unit: Option<String>,
    yoy: Option<f64>,
    source: String,
}

#[derive(Deserialize)]
struct SeedProject {
    park: String,
    zone: Option<String>,
    name: String,
    company: Option<String>,
    chain: Option<String>,
    kind: String,
    level: Option<String>,
    capacity: Option<String>,
    investment: Option<f64>,
    currency: String,
    status: String,
    signed: Option<String>,
    started: Option<String>,
    planned_completion: Option<String>,
    completed: Option<String>,
    plan_year: Option<i32>,
    #[serde(default)]
    yearly_investment: Vec<YearInvestment>,
    #[serde(default)]
    progress: Vec<SeedProgress>,
}

#[derive(Deserialize)]
struct SeedProgress {
    date: String,
    note: String,
    status: Option<String>,
}

fn date(text: &Option<String>) -> Option<Date> {
    text.as_deref().and_then(|t| t.parse().ok())
}

/// Fills an empty store with the sample data.
pub fn populate(store: &mut Store) -> anyhow::Result<()> {
    let seeds: Seeds = serde_json::from_str(SEEDS_JSON).context("assets/sample/seeds.json")?;
    for ind in &seeds.indicators_custom {
        let exists = store.indicators()?.iter().any(|i| i.name_zh == ind.name_zh);
        if !exists {
            store.insert_indicator(&Indicator {
                id: 0,
                name_zh: ind.name_zh.clone(),
                name_en: ind.name_en.clone(),
                unit: ind.unit.clone(),
                category: Category::from_zh(&ind.category).unwrap_or(Category::Economy),
                precision: ind.precision,
                nature: Nature::from_code(&ind.nature).unwrap_or(Nature::Flow),
                parent: None,
                builtin: false,
                sort_order: 0,
            })?;
        }
    }
    for p in &seeds.parks {
        let park = Park {
            id: 0,
            name: p.name.clone(),
            level: p.level.clone().unwrap_or_default(),
            region: p.region.clone().unwrap_or_default(),
            notes: p.notes.clone().unwrap_or_default(),
        };
        let id = store.insert_park(&park)?;
        for z in &p.zones {
            store.insert_zone(&Zone { id: 0, park_id: id, name: z.clone(), notes: String::new() })?;
        }
    }
    insert_seed_values(store, &seeds.values)?;
    insert_seed_projects(store, &seeds.projects)?;
    insert_fictional_park(store)?;
    insert_seed_reports(store)?;
    Ok(())
}

/// A title the seed wrote without its park (`2021年工作总结`) or with the park's name cut
/// to its last words (`工业园区2006年…`) gets the park's full name in front.
fn full_title(title: &str, park: &str) -> String {
    if title.contains(park) {
        return title.to_owned();
    }
    if title.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return format!("{park}{title}");
    }
    let chars: Vec<char> = park.chars().collect();
    (0..chars.len().saturating_sub(1))
        .map(|i| chars[i..].iter().collect::<String>())
        .find(|tail| tail.chars().count() >= 2 && title.starts_with(tail.as_str()))
        .map_or_else(|| title.to_owned(), |tail| format!("{park}{}", &title[tail.len()..]))
}

/// The seed parks' reports, their drafted parts written from the data just stored.
fn insert_seed_reports(store: &mut Store) -> anyhow::Result<()> {
    let reports: Vec<SeedReport> = serde_json::from_str(REPORTS_JSON).context("assets/sample/reports.json")?;
    let indicators = store.indicators()?;
    for r in reports {
        let park = store.park_by_name(&r.park)?.ok_or_else(|| anyhow!("unknown park {}", r.park))?;
        let period = Period::new(r.year, r.start_month, r.end_month)?;
        let values = crate::domain::value::ValueSet::new(store.values_for_park(park.id)?);
        let projects = store.projects_of_park(park.id)?;
        let data = crate::report::ReportData { park: &park, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
        let mut spec = crate::report::ReportSpec::new(&data, period, None);
        spec.title = full_title(&r.title, &park.name);
        spec.opening = r.opening;
        spec.parts = r.parts;
        spec.issuer = r.issuer;
        spec.date = r.date;
        spec.copy_to = r.copy_to;
        spec.printed_by = r.printed_by;
        spec.printed_on = r.printed_on;
        spec.regenerate(&data);
        crate::report::save(store, &spec)?;
    }
    Ok(())
}

fn insert_seed_values(store: &mut Store, values: &[SeedValue]) -> anyhow::Result<()> {
    let parks = store.parks()?;
    let indicators = store.indicators()?;
    let mut out = Vec::new();
    for v in values {
        let park = parks.iter().find(|p| p.name == v.park).ok_or_else(|| anyhow!("unknown park {}", v.park))?;
        let ind = indicators
            .iter()
            .find(|i| i.name_zh == v.indicator)
            .ok_or_else(|| anyhow!("unknown indicator {}", v.indicator))?;
        let (value, entered) = match (v.value, v.unit.as_deref()) {
            (Some(x), Some(u)) if u != ind.unit => match convert_unit(x, u, &ind.unit) {
                Some(c) => (Some(c), Some(Entered { amount: x, unit: u.to_owned() })),
                None => (Some(x), None),
            },
            (x, _) => (x, None),
        };
        let kind = ValueKind::from_code(&v.kind).ok_or_else(|| anyhow!("bad kind {}", v.kind))?;
        let period = Period::new(v.year, v.months[0], v.months[1])?;
        // Targets the text only implies (through a completion rate) are marked as worked out.
        let derivation = v.source.contains("推算").then(|| "由完成率推算 (worked back from the stated completion rate)".to_owned());
        let new = NewValue {
            park_id: park.id,
            indicator_id: ind.id,
            period,
            kind,
            value,
            entered,
            reported_yoy: v.yoy,
            source: v.source.clone(),
            derivation,
        };
        if park.name == BACK_COMPUTED_PARK && kind != ValueKind::Target {
            let previous = value.zip(v.yoy).and_then(|(x, y)| back_compute_previous(x, y));
            // Four decimals keep the recomputed YoY equal to the stated one at two.
            if let Some(prev) = previous.map(|p| (p * 1e4).round() / 1e4) {
                out.push(NewValue {
                    period: period.same_span_last_year(),
                    kind: ValueKind::Actual,
                    value: Some(prev),
                    entered: None,
                    reported_yoy: None,
                    derivation: Some(format!(
                        "由{}数值及同比增速推算 (worked back from the {} figure and its YoY)",
                        period.label_zh(),
                        period.year
                    )),
                    ..new.clone()
                });
            }
        }
        out.push(new);
    }
    store.upsert_values(&out)?;
    Ok(())
}

fn insert_seed_projects(store: &mut Store, projects: &[SeedProject]) -> anyhow::Result<()> {
    let parks = store.parks()?;
    for sp in projects {
        let park = parks.iter().find(|p| p.name == sp.park).ok_or_else(|| anyhow!("unknown park {}", sp.park))?;
        let zone_id = match &sp.zone {
            Some(z) => store.zone_id_by_name(park.id, z)?,
            None => None,
        };
        let project = Project {
            id: 0,
            park_id: park.id,
            zone_id,
            name: sp.name.clone(),
            company: sp.company.clone().unwrap_or_default(),
            chain: sp.chain.clone().unwrap_or_default(),
            kind: ProjectKind::parse(&sp.kind).unwrap_or(ProjectKind::New),
            key_level: sp.level.as_deref().and_then(KeyLevel::parse).unwrap_or(KeyLevel::None),
            capacity: sp.capacity.clone().unwrap_or_default(),
            investment: sp.investment,
            currency: Currency::parse(&sp.currency).unwrap_or(Currency::Cny),
            status: ProjectStatus::parse(&sp.status).ok_or_else(|| anyhow!("bad status {}", sp.status))?,
            signed_on: date(&sp.signed),
            started_on: date(&sp.started),
            planned_completion: date(&sp.planned_completion),
            completed_on: date(&sp.completed),
            plan_year: sp.plan_year,
            yearly: sp.yearly_investment.clone(),
            progress: sp
                .progress
                .iter()
                .filter_map(|e| {
                    Some(ProgressEntry {
                        id: 0,
                        date: e.date.parse().ok()?,
                        note: e.note.clone(),
                        status: e.status.as_deref().and_then(ProjectStatus::parse),
                    })
                })
                .collect(),
        };
        store.insert_project(&project)?;
    }
    Ok(())
}

/// Ten years of made-up but plausible series, named so nobody mistakes them for real.
fn insert_fictional_park(store: &mut Store) -> anyhow::Result<()> {
    let park_id = store.insert_park(&Park {
        id: 0,
        name: FICTIONAL_PARK.to_owned(),
        level: "省级".to_owned(),
        region: "虚构".to_owned(),
        notes: "本园区全部数据均为虚构，仅供演示图表。All figures are fictional.".to_owned(),
    })?;
    for z in ["东区", "西区"] {
        store.insert_zone(&Zone { id: 0, park_id, name: z.to_owned(), notes: String::new() })?;
    }
    let indicators = store.indicators()?;
    let id = |name: &str| indicators.iter().find(|i| i.name_zh == name).map(|i| i.id);
    // (indicator, 2015 value, yearly growth factor)
    let series: [(&str, f64, f64); 6] = [
        ("规上工业总产值", 42.0, 1.085),
        ("固定资产投资", 18.5, 1.06),
        ("工业投资", 9.2, 1.07),
        ("招商引资到位资金", 12.0, 1.09),
        ("公共财政收入", 3.1, 1.05),
        ("规上企业数", 36.0, 1.04),
    ];
    let source = "示例数据（虚构）".to_owned();
    let mut out = Vec::new();
    for (name, base, growth) in series {
        let Some(indicator_id) = id(name) else { continue };
        let whole = name == "规上企业数";
        for (i, year) in (2015..=2024).enumerate() {
            // A dip in 2020, as many parks saw, so the YoY chart has a fall in it.
            let wobble = if year == 2020 { 0.93 } else { 1.0 + ((i * 7) % 5) as f64 * 0.01 };
            let full = base * growth.powi(i as i32) * wobble;
            let round = |x: f64| if whole { x.round() } else { (x * 100.0).round() / 100.0 };
            let mk = |period: Period, kind: ValueKind, value: f64| NewValue {
                park_id,
                indicator_id,
                period,
                kind,
                value: Some(round(value)),
                entered: None,
                reported_yoy: None,
                source: source.clone(),
                derivation: None,
            };
            out.push(mk(Period::full_year(year), ValueKind::Actual, full));
            out.push(mk(Period::full_year(year), ValueKind::Target, full * if whole { 1.0 } else { 0.97 }));
            if !whole {
                out.push(mk(Period::new(year, 1, 6)?, ValueKind::Actual, full * 0.46));
            }
        }
    }
    store.upsert_values(&out)?;
    let statuses = [
        (ProjectStatus::InProduction, 2019, Some(2021)),
        (ProjectStatus::UnderConstruction, 2022, None),
        (ProjectStatus::TrialProduction, 2021, None),
        (ProjectStatus::Signed, 2024, None),
    ];
    for (i, (status, start, done)) in statuses.into_iter().enumerate() {
        let started_on = status.has_started().then(|| Date::new(start as i16, 3, 1).ok()).flatten();
        store.insert_project(&Project {
            id: 0,
            park_id,
            zone_id: None,
            name: format!("示例项目{}（虚构）", i + 1),
            company: "示例公司（虚构）".to_owned(),
            chain: "示例产业链".to_owned(),
            kind: ProjectKind::New,
            key_level: KeyLevel::County,
            capacity: String::new(),
            investment: Some(20_000.0 * (i + 1) as f64),
            currency: Currency::Cny,
            status,
            signed_on: Date::new(start as i16 - 1, 10, 1).ok(),
            started_on,
            planned_completion: Date::new(start as i16 + 2, 12, 31).ok(),
            completed_on: done.and_then(|y| Date::new(y as i16, 6, 30).ok()),
            plan_year: Some(start),
            yearly: (start..start + 3).map(|year| YearInvestment { year, amount: 5_000.0 * (i + 1) as f64 }).collect(),
            progress: Vec::new(),
        })?;
    }
    Ok(())
}

//! `parkledger sample --large`: a county-scale database for benchmarks, deterministic
//! from a seed. 50 parks with 3 zones each; 60 indicators with 30 years of monthly
//! cumulative values (1-1月 … 1-12月) plus yearly targets, about 1.2 million values;
//! 5,000 projects with 10 progress entries and yearly investment each.

use jiff::civil::Date;

use crate::domain::indicator::{Category, Indicator, Nature};
use crate::domain::park::{Park, Zone};
use crate::domain::period::Period;
use crate::domain::project::{Currency, KeyLevel, ProgressEntry, Project, ProjectKind, ProjectStatus, YearInvestment};
use crate::domain::value::ValueKind;
use crate::store::{NewValue, Store};

pub const PARKS: usize = 50;
pub const INDICATORS: usize = 60;
pub const FIRST_YEAR: i32 = 1995;
pub const YEARS: i32 = 30;
pub const PROJECTS_PER_PARK: usize = 100;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..1`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What was generated, for the command's report.
pub struct Counts {
    pub parks: usize,
    pub values: usize,
    pub projects: usize,
}

pub fn populate(store: &mut Store, seed: u64) -> anyhow::Result<Counts> {
    populate_parks(store, seed, PARKS)
}

/// The same generator with fewer parks (tests use two).
pub fn populate_parks(store: &mut Store, seed: u64, parks: usize) -> anyhow::Result<Counts> {
    let mut rng = Rng(seed.max(1));
    // Top the built-in catalogue up to 60 indicators.
    let have = store.indicators()?.len();
    for i in have..INDICATORS {
        store.insert_indicator(&Indicator {
            id: 0,
            name_zh: format!("生成指标{:02}", i + 1),
            name_en: format!("Generated indicator {}", i + 1),
            unit: "亿元".to_owned(),
            category: Category::ALL[i % Category::ALL.len()],
            precision: 2,
            nature: Nature::Flow,
            parent: None,
            builtin: false,
            sort_order: 0,
        })?;
    }
    let indicators: Vec<Indicator> = store.indicators()?.into_iter().take(INDICATORS).collect();
    let mut values = 0;
    let mut projects = 0;
    for k in 0..parks {
        let park_id = store.insert_park(&Park {
            id: 0,
            name: format!("生成园区{:02}（基准测试数据）", k + 1),
            level: ["国家级", "省级", "市级", "县级"][k % 4].to_owned(),
            region: format!("基准县{}", k / 10 + 1),
            notes: "parkledger sample --large 生成".to_owned(),
        })?;
        let mut zones = Vec::new();
        for z in ["东区", "西区", "南区"] {
            zones.push(store.insert_zone(&Zone { id: 0, park_id, name: z.to_owned(), notes: String::new() })?);
        }
        let batch = park_values(&mut rng, park_id, &indicators);
        values += batch.len();
        store.upsert_values(&batch)?;
        let batch = park_projects(&mut rng, park_id, &zones);
        projects += batch.len();
        store.insert_projects(&batch)?;
    }
    Ok(Counts { parks, values, projects })
}

fn park_values(rng: &mut Rng, park_id: i64, indicators: &[Indicator]) -> Vec<NewValue> {
    let mut out = Vec::with_capacity(indicators.len() * YEARS as usize * 13);
    // A part (`其中`, and 税收 within 公共财政收入) follows its total at a share of its own,
    // so that the generated figures pass the audit as real ones would: totals first.
    let parent_of = |ind: &Indicator| {
        ind.parent.or_else(|| (ind.name_zh == "税收").then(|| indicators.iter().find(|i| i.name_zh == "公共财政收入").map(|i| i.id)).flatten())
    };
    let mut order: Vec<&Indicator> = indicators.iter().collect();
    order.sort_by_key(|i| parent_of(i).is_some());
    let mut levels: std::collections::HashMap<(i64, i32), f64> = std::collections::HashMap::new();
    for ind in order {
        let whole = ind.precision == 0;
        let parent = parent_of(ind).and_then(|id| indicators.iter().find(|i| i.id == id));
        let share = 0.3 + rng.unit() * 0.5;
        // Amounts in 万 (万元, 万美元, 万千瓦时) run to thousands, not to a few dozen whole
        // units that would repeat from year to year by rounding alone.
        let counted = ["个", "家", "人", "起", "座", "项"].contains(&ind.unit.as_str());
        let scale = if ind.unit.starts_with('万') { 1000.0 } else if whole && !counted { 100.0 } else { 1.0 };
        let mut level = (5.0 + rng.unit() * 50.0) * scale;
        for year in FIRST_YEAR..FIRST_YEAR + YEARS {
            level *= 0.95 + rng.unit() * 0.17;
            if let Some(p) = parent
                && let Some(total) = levels.get(&(p.id, year))
            {
                level = crate::domain::indicator::convert_unit(total * share * (0.97 + rng.unit() * 0.03), &p.unit, &ind.unit).unwrap_or(level);
            }
            levels.insert((ind.id, year), level);
            let round = |x: f64| if whole { x.round() } else { (x * 100.0).round() / 100.0 };
            let mk = |period: Period, kind: ValueKind, value: f64| NewValue {
                park_id,
                indicator_id: ind.id,
                period,
                kind,
                value: Some(value),
                entered: None,
                reported_yoy: None,
                source: String::new(),
                derivation: None,
            };
            for end in 1..=12u8 {
                let share = if ind.nature == Nature::Stock { 1.0 } else { f64::from(end) / 12.0 };
                out.push(mk(Period { year, start_month: 1, end_month: end }, ValueKind::Actual, round(level * share)));
            }
            out.push(mk(Period::full_year(year), ValueKind::Target, round(level * (0.95 + rng.unit() * 0.1))));
        }
    }
    out
}

fn park_projects(rng: &mut Rng, park_id: i64, zones: &[i64]) -> Vec<Project> {
    const CHAINS: [&str; 6] = ["新材料", "装备制造", "绿色农畜产品加工", "新型建材", "电子信息", "生物医药"];
    (0..PROJECTS_PER_PARK)
        .map(|i| {
            let start = FIRST_YEAR + 10 + rng.below(19) as i32;
            let status = ProjectStatus::ALL[rng.below(ProjectStatus::ALL.len())];
            let date = |y: i32, m: i8| Date::new(y as i16, m, 1).ok();
            let started_on = status.has_started().then(|| date(start, 3)).flatten();
            let completed_on = (status == ProjectStatus::InProduction).then(|| date(start + 2, 9)).flatten();
            let investment = 1_000.0 + (rng.unit() * 200_000.0).round();
            let yearly = (start..start + 3).map(|year| YearInvestment { year, amount: (investment / 4.0).round() }).collect();
            let progress = (0..10)
                .map(|n| ProgressEntry {
                    id: 0,
                    date: Date::new((start - 1 + n / 4) as i16, (1 + (n % 4) * 3) as i8, 15).unwrap_or(Date::constant(2000, 1, 1)),
                    note: format!("第{}次调度：按计划推进", n + 1),
                    status: None,
                })
                .collect();
            Project {
                id: 0,
                park_id,
                zone_id: Some(zones[i % zones.len()]),
                name: format!("生成项目{:04}（年产{}万吨）", park_id as usize * 1000 + i, 1 + rng.below(200)),
                company: format!("生成企业{:03}有限公司", rng.below(900) + 100),
                chain: CHAINS[rng.below(CHAINS.len())].to_owned(),
                kind: ProjectKind::ALL[rng.below(ProjectKind::ALL.len())],
                key_level: KeyLevel::ALL[rng.below(KeyLevel::ALL.len())],
                capacity: String::new(),
                investment: Some(investment),
                currency: Currency::Cny,
                status,
                signed_on: date(start - 1, 6),
                started_on,
                planned_completion: date(start + 3, 12),
                completed_on,
                plan_year: Some(start),
                yearly,
                progress,
            }
        })
        .collect()
}

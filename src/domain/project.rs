//! The project ledger (项目台账) and the counts the summaries quote from it:
//! 开复工 projects, projects put into production, investment, and the 开复工率.
//! Each enum keeps its Chinese label for documents and exports; the UI names them from
//! the translation catalogue (`i18n::name`).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal, $zh:literal;)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh),+ } }
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
            /// Accepts the code or the Chinese label.
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| v.code() == t || v.label_zh() == t)
            }
        }
    };
}

labelled_enum! {
    /// A project's stage, in the order a project normally passes through them.
    ProjectStatus {
        Reserve => "reserve", "储备";
        Signed => "signed", "签约";
        Preparation => "preparation", "前期";
        Started => "started", "开工";
        UnderConstruction => "construction", "在建";
        TrialProduction => "trial", "试生产";
        InProduction => "production", "建成投产";
        Stalled => "stalled", "停缓建";
        Terminated => "terminated", "终止";
    }
}

labelled_enum! {
    ProjectKind {
        New => "new", "新建";
        Continuing => "continuing", "续建";
        Upgrade => "upgrade", "技改";
        Relocation => "relocation", "搬迁";
    }
}

labelled_enum! {
    /// Which government's key-project list names the project.
    KeyLevel {
        None => "none", "非重点";
        National => "national", "国家级";
        Provincial => "provincial", "省级";
        Autonomous => "autonomous", "自治区级";
        City => "city", "市级";
        League => "league", "盟级";
        County => "county", "县级";
    }
}

labelled_enum! {
    Currency {
        Cny => "cny", "万元";
        Usd => "usd", "万美元";
    }
}

impl ProjectStatus {
    /// The project has broken ground (and may have finished since).
    pub fn has_started(self) -> bool {
        matches!(self, Self::Started | Self::UnderConstruction | Self::TrialProduction | Self::InProduction)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub id: i64,
    pub date: Date,
    pub note: String,
    /// Set when this entry records a status change.
    pub status: Option<ProjectStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearInvestment {
    pub year: i32,
    /// In the project's currency.
    pub amount: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: i64,
    pub park_id: i64,
    pub zone_id: Option<i64>,
    pub name: String,
    pub company: String,
    pub chain: String,
    pub kind: ProjectKind,
    pub key_level: KeyLevel,
    pub capacity: String,
    /// Total planned investment, in `currency`.
    pub investment: Option<f64>,
    pub currency: Currency,
    pub status: ProjectStatus,
    pub signed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub planned_completion: Option<Date>,
    pub completed_on: Option<Date>,
    /// The year whose project plan lists this project (the base of the 开复工率).
    pub plan_year: Option<i32>,
    pub yearly: Vec<YearInvestment>,
    pub progress: Vec<ProgressEntry>,
}

impl Project {
    /// A new project with only a park and a name: 新建, not a key project, 储备, in 万元.
    pub fn new(park_id: i64, name: &str) -> Self {
        Self {
            id: 0,
            park_id,
            zone_id: None,
            name: name.trim().to_owned(),
            company: String::new(),
            chain: String::new(),
            kind: ProjectKind::New,
            key_level: KeyLevel::None,
            capacity: String::new(),
            investment: None,
            currency: Currency::Cny,
            status: ProjectStatus::Reserve,
            signed_on: None,
            started_on: None,
            planned_completion: None,
            completed_on: None,
            plan_year: None,
            yearly: Vec::new(),
            progress: Vec::new(),
        }
    }

    pub fn invested_in(&self, year: i32) -> f64 {
        // `+ 0.0`: the sum of nothing is -0.0 in Rust, which prints as -0 and is stored
        // by SQLite as 0, so a package's hash would not survive its own file.
        self.yearly.iter().filter(|y| y.year == year).map(|y| y.amount).sum::<f64>() + 0.0
    }

    pub fn invested_total(&self) -> f64 {
        self.yearly.iter().map(|y| y.amount).sum()
    }

    /// 开复工 in `year`: it broke ground in or before that year and was not finished,
    /// stopped or stalled before the year began.
    pub fn active_in(&self, year: i32) -> bool {
        let year_start = Date::new(year as i16, 1, 1).ok();
        let started = match self.started_on {
            Some(d) => i32::from(d.year()) <= year,
            None => self.status.has_started() && self.completed_on.is_none_or(|d| i32::from(d.year()) >= year),
        };
        let finished_before = self.completed_on.is_some_and(|d| i32::from(d.year()) < year);
        let stopped_before = matches!(self.status, ProjectStatus::Stalled | ProjectStatus::Terminated)
            && self.last_status_change().zip(year_start).is_some_and(|(d, y)| d < y);
        started && !finished_before && !stopped_before
    }

    /// 建成投产 in `year`.
    pub fn completed_in(&self, year: i32) -> bool {
        self.completed_on.is_some_and(|d| i32::from(d.year()) == year)
    }

    fn last_status_change(&self) -> Option<Date> {
        self.progress.iter().filter(|p| p.status.is_some()).map(|p| p.date).max()
    }
}

/// Amounts in both currencies, never added together.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Money {
    pub cny_wan: f64,
    pub usd_wan: f64,
}

impl Money {
    pub fn add(&mut self, currency: Currency, amount: f64) {
        match currency {
            Currency::Cny => self.cny_wan += amount,
            Currency::Usd => self.usd_wan += amount,
        }
    }
}

/// The ledger figures a summary quotes for one park and year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerSummary {
    pub year: i32,
    /// 开复工项目: started this year plus those continuing.
    pub active: usize,
    /// Of which broke ground this year.
    pub started_this_year: usize,
    pub completed: usize,
    pub planned: usize,
    pub planned_active: usize,
    /// Total planned investment of the active projects.
    pub total_investment: Money,
    /// Investment completed during the year.
    pub completed_investment: Money,
    /// Whether any project has a figure for the year's investment: with none, the
    /// summary says nothing was entered rather than 完成投资 0 万元.
    pub investment_entered: bool,
}

impl LedgerSummary {
    /// 开复工率: planned projects under way over planned projects, in percent.
    pub fn active_rate(&self) -> Option<f64> {
        (self.planned > 0).then(|| self.planned_active as f64 / self.planned as f64 * 100.0)
    }
}

pub fn ledger_summary<'a>(projects: impl IntoIterator<Item = &'a Project>, year: i32) -> LedgerSummary {
    let mut s = LedgerSummary { year, ..Default::default() };
    for p in projects {
        let active = p.active_in(year);
        if active {
            s.active += 1;
            if p.started_on.is_some_and(|d| i32::from(d.year()) == year) {
                s.started_this_year += 1;
            }
            if let Some(inv) = p.investment {
                s.total_investment.add(p.currency, inv);
            }
        }
        if p.completed_in(year) {
            s.completed += 1;
        }
        if p.plan_year == Some(year) {
            s.planned += 1;
            if active {
                s.planned_active += 1;
            }
        }
        s.completed_investment.add(p.currency, p.invested_in(year));
        s.investment_entered |= p.yearly.iter().any(|y| y.year == year);
    }
    s
}

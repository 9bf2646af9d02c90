//! The project form as typed, and checking it into a [`Project`]: each refused field is
//! named in the clerk's language.

use jiff::civil::Date;

use crate::domain::project::{Currency, KeyLevel, Project, ProjectKind, ProjectStatus, YearInvestment};
use crate::i18n::{tr, trf};

/// A project form as typed, before it is checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectDraft {
    pub id: i64,
    pub park_id: i64,
    pub zone_id: Option<i64>,
    pub name: String,
    pub company: String,
    pub chain: String,
    pub kind: Option<ProjectKind>,
    pub key_level: Option<KeyLevel>,
    pub capacity: String,
    pub investment: String,
    pub currency: Option<Currency>,
    pub status: Option<ProjectStatus>,
    pub signed_on: String,
    pub started_on: String,
    pub planned_completion: String,
    pub completed_on: String,
    pub plan_year: String,
    /// (year, amount) pairs as typed.
    pub yearly: Vec<(String, String)>,
}

fn parse_date(text: &str, field: &'static str) -> anyhow::Result<Option<Date>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<Date>()
        .map(Some)
        .map_err(|_| anyhow::anyhow!(trf("error.bad_date", &[&tr(field), &t])))
}

fn parse_opt_number(text: &str, field: &'static str) -> anyhow::Result<Option<f64>> {
    let t = crate::domain::period::normalize_width(text.trim()).replace([',', '，'], "");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => anyhow::bail!(trf("error.bad_number", &[&tr(field), &text.trim()])),
    }
}

impl ProjectDraft {
    pub fn from_project(p: &Project) -> Self {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            id: p.id,
            park_id: p.park_id,
            zone_id: p.zone_id,
            name: p.name.clone(),
            company: p.company.clone(),
            chain: p.chain.clone(),
            kind: Some(p.kind),
            key_level: Some(p.key_level),
            capacity: p.capacity.clone(),
            investment: p.investment.map(|v| v.to_string()).unwrap_or_default(),
            currency: Some(p.currency),
            status: Some(p.status),
            signed_on: date(p.signed_on),
            started_on: date(p.started_on),
            planned_completion: date(p.planned_completion),
            completed_on: date(p.completed_on),
            plan_year: p.plan_year.map(|y| y.to_string()).unwrap_or_default(),
            yearly: p.yearly.iter().map(|y| (y.year.to_string(), y.amount.to_string())).collect(),
        }
    }

    /// Checks the form and turns it into a project; the message names the bad field.
    pub fn to_project(&self) -> anyhow::Result<Project> {
        let plan_year = match self.plan_year.trim() {
            "" => None,
            t => Some(t.parse::<i32>().map_err(|_| anyhow::anyhow!(trf("error.bad_number", &[&tr("project.plan_year"), &t])))?),
        };
        let mut yearly = Vec::new();
        for (year, amount) in &self.yearly {
            if year.trim().is_empty() && amount.trim().is_empty() {
                continue;
            }
            let y = year.trim().parse::<i32>().map_err(|_| anyhow::anyhow!(trf("error.bad_number", &[&tr("project.year"), &year.trim()])))?;
            let a = parse_opt_number(amount, "project.yearly_amount")?.unwrap_or(0.0);
            yearly.push(YearInvestment { year: y, amount: a });
        }
        Ok(Project {
            id: self.id,
            park_id: self.park_id,
            zone_id: self.zone_id,
            name: self.name.clone(),
            company: self.company.clone(),
            chain: self.chain.clone(),
            kind: self.kind.unwrap_or(ProjectKind::New),
            key_level: self.key_level.unwrap_or(KeyLevel::None),
            capacity: self.capacity.clone(),
            investment: parse_opt_number(&self.investment, "project.investment")?,
            currency: self.currency.unwrap_or(Currency::Cny),
            status: self.status.unwrap_or(ProjectStatus::Reserve),
            signed_on: parse_date(&self.signed_on, "project.signed_on")?,
            started_on: parse_date(&self.started_on, "project.started_on")?,
            planned_completion: parse_date(&self.planned_completion, "project.planned_completion")?,
            completed_on: parse_date(&self.completed_on, "project.completed_on")?,
            plan_year,
            yearly,
            progress: Vec::new(),
        })
    }
}

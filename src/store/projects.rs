//! The project ledger: projects, their yearly investment and their progress log.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::{Row, Transaction, params};

use super::{NewValue, Result, Rule, Store, StoreError, now};
use crate::domain::park::{clean_name, clean_text};
use crate::domain::project::{
    Currency, KeyLevel, ProgressEntry, Project, ProjectKind, ProjectStatus, YearInvestment,
};

/// Restricts a per-project table to the projects of park `?1` (all parks when NULL).
const IN_PARK: &str = "WHERE project_id IN (SELECT id FROM project WHERE ?1 IS NULL OR park_id = ?1)";

fn date_opt(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let text = |i: usize| r.get::<_, String>(i);
    Ok(Project {
        id: r.get(0)?,
        park_id: r.get(1)?,
        zone_id: r.get(2)?,
        name: text(3)?,
        company: text(4)?,
        chain: text(5)?,
        kind: ProjectKind::from_code(&text(6)?).unwrap_or(ProjectKind::New),
        key_level: KeyLevel::from_code(&text(7)?).unwrap_or(KeyLevel::None),
        capacity: text(8)?,
        investment: r.get(9)?,
        currency: Currency::from_code(&text(10)?).unwrap_or(Currency::Cny),
        status: ProjectStatus::from_code(&text(11)?).unwrap_or(ProjectStatus::Reserve),
        signed_on: date_opt(r.get(12)?),
        started_on: date_opt(r.get(13)?),
        planned_completion: date_opt(r.get(14)?),
        completed_on: date_opt(r.get(15)?),
        plan_year: r.get(16)?,
        yearly: Vec::new(),
        progress: Vec::new(),
    })
}

fn validate(p: &Project) -> Result<String> {
    let name = clean_name(&p.name)?;
    for text in [&p.company, &p.chain, &p.capacity] {
        clean_text(text)?;
    }
    if p.investment.is_some_and(|x| !x.is_finite() || x < 0.0) {
        return Err(StoreError::Rule(Rule::NegativeInvestment));
    }
    if let (Some(a), Some(b)) = (p.started_on, p.completed_on)
        && b < a {
            return Err(StoreError::Rule(Rule::CompletionBeforeStart));
        }
    Ok(name)
}

fn write_yearly(tx: &Transaction<'_>, project_id: i64, yearly: &[YearInvestment]) -> Result<()> {
    tx.prepare_cached("DELETE FROM project_investment WHERE project_id = ?1")?.execute([project_id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO project_investment (project_id, year, amount) VALUES (?1, ?2, ?3)
         ON CONFLICT (project_id, year) DO UPDATE SET amount = excluded.amount",
    )?;
    for y in yearly {
        if !y.amount.is_finite() || y.amount < 0.0 {
            return Err(StoreError::Rule(Rule::NegativeYearlyInvestment));
        }
        stmt.execute(params![project_id, y.year, y.amount])?;
    }
    Ok(())
}

fn insert_progress(tx: &Transaction<'_>, project_id: i64, e: &ProgressEntry) -> Result<()> {
    clean_text(&e.note)?;
    tx.prepare_cached("INSERT INTO progress (project_id, date, note, status) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![project_id, e.date.to_string(), e.note, e.status.map(|s| s.code())])?;
    Ok(())
}

/// The project's columns as statement parameters ?1–?17, in the order of the INSERT;
/// ?18 is the id (used by the UPDATE only).
fn project_params(p: &Project, name: String) -> [rusqlite::types::Value; 18] {
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.trim().to_owned());
    let date = |d: Option<Date>| d.map_or(Value::Null, |d| Value::Text(d.to_string()));
    [
        Value::Integer(p.park_id),
        p.zone_id.map_or(Value::Null, Value::Integer),
        Value::Text(name),
        text(&p.company),
        text(&p.chain),
        text(p.kind.code()),
        text(p.key_level.code()),
        text(&p.capacity),
        p.investment.map_or(Value::Null, Value::Real),
        text(p.currency.code()),
        text(p.status.code()),
        date(p.signed_on),
        date(p.started_on),
        date(p.planned_completion),
        date(p.completed_on),
        p.plan_year.map_or(Value::Null, |y| Value::Integer(i64::from(y))),
        Value::Text(now()),
        Value::Integer(p.id),
    ]
}

/// Same parameters as the INSERT; the status (?11) is left alone here.
fn update_project_row(tx: &Transaction<'_>, p: &Project) -> Result<()> {
    let name = validate(p)?;
    let n = tx.execute(
        "UPDATE project SET park_id = ?1, zone_id = ?2, name = ?3, company = ?4, chain = ?5,
            kind = ?6, key_level = ?7, capacity = ?8, investment = ?9, currency = ?10,
            signed_on = ?12, started_on = ?13, planned_completion = ?14, completed_on = ?15,
            plan_year = ?16, updated_at = ?17
         WHERE id = ?18",
        rusqlite::params_from_iter(&project_params(p, name)),
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    write_yearly(tx, p.id, &p.yearly)
}

fn insert_project_row(tx: &Transaction<'_>, p: &Project) -> Result<i64> {
    let name = validate(p)?;
    let values = project_params(p, name);
    tx.prepare_cached(
        "INSERT INTO project (park_id, zone_id, name, company, chain, kind, key_level, capacity,
            investment, currency, status, signed_on, started_on, planned_completion, completed_on,
            plan_year, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(rusqlite::params_from_iter(&values[..17]))?;
    let id = tx.last_insert_rowid();
    write_yearly(tx, id, &p.yearly)?;
    for e in &p.progress {
        insert_progress(tx, id, e)?;
    }
    Ok(id)
}

impl Store {
    /// All projects with their yearly investment and progress log.
    pub fn projects(&self) -> Result<Vec<Project>> {
        self.load_projects(None)
    }

    /// One park's projects with their yearly investment and progress log.
    pub fn projects_of_park(&self, park_id: i64) -> Result<Vec<Project>> {
        self.load_projects(Some(park_id))
    }

    /// Loads projects in three queries rather than three per project.
    fn load_projects(&self, park: Option<i64>) -> Result<Vec<Project>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, park_id, zone_id, name, company, chain, kind, key_level, capacity, investment,
                    currency, status, signed_on, started_on, planned_completion, completed_on, plan_year
             FROM project WHERE ?1 IS NULL OR park_id = ?1 ORDER BY id",
        )?;
        let mut projects: Vec<Project> = stmt.query_map([park], project_from_row)?.collect::<Result<_, _>>()?;
        let index: HashMap<i64, usize> = projects.iter().enumerate().map(|(i, p)| (p.id, i)).collect();

        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT project_id, year, amount FROM project_investment {IN_PARK} ORDER BY project_id, year"))?;
        let mut rows = stmt.query([park])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
                projects[i].yearly.push(YearInvestment { year: r.get(1)?, amount: r.get(2)? });
            }
        }

        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT project_id, id, date, note, status FROM progress {IN_PARK} ORDER BY project_id, date, id"))?;
        let mut rows = stmt.query([park])?;
        while let Some(r) = rows.next()? {
            let Some(&i) = index.get(&r.get::<_, i64>(0)?) else { continue };
            let Some(date) = date_opt(r.get(2)?) else { continue };
            let status: Option<String> = r.get(4)?;
            projects[i].progress.push(ProgressEntry {
                id: r.get(1)?,
                date,
                note: r.get(3)?,
                status: status.as_deref().and_then(ProjectStatus::from_code),
            });
        }
        Ok(projects)
    }

    /// Inserts a project with its yearly investment and progress log; returns its id.
    pub fn insert_project(&mut self, p: &Project) -> Result<i64> {
        let ids = self.insert_projects(std::slice::from_ref(p))?;
        ids.into_iter().next().ok_or(StoreError::NotFound)
    }

    /// Inserts many projects in one transaction (imports, generated data): all or none.
    pub fn insert_projects(&mut self, projects: &[Project]) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(projects.len());
        for p in projects {
            ids.push(insert_project_row(&tx, p)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Saves the edited fields and yearly investment of a project. The status is changed
    /// only through [`Store::change_status`], so that every change is in the log.
    pub fn update_project(&mut self, p: &Project) -> Result<()> {
        let tx = self.conn.transaction()?;
        update_project_row(&tx, p)?;
        tx.commit()?;
        Ok(())
    }

    /// An import: values, new projects and changed projects in one transaction, all or
    /// nothing. A changed status is logged as a progress entry dated `today`.
    pub fn apply_import<'a>(&mut self, values: impl IntoIterator<Item = &'a NewValue>, new: &[Project], changed: &[Project], today: Date, source: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_import(&tx, values, new, changed, today, source)?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a project's status and logs it as a dated progress entry, in one
    /// transaction. Reaching 开工 or 建成投产 fills the start or completion date if empty.
    pub fn change_status(&mut self, project_id: i64, status: ProjectStatus, date: Date, note: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE project SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![project_id, status.code(), now()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let column = match status {
            ProjectStatus::Started | ProjectStatus::UnderConstruction => Some("started_on"),
            ProjectStatus::InProduction => Some("completed_on"),
            ProjectStatus::Signed => Some("signed_on"),
            _ => None,
        };
        if let Some(col) = column {
            tx.execute(
                &format!("UPDATE project SET {col} = ?2 WHERE id = ?1 AND {col} IS NULL"),
                params![project_id, date.to_string()],
            )?;
        }
        let entry = ProgressEntry { id: 0, date, note: note.trim().to_owned(), status: Some(status) };
        insert_progress(&tx, project_id, &entry)?;
        tx.commit()?;
        Ok(())
    }

    pub fn add_progress(&mut self, project_id: i64, date: Date, note: &str) -> Result<()> {
        if note.trim().is_empty() {
            return Err(StoreError::Rule(Rule::EmptyNote));
        }
        let tx = self.conn.transaction()?;
        insert_progress(&tx, project_id, &ProgressEntry { id: 0, date, note: note.trim().to_owned(), status: None })?;
        tx.commit()?;
        Ok(())
    }

    pub fn delete_project(&mut self, project_id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM project WHERE id = ?1", [project_id])?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}

/// An import's writes inside the caller's transaction (see [`Store::apply_import`]).
pub(super) fn write_import<'a>(tx: &rusqlite::Transaction<'_>, values: impl IntoIterator<Item = &'a NewValue>, new: &[Project], changed: &[Project], today: Date, source: &str) -> Result<()> {
    super::values::write_values(tx, values)?;
    for p in new {
        insert_project_row(tx, p)?;
    }
    for p in changed {
        update_project_row(tx, p)?;
        let old: String = tx.query_row("SELECT status FROM project WHERE id = ?1", [p.id], |r| r.get(0))?;
        if old != p.status.code() {
            tx.execute("UPDATE project SET status = ?2 WHERE id = ?1", params![p.id, p.status.code()])?;
            let note = format!("{source}：状态改为{}", p.status.label_zh());
            insert_progress(tx, p.id, &ProgressEntry { id: 0, date: today, note, status: Some(p.status) })?;
        }
    }
    Ok(())
}

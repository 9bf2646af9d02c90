//! The data every page reads (parks, the catalogue, the selected park's values and
//! projects), loaded from the store once and again only after a change, so that drawing a
//! frame never queries SQLite. Each area's own state (the chart, the report, the import
//! plan…) lives with the area, not here.

use crate::chart::Figure;
use crate::chart::build::{self, ChartChoice, ChartData};
use crate::domain::project::{LedgerSummary, Project, ledger_summary};
use crate::domain::value::{ValueKind, ValueSet};
use crate::domain::{Indicator, Park, Zone};
use crate::store::{ParkDependents, Store};

#[derive(Default)]
pub struct Cache {
    pub parks: Vec<Park>,
    pub zones: Vec<Zone>,
    pub indicators: Vec<Indicator>,
    /// The audit rules the clerk added (Settings → 审核规则).
    pub audit_rules: Vec<crate::domain::rule::UserRule>,
    pub chains: Vec<String>,
    /// The selected park, if any.
    pub park_id: Option<i64>,
    /// Values of the selected park.
    pub values: ValueSet,
    /// Projects of the selected park.
    pub projects: Vec<Project>,
    /// Years that have values or project activity in the selected park, newest first.
    pub years: Vec<i32>,
    /// The newest year with an actual or estimated figure (see [`Cache::latest_year`]).
    latest_outturn_year: Option<i32>,
    /// What a deletion of the selected park would take with it.
    pub dependents: ParkDependents,
    /// Bumped on every reload, so pages can tell their derived views are stale.
    pub generation: u64,
    /// Every park's projects, loaded only when the ledger shows all parks.
    pub all_projects: Option<Vec<Project>>,
    /// Every park's values, loaded only for the park-comparison chart.
    all_parks: Option<Vec<(String, ValueSet)>>,
    /// The audit's findings about the selected park's cells, by the cell each is about
    /// (worked out on every reload: a park's audit takes about 2 ms; BENCHMARKS.md).
    pub findings: rustc_hash::FxHashMap<crate::audit::Cell, Vec<crate::audit::Finding>>,
    /// The office's own names for indicators, remembered from imports and reviews, by
    /// [`crate::import::label_key`].
    pub label_mappings: std::collections::HashMap<String, i64>,
}

impl Cache {
    pub fn reload_all(&mut self, store: &Store, park_name: Option<&str>) -> anyhow::Result<()> {
        self.parks = store.parks()?;
        self.zones = store.zones()?;
        self.indicators = store.indicators()?;
        self.audit_rules = store.audit_rules()?;
        self.reload_label_mappings(store)?;
        let wanted = park_name.and_then(|n| self.parks.iter().find(|p| p.name == n)).map(|p| p.id);
        let park = wanted.or(self.park_id.filter(|id| self.parks.iter().any(|p| p.id == *id)));
        self.park_id = park.or_else(|| self.parks.first().map(|p| p.id));
        self.reload_park(store)
    }

    pub fn reload_label_mappings(&mut self, store: &Store) -> anyhow::Result<()> {
        self.label_mappings = store.label_mappings()?.into_iter().map(|(k, v)| (crate::import::label_key(&k), v)).collect();
        Ok(())
    }

    /// The indicator the office calls `label`: remembered, or the catalogue's name or synonym.
    pub fn indicator_named(&self, label: &str) -> Option<i64> {
        let remembered = self.label_mappings.get(&crate::import::label_key(label)).filter(|id| self.indicators.iter().any(|i| i.id == **id));
        remembered.copied().or_else(|| crate::import::map_indicator(label, &self.indicators).map(|i| i.id))
    }

    /// Reloads parks and zones (after a park or zone edit) and the selected park's data.
    pub fn reload_parks(&mut self, store: &Store) -> anyhow::Result<()> {
        self.parks = store.parks()?;
        self.zones = store.zones()?;
        if !self.park_id.is_some_and(|id| self.parks.iter().any(|p| p.id == id)) {
            self.park_id = self.parks.first().map(|p| p.id);
        }
        self.reload_park(store)
    }

    /// Reloads the selected park's values and projects.
    pub fn reload_park(&mut self, store: &Store) -> anyhow::Result<()> {
        self.generation += 1;
        self.all_parks = None;
        self.all_projects = None;
        let Some(park_id) = self.park_id else {
            self.values = ValueSet::default();
            self.projects.clear();
            self.years.clear();
            self.latest_outturn_year = None;
            self.findings.clear();
            return Ok(());
        };
        let values = store.values_for_park(park_id)?;
        self.projects = store.projects_of_park(park_id)?;
        self.findings.clear();
        let data = crate::audit::ParkData { park_id, values: &values, indicators: &self.indicators, projects: &self.projects, user_rules: &self.audit_rules };
        for f in crate::audit::audit_park(&data) {
            if let Some(cell) = f.cells.first() {
                self.findings.entry(*cell).or_default().push(f);
            }
        }
        self.values = ValueSet::new(values);
        self.chains = store.chains()?;
        self.dependents = store.park_dependents(park_id)?;
        let mut years: Vec<i32> = self.values.iter().map(|v| v.period.year).collect();
        for p in &self.projects {
            years.extend(p.yearly.iter().map(|y| y.year));
            years.extend([p.started_on, p.completed_on].into_iter().flatten().map(|d| i32::from(d.year())));
        }
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        self.years = years;
        self.latest_outturn_year = self.values.iter().filter(|v| v.kind != ValueKind::Target).map(|v| v.period.year).max();
        Ok(())
    }

    /// Builds the figure for `choice` from the cached data (loading every park's values
    /// first if the chart compares parks).
    pub fn figure(&mut self, store: &Store, choice: &ChartChoice) -> anyhow::Result<Figure> {
        if choice.needs_all_parks() && self.all_parks.is_none() {
            self.all_parks = Some(store.values_by_park()?);
        }
        let park_name = self.park().map(|p| p.name.clone()).unwrap_or_default();
        let data = ChartData {
            park_name: &park_name,
            indicators: &self.indicators,
            values: &self.values,
            projects: &self.projects,
            all_parks: self.all_parks.as_deref().unwrap_or_default(),
        };
        Ok(build::figure(choice, &data))
    }

    pub fn park(&self) -> Option<&Park> {
        self.park_id.and_then(|id| self.parks.iter().find(|p| p.id == id))
    }

    pub fn zones_of(&self, park_id: i64) -> impl Iterator<Item = &Zone> {
        self.zones.iter().filter(move |z| z.park_id == park_id)
    }

    pub fn zone_name(&self, zone_id: Option<i64>) -> Option<&str> {
        zone_id.and_then(|id| self.zones.iter().find(|z| z.id == id)).map(|z| z.name.as_str())
    }

    pub fn indicator(&self, id: i64) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The projects the ledger lists: the selected park's, or every park's once loaded.
    pub fn ledger_projects(&self, all_parks: bool) -> &[Project] {
        match (&self.all_projects, all_parks) {
            (Some(all), true) => all,
            _ => &self.projects,
        }
    }

    pub fn ledger_summary(&self, year: i32, all_parks: bool) -> LedgerSummary {
        ledger_summary(self.ledger_projects(all_parks), year)
    }

    pub fn park_name(&self, park_id: i64) -> &str {
        self.parks.iter().find(|p| p.id == park_id).map_or("", |p| p.name.as_str())
    }

    /// The most recent year with an actual or estimated figure (a year that has only
    /// next year's targets is not "latest"), else any year with data, else this year.
    pub fn latest_year(&self) -> i32 {
        self.latest_outturn_year
            .or_else(|| self.years.first().copied())
            .unwrap_or_else(|| i32::from(jiff::Zoned::now().year()))
    }
}

//! 上报 between a park and the county that adds the parks up. The park makes a package
//! ([`make_package`]): its figures for the period and the same period last year, its
//! projects, what the audit found, and a manifest with a version that grows with each
//! package of the same park and period. The county checks a package before anything is
//! written ([`open_package`]): a file changed or cut on the way is refused.
//!
//! Receiving ([`receive`]) plans the figures as an import would (the same add/change
//! preview, the county's audit), creates the park on its first package, and keeps only a
//! newer version. The county's totals (汇总) are still to come.

use std::path::Path;

use crate::domain::package::{Content, FORMAT_VERSION, Manifest, Package, PackageError, PackageFinding, PackageProject, PackageValue};
use crate::domain::{Park, Period};
use crate::store::Store;

/// The setting that remembers the last version sent for a park and period.
fn version_key(park_id: i64, period: Period) -> String {
    format!("package_version:{park_id}:{}:{}-{}", period.year, period.start_month, period.end_month)
}

/// A park's package for `period`, with the next version number (remembered in the park's
/// database, so the county can tell a resubmission from an old copy).
pub fn make_package(store: &Store, park: &Park, period: Period) -> anyhow::Result<Package> {
    let indicators = store.indicators()?;
    // Loaded once: the package's rows and the audit that goes with them read the same data.
    let (stored, all_projects) = (store.values_for_park(park.id)?, store.projects_of_park(park.id)?);
    let last_year = period.same_span_last_year();
    let values: Vec<PackageValue> = stored
        .iter()
        .filter(|v| v.period == period || v.period == last_year)
        .filter_map(|v| {
            let ind = indicators.iter().find(|i| i.id == v.indicator_id)?;
            Some(PackageValue {
                indicator: ind.name_zh.clone(),
                unit: ind.unit.clone(),
                period: v.period,
                kind: v.kind,
                value: v.value,
                reported_yoy: v.reported_yoy,
                source: v.source.clone(),
                explanation: v.explanation.clone(),
            })
        })
        .collect();
    let projects: Vec<PackageProject> = all_projects
        .iter()
        .filter(|p| crate::report::draft::in_report_year(p, period.year))
        .map(|p| PackageProject {
            invested_in_year: p.invested_in(period.year),
            name: p.name.clone(),
            status: p.status.code().to_owned(),
            investment: p.investment,
            currency: p.currency.code().to_owned(),
        })
        .collect();
    // What the audit finds in the period's figures, in Chinese: the county reads them.
    let findings: Vec<PackageFinding> = crate::i18n::in_lang(crate::i18n::Lang::Zh, || {
        let user_rules = store.audit_rules()?;
        let data = crate::audit::ParkData { park_id: park.id, values: &stored, indicators: &indicators, projects: &all_projects, user_rules: &user_rules };
        anyhow::Ok(
            crate::audit::audit_park(&data)
                .into_iter()
                .filter(|f| f.cells.first().is_none_or(|c| c.period == period))
                .map(|f| PackageFinding {
                    rule: f.rule.to_owned(),
                    level: if f.level == crate::audit::Level::Error { "error" } else { "warning" }.to_owned(),
                    message: f.message(&indicators),
                    explanation: f.explanation.clone(),
                })
                .collect(),
        )
    })?;
    let key = version_key(park.id, period);
    let version = store.setting(&key)?.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0) + 1;
    let content = Content { values, projects, findings };
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        park: park.name.clone(),
        period,
        version,
        created_at: jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S").to_string(),
        program_version: env!("CARGO_PKG_VERSION").to_owned(),
        content_sha256: content.sha256(),
    };
    Ok(Package { manifest, content })
}

/// Writes the package and only then counts its version as sent.
pub fn save_package(store: &mut Store, park: &Park, package: &Package, path: &Path) -> anyhow::Result<()> {
    crate::store::package::write_package(path, package)?;
    store.set_setting(&version_key(park.id, package.manifest.period), &package.manifest.version.to_string())?;
    Ok(())
}

/// Reads a package and checks it is the one the park made (manifest and hash).
pub fn open_package(path: &Path) -> Result<Package, PackageError> {
    let package = crate::store::package::read_package(path)?;
    package.verify()?;
    Ok(package)
}

/// What receiving a package does, or would do with `--dry-run`.
#[derive(Debug)]
pub struct Receipt {
    /// The park as the county knows it (created on its first package).
    pub park: String,
    /// The package named the park otherwise (spacing, full-width characters).
    pub spelled: Option<String>,
    pub new_park: bool,
    /// Indicators created (or, on a dry run, to be created) for the park's own ones.
    pub indicators_created: Vec<String>,
    pub period: Period,
    pub version: i64,
    /// The add/change preview, with what the county's audit finds in the figures.
    pub plan: crate::import::ImportPlan,
}

/// A park name with spaces dropped and full-width letters, digits and brackets made
/// half-width: `正阳工业园区（一期）` and `正阳工业园区(一期) ` are one park.
fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).map(crate::domain::period::half_width).collect()
}

/// The setting that remembers the version received for a park and period.
fn received_key(park: &str, period: Period) -> String {
    format!("received_version:{}:{}:{}-{}", name_key(park), period.year, period.start_month, period.end_month)
}

/// Plans a package into the county's database and, unless `dry_run`, writes it: the
/// figures as one recorded import (the history keeps every version received, with its
/// number and the time), the park created on its first package. An older or equal version
/// than one already received is refused.
pub fn receive(store: &mut Store, package: &Package, dry_run: bool) -> anyhow::Result<Receipt> {
    let m = &package.manifest;
    let key = received_key(&m.park, m.period);
    if let Some(had) = store.setting(&key)?.and_then(|v| v.parse::<i64>().ok())
        && m.version <= had
    {
        anyhow::bail!(crate::i18n::trf("receive.not_newer", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &had]));
    }
    let known = store.parks()?.into_iter().find(|p| name_key(&p.name) == name_key(&m.park));
    let spelled = known.as_ref().filter(|p| p.name != m.park).map(|_| m.park.clone());
    let new_park = known.is_none();
    let park_id = match (&known, dry_run) {
        (Some(p), _) => p.id,
        (None, true) => 0,
        (None, false) => store.insert_park(&Park { id: 0, name: m.park.trim().to_owned(), level: String::new(), region: String::new(), notes: String::new() })?,
    };
    // An indicator the park added that the county's catalogue lacks is created from the
    // package's name and unit (as 经济运行, a flow: the package does not say more), so no
    // figure is dropped; a dry run says it would be.
    let mut indicators = store.indicators()?;
    let in_catalogue = |inds: &[crate::domain::Indicator], name: &str| inds.iter().any(|i| i.name_zh == name) || crate::import::map_indicator(name, inds).is_some();
    let mut missing: Vec<(String, String)> = package.content.values.iter().filter(|v| !in_catalogue(&indicators, &v.indicator)).map(|v| (v.indicator.clone(), v.unit.clone())).collect();
    missing.sort();
    missing.dedup_by(|a, b| a.0 == b.0);
    if !dry_run {
        for (name, unit) in &missing {
            let counted = ["个", "家", "人", "项", "座", "起"].contains(&unit.as_str());
            store.insert_indicator(&crate::domain::Indicator {
                id: 0,
                name_zh: name.clone(),
                name_en: name.clone(),
                unit: unit.clone(),
                category: crate::domain::indicator::Category::Economy,
                precision: if counted { 0 } else { 2 },
                nature: crate::domain::indicator::Nature::Flow,
                parent: None,
                builtin: false,
                sort_order: 0,
            })?;
        }
        indicators = store.indicators()?;
    }
    let figures: Vec<crate::import::Reviewed> = package
        .content
        .values
        .iter()
        .filter_map(|v| {
            let ind = indicators.iter().find(|i| i.name_zh == v.indicator).or_else(|| crate::import::map_indicator(&v.indicator, &indicators))?;
            Some(crate::import::Reviewed { indicator_id: ind.id, period: v.period, kind: v.kind, value: v.value, unit: v.unit.clone(), yoy: v.reported_yoy, sentence: v.indicator.clone() })
        })
        .collect();
    let source = crate::i18n::in_lang(crate::i18n::Lang::Zh, || {
        crate::i18n::trf("receive.source", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &m.created_at])
    });
    let mut plan = crate::import::plan_reviewed(store, park_id, &figures, &source)?;
    let note = if dry_run { "receive.would_create_indicator" } else { "receive.created_indicator" };
    let indicators_created: Vec<String> = missing.iter().map(|(name, unit)| crate::i18n::trf(note, &[name, unit])).collect();
    plan.audit(store)?;
    let park = known.map_or_else(|| m.park.trim().to_owned(), |p| p.name);
    if !dry_run {
        plan.commit_recorded(store, Some(park_id))?;
        // The park's explanations of its warnings come with their figures.
        // One the county's rules refuse (too short, a stock phrase) is listed, not lost.
        for v in package.content.values.iter().filter(|v| v.explanation.is_some()) {
            if let Some(ind) = indicators.iter().find(|i| i.name_zh == v.indicator)
                && let Err(e) = store.explain_value(park_id, ind.id, v.period, v.kind, v.explanation.as_deref())
            {
                plan.skips.push(crate::i18n::trf("receive.explanation_refused", &[&v.indicator, &e]));
            }
        }
        store.set_setting(&key, &m.version.to_string())?;
    }
    Ok(Receipt { park, spelled, new_park, indicators_created, period: m.period, version: m.version, plan })
}

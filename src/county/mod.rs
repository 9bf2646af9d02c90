//! 上报 between a park and the county that adds the parks up. The park makes a package
//! ([`make_package`]): its figures for the period and the same period last year, its
//! projects, what the audit found, and a manifest with a version that grows with each
//! package of the same park and period. The county checks a package before anything is
//! written ([`open_package`]): a file changed or cut on the way is refused.
//!
//! Receiving ([`receive`]) plans the figures as an import would (the same add/change
//! preview, the county's audit), creates the park on its first package, and keeps only a
//! newer version. The county's totals (汇总) are [`totals`]; [`sheet`] writes them as the
//! 汇总表 the county sends further up, and [`report`] drafts the county's own summary.

pub mod report;
pub mod sheet;
pub mod totals;

use std::path::Path;

use crate::domain::package::{Content, FORMAT_VERSION, Manifest, Package, PackageError, PackageFinding, PackageProject, PackageValue, ReceivedPackage};
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
                derivation: v.derivation.clone(),
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

/// Where yesterday's build kept the version received (a setting by park name), read so
/// that a package already received is not taken again.
fn old_received_key(park: &str, period: Period) -> String {
    format!("received_version:{}:{}:{}-{}", name_key(park), period.year, period.start_month, period.end_month)
}

/// Plans a package into the county's database and, unless `dry_run`, writes it: the
/// figures, the projects and the explanations, with the record of the version, in one
/// transaction recorded as one step (the history keeps every version received, with its
/// number and the time), the park created on its first package. An older or equal
/// version than the one that stands is refused.
pub fn receive(store: &mut Store, package: &Package, dry_run: bool) -> anyhow::Result<Receipt> {
    let m = &package.manifest;
    let known = store.parks()?.into_iter().find(|p| name_key(&p.name) == name_key(&m.park));
    let had = match &known {
        Some(p) => store.received_version(p.id, m.period)?,
        None => None,
    }
    .or(store.setting(&old_received_key(&m.park, m.period))?.and_then(|v| v.parse::<i64>().ok()));
    if let Some(had) = had
        && m.version <= had
    {
        anyhow::bail!(crate::i18n::trf("receive.not_newer", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &had]));
    }
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
    let indicator_of = |name: &str| indicators.iter().find(|i| i.name_zh == name).or_else(|| crate::import::map_indicator(name, &indicators));
    let figures: Vec<crate::import::Reviewed> = package
        .content
        .values
        .iter()
        .filter_map(|v| {
            let ind = indicator_of(&v.indicator)?;
            Some(crate::import::Reviewed { indicator_id: ind.id, period: v.period, kind: v.kind, value: v.value, unit: v.unit.clone(), yoy: v.reported_yoy, sentence: v.indicator.clone() })
        })
        .collect();
    let source = crate::i18n::in_lang(crate::i18n::Lang::Zh, || {
        crate::i18n::trf("receive.source", &[&m.park, &crate::i18n::period_label(m.period), &m.version, &m.created_at])
    });
    let mut plan = crate::import::plan_reviewed(store, park_id, &figures, &source)?;
    // A worked-back figure stays marked as one at the county.
    for planned in plan.adds.iter_mut().chain(plan.changes.iter_mut()) {
        let v = &mut planned.value;
        let sent = package.content.values.iter().find(|p| p.period == v.period && p.kind == v.kind && p.derivation.is_some() && indicator_of(&p.indicator).is_some_and(|i| i.id == v.indicator_id));
        if let Some(sent) = sent {
            v.derivation.clone_from(&sent.derivation);
        }
    }
    plan_projects(store, park_id, package, &mut plan)?;
    let note = if dry_run { "receive.would_create_indicator" } else { "receive.created_indicator" };
    let indicators_created: Vec<String> = missing.iter().map(|(name, unit)| crate::i18n::trf(note, &[name, unit])).collect();
    // The park's explanations of its warnings come with their figures. One the county's
    // rules refuse (too short, a stock phrase) is listed, not lost.
    let mut explained = Vec::new();
    for v in &package.content.values {
        let (Some(text), Some(ind)) = (v.explanation.as_deref(), indicator_of(&v.indicator)) else { continue };
        match crate::domain::value::check_explanation(text) {
            Ok(_) => explained.push(crate::store::Explained { indicator_id: ind.id, period: v.period, kind: v.kind, text: text.trim() }),
            Err(e) => {
                let why = crate::i18n::tr(match e {
                    crate::domain::value::ExplanationError::TooShort => "rule.short_explanation",
                    crate::domain::value::ExplanationError::Stock => "rule.stock_explanation",
                });
                plan.skips.push(crate::i18n::trf("receive.explanation_refused", &[&v.indicator, &why]));
            }
        }
    }
    plan.audit(store)?;
    let park = known.map_or_else(|| m.park.trim().to_owned(), |p| p.name);
    if !dry_run {
        let received = ReceivedPackage {
            park_id,
            period: m.period,
            version: m.version,
            made_at: m.created_at.clone(),
            received_at: jiff::Zoned::now().strftime("%Y-%m-%d %H:%M:%S").to_string(),
            content_sha256: m.content_sha256.clone(),
        };
        let label = crate::domain::change::ChangeLabel::Import { source: source.clone(), rows: plan.writes() }.encode();
        let values: Vec<&crate::store::NewValue> = plan.adds.iter().chain(&plan.changes).map(|p| &p.value).collect();
        let new: Vec<_> = plan.project_adds.iter().map(|(p, _)| p.clone()).collect();
        let changed: Vec<_> = plan.project_changes.iter().map(|(p, _)| p.clone()).collect();
        let today = jiff::Zoned::now().date();
        store.record(&label, Some(park_id), |s| s.apply_received(values, &new, &changed, &explained, &received, today, "上报包"))?;
    }
    Ok(Receipt { park, spelled, new_park, indicators_created, period: m.period, version: m.version, plan })
}

/// The package's projects into the plan, matched by name to the park's projects in the
/// county: status, total investment and the year's investment. Dates and the rest of the
/// ledger stay the park's; the county sees what it sums.
fn plan_projects(store: &Store, park_id: i64, package: &Package, plan: &mut crate::import::ImportPlan) -> anyhow::Result<()> {
    use crate::domain::project::{Currency, ProjectStatus, YearInvestment};
    let year = package.manifest.period.year;
    let existing = if park_id == 0 { Vec::new() } else { store.projects_of_park(park_id)? };
    for pp in &package.content.projects {
        let (Some(status), Some(currency)) = (ProjectStatus::from_code(&pp.status), Currency::from_code(&pp.currency)) else {
            plan.skips.push(crate::i18n::trf("receive.project_unreadable", &[&pp.name]));
            continue;
        };
        let old = existing.iter().find(|p| p.name == pp.name.trim());
        let mut p = old.cloned().unwrap_or_else(|| crate::domain::Project::new(park_id, &pp.name));
        p.status = status;
        p.currency = currency;
        p.investment = pp.investment;
        p.yearly.retain(|y| y.year != year);
        if pp.invested_in_year != 0.0 {
            p.yearly.push(YearInvestment { year, amount: pp.invested_in_year });
            p.yearly.sort_by_key(|y| y.year);
        }
        let place = pp.name.chars().take(40).collect::<String>();
        match old {
            None => plan.project_adds.push((p, place)),
            Some(o) if crate::import::projects::same_project(o, &p) => plan.unchanged += 1,
            Some(_) => plan.project_changes.push((p, place)),
        }
    }
    Ok(())
}

/// The county's totals for `period`, from what the parks reported (see [`totals`]).
pub fn consolidation(store: &Store, period: Period) -> anyhow::Result<totals::Consolidation> {
    let parks = store.parks()?;
    let indicators = store.indicators()?;
    let values = store.values_in_periods(&[period, period.same_span_last_year()])?;
    let received = store.received_packages(period)?;
    Ok(totals::consolidate(period, &parks, &indicators, &values, &received))
}

//! 上报 between a park and the county that adds the parks up. The park makes a package
//! ([`make_package`]): its figures for the period and the same period last year, its
//! projects, what the audit found, and a manifest with a version that grows with each
//! package of the same park and period. The county checks a package before anything is
//! written ([`open_package`]): a file changed or cut on the way is refused.
//!
//! Receiving into the county's database and the county's totals are still to come (issue
//! "County consolidation"); the format and its checks are settled here first.

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
pub fn make_package(store: &mut Store, park: &Park, period: Period) -> anyhow::Result<Package> {
    let indicators = store.indicators()?;
    let last_year = period.same_span_last_year();
    let values: Vec<PackageValue> = store
        .values_for_park(park.id)?
        .into_iter()
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
                source: v.source,
                explanation: v.explanation,
            })
        })
        .collect();
    let projects: Vec<PackageProject> = store
        .projects_of_park(park.id)?
        .into_iter()
        .filter(|p| crate::report::draft::in_report_year(p, period.year))
        .map(|p| PackageProject {
            invested_in_year: p.invested_in(period.year),
            name: p.name,
            status: p.status.code().to_owned(),
            investment: p.investment,
            currency: p.currency.code().to_owned(),
        })
        .collect();
    // What the audit finds in the period's figures, in Chinese: the county reads them.
    let findings: Vec<PackageFinding> = crate::i18n::in_lang(crate::i18n::Lang::Zh, || {
        let (values, projects) = (store.values_for_park(park.id)?, store.projects_of_park(park.id)?);
        let user_rules = store.audit_rules()?;
        let data = crate::audit::ParkData { park_id: park.id, values: &values, indicators: &indicators, projects: &projects, user_rules: &user_rules };
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
    let package = Package { manifest, content };
    Ok(package)
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

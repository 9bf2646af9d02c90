//! What the audit (审核) would find about the figures an import writes: shown in the
//! preview, so a clerk sees a part above its total or a unit slip before the figures go
//! in, not after.

use crate::audit::{Finding, ParkData, audit_values};
use crate::domain::value::IndicatorValue;
use crate::store::Store;

use super::ImportPlan;

impl ImportPlan {
    /// Fills [`ImportPlan::findings`]: the findings, in the parks the plan writes to, that
    /// involve a figure it writes: what the import would bring (or leave standing in a
    /// figure it rewrites). A finding about figures the import does not touch was there
    /// before and is not repeated. Separate from planning (the window runs it on the
    /// import's job, after the plan), and measured apart in the bench.
    pub fn audit(&mut self, store: &Store) -> anyhow::Result<()> {
        let indicators = store.indicators()?;
        let user_rules = store.audit_rules()?;
        let mut parks: Vec<i64> = self.adds.iter().chain(&self.changes).map(|p| p.value.park_id).collect();
        parks.sort_unstable();
        parks.dedup();
        let mut out = Vec::new();
        for park_id in parks {
            let stored = store.values_for_park(park_id)?;
            let by_key: rustc_hash::FxHashMap<_, &IndicatorValue> = stored.iter().map(|v| ((v.indicator_id, v.period, v.kind), v)).collect();
            // The written figures as they would be stored (only what the rules read).
            let written: Vec<IndicatorValue> = self
                .adds
                .iter()
                .chain(&self.changes)
                .map(|p| &p.value)
                .filter(|v| v.park_id == park_id)
                .map(|v| {
                    let old = by_key.get(&(v.indicator_id, v.period, v.kind));
                    IndicatorValue {
                        id: old.map_or(0, |o| o.id),
                        park_id: v.park_id,
                        indicator_id: v.indicator_id,
                        period: v.period,
                        kind: v.kind,
                        value: v.value,
                        entered: None,
                        reported_yoy: v.reported_yoy,
                        source: String::new(),
                        derivation: None,
                        updated_at: String::new(),
                        // An explanation stays with its cell when the figure is written over.
                        explanation: old.and_then(|o| o.explanation.clone()),
                    }
                })
                .collect();
            let keys: rustc_hash::FxHashSet<_> = written.iter().map(|v| (v.indicator_id, v.period, v.kind)).collect();
            let values: Vec<&IndicatorValue> = stored.iter().filter(|v| !keys.contains(&(v.indicator_id, v.period, v.kind))).chain(&written).collect();
            let projects = store.projects_of_park(park_id)?;
            let data = ParkData { park_id, values: &[], indicators: &indicators, projects: &projects, user_rules: &user_rules };
            let touches = |f: &Finding| f.cells.iter().any(|c| keys.contains(&(c.indicator_id, c.period, c.kind)));
            out.extend(audit_values(&data, &values).into_iter().filter(touches));
        }
        out.sort_by_key(|f| (f.level, f.park_id, f.cells.first().map(|c| (c.indicator_id, c.period))));
        self.findings = out;
        Ok(())
    }
}

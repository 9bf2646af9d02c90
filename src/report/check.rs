//! What a report would send out wrong, said before it is exported: a heading with nothing
//! under it (left out of the export), a data block with nothing to show, a count the
//! statistics state that the ledger counts otherwise, a stated YoY the figures do not
//! give, a drafted part the data has moved on from. None of these stops the export; each
//! says where to look.

use super::spec::{Drafted, Part, section_range};
use super::{ReportData, ReportSpec, heading_text};
use crate::domain::project::ledger_summary;
use crate::i18n::trf;

/// Where a notice points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A part of the document (its index).
    Part(usize),
    /// An indicator's figures.
    Indicator(i64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub target: Target,
}

/// The notices for `spec`, in document order, then the figures'.
pub fn check(spec: &ReportSpec, data: &ReportData<'_>) -> Vec<Notice> {
    let mut out = Vec::new();
    let period = spec.period;
    let mut fresh = spec.clone();
    fresh.regenerate(data);
    for (i, part) in spec.parts.iter().enumerate() {
        match part {
            Part::Heading { text, .. } => {
                let range = section_range(&spec.parts, i);
                let empty = spec.parts[range.start + 1..range.end].iter().all(|p| prints_nothing(p, spec, data));
                if empty {
                    let name = if heading_text(text).is_empty() { trf("check.untitled", &[&(i + 1)]) } else { heading_text(text).to_owned() };
                    out.push(Notice { text: trf("check.empty_section", &[&name]), target: Target::Part(i) });
                }
            }
            Part::Drafted { source, text, .. } => {
                let now = match &fresh.parts[i] {
                    Part::Drafted { text, .. } => text.as_str(),
                    _ => "",
                };
                if let Part::Drafted { generated, .. } = part
                    && generated != now
                    && !now.is_empty()
                {
                    let key = if text == generated { "check.drafted_stale" } else { "check.drafted_stale_edited" };
                    out.push(Notice { text: trf(key, &[&drafted_name(*source)]), target: Target::Part(i) });
                }
            }
            Part::IndicatorTable | Part::ProjectTable | Part::Charts | Part::ParksTable if prints_nothing(part, spec, data) => {
                out.push(Notice { text: trf("check.block_empty", &[&block_name(part)]), target: Target::Part(i) });
            }
            _ => {}
        }
    }
    // Counts the statistics state against what the ledger counts for the year.
    let ledger = ledger_summary(data.projects, period.year);
    let in_ledger = data.projects.iter().any(|p| super::draft::in_report_year(p, period.year));
    for (names, counted) in [
        (&["开复工项目数"][..], ledger.active),
        (&["开工项目数", "新开工项目数"][..], ledger.started_this_year),
        (&["建成投产项目数", "竣工投产项目数"][..], ledger.completed),
    ] {
        let stated = data.indicators.iter().filter(|i| spec.indicator_ids.contains(&i.id) && names.contains(&i.name_zh.as_str())).find_map(|i| {
            let v = data.values.outturn(i.id, period)?.value?;
            Some((i, v))
        });
        if let Some((ind, v)) = stated
            && in_ledger
            && counted > 0
            && (v - counted as f64).abs() > 0.5
        {
            out.push(Notice { text: trf("check.count_differs", &[&ind.name(crate::i18n::is_english()), &super::draft::number(v, 0), &counted]), target: Target::Indicator(ind.id) });
        }
    }
    // A stated YoY the figures do not give.
    for ind in data.indicators.iter().filter(|i| spec.indicator_ids.contains(&i.id)) {
        let Some(v) = data.values.outturn(ind.id, period) else { continue };
        let yoy = data.values.yoy(ind.id, period, v.kind);
        if let (Some(stated), Some(computed)) = (yoy.reported, yoy.computed)
            && (stated - computed).abs() > 0.1
        {
            let fmt = |x: f64| super::draft::number(x, 2);
            out.push(Notice { text: trf("check.yoy_differs", &[&ind.name(crate::i18n::is_english()), &fmt(stated), &fmt(computed)]), target: Target::Indicator(ind.id) });
        }
    }
    out
}

/// Whether a part prints nothing: empty text, a table without rows, no charts chosen.
fn prints_nothing(part: &Part, spec: &ReportSpec, data: &ReportData<'_>) -> bool {
    match part {
        Part::Heading { .. } => true,
        Part::Text { text } | Part::Drafted { text, .. } => text.chars().all(|c| c.is_whitespace() || matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')),
        Part::IndicatorTable => super::indicator_table(spec, data).rows.is_empty(),
        Part::ProjectTable => super::project_table(spec, data).rows.is_empty(),
        Part::Charts => spec.charts.is_empty(),
        Part::ParksTable => data.parks_table.as_ref().is_none_or(|t| t.rows.is_empty()),
    }
}

fn drafted_name(source: Drafted) -> &'static str {
    crate::i18n::tr(match source {
        Drafted::Indicators => "report.drafted_indicators",
        Drafted::Ledger => "report.drafted_ledger",
        Drafted::Targets => "report.drafted_targets",
    })
}

fn block_name(part: &Part) -> &'static str {
    crate::i18n::tr(match part {
        Part::IndicatorTable => "report.add_indicator_table",
        Part::ProjectTable => "report.add_project_table",
        Part::ParksTable => "report.add_parks_table",
        _ => "report.add_charts",
    })
}

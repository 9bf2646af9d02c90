//! What the clerk writes and chooses for one park and period ([`ReportSpec`]): the whole
//! document as a list of [`Part`]s the clerk controls — headings at four levels (一、,
//! （一）, 1., （1）) numbered when printed, free text, text drafted from the data and then
//! edited, and the data blocks (the indicator table, the key projects, the charts) placed
//! where the clerk wants them — with the opening paragraph, the issuing office (署名), the
//! date (成文日期) and the optional 版记.
//!
//! A new report starts from the shape of the park's previous report, or else from the
//! seeds' shape. Reports stored before the document was a list of parts (five fixed text
//! fields) open in this model ([`from_stored`]).

use serde::{Deserialize, Serialize};

use super::Layout;
use crate::chart::build::ChartChoice;
use crate::domain::period::Period;

/// Text drafted from the data: which draft a [`Part::Drafted`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Drafted {
    /// The indicator sentences (`预计完成规上工业企业产值56.8亿元，同比增长30.5%`).
    Indicators,
    /// The ledger paragraph (开复工, 建成投产, investment) and the key projects.
    Ledger,
    /// Next year's (or the second half's) recorded targets.
    Targets,
}

/// One part of the document, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Part {
    /// A heading, `level` 1 to 4; the number (一、 （一） 1. （1）) is added when printed.
    Heading { level: u8, text: String },
    /// The clerk's own text, a paragraph per line.
    Text { text: String },
    /// Text drafted from the data and perhaps edited; `generated` is the draft as last
    /// made, to tell whether the clerk has changed it.
    Drafted { source: Drafted, text: String, generated: String },
    /// 主要指标完成情况表: the chosen indicators.
    IndicatorTable,
    /// The key projects' table.
    ProjectTable,
    /// The charts chosen.
    Charts,
    /// The county's summary: each park's main figures, one row per park and a total.
    ParksTable,
}

impl Part {
    pub fn is_heading(&self) -> bool {
        matches!(self, Part::Heading { .. })
    }

    pub fn level(&self) -> Option<u8> {
        match self {
            Part::Heading { level, .. } => Some(*level),
            _ => None,
        }
    }
}

/// What the clerk wrote and chose for one park and period. Stored as it is typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSpec {
    pub park_id: i64,
    pub period: Period,
    pub title: String,
    pub layout: Layout,
    /// The paragraph before 一、 (开头段).
    pub opening: String,
    pub parts: Vec<Part>,
    /// 署名: the issuing office, under the text.
    pub issuer: String,
    /// 成文日期 as written under the issuer (`2021年12月30日`).
    pub date: String,
    /// 版记: 分送 (or 抄送), the 印发机关 and the 印发日期; left out when all are empty.
    pub copy_to: String,
    pub printed_by: String,
    pub printed_on: String,
    /// Indicators in the sentences and the table.
    pub indicator_ids: Vec<i64>,
    pub charts: Vec<ChartChoice>,
    /// The projects the key projects' table lists, as the clerk ticked them; `None` for
    /// the year's key projects.
    pub project_ids: Option<Vec<i64>>,
    /// RFC 3339; also the PDF's creation date, so that two exports of one report match.
    pub updated_at: String,
}

impl Default for ReportSpec {
    fn default() -> Self {
        Self {
            park_id: 0,
            period: Period::full_year(2021),
            title: String::new(),
            layout: Layout::Gongwen,
            opening: String::new(),
            parts: Vec::new(),
            issuer: String::new(),
            date: String::new(),
            copy_to: String::new(),
            printed_by: String::new(),
            printed_on: String::new(),
            indicator_ids: Vec::new(),
            charts: Vec::new(),
            project_ids: None,
            updated_at: String::new(),
        }
    }
}

/// The heading of the last part: next year's work, or the second half's.
pub fn plan_heading(period: Period) -> String {
    if period.is_full_year() { format!("{}年工作安排", period.year + 1) } else { "下半年工作计划".to_owned() }
}

/// The seeds' shape: 一、主要指标完成情况 (the drafted sentences, the table, the charts),
/// 二、主要工作及成效 with （一）重点项目建设 (the ledger paragraph and the key projects),
/// 三、存在问题, 四、next year's work with the recorded targets.
pub fn seeds_shape(period: Period) -> Vec<Part> {
    let heading = |level: u8, text: &str| Part::Heading { level, text: text.to_owned() };
    let drafted = |source| Part::Drafted { source, text: String::new(), generated: String::new() };
    vec![
        heading(1, "主要指标完成情况"),
        drafted(Drafted::Indicators),
        Part::IndicatorTable,
        Part::Charts,
        heading(1, "主要工作及成效"),
        Part::Text { text: String::new() },
        heading(2, "重点项目建设"),
        drafted(Drafted::Ledger),
        Part::ProjectTable,
        heading(1, "存在问题"),
        Part::Text { text: String::new() },
        heading(1, &plan_heading(period)),
        drafted(Drafted::Targets),
        Part::Text { text: String::new() },
    ]
}

/// The shape of an earlier report for a new period: its headings (years in them moved on
/// by as many years as the periods differ), its drafted parts and data blocks; its own
/// words are last period's and are left behind, as are its opening and 成文日期.
pub fn shape_of(previous: &ReportSpec, period: Period) -> Vec<Part> {
    let shift = period.year - previous.period.year;
    let move_years = |text: &str| -> String {
        if shift == 0 {
            return text.to_owned();
        }
        // Later years first, so that a year moved on is not moved again.
        let mut years: Vec<i32> = (previous.period.year - 1..=previous.period.year + 1).collect();
        if shift > 0 {
            years.reverse();
        }
        years.iter().fold(text.to_owned(), |t, y| t.replace(&format!("{y}年"), &format!("{}年", y + shift)))
    };
    previous
        .parts
        .iter()
        .map(|p| match p {
            Part::Heading { level, text } => Part::Heading { level: *level, text: move_years(text) },
            Part::Text { .. } => Part::Text { text: String::new() },
            Part::Drafted { source, .. } => Part::Drafted { source: *source, text: String::new(), generated: String::new() },
            other => other.clone(),
        })
        .collect()
}

/// A report as stored before the document was a list of parts: five fixed texts.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Legacy {
    title: String,
    layout: Layout,
    indicators_text: String,
    indicators_generated: String,
    projects_text: String,
    projects_generated: String,
    work_text: String,
    problems_text: String,
    plan_text: String,
    issuer: String,
    date: String,
    indicator_ids: Vec<i64>,
    charts: Vec<ChartChoice>,
    #[serde(default = "yes")]
    indicator_table: bool,
    #[serde(default = "yes")]
    project_table: bool,
}

fn yes() -> bool {
    true
}

/// Reads a stored body: the list of parts, or the five fixed texts of earlier versions put
/// into the same places (nothing the clerk wrote is lost).
pub fn from_stored(body: &str, period: Period) -> serde_json::Result<ReportSpec> {
    let value: serde_json::Value = serde_json::from_str(body)?;
    if value.get("parts").is_some() {
        return serde_json::from_value(value);
    }
    let old: Legacy = serde_json::from_value(value)?;
    let heading = |level: u8, text: &str| Part::Heading { level, text: text.to_owned() };
    let mut parts = vec![
        heading(1, "主要指标完成情况"),
        Part::Drafted { source: Drafted::Indicators, text: old.indicators_text, generated: old.indicators_generated },
    ];
    if old.indicator_table {
        parts.push(Part::IndicatorTable);
    }
    parts.push(Part::Charts);
    parts.push(heading(1, "主要工作及成效"));
    parts.push(Part::Text { text: old.work_text });
    parts.push(heading(2, "重点项目建设"));
    parts.push(Part::Drafted { source: Drafted::Ledger, text: old.projects_text, generated: old.projects_generated });
    if old.project_table {
        parts.push(Part::ProjectTable);
    }
    parts.push(heading(1, "存在问题"));
    parts.push(Part::Text { text: old.problems_text });
    parts.push(heading(1, &plan_heading(period)));
    parts.push(Part::Text { text: old.plan_text });
    Ok(ReportSpec {
        period,
        title: old.title,
        layout: old.layout,
        parts,
        issuer: old.issuer,
        date: old.date,
        indicator_ids: old.indicator_ids,
        charts: old.charts,
        ..ReportSpec::default()
    })
}

/// The span of parts a heading at `i` heads: itself and everything up to the next heading
/// of its level or higher. For another part, the part alone.
pub fn section_range(parts: &[Part], i: usize) -> std::ops::Range<usize> {
    let Some(level) = parts.get(i).and_then(Part::level) else { return i..i + 1 };
    let end = parts[i + 1..].iter().position(|p| p.level().is_some_and(|l| l <= level)).map_or(parts.len(), |n| i + 1 + n);
    i..end
}

/// Moves the part at `i` (a heading with its whole section) one place up (`up`) or down,
/// past the neighbouring part or section of the same level. Returns where it now starts.
pub fn move_part(parts: &mut Vec<Part>, i: usize, up: bool) -> usize {
    let range = section_range(parts, i);
    if up {
        if i == 0 {
            return i;
        }
        // The sibling above: the nearest heading of the same level before `i` with no
        // higher heading between, or else the single part above.
        let before = match parts[i].level() {
            Some(level) => {
                let mut j = i;
                loop {
                    if j == 0 {
                        break i - 1;
                    }
                    j -= 1;
                    match parts[j].level() {
                        Some(l) if l == level => break j,
                        Some(l) if l < level => break i - 1,
                        _ => {}
                    }
                }
            }
            None => i - 1,
        };
        let moved: Vec<Part> = parts.drain(range).collect();
        parts.splice(before..before, moved);
        before
    } else {
        if range.end >= parts.len() {
            return i;
        }
        let next = section_range(parts, range.end);
        // A heading moves past the next section of its level; a part past the next part
        // (or past a whole section when the next part is a heading).
        let after = next.end;
        let moved: Vec<Part> = parts.drain(range.clone()).collect();
        let at = after - moved.len();
        parts.splice(at..at, moved);
        at
    }
}

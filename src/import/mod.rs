//! Getting figures in from the spreadsheets clerks keep. Two layouts are understood:
//! *long* (one row per value: 园区, 指标, 年份, 期间, 类型, 数值, 单位, 同比) as our own
//! export writes it, and *wide* (indicators down the side, periods across the top:
//! `2020年`, `2020年1-6月(亿元)`, `上年同期`, `同比增长(%)`). Every import first becomes an
//! [`ImportPlan`] that says what it will add, change and skip and why; committing it is
//! one transaction.

mod audit;
pub mod docx;
mod place;
pub mod projects;
pub mod read;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::domain::indicator::{Indicator, convert_unit, known_unit_suffixes};
use crate::domain::period::{Period, normalize_width, parse_span};
use crate::domain::value::{ValueKind, parse_rate};
use crate::domain::{IndicatorValue, Park};
use crate::store::{NewValue, Store};
use crate::i18n::{tr, trf};
pub(crate) use place::{place, skip};
pub use place::Place;
pub use read::{Encoding, Sheet};

/// Names clerks use for catalogue indicators.
const SYNONYMS: &[(&str, &str)] = &[
    ("规模以上工业总产值", "规上工业总产值"),
    ("规上工业产值", "规上工业总产值"),
    ("规上工业企业产值", "规上工业总产值"),
    ("规模以上工业企业总产值", "规上工业总产值"),
    ("规模以上工业增加值", "工业增加值"),
    ("规上工业增加值", "工业增加值"),
    ("生产总值", "地区生产总值"),
    ("GDP", "地区生产总值"),
    ("固投", "固定资产投资"),
    ("全社会固定资产投资", "固定资产投资"),
    ("招商引资", "招商引资到位资金"),
    ("到位资金", "招商引资到位资金"),
    ("实际到位资金", "招商引资到位资金"),
    ("协议引资", "协议引资额"),
    ("一般公共预算收入", "公共财政收入"),
    ("财政收入", "公共财政收入"),
    ("本级公共财政收入", "公共财政收入"),
    ("一般公共预算支出", "公共财政支出"),
    ("财政支出", "公共财政支出"),
    ("税收收入", "税收"),
    ("全口径税收", "税收"),
    ("社会消费品零售额", "社会消费品零售总额"),
    ("社零总额", "社会消费品零售总额"),
    ("规上企业", "规上企业数"),
    ("规模以上企业数", "规上企业数"),
    ("规模以上工业企业数", "规上企业数"),
    ("高新技术企业", "高新技术企业数"),
    ("主营业务收入", "主营业务收入"),
    ("外贸出口", "出口创汇"),
    ("利用外资", "实际利用外资"),
];

/// The catalogue indicator a row label means, if any.
pub fn map_indicator<'a>(label: &str, indicators: &'a [Indicator]) -> Option<&'a Indicator> {
    let norm = normalize_width(label);
    let mut name = norm.trim().trim_start_matches("其中").trim_start_matches(['：', ':', ' ']).trim();
    // A unit in brackets after the name: 规上工业总产值(亿元)
    if let Some(i) = name.find(['(', '（']) {
        name = name[..i].trim();
    }
    let find = |n: &str| indicators.iter().find(|i| i.name_zh == n || (!i.name_en.is_empty() && i.name_en.eq_ignore_ascii_case(n)));
    find(name).or_else(|| SYNONYMS.iter().find(|(s, _)| *s == name).and_then(|(_, n)| find(n)))
}

/// How a label is remembered: full-width folded, trimmed.
pub fn label_key(label: &str) -> String {
    normalize_width(label).trim().to_owned()
}

/// A unit written in a header or label: `(万元)`, `（亿元）`.
pub fn unit_in(text: &str) -> Option<&'static str> {
    let norm = normalize_width(text);
    let inner = norm.split(['(', '（']).nth(1)?.split([')', '）']).next()?.trim().to_owned();
    known_unit_suffixes().iter().copied().find(|u| *u == inner)
}

/// One value the import will write, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedValue {
    pub value: NewValue,
    pub place: Place,
    /// The value it replaces, when it changes one.
    pub before: Option<IndicatorValue>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub adds: Vec<PlannedValue>,
    pub changes: Vec<PlannedValue>,
    pub unchanged: usize,
    /// Where and why: `Sheet1 第5行第3列：“abc”不是数字`.
    pub skips: Vec<String>,
    /// Projects of a ledger sheet, with the cell that names each.
    pub project_adds: Vec<(crate::domain::Project, String)>,
    pub project_changes: Vec<(crate::domain::Project, String)>,
    /// Indicator names the catalogue doesn't know, for the clerk to map.
    pub unknown_labels: Vec<String>,
    /// Where it comes from (`导入：正阳2022.xlsx`), for the history.
    pub source: String,
    /// What the audit (审核) finds in the written figures, errors first ([`ImportPlan::audit`]).
    pub findings: Vec<crate::audit::Finding>,
}

impl ImportPlan {
    pub fn summary(&self) -> String {
        let (adds, changes) = (self.adds.len() + self.project_adds.len(), self.changes.len() + self.project_changes.len());
        let (unchanged, skips) = (self.unchanged, self.skips.len());
        trf("import.summary", &[&adds, &changes, &unchanged, &skips])
    }

    /// How many rows the commit writes.
    pub fn writes(&self) -> usize {
        self.adds.len() + self.changes.len() + self.project_adds.len() + self.project_changes.len()
    }

    /// Writes the adds and changes as one recorded (undoable) action.
    pub fn commit_recorded(&self, store: &mut Store, park_id: Option<i64>) -> anyhow::Result<usize> {
        let label = crate::domain::change::ChangeLabel::Import { source: self.source.clone(), rows: self.writes() }.encode();
        let group = store.begin_record(&label, park_id)?;
        let result = self.commit(store);
        store.end_record(group)?;
        result
    }

    /// Writes the adds and changes, values and projects, in one transaction.
    pub fn commit(&self, store: &mut Store) -> anyhow::Result<usize> {
        let mut values: Vec<&NewValue> = self.adds.iter().chain(&self.changes).map(|p| &p.value).collect();
        // In the order of the table's key: each cell's neighbours are written together,
        // so SQLite touches each page of the key's index once, not once per row (about
        // a tenth faster on the county-scale database; BENCHMARKS.md).
        values.sort_by_key(|v| (v.park_id, v.indicator_id, v.period, v.kind));
        let new: Vec<_> = self.project_adds.iter().map(|(p, _)| p.clone()).collect();
        let changed: Vec<_> = self.project_changes.iter().map(|(p, _)| p.clone()).collect();
        let today = jiff::Zoned::now().date();
        store.apply_import(values, &new, &changed, today, "导入")?;
        Ok(self.writes())
    }
}

/// How far a long import has got, shared with the window that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    pub fn set_total(&self, n: usize) {
        self.total.store(n, Ordering::Relaxed);
    }

    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Done as a fraction, or `None` while the total is unknown (the file is being read).
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0))
    }
}

type ParkValues = HashMap<(i64, Period, ValueKind), IndicatorValue>;
/// Park, indicator, period, kind: what one value of a file is about.
type CellKey = (i64, i64, Period, ValueKind);
/// The figure and the reported YoY a cell gave, bit for bit.
type Given = [Option<u64>; 2];

/// What the plan is built against.
struct Context<'a> {
    store: &'a Store,
    parks: &'a [Park],
    indicators: &'a [Indicator],
    projects: &'a [crate::domain::Project],
    mappings: HashMap<String, i64>,
    progress: &'a Progress,
    /// Stored values of the parks the file touches, read once per park when first needed.
    existing: std::cell::RefCell<HashMap<i64, ParkValues>>,
    /// The cell that gave each value of this file so far, and what it gave: a second
    /// cell for the same park, indicator, period and kind with another figure is a skip
    /// naming both, not a silent overwrite; with the same figure (an exported workbook
    /// repeats each value on its park's sheet) it is read once.
    planned: std::cell::RefCell<HashMap<CellKey, (Place, Given)>>,
    /// The indicator each label of this file named (an index into `indicators`), so a
    /// label repeated on 100,000 rows is looked up once.
    labels: std::cell::RefCell<HashMap<String, Option<usize>>>,
    source: String,
}

fn parse_number(text: &str) -> Option<f64> {
    // Most cells are plain figures: read them as they are, without copying.
    if let Ok(v) = text.trim().parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    let t = normalize_width(text.trim()).replace([',', '，', ' '], "");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Context<'_> {
    fn stored(&self, v: &NewValue) -> Option<IndicatorValue> {
        let mut existing = self.existing.borrow_mut();
        let park = existing.entry(v.park_id).or_insert_with(|| {
            // A park that cannot be read counts as empty; the commit would then fail loudly.
            self.store
                .values_for_park(v.park_id)
                .unwrap_or_default()
                .into_iter()
                .map(|x| ((x.indicator_id, x.period, x.kind), x))
                .collect()
        });
        park.get(&(v.indicator_id, v.period, v.kind)).cloned()
    }

    fn plan_value(&self, plan: &mut ImportPlan, mut v: NewValue, place: Place) {
        v.source.clone_from(&self.source);
        let given = [v.value.map(f64::to_bits), v.reported_yoy.map(f64::to_bits)];
        match self.planned.borrow_mut().entry((v.park_id, v.indicator_id, v.period, v.kind)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first_place, first_given) = first.get();
                if *first_given != given {
                    plan.skips.push(skip(&place.to_string(), trf("import_err.same_cell", &[first_place])));
                }
                return;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((place.clone(), given));
            }
        }
        match self.stored(&v).as_ref() {
            None => plan.adds.push(PlannedValue { value: v, place, before: None }),
            Some(old) => {
                let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
                    (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                    (None, None) => true,
                    _ => false,
                };
                // A cell left empty keeps what is stored.
                if v.value.is_none() {
                    v.value = old.value;
                }
                if v.reported_yoy.is_none() {
                    v.reported_yoy = old.reported_yoy;
                }
                if same(old.value, v.value) && same(old.reported_yoy, v.reported_yoy) {
                    plan.unchanged += 1;
                } else {
                    v.derivation = None;
                    plan.changes.push(PlannedValue { value: v, place, before: Some(old.clone()) });
                }
            }
        }
    }

    /// The indicator a label names: the clerk's remembered choice first, then the
    /// catalogue and its synonyms. An unknown label is noted once in the plan, so the
    /// clerk can map it.
    fn indicator_for(&self, plan: &mut ImportPlan, label: &str) -> Option<&Indicator> {
        if let Some(found) = self.labels.borrow().get(label) {
            return found.map(|i| &self.indicators[i]);
        }
        let found = self.look_up_indicator(plan, label);
        self.labels.borrow_mut().insert(label.to_owned(), found.map(|f| self.indicators.iter().position(|i| i.id == f.id).unwrap_or_default()));
        found
    }

    fn look_up_indicator(&self, plan: &mut ImportPlan, label: &str) -> Option<&Indicator> {
        let key = label_key(label);
        let remembered = self.mappings.get(&key).and_then(|id| self.indicators.iter().find(|i| i.id == *id));
        let found = remembered.or_else(|| map_indicator(label, self.indicators));
        if found.is_none() && !key.is_empty() && !plan.unknown_labels.iter().any(|l| label_key(l) == key) {
            plan.unknown_labels.push(label.trim().to_owned());
        }
        found
    }

    fn park_for(&self, name: &str, default: Option<&Park>) -> Option<i64> {
        self.parks.iter().find(|p| p.name == name.trim()).or(default).map(|p| p.id)
    }
}

fn header_index(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| {
        let h = normalize_width(h);
        let h = h.trim();
        names.iter().any(|n| h == *n || h.starts_with(&format!("{n}(")) || h.starts_with(&format!("{n}（")))
    })
}

/// Builds the plan for a file. `park` is the park for sheets that don't name one (wide
/// sheets); a long sheet names the park on each row.
pub fn plan_file(store: &Store, path: &Path, park: Option<&str>) -> anyhow::Result<ImportPlan> {
    plan_file_tracked(store, path, park, &Progress::default())
}

/// [`plan_file`], counting rows in `progress` as it goes.
pub fn plan_file_tracked(store: &Store, path: &Path, park: Option<&str>, progress: &Progress) -> anyhow::Result<ImportPlan> {
    let (sheets, _) = read::read_file(path)?;
    let source = format!("导入：{}", path.file_name().and_then(|n| n.to_str()).unwrap_or("文件"));
    progress.set_total(sheets.iter().map(|s| s.rows.len()).sum());
    plan_sheets_tracked(store, &sheets, park, &source, progress)
}

pub fn plan_sheets(store: &Store, sheets: &[Sheet], park: Option<&str>, source: &str) -> anyhow::Result<ImportPlan> {
    plan_sheets_tracked(store, sheets, park, source, &Progress::default())
}

fn plan_sheets_tracked(store: &Store, sheets: &[Sheet], park: Option<&str>, source: &str, progress: &Progress) -> anyhow::Result<ImportPlan> {
    let parks = store.parks()?;
    let indicators = store.indicators()?;
    let default_park = match park {
        Some(name) => Some(
            parks
                .iter()
                .find(|p| p.name == name.trim())
                .ok_or_else(|| anyhow::anyhow!(crate::i18n::trf("error.no_such_park", &[&name])))?,
        ),
        None => None,
    };
    let stored_projects = store.projects()?;
    let cx = Context {
        store,
        parks: &parks,
        indicators: &indicators,
        projects: &stored_projects,
        mappings: store.label_mappings()?.into_iter().map(|(k, v)| (label_key(&k), v)).collect(),
        progress,
        existing: Default::default(),
        planned: Default::default(),
        labels: Default::default(),
        source: source.to_owned(),
    };
    let mut plan = ImportPlan { source: source.to_owned(), ..ImportPlan::default() };
    let mut understood = false;
    for sheet in sheets {
        let Some(h) = sheet.rows.iter().position(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2) else { continue };
        let headers = &sheet.rows[h];
        if projects::is_ledger(headers) {
            projects::ledger_sheet(&cx, &mut plan, sheet, h, default_park);
            understood = true;
        } else if header_index(headers, &["指标", "指标名称"]).is_some() && header_index(headers, &["数值", "值"]).is_some() {
            long_sheet(&cx, &mut plan, sheet, h, default_park);
            understood = true;
        } else if let Some(p) = default_park.or_else(|| parks.iter().find(|p| p.name == sheet.name)) {
            understood |= wide_sheet(&cx, &mut plan, sheet, h, p);
        }
    }
    anyhow::ensure!(
        understood,
        tr("import_err.no_table")
    );
    Ok(plan)
}

/// A figure the clerk accepted in the review of an old summary, with its fields read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
    pub value: Option<f64>,
    /// The unit the figure was written in; converted to the indicator's.
    pub unit: String,
    pub yoy: Option<f64>,
    pub sentence: String,
}

/// Plans the figures accepted in a review, for the park: the same preview of adds and
/// changes as a spreadsheet, so nothing overwrites a stored value unseen.
pub fn plan_reviewed(store: &Store, park_id: i64, figures: &[Reviewed], source: &str) -> anyhow::Result<ImportPlan> {
    let parks = store.parks()?;
    let indicators = store.indicators()?;
    let cx = Context {
        store,
        parks: &parks,
        indicators: &indicators,
        projects: &[],
        mappings: HashMap::new(),
        progress: &Progress::default(),
        existing: Default::default(),
        planned: Default::default(),
        labels: Default::default(),
        source: source.to_owned(),
    };
    let mut plan = ImportPlan { source: source.to_owned(), ..ImportPlan::default() };
    for f in figures {
        let ind = indicators.iter().find(|i| i.id == f.indicator_id).ok_or_else(|| anyhow::anyhow!(tr("import_err.no_indicator")))?;
        let place = Place::Text(f.sentence.chars().take(40).collect());
        let (value, entered) = match f.value {
            Some(v) if !f.unit.is_empty() && f.unit != ind.unit => match convert_unit(v, &f.unit, &ind.unit) {
                Some(c) => (Some(c), Some(crate::domain::Entered { amount: v, unit: f.unit.clone() })),
                None => {
                    plan.skips.push(skip(&place.to_string(), trf("import_err.unit", &[&f.unit, &ind.unit])));
                    continue;
                }
            },
            other => (other, None),
        };
        let v = NewValue {
            park_id,
            indicator_id: ind.id,
            period: f.period,
            kind: f.kind,
            value,
            entered,
            reported_yoy: f.yoy,
            source: String::new(),
            derivation: None,
        };
        cx.plan_value(&mut plan, v, place);
    }
    Ok(plan)
}

fn long_sheet(cx: &Context<'_>, plan: &mut ImportPlan, sheet: &Sheet, h: usize, default_park: Option<&Park>) {
    let hd = &sheet.rows[h];
    let col = |names: &[&str]| header_index(hd, names);
    let (Some(c_ind), Some(c_val)) = (col(&["指标", "指标名称"]), col(&["数值", "值"])) else { return };
    let c_park = col(&["园区", "园区名称"]);
    let c_unit = col(&["单位"]);
    let c_year = col(&["年份", "年度", "年"]);
    let c_span = col(&["期间", "时期"]);
    let (c_m1, c_m2) = (col(&["起始月"]), col(&["结束月"]));
    let c_kind = col(&["类型", "数据类型"]);
    let c_yoy = col(&["报告同比(%)", "同比(%)", "同比增长(%)", "同比"]);
    let header_unit = unit_in(&hd[c_val]);
    let sheet_name: std::sync::Arc<str> = sheet.name.as_str().into();
    plan.adds.reserve(sheet.rows.len() - h);
    for (r, row) in sheet.rows.iter().enumerate().skip(h + 1) {
        cx.progress.advance(1);
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str).unwrap_or("");
        if row.iter().all(String::is_empty) {
            continue;
        }
        let at = |c: usize| place(&sheet.name, r, c);
        let Some(park_id) = cx.park_for(cell(c_park), default_park) else {
            plan.skips.push(skip(&at(c_park.unwrap_or(0)), trf("import_err.no_park", &[&cell(c_park)])));
            continue;
        };
        let Some(ind) = cx.indicator_for(plan, cell(Some(c_ind))) else {
            plan.skips.push(skip(&at(c_ind), trf("import_err.unknown_indicator", &[&cell(Some(c_ind))])));
            continue;
        };
        let period = match (cell(c_year).parse::<i32>(), cell(c_m1).parse::<u8>(), cell(c_m2).parse::<u8>()) {
            (Ok(y), Ok(a), Ok(b)) => Period::new(y, a, b).ok(),
            (Ok(y), _, _) => parse_span(cell(c_span).trim_start_matches(&format!("{y}年"))).and_then(|(a, b)| Period::new(y, a, b).ok()),
            _ => Period::parse(cell(c_span)).ok(),
        };
        let Some(period) = period else {
            plan.skips.push(skip(&at(c_year.or(c_span).unwrap_or(0)), tr("import_err.period").to_owned()));
            continue;
        };
        let kind = match cell(c_kind).trim() {
            "预计" | "estimate" => ValueKind::Estimate,
            "目标" | "计划" | "target" => ValueKind::Target,
            _ => ValueKind::Actual,
        };
        let raw = cell(Some(c_val));
        let value = if raw.is_empty() {
            None
        } else {
            match parse_number(raw) {
                Some(v) => Some(v),
                None => {
                    plan.skips.push(skip(&at(c_val), trf("import_err.not_a_number", &[&raw])));
                    continue;
                }
            }
        };
        let unit = c_unit.map(|c| cell(Some(c))).filter(|u| !u.is_empty()).or(header_unit).unwrap_or(&ind.unit);
        let (value, entered) = match value {
            Some(v) if unit != ind.unit => match convert_unit(v, unit, &ind.unit) {
                Some(c) => (Some(c), Some(crate::domain::Entered { amount: v, unit: unit.to_owned() })),
                None => {
                    plan.skips.push(skip(&at(c_val), trf("import_err.unit", &[&unit, &ind.unit])));
                    continue;
                }
            },
            other => (other, None),
        };
        let yoy_raw = cell(c_yoy);
        let reported_yoy = if yoy_raw.is_empty() { None } else { parse_rate(yoy_raw).ok() };
        if value.is_none() && reported_yoy.is_none() {
            continue;
        }
        let v = NewValue { park_id, indicator_id: ind.id, period, kind, value, entered, reported_yoy, source: String::new(), derivation: None };
        cx.plan_value(plan, v, Place::Cell { sheet: sheet_name.clone(), row: r, col: c_val });
    }
}

/// A column of a wide sheet.
enum WideCol {
    Period(Period, Option<&'static str>),
    LastYear,
    Yoy,
    Unit,
    Other,
}

fn wide_col(header: &str) -> WideCol {
    let h = normalize_width(header);
    let h = h.trim();
    if h == "单位" {
        return WideCol::Unit;
    }
    if h.starts_with("上年同期") {
        return WideCol::LastYear;
    }
    if h.contains("同比") {
        return WideCol::Yoy;
    }
    let unit = unit_in(h);
    let bare = h.split(['(', '（']).next().unwrap_or(h).trim();
    match Period::parse(bare) {
        Ok(p) => WideCol::Period(p, unit),
        Err(_) => WideCol::Other,
    }
}

fn wide_sheet(cx: &Context<'_>, plan: &mut ImportPlan, sheet: &Sheet, h: usize, park: &Park) -> bool {
    let cols: Vec<WideCol> = sheet.rows[h].iter().map(|c| wide_col(c)).collect();
    if !cols.iter().any(|c| matches!(c, WideCol::Period(..))) {
        return false;
    }
    let unit_col = cols.iter().position(|c| matches!(c, WideCol::Unit));
    let sheet_name: std::sync::Arc<str> = sheet.name.as_str().into();
    for (r, row) in sheet.rows.iter().enumerate().skip(h + 1) {
        cx.progress.advance(1);
        let Some(label) = row.first().filter(|l| !l.is_empty()) else { continue };
        let Some(ind) = cx.indicator_for(plan, label) else {
            plan.skips.push(skip(&place(&sheet.name, r, 0), trf("import_err.unknown_indicator", &[&label])));
            continue;
        };
        let row_unit = unit_col.and_then(|c| row.get(c)).map(String::as_str).filter(|u| !u.is_empty()).or(unit_in(label));
        let mut last_period: Option<Period> = None;
        for (c, kind) in cols.iter().enumerate() {
            let raw = row.get(c).map(String::as_str).unwrap_or("").trim();
            let (period, header_unit) = match kind {
                WideCol::Period(p, u) => {
                    last_period = Some(*p);
                    (*p, *u)
                }
                WideCol::LastYear => match last_period {
                    Some(p) => (p.same_span_last_year(), None),
                    None => continue,
                },
                // Read together with the period column before it.
                WideCol::Yoy | WideCol::Unit | WideCol::Other => continue,
            };
            // The reported rate of a period is in the 同比 column that follows it.
            let yoy_col = matches!(kind, WideCol::Period(..))
                .then(|| cols[c + 1..].iter().take_while(|k| !matches!(k, WideCol::Period(..))).position(|k| matches!(k, WideCol::Yoy)).map(|i| c + 1 + i))
                .flatten();
            let yoy_raw = yoy_col.and_then(|i| row.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty() && *s != "—" && *s != "-");
            let reported_yoy = match yoy_raw.map(parse_rate) {
                Some(Ok(y)) => Some(y),
                Some(Err(_)) => {
                    plan.skips.push(skip(&place(&sheet.name, r, yoy_col.unwrap_or(c)), trf("import_err.not_a_rate", &[&yoy_raw.unwrap_or("")])));
                    None
                }
                None => None,
            };
            if raw.is_empty() || raw == "—" || raw == "-" {
                continue;
            }
            let Some(v) = parse_number(raw) else {
                plan.skips.push(skip(&place(&sheet.name, r, c), trf("import_err.not_a_number", &[&raw])));
                continue;
            };
            // A 单位 column speaks for its row; a unit in the header for the rest.
            let unit = row_unit.or(header_unit).unwrap_or(&ind.unit);
            let Some(converted) = convert_unit(v, unit, &ind.unit) else {
                plan.skips.push(skip(&place(&sheet.name, r, c), trf("import_err.unit", &[&unit, &ind.unit])));
                continue;
            };
            let entered = (unit != ind.unit).then(|| crate::domain::Entered { amount: v, unit: unit.to_owned() });
            let value = NewValue {
                park_id: park.id,
                indicator_id: ind.id,
                period,
                kind: ValueKind::Actual,
                value: Some(converted),
                entered,
                reported_yoy,
                source: String::new(),
                derivation: None,
            };
            cx.plan_value(plan, value, Place::Cell { sheet: sheet_name.clone(), row: r, col: c });
        }
    }
    true
}

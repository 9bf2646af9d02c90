//! Work summaries (工作总结): what the clerk writes and chooses ([`ReportSpec`], stored per
//! park and period: the whole document as a list of parts, see [`spec`]), the document
//! built from it and the data ([`compose`] → [`Block`]s), and the PDF made from those
//! blocks ([`pdf`]).

pub mod check;
pub mod docx;
pub mod draft;
pub mod linebreak;
pub mod pdf;
pub mod spec;

pub use spec::{Drafted, Part, ReportSpec};

use serde::{Deserialize, Serialize};

use crate::chart::Figure;
use crate::chart::build::{ChartChoice, ChartData};
use crate::domain::format::{percent, shown_decimals};
use crate::domain::period::Period;
use crate::domain::project::Project;
use crate::domain::value::{IndicatorValue, ValueKind, ValueSet};
use crate::domain::{Indicator, Park};

/// The file a report is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Pdf,
    /// Word, in the 公文 layout's own styles (editable in WPS and Word).
    Docx,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Layout {
    /// GB/T 9704: 156×225 mm text block, 16 pt body, 22 lines of 28 characters.
    #[default]
    Gongwen,
    /// A modern report with charts and tables.
    Brief,
}

/// The title the summaries use for a period.
pub fn default_title(park: &str, period: Period) -> String {
    let y = period.year;
    match (period.start_month, period.end_month) {
        (1, 12) => format!("{park}{y}年工作总结"),
        (1, 6) => format!("{park}{y}年上半年工作总结及下半年工作计划"),
        (1, 9) => format!("{park}{y}年前三季度工作总结"),
        _ => format!("{park}{y}年{}工作总结", period.span_label_zh()),
    }
}

/// A date as a 公文 writes it: `2021年12月30日`.
pub fn date_zh(d: jiff::civil::Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The data a report reads.
pub struct ReportData<'a> {
    pub park: &'a Park,
    pub indicators: &'a [Indicator],
    pub values: &'a ValueSet,
    pub projects: &'a [Project],
    /// For the county's summary: each park's main figures (园区 | 指标 …).
    pub parks_table: Option<Table>,
}

impl ReportSpec {
    /// A new report: the shape of `previous` (the park's last report) or the seeds' shape,
    /// with the drafted parts written from the data, the default charts and tables.
    pub fn new(data: &ReportData<'_>, period: Period, previous: Option<&ReportSpec>) -> Self {
        let indicator_ids = draft::indicators_with_data(data.indicators, data.values, period);
        let issuer = previous.map(|p| p.issuer.trim()).filter(|s| !s.is_empty()).map_or_else(|| format!("{}管理委员会", data.park.name), str::to_owned);
        let today = date_zh(jiff::Zoned::now().date());
        let mut spec = Self {
            park_id: data.park.id,
            period,
            title: default_title(&data.park.name, period),
            layout: previous.map_or(Layout::Gongwen, |p| p.layout),
            issuer,
            date: today.clone(),
            copy_to: previous.map(|p| p.copy_to.clone()).unwrap_or_default(),
            printed_by: previous.map(|p| p.printed_by.clone()).unwrap_or_default(),
            printed_on: if previous.is_some_and(|p| !p.printed_by.trim().is_empty()) { today } else { String::new() },
            parts: match previous {
                Some(p) if !p.parts.is_empty() => spec::shape_of(p, period),
                _ => spec::seeds_shape(period),
            },
            indicator_ids,
            charts: vec![
                ChartChoice::InvestmentOutput { span: (period.start_month, period.end_month) },
                ChartChoice::TargetVsActual { year: period.year },
            ],
            ..Self::default()
        };
        spec.regenerate(data);
        spec
    }

    /// Whether the clerk has changed a drafted text since it was generated.
    pub fn drafts_edited(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Drafted { text, generated, .. } if text != generated))
    }

    /// Rewrites the drafted parts from the data.
    pub fn regenerate(&mut self, data: &ReportData<'_>) {
        let stated = draft::StatedCounts::from_data(data.indicators, &self.indicator_ids, data.values, self.period);
        for part in &mut self.parts {
            if let Part::Drafted { source, text, generated } = part {
                *text = match source {
                    Drafted::Indicators => draft::indicators_text(data.indicators, &self.indicator_ids, data.values, self.period),
                    Drafted::Ledger => draft::projects_text(data.projects, self.period, stated),
                    // A year's plan is next year's; a half-year's is the rest of this year.
                    Drafted::Targets => {
                        let year = if self.period.is_full_year() { self.period.year + 1 } else { self.period.year };
                        draft::targets_text(data.indicators, data.values, year)
                    }
                };
                generated.clone_from(text);
            }
        }
    }

    /// The text of the first part drafted from `source` (empty when there is none).
    pub fn drafted(&self, source: Drafted) -> &str {
        self.parts.iter().find_map(|p| match p {
            Part::Drafted { source: s, text, .. } if *s == source => Some(text.as_str()),
            _ => None,
        }).unwrap_or("")
    }

    /// The first text part written under the heading that reads `heading` (numbers aside),
    /// before the next heading.
    pub fn text_under(&self, heading: &str) -> Option<&str> {
        let at = self.parts.iter().position(|p| matches!(p, Part::Heading { text, .. } if heading_text(text) == heading))?;
        self.parts[at + 1..].iter().take_while(|p| !p.is_heading()).find_map(|p| match p {
            Part::Text { text } => Some(text.as_str()),
            _ => None,
        })
    }

    /// [`ReportSpec::text_under`], to write in: where the clerk's words on that theme go.
    pub fn text_under_mut(&mut self, heading: &str) -> Option<&mut String> {
        let at = self.parts.iter().position(|p| matches!(p, Part::Heading { text, .. } if heading_text(text) == heading))?;
        self.parts[at + 1..].iter_mut().take_while(|p| !p.is_heading()).find_map(|p| match p {
            Part::Text { text } => Some(text),
            _ => None,
        })
    }

    /// Every text in the document: title, opening, headings, texts, 署名, date and 版记.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.opening.as_str()];
        for p in &self.parts {
            match p {
                Part::Heading { text, .. } | Part::Text { text } | Part::Drafted { text, .. } => out.push(text),
                _ => {}
            }
        }
        out.extend([self.issuer.as_str(), self.date.as_str(), self.copy_to.as_str(), self.printed_by.as_str(), self.printed_on.as_str()]);
        out
    }

    /// Whether the clerk has written anything of their own.
    pub fn has_text(&self) -> bool {
        !self.opening.trim().is_empty()
            || self.parts.iter().any(|p| matches!(p, Part::Text { text } | Part::Drafted { text, .. } if !text.trim().is_empty()))
    }
}

/// A table as the PDF lays it out: relative column widths, text cells that wrap.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub widths: Vec<f64>,
    /// Columns aligned to the right (numbers).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    /// `一、` level: 黑体.
    Heading(String),
    /// `（一）` level: 楷体.
    Subheading(String),
    /// `1.` and `（1）` levels: set as a paragraph in the body face, but kept with what
    /// follows it.
    MinorHeading(String),
    Paragraph(String),
    Table(Table),
    Chart(Box<Figure>),
    /// 署名 and 成文日期 under the text, set right.
    Signature { issuer: String, date: String },
    /// 版记 at the foot of the last page: 分送 and the 印发机关 with the 印发日期.
    Imprint { copy_to: String, printed_by: String, printed_on: String },
}

/// A Chinese number as headings count: 一 … 十, 十一 … 九十九.
fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// The number a heading of `level` takes as the `n`th of its level: 一、 （一） 1. （1）.
pub fn heading_number(level: u8, n: usize) -> String {
    match level {
        1 => format!("{}、", cn_number(n)),
        2 => format!("（{}）", cn_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// A heading as typed, without a number the clerk typed in front (`三、`, `（二）`, `1.`,
/// `（1）`): the document numbers its headings itself, so a section moved keeps counting.
pub fn heading_text(text: &str) -> &str {
    let t = text.trim();
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let rest = if let Some(r) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) {
        let inner = r.find(['）', ')']).map(|i| (&r[..i], &r[i + r[i..].chars().next().map_or(0, char::len_utf8)..]));
        match inner {
            Some((num, after)) if !num.is_empty() && num.chars().all(|c| cn(c) || c.is_ascii_digit()) => after,
            _ => t,
        }
    } else {
        let num_end = t.char_indices().find(|(_, c)| !(cn(*c) || c.is_ascii_digit())).map_or(t.len(), |(i, _)| i);
        let after = &t[num_end..];
        match after.chars().next() {
            Some(sep @ ('、' | '.' | '．')) if num_end > 0 => &after[sep.len_utf8()..],
            _ => t,
        }
    };
    rest.trim_start()
}

/// Whether a character is Chinese text (ideographs and CJK punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff01}'..='\u{ff60}')
}

/// Half-width punctuation next to Chinese text made full-width, as a 公文 sets it: text
/// copied from a web page or typed with the wrong input mode (`投资环境,园区承载力;`)
/// prints `，` and `；`. A comma between digits (`1,260`) and Latin text stay as they are.
pub fn fullwidth_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let near_cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        let after_cjk = prev.is_some_and(is_cjk);
        let wide = match c {
            ',' if near_cjk => '，',
            ';' if near_cjk => '；',
            ':' if after_cjk => '：',
            '?' if after_cjk => '？',
            '!' if after_cjk => '！',
            '(' if near_cjk => '（',
            ')' if near_cjk || prev == Some('%') => '）',
            other => other,
        };
        out.push(wide);
    }
    out
}

/// Text as a paragraph per line. Lines of only spaces (full-width ones too) are dropped,
/// what Word leaves in pasted text (soft hyphens, zero-width spaces) is taken out, and
/// half-width punctuation among Chinese is made full-width.
fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(|l| l.chars().filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')).collect::<String>())
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()).to_owned())
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph(fullwidth_punctuation(&l)))
        .collect()
}

/// What one part prints (nothing for a heading: see [`compose`]).
fn part_blocks(part: &Part, spec: &ReportSpec, data: &ReportData<'_>, figures: &[Figure]) -> Vec<Block> {
    match part {
        Part::Heading { .. } => Vec::new(),
        Part::Text { text } | Part::Drafted { text, .. } => paragraphs(text),
        Part::IndicatorTable => Some(indicator_table(spec, data)).filter(|t| !t.rows.is_empty()).map(Block::Table).into_iter().collect(),
        Part::ProjectTable => Some(project_table(spec, data)).filter(|t| !t.rows.is_empty()).map(Block::Table).into_iter().collect(),
        Part::Charts => figures.iter().map(|f| Block::Chart(Box::new(f.clone()))).collect(),
        Part::ParksTable => data.parks_table.clone().filter(|t| !t.rows.is_empty()).map(Block::Table).into_iter().collect(),
    }
}

/// The document: blocks in reading order. A heading with nothing printed under it (in its
/// own section or a subsection) is left out, and the headings after it are numbered on.
pub fn compose(spec: &ReportSpec, data: &ReportData<'_>, figures: Vec<Figure>) -> Vec<Block> {
    let mut blocks = vec![Block::Title(spec.title.clone())];
    blocks.extend(paragraphs(&spec.opening));
    let printed: Vec<Vec<Block>> = spec.parts.iter().map(|p| part_blocks(p, spec, data, &figures)).collect();
    let mut counters = [0usize; 4];
    for (i, part) in spec.parts.iter().enumerate() {
        match part {
            Part::Heading { level, text } => {
                let range = spec::section_range(&spec.parts, i);
                if printed[range].iter().all(Vec::is_empty) {
                    continue;
                }
                let level = (*level).clamp(1, 4);
                let at = usize::from(level - 1);
                counters[at] += 1;
                counters[at + 1..].iter_mut().for_each(|c| *c = 0);
                let line = format!("{}{}", heading_number(level, counters[at]), fullwidth_punctuation(heading_text(text)));
                blocks.push(match level {
                    1 => Block::Heading(line),
                    2 => Block::Subheading(line),
                    _ => Block::MinorHeading(line),
                });
            }
            _ => blocks.extend(printed[i].iter().cloned()),
        }
    }
    let (issuer, date) = (spec.issuer.trim(), spec.date.trim());
    if !issuer.is_empty() || !date.is_empty() {
        blocks.push(Block::Signature { issuer: issuer.to_owned(), date: date.to_owned() });
    }
    let (copy_to, printed_by, printed_on) = (spec.copy_to.trim(), spec.printed_by.trim(), spec.printed_on.trim());
    if !copy_to.is_empty() || !printed_by.is_empty() {
        blocks.push(Block::Imprint { copy_to: copy_to.to_owned(), printed_by: printed_by.to_owned(), printed_on: printed_on.to_owned() });
    }
    blocks
}

/// The figures for the report's chosen charts. A chart with data in fewer than two
/// categories says nothing on paper (on screen it shows a note instead), so it is left out.
///
/// A report shows its own period and the years before it: figures entered since for later
/// years (the 2022 data imported after the 2021 summary was drafted) stay out of its charts.
pub fn figures(spec: &ReportSpec, data: &ReportData<'_>, all_parks: &[(String, ValueSet)]) -> Vec<Figure> {
    let year = spec.period.year;
    let values = data.values.up_to_year(year);
    let all_parks: Vec<(String, ValueSet)> = all_parks.iter().map(|(name, v)| (name.clone(), v.up_to_year(year))).collect();
    let chart_data = ChartData {
        park_name: &data.park.name,
        indicators: data.indicators,
        values: &values,
        projects: data.projects,
        all_parks: &all_parks,
    };
    spec.charts
        .iter()
        // The report is a Chinese document whatever language the window or locale speaks.
        .map(|c| crate::i18n::in_lang(crate::i18n::Lang::Zh, || crate::chart::build::figure(c, &chart_data)))
        .filter(|f| {
            let mut xs: Vec<usize> = f.main.series.iter().flat_map(|s| s.points.iter().map(|p| p.x)).collect();
            xs.sort_unstable();
            xs.dedup();
            xs.len() >= 2
        })
        .collect()
}

/// A figure in a table: `—` when missing, `*` after an estimate and `△` after a worked-out
/// figure (the note under the table says so). `scale` is 10,000 in a row shown in 亿元.
fn cell(v: Option<&IndicatorValue>, precision: u8, scale: f64, marks: &mut Marks) -> String {
    let Some(x) = v.and_then(|v| v.value.map(|x| (v, x))) else { return "—".to_owned() };
    let (v, x) = x;
    let worked_out = v.derivation.is_some();
    let decimals = if scale > 1.0 { 2 } else { shown_decimals(x, precision, worked_out) };
    let mut text = draft::number(x / scale, decimals);
    if worked_out {
        text.push('△');
        marks.worked_out = true;
    } else if v.kind == ValueKind::Estimate {
        text.push('*');
        marks.estimate = true;
    }
    text
}

#[derive(Default)]
struct Marks {
    estimate: bool,
    worked_out: bool,
}

/// 指标 | 单位 | 本期 | 上年同期 | 同比增长(%) | 年度目标 | 完成率(%)
pub fn indicator_table(spec: &ReportSpec, data: &ReportData<'_>) -> Table {
    let p = spec.period;
    let mut rows = Vec::new();
    let mut marks = Marks::default();
    for ind in data.indicators.iter().filter(|i| spec.indicator_ids.contains(&i.id)) {
        let Some(v) = data.values.outturn(ind.id, p) else { continue };
        let last = data.values.outturn(ind.id, p.same_span_last_year());
        let yoy = data.values.yoy(ind.id, p, v.kind).headline();
        let target = data.values.get(ind.id, p.containing_year(), ValueKind::Target);
        let completion = data.values.completion(ind.id, p, v.kind);
        // A row whose figure reaches 1亿元 reads in 亿元, as the summaries write it.
        let in_yi = ind.unit == "万元" && v.value.is_some_and(|x| x.abs() >= 10_000.0);
        let (scale, unit) = if in_yi { (10_000.0, "亿元".to_owned()) } else { (1.0, ind.unit.clone()) };
        let name = if ind.parent.is_some() { format!("其中：{}", ind.name_zh) } else { ind.name_zh.clone() };
        let rate = |r: Option<f64>| r.map(|y| percent(y).trim_end_matches('%').to_owned()).unwrap_or_else(|| "—".to_owned());
        rows.push(vec![
            name,
            unit,
            cell(Some(v), ind.precision, scale, &mut marks),
            cell(last, ind.precision, scale, &mut marks),
            rate(yoy),
            cell(target, ind.precision, scale, &mut marks),
            rate(completion),
        ]);
    }
    let mut note = Vec::new();
    if marks.estimate {
        note.push("带*为预计数");
    }
    if marks.worked_out {
        note.push("带△为推算数");
    }
    let note = (!note.is_empty()).then(|| format!("注：{}。因四舍五入，总计与分项合计可能不等。", note.join("，")));
    Table {
        headers: ["指标", "单位", "本期", "上年同期", "同比增长(%)", "年度目标", "完成率(%)"].map(String::from).to_vec(),
        // Wide enough that 上年同期, 同比增长 and 年度目标 each fit on a line in 12 pt, with
        // (%) going under them whole.
        widths: vec![2.9, 1.15, 1.4, 1.5, 1.45, 1.5, 1.3],
        numeric: vec![false, false, true, true, true, true, true],
        rows,
        note,
    }
}

/// Whether the key projects' table lists `p`: those the clerk ticked, when they ticked
/// any; else the year's key projects (a key-project level, or an investment on record).
pub fn in_project_table(spec: &ReportSpec, p: &Project) -> bool {
    match &spec.project_ids {
        Some(ticked) => ticked.contains(&p.id),
        None => (p.key_level != crate::domain::project::KeyLevel::None || p.investment.is_some()) && draft::in_report_year(p, spec.period.year),
    }
}

/// 项目名称 | 建设单位 | 总投资 | 本年完成投资 | 状态 | 进展: the key projects (a level, or an
/// investment on record), and only the columns that hold something. A progress note the
/// row above already shows is not repeated.
pub fn project_table(spec: &ReportSpec, data: &ReportData<'_>) -> Table {
    let year = spec.period.year;
    let mut last_note = "";
    let rows: Vec<Vec<String>> = data
        .projects
        .iter()
        .filter(|p| in_project_table(spec, p))
        .map(|p| {
            let money = |v: Option<f64>| v.map(|x| draft::project_amount(p, x)).unwrap_or_else(|| "—".to_owned());
            let this_year = p.invested_in(year);
            let note = draft::latest_note(p).unwrap_or_default();
            let shown = if note == last_note { "" } else { note };
            last_note = note;
            vec![
                p.name.clone(),
                p.company.clone(),
                money(p.investment),
                money((this_year > 0.0).then_some(this_year)),
                p.status.label_zh().to_owned(),
                shown.to_owned(),
            ]
        })
        .collect();
    let headers = ["项目名称", "建设单位", "总投资", "本年完成投资", "状态", "进展"];
    let widths = [2.6, 2.1, 1.5, 1.5, 1.65, 2.6];
    let numeric = [false, false, true, true, false, false];
    let empty = |c: usize| rows.iter().all(|r| r[c].is_empty() || r[c] == "—");
    let keep: Vec<usize> = (0..headers.len()).filter(|&c| c == 0 || !empty(c)).collect();
    Table {
        headers: keep.iter().map(|&c| headers[c].to_owned()).collect(),
        widths: keep.iter().map(|&c| widths[c]).collect(),
        numeric: keep.iter().map(|&c| numeric[c]).collect(),
        rows: rows.iter().map(|r| keep.iter().map(|&c| r[c].clone()).collect()).collect(),
        note: None,
    }
}

/// The report the clerk left for this park and period, if any. The store keeps the body
/// as text; reading it is this module's business.
pub fn stored(store: &crate::store::Store, park_id: i64, period: Period) -> anyhow::Result<Option<ReportSpec>> {
    let Some(row) = store.report_body(park_id, period)? else { return Ok(None) };
    let mut spec = spec::from_stored(&row.body, period)
        .map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.report_unreadable", &[&period.label_zh(), &e])))?;
    spec.park_id = park_id;
    spec.period = period;
    spec.updated_at = row.updated_at;
    Ok(Some(spec))
}

/// Saves a report and returns its new time stamp.
pub fn save(store: &mut crate::store::Store, spec: &ReportSpec) -> anyhow::Result<String> {
    let body = serde_json::to_string(spec)?;
    Ok(store.save_report_body(spec.park_id, spec.period, &body)?)
}

/// The park's last report before `period` whose shape a new one starts from: of the same
/// span if there is one (last year's half-year report for this half-year), else any.
/// One that cannot be read is passed over: the seeds' shape stands in.
pub fn previous_report(store: &crate::store::Store, park_id: i64, period: Period) -> anyhow::Result<Option<ReportSpec>> {
    let earlier: Vec<Period> = store.report_periods(park_id)?.into_iter().filter(|p| p.year < period.year || (p.year == period.year && p.end_month < period.start_month)).collect();
    let same_span = earlier.iter().filter(|p| (p.start_month, p.end_month) == (period.start_month, period.end_month)).max_by_key(|p| p.year);
    let any = earlier.iter().max_by_key(|p| (p.year, p.end_month));
    let Some(&chosen) = same_span.or(any) else { return Ok(None) };
    Ok(stored(store, park_id, chosen).ok().flatten())
}

const FONTS_KEY: &str = "report_fonts";

/// The font files chosen for reports; the defaults when none are or they cannot be read.
pub fn fonts(store: &crate::store::Store) -> anyhow::Result<pdf::FontChoice> {
    Ok(store.setting(FONTS_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub fn set_fonts(store: &mut crate::store::Store, fonts: &pdf::FontChoice) -> anyhow::Result<()> {
    Ok(store.set_setting(FONTS_KEY, &serde_json::to_string(fonts)?)?)
}

/// The report for a park and period as stored (or a fresh draft when none is), and the
/// data it reads. What the GUI shows and what `parkledger report` prints come from here.
pub fn load(store: &crate::store::Store, park: &Park, period: Period) -> anyhow::Result<(ReportSpec, Vec<Indicator>, ValueSet, Vec<Project>)> {
    let indicators = store.indicators()?;
    let values = ValueSet::new(store.values_for_park(park.id)?);
    let projects = store.projects_of_park(park.id)?;
    let spec = match stored(store, park.id, period)? {
        Some(spec) => spec,
        None => {
            let previous = previous_report(store, park.id, period)?;
            ReportSpec::new(&ReportData { park, indicators: &indicators, values: &values, projects: &projects, parks_table: None }, period, previous.as_ref())
        }
    };
    Ok((spec, indicators, values, projects))
}

/// What the pre-export check says of a park's report for a period (see [`check`]).
pub fn notices(store: &crate::store::Store, park: &Park, period: Period) -> anyhow::Result<Vec<check::Notice>> {
    let (spec, indicators, values, projects) = load(store, park, period)?;
    Ok(check::check(&spec, &ReportData { park, indicators: &indicators, values: &values, projects: &projects, parks_table: None }))
}

/// The PDF of a park's report for a period. `layout` overrides the stored choice.
pub fn export_pdf(store: &crate::store::Store, park: &Park, period: Period, layout: Option<Layout>) -> anyhow::Result<Vec<u8>> {
    Ok(export_pdf_counted(store, park, period, layout)?.0)
}

/// [`export_pdf`], also returning the number of pages.
pub fn export_pdf_counted(store: &crate::store::Store, park: &Park, period: Period, layout: Option<Layout>) -> anyhow::Result<(Vec<u8>, usize)> {
    let (blocks, layout, title, author, created) = document(store, park, period, layout)?;
    pdf::render_counted(&blocks, layout, &fonts(store)?, &pdf::Meta { title: &title, author: &author, created })
}

/// The report as a Word document: the same blocks as the PDF (see [`docx`]).
pub fn export_docx(store: &crate::store::Store, park: &Park, period: Period, layout: Option<Layout>) -> anyhow::Result<Vec<u8>> {
    let (blocks, layout, title, author, created) = document(store, park, period, layout)?;
    docx::render(&blocks, layout, &fonts(store)?, &pdf::Meta { title: &title, author: &author, created })
}

/// A document's creation time (Unix seconds): now, or SOURCE_DATE_EPOCH (the
/// reproducible-builds convention), so that two builds' reports can be compared byte for
/// byte (scripts/windows-smoke.sh).
pub fn created_at() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| jiff::Timestamp::now().as_second())
}

/// The blocks both renderers write, the layout, title, author and creation time; refused
/// for a park and period with nothing to report.
fn document(store: &crate::store::Store, park: &Park, period: Period, layout: Option<Layout>) -> anyhow::Result<(Vec<Block>, Layout, String, String, i64)> {
    let (mut spec, indicators, values, projects) = load(store, park, period)?;
    if let Some(l) = layout {
        spec.layout = l;
    }
    let data = ReportData { park, indicators: &indicators, values: &values, projects: &projects, parks_table: None };
    let written = spec.has_text();
    let has_data = !draft::indicators_with_data(&indicators, &values, period).is_empty() || projects.iter().any(|p| draft::in_report_year(p, period.year));
    anyhow::ensure!(written || has_data, crate::i18n::trf("error.report_no_data", &[&park.name, &crate::i18n::period_label(period)]));
    let all_parks = if spec.charts.iter().any(ChartChoice::needs_all_parks) { store.values_by_park()? } else { Vec::new() };
    let blocks = compose(&spec, &data, figures(&spec, &data, &all_parks));
    let created = created_at();
    let author = if spec.issuer.trim().is_empty() { format!("{}管理委员会", park.name) } else { spec.issuer.trim().to_owned() };
    Ok((blocks, spec.layout, spec.title, author, created))
}

//! Reading figures out of old work summaries (工作总结): every figure a careful reader would
//! call a statistic, named as the text writes it and mapped to the catalogue indicator
//! where the extractor knows one (an unmapped figure is the clerk's to map in the review);
//! whose figure it is (the park's, or a named company's or sub-park's); its period, value
//! and unit, YoY (下降 as negative, `增长1.8倍` as 180%), completion against target, kind
//! (预计 → estimate; 目标/计划/力争/确保 → target) and the sentence it came from. Web
//! scrapes with pinyin after each character (`經(jīng)濟(jì)`), traditional characters and
//! full-width digits are normalised first.
//!
//! The clerks write figures in a few fixed shapes, so the extractor reads them by rule: a
//! subject phrase (`规上工业总产值`), a number with its unit, then the rates that belong to
//! that figure (`同比增长24%`, `完成年目标任务的18.79%`) up to the next subject. The rules
//! are about those shapes, not about particular parks: counts that name their subject after
//! the number (`5个项目建成投产`), `其中` breakdowns, `新增…，累计达到…`, `总投资` after a
//! count of projects, `增长10%，力争达到70亿元`, `A和B…分别增长`. Headings set the year and
//! span (`2020年上半年工作总结`) and open the plan section, whose figures are targets.

mod lexicon;
mod normalize;
mod phrase;
mod reader;
mod sentence;

use serde::Serialize;

pub use normalize::normalize;

use crate::domain::period::{Period, parse_span};
use crate::domain::value::ValueKind;
use normalize::normalize_mapped;
use reader::{Context, sentence_facts};
use sentence::Sentence;

/// Words in a heading that open the plan section.
const PLAN_WORDS: [&str; 7] = ["安排", "计划", "打算", "思路", "目标任务", "下一步", "工作目标"];

/// A figure found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// What the figure is of, as the text writes it (`電子信息產業產值` stays traditional;
    /// pinyin, times, places and verbs dropped).
    pub indicator: String,
    /// `2020年1-6月`, or `None` when the text gives no year.
    pub period: Option<String>,
    #[serde(skip)]
    pub period_parts: Option<Period>,
    /// `None` when the text gives only a rate (`工业增加值同比增长6.8%`).
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub yoy_pct: Option<f64>,
    pub target_pct: Option<f64>,
    pub kind: &'static str,
    pub sentence: String,
    /// The company, project or sub-park the figure is of; `None` for the park itself.
    pub subject: Option<String>,
    /// The catalogue indicator the extractor reads the name as, or `None`: the clerk maps
    /// it in the review.
    pub mapped: Option<String>,
    /// Bytes of the original text (before normalising) holding the number and its unit, or
    /// the rate when there is no value: what the review page highlights.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// Where the text stands, as the headings and sentences so far say.
#[derive(Clone, Copy)]
struct Scope {
    year: Option<i32>,
    span: (u8, u8),
    /// In the plan section (`2021年工作安排`, `下半年工作计划`): figures are targets.
    plan: bool,
    /// The year the plan section's targets are for.
    plan_year: Option<i32>,
}

impl Default for Scope {
    fn default() -> Self {
        Scope { year: None, span: (1, 12), plan: false, plan_year: None }
    }
}

/// The first year named in `text`: `2020年`, `二〇二〇年`, or a date `2017-08-03`.
fn year_in(text: &str) -> Option<i32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).and_then(|d| char::from_digit(d as u32, 10)).unwrap_or(c);
    let chars: Vec<char> = text.chars().map(|c| digit(if c == '零' { '〇' } else { c })).collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let digits = chars[i..i + 4].iter().all(char::is_ascii_digit);
        let bounded = (i == 0 || !chars[i - 1].is_ascii_digit()) && !chars[i + 4].is_ascii_digit();
        let dated = chars[i + 4] == '年' || (chars[i + 4] == '-' && chars.get(i + 5).is_some_and(char::is_ascii_digit));
        let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
        (digits && bounded && dated && (1950..2100).contains(&year)).then_some(year)
    })
}

/// Spans named in words, counted from January.
const NAMED_SPANS: [(&str, (u8, u8)); 4] = [("一季度", (1, 3)), ("上半年", (1, 6)), ("前三季度", (1, 9)), ("全年", (1, 12))];

/// The span a clause opening with `text` names for its figures: what [`span_in`] reads,
/// or a single month (`7月当月`, `6月末`, `4月份`), a quarter (`二季度`), `前7个月`, or
/// `当月` (the last month of `current`).
pub(crate) fn clause_span(text: &str, current: (u8, u8)) -> Option<(u8, u8)> {
    const OPENERS: [&str; 10] = ["其中", "今年", "力争", "确保", "争取", "预计", "全区", "全县", "截至", "截止"];
    let text = text.trim_start();
    // `截至8月底`: everything up to the end of August.
    let until = ["截至", "截止", "到"].iter().any(|w| text.starts_with(w));
    let mut text = text;
    while let Some(rest) = OPENERS.iter().find_map(|w| text.strip_prefix(w)) {
        text = rest.trim_start();
    }
    const QUARTERS: [(&str, (u8, u8)); 8] = [
        ("第一季度", (1, 3)),
        ("第二季度", (4, 6)),
        ("第三季度", (7, 9)),
        ("第四季度", (10, 12)),
        ("二季度", (4, 6)),
        ("三季度", (7, 9)),
        ("四季度", (10, 12)),
        ("当月", (0, 0)),
    ];
    if let Some(span) = span_in(&text.chars().take(10).collect::<String>()).filter(|_| text.starts_with(|c: char| c.is_ascii_digit() || "上前全一".contains(c))) {
        return Some(span);
    }
    if let Some((_, q)) = QUARTERS.iter().find(|(w, _)| text.starts_with(w)) {
        return Some(if *q == (0, 0) { (current.1, current.1) } else { *q });
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let month: u8 = digits.parse().ok().filter(|m| (1..=12).contains(m))?;
    let rest = &text[digits.len()..];
    if let Some(n) = text.strip_prefix('前').and_then(|t| t.split_once("个月")).and_then(|(n, _)| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some((1, n));
    }
    let single = rest.starts_with('月') && !rest[3..].starts_with(|c: char| c.is_ascii_digit() || c == '日' || c == '-' || c == '至');
    single.then_some(if until { (1, month) } else { (month, month) })
}

/// The span `text` names: `上半年`, `前三季度`, `全年`, or a range from January (`1-6月`).
fn span_in(text: &str) -> Option<(u8, u8)> {
    let named = NAMED_SPANS.into_iter().find(|(m, _)| text.contains(m));
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let written = (0..n).find_map(|i| {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            return None;
        }
        let a_end = (i..n).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(n);
        if a_end >= n || !matches!(chars[a_end], '-' | '—' | '–' | '~' | '至') {
            return None;
        }
        let b_end = (a_end + 1..n).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(n);
        let text: String = chars[i..=b_end.min(n - 1)].iter().collect();
        (b_end > a_end + 1 && chars.get(b_end) == Some(&'月')).then(|| parse_span(&text)).flatten().filter(|s| s.0 == 1 && s.1 > 1 && s.1 <= 12)
    });
    written.or(named.map(|(_, s)| s))
}

/// A short line without a full stop: a title or a section heading.
fn is_heading(line: &str) -> bool {
    line.chars().count() < 40 && !line.ends_with(['。', ';'])
}

/// A line that is only a date (`■ 2016年一月`, `2021年12月30日`): when the document was
/// written or posted, not the period it reports on.
fn is_date_line(line: &str) -> bool {
    let t: String = line.chars().filter(|c| c.is_ascii_digit() || "年月日〇一二三四五六七八九十".contains(*c)).collect();
    let rest = line.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !"■□●◆▲—－".contains(*c)).count();
    let Some(after_year) = t.find('年') else { return false };
    t.chars().take_while(char::is_ascii_digit).count() == 4 && t[after_year..].contains('月') && rest == t.chars().count()
}

/// A heading sets the year and span of what follows, or opens the plan section; `第二篇`
/// starts another document of a collection. A date line sets nothing.
fn read_heading(scope: &mut Scope, line: &str) {
    if line.starts_with('第') && line.contains('篇') {
        *scope = Scope::default();
    }
    if is_date_line(line) {
        return;
    }
    let year = year_in(line);
    if PLAN_WORDS.iter().any(|w| line.contains(w)) && !line.contains("总结") {
        let next = scope.year.map(|y| y + i32::from(scope.span == (1, 12)));
        *scope = Scope { plan: true, plan_year: year.or(next), ..*scope };
        return;
    }
    if line.contains("总结") {
        scope.plan = false;
    }
    scope.year = year.or(scope.year);
    // `一、5月份全区招商引资主要指标`: a section on one month.
    let one_month = || if year.is_none() { clause_span(line.trim_start_matches(|c: char| !c.is_ascii_digit()), scope.span).filter(|(a, b)| a == b) } else { None };
    scope.span = span_in(line).or_else(|| month_report(line)).or_else(one_month).unwrap_or(scope.span);
}

/// A monthly report's heading (`2022年7月份工业经济运行简况`): its figures run from
/// January to that month.
fn month_report(line: &str) -> Option<(u8, u8)> {
    let at = line.find('年')? + '年'.len_utf8();
    let rest = &line[at..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let month: u8 = digits.parse().ok().filter(|m| (1..=12).contains(m))?;
    let after = &rest[digits.len()..];
    (after.starts_with('月') && !after[3..].starts_with(|c: char| c.is_ascii_digit() || c == '日')).then_some((1, month))
}

/// A sentence opening with a year (`2017年,共实施…`) sets it for the rest of its paragraph,
/// and so does a clause opening with a span (`…,1-8月三大功能区`); further in, a year is a
/// date and a span a comparison (`增幅较上半年提高`), not the period.
fn read_sentence_scope(scope: &mut Scope, sentence: &str) {
    let opening = |text: &str| text.chars().take(10).collect::<String>();
    scope.year = year_in(&opening(sentence)).or(scope.year);
    let opens_with_span = |clause: &&str| {
        let head = clause.trim_start().trim_start_matches("今年");
        head.starts_with(|c: char| c.is_ascii_digit()) || NAMED_SPANS.iter().any(|(m, _)| head.starts_with(m))
    };
    let span = sentence.split([',', ':']).filter(opens_with_span).find_map(|clause| span_in(&opening(clause.trim_start())));
    scope.span = span.unwrap_or(scope.span);
}

/// A sentence longer than this (in bytes) is cut at its next comma, as if at a semicolon.
/// Real sentences are far shorter (the seeds' longest is about 600 bytes); without a cut,
/// a text of commas and no full stop is one sentence, and reading each of its figures
/// scans all of it: 1 MB took 88 s.
const LONG_SENTENCE: usize = 1000;
/// Cut anywhere past this, comma or not.
const LONGEST_SENTENCE: usize = 2000;

/// The sentences of a normalised line with their byte offsets, split at full stops and
/// semicolons (and overlong ones at commas); `true` marks the first piece after a full
/// stop (a semicolon keeps the sentence going).
fn sentences(line: &str) -> Vec<(usize, &str, bool)> {
    let mut out = Vec::new();
    let (mut start, mut full) = (0, true);
    let ends = line.char_indices().filter(|(_, c)| matches!(c, '。' | '!' | '?' | ';'));
    for (end, stop) in ends.map(|(i, c)| (i, Some(c))).chain([(line.len(), None)]) {
        for (at, piece) in cut_long(&line[start..end]) {
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push((start + at + piece.len() - piece.trim_start().len(), trimmed, full));
                full = false;
            }
        }
        full |= stop != Some(';');
        start = end + stop.map_or(0, char::len_utf8);
    }
    out
}

/// `piece` in parts of at most about [`LONG_SENTENCE`] bytes, cut after a comma (or at
/// [`LONGEST_SENTENCE`] where there is none), with each part's offset.
fn cut_long(piece: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while piece.len() - at > LONG_SENTENCE {
        let rest = &piece[at..];
        let comma = rest.char_indices().skip_while(|(i, _)| *i < LONG_SENTENCE).take_while(|(i, _)| *i < LONGEST_SENTENCE).find(|(_, c)| *c == ',');
        let cut = match comma {
            Some((i, c)) => i + c.len_utf8(),
            None => (LONGEST_SENTENCE..=rest.len()).find(|i| rest.is_char_boundary(*i)).unwrap_or(rest.len()),
        };
        out.push((at, &rest[..cut]));
        at += cut;
    }
    out.push((at, &piece[at..]));
    out
}

/// The figure in the piece `range` (bytes) of `text` that a clerk selected because the
/// extractor missed it: what the extractor reads in the piece alone, or else its first
/// number with the unit after it, named by the words before it. `None` without a number.
pub fn fact_in_selection(text: &str, range: (usize, usize)) -> Option<Fact> {
    let (a, b) = range;
    let piece = text.get(a..b)?;
    let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[b..].find('\n').map_or(text.len(), |i| b + i);
    let sentence = normalize(text[line_start..line_end].trim());
    if let Some(mut f) = extract(piece).into_iter().next() {
        f.span = (a + f.span.0, a + f.span.1);
        f.sentence = sentence;
        return Some(f);
    }
    let norm = normalize_mapped(piece);
    let t = &norm.text;
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let len = t[start..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(t.len() - start);
    let value: f64 = t[start..start + len].replace(',', "").trim_end_matches('.').parse().ok()?;
    let rest = &t[start + len..];
    let unit = lexicon::UNITS.iter().chain(["%"].iter()).filter(|u| rest.starts_with(*u)).max_by_key(|u| u.len()).map(|u| (*u).to_owned());
    let name: String = t[..start].trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()).to_owned();
    let end = start + len + unit.as_ref().map_or(0, String::len);
    let (sa, sb) = norm.original_range(start, end);
    Some(Fact {
        indicator: name,
        period: None,
        period_parts: None,
        value: Some(value),
        unit,
        yoy_pct: None,
        target_pct: None,
        kind: ValueKind::Actual.code(),
        sentence,
        subject: None,
        mapped: None,
        span: (a + sa, a + sb),
    })
}

/// Finds the figures in a text.
pub fn extract(text: &str) -> Vec<Fact> {
    let norm = normalize_mapped(text);
    let written = norm.written_by_byte(text);
    // The year the text first names, outside a line that only dates it (`（2024年2月20日）`).
    let first_year = norm.text.split('\n').filter(|l| !is_date_line(l.trim())).find_map(year_in);
    let mut doc = Scope { year: first_year.or_else(|| year_in(&norm.text)), ..Scope::default() };
    let mut facts: Vec<Fact> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut line_start = 0;
    for line in norm.text.split('\n') {
        let offset = line_start;
        line_start += line.len() + 1;
        if is_heading(line.trim()) && !line.trim().is_empty() {
            read_heading(&mut doc, line.trim());
        }
        let mut scope = doc;
        let mut ctx = Context::default();
        for (start, sentence, full_stop) in sentences(line) {
            if full_stop {
                ctx.full_stop();
            }
            read_sentence_scope(&mut scope, sentence);
            let at = offset + start;
            let own: Vec<char> = sentence.char_indices().map(|(b, _)| written.get(at + b).copied().unwrap_or('?')).collect();
            for mut fact in sentence_facts(&Sentence::read(sentence, &own), scope, &mut ctx) {
                fact.span = norm.original_range(offset + start + fact.span.0, offset + start + fact.span.1);
                // Texts scraped from the web repeat whole paragraphs.
                if seen.insert((fact.indicator.clone(), fact.value.map(f64::to_bits), fact.sentence.clone())) {
                    facts.push(fact);
                }
            }
        }
    }
    facts
}

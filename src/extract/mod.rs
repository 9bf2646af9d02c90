//! Reading figures out of old work summaries (工作总结): each figure with its indicator,
//! period, value and unit, YoY (下降 as negative, `增长1.8倍` as 180%), completion against
//! target, kind (预计 → estimate; 目标/计划/力争/确保 → target) and the sentence it came
//! from. Web scrapes with pinyin after each character (`經(jīng)濟(jì)`), traditional
//! characters and full-width digits are normalised first.

mod normalize;

use serde::Serialize;

pub use normalize::normalize;

use crate::domain::indicator::known_unit_suffixes;
use crate::domain::period::{Period, parse_span};
use crate::domain::value::ValueKind;

/// Phrases of the summaries and the catalogue indicator each names; longest first wins.
const PHRASES: &[(&str, &str)] = &[
    ("规模以上工业企业营业收入", "规上工业营业收入"),
    ("规模以上工业总产值", "规上工业总产值"),
    ("规上工业企业产值", "规上工业总产值"),
    ("规上工业总产值", "规上工业总产值"),
    ("规上工业产值", "规上工业总产值"),
    ("工业总产值", "规上工业总产值"),
    ("工业增加值", "工业增加值"),
    ("地区生产总值", "地区生产总值"),
    ("生产总值", "地区生产总值"),
    ("营业收入", "营业收入"),
    ("主营业务收入", "主营业务收入"),
    ("工业销售收入", "工业销售收入"),
    ("社会消费品零售总额", "社会消费品零售总额"),
    ("固定资产投资", "固定资产投资"),
    ("工业投资", "工业投资"),
    ("基础设施建设投资", "基础设施投资"),
    ("基础设施投资", "基础设施投资"),
    ("基础建设共投入资金", "基础设施投资"),
    ("招商引资", "招商引资到位资金"),
    ("引进到位资金", "招商引资到位资金"),
    ("到位资金", "招商引资到位资金"),
    ("协议引资", "协议引资额"),
    ("公共财政收入", "公共财政收入"),
    ("公共财政支出", "公共财政支出"),
    ("一般公共预算收入", "公共财政收入"),
    ("税收", "税收"),
    ("出口创汇", "出口创汇"),
    ("实际利用外资", "实际利用外资"),
    ("建成区面积", "建成区面积"),
    ("给水管网", "给水管网"),
    ("自来水管网", "给水管网"),
    ("排水管网", "排水管网"),
    ("电力线路", "电力线路"),
    ("供暖管线", "供热管网"),
    ("供热管网", "供热管网"),
    ("道路", "新建道路"),
    ("土地平整", "土地平整"),
    ("场地平整", "土地平整"),
    ("通讯铁塔", "通讯铁塔"),
    ("认定高新技术企业", "新认定高新技术企业数"),
    ("高新技术企业", "高新技术企业数"),
    ("培育规模以上企业", "新增规上企业数"),
    ("新增规上企业", "新增规上企业数"),
    ("入驻各类企业", "入驻企业数"),
    ("现有", "入驻企业数"),
    ("规模以上工业企业", "规上企业数"),
    ("规模以上企业", "规上企业数"),
    ("规上企业", "规上企业数"),
    ("研发机构", "新认定研发机构数"),
    ("专利", "专利数"),
    ("安全隐患", "排查整改安全隐患数"),
    ("隐患", "排查整改安全隐患数"),
    ("签约", "签约项目数"),
    ("协议", "签约项目数"),
    ("开复工", "开复工项目数"),
    ("开工", "开工项目数"),
    ("建成投产", "建成投产项目数"),
    ("投产", "建成投产项目数"),
    ("重点项目", "重点项目数"),
    ("重点建设项目", "重点项目数"),
];

/// Which units an indicator can be written in; a figure in another unit is not it.
fn unit_fits(indicator: &str, unit: &str) -> bool {
    let money = ["亿元", "万元", "元", "万美元", "亿美元", "美元"].contains(&unit);
    let count = COUNT_UNITS.contains(&unit);
    let length = ["公里", "米", "km", "KM", "千米"].contains(&unit);
    let area = ["亩", "平方公里", "平方米", "㎡"].contains(&unit);
    match indicator {
        i if i.ends_with("数") => count,
        "土地平整" => area,
        "建成区面积" => area,
        i if i.contains("管网") || i.contains("道路") || i.contains("线路") => length,
        "通讯铁塔" => count,
        _ => money,
    }
}

/// Units written after counts: these phrases may come after the number (`5个项目建成投产`).
const COUNT_UNITS: [&str; 6] = ["个", "家", "户", "项", "座", "起"];

/// A figure found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    pub indicator: String,
    /// `2020年1-6月`, or `None` when the text gives no year.
    pub period: Option<String>,
    #[serde(skip)]
    pub period_parts: Option<Period>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub yoy_pct: Option<f64>,
    pub target_pct: Option<f64>,
    pub kind: &'static str,
    pub sentence: String,
    /// Bytes of the original text (before normalising) holding the number and its unit, or
    /// the rate when there is no value: what the review page highlights.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// Where the text stands: the year and span in force, and whether it is the plan section.
#[derive(Clone, Copy)]
struct Scope {
    year: Option<i32>,
    span: (u8, u8),
    plan: bool,
}

fn number_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && (chars[j].is_ascii_digit() || (chars[j] == '.' && j > i)) {
        j += 1;
    }
    if j == i || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.')) {
        return None;
    }
    let s: String = chars[i..j].iter().collect();
    s.trim_end_matches('.').parse().ok().map(|v| (v, j))
}

fn unit_at(chars: &[char], j: usize) -> Option<(&'static str, usize)> {
    let rest: String = chars[j..chars.len().min(j + 5)].iter().collect();
    let units = known_unit_suffixes().iter().copied().chain(["户", "项", "起", "km", "KM"]);
    let mut best: Option<&'static str> = None;
    for u in units {
        if rest.starts_with(u) && best.is_none_or(|b| u.chars().count() > b.chars().count()) {
            best = Some(u);
        }
    }
    best.map(|u| (u, j + u.chars().count()))
}

fn canonical_unit(u: &str) -> &'static str {
    match u {
        "km" | "KM" | "千米" => "公里",
        "户" => "家",
        "起" => "项",
        other => known_unit_suffixes().iter().copied().find(|k| *k == other).unwrap_or("个"),
    }
}

/// The indicator named in `window`, nearest its end.
fn phrase_in(window: &str) -> Option<&'static str> {
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (phrase, ind) in PHRASES {
        if let Some(pos) = window.rfind(phrase) {
            let end = pos + phrase.len();
            let better = match best {
                None => true,
                Some((e, l, _)) => end > e || (end == e && phrase.len() > l),
            };
            if better {
                best = Some((end, phrase.len(), ind));
            }
        }
    }
    best.map(|(_, _, ind)| ind)
}

fn rate_after(text: &str) -> (Option<f64>, Option<f64>) {
    let norm = text.replace(['，', ','], "");
    let grab = |from: usize| -> Option<(f64, bool)> {
        let chars: Vec<char> = norm[from..].chars().skip_while(|c| !c.is_ascii_digit()).take(12).collect();
        let n: String = chars.iter().take_while(|c| c.is_ascii_digit() || **c == '.').collect();
        let v: f64 = n.parse().ok()?;
        let after: String = chars.iter().skip(n.chars().count()).take(1).collect();
        Some((v, after == "倍"))
    };
    let mut yoy = None;
    for (word, sign) in [("增长", 1.0), ("增加", 1.0), ("提高", 1.0), ("下降", -1.0), ("减少", -1.0)] {
        if let Some(i) = norm.find(word) {
            if let Some((v, times)) = grab(i + word.len()) {
                yoy = Some(sign * if times { v * 100.0 } else { v });
                break;
            }
        }
    }
    let mut target = None;
    for word in ["目标任务的", "目标的", "计划的", "年度预算的", "任务的"] {
        if let Some(i) = norm.find(word) {
            target = grab(i + word.len()).map(|(v, _)| v);
            break;
        }
    }
    (yoy, target)
}

fn update_scope(scope: &mut Scope, sentence: &str) {
    let chars: Vec<char> = sentence.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(char::is_ascii_digit) && chars.get(i + 4) == Some(&'年') {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
            if (1950..2100).contains(&y) {
                scope.year = Some(y);
                break;
            }
        }
    }
    for (marker, span) in [("上半年", (1, 6)), ("前三季度", (1, 9)), ("全年", (1, 12))] {
        if sentence.contains(marker) {
            scope.span = span;
        }
    }
    // A cumulative span written out: 1-6月, 1—9月份.
    let n = chars.len();
    for i in 0..n {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let a_end = (i..n).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(n);
        if a_end >= n || !matches!(chars[a_end], '-' | '—' | '–' | '~' | '至') {
            continue;
        }
        let b_end = (a_end + 1..n).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(n);
        if b_end > a_end + 1 && chars.get(b_end) == Some(&'月') {
            let text: String = chars[i..=b_end].iter().collect();
            if let Some(span) = parse_span(&text).filter(|s| s.0 == 1 && s.1 > 1 && s.1 <= 12) {
                scope.span = span;
                break;
            }
        }
    }
}

/// Finds the figures in a text.
pub fn extract(text: &str) -> Vec<Fact> {
    let text = normalize(text);
    let mut facts = Vec::new();
    let mut doc = Scope { year: None, span: (1, 12), plan: false };
    // The title sets the document's year and span.
    let head: String = text.chars().take(120).collect();
    update_scope(&mut doc, &head);
    if doc.year.is_none() {
        // No year in the title: a date line (`日期:2017-08-03`), else the first year named.
        let digits: Vec<char> = text.chars().collect();
        let dated = (0..digits.len().saturating_sub(5)).find(|&i| digits[i..i + 4].iter().all(char::is_ascii_digit) && digits[i + 4] == '-');
        if let Some(i) = dated {
            doc.year = digits[i..i + 4].iter().collect::<String>().parse().ok();
        } else {
            let mut probe = Scope { year: None, span: doc.span, plan: false };
            update_scope(&mut probe, &text);
            doc.year = probe.year;
        }
    }
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().count() < 40 && ["工作安排", "工作计划", "工作打算", "工作思路", "目标任务", "下一步"].iter().any(|w| line.contains(w)) {
            doc.plan = true;
        }
        let mut scope = doc;
        for sentence in line.split(['。', '；', ';', '！', '？']) {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            update_scope(&mut scope, sentence);
            for fact in sentence_facts(sentence, scope) {
                // Texts scraped from the web repeat whole paragraphs.
                if !facts.iter().any(|f: &Fact| f.indicator == fact.indicator && f.value == fact.value && f.sentence == fact.sentence) {
                    facts.push(fact);
                }
            }
        }
    }
    facts
}

fn sentence_facts(sentence: &str, scope: Scope) -> Vec<Fact> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut last_end = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let Some((value, j)) = number_at(&chars, i) else {
            i += 1;
            continue;
        };
        let Some((unit, k)) = unit_at(&chars, j) else {
            i = j;
            continue;
        };
        if unit == "%" || (j >= i + 4 && unit == "年") {
            i = k;
            continue;
        }
        let window: String = chars[last_end..i].iter().collect();
        let after: String = chars[k..chars.len().min(k + 10)].iter().collect();
        let mut indicator = phrase_in(&window).filter(|ind| unit_fits(ind, unit));
        // A count may name its subject after the number (5个项目建成投产, 34家规模以上企业).
        if indicator.is_none() && COUNT_UNITS.contains(&unit) {
            indicator = phrase_in(&after);
        }
        if indicator.is_none() {
            indicator = phrase_in(&window);
        }
        // Money named next to a signing is the amount agreed (签约 …总投资3.1亿元).
        if indicator == Some("签约项目数") && !COUNT_UNITS.contains(&unit) {
            indicator = Some("协议引资额");
        }
        let skip_new = indicator == Some("建成区面积") && window.contains("新增");
        let Some(indicator) = indicator.filter(|ind| unit_fits(ind, unit) && !skip_new) else {
            last_end = k;
            i = k;
            continue;
        };
        // A part (其中 …) of the figure just found for the same indicator is not a new figure.
        if window.contains("其中") && out.last().is_some_and(|f: &Fact| f.indicator == indicator) {
            last_end = k;
            i = k;
            continue;
        }
        // The rates that follow this figure, up to the next figure.
        let next = (k..chars.len()).find(|&p| number_at(&chars, p).is_some_and(|(_, q)| unit_at(&chars, q).is_some_and(|(u, _)| u != "%" && u != "倍")));
        let tail: String = chars[k..next.unwrap_or(chars.len())].iter().collect();
        let (yoy_pct, target_pct) = rate_after(&tail);
        let prefix: String = chars[..i].iter().collect();
        let (kind, year) = if prefix.contains("预计") {
            (ValueKind::Estimate, scope.year)
        } else if scope.plan || ["计划", "目标", "力争", "确保", "争取"].iter().any(|w| window.contains(w)) {
            let year = if prefix.contains("明年") || (scope.plan && scope.span == (1, 12)) { scope.year.map(|y| y + 1) } else { scope.year };
            (ValueKind::Target, year)
        } else {
            (ValueKind::Actual, scope.year)
        };
        let span = if kind == ValueKind::Target { (1, 12) } else { scope.span };
        let period = year.and_then(|y| Period::new(y, span.0, span.1).ok());
        out.push(Fact {
            indicator: indicator.to_owned(),
            period: period.map(|p| p.label_zh()),
            period_parts: period,
            value: Some(value),
            unit: Some(canonical_unit(unit).to_owned()),
            yoy_pct,
            target_pct,
            kind: kind.code(),
            sentence: sentence.to_owned(),
            span: (0, 0),
        });
        last_end = k;
        i = k;
    }
    out
}

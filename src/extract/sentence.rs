//! One sentence read once: its phrases, its figures (a number with its unit, unless it is
//! a range, a dimension, a difference, a ranking, a capacity, a duration or a threshold in
//! a group's name; `约`/`近`/`余` approximations keep their number) and its rates
//! (`同比增长24%`, `完成年目标任务的18.79%`, `增长三成`), each by character index.

use super::lexicon::{COUNT_UNITS, Names, UNITS, lexicon};

/// A phrase found in a sentence, by character index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Phrase {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) names: Names,
}

/// A number with its unit, by character index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: f64,
    pub(super) unit: &'static str,
}

/// What a percentage says about the figure before it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum RateKind {
    /// `同比增长24%`, `下降0.6%`, `增长1.8倍`.
    Yoy,
    /// `完成年目标任务的18.79%`, `为年度预算的100.5%`.
    Target,
    /// A share, a ratio, a level (`占全旗比重35.6%`, `整改率达100%`).
    Other,
    /// `提高0.8个百分点`: the difference of two rates, neither a rate nor a figure.
    Points,
}

/// A percentage or multiple, by character index; `value` is in percent.
#[derive(Clone, Copy, Debug)]
pub(super) struct Rate {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: RateKind,
    pub(super) value: f64,
}

/// One sentence (up to a full stop or semicolon), read once.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) chars: Vec<char>,
    /// Each character as the original text wrote it (traditional kept, pinyin gone): what
    /// an indicator's name is given in.
    pub(super) written: Vec<char>,
    /// Byte offset of each character in `text`, and `text.len()` last.
    pub(super) bytes: Vec<usize>,
    pub(super) phrases: Vec<Phrase>,
    pub(super) figures: Vec<Figure>,
    pub(super) rates: Vec<Rate>,
}

impl<'a> Sentence<'a> {
    /// Reads `text`; `written` gives, for each of its characters, the one the original
    /// text has there (the text's own characters when it is shorter).
    pub(super) fn read(text: &'a str, written: &[char]) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let written = if written.len() == chars.len() { written.to_vec() } else { chars.clone() };
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut s = Sentence { text, chars, written, bytes, phrases: Vec::new(), figures: Vec::new(), rates: Vec::new() };
        s.phrases = s.find_phrases();
        let (figures, mut rates) = s.find_numbers();
        rates.extend(s.unchanged().into_iter().filter(|r| !figures.iter().any(|f: &Figure| f.start <= r.start && r.start < f.end)));
        rates.sort_by_key(|r| r.start);
        (s.figures, s.rates) = (figures, rates);
        s
    }

    /// Changes written in words: `与上年持平` (0), `翻了一番` (100%), `翻两番` (300%),
    /// `增长三成` (30%), `增长两倍` (200%).
    fn unchanged(&self) -> Vec<Rate> {
        const WORDS: [(&str, f64); 8] =
            [("持平", 0.0), ("翻一番", 100.0), ("翻了一番", 100.0), ("翻番", 100.0), ("翻两番", 300.0), ("翻了两番", 300.0), ("翻三番", 700.0), ("翻了三番", 700.0)];
        let at = |b: usize| self.bytes.partition_point(|&x| x < b);
        let mut out: Vec<Rate> = Vec::new();
        for (word, value) in WORDS {
            for (b, _) in self.text.match_indices(word) {
                let start = at(b);
                // `保持平稳` is not `持平`.
                let steady = word == "持平" && (self.chars.get(start + 2) == Some(&'稳') || start > 0 && self.chars[start - 1] == '保');
                if !steady && !out.iter().any(|r| r.start <= start && start < r.end) {
                    out.push(Rate { start, end: start + word.chars().count(), kind: RateKind::Yoy, value });
                }
            }
        }
        // `增长三成`, `增长两倍`, `下降两成`: a growth word, a numeral, 成 or 倍.
        const NUMERALS: &str = "一二两三四五六七八九十";
        for i in 1..self.chars.len().saturating_sub(1) {
            let (n, unit) = (self.chars[i], self.chars[i + 1]);
            let Some(d) = NUMERALS.chars().position(|c| c == n) else { continue };
            let d = [1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0][d];
            let before = without_fillers(self.slice(i.saturating_sub(6), i));
            let sign = if ["下降", "减少", "降低", "回落"].iter().any(|w| before.ends_with(w)) {
                -1.0
            } else if ["增长", "增加", "提高", "上升", "增"].iter().any(|w| before.ends_with(w)) {
                1.0
            } else {
                continue;
            };
            let value = match unit {
                '成' => d * 10.0,
                '倍' => d * 100.0,
                _ => continue,
            };
            out.push(Rate { start: i, end: i + 2, kind: RateKind::Yoy, value: sign * value });
        }
        out
    }

    pub(super) fn slice(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.bytes[from]..self.bytes[to.max(from)]]
    }

    /// Phrases from left to right, the longest at each place.
    fn find_phrases(&self) -> Vec<Phrase> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.chars.len() {
            let rest = self.slice(i, self.chars.len());
            let best = lexicon().filter(|(p, _)| rest.starts_with(p)).max_by_key(|(p, _)| p.len());
            match best {
                Some((p, names)) => {
                    let end = i + p.chars().count();
                    out.push(Phrase { start: i, end, names });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Where the clause holding character `i` starts and ends: commas and colons part
    /// clauses, except a comma grouping thousands (`1,234`).
    pub(super) fn clause(&self, i: usize) -> (usize, usize) {
        let c = &self.chars;
        let digit = |k: usize| c.get(k).is_some_and(char::is_ascii_digit);
        // `签约项目：9个`: a colon before a number joins a name to its figure.
        let is_break = |k: usize| (c[k] == ':' && !digit(k + 1)) || (c[k] == ',' && !(k > 0 && digit(k - 1) && digit(k + 1)));
        let i = i.min(c.len());
        let start = (0..i).rev().find(|&k| is_break(k)).map_or(0, |k| k + 1);
        let end = (i..c.len()).find(|&k| is_break(k)).unwrap_or(c.len());
        (start, end)
    }

    pub(super) fn ends_with_any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        let text = self.slice(from, to);
        words.iter().any(|w| text.ends_with(w))
    }

    pub(super) fn contains_any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        let text = self.slice(from, to);
        words.iter().any(|w| text.contains(w))
    }

    /// The figures and the rates, each number once.
    fn find_numbers(&self) -> (Vec<Figure>, Vec<Rate>) {
        let (mut figures, mut rates) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < self.chars.len() {
            let Some((value, j)) = self.number_at(i) else {
                i += 1;
                continue;
            };
            if let Some(rate) = self.rate_at(i, j, value, rates.last()) {
                rates.push(rate);
                i = rate.end;
            } else if let Some((unit, k)) = self.unit_at(j + usize::from(self.about_after(j))) {
                if self.is_quantity(i, k) {
                    // `利润总额-22.4亿元`: a loss.
                    let minus = self.minus_before(i);
                    let (start, value) = if minus { (i - 1, -value) } else { (i, value) };
                    figures.push(Figure { start, end: k, value, unit });
                }
                i = k;
            } else {
                i = j;
            }
        }
        (figures, rates)
    }

    /// The number starting at `i` and where it ends: `20.66`, or `1,234.5` with thousands.
    fn number_at(&self, i: usize) -> Option<(f64, usize)> {
        let c = &self.chars;
        let digit = |k: usize| c.get(k).is_some_and(char::is_ascii_digit);
        if !digit(i) || (i > 0 && (c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '.')) {
            return None;
        }
        let mut j = i;
        loop {
            let point = c[j] == '.' && digit(j + 1) && !c[i..j].contains(&'.');
            let thousands = c[j] == ',' && (1..=3).all(|d| digit(j + d)) && !digit(j + 4) && !c[i..j].contains(&'.');
            if !(digit(j) || point || thousands) {
                break;
            }
            j += 1;
            if j == c.len() {
                break;
            }
        }
        self.slice(i, j).replace(',', "").parse().ok().map(|v| (v, j))
    }

    /// Whether the number at `i` is negative (`利润总额-22.4亿元`), not the end of a range
    /// (`1-5亿元`, `5亿-10亿元`).
    fn minus_before(&self, i: usize) -> bool {
        i >= 2 && self.chars[i - 1] == '-' && !(self.chars[i - 2].is_ascii_alphanumeric() || "亿万千百元个家项%月年日.-".contains(self.chars[i - 2]))
    }

    /// `100余家`, `160多项`: a number's approximation before its unit.
    fn about_after(&self, j: usize) -> bool {
        matches!(self.chars.get(j), Some('余' | '多')) && self.unit_at(j + 1).is_some()
    }

    fn unit_at(&self, j: usize) -> Option<(&'static str, usize)> {
        let rest = self.slice(j, self.chars.len());
        let unit = UNITS.iter().copied().filter(|u| rest.starts_with(u)).max_by_key(|u| u.len())?;
        Some((unit, j + unit.chars().count()))
    }

    /// A percentage or multiple at `i..j`, classified by the words before it. `个百分点`
    /// (a difference of two rates) is neither a rate nor a figure.
    fn rate_at(&self, i: usize, j: usize, value: f64, last: Option<&Rate>) -> Option<Rate> {
        let after = self.slice(j, self.chars.len());
        let (clause_start, _) = self.clause(i);
        let before = without_fillers(self.slice(clause_start.max(i.saturating_sub(12)), i));
        let (times, end) = match after.chars().next() {
            Some('%') => (false, j + 1),
            Some('倍') => (true, j + 1),
            _ if after.starts_with("个百分点") || after.starts_with("百分点") => {
                let end = j + if after.starts_with('个') { 4 } else { 3 };
                return Some(Rate { start: i, end, kind: RateKind::Points, value });
            }
            // `同比下降9.6，`: a growth rate whose % sign the text left out.
            None | Some(',' | ';' | '。' | ')' | '和' | '、') if ["增长", "下降", "增幅", "增速", "降幅"].iter().any(|w| before.ends_with(w)) => (false, j),
            _ => return None,
        };
        const UP: [&str; 7] = ["增长", "增加", "提高", "上升", "增幅", "增速", "增"];
        const DOWN: [&str; 6] = ["下降", "减少", "降低", "回落", "降幅", "下滑"];
        let sign = if DOWN.iter().any(|w| before.ends_with(w)) {
            Some(-1.0)
        } else if UP.iter().any(|w| before.ends_with(w)) {
            Some(1.0)
        } else {
            // `分别增长8.6%和9%`: the second rate of a list is of the first one's kind.
            last.filter(|r| r.kind == RateKind::Yoy && ["和", "、", "及"].contains(&self.slice(r.end, if self.minus_before(i) { i - 1 } else { i }))).map(|r| r.value.signum())
        };
        // `占目标任务80亿元的81.6%`: the target is named with its amount.
        let lead_in = self.slice(clause_start, i);
        let of_target = before.ends_with('的') && lead_in.contains(|c: char| c.is_ascii_digit()) && ["目标", "任务", "计划"].iter().any(|w| lead_in.contains(w));
        let kind = match sign {
            Some(_) => RateKind::Yoy,
            None if of_target || ["目标", "任务", "计划", "预算"].iter().any(|w| before.trim_end_matches('的').ends_with(w)) => RateKind::Target,
            None => RateKind::Other,
        };
        let value = if times { value * 100.0 } else { value };
        // `分别增长3.2%、-1.8%`: a fall written with a minus.
        let value = if self.minus_before(i) { -value } else { value };
        // `营收增长20%以上企业`: a threshold in the name of a group, not a rate.
        // `环比增长5%` (on the month before) and `较年初增长6.3%` are not YoY; they are left out.
        let not_yoy = kind == RateKind::Yoy && ["环比", "较年初", "比年初", "较上月", "比上月"].iter().any(|w| self.slice(clause_start, i).contains(w));
        let kind = if not_yoy || threshold_follows(self.slice(end, self.chars.len())) { RateKind::Points } else { kind };
        Some(Rate { start: i, end, kind, value: sign.unwrap_or(1.0) * value })
    }

    /// Whether the number at `i` with its unit ending at `k` is a quantity of its own, not an
    /// approximation, a range, a dimension or a difference.
    fn is_quantity(&self, i: usize, k: usize) -> bool {
        let (start, _) = self.clause(i);
        let next = self.chars.get(k).copied();
        let range = (self.ends_with_any(start, i, &["-", "~", "—", "–", "至"]) && !self.minus_before(i))
            || matches!(next, Some('-' | '~' | '—' | '–' | '至')) && self.chars.get(k + 1).is_some_and(char::is_ascii_digit);
        let dimension = self.ends_with_any(start, i, &["宽", "高", "深", "厚", "直径", "宽度", "高度"]);
        let difference = self.ends_with_any(start, i, &["净增", "增加", "减少", "净减", "多", "少"]);
        let per_visit = next == Some('次');
        // `第8位`, `排名第3`: a place in a ranking.
        let rank = self.ends_with_any(start, i, &["第"]);
        // `年产5万吨`, `年吞吐能力可达80万吨`: what a plant is built to make, not what was made.
        let lead_in = without_fillers(self.slice(start, i).trim_end_matches(['可', '能']));
        let capacity = ["年产", "年处理", "日产", "日处理", "年加工", "设计", "装机", "装机容量"].iter().any(|w| lead_in.ends_with(w))
            || self.contains_any(start, i, &["吞吐能力", "产能", "生产能力", "处理能力", "设计能力"]);
        // `3个月`, `48个小时`: a duration.
        let unit = self.slice(i, k).trim_start_matches(|c: char| c.is_ascii_digit() || ".,余多".contains(c));
        let duration = unit.ends_with('个') && matches!(next, Some('月' | '小' | '工' | '季' | '年' | '星'));
        let after = self.slice(k, self.chars.len());
        // `7个方面33个问题`, `5项措施`: parts of a plan, not statistics.
        const NOT_COUNTED: [&str; 16] = ["方面", "问题", "措施", "环节", "领域", "方向", "机制", "制度", "文件", "意见", "会议", "专班", "小组", "步骤", "阶段", "举措"];
        let not_counted = COUNT_UNITS.contains(&unit)
            && (NOT_COUNTED.iter().any(|w| after.starts_with(w)) || NOT_COUNTED.iter().any(|w| self.slice(start, i).trim_end_matches(['共', '计', '有']).ends_with(w)));
        // A count (`5个项目建成投产`) names what it counts after it; only an amount is a threshold.
        let threshold = !COUNT_UNITS.contains(&unit) && threshold_follows(after);
        !(range || dimension || difference || per_visit || rank || capacity || duration || threshold || not_counted)
    }
}

/// Whether the words after a number and its unit make it a threshold in the name of a
/// group (`500万元以上企业`, `产值超10亿元企业9家`, `1亿元以上的项目`), not a figure.
pub(super) fn threshold_follows(after: &str) -> bool {
    let rest = ["及以上", "以上", "以下", "以内"].iter().find_map(|w| after.strip_prefix(w)).unwrap_or(after);
    let rest = rest.strip_prefix('的').unwrap_or(rest);
    const GROUPS: [&str; 14] = ["企业", "项目", "工业", "规模", "大项目", "重点", "产业项目", "固定资产", "投资项目", "工程", "单位", "客商", "外资项目", "内资项目"];
    GROUPS.iter().any(|g| rest.starts_with(g))
}

/// `text` without the words that may stand between a growth word and its number
/// (`增长了`, `增长近`, `分别增长`, `增速为`).
fn without_fillers(mut text: &str) -> &str {
    const FILLERS: [&str; 14] = ["了", "近", "约", "超", "达", "为", "到", "是", "分别", "高达", "保持在", "稳定在", "控制在", "保持"];
    while let Some(rest) = FILLERS.iter().find_map(|w| text.strip_suffix(w)) {
        text = rest;
    }
    text
}

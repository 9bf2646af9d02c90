//! One sentence read once: its phrases, its figures (a number with its unit, unless the
//! number is a range, an approximation, a dimension or a difference) and its rates
//! (`同比增长24%`, `完成年目标任务的18.79%`), each by character index.

use super::lexicon::{Names, lexicon};
use crate::domain::indicator::known_unit_suffixes;

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
    /// Byte offset of each character in `text`, and `text.len()` last.
    pub(super) bytes: Vec<usize>,
    pub(super) phrases: Vec<Phrase>,
    pub(super) figures: Vec<Figure>,
    pub(super) rates: Vec<Rate>,
}

impl<'a> Sentence<'a> {
    pub(super) fn read(text: &'a str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut s = Sentence { text, chars, bytes, phrases: Vec::new(), figures: Vec::new(), rates: Vec::new() };
        s.phrases = s.find_phrases();
        let (figures, mut rates) = s.find_numbers();
        rates.extend(s.unchanged());
        rates.sort_by_key(|r| r.start);
        (s.figures, s.rates) = (figures, rates);
        s
    }

    /// `与上年持平`: a change of nothing, written without a number.
    fn unchanged(&self) -> impl Iterator<Item = Rate> {
        self.text.match_indices("持平").map(|(b, _)| {
            let start = self.bytes.partition_point(|&x| x < b);
            Rate { start, end: start + 2, kind: RateKind::Yoy, value: 0.0 }
        })
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
        let is_break = |k: usize| c[k] == ':' || (c[k] == ',' && !(k > 0 && digit(k - 1) && digit(k + 1)));
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
            } else if let Some((unit, k)) = self.unit_at(j) {
                if self.is_quantity(i, k) {
                    figures.push(Figure { start: i, end: k, value, unit });
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

    fn unit_at(&self, j: usize) -> Option<(&'static str, usize)> {
        let rest = self.slice(j, self.chars.len());
        let units = known_unit_suffixes().iter().copied().chain(["户", "项", "起", "处", "件", "KM", "亿千瓦时"]);
        let unit = units.filter(|u| *u != "%" && rest.starts_with(u)).max_by_key(|u| u.len())?;
        Some((unit, j + unit.chars().count()))
    }

    /// A percentage or multiple at `i..j`, classified by the words before it. `个百分点`
    /// (a difference of two rates) is neither a rate nor a figure.
    fn rate_at(&self, i: usize, j: usize, value: f64, last: Option<&Rate>) -> Option<Rate> {
        let after = self.slice(j, self.chars.len());
        let (times, end) = match after.chars().next() {
            Some('%') => (false, j + 1),
            Some('倍') => (true, j + 1),
            _ if after.starts_with("个百分点") => return Some(Rate { start: i, end: j + 4, kind: RateKind::Other, value }),
            _ => return None,
        };
        let (clause_start, _) = self.clause(i);
        let before = without_fillers(self.slice(clause_start.max(i.saturating_sub(12)), i));
        const UP: [&str; 7] = ["增长", "增加", "提高", "上升", "增幅", "增速", "增"];
        const DOWN: [&str; 6] = ["下降", "减少", "降低", "回落", "降幅", "下滑"];
        let sign = if DOWN.iter().any(|w| before.ends_with(w)) {
            Some(-1.0)
        } else if UP.iter().any(|w| before.ends_with(w)) {
            Some(1.0)
        } else {
            // `分别增长8.6%和9%`: the second rate of a list is of the first one's kind.
            last.filter(|r| r.kind == RateKind::Yoy && ["和", "、", "及"].contains(&self.slice(r.end, i))).map(|r| r.value.signum())
        };
        let kind = match sign {
            Some(_) => RateKind::Yoy,
            None if ["目标", "任务", "计划", "预算"].iter().any(|w| before.trim_end_matches('的').ends_with(w)) => RateKind::Target,
            None => RateKind::Other,
        };
        let value = if times { value * 100.0 } else { value };
        Some(Rate { start: i, end, kind, value: sign.unwrap_or(1.0) * value })
    }

    /// Whether the number at `i` with its unit ending at `k` is a quantity of its own, not an
    /// approximation, a range, a dimension or a difference.
    fn is_quantity(&self, i: usize, k: usize) -> bool {
        let (start, _) = self.clause(i);
        let next = self.chars.get(k).copied();
        let range = self.ends_with_any(start, i, &["-", "~", "—", "–", "至"])
            || matches!(next, Some('-' | '~' | '—' | '–' | '至')) && self.chars.get(k + 1).is_some_and(char::is_ascii_digit);
        let not_about = ["签约", "合约", "制约", "节约", "预约", "最近", "附近"];
        let about = self.ends_with_any(start, i, &["约", "近"]) && !self.ends_with_any(start, i, &not_about);
        let approximate = about || self.slice(k, self.chars.len()).starts_with("左右");
        let dimension = self.ends_with_any(start, i, &["宽", "高", "深", "厚", "直径", "宽度", "高度"]);
        let difference = self.ends_with_any(start, i, &["净增", "增加", "减少", "净减", "多", "少"]);
        let per_visit = next == Some('次');
        !(range || approximate || dimension || difference || per_visit)
    }
}

/// `text` without the words that may stand between a growth word and its number
/// (`增长了`, `增长近`, `分别增长`, `增速为`).
fn without_fillers(mut text: &str) -> &str {
    const FILLERS: [&str; 10] = ["了", "近", "约", "超", "达", "为", "到", "是", "分别", "高达"];
    while let Some(rest) = FILLERS.iter().find_map(|w| text.strip_suffix(w)) {
        text = rest;
    }
    text
}

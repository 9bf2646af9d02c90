//! Gives each figure of a sentence its indicator, rates, kind and period: the subject phrase
//! before it or the noun right after it, `其中` breakdowns, `新增…，累计达到…`, `总投资`
//! after a count of projects, `增长10%，达到70亿元`, and pairs joined by `和`.

use super::lexicon::Names::*;
use super::lexicon::{Measure, STOCKS, canonical_unit, fits, indicator_named, measure_of_indicator, measure_of_unit, qualify};
use super::phrase::{Written, written_name};
use super::sentence::{Figure, Phrase, Rate, RateKind, Sentence};
use super::{Fact, Scope};
use crate::domain::period::Period;
use crate::domain::value::ValueKind;

/// A figure in a clause that speaks of these is about loans, grants or repairs, not a park
/// statistic (`签约贷款118.74亿元`, `道路修补工程`).
const OFF_TOPIC: [&str; 11] = ["贷款", "融资", "授信", "银行", "补贴", "补助", "奖励", "经费", "基金", "维修", "修补"];

/// Words before a number that make it part of a target.
const TARGET_WORDS: [&str; 7] = ["计划", "目标", "力争", "确保", "争取", "预期", "奋斗"];

/// What a sentence leaves for the next ones of its paragraph.
#[derive(Default)]
pub(super) struct Context {
    /// `预计` governs the clauses that follow it up to the full stop (`预计完成A；B；C`).
    estimate: bool,
    /// What a `其中` breaks down: the indicators given just before it (in the previous full
    /// sentence when a sentence opens with `其中`).
    heads: Vec<&'static str>,
    /// Indicators given since the last `其中` or full stop: the heads of the next `其中`.
    recent: Vec<&'static str>,
    /// Inside a `其中` breakdown: a figure of a head indicator is one of its parts.
    parts: bool,
}

impl Context {
    pub(super) fn full_stop(&mut self) {
        self.breakdown();
        self.estimate = false;
        self.parts = false;
    }

    /// At a `其中`: the figures given since the last one are what it breaks down.
    fn breakdown(&mut self) {
        if !self.recent.is_empty() {
            self.heads = std::mem::take(&mut self.recent);
        }
        self.parts = !self.heads.is_empty();
    }
}

/// The figure before the one being read, in the same sentence.
#[derive(Clone, Copy, Default)]
struct Previous {
    indicator: Option<&'static str>,
    /// Index of its fact in the output, if it made one.
    fact: Option<usize>,
    /// A count of projects nobody named (`16个项目`): a following `总投资` makes them key projects.
    bare_projects: Option<Figure>,
    /// Its fact holds only a rate (`增长10%`) waiting for the value (`，达到70亿元`).
    rate_only: bool,
}

/// Reads the figures of one sentence, left to right.
struct Reader<'a, 's> {
    s: &'a Sentence<'s>,
    scope: Scope,
    out: Vec<Fact>,
    previous: Previous,
    /// Facts of figures joined by `和`/`、`, for rates given `分别`.
    group: Vec<usize>,
    /// Phrases already given to a figure.
    used: Vec<bool>,
    /// The indicator of the second of two figures joined by `和`, once the first is read.
    pair: Option<&'static str>,
    /// The previous figure was a target: the next one in its list is too.
    listing_targets: bool,
    /// The company or sub-park the sentence's figures are of, once one is named.
    subject: Option<String>,
}

/// Words about a rate that do not name what it is of (`同比增速为`, `与去年同期相比增长`).
const RATE_WORDS: [&str; 61] = [
    "按可比价格计算", "按可比价计算", "与去年同期相比", "与上年同期相比", "比上年同期", "较上年同期", "比去年同期", "较去年同期", "与上年相比", "与去年相比", "比上年末",
    "较上年末", "上年同期", "去年同期", "同口径", "可比价", "比上年", "比去年", "较上年", "较去年", "与上年", "与去年", "同期", "同比", "增长", "下降", "增幅",
    "增速", "降幅", "年均", "平均", "提高", "上升", "回落", "减少", "增加", "保持在", "稳定在", "控制在", "保持", "左右", "以上", "分别", "为", "达", "了", "的",
    ",", "是", "实现", "上年", "去年", "相比", "与", "比", "较", "亦", "也", "和", "、", "及",
];

/// `w` without the rate words at the end of its name.
fn rate_name(w: Written) -> Written {
    w.without_suffixes(&RATE_WORDS)
}

/// Whether the words between two figures only join them (`19235元和8845元`).
fn joins(between: &str) -> bool {
    ["和", "、", "及", "与"].contains(&between)
}

/// The facts of one sentence, given where the text stands and what the sentences before it
/// in its paragraph left.
pub(super) fn sentence_facts(s: &Sentence, scope: Scope, ctx: &mut Context) -> Vec<Fact> {
    let first = s.figures.first().map_or(s.chars.len(), |f| f.start);
    ctx.estimate &= !s.contains_any(0, first, &["实现", "完成", "累计", "新增"]);
    let mut reader = Reader {
        s,
        scope,
        out: Vec::new(),
        previous: Previous::default(),
        group: Vec::new(),
        used: vec![false; s.phrases.len()],
        pair: None,
        listing_targets: false,
        subject: None,
    };
    let mut from = 0;
    for i in 0..=s.figures.len() {
        let to = s.figures.get(i).map_or(s.chars.len(), |f| f.start);
        reader.rates_between(from, to, ctx);
        if let Some(f) = s.figures.get(i) {
            reader.figure(*f, from, ctx);
            from = f.end;
        }
    }
    ctx.estimate |= s.text.contains("预计");
    reader.out
}

impl Reader<'_, '_> {
    /// The first phrase from `from` that starts a new subject (not one inside a share, `占…的`).
    fn next_subject(&self, from: usize, to: usize) -> usize {
        let s = self.s;
        let in_share = |p: &Phrase| s.contains_any(s.clause(p.start).0, p.start, &["占"]);
        s.phrases.iter().enumerate().find(|(k, p)| p.start >= from && p.start < to && !self.used[*k] && !in_share(p)).map_or(to, |(_, p)| p.start)
    }

    /// Rates after the previous figure belong to it up to the next subject; rates after a
    /// subject with no figure are facts of their own (`工业增加值同比增长6.8%`), and so is a
    /// share or level with its own name (`亏损面12.7%`, `…占工业投资比重达38.9%`).
    fn rates_between(&mut self, from: usize, to: usize, ctx: &mut Context) {
        let split = self.next_subject(from, to);
        let rates: Vec<Rate> = self.s.rates.iter().filter(|r| r.start >= from && r.start < to && r.kind != RateKind::Points).copied().collect();
        let mut cursor = from;
        let mut run: Vec<Rate> = Vec::new();
        for rate in rates {
            let w = rate_name(written_name(self.s, cursor.max(self.s.clause(rate.start).0.min(rate.start)), rate.start));
            let named = !w.name.is_empty() || w.subject.is_some();
            if rate.start < split && (!named || rate.kind == RateKind::Target) {
                run.push(rate);
            } else {
                self.attach(&run);
                run.clear();
                let made = rate.start >= split && self.rate_fact(rate, from, ctx);
                if !made && named {
                    self.offered_rate(rate, w, from, ctx);
                } else if !made {
                    run.push(rate);
                }
            }
            cursor = rate.end;
        }
        self.attach(&run);
    }

    /// A rate under a name the catalogue lacks: a rate-only fact (`技改投资增长24.6%`), or
    /// a share or level (`亏损面12.7%`). A share names its numerator in the figure before it
    /// (`五大主导产业合计产值297.77亿元，占…的比重为77.1%`).
    fn offered_rate(&mut self, rate: Rate, mut w: Written, from: usize, ctx: &mut Context) {
        let figure = Figure { start: rate.start, end: rate.end, value: rate.value, unit: "%" };
        if w.plain.starts_with('占') {
            let before = self.previous.fact.map(|i| self.out[i].indicator.clone()).unwrap_or_default();
            w.name = [before, w.name].concat();
        }
        let fact = match rate.kind {
            RateKind::Yoy | RateKind::Other => self.push(figure, None, w, from, ctx),
            RateKind::Target | RateKind::Points => None,
        };
        if let Some(i) = fact.filter(|_| rate.kind == RateKind::Yoy) {
            self.out[i].value = None;
            self.out[i].unit = None;
            self.out[i].yoy_pct = Some(rate.value);
        }
        self.previous = Previous { fact, rate_only: false, ..Previous::default() };
        self.group.clear();
    }

    fn attach(&mut self, rates: &[Rate]) {
        let yoy: Vec<f64> = rates.iter().filter(|r| r.kind == RateKind::Yoy).map(|r| r.value).collect();
        let target = rates.iter().find(|r| r.kind == RateKind::Target).map(|r| r.value);
        let Some(last) = self.previous.fact else { return };
        // `生猪出栏54.3万头、牛出栏1.26万头，分别增长3.2%、-1.8%`: the figures just given
        // without a rate of their own, in order.
        let waiting: Vec<usize> = (0..self.out.len()).filter(|&k| self.out[k].yoy_pct.is_none() && self.out[k].value.is_some()).collect();
        if self.group.len() >= 2 && yoy.len() >= 2 {
            for (k, v) in self.group.iter().zip(yoy) {
                self.out[*k].yoy_pct = Some(v);
            }
        } else if yoy.len() >= 2 && waiting.len() >= yoy.len() {
            for (k, v) in waiting[waiting.len() - yoy.len()..].iter().zip(yoy) {
                self.out[*k].yoy_pct = Some(v);
            }
        } else if let Some(v) = yoy.first() {
            self.out[last].yoy_pct = self.out[last].yoy_pct.or(Some(*v));
        }
        // A completion rate is of the figure done, not of the target beside it
        // (`完成65.3亿元，占目标任务80亿元的81.6%`).
        let done = if self.out[last].kind == ValueKind::Target.code() && last > 0 && self.out[last - 1].kind != ValueKind::Target.code() { last - 1 } else { last };
        self.out[done].target_pct = self.out[done].target_pct.or(target);
    }

    /// A rate after a subject phrase and before any figure of it; whether it made a fact.
    fn rate_fact(&mut self, rate: Rate, from: usize, ctx: &mut Context) -> bool {
        let s = self.s;
        let (clause_start, _) = s.clause(rate.start);
        let found = s.phrases.iter().enumerate().rev().find(|(k, p)| p.end <= rate.start && p.start >= from.max(clause_start) && !self.used[*k]);
        let Some((k, &Phrase { start, names: Indicator(indicator), .. })) = found else { return false };
        // `9户规上企业产值同比增长50%` is about nine enterprises, not the park.
        let clean = !s.chars[clause_start..start].iter().any(char::is_ascii_digit);
        let is_rate = measure_of_indicator(indicator) == Measure::Rate;
        let value = match rate.kind {
            RateKind::Yoy if clean && !is_rate => None,
            RateKind::Other if is_rate => Some(rate.value),
            _ => return false,
        };
        self.used[k] = true;
        let figure = Figure { start: rate.start, end: rate.end, value: rate.value, unit: "%" };
        let w = rate_name(written_name(s, from.max(clause_start), rate.start));
        let fact = self.push(figure, Some(indicator), w, from, ctx);
        if let Some(i) = fact.filter(|_| value.is_none()) {
            self.out[i].value = None;
            self.out[i].unit = None;
            self.out[i].yoy_pct = Some(rate.value);
        }
        self.previous = Previous { indicator: Some(indicator), fact, rate_only: value.is_none(), ..Previous::default() };
        self.group.clear();
        true
    }

    fn figure(&mut self, f: Figure, from: usize, ctx: &mut Context) {
        let s = self.s;
        if s.contains_any(from, f.start, &["其中"]) {
            ctx.breakdown();
        }
        let (clause_start, clause_end) = s.clause(f.start);
        let window = s.slice(from, f.start).trim_matches([',', ' ']);
        let lead_in = s.rates.iter().filter(|r| r.end <= f.start).map(|r| r.end).fold(from.max(clause_start), usize::max);
        let written = written_name(s, lead_in, f.start);
        let (indicator, remembered) = self.resolve(f, from.max(clause_start), clause_end, window, ctx);
        let off_topic = s.contains_any(clause_start, clause_end, &OFF_TOPIC);
        let starting_point = s.ends_with_any(clause_start, f.start, &["由", "从", "由原来的", "从原来的"]);
        // `现50个进区项目中,…`: a set counted elsewhere, not a figure.
        let among = clause_end.saturating_sub(f.end) <= 8 && s.slice(f.end, clause_end).ends_with('中');
        let fact = match indicator.filter(|_| !off_topic && !starting_point && !among) {
            Some(ind) if self.previous.rate_only && self.previous.indicator == Some(ind) => self.fill_rate_only(f, from, ctx),
            Some(ind) => self.push(f, Some(ind), written, from, ctx),
            None if !starting_point && !among => self.offer(f, written, window, clause_end, from, ctx),
            None => None,
        };
        if !joins(window) {
            self.group.clear();
        }
        self.group.extend(fact);
        let bare_projects = (indicator.is_none() && self.counts_projects(f, from.max(clause_start))).then_some(f);
        self.listing_targets = self.kind(f, from, ctx) == ValueKind::Target;
        self.previous = Previous { indicator: indicator.or(remembered), fact, bare_projects, rate_only: false };
    }

    /// A figure under a name the catalogue lacks, offered for the clerk to map. A figure
    /// with no name before it takes the name after it (`5个项目建成投产`), or, in a list
    /// (`19235元和8845元`, `…，累计达到19平方公里`), the name of the figure before it.
    fn offer(&mut self, f: Figure, mut w: Written, window: &str, clause_end: usize, from: usize, ctx: &mut Context) -> Option<usize> {
        let s = self.s;
        // `占目标任务80亿元的81.6%`, `完成年度目标任务15.5亿元的82.8%`: the target of the
        // figure just given, a figure of its own.
        let target_words = ["目标任务", "目标", "任务", "计划"].iter().any(|t| w.plain.trim_start_matches(['占', '的']).trim_start_matches("年度").trim_start_matches("全年").starts_with(t));
        if target_words && let Some(i) = self.previous.fact {
            w.name = self.out[i].indicator.clone();
            w.subject = self.out[i].subject.clone();
        }
        if w.name.is_empty() && w.subject.is_none() {
            let after: String = s.written[f.end..clause_end].iter().take_while(|c| !c.is_ascii() && !"、“”（）".contains(**c)).take(8).collect();
            let previous = self.previous.fact.map(|i| (self.out[i].indicator.clone(), self.out[i].subject.clone()));
            const GOES_ON: [&str; 8] = ["累计", "达到", "增至", "扩大到", "增加到", "提高到", "总数", "其中"];
            match previous {
                Some((name, subject)) if joins(window) || GOES_ON.iter().any(|g| window.contains(g)) || after.is_empty() => {
                    w.name = name;
                    w.subject = w.subject.or(subject);
                }
                _ if after.chars().count() >= 2 => w.name = after,
                _ => return None,
            }
        }
        self.push(f, None, w, from, ctx)
    }

    /// `增长10%以上，力争达到70亿元`: the value of the rate just read.
    fn fill_rate_only(&mut self, f: Figure, from: usize, ctx: &mut Context) -> Option<usize> {
        let i = self.previous.fact?;
        let kind = self.kind(f, from, ctx);
        let span = (self.s.bytes[f.start], self.s.bytes[f.end]);
        let fact = &mut self.out[i];
        fact.value = Some(f.value);
        fact.unit = Some(canonical_unit(f.unit).to_owned());
        fact.span = span;
        if kind == ValueKind::Target {
            fact.kind = kind.code();
        }
        Some(i)
    }

    /// The indicator a figure is of, and the one to remember for the next figure when this
    /// one is only an increment (`新增1平方公里，累计达到19平方公里`).
    fn resolve(&mut self, f: Figure, lo: usize, clause_end: usize, window: &str, ctx: &mut Context) -> (Option<&'static str>, Option<&'static str>) {
        let s = self.s;
        let before = s.phrases.iter().enumerate().rev().find(|(k, p)| p.start >= lo && p.end <= f.start && !self.used[*k]);
        if let Some((k, p)) = before.map(|(k, p)| (k, *p)) {
            self.used[k] = true;
            // `亩均税收16.8万元`: a figure per mu or per head, not the indicator.
            if s.ends_with_any(s.clause(p.start).0, p.start, &["亩均", "人均", "户均", "地均"]) {
                return (None, None);
            }
            match p.names {
                Indicator(ind) => match qualify(ind, &[s.slice(s.clause(p.start).0, p.start), s.slice(p.end, f.start)].concat()) {
                    Some(named) if fits(named, f.unit) => return (Some(self.first_of_pair(f, p, lo, named).unwrap_or(named)), None),
                    None => return (None, Some(ind)),
                    // A phrase of another measure: the figure may name itself after the number.
                    Some(_) => {}
                },
                Topic(ind) if fits(ind, f.unit) => return (Some(ind), None),
                Topic(_) => {}
                Unlisted => return (None, None),
                TotalInvestment => return (self.total_investment(f, ctx), None),
                Pipe => return (self.pipe_of(p.start).filter(|ind| fits(ind, f.unit)), None),
                Spending => return (self.spent_on(p.start).filter(|ind| fits(ind, f.unit)), None),
            }
        }
        if let Some((k, ind)) = self.after_phrase(f, clause_end) {
            self.used[k] = true;
            return match qualify(ind, s.slice(f.end, s.phrases[k].start)) {
                Some(named) => (Some(named), None),
                None => (None, Some(ind)),
            };
        }
        let joined = joins(window);
        if let Some(second) = self.pair.take().filter(|_| joined) {
            return (Some(second), None);
        }
        // `高新技术企业总数达到67家，全年新认定23家`: the new ones of the level just given.
        if let Some(level) = self.previous.indicator.filter(|i| STOCKS.contains(i)) {
            match qualify(level, window) {
                Some(new) if new != level && fits(new, f.unit) => return (Some(new), None),
                None => return (None, Some(level)),
                _ => {}
            }
        }
        const GOES_ON: [&str; 7] = ["累计", "达到", "增至", "扩大到", "增加到", "提高到", "总数"];
        let goes_on = joined || GOES_ON.iter().any(|w| window.contains(w));
        if goes_on && self.previous.indicator.is_some_and(|ind| fits(ind, f.unit)) {
            return (self.previous.indicator, None);
        }
        (self.enterprises_in_park(f, lo), None)
    }

    /// `城镇和农村居民人均可支配收入19235元和8845元`, `营业收入和利润总额分别为…`: two figures
    /// joined by `和` under two subjects joined by `和`. The first figure is of the first
    /// subject, and `named` is kept for the second.
    fn first_of_pair(&mut self, f: Figure, p: Phrase, lo: usize, named: &'static str) -> Option<&'static str> {
        let s = self.s;
        let pair_follows = matches!(s.chars.get(f.end), Some('和' | '、' | '及')) && s.chars.get(f.end + 1).is_some_and(char::is_ascii_digit);
        let words = s.slice(lo, p.start).strip_suffix(['和', '、', '及']).filter(|_| pair_follows)?;
        let other = s.phrases.iter().find(|q| q.end + 1 == p.start && q.start >= lo).and_then(|q| match q.names {
            Indicator(ind) => Some(ind),
            _ => None,
        });
        // `城镇和农村牧区常住居民…`: the first qualifier with the phrase's head.
        let phrase = s.slice(p.start, p.end);
        let qualified = || {
            let qualifiers = words.char_indices().rev().take(4).map(|(b, _)| &words[b..]);
            let heads: Vec<&str> = phrase.char_indices().skip(1).map(|(b, _)| &phrase[b..]).collect();
            qualifiers.flat_map(|q| heads.iter().map(move |h| [q, h].concat())).find_map(|text| indicator_named(&text))
        };
        let first = other.or_else(qualified).filter(|ind| *ind != named && fits(ind, f.unit))?;
        self.pair = Some(named);
        Some(first)
    }

    /// The phrase right after a figure that names it (`5个项目建成投产`, `830亩场地平整`):
    /// close to the number, in its clause, and not the subject of the next number.
    fn after_phrase(&self, f: Figure, clause_end: usize) -> Option<(usize, &'static str)> {
        let s = self.s;
        let (k, p) = s.phrases.iter().enumerate().find(|(k, p)| p.start >= f.end && !self.used[*k])?;
        let gap = &s.chars[f.end..p.start];
        let leads_next = s.chars.get(p.end).is_some_and(char::is_ascii_digit);
        let Indicator(ind) = p.names else { return None };
        (p.end <= clause_end && gap.len() <= 8 && !gap.iter().any(char::is_ascii_digit) && !leads_next && fits(ind, f.unit)).then_some((k, ind))
    }

    /// `总投资3.1亿元` after a count of projects: what those projects invest.
    fn total_investment(&mut self, f: Figure, ctx: &mut Context) -> Option<&'static str> {
        if measure_of_unit(f.unit) != Measure::Money {
            return None;
        }
        match self.previous {
            Previous { indicator: Some("重点项目数"), .. } => Some("重点项目总投资"),
            Previous { indicator: Some("签约项目数"), .. } => Some("协议引资额"),
            Previous { bare_projects: Some(count), .. } => {
                self.push(count, Some("重点项目数"), Written::default(), 0, ctx);
                Some("重点项目总投资")
            }
            _ => None,
        }
    }

    /// What `投资` before character `at` is spent on: the sentence's last topic before it,
    /// unless projects were named since (`重点项目完成投资` is not an indicator).
    fn spent_on(&self, at: usize) -> Option<&'static str> {
        let last = self.s.phrases.iter().rev().filter(|p| p.end <= at).find(|p| match p.names {
            Topic(_) => true,
            Indicator(ind) => ind == "重点项目数",
            _ => false,
        })?;
        match last.names {
            Topic(ind) => Some(ind),
            _ => None,
        }
    }

    /// The network a `管线` before character `at` belongs to, by the last word before it that
    /// says what it carries.
    fn pipe_of(&self, at: usize) -> Option<&'static str> {
        const CARRIES: [(&str, &str); 8] = [
            ("排水", "排水管网"),
            ("污水", "排水管网"),
            ("雨水", "排水管网"),
            ("给水", "给水管网"),
            ("供水", "给水管网"),
            ("自来水", "给水管网"),
            ("供热", "供热管网"),
            ("供暖", "供热管网"),
        ];
        let before = self.s.slice(0, at);
        CARRIES.iter().filter_map(|(w, ind)| before.rfind(w).map(|i| (i, *ind))).max_by_key(|(i, _)| *i).map(|(_, ind)| ind)
    }

    /// `园区现有93家企业`: the enterprises of the park.
    fn enterprises_in_park(&self, f: Figure, lo: usize) -> Option<&'static str> {
        let s = self.s;
        let after = s.slice(f.end, s.chars.len());
        let whole = after == "企业" || after.starts_with("企业,") || after.starts_with("企业，");
        (whole && f.unit != "个" && s.contains_any(lo, f.start, &["现有", "共有", "拥有", "入驻", "入园"])).then_some("入驻企业数")
    }

    /// A count whose noun is just `项目` (`引进亿元以上新建、续建项目16个`).
    fn counts_projects(&self, f: Figure, lo: usize) -> bool {
        let s = self.s;
        let unlisted = s.phrases.iter().any(|p| p.start >= lo && p.end <= f.start && p.names == Unlisted);
        ["个", "项"].contains(&f.unit) && !unlisted && (s.slice(lo, f.start).contains("项目") || s.slice(f.end, s.chars.len()).starts_with("项目"))
    }

    /// Estimate after `预计`; target in the plan section, after a target word, before
    /// `的目标`, or in a list of targets (`计划修建暗渠3300米,管线3800米`); else actual.
    fn kind(&self, f: Figure, from: usize, ctx: &Context) -> ValueKind {
        let s = self.s;
        // The previous figure's rates (`完成年度计划任务的103.6%`) are not this one's words.
        let own = s.rates.iter().filter(|r| r.start >= from && r.end <= f.start).map(|r| r.end).max().unwrap_or(from);
        let after = s.slice(f.end, s.chars.len());
        let listed = self.listing_targets && !s.contains_any(own, f.start, &["已", "目前", "完成", "实现"]);
        if ctx.estimate || s.contains_any(0, f.start, &["预计"]) {
            ValueKind::Estimate
        } else if self.scope.plan
            || listed
            || s.contains_any(own, f.start, &TARGET_WORDS)
            || ["的指标", "的目标", "的任务"].iter().any(|w| after.starts_with(w))
        {
            ValueKind::Target
        } else {
            ValueKind::Actual
        }
    }

    /// The span the sentence's clauses up to character `at` name (`…，7月当月，…`,
    /// `其中二季度…`), if any does.
    fn span_at(&self, at: usize) -> Option<(u8, u8)> {
        let s = self.s;
        let mut span = None;
        let mut k = 0;
        while k <= at.min(s.chars.len()) {
            let (a, b) = s.clause(k);
            span = super::clause_span(s.slice(a, b), span.unwrap_or(self.scope.span)).or(span);
            k = b + 1;
        }
        span
    }

    /// The period of a figure at character `at`: the year and span where the text stands,
    /// or the span its clauses name; last year's for `去年同期为…`; a target's is the
    /// plan's year (or the year its clause names: `力争到2026年…`) and its span the one the
    /// clause names, else the whole year.
    fn period(&self, kind: ValueKind, at: usize) -> Option<Period> {
        let scope = self.scope;
        let named = self.span_at(at);
        let (clause_start, _) = self.s.clause(at);
        let lead_in = self.s.slice(clause_start, at);
        if kind != ValueKind::Target {
            let span = named.unwrap_or(scope.span);
            let last_year = ["去年同期", "上年同期"].iter().any(|w| lead_in.contains(w)) && !lead_in.contains("比");
            return Period::new(scope.year? - i32::from(last_year), span.0, span.1).ok();
        }
        let year = if let Some(y) = super::year_in(lead_in) {
            Some(y)
        } else if self.s.text.contains("明年") {
            scope.year.map(|y| y + 1)
        } else if scope.plan {
            scope.plan_year
        } else {
            scope.year
        };
        // A target's span is the one its own clause opens with (`力争1至9月…`, `确保三季度…`);
        // otherwise it is for the whole year (`1—10月…，占目标任务80亿元的…`).
        let (a, b) = self.s.clause(at);
        let own = super::clause_span(self.s.slice(a, b), scope.span).filter(|_| named.is_some());
        let span = own.unwrap_or((1, 12));
        Period::new(year?, span.0, span.1).ok()
    }

    /// Makes the fact of a figure: of the catalogue indicator `mapped` when it is known,
    /// named as the text writes it. A part of a figure just given (`其中…`) is not mapped to
    /// the whole's indicator.
    fn push(&mut self, f: Figure, mut mapped: Option<&'static str>, w: Written, from: usize, ctx: &mut Context) -> Option<usize> {
        if let Some(indicator) = mapped {
            if ctx.parts && ctx.heads.contains(&indicator) {
                mapped = None;
            } else {
                ctx.recent.push(indicator);
            }
        }
        let subject = match w.subject {
            Some(subject) => Some(subject),
            None if w.park_wide => None,
            None => self.subject.clone(),
        };
        self.subject = subject.clone();
        let name = match (w.name.is_empty(), mapped) {
            (false, _) => w.name,
            (true, Some(indicator)) => indicator.to_owned(),
            // `其中东区片区236家`: the sub-park's share of the figure before.
            (true, None) => self.previous.fact.map(|i| self.out[i].indicator.clone()).filter(|_| subject.is_some())?,
        };
        let kind = self.kind(f, from, ctx);
        let period = self.period(kind, f.start);
        let unit = if mapped.is_some() { canonical_unit(f.unit) } else { f.unit };
        self.out.push(Fact {
            indicator: name,
            mapped: mapped.map(str::to_owned),
            subject,
            period: period.map(|p| p.label_zh()),
            period_parts: period,
            value: Some(f.value),
            unit: Some(unit.to_owned()),
            yoy_pct: None,
            target_pct: None,
            kind: kind.code(),
            sentence: self.s.text.to_owned(),
            span: (self.s.bytes[f.start], self.s.bytes[f.end]),
        });
        Some(self.out.len() - 1)
    }
}

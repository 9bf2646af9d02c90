//! The name of a figure as the text writes it (`电子信息产业产值`, `規模以上工業增加值`), and
//! whose figure it is: the park's, or a named company's, project's or sub-park's
//! (`远芯科技公司实现产值…`, `东区片区完成投资…`). A figure whose indicator the catalogue
//! lacks is still offered under this name, so the clerk maps it instead of retyping it.
//!
//! The name is the words between the figure and whatever comes before it in its clause,
//! without the words that place it in time or space (`1至7月`, `全区`), the verbs
//! (`实现`, `完成`, `达到`) and the approximations (`约`, `近`, `超过`).

use super::sentence::Sentence;

/// Words that open a clause but are not part of what a figure is of.
const LEADING: &[&str] = &[
    "其中", "今年以来", "全年", "今年", "本年", "当年", "上半年", "下半年", "前三季度", "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度",
    "三季度", "四季度", "当月", "年末", "年底", "年初", "截至目前", "截止目前", "目前", "至今", "共有", "拥有", "现有", "已有", "累计", "实现", "完成",
    "达到", "同比", "分行业看", "分行业", "此外", "另外", "同时", "其", "并", "和", "及", "与", "共", "已", "有", "年内", "力争", "确保", "争取",
    "预计", "计划",
];

/// Words that name the park or county itself: a figure after them is not a company's.
const PARK_WIDE: &[&str] =
    &["全区", "全县", "全市", "全旗", "全镇", "全乡", "全园", "全省", "全州", "全盟", "园区", "开发区", "高新区", "我区", "我县", "我市", "我旗", "我园", "本区", "区内", "辖区"];

/// Words that end a clause's lead-in to its number.
const TRAILING: &[&str] = &[
    "分别达到", "分别为", "分别达", "分别", "实现", "完成", "达到了", "达到", "已达", "高达", "约为", "达", "为", "是", "约", "近", "超过", "超", "突破",
    "逾", "共计", "总计", "合计", "共", "累计", "同比", "有", "计", "增至", "增加到", "提高到", "扩大到", "仅", "只有", "首次", "了", "的", "总数", "总量",
    "余", "多",
];

/// Verbs inside a name (`规模以上工业企业实现营业收入`): dropped.
const INNER_VERBS: [&str; 2] = ["实现", "完成"];

/// A name as written and whose figure it names.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Written {
    /// The company, project or sub-park the figure is of; `None` for the park itself.
    pub(super) subject: Option<String>,
    /// What the figure is of; empty when the text names only the subject (`其中东区片区236家`).
    pub(super) name: String,
    /// `name` as normalised (simplified characters), character for character.
    pub(super) plain: String,
    /// The words named the park or county itself (`全区…`).
    pub(super) park_wide: bool,
}

fn is_mark(c: char) -> bool {
    c.is_ascii_punctuation() || c.is_whitespace() || "、“”‘’《》【】〔〕（）—…·".contains(c)
}

/// How many characters a time expression at the start of `chars` takes: `2022年`,
/// `1至7月`, `1—6月份`, `7月末`, `6月当月`; 0 when there is none.
fn time_at(chars: &[char]) -> usize {
    let n = chars.iter().take_while(|c| c.is_ascii_digit() || "年月日份末底度至-—–~当季".contains(**c)).count();
    let run = &chars[..n];
    let dated = run.iter().any(|c| matches!(c, '年' | '月')) && chars.first().is_some_and(char::is_ascii_digit);
    if dated { n } else { 0 }
}

/// The name written in `s` between characters `lo` and `hi`.
pub(super) fn written_name(s: &Sentence, lo: usize, hi: usize) -> Written {
    let (mut a, mut b) = (lo.min(hi), hi);
    let mut park_wide = false;
    loop {
        let start = a;
        while a < b && is_mark(s.chars[a]) {
            a += 1;
        }
        // `到2026年`, `截至2023年末`: the time, with its preposition.
        let to = ["截至", "截止", "到", "至"].iter().find(|w| s.slice(a, b).starts_with(*w)).map_or(0, |w| w.chars().count());
        let time = time_at(&s.chars[a + to..b]);
        a += if time > 0 { to + time } else { 0 };
        let rest = s.slice(a, b);
        if let Some(w) = PARK_WIDE.iter().find(|w| rest.starts_with(*w)) {
            park_wide = true;
            a += w.chars().count();
        } else if let Some(w) = LEADING.iter().find(|w| rest.starts_with(*w) && rest.chars().count() > w.chars().count()) {
            a += w.chars().count();
        }
        if a == start {
            break;
        }
    }
    loop {
        let end = b;
        while b > a && is_mark(s.chars[b - 1]) {
            b -= 1;
        }
        let text = s.slice(a, b);
        if let Some(w) = TRAILING.iter().find(|w| text.ends_with(*w)) {
            b -= w.chars().count();
        }
        if b == end {
            break;
        }
    }
    // `宁波燎原、柯尔标准件等外资项目`: examples, then what is counted.
    // Examples alone (`…、致富塑机等7个亿元项目`) name nothing: what is counted follows.
    let a = (a..b).rev().find(|&k| s.chars[k] == '等').map_or(a, |k| k + 1);
    // Keep the last words of a long lead-in: `坚持…，推动…发展，产值…` names the last thing.
    let a = a.max(b.saturating_sub(24));
    let mut kept: Vec<usize> = Vec::new();
    let mut i = a;
    while i < b {
        if let Some(v) = INNER_VERBS.iter().find(|v| s.slice(i, b).starts_with(*v)).filter(|_| i > a) {
            i += v.chars().count();
        } else {
            kept.push(i);
            i += 1;
        }
    }
    let text: String = kept.iter().map(|&k| s.chars[k]).collect();
    let written: String = kept.iter().map(|&k| s.written[k]).collect();
    let (subject, skip) = match subject_end(&text) {
        Some((from, to)) => {
            let (from, to) = (text[..from].chars().count(), text[..to].chars().count());
            let subject: String = written.chars().skip(from).take(to - from).collect();
            let skip = to + text.chars().skip(to).take_while(|c| matches!(c, '的' | '其')).count();
            (Some(subject), skip)
        }
        None => (None, 0),
    };
    let name = written.chars().skip(skip).collect();
    let plain = text.chars().skip(skip).collect();
    Written { subject, name, plain, park_wide }
}

impl Written {
    /// Without `words` at the end of the name (checked in simplified characters).
    pub(super) fn without_suffixes(mut self, words: &[&str]) -> Self {
        let mut plain = self.plain.as_str();
        while let Some(rest) = words.iter().find_map(|w| plain.strip_suffix(w)) {
            plain = rest;
        }
        let n = plain.chars().count();
        self.name = self.name.chars().take(n).collect();
        self.plain = plain.to_owned();
        self
    }
}

/// Where in `text` a named company, project or sub-park is (byte range), if it opens the
/// name: `远芯科技公司产值`, `东区片区内的锦程生物医药公司产值`, `其中东区片区`.
fn subject_end(text: &str) -> Option<(usize, usize)> {
    const AREAS: [&str; 3] = ["片区", "分园", "园中园"];
    const FIRMS: [&str; 6] = ["股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "厂"];
    // `上市公司`, `规上企业`: a kind of company the park counts, not one company.
    const KINDS: [&str; 16] = ["上市", "规上", "龙头", "骨干", "重点", "国有", "民营", "外资", "外商投资", "科技型", "高新技术", "各类", "新增", "注册", "入驻", "亏损"];
    const GENERIC_PROJECTS: [&str; 22] = [
        "重点", "新建", "续建", "在建", "签约", "开工", "招商", "以上", "产业", "工业", "建设", "投资", "入园", "入区", "进区", "储备", "竣工", "投产", "落地",
        "技改", "服务业", "基础设施",
    ];
    let found = AREAS.iter().chain(FIRMS.iter()).chain(["项目"].iter()).filter_map(|w| text.rfind(w).map(|i| (i, i + w.len(), *w))).max_by_key(|(i, end, _)| (*end, std::cmp::Reverse(*i)))?;
    let (at, end, word) = found;
    let start = text[..at].rfind(['的', '内', '在', '、', '和']).map_or(0, |i| i + '的'.len_utf8());
    let owner = &text[start..at];
    let named = owner.chars().count() >= 2;
    let ok = match word {
        w if AREAS.contains(&w) => named,
        "项目" => owner.chars().count() >= 4 && !GENERIC_PROJECTS.iter().any(|g| owner.contains(g)) && end < text.len(),
        _ => named && !KINDS.iter().any(|k| owner.ends_with(k)) && end < text.len(),
    };
    ok.then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Written {
        let s = Sentence::read(text, &[]);
        written_name(&s, 0, s.chars.len())
    }

    #[test]
    fn names_lose_their_times_places_and_verbs() {
        assert_eq!(name("1至7月,全区完成规模以上工业总产值").name, "规模以上工业总产值");
        assert!(name("全区完成规模以上工业总产值").park_wide);
        assert_eq!(name("1—6月份,规模以上工业企业实现营业收入").name, "规模以上工业企业营业收入");
        assert_eq!(name("7月当月,规上工业产值").name, "规上工业产值");
        assert_eq!(name("分行业看,电子信息产业产值").name, "电子信息产业产值");
        assert_eq!(name("高新技术企业总数达到").name, "高新技术企业");
        assert_eq!(name("安全环保投入近").name, "安全环保投入");
    }

    #[test]
    fn a_named_company_or_sub_park_is_the_subject() {
        let w = name("远芯科技公司实现产值");
        assert_eq!((w.subject.as_deref(), w.name.as_str()), (Some("远芯科技公司"), "产值"));
        let w = name("东区片区内的锦程生物医药公司实现产值");
        assert_eq!((w.subject.as_deref(), w.name.as_str()), (Some("锦程生物医药公司"), "产值"));
        let w = name("其中东区片区");
        assert_eq!((w.subject.as_deref(), w.name.as_str()), (Some("东区片区"), ""));
        assert_eq!(name("上市公司").subject, None, "a kind of company");
        assert_eq!(name("重点项目完成投资").subject, None, "projects in general");
        assert_eq!(name("五大主导产业合计产值").subject, None);
    }
}

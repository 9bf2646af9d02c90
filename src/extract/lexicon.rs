//! The words of the summaries: which phrases name which catalogue indicator, what kind of
//! quantity each indicator and unit measures, and how `新增`/`认定` before a phrase change
//! what it counts. Kept apart from the reading rules so that a clerk's new synonym is a
//! one-line change.

/// What a phrase of the summaries names.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Names {
    /// A catalogue indicator.
    Indicator(&'static str),
    /// Something the catalogue does not hold (`合同利用外资`, `境外投资`): it hides the
    /// shorter phrases inside it and names no figure.
    Unlisted,
    /// `总投资`: what the projects just counted invest.
    TotalInvestment,
    /// `投资`, `投入资金`: money spent on whatever the sentence is about.
    Spending,
    /// `基础设施`, `工业项目`: what a later `投资` in the sentence is spent on.
    Topic(&'static str),
    /// `管线`, `管网`: a network the sentence names by what it carries (`排水系统…管线3800米`).
    Pipe,
}
use Names::*;

/// Each catalogue indicator with the phrases that name it. The longest phrase at a place wins.
const INDICATORS: &[(&str, &[&str])] = &[
    ("地区生产总值", &["地区生产总值", "生产总值", "GDP"]),
    (
        "规上工业总产值",
        &[
            "规模以上工业总产值",
            "规上工业总产值",
            "规模以上工业企业产值",
            "规上工业企业产值",
            "规模以上企业产值",
            "规上企业产值",
            "规模以上工业产值",
            "规上工业产值",
            "工业总产值",
        ],
    ),
    ("工业增加值", &["工业增加值"]),
    ("营业收入", &["营业收入"]),
    ("规上工业营业收入", &["规模以上工业企业营业收入", "规上工业企业营业收入", "规上工业营业收入"]),
    ("主营业务收入", &["主营业务收入"]),
    ("工业销售收入", &["工业销售收入", "工业产品销售收入"]),
    ("利润总额", &["利润总额", "实现利润"]),
    ("社会消费品零售总额", &["社会消费品零售总额", "社会消费品零售额"]),
    ("出口创汇", &["出口创汇"]),
    ("用电量", &["用电量"]),
    ("从业人员", &["从业人员", "从业人数"]),
    ("固定资产投资", &["固定资产投资"]),
    ("工业投资", &["工业投资", "工业固定资产投资", "工业性投资"]),
    ("基础设施投资", &["基础设施投资", "基础设施建设投资", "基础设施投入", "基础设施建设投入", "基础建设投资", "基础建设投入"]),
    ("招商引资到位资金", &["招商引资", "到位资金", "引进到位资金", "实际到位资金"]),
    ("协议引资额", &["协议引资", "协议投资", "协议总投资", "签约资金", "签约投资额", "签约金额", "签约项目总投资", "合同引资"]),
    ("实际利用外资", &["实际利用外资", "实际使用外资", "利用外资"]),
    ("签约项目数", &["签约项目", "签约", "签订", "入驻协议", "入区项目", "进区项目"]),
    ("开工项目数", &["开工项目", "开工", "落地建设"]),
    ("开复工项目数", &["开复工"]),
    ("建成投产项目数", &["建成投产", "竣工投产", "投产"]),
    ("重点项目数", &["重点项目", "重点建设项目"]),
    ("重点项目总投资", &["重点项目总投资"]),
    ("入区项目投资", &["入区项目投资"]),
    ("公共财政收入", &["公共财政收入", "一般公共预算收入", "公共财政预算收入", "财政收入"]),
    ("公共财政支出", &["公共财政支出", "一般公共预算支出", "财政支出"]),
    ("税收", &["税收", "税收收入"]),
    ("规上企业数", &["规模以上工业企业", "规模以上企业", "规上工业企业", "规上企业"]),
    ("新增规上企业数", &["升规入统"]),
    ("入驻企业数", &["入驻企业", "入驻各类企业", "入园企业", "入区企业"]),
    ("工业企业数", &["工业企业"]),
    ("高新技术企业数", &["高新技术企业", "高新企业"]),
    ("研发机构数", &["研发机构"]),
    ("专利数", &["专利"]),
    ("环保验收企业数", &["环保验收企业"]),
    ("研发投入强度", &["研发投入强度", "研发经费投入强度", "R&D投入强度", "R&D经费投入强度"]),
    ("单位产值能耗下降率", &["单位产值能耗下降", "单位工业增加值能耗下降", "单位GDP能耗下降", "单位地区生产总值能耗下降"]),
    ("建成区面积", &["建成区面积", "建成区"]),
    ("规划面积", &["规划面积", "扩区面积"]),
    ("新开发面积", &["新开发面积", "开发面积"]),
    ("林地报批面积", &["林地审批", "林地报批"]),
    ("建设用地报批面积", &["建设用地审批", "建设用地报批"]),
    ("新建道路", &["道路"]),
    ("给水管网", &["给水管网", "供水管网", "自来水管网", "给水管道", "供水管道"]),
    ("排水管网", &["排水管网", "污水管网", "雨污水管网", "雨水管网", "雨污管网", "排水管道", "污水管道"]),
    ("电力线路", &["电力线路", "供电线路", "输电线路", "KV线路", "kV线路", "千伏线路"]),
    ("供热管网", &["供热管网", "供暖管线", "供热管线", "供暖管网", "热力管网"]),
    ("土地平整", &["土地平整", "场地平整", "平整土地"]),
    ("通讯铁塔", &["通讯铁塔", "通信铁塔"]),
    ("排查整改安全隐患数", &["安全隐患", "隐患"]),
    ("安全生产事故", &["安全生产事故", "生产安全事故", "安全事故"]),
    ("城镇常住居民人均可支配收入", &["城镇常住居民人均可支配收入", "城镇居民人均可支配收入"]),
    ("农村牧区常住居民人均可支配收入", &["农村牧区常住居民人均可支配收入", "农村常住居民人均可支配收入", "农村居民人均可支配收入"]),
];

/// Phrases that name something else than a catalogue indicator, and the words that say what
/// an amount of money was spent on.
const OTHER_PHRASES: &[(&str, Names)] = &[
    ("合同利用外资", Unlisted),
    ("合同外资", Unlisted),
    ("进出口总额", Unlisted),
    ("外贸进出口", Unlisted),
    ("境外投资", Unlisted),
    ("利税", Unlisted),
    ("总投资", TotalInvestment),
    ("总投资额", TotalInvestment),
    ("投资总额", TotalInvestment),
    ("计划总投资", TotalInvestment),
    ("投资", Spending),
    ("投资额", Spending),
    ("投入", Spending),
    ("投入资金", Spending),
    ("基础设施", Topic("基础设施投资")),
    ("基础建设", Topic("基础设施投资")),
    ("工业项目", Topic("工业投资")),
    ("固定资产", Topic("固定资产投资")),
    ("管线", Pipe),
    ("管网", Pipe),
    ("管道", Pipe),
];

/// Indicators that count what exists at a date: `新增` ones are increments, not the level.
pub(super) const STOCKS: [&str; 11] =
    ["规上企业数", "高新技术企业数", "研发机构数", "入驻企业数", "工业企业数", "环保验收企业数", "建成区面积", "规划面积", "专利数", "重点项目数", "从业人员"];

/// The units a figure may be written in, as the normaliser leaves them (億元 reads 亿元).
pub(super) const UNITS: &[&str] = &[
    "亿美元", "万美元", "美元", "亿元", "万元", "元", "万元/亩", "元/亩", "万元/人", "元/人", "平方公里", "万平方米", "平方米", "㎡", "万立方米",
    "立方米", "公顷", "万亩", "亩", "公里", "千米", "km", "KM", "米", "万吨标准煤", "吨标准煤", "万吨标煤", "吨标煤", "万吨", "吨", "亿千瓦时", "万千瓦时",
    "千瓦时", "万千瓦", "千瓦", "兆瓦", "万户", "户", "家", "个", "项", "座", "起", "处", "件", "万人次", "人次", "万人", "人", "名", "万头", "头",
    "万羽", "万只", "台", "套", "万辆次", "辆次", "辆", "家次", "万单", "批次", "场", "次", "‰",
];

/// Measure words written after counts.
pub(super) const COUNT_UNITS: [&str; 8] = ["个", "家", "户", "项", "座", "起", "处", "件"];

/// What kind of quantity a unit measures; an indicator takes figures of one kind only.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Measure {
    Money,
    Count,
    Length,
    Area,
    People,
    Energy,
    Rate,
    /// Tonnes, head of livestock, money per mu…: no catalogue indicator's measure.
    Other,
}

pub(super) fn measure_of_unit(unit: &str) -> Measure {
    match unit {
        "亿美元" | "万美元" | "美元" | "亿元" | "万元" | "元" => Measure::Money,
        "公里" | "米" | "km" | "KM" | "千米" => Measure::Length,
        "亩" | "平方公里" | "平方米" | "㎡" => Measure::Area,
        "人" => Measure::People,
        "万千瓦时" | "亿千瓦时" => Measure::Energy,
        "%" => Measure::Rate,
        u if COUNT_UNITS.contains(&u) => Measure::Count,
        _ => Measure::Other,
    }
}

pub(super) fn measure_of_indicator(indicator: &str) -> Measure {
    match indicator {
        i if i.ends_with("数") || i == "通讯铁塔" || i == "安全生产事故" => Measure::Count,
        i if i.contains("面积") || i == "土地平整" => Measure::Area,
        i if i.contains("管网") || i.contains("道路") || i.contains("线路") => Measure::Length,
        "从业人员" => Measure::People,
        "用电量" => Measure::Energy,
        "研发投入强度" | "单位产值能耗下降率" => Measure::Rate,
        _ => Measure::Money,
    }
}

pub(super) fn fits(indicator: &str, unit: &str) -> bool {
    measure_of_indicator(indicator) == measure_of_unit(unit)
}

/// Every phrase the extractor knows.
pub(super) fn lexicon() -> impl Iterator<Item = (&'static str, Names)> {
    let indicators = INDICATORS.iter().flat_map(|(ind, phrases)| phrases.iter().map(move |p| (*p, Indicator(ind))));
    indicators.chain(OTHER_PHRASES.iter().copied())
}

/// The indicator a whole phrase names.
pub(super) fn indicator_named(text: &str) -> Option<&'static str> {
    lexicon().find_map(|(p, names)| match names {
        Indicator(ind) if p == text => Some(ind),
        _ => None,
    })
}

/// The indicator a phrase names once the words before it are read: `新增规上企业` counts the
/// new ones, `认定高新技术企业` the newly certified; `新增` of any other level is only an
/// increment (`None`).
pub(super) fn qualify(indicator: &'static str, before: &str) -> Option<&'static str> {
    let certified = before.contains("认定");
    let new = before.contains("新增") || before.contains("培育") || before.ends_with('新');
    match indicator {
        "高新技术企业数" if certified || new => Some("新认定高新技术企业数"),
        "研发机构数" if certified || new => Some("新认定研发机构数"),
        "规上企业数" if new => Some("新增规上企业数"),
        i if new && STOCKS.contains(&i) => None,
        i => Some(i),
    }
}

/// Measure words in one spelling: `户` counts enterprises like `家`, `起` and `处` count
/// items like `项`.
pub(super) fn canonical_unit(unit: &'static str) -> &'static str {
    match unit {
        "km" | "KM" | "千米" => "公里",
        "户" => "家",
        "起" | "处" => "项",
        other => other,
    }
}

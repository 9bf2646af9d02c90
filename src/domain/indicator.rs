//! The indicator catalogue: what a park reports, in which unit, and how it adds up.
//!
//! The built-in set is taken from the figures the seed summaries state. Users add their
//! own indicators next to these; both live in the same table.

use serde::{Deserialize, Serialize};

/// The eight headings clerks group their figures under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    Economy,
    Investment,
    Attraction,
    Finance,
    Enterprise,
    Infrastructure,
    Innovation,
    SafetyEnvironment,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Self::Economy,
        Self::Investment,
        Self::Attraction,
        Self::Finance,
        Self::Enterprise,
        Self::Infrastructure,
        Self::Innovation,
        Self::SafetyEnvironment,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Economy => "经济运行",
            Self::Investment => "投资",
            Self::Attraction => "招商引资",
            Self::Finance => "财政",
            Self::Enterprise => "企业",
            Self::Infrastructure => "基础设施",
            Self::Innovation => "创新",
            Self::SafetyEnvironment => "安全环保",
        }
    }

    pub fn from_zh(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.label_zh() == text)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Economy => "economy",
            Self::Investment => "investment",
            Self::Attraction => "attraction",
            Self::Finance => "finance",
            Self::Enterprise => "enterprise",
            Self::Infrastructure => "infrastructure",
            Self::Innovation => "innovation",
            Self::SafetyEnvironment => "safety",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// How an indicator behaves over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Nature {
    /// Summed over the period: output, investment, kilometres of road built.
    Flow,
    /// A point-in-time level: number of enterprises, built-up area.
    Stock,
    /// A percentage; never summed and never unit-converted.
    Rate,
}

impl Nature {
    pub fn code(self) -> &'static str {
        match self {
            Self::Flow => "flow",
            Self::Stock => "stock",
            Self::Rate => "rate",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Flow, Self::Stock, Self::Rate].into_iter().find(|n| n.code() == code)
    }
}

/// Units the catalogue offers. Units are stored as their Chinese text so that a user's
/// own unit (座, 万千瓦时) needs no code change.
pub const COMMON_UNITS: [&str; 14] = [
    "亿元", "万元", "元", "万美元", "家", "个", "人", "公里", "米", "亩", "平方公里", "%", "座", "万千瓦时",
];

/// Scale of a unit within its family, so that 万元 and 亿元 convert and 亩 and 公里 don't.
fn unit_scale(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit.trim() {
        "元" => ("cny", 1.0),
        "万元" => ("cny", 1e4),
        "亿元" => ("cny", 1e8),
        "美元" => ("usd", 1.0),
        "万美元" => ("usd", 1e4),
        "亿美元" => ("usd", 1e8),
        "米" | "m" => ("len", 1.0),
        "公里" | "千米" | "km" => ("len", 1e3),
        "平方米" | "㎡" => ("area", 1.0),
        "平方公里" | "km²" => ("area", 1e6),
        _ => return None,
    })
}

/// Converts `amount` from one unit to another of the same family (万元 → 亿元).
/// Returns `None` when the units don't convert (亩 → 公里). Same unit is identity.
pub fn convert_unit(amount: f64, from: &str, to: &str) -> Option<f64> {
    if from.trim() == to.trim() {
        return Some(amount);
    }
    let (fam_a, scale_a) = unit_scale(from)?;
    let (fam_b, scale_b) = unit_scale(to)?;
    (fam_a == fam_b).then(|| amount * scale_a / scale_b)
}

/// All units written after a number in the seeds, longest first so `万美元` wins over `美元`.
pub fn known_unit_suffixes() -> &'static [&'static str] {
    &[
        "亿美元", "万美元", "平方公里", "万千瓦时", "平方米", "亿元", "万元", "美元", "公里", "千米", "元",
        "家", "个", "人", "亩", "座", "米", "km", "㎡", "%",
    ]
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub unit: String,
    pub category: Category,
    /// Decimals shown; 2 for 亿元 (`20.66亿元`), 0 for counts.
    pub precision: u8,
    pub nature: Nature,
    /// The indicator this one is a part of (`其中工业投资` under 固定资产投资).
    pub parent: Option<i64>,
    pub builtin: bool,
    pub sort_order: i64,
}

impl Indicator {
    pub fn name(&self, english: bool) -> &str {
        if english && !self.name_en.is_empty() { &self.name_en } else { &self.name_zh }
    }

    /// Whether a negative value is nonsense (a count, a length, an area).
    pub fn must_be_non_negative(&self) -> bool {
        !matches!(self.unit.as_str(), "亿元" | "万元" | "元" | "万美元" | "%")
    }
}

/// A built-in indicator before it has a database id.
pub struct BuiltinIndicator {
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub unit: &'static str,
    pub category: Category,
    pub precision: u8,
    pub nature: Nature,
    pub parent: Option<&'static str>,
}

const fn b(
    name_zh: &'static str,
    name_en: &'static str,
    unit: &'static str,
    category: Category,
    precision: u8,
    nature: Nature,
    parent: Option<&'static str>,
) -> BuiltinIndicator {
    BuiltinIndicator { name_zh, name_en, unit, category, precision, nature, parent }
}

use Category::*;
use Nature::*;

/// The standard catalogue, in display order.
pub const BUILTIN_INDICATORS: &[BuiltinIndicator] = &[
    b("地区生产总值", "Gross regional product", "亿元", Economy, 2, Flow, None),
    b("规上工业总产值", "Gross output of industry above designated size", "亿元", Economy, 2, Flow, None),
    b("工业增加值", "Industrial value added", "亿元", Economy, 2, Flow, None),
    b("营业收入", "Operating revenue", "亿元", Economy, 2, Flow, None),
    b("规上工业营业收入", "Operating revenue of industry above designated size", "亿元", Economy, 2, Flow, Some("营业收入")),
    b("主营业务收入", "Main-business revenue", "亿元", Economy, 2, Flow, None),
    b("工业销售收入", "Industrial sales revenue", "亿元", Economy, 2, Flow, None),
    b("利润总额", "Total profit", "亿元", Economy, 2, Flow, None),
    b("社会消费品零售总额", "Retail sales of consumer goods", "亿元", Economy, 2, Flow, None),
    b("出口创汇", "Export earnings", "万美元", Economy, 0, Flow, None),
    b("用电量", "Electricity consumption", "万千瓦时", Economy, 0, Flow, None),
    b("从业人员", "Employees", "人", Economy, 0, Stock, None),
    b("固定资产投资", "Fixed-asset investment", "亿元", Investment, 2, Flow, None),
    b("工业投资", "Industrial investment", "亿元", Investment, 2, Flow, Some("固定资产投资")),
    b("基础设施投资", "Infrastructure investment", "万元", Investment, 0, Flow, None),
    b("招商引资到位资金", "Investment attracted (arrived)", "亿元", Attraction, 2, Flow, None),
    b("协议引资额", "Investment agreed in signed deals", "亿元", Attraction, 2, Flow, None),
    b("实际利用外资", "Foreign capital actually used", "万美元", Attraction, 0, Flow, None),
    b("签约项目数", "Projects signed", "个", Attraction, 0, Flow, None),
    b("开工项目数", "Projects started", "个", Attraction, 0, Flow, None),
    b("公共财政收入", "Public budget revenue", "亿元", Finance, 2, Flow, None),
    b("税收", "Tax revenue", "亿元", Finance, 2, Flow, None),
    b("公共财政支出", "Public budget expenditure", "亿元", Finance, 2, Flow, None),
    b("规上企业数", "Enterprises above designated size", "家", Enterprise, 0, Stock, None),
    b("新增规上企业数", "New enterprises above designated size", "家", Enterprise, 0, Flow, None),
    b("高新技术企业数", "High-tech enterprises", "家", Innovation, 0, Stock, None),
    b("研发机构数", "R&D institutions", "家", Innovation, 0, Stock, None),
    b("研发投入强度", "R&D intensity", "%", Innovation, 2, Rate, None),
    b("建成区面积", "Built-up area", "平方公里", Infrastructure, 2, Stock, None),
    b("新建道路", "New roads", "公里", Infrastructure, 1, Flow, None),
    b("给水管网", "Water-supply pipes", "公里", Infrastructure, 1, Flow, None),
    b("排水管网", "Drainage pipes", "公里", Infrastructure, 1, Flow, None),
    b("电力线路", "Power lines", "公里", Infrastructure, 1, Flow, None),
    b("土地平整", "Land levelled", "亩", Infrastructure, 0, Flow, None),
    b("安全生产事故", "Work-safety accidents", "起", SafetyEnvironment, 0, Flow, None),
    b("单位产值能耗下降率", "Fall in energy use per unit of output", "%", SafetyEnvironment, 2, Rate, None),
];

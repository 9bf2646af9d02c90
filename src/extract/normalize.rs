//! Makes web-scraped and traditional summaries read like the simplified ones: pinyin in
//! brackets after characters is removed (`阿拉(la)善`, `經(jīng)濟(jì)`), full-width digits and
//! punctuation become ASCII, `。` between digits is a decimal point, spaces around numbers
//! go, and traditional characters used in park summaries become simplified (a table made with OpenCC's t2s from the seeds and common statistics words).
//!
//! Every character that is kept maps to exactly one character, so the normalised text
//! carries, for each of its characters, where it came from: the review page highlights a
//! figure in the text the clerk opened, not in this rewritten copy.

use crate::domain::period::half_width;

const TRADITIONAL: &str = "産亞來倉個倫備傳債僅價億優儲內兩冊別則剛創劃劑勁動務勢勵匯匱區協參員問啟單噸嚴國圍園圖團執堅報場塊塵墻壓學實寧審將專對導層屬帶幫幹幾庫廟廠廣廳強從復徹態慶應懸戰戶掛揚揮撐擁擊擔據擬擴攪斷時書會東條業極構樓標橋機橫檢權歐歲氣決況減測準溝滯滾澆濟為烏無煥熱營爭獎獨獲現環產畝當發盡監盤眾確礎礦稅種積穩競節簽籌糾紀約紅紙級紛細組結給統經綜綠綱網緊線編縣縫總繞繼續罰義聯職臺與興舉舊華萬蓋藥處號術衛補裝見規視觀訂計訊訓記設許評詢試詳認調談諧謀證識議護變讓負財貫責買貸費貼貿資賣質賬購賽贏趨蹤車軌較載輛輸輻轄轉辦農進運過達適遷還邊郵鄉鄰醫鉞銀銘銷銹鋪鋼錤錦鍵鎂鎮鏈鐵長門開閑間關陸隊際隨險隱雙雜難電鞏響頂項預頒領頭頹題額類顯風飛養餘館馬駐驗體魚鷹鹽黃點龍數後這們淨虧損樣維貨幣漲佔歷習勞礙裡筆蘇溫範絡階閉廢糧飼屆黨織講話說著";
const SIMPLIFIED: &str = "产亚来仓个伦备传债仅价亿优储内两册别则刚创划剂劲动务势励汇匮区协参员问启单吨严国围园图团执坚报场块尘墙压学实宁审将专对导层属带帮干几库庙厂广厅强从复彻态庆应悬战户挂扬挥撑拥击担据拟扩搅断时书会东条业极构楼标桥机横检权欧岁气决况减测准沟滞滚浇济为乌无焕热营争奖独获现环产亩当发尽监盘众确础矿税种积稳竞节签筹纠纪约红纸级纷细组结给统经综绿纲网紧线编县缝总绕继续罚义联职台与兴举旧华万盖药处号术卫补装见规视观订计讯训记设许评询试详认调谈谐谋证识议护变让负财贯责买贷费贴贸资卖质账购赛赢趋踪车轨较载辆输辐辖转办农进运过达适迁还边邮乡邻医钺银铭销锈铺钢𫓹锦键镁镇链铁长门开闲间关陆队际随险隐双杂难电巩响顶项预颁领头颓题额类显风飞养余馆马驻验体鱼鹰盐黄点龙数后这们净亏损样维货币涨占历习劳碍里笔苏温范络阶闭废粮饲届党织讲话说着";

/// A normalised text and, for each of its bytes, the byte range of the original character
/// it came from.
pub(super) struct Normalized {
    pub(super) text: String,
    origin: Vec<(usize, usize)>,
    source_len: usize,
}

impl Normalized {
    /// The bytes of the original text that `start..end` of [`Normalized::text`] came from.
    pub(super) fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        match (self.origin.get(start), end.checked_sub(1).and_then(|e| self.origin.get(e))) {
            (Some(first), Some(last)) if end > start => (first.0, last.1),
            (Some(first), _) => (first.0, first.0),
            _ => (self.source_len, self.source_len),
        }
    }
}

impl Normalized {
    /// For each byte of [`Normalized::text`] that starts a character, the character the
    /// original text (`source`) has there: a traditional character stays traditional; a
    /// full-width form, a decimal `。` or a year in Chinese numerals reads as normalised.
    pub(super) fn written_by_byte(&self, source: &str) -> Vec<char> {
        let mut out = vec!['\0'; self.text.len()];
        for (b, n) in self.text.char_indices() {
            let (from, to) = self.origin[b];
            let o = source.get(from..to).and_then(|t| t.chars().next()).unwrap_or(n);
            out[b] = if o != n && half_width(o) != n && simplified(o) == n { o } else { n };
        }
        out
    }
}

fn simplified(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    TRADITIONAL.chars().position(|t| t == c).and_then(|i| SIMPLIFIED.chars().nth(i)).unwrap_or(c)
}

fn is_pinyin(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
}

/// The character index just past a pronunciation like `(qū)` starting at `chars[i]`, if it is one.
fn pinyin_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let close = chars[i + 1..].iter().take(8).position(|(_, c)| *c == ')').map(|p| i + 1 + p)?;
    let inside = &chars[i + 1..close];
    (!inside.is_empty() && inside.iter().all(|(_, c)| is_pinyin(*c))).then_some(close + 1)
}

/// The digit a Chinese numeral writes in a year (`〇` and `零` are 0).
fn cn_digit(c: char) -> Option<char> {
    let i = "〇一二三四五六七八九".chars().position(|d| d == c).or((c == '零').then_some(0))?;
    char::from_digit(i as u32, 10)
}

/// Whether `chars[i]` is one of four Chinese numerals followed by 年.
fn in_cn_year(chars: &[(usize, char)], i: usize) -> bool {
    let is = |j: usize| chars.get(j).is_some_and(|(_, c)| cn_digit(*c).is_some());
    (i.saturating_sub(3)..=i).any(|start| (start..start + 4).all(is) && chars.get(start + 4).is_some_and(|(_, c)| *c == '年') && start + 4 > i)
}

/// The text with pinyin removed, full-width forms made ASCII and traditional characters
/// simplified, with the way back to the original.
pub(super) fn normalize_mapped(text: &str) -> Normalized {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Normalized { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()), source_len: text.len() };
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        // "(qū)" right after a CJK character is a pronunciation, not text.
        let after_cjk = out.text.chars().next_back().is_some_and(|c| !c.is_ascii());
        if let Some(next) = (c == '(' && after_cjk).then(|| pinyin_end(&chars, i)).flatten() {
            i = next;
            continue;
        }
        let prev = out.text.chars().next_back();
        let next = chars.get(i + 1).map(|(_, c)| half_width(simplified(*c)));
        // Spaces around a number (`产值 45.6 亿元`, `12.3 %`), as converted and typed texts
        // have them, are dropped: they part a figure from its name and unit.
        let numeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '%');
        let cjk = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if matches!(c, ' ' | '\u{3000}' | '\u{a0}') && ((numeric(prev) && (numeric(next) || cjk(next))) || (cjk(prev) && numeric(next))) {
            i += 1;
            continue;
        }
        // `。` or `．` between digits is a decimal point in OCR'd and converted texts
        // (`263。5億元`).
        let decimal = matches!(c, '。' | '．' | '｡') && prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        // A year in Chinese numerals (`二〇一五年`) reads as `2015年`: four of them before 年.
        let year_digit = cn_digit(c).filter(|_| in_cn_year(&chars, i));
        let kept = if decimal {
            '.'
        } else if let Some(d) = year_digit {
            d
        } else {
            half_width(simplified(c))
        };
        out.text.push(kept);
        out.origin.extend(std::iter::repeat_n((at, at + c.len_utf8()), kept.len_utf8()));
        i += 1;
    }
    out
}

/// The text with pinyin removed, full-width forms made ASCII and traditional characters
/// simplified.
pub fn normalize(text: &str) -> String {
    normalize_mapped(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_traditional_are_removed() {
        assert_eq!(normalize("阿拉(la)善經濟開發區(qu)(qu)"), "阿拉善经济开发区");
        assert_eq!(normalize("總產值４４．０８億元"), "总产值44.08亿元");
        assert_eq!(TRADITIONAL.chars().count(), SIMPLIFIED.chars().count());
    }

    #[test]
    fn ocr_decimal_points_and_spaces_around_numbers() {
        assert_eq!(normalize("工業總産值263。5億元，增長8．7%"), "工业总产值263.5亿元,增长8.7%");
        assert_eq!(normalize("规上工业产值 45.6 亿元，同比增长 12.3 %"), "规上工业产值45.6亿元,同比增长12.3%");
        assert_eq!(normalize("完成8个。2019年"), "完成8个。2019年", "a sentence's end stays");
        assert_eq!(normalize("GDP 5 percent"), "GDP 5 percent", "Latin text keeps its spaces");
        assert_eq!(normalize("二〇一五年工作總結，一二三項"), "2015年工作总结,一二三项", "a year in Chinese numerals, and only a year");
    }

    #[test]
    fn offsets_lead_back_to_the_original() {
        let original = "增(zēng)長(zhǎng)４４．０８億元";
        let n = normalize_mapped(original);
        assert_eq!(n.text, "增长44.08亿元");
        let figure = n.text.find("44").unwrap_or(0);
        let (a, b) = n.original_range(figure, n.text.len());
        assert_eq!(&original[a..b], "４４．０８億元");
        let (a, b) = n.original_range(0, "增长".len());
        assert_eq!(&original[a..b], "增(zēng)長");
    }
}

//! Chinese line breaking for the PDF. Lines may break between any two CJK characters,
//! but a line never starts with closing punctuation (`，。、；：？！）》」`) and never ends
//! with an opening mark (`（《「`). Latin words and numbers with their unit, such as
//! `129.47万吨` or `30.5%`, are never split.

/// May not begin a line.
const NO_START: &str = "，。、；：？！）》」』】〕”’…—·%‰,.;:?!)]}";
/// May not end a line.
const NO_END: &str = "（《「『【〔“‘([{";
/// Characters that stay with the number before them (`56.8亿元`, `3480亩`).
const UNIT_CHARS: &str = "万亿千百元吨米公里亩平方个家座项人瓦时倍美%‰";

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '+' | '-' | '×')
}

/// Splits text into pieces that must stay together.
fn atoms(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut atom = String::new();
        if is_word_char(c) {
            while i < chars.len() && is_word_char(chars[i]) {
                atom.push(chars[i]);
                i += 1;
            }
            // A number keeps up to four unit characters after it.
            if atom.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                let mut n = 0;
                while i < chars.len() && n < 4 && UNIT_CHARS.contains(chars[i]) {
                    atom.push(chars[i]);
                    i += 1;
                    n += 1;
                }
            }
        } else {
            atom.push(c);
            i += 1;
        }
        out.push(atom);
    }
    // Glue forbidden starts to the atom before, and forbidden ends to the atom after.
    let mut glued: Vec<String> = Vec::with_capacity(out.len());
    let mut carry = String::new();
    for atom in out {
        let starts_bad = atom.chars().next().is_some_and(|c| NO_START.contains(c));
        let mut atom = std::mem::take(&mut carry) + &atom;
        if starts_bad
            && let Some(prev) = glued.last_mut() {
                prev.push_str(&atom);
                atom = glued.pop().unwrap_or_default();
            }
        if atom.chars().last().is_some_and(|c| NO_END.contains(c)) {
            carry = atom;
        } else {
            glued.push(atom);
        }
    }
    if !carry.is_empty() {
        glued.push(carry);
    }
    glued
}

/// Breaks one paragraph into lines no wider than `max_width`, measuring with `width`
/// (the advance of a string in the same unit as `max_width`). `first_indent` is taken off
/// the first line (two characters in Chinese paragraphs).
pub fn break_lines(text: &str, max_width: f64, first_indent: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    let limit = |lines: &Vec<String>| if lines.is_empty() { max_width - first_indent } else { max_width };
    for atom in atoms(text) {
        let w = width(&atom);
        if used + w <= limit(&lines) + 1e-6 || line.is_empty() && w <= limit(&lines) {
            line.push_str(&atom);
            used += w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
            used = 0.0;
        }
        let atom = atom.trim_start();
        if width(atom) <= limit(&lines) {
            line.push_str(atom);
            used = width(atom);
        } else {
            // Longer than a whole line (a URL, a very long number): split by character.
            for c in atom.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]));
                if used + cw > limit(&lines) && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Where a title may break: after the issuing unit's name, after the year or the span,
/// around 及/和/暨, before 工作总结/工作计划 and the like. A title is a phrase, and a
/// break inside a word (`工 / 作计划`) is what GB/T 9704 7.3.1 forbids.
fn title_breaks(chars: &[char]) -> Vec<usize> {
    let text: String = chars.iter().collect();
    let mut at = Vec::new();
    let byte_to_char = |b: usize| text[..b].chars().count();
    for suffix in ["管理委员会", "工业园区", "经济开发区", "经济技术开发区", "高新技术产业开发区", "开发区", "工业区", "高新区", "产业园", "集中区", "园区", "新区", "县", "区", "市"] {
        if let Some(i) = text.find(suffix) {
            at.push(byte_to_char(i + suffix.len()));
        }
    }
    for (i, _) in text.match_indices('年') {
        at.push(byte_to_char(i + '年'.len_utf8()));
    }
    for word in ["上半年", "下半年", "前三季度", "全年", "一季度"] {
        for (i, _) in text.match_indices(word) {
            at.push(byte_to_char(i));
            at.push(byte_to_char(i + word.len()));
        }
    }
    for word in ["及", "和", "暨", "与"] {
        for (i, _) in text.match_indices(word) {
            at.push(byte_to_char(i));
        }
    }
    for word in ["工作总结", "工作计划", "工作安排", "工作思路", "工作要点", "工作报告", "情况报告"] {
        for (i, _) in text.match_indices(word) {
            at.push(byte_to_char(i));
        }
    }
    at.retain(|&n| n > 0 && n < chars.len());
    at.sort_unstable();
    at.dedup();
    at
}

/// A title's lines: one if it fits, else two (three for a very long one) broken where
/// [`title_breaks`] allows, the lines as even as can be (a 梯形 or 菱形 when centred).
/// Without a usable break the title breaks as text does.
pub fn title_lines(text: &str, max_width: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let text = text.trim();
    if width(text) <= max_width {
        return vec![text.to_owned()];
    }
    let chars: Vec<char> = text.chars().collect();
    let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let breaks = title_breaks(&chars);
    let mut best: Option<(f64, Vec<String>)> = None;
    let consider = |best: &mut Option<(f64, Vec<String>)>, lines: Vec<String>| {
        if lines.iter().any(|l| width(l) > max_width) {
            return;
        }
        let widths: Vec<f64> = lines.iter().map(|l| width(l)).collect();
        let cost = widths.iter().cloned().fold(f64::MIN, f64::max) - widths.iter().cloned().fold(f64::MAX, f64::min);
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            *best = Some((cost, lines));
        }
    };
    for &b in &breaks {
        consider(&mut best, vec![piece(0, b), piece(b, chars.len())]);
    }
    if best.is_none() {
        for (i, &a) in breaks.iter().enumerate() {
            for &b in &breaks[i + 1..] {
                consider(&mut best, vec![piece(0, a), piece(a, b), piece(b, chars.len())]);
            }
        }
    }
    match best {
        Some((_, lines)) => lines,
        None => break_lines(text, max_width, 0.0, width),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide: a line of width 5 holds five characters.
    fn unit(s: &str) -> f64 {
        s.chars().count() as f64
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = break_lines("一二三四五，六七八九十。", 5.0, 0.0, &unit);
        assert!(lines.iter().all(|l| !l.starts_with(['，', '。'])), "{lines:?}");
        // The character before the comma moves down with it.
        assert_eq!(lines[0], "一二三四");
        assert!(lines[1].starts_with("五，"));
    }

    #[test]
    fn opening_marks_never_end_a_line() {
        let lines = break_lines("一二三四（五六七）八九", 5.0, 0.0, &unit);
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
        let lines = break_lines("甲乙丙丁《正阳》", 5.0, 0.0, &unit);
        assert!(lines.iter().all(|l| !l.ends_with('《')), "{lines:?}");
    }

    #[test]
    fn numbers_with_units_stay_whole() {
        let lines = break_lines("二期年产129.47万吨不锈钢生产线", 8.0, 0.0, &unit);
        assert!(lines.iter().any(|l| l.contains("129.47万吨")), "{lines:?}");
        let lines = break_lines("同比增长30.5%，完成", 7.0, 0.0, &unit);
        assert!(lines.iter().any(|l| l.contains("30.5%")), "{lines:?}");
    }

    #[test]
    fn first_line_indent_and_every_character_kept() {
        let text = "预计完成规上工业企业产值56.8亿元，同比增长30.5%；培育规模以上企业7家。";
        let lines = break_lines(text, 10.0, 2.0, &unit);
        assert!(unit(&lines[0]) <= 8.0 + 3.0);
        assert_eq!(lines.concat(), text);
    }
}

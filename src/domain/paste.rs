//! A block pasted from Excel or WPS: tab-separated cells, one row per line. It lives here,
//! apart from the grid that receives it, because it is outside input: it is tested and
//! fuzzed on its own.

/// The cells of a pasted block, trimmed; an empty cell is `None` (it leaves its target
/// alone). Trailing line breaks and `\r` of Windows line ends are dropped.
pub fn parse_block(text: &str) -> Vec<Vec<Option<&str>>> {
    text.trim_end_matches(['\r', '\n'])
        .lines()
        .map(|line| {
            line.trim_end_matches('\r')
                .split('\t')
                .map(|cell| Some(cell.trim()).filter(|c| !c.is_empty()))
                .collect()
        })
        .collect()
}

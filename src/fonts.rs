//! The embedded CJK font, shared by the screen (egui), chart images (resvg) and, later,
//! the PDF. Noto Sans CJK SC, SIL OFL 1.1: see `fonts/`.

pub const CJK_FONT: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Regular.otf");

/// Noto Serif CJK SC: the stand-in for 仿宋 and 小标宋 in printed reports.
pub const CJK_SERIF_FONT: &[u8] = include_bytes!("../fonts/NotoSerifCJKsc-Regular.otf");

/// The family name inside the font file, as SVG text asks for it.
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// The font-family list written into exported SVG, so that a viewer without the
/// embedded font falls back to a Chinese font it has.
pub const SVG_FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', SimHei, sans-serif";

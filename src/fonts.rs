//! The embedded CJK fonts, in one place because the screen (egui), chart images (resvg)
//! and report PDFs (printpdf) must show the same glyphs: a figure that reads one way on
//! screen and another in print would be a bug a director signs. Noto Sans and Serif CJK
//! SC, SIL OFL 1.1: see `fonts/`. egui ships no Chinese glyphs, so [`install`] adds the
//! sans face behind egui's own Latin font in every family.

use std::sync::Arc;

/// Noto Sans CJK SC: the screen's face, charts' and 黑体 headings'. A `static`, not a
/// `const`: a const slice is copied into each place that names it, which put the 40 MB of
/// fonts into the executable twice.
pub static CJK_FONT: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Regular.otf");

/// Noto Serif CJK SC: the stand-in for 仿宋 and 小标宋 in printed reports.
pub static CJK_SERIF_FONT: &[u8] = include_bytes!("../fonts/NotoSerifCJKsc-Regular.otf");

/// The family name inside the font file, as SVG text asks for it.
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// The font-family list written into exported SVG, so that a viewer without the
/// embedded font falls back to a Chinese font it has.
pub const SVG_FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', SimHei, sans-serif";

const CJK_NAME: &str = "NotoSansCJKsc";

/// egui's fonts with the CJK face behind them.
pub fn egui_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(CJK_NAME.to_owned(), Arc::new(egui::FontData::from_static(CJK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(CJK_NAME.to_owned());
    }
    fonts
}

/// Gives a window (or a headless test context) the CJK font.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(egui_definitions());
}

//! The embedded CJK font. egui ships no Chinese glyphs, so Noto Sans CJK SC (SIL OFL,
//! see `fonts/`) is added behind egui's own Latin font in every family.

use std::sync::Arc;

pub use crate::fonts::CJK_FONT;
const CJK_NAME: &str = "NotoSansCJKsc";

pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(CJK_NAME.to_owned(), Arc::new(egui::FontData::from_static(CJK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(CJK_NAME.to_owned());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

//! Design tokens and the theme: sizes, spacing and the colours that carry meaning
//! (error, warning, derived, estimate). Page code takes these from here, never literals.

use egui::{Color32, FontId, TextStyle};

use serde::{Deserialize, Serialize};

/// Light, dark, or as the system has it; kept between runs with the window's preferences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

/// Gap between groups of controls.
pub const GAP: f32 = 8.0;
/// Width of a value cell in the indicator grid.
pub const CELL_WIDTH: f32 = 96.0;
/// Width of text fields in forms.
pub const FIELD_WIDTH: f32 = 260.0;
/// Height of one row of the project table.
pub const ROW_HEIGHT: f32 = 24.0;
/// Width of the project detail panel.
pub const DETAIL_WIDTH: f32 = 400.0;

pub fn apply(ctx: &egui::Context, pref: ThemePref) {
    ctx.set_theme(match pref {
        ThemePref::System => egui::ThemePreference::System,
        ThemePref::Light => egui::ThemePreference::Light,
        ThemePref::Dark => egui::ThemePreference::Dark,
    });
    ctx.all_styles_mut(|style| {
        // Chinese reads poorly at egui's 12.5 pt default.
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(21.0)),
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Small, FontId::proportional(12.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(GAP, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
    // In the light theme egui's text fields are nearly the colour of the panel, so the
    // empty cells of a striped grid vanish. Give them a fill and an edge.
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.text_edit_bg_color = Some(Color32::from_gray(252));
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(205));
    });
}

pub fn error(ui: &egui::Ui) -> Color32 {
    ui.visuals().error_fg_color
}

pub fn warning(ui: &egui::Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// Worked-out figures (back-computed, converted) are shown weaker than entered ones.
pub fn derived(ui: &egui::Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

pub fn ok(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(120, 200, 120) } else { Color32::from_rgb(30, 120, 40) }
}

/// Chart colours: the export palette (`chart::draw::PALETTE`) on light backgrounds,
/// lighter tints of it on dark ones.
pub fn chart_color(slot: usize, dark: bool) -> Color32 {
    if !dark {
        let (r, g, b) = crate::chart::draw::color(slot);
        return Color32::from_rgb(r, g, b);
    }
    const DARK: [Color32; 5] = [
        Color32::from_rgb(0x6f, 0xa8, 0xdc),
        Color32::from_rgb(0xf0, 0x9a, 0x5a),
        Color32::from_rgb(0x7c, 0xc6, 0x88),
        Color32::from_rgb(0xb3, 0x9d, 0xdb),
        Color32::from_rgb(0xb0, 0xb0, 0xb0),
    ];
    DARK[slot % DARK.len()]
}

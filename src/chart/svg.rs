//! Draws a [`Figure`] as SVG: the export format, and the input of the PNG renderer.
//! Text stays text (the Chinese title can be searched and edited in the file).

use std::fmt::Write as _;

use super::Figure;
use super::draw::{Anchor, Canvas, Rgb, draw_figure};
use crate::fonts::SVG_FONT_FAMILY;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

struct SvgCanvas {
    out: String,
}

fn dash_attr(dashed: bool, width: f64) -> String {
    if dashed { format!(r#" stroke-dasharray="{:.1} {:.1}""#, width * 3.0, width * 2.0) } else { String::new() }
}

impl Canvas for SvgCanvas {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, color: Rgb, text: &str) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" text-anchor="{anchor}" fill="{}">{}</text>"#,
            hex(color),
            esc(text)
        );
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), color: Rgb, width: f64, dashed: bool) {
        let _ = writeln!(
            self.out,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="{width:.1}"{}/>"#,
            hex(color),
            dash_attr(dashed, width)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgb, lightness: f64, dashed_edge: bool, tooltip: &str) {
        let col = hex(color);
        let title = if tooltip.is_empty() { String::new() } else { format!("<title>{}</title>", esc(tooltip)) };
        let _ = writeln!(
            self.out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{col}" fill-opacity="{:.2}" stroke="{col}" stroke-width="1.5"{}>{title}</rect>"#,
            1.0 - lightness,
            if dashed_edge { r#" stroke-dasharray="6 4""# } else { "" }
        );
    }

    fn polyline(&mut self, points: &[(f64, f64)], color: Rgb, width: f64, dashed: bool) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{width:.1}"{}/>"#,
            pts.join(" "),
            hex(color),
            dash_attr(dashed, width)
        );
    }

    fn dot(&mut self, x: f64, y: f64, r: f64, color: Rgb, hollow: bool, tooltip: &str) {
        let col = hex(color);
        let fill = if hollow { "#ffffff".to_owned() } else { col.clone() };
        let _ = writeln!(
            self.out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" stroke="{col}" stroke-width="{:.1}"><title>{}</title></circle>"#,
            r / 2.8,
            esc(tooltip)
        );
    }
}

/// The whole figure at `width`×`height` pixels.
pub fn figure_svg(fig: &Figure, width: u32, height: u32) -> String {
    figure_svg_boosted(fig, width, height, 1.0)
}

/// [`figure_svg`] with the type enlarged relative to the drawing (`text_boost`), as print
/// wants it (the Word export uses the PDF's 1.8).
pub fn figure_svg_boosted(fig: &Figure, width: u32, height: u32, text_boost: f64) -> String {
    let mut c = SvgCanvas { out: String::new() };
    let _ = writeln!(
        c.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}">"#,
        SVG_FONT_FAMILY.replace('"', "'")
    );
    let _ = writeln!(c.out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    draw_figure(&mut c, fig, f64::from(width), f64::from(height), text_boost);
    c.out.push_str("</svg>\n");
    c.out
}

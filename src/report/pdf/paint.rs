//! Drawing onto a page's operations: text (set character by character where it is
//! spaced), lines and filled shapes, and the canvas a chart is drawn on in a report.

use printpdf::{Color, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder};

use super::fonts::{Face, Fonts};
use crate::chart::draw::{self, Anchor, Canvas};

pub(super) fn rgb((r, g, b): draw::Rgb) -> Color {
    Color::Rgb(Rgb { r: f32::from(r) / 255.0, g: f32::from(g) / 255.0, b: f32::from(b) / 255.0, icc_profile: None })
}

pub(super) fn pt(x: f64, y: f64) -> Point {
    Point { x: Pt(x as f32), y: Pt(y as f32) }
}

pub(super) fn ring(points: &[(f64, f64)]) -> PolygonRing {
    PolygonRing { points: points.iter().map(|&(x, y)| LinePoint { p: pt(x, y), bezier: false }).collect() }
}

/// Draws text and shapes onto the ops of the page being filled.
pub(super) struct Painter<'f> {
    pub(super) ops: Vec<Op>,
    pub(super) page_h: f64,
    pub(super) fonts: &'f Fonts,
}

impl Painter<'_> {
    /// `y` is the baseline, measured from the top of the page.
    pub(super) fn text(&mut self, face: &Face, size: f64, x: f64, y: f64, color: draw::Rgb, text: &str) {
        self.spaced_text(face, size, x, y, color, text, 0.0);
    }

    /// Text with `spacing` points added after each character (to justify a line, or taken
    /// away to set 28 characters on a 公文 line).
    /// Justified lines are set character by character: printpdf stops subsetting a font
    /// once character spacing or TJ offsets are used, which would embed all of it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn spaced_text(&mut self, face: &Face, size: f64, x: f64, y: f64, color: draw::Rgb, text: &str, spacing: f64) {
        let runs: Vec<(f64, String)> = if spacing.abs() > 1e-6 {
            // Latin letters and digits stay together; the space goes between the rest.
            let mut pieces: Vec<String> = Vec::new();
            for c in text.chars() {
                match pieces.last_mut() {
                    Some(last) if c.is_ascii() && last.is_ascii() => last.push(c),
                    Some(last) if c == '—' && last.ends_with('—') => last.push(c),
                    _ => pieces.push(c.to_string()),
                }
            }
            let spacing = spacing * (text.chars().count().saturating_sub(1)) as f64 / (pieces.len().saturating_sub(1)).max(1) as f64;
            let mut at = x;
            pieces
                .into_iter()
                .map(|s| {
                    let here = at;
                    at += face.width(&s) * size + spacing;
                    (here, s)
                })
                .collect()
        } else {
            vec![(x, text.to_owned())]
        };
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        for (x, run) in runs {
            self.ops.extend([
                Op::StartTextSection,
                Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size as f32) },
                Op::SetTextCursor { pos: pt(x, self.page_h - y) },
                Op::ShowText { items: vec![TextItem::Text(run)] },
                Op::EndTextSection,
            ]);
        }
    }

    pub(super) fn stroke(&mut self, points: &[(f64, f64)], color: draw::Rgb, width: f64, dashed: bool) {
        let flipped: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x, self.page_h - y)).collect();
        self.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width as f32) });
        if dashed {
            self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[(width * 3.0) as f32, (width * 2.0) as f32]) });
        }
        self.ops.push(Op::DrawLine { line: Line { points: ring(&flipped).points, is_closed: false } });
        if dashed {
            self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
        }
    }

    pub(super) fn fill(&mut self, points: &[(f64, f64)], color: draw::Rgb, outline: bool) {
        let flipped: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x, self.page_h - y)).collect();
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![ring(&flipped)],
                mode: if outline { PaintMode::FillStroke } else { PaintMode::Fill },
                winding_order: WindingOrder::NonZero,
            },
        });
    }
}

/// A chart box on a page: maps the figure's drawing units to points.
pub(super) struct ChartCanvas<'p, 'f> {
    pub(super) painter: &'p mut Painter<'f>,
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) k: f64,
}

fn lighten((r, g, b): draw::Rgb, t: f64) -> draw::Rgb {
    let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8;
    (mix(r), mix(g), mix(b))
}

impl Canvas for ChartCanvas<'_, '_> {
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, color: draw::Rgb, text: &str) {
        let size_pt = size * self.k;
        let w = self.painter.fonts.heading.width(text) * size_pt;
        let x = self.x0 + x * self.k - match anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => w / 2.0,
            Anchor::End => w,
        };
        let fonts = self.painter.fonts;
        self.painter.text(&fonts.heading, size_pt, x, self.y0 + y * self.k, color, text);
    }

    fn line(&mut self, from: (f64, f64), to: (f64, f64), color: draw::Rgb, width: f64, dashed: bool) {
        let p = |(x, y): (f64, f64)| (self.x0 + x * self.k, self.y0 + y * self.k);
        let pts = [p(from), p(to)];
        self.painter.stroke(&pts, color, (width * self.k).max(0.3), dashed);
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: draw::Rgb, lightness: f64, _dashed_edge: bool, _tooltip: &str) {
        let (x, y, w, h) = (self.x0 + x * self.k, self.y0 + y * self.k, w * self.k, h * self.k);
        self.painter.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.painter.ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
        self.painter.fill(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], lighten(color, lightness), true);
    }

    fn polyline(&mut self, points: &[(f64, f64)], color: draw::Rgb, width: f64, dashed: bool) {
        let pts: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (self.x0 + x * self.k, self.y0 + y * self.k)).collect();
        if pts.len() > 1 {
            self.painter.stroke(&pts, color, (width * self.k).max(0.5), dashed);
        }
    }

    fn dot(&mut self, x: f64, y: f64, r: f64, color: draw::Rgb, hollow: bool, _tooltip: &str) {
        let (cx, cy, r) = (self.x0 + x * self.k, self.y0 + y * self.k, (r * self.k).max(1.2));
        let pts: Vec<(f64, f64)> = (0..16)
            .map(|i| {
                let a = f64::from(i) / 16.0 * std::f64::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        self.painter.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.painter.ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });
        self.painter.fill(&pts, if hollow { (255, 255, 255) } else { color }, true);
    }
}


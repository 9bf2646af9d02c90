//! Lays report [`Block`]s out on A4 pages and writes the PDF with printpdf. Fonts are
//! embedded and subset (printpdf's `text_layout` feature); charts are drawn as vectors
//! from the same description as the screen, so their text stays searchable.
//!
//! Coordinates: the layout works top-down in points from the top of the text block;
//! PDF draws bottom-up, and the painter flips. `fonts` loads the faces each role is set
//! in; `paint` draws text and shapes onto a page.

use std::collections::HashMap;

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions};

use super::linebreak::break_lines;
use super::{Block, Layout, Table};
use crate::chart::Figure;
use crate::chart::draw;
use crate::fonts::{CJK_FONT, CJK_SERIF_FONT};

mod fonts;
mod paint;

pub use fonts::{FontChoice, check_fonts};
use fonts::{Face, Fonts, load_role, source};
use paint::{ChartCanvas, Painter};

const MM: f64 = 72.0 / 25.4;

/// Page geometry and type sizes of one layout, in points.
struct Geometry {
    page_w: f64,
    page_h: f64,
    left: f64,
    top: f64,
    text_w: f64,
    text_h: f64,
    body: f64,
    pitch: f64,
    title: f64,
    table: f64,
    chart_h: f64,
}

impl Geometry {
    fn new(layout: Layout) -> Self {
        match layout {
            // GB/T 9704: top 37 mm, binding margin 28 mm, 156×225 mm text block,
            // 16 pt body on 22 lines.
            Layout::Gongwen => Self {
                page_w: 210.0 * MM,
                page_h: 297.0 * MM,
                left: 28.0 * MM,
                top: 37.0 * MM,
                text_w: 156.0 * MM,
                text_h: 225.0 * MM,
                body: 16.0,
                pitch: 225.0 * MM / 22.0,
                title: 22.0,
                table: 12.0,
                chart_h: 156.0 * MM * 0.62,
            },
            Layout::Brief => Self {
                page_w: 210.0 * MM,
                page_h: 297.0 * MM,
                left: 20.0 * MM,
                top: 22.0 * MM,
                text_w: 170.0 * MM,
                text_h: 250.0 * MM,
                body: 11.0,
                pitch: 11.0 * 1.75,
                title: 20.0,
                table: 9.5,
                chart_h: 170.0 * MM * 0.56,
            },
        }
    }
}

/// Fills pages top to bottom.
struct Writer<'f> {
    g: Geometry,
    layout: Layout,
    painter: Painter<'f>,
    pages: Vec<Vec<Op>>,
    /// Points used from the top of the text block on the current page.
    y: f64,
}

impl<'f> Writer<'f> {
    fn fonts(&self) -> &'f Fonts {
        self.painter.fonts
    }

    fn remaining(&self) -> f64 {
        self.g.text_h - self.y
    }

    fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.painter.ops);
        self.pages.push(ops);
        self.y = 0.0;
    }

    fn ensure(&mut self, height: f64) {
        if self.y > 0.0 && self.remaining() < height - 0.01 {
            self.new_page();
        }
    }

    fn line_at(&mut self, face: &Face, size: f64, x: f64, text: &str, color: draw::Rgb) {
        // Baseline about 0.8 of the line pitch down from the line's top.
        let baseline = self.g.top + self.y + self.g.pitch * 0.5 + size * 0.35;
        self.painter.text(face, size, self.g.left + x, baseline, color, text);
    }

    /// What each character's advance changes by so that a 公文 body line holds exactly 28
    /// characters of 三号 in the 156 mm text block (GB/T 9704 7.1: 每行28个字), as Word's
    /// character grid does; nothing in the brief layout.
    fn grid(&self, size: f64) -> f64 {
        if self.layout == Layout::Gongwen { (self.g.text_w - 0.01) / 28.0 - size } else { 0.0 }
    }

    /// A paragraph, first line indented by two characters. Lines but the last are justified
    /// to the full width where that takes at most 0.08 em between characters; wider gaps
    /// would make copied text come out with spaces in it, so such lines stay ragged.
    fn paragraph(&mut self, face: &'f Face, size: f64, text: &str, indent_chars: f64) {
        self.lines(face, size, text, indent_chars, draw::INK);
    }

    fn lines(&mut self, face: &'f Face, size: f64, text: &str, indent_chars: f64, color: draw::Rgb) {
        let grid = self.grid(size);
        let measure = |s: &str| face.width(s) * size + s.chars().count() as f64 * grid;
        let indent = indent_chars * (size + grid);
        let lines = break_lines(text, self.g.text_w, indent, &measure);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(self.g.pitch);
            let x = if i == 0 { indent } else { 0.0 };
            let slack = self.g.text_w - x - measure(line);
            let gaps = line.chars().count().saturating_sub(1) as f64;
            let justify = if i < last && gaps > 0.0 && slack > 0.0 && slack / gaps < size * 0.08 { slack / gaps } else { 0.0 };
            let baseline = self.g.top + self.y + self.g.pitch * 0.5 + size * 0.35;
            self.painter.spaced_text(face, size, self.g.left + x, baseline, color, line, grid + justify);
            self.y += self.g.pitch;
        }
    }

    /// The title: one line, or two or more broken between words and balanced (GB/T 9704
    /// 7.3.1: 词意完整、排列对称、长短适宜).
    fn title(&mut self, face: &'f Face, size: f64, text: &str) {
        let lines = crate::report::linebreak::title_lines(text, self.g.text_w, &|s| face.width(s) * size);
        for line in lines {
            let w = face.width(&line) * size;
            self.line_at(face, size, (self.g.text_w - w) / 2.0, &line, draw::INK);
            self.y += self.g.pitch.max(size * 1.5);
        }
    }

    /// A heading is never left alone at the bottom of a page: it needs two lines after it.
    /// A long one wraps like a paragraph.
    fn heading(&mut self, face: &'f Face, text: &str) {
        self.ensure(self.g.pitch * 3.0);
        let size = self.g.body;
        let color = if self.layout == Layout::Brief { draw::color(0) } else { draw::INK };
        let indent = if self.layout == Layout::Gongwen { 2.0 } else { 0.0 };
        self.lines(face, size, text, indent, color);
    }

    /// 署名 and 成文日期 (GB/T 9704 7.3.5.2): a blank line after the text, the date set in
    /// four characters from the right, the issuing office centred over the date.
    fn signature(&mut self, face: &'f Face, issuer: &str, date: &str) {
        let size = self.g.body;
        // The blank line before it goes first when the page is short of room, so that the
        // signature is not left alone on a page of its own (GB/T 9704 7.3.5.4 has the
        // spacing adjusted instead).
        let rows = f64::from(u8::from(!issuer.is_empty()) + u8::from(!date.is_empty()));
        if self.remaining() >= self.g.pitch * (rows + 1.0) - 0.01 {
            self.y += self.g.pitch;
        } else {
            self.ensure(self.g.pitch * rows);
        }
        let date_w = face.width(date) * size;
        let date_x = self.g.text_w - 4.0 * size - date_w;
        if !issuer.is_empty() {
            let issuer_w = face.width(issuer) * size;
            let x = (date_x + date_w / 2.0 - issuer_w / 2.0).min(self.g.text_w - issuer_w).max(0.0);
            self.line_at(face, size, x, issuer, draw::INK);
            self.y += self.g.pitch;
        }
        if !date.is_empty() {
            self.line_at(face, size, date_x.max(0.0), date, draw::INK);
            self.y += self.g.pitch;
        }
    }

    /// 版记 (GB/T 9704 7.4): at the foot of the last page, between rules, 分送 (its lines
    /// after the first set under the names, not under 分送) and then the 印发机关 (left) with
    /// the 印发日期 (right), in 四号 set in by one character.
    fn imprint(&mut self, face: &'f Face, copy_to: &str, printed_by: &str, printed_on: &str) {
        let size = 14.0;
        let label = "分送：";
        let label_w = face.width(label) * size;
        let names = format!("{}。", copy_to.trim_end_matches('。'));
        let copy_lines = if copy_to.is_empty() { Vec::new() } else { break_lines(&names, self.g.text_w - 2.0 * size - label_w, 0.0, &|s| face.width(s) * size) };
        let rows = copy_lines.len() + usize::from(!printed_by.is_empty() || !printed_on.is_empty());
        let height = self.g.pitch * rows as f64;
        self.ensure(height + self.g.pitch);
        // Down to the foot of the text block.
        self.y = self.g.text_h - height;
        let rule = |w: &mut Self, width: f64| {
            let y = w.g.top + w.y;
            w.painter.stroke(&[(w.g.left, y), (w.g.left + w.g.text_w, y)], draw::INK, width, false);
        };
        rule(self, 0.75);
        for (i, line) in copy_lines.iter().enumerate() {
            if i == 0 {
                self.line_at(face, size, size, label, draw::INK);
            }
            self.line_at(face, size, size + label_w, line, draw::INK);
            self.y += self.g.pitch;
        }
        if !copy_lines.is_empty() {
            rule(self, 0.5);
        }
        if !printed_by.is_empty() || !printed_on.is_empty() {
            self.line_at(face, size, size, printed_by, draw::INK);
            if !printed_on.is_empty() {
                let on = format!("{printed_on}印发");
                let w = face.width(&on) * size;
                self.line_at(face, size, self.g.text_w - size - w, &on, draw::INK);
            }
            self.y += self.g.pitch;
        }
        rule(self, 0.75);
    }

    fn table(&mut self, t: &Table) {
        let fonts = self.fonts();
        let face = if self.layout == Layout::Gongwen { &fonts.body } else { &fonts.heading };
        let size = self.g.table;
        let line_h = size * 1.45;
        let pad = size * 0.35;
        let total: f64 = t.widths.iter().sum();
        let widths: Vec<f64> = t.widths.iter().map(|w| w / total * self.g.text_w).collect();
        let wrap = |row: &[String]| -> Vec<Vec<String>> {
            row.iter()
                .zip(&widths)
                .map(|(c, w)| break_lines(c, w - 2.0 * pad, 0.0, &|s| face.width(s) * size))
                .collect()
        };
        // A header that does not fit breaks before its unit, `同比增长` over `(%)`, never
        // inside the word.
        let header: Vec<Vec<String>> = t
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                let room = w - 2.0 * pad;
                // A name too long for one line is cut into even lines (`规上工业 / 总产值`).
                let even = |part: &str| -> Vec<String> {
                    let k = (face.width(part) * size / room).ceil().max(1.0) as usize;
                    let chars: Vec<char> = part.chars().collect();
                    let lines: Vec<String> = chars.chunks(chars.len().div_ceil(k).max(1)).map(|c| c.iter().collect()).collect();
                    if lines.iter().all(|l| face.width(l) * size <= room) { lines } else { break_lines(part, room, 0.0, &|s| face.width(s) * size) }
                };
                match h.find('(') {
                    Some(i) if face.width(h) * size > room && i > 0 => [&h[..i], &h[i..]].iter().flat_map(|part| even(part)).collect(),
                    _ => even(h),
                }
            })
            .collect();
        let height_of = |cells: &[Vec<String>]| cells.iter().map(Vec::len).max().unwrap_or(1) as f64 * line_h + 2.0 * pad;
        let header_h = height_of(&header);
        // The header and at least one row start together.
        let first = t.rows.first().map_or(0.0, |r| height_of(&wrap(r)));
        self.ensure(header_h + first);
        self.table_row(&header, &widths, header_h, size, line_h, pad, true, &vec![false; widths.len()]);
        for row in &t.rows {
            let cells = wrap(row);
            let h = height_of(&cells);
            if self.remaining() < h {
                // No row is cut in half; the header comes again on the new page.
                self.new_page();
                self.table_row(&header, &widths, header_h, size, line_h, pad, true, &vec![false; widths.len()]);
            }
            self.table_row(&cells, &widths, h, size, line_h, pad, false, &t.numeric);
        }
        if let Some(note) = &t.note {
            self.y += pad;
            self.small_note(note);
        }
        self.y += self.g.pitch * 0.5;
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(&mut self, cells: &[Vec<String>], widths: &[f64], h: f64, size: f64, line_h: f64, pad: f64, header: bool, numeric: &[bool]) {
        let fonts = self.fonts();
        let face = if header {
            &fonts.heading
        } else if self.layout == Layout::Gongwen {
            &fonts.body
        } else {
            &fonts.heading
        };
        let top = self.g.top + self.y;
        let left = self.g.left;
        if header {
            let shade = if self.layout == Layout::Brief { (0xe8, 0xee, 0xf5) } else { (0xf0, 0xf0, 0xf0) };
            self.painter.fill(&[(left, top), (left + self.g.text_w, top), (left + self.g.text_w, top + h), (left, top + h)], shade, false);
        }
        let mut x = left;
        for ((lines, w), num) in cells.iter().zip(widths).zip(numeric.iter().chain(std::iter::repeat(&false))) {
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + pad + line_h * i as f64 + size * 1.05;
                // A number's estimate (*) or worked-out (△) mark sits in a slot of its own
                // at the right, so that the digits of marked and plain figures line up.
                let (figure, mark) = match line.char_indices().last() {
                    Some((at, c @ ('*' | '△'))) if *num && !header => (&line[..at], Some(c)),
                    _ => (line.as_str(), None),
                };
                let slot = if *num && !header { face.width("△") * size } else { 0.0 };
                let tw = face.width(figure) * size;
                let tx = if header { x + (w - tw) / 2.0 } else if *num { x + w - pad - slot - tw } else { x + pad };
                self.painter.text(face, size, tx, baseline, draw::INK, figure);
                if let Some(m) = mark {
                    self.painter.text(face, size, x + w - pad - slot, baseline, draw::INK, &m.to_string());
                }
            }
            x += w;
        }
        // Cell borders.
        let border = (0x55, 0x55, 0x55);
        self.painter.stroke(&[(left, top), (left + self.g.text_w, top)], border, 0.5, false);
        self.painter.stroke(&[(left, top + h), (left + self.g.text_w, top + h)], border, 0.5, false);
        let mut x = left;
        for w in std::iter::once(&0.0).chain(widths) {
            x += w;
            self.painter.stroke(&[(x, top), (x, top + h)], border, 0.5, false);
        }
        self.y += h;
    }

    fn small_note(&mut self, text: &str) {
        let face = &self.fonts().body;
        let size = self.g.table;
        for line in break_lines(text, self.g.text_w, 0.0, &|s| face.width(s) * size) {
            self.ensure(size * 1.6);
            let baseline = self.g.top + self.y + size * 1.1;
            self.painter.text(face, size, self.g.left, baseline, (0x44, 0x44, 0x44), &line);
            self.y += size * 1.6;
        }
    }

    fn chart(&mut self, fig: &Figure) {
        let h = self.g.chart_h;
        self.ensure(h + self.g.pitch * 0.5);
        // Draw on a 960-unit-wide canvas, then scale to the text width: type stays
        // readable in print (8–9 pt ticks) where the screen layout would be too small.
        let units_w = 960.0;
        let k = self.g.text_w / units_w;
        let units_h = h / k;
        let (x0, y0) = (self.g.left, self.g.top + self.y);
        let mut canvas = ChartCanvas { painter: &mut self.painter, x0, y0, k };
        draw::draw_figure(&mut canvas, fig, units_w, units_h, 1.8);
        self.y += h + self.g.pitch * 0.5;
    }

    fn page_numbers(&mut self) {
        let fonts = self.fonts();
        let n = self.pages.len();
        for (i, ops) in self.pages.iter_mut().enumerate() {
            let number = i + 1;
            let size = 14.0;
            let label = match self.layout {
                Layout::Gongwen => format!("— {number} —"),
                Layout::Brief => format!("{number} / {n}"),
            };
            let w = fonts.body.width(&label) * size;
            let x = match self.layout {
                // Odd pages at the right, even at the left, each set in by one character.
                Layout::Gongwen if number % 2 == 1 => self.g.left + self.g.text_w - size - w,
                Layout::Gongwen => self.g.left + size,
                Layout::Brief => self.g.left + (self.g.text_w - w) / 2.0,
            };
            // 7 mm below the text block.
            let baseline = self.g.top + self.g.text_h + 7.0 * MM + size * 0.8;
            let mut p = Painter { ops: std::mem::take(ops), page_h: self.g.page_h, fonts };
            p.text(&fonts.body, size, x, baseline, draw::INK, &label);
            *ops = p.ops;
        }
    }
}

/// Metadata written into the PDF.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// Unix seconds; taken from the report so that two exports of it are identical.
    pub created: i64,
}

/// Lays the blocks out and returns the PDF bytes.
pub fn render(blocks: &[Block], layout: Layout, font_choice: &FontChoice, meta: &Meta<'_>) -> anyhow::Result<Vec<u8>> {
    Ok(render_counted(blocks, layout, font_choice, meta)?.0)
}

/// [`render`], also returning the number of pages.
pub fn render_counted(blocks: &[Block], layout: Layout, font_choice: &FontChoice, meta: &Meta<'_>) -> anyhow::Result<(Vec<u8>, usize)> {
    let mut doc = PdfDocument::new(meta.title);
    let mut cache = HashMap::new();
    let fonts = Fonts {
        body: load_role(&mut doc, source(&font_choice.fangsong, None, CJK_SERIF_FONT), &mut cache)?,
        heading: load_role(&mut doc, source(&font_choice.heiti, None, CJK_FONT), &mut cache)?,
        kai: load_role(&mut doc, source(&font_choice.kaiti, crate::fonts::kai_face(), CJK_SERIF_FONT), &mut cache)?,
        title: load_role(&mut doc, source(&font_choice.xiaobiaosong, crate::fonts::title_face(), CJK_SERIF_FONT), &mut cache)?,
    };
    let g = Geometry::new(layout);
    let (page_w, page_h) = (g.page_w, g.page_h);
    let mut w = Writer { g, layout, painter: Painter { ops: Vec::new(), page_h, fonts: &fonts }, pages: Vec::new(), y: 0.0 };
    let body_face = if layout == Layout::Gongwen { &fonts.body } else { &fonts.heading };
    for block in blocks {
        match block {
            Block::Title(t) => {
                let size = w.g.title;
                w.title(&fonts.title, size, t);
                w.y += w.g.pitch * 0.5;
            }
            Block::Heading(t) => w.heading(&fonts.heading, t),
            Block::Subheading(t) => w.heading(&fonts.kai, t),
            Block::Paragraph(t) => {
                let size = w.g.body;
                w.paragraph(body_face, size, t, 2.0);
            }
            Block::MinorHeading(t) => {
                // Not left alone at the foot of a page: two lines of what it heads with it.
                w.ensure(w.g.pitch * 3.0);
                let size = w.g.body;
                w.paragraph(body_face, size, t, 2.0);
            }
            Block::Table(t) => w.table(t),
            Block::Chart(f) => w.chart(f),
            Block::Signature { issuer, date } => w.signature(body_face, issuer, date),
            Block::Imprint { copy_to, printed_by, printed_on } => w.imprint(body_face, copy_to, printed_by, printed_on),
        }
    }
    if !w.painter.ops.is_empty() || w.pages.is_empty() {
        w.new_page();
    }
    w.page_numbers();
    let pages: Vec<PdfPage> = w.pages.drain(..).map(|ops| PdfPage::new(Mm((page_w / MM) as f32), Mm((page_h / MM) as f32), ops)).collect();
    let page_count = pages.len();
    doc.metadata.info.author = meta.author.to_owned();
    doc.metadata.info.creator = "ParkLedger 园区台账".to_owned();
    doc.metadata.info.producer = "ParkLedger (printpdf)".to_owned();
    if let Ok(date) = printpdf::date::DateTime::from_unix_timestamp(meta.created) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pages).save(&options, &mut warnings);
    Ok((bytes, page_count))
}

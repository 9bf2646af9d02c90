//! The work summary as a Word document (.docx) in the 公文 layout, written from the same
//! blocks as the PDF ([`super::compose`]): one document model, two renderers. The layout
//! is set in Word's own terms, so that the director's edits keep it: A4 with GB/T 9704's
//! margins, a named paragraph style per level (公文标题, 一级标题 in 黑体, 二级标题 in 楷体,
//! 三级标题 and 正文 in 仿宋), exact line spacing and a line grid for 22 lines a page,
//! `— 1 —` page numbers in separate odd (right) and even (left) footers,
//! tables whose header row repeats on each page and whose rows do not split, and charts as
//! 300 dpi pictures. docx-rs (MIT) builds the package; the header-row repeat it lacks
//! (`w:tblHeader`) is added to its XML before the file is packed.

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Pic, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Table as DocxTable, TableCell, TableRow, WidthType,
};

use super::pdf::{FontChoice, Meta};
use super::{Block, Layout, Table};

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;
/// EMU per millimetre (pictures).
const EMU_PER_MM: u32 = 36_000;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// The faces each style names: East Asian (what Chinese office PCs have, or the family of
/// a font chosen in Settings) and a Latin face for digits.
struct Faces {
    body: String,
    heading: String,
    kai: String,
    title: String,
}

/// A font file's family name, as Word looks it up.
fn family_of(path: &std::path::Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let face = ttf_parser::Face::parse(&bytes, 0).ok()?;
    let names: Vec<(u16, String)> = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
        .filter_map(|n| Some((n.language_id, n.to_string()?)))
        .collect();
    // The Simplified Chinese name where the font has one (仿宋_GB2312), else the first.
    names.iter().find(|(lang, _)| *lang == 0x0804).or(names.first()).map(|(_, n)| n.clone())
}

impl Faces {
    fn new(choice: &FontChoice) -> Self {
        let pick = |chosen: &Option<std::path::PathBuf>, default: &str| chosen.as_deref().and_then(family_of).unwrap_or_else(|| default.to_owned());
        Self {
            body: pick(&choice.fangsong, "仿宋_GB2312"),
            heading: pick(&choice.heiti, "黑体"),
            kai: pick(&choice.kaiti, "楷体_GB2312"),
            title: pick(&choice.xiaobiaosong, "方正小标宋简体"),
        }
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii("Times New Roman").hi_ansi("Times New Roman").cs("Times New Roman")
}

/// Style ids, as Word shows them in its style list.
const BODY: &str = "GwBody";
const TITLE: &str = "GwTitle";
const H1: &str = "GwHeading1";
const H2: &str = "GwHeading2";
const H3: &str = "GwHeading3";
const TABLE_TEXT: &str = "GwTable";
const NOTE: &str = "GwNote";
const SIGNATURE: &str = "GwSignature";
const IMPRINT: &str = "GwImprint";

/// Type sizes in half-points: 三号 16 pt, 二号 22 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const SANHAO: usize = 32;
const ERHAO: usize = 44;
const SIHAO: usize = 28;
const XIAOSI: usize = 24;
const WUHAO: usize = 21;

/// The text block (156 × 225 mm) holds 22 lines: each line's exact height in twips.
const LINE: i32 = 580;
/// Two characters of 三号: the first-line indent of a paragraph.
const INDENT_2: i32 = 640;

fn styles(faces: &Faces, layout: Layout) -> Vec<Style> {
    let exact = |line: i32| LineSpacing::new().line_rule(LineSpacingType::Exact).line(line);
    let body_size = if layout == Layout::Gongwen { SANHAO } else { XIAOSI };
    let line = if layout == Layout::Gongwen { LINE } else { 420 };
    let para = |id: &str, name: &str, face: &str| {
        Style::new(id, StyleType::Paragraph).name(name).q_format(true).fonts(fonts(face)).size(body_size).line_spacing(exact(line)).indent(None, Some(SpecialIndentType::FirstLine(INDENT_2)), None, None)
    };
    vec![
        para(BODY, "公文正文", &faces.body).align(AlignmentType::Both),
        Style::new(TITLE, StyleType::Paragraph).name("公文标题").q_format(true).fonts(fonts(&faces.title)).size(ERHAO).snap_to_grid(false).align(AlignmentType::Center).line_spacing(exact(if layout == Layout::Gongwen { 700 } else { 600 })),
        para(H1, "一级标题（一、）", &faces.heading).outline_lvl(0),
        para(H2, "二级标题（（一））", &faces.kai).outline_lvl(1),
        para(H3, "三级标题（1.）", &faces.body).outline_lvl(2),
        // Tables and notes keep their own spacing: off the 28-character grid of the body.
        Style::new(TABLE_TEXT, StyleType::Paragraph).name("表格文字").fonts(fonts(&faces.body)).size(XIAOSI).snap_to_grid(false).line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240)),
        Style::new(NOTE, StyleType::Paragraph).name("表注").fonts(fonts(&faces.body)).size(WUHAO).snap_to_grid(false).line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240)),
        Style::new(SIGNATURE, StyleType::Paragraph).name("署名和成文日期").fonts(fonts(&faces.body)).size(body_size).line_spacing(exact(line)).align(AlignmentType::Right),
        Style::new(IMPRINT, StyleType::Paragraph).name("版记").fonts(fonts(&faces.body)).size(SIHAO).snap_to_grid(false).line_spacing(exact(line)),
    ]
}

/// About how many characters of its size `text` spans (`chart::draw::text_width` at 1).
fn ems(text: &str) -> f64 {
    crate::chart::draw::text_width(text, 1.0)
}

fn text_run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// `— N —` with a PAGE field, in 四号, set in one character from the outer edge.
fn page_number_footer(odd: bool) -> Footer {
    let run = |t: &str| Run::new().size(SIHAO).fonts(fonts("宋体")).add_text(t);
    let field = Run::new()
        .size(SIHAO)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(docx_rs::InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let mut p = Paragraph::new().add_run(run("— ")).add_run(field).add_run(run(" —"));
    p = if odd { p.align(AlignmentType::Right).indent(None, None, Some(280), None) } else { p.align(AlignmentType::Left).indent(Some(280), None, None, None) };
    Footer::new().add_paragraph(p)
}

/// A table: its header row repeats on each page (added after building: see the module
/// notes), no row splits across pages, numbers right-aligned.
fn table(t: &Table) -> DocxTable {
    let text_w = 156.0 * TWIPS_PER_MM;
    let total: f64 = t.widths.iter().sum();
    let grid: Vec<usize> = t.widths.iter().map(|w| (w / total * text_w).round() as usize).collect();
    let cell = |text: &str, width: usize, right: bool, header: bool| {
        let mut p = Paragraph::new().style(TABLE_TEXT).align(if header { AlignmentType::Center } else if right { AlignmentType::Right } else { AlignmentType::Left });
        let run = if header { text_run(text).bold() } else { text_run(text) };
        p = p.add_run(run);
        TableCell::new().add_paragraph(p).width(width, WidthType::Dxa)
    };
    let header = TableRow::new(t.headers.iter().zip(&grid).map(|(h, w)| cell(h, *w, false, true)).collect()).cant_split();
    let mut rows = vec![header];
    for r in &t.rows {
        rows.push(TableRow::new(r.iter().zip(&grid).zip(&t.numeric).map(|((c, w), num)| cell(c, *w, *num, false)).collect()).cant_split());
    }
    DocxTable::new(rows).set_grid(grid).width(text_w.round() as usize, WidthType::Dxa)
}

/// A chart as a picture at print resolution (300 dpi) the width of the text block, with
/// its title as the picture's description.
fn chart(fig: &crate::chart::Figure, layout: Layout) -> anyhow::Result<Paragraph> {
    let (w_mm, ratio): (f64, f64) = if layout == Layout::Gongwen { (156.0, 0.62) } else { (156.0, 0.56) };
    let px_w = (w_mm / 25.4 * 300.0).round() as u32;
    let px_h = (f64::from(px_w) * ratio).round() as u32;
    // Drawn on the PDF's 960-unit canvas, type enlarged as in print, then rasterized.
    let svg = crate::chart::svg::figure_svg_boosted(fig, 960, (960.0 * ratio).round() as u32, 1.8);
    let png = crate::chart::png::to_png(&svg, px_w, px_h)?;
    let pic = Pic::new_with_dimensions(png, px_w, px_h).size((w_mm as u32) * EMU_PER_MM, ((w_mm * ratio) as u32) * EMU_PER_MM);
    Ok(Paragraph::new().style(TABLE_TEXT).align(AlignmentType::Center).add_run(Run::new().add_image(pic)))
}

/// The document's bytes.
pub fn render(blocks: &[Block], layout: Layout, font_choice: &FontChoice, meta: &Meta<'_>) -> anyhow::Result<Vec<u8>> {
    let faces = Faces::new(font_choice);
    let mut docx = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(PageMargin::new().top(mm(37.0)).bottom(mm(35.0)).left(mm(28.0)).right(mm(26.0)).header(mm(15.0)).footer(mm(20.0)))
        .default_fonts(fonts(&faces.body))
        .default_size(if layout == Layout::Gongwen { SANHAO } else { XIAOSI })
        .footer(page_number_footer(true))
        .even_footer(page_number_footer(false));
    if layout == Layout::Gongwen {
        // 22 lines a page: the line grid Word and WPS keep while the director edits. (A
        // character grid of 28 a line, `linesAndChars` with a negative `charSpace`, is
        // what Word's 公文 templates use, but LibreOffice reads it as 17 wide characters
        // a line; without it 三号 sets 27 or 28 a line in the 156 mm block.)
        docx.document.section_property = docx.document.section_property.clone().doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(LINE as usize));
    }
    for s in styles(&faces, layout) {
        docx = docx.add_style(s);
    }
    let mut charts = Vec::new();
    for block in blocks {
        docx = match block {
            Block::Title(t) => {
                // The title's balanced lines, as the PDF breaks them.
                let lines = super::linebreak::title_lines(t, 156.0 / 25.4 * 72.0, &|s| ems(s) * 22.0);
                let mut run = Run::new();
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(line);
                }
                docx.add_paragraph(Paragraph::new().style(TITLE).add_run(run)).add_paragraph(Paragraph::new().style(BODY))
            }
            Block::Heading(t) => docx.add_paragraph(Paragraph::new().style(H1).keep_next(true).add_run(text_run(t))),
            Block::Subheading(t) => docx.add_paragraph(Paragraph::new().style(H2).keep_next(true).add_run(text_run(t))),
            Block::MinorHeading(t) => docx.add_paragraph(Paragraph::new().style(H3).keep_next(true).add_run(text_run(t))),
            Block::Paragraph(t) => docx.add_paragraph(Paragraph::new().style(BODY).add_run(text_run(t))),
            Block::Table(t) => {
                let mut d = docx.add_table(table(t));
                if let Some(note) = &t.note {
                    d = d.add_paragraph(Paragraph::new().style(NOTE).add_run(text_run(note)));
                }
                d
            }
            Block::Chart(f) => {
                charts.push(f.main.title.clone());
                docx.add_paragraph(chart(f, layout)?)
            }
            Block::Signature { issuer, date } => {
                // 成文日期 four characters in from the right; the 署名 centred over it.
                let date_ems = ems(date);
                let issuer_in = (4.0 + (date_ems - ems(issuer)) / 2.0).max(0.0);
                let mut d = docx.add_paragraph(Paragraph::new().style(SIGNATURE));
                if !issuer.is_empty() {
                    d = d.add_paragraph(Paragraph::new().style(SIGNATURE).indent(None, None, Some((issuer_in * 320.0).round() as i32), None).add_run(text_run(issuer)));
                }
                if !date.is_empty() {
                    d = d.add_paragraph(Paragraph::new().style(SIGNATURE).indent(None, None, Some(4 * 320), None).add_run(text_run(date)));
                }
                d
            }
            Block::Imprint { copy_to, printed_by, printed_on } => {
                // Between rules (GB/T 9704 7.4): a thick one above and below, a thin one
                // between 分送 and the 印发 line. Only those edges: no box.
                let ruled = |p: Paragraph, top: usize, bottom: Option<usize>| {
                    use docx_rs::{BorderType, ParagraphBorder, ParagraphBorderPosition as At, ParagraphBorders};
                    let edge = |at, size| ParagraphBorder::new(at).val(BorderType::Single).size(size).space(1);
                    let mut borders = ParagraphBorders::with_empty().set(edge(At::Top, top));
                    if let Some(b) = bottom {
                        borders = borders.set(edge(At::Bottom, b));
                    }
                    let mut p = p;
                    p.property = p.property.set_borders(borders);
                    p
                };
                let printed = !printed_by.is_empty() || !printed_on.is_empty();
                let mut d = docx.add_paragraph(Paragraph::new().style(IMPRINT));
                if !copy_to.is_empty() {
                    let names = format!("分送：{}。", copy_to.trim_end_matches('。'));
                    let p = Paragraph::new().style(IMPRINT).indent(Some(280), None, Some(280), None).add_run(text_run(&names));
                    d = d.add_paragraph(ruled(p, 8, (!printed).then_some(8)));
                }
                if printed {
                    let on = if printed_on.is_empty() { String::new() } else { format!("{printed_on}印发") };
                    let tab = docx_rs::Tab::new().val(docx_rs::TabValueType::Right).pos(mm(156.0) as usize - 280);
                    let p = Paragraph::new().style(IMPRINT).add_tab(tab).indent(Some(280), None, None, None).add_run(text_run(printed_by)).add_run(Run::new().add_tab().add_text(&on));
                    d = d.add_paragraph(ruled(p, if copy_to.is_empty() { 8 } else { 4 }, Some(8)));
                }
                d
            }
        };
    }
    let created = jiff::Timestamp::from_second(meta.created).unwrap_or(jiff::Timestamp::UNIX_EPOCH).strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut xml = docx.created_at(&created).updated_at(&created).build();
    xml.document = repeat_header_rows(&xml.document);
    xml.doc_props.core = core_properties(&xml.doc_props.core, meta.title, meta.author);
    xml.document = describe_pictures(&xml.document, &charts);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)?;
    Ok(out.into_inner())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Marks the first row of each table as a header row that Word repeats on every page.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest: &str = &xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        match table.find("<w:trPr>") {
            // Each row has its properties (cantSplit): the first row's get tblHeader.
            Some(pr) if table[..pr].matches("<w:tr").count() <= 2 => {
                let end = pr + "<w:trPr>".len();
                out.push_str(&table[..end]);
                out.push_str("<w:tblHeader />");
                rest = &table[end..];
            }
            _ => {
                out.push_str("<w:tbl>");
                rest = &table["<w:tbl>".len()..];
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The document's title and author (the issuing office) in its core properties.
fn core_properties(core: &[u8], title: &str, author: &str) -> Vec<u8> {
    let mut xml = String::from_utf8_lossy(core).into_owned();
    // docx-rs writes a creator of its own (`unknown`): the one here replaces it.
    for tag in ["dc:title", "dc:creator"] {
        if let (Some(a), Some(b)) = (xml.find(&format!("<{tag}>")), xml.find(&format!("</{tag}>"))) {
            xml.replace_range(a..b + tag.len() + 3, "");
        }
    }
    let extra = format!("<dc:title>{}</dc:title><dc:creator>{}</dc:creator>", escape(title), escape(author));
    match xml.rfind("</cp:coreProperties>") {
        Some(at) => format!("{}{extra}{}", &xml[..at], &xml[at..]).into_bytes(),
        None => core.to_vec(),
    }
}

/// Each chart picture described by its chart's title (the alt text Word reads out).
fn describe_pictures(document: &[u8], titles: &[String]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(xml.len());
    let mut rest: &str = &xml;
    let mut titles = titles.iter();
    while let Some(at) = rest.find("<wp:docPr ") {
        let end = at + "<wp:docPr ".len();
        out.push_str(&rest[..end]);
        if let Some(t) = titles.next() {
            out.push_str(&format!("descr=\"{}\" ", escape(t)));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

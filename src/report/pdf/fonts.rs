//! The fonts a report is set in: the clerk's files chosen in Settings, the faces found on
//! the machine (the title's heavy serif, the kai face), or the embedded ones; each loaded
//! once per file and face, with the advance widths the layout measures by.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use printpdf::{FontId, ParsedFont, PdfDocument};

/// Font files for the four roles of an official document. `None` uses the embedded
/// free font that stands in for it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FontChoice {
    /// 仿宋: body text.
    pub fangsong: Option<std::path::PathBuf>,
    /// 黑体: `一、` headings.
    pub heiti: Option<std::path::PathBuf>,
    /// 楷体: `（一）` headings.
    pub kaiti: Option<std::path::PathBuf>,
    /// 小标宋: the title.
    pub xiaobiaosong: Option<std::path::PathBuf>,
}

/// Checks that each chosen font file can be read and has Chinese glyphs, so a bad
/// choice is refused in settings rather than failing the next export.
pub fn check_fonts(choice: &FontChoice) -> anyhow::Result<()> {
    for path in [&choice.fangsong, &choice.heiti, &choice.kaiti, &choice.xiaobiaosong].into_iter().flatten() {
        let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.font_unreadable_file", &[&path.display(), &e])))?;
        let face = ttf_parser::Face::parse(&bytes, 0).map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.font_unusable", &[&path.display(), &e])))?;
        anyhow::ensure!(face.glyph_index('园').is_some(), crate::i18n::trf("error.font_no_cjk", &[&path.display()]));
    }
    Ok(())
}

/// One font: its bytes, the face's index in them, the PDF resource and a width cache.
pub(super) struct Face {
    bytes: Arc<Vec<u8>>,
    index: u32,
    pub(super) id: FontId,
    units_per_em: f64,
    widths: RefCell<HashMap<char, f64>>,
}

impl Face {
    fn load(doc: &mut PdfDocument, bytes: Arc<Vec<u8>>, index: u32) -> anyhow::Result<Self> {
        let face = ttf_parser::Face::parse(&bytes, index).map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.font_unreadable", &[&e])))?;
        let units_per_em = f64::from(face.units_per_em());
        let parsed = ParsedFont::from_bytes(&bytes, index as usize, &mut Vec::new()).ok_or_else(|| anyhow::anyhow!(crate::i18n::trf("error.font_unreadable", &[&""])))?;
        let id = doc.add_font(&parsed);
        Ok(Self { bytes, index, id, units_per_em, widths: RefCell::new(HashMap::new()) })
    }

    /// Advance of `text` at 1 pt.
    pub(super) fn width(&self, text: &str) -> f64 {
        let mut cache = self.widths.borrow_mut();
        let mut face = None;
        text.chars()
            .map(|c| {
                *cache.entry(c).or_insert_with(|| {
                    let f = face.get_or_insert_with(|| ttf_parser::Face::parse(&self.bytes, self.index).ok());
                    f.as_ref()
                        .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                        .map_or(1.0, |a| f64::from(a) / self.units_per_em)
                })
            })
            .sum()
    }
}

/// Where a role's font comes from: the file the clerk chose in Settings, a face found on
/// this machine (see `crate::fonts::title_face`), or the embedded one.
pub(super) enum Source<'a> {
    Chosen(&'a std::path::Path),
    Found(crate::fonts::FaceFile),
    Embedded(&'static [u8]),
}

/// Loads the font for a role, once per file and face: roles that share a font share one
/// embedded subset.
pub(super) fn load_role(doc: &mut PdfDocument, source: Source<'_>, cache: &mut HashMap<String, Rc<Face>>) -> anyhow::Result<Rc<Face>> {
    let key = match &source {
        Source::Chosen(p) => p.display().to_string(),
        Source::Found(f) => format!("{}#{}", f.path.display(), f.index),
        Source::Embedded(bytes) => format!("embedded:{:p}", bytes.as_ptr()),
    };
    if let Some(face) = cache.get(&key) {
        return Ok(face.clone());
    }
    let read = |p: &std::path::Path| std::fs::read(p).map_err(|e| anyhow::anyhow!(crate::i18n::trf("error.font_unreadable_file", &[&p.display(), &e])));
    let (bytes, index) = match &source {
        Source::Chosen(p) => (read(p)?, 0),
        Source::Found(f) => (read(&f.path)?, f.index),
        Source::Embedded(bytes) => (bytes.to_vec(), 0),
    };
    let face = Rc::new(Face::load(doc, Arc::new(bytes), index)?);
    cache.insert(key, face.clone());
    Ok(face)
}

/// The clerk's file, else a face found on this machine, else the embedded one.
pub(super) fn source<'a>(chosen: &'a Option<std::path::PathBuf>, found: Option<crate::fonts::FaceFile>, embedded: &'static [u8]) -> Source<'a> {
    match (chosen, found) {
        (Some(p), _) => Source::Chosen(p),
        (None, Some(f)) => Source::Found(f),
        (None, None) => Source::Embedded(embedded),
    }
}

pub(super) struct Fonts {
    pub(super) body: Rc<Face>,
    pub(super) heading: Rc<Face>,
    pub(super) kai: Rc<Face>,
    pub(super) title: Rc<Face>,
}


//! SVG → PNG through resvg, with the embedded CJK font as the only font, so exported
//! images look the same on every machine and never miss a glyph.

use std::sync::{Arc, OnceLock};

use anyhow::Context;

use crate::fonts::{CJK_FAMILY, CJK_FONT};

fn options() -> resvg::usvg::Options<'static> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    let db = FONTS.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_source(resvg::usvg::fontdb::Source::Binary(Arc::new(CJK_FONT)));
        db.set_sans_serif_family(CJK_FAMILY);
        Arc::new(db)
    });
    let mut opt = resvg::usvg::Options { font_family: CJK_FAMILY.to_owned(), ..resvg::usvg::Options::default() };
    opt.fontdb = db.clone();
    opt
}

/// Renders an SVG document into RGBA pixels (premultiplied) of the given size.
pub fn rasterize(svg: &str, width: u32, height: u32) -> anyhow::Result<resvg::tiny_skia::Pixmap> {
    let tree = resvg::usvg::Tree::from_str(svg, &options()).context(crate::i18n::tr("error.svg_bug"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).context(crate::i18n::tr("cli.bad_size"))?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(width as f32 / size.width(), height as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Renders an SVG document to PNG bytes.
pub fn to_png(svg: &str, width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    rasterize(svg, width, height)?.encode_png().context(crate::i18n::tr("error.svg_bug"))
}

/// Straight (not premultiplied) RGBA, as a clipboard image wants it.
pub fn to_rgba(svg: &str, width: u32, height: u32) -> anyhow::Result<Vec<u8>> {
    let pixmap = rasterize(svg, width, height)?;
    Ok(pixmap.pixels().iter().flat_map(|p| {
        let c = p.demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }).collect())
}

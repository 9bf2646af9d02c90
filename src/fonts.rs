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

/// A face in a font file found on this machine: the file and the face's index in it (a
/// .ttc collection holds the Japanese, Korean and Chinese faces together).
#[derive(Clone, Debug, PartialEq)]
pub struct FaceFile {
    pub path: std::path::PathBuf,
    pub index: u32,
}

/// Where report fonts are looked for, in order: beside the program (the Windows installer
/// puts them there), the program's share folder (`/usr/share/parkledger/fonts`), the
/// system's font folders (Debian's fonts-noto-cjk, fonts-noto-cjk-extra and
/// fonts-lxgw-wenkai, which the .deb depends on and `scripts/test.sh` installs), and this
/// source tree's `fonts/extra` for a developer's build.
fn font_dirs() -> Vec<std::path::PathBuf> {
    let mut dirs = Vec::new();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(std::path::Path::to_path_buf)) {
        dirs.push(exe_dir.join("fonts"));
        dirs.push(exe_dir.join("../share/parkledger/fonts"));
    }
    for d in [
        "/usr/share/parkledger/fonts",
        "/usr/share/fonts/opentype/noto",
        "/usr/share/fonts/truetype/lxgw-wenkai",
        "/usr/share/fonts/truetype/lxgw",
        "/usr/local/share/fonts",
    ] {
        dirs.push(d.into());
    }
    if let Some(home) = directories::BaseDirs::new() {
        dirs.push(home.data_local_dir().join("fonts"));
    }
    dirs.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/extra"));
    dirs
}

/// The first of `files` found in the font folders, with the face whose family name has
/// `family` in it (the Simplified Chinese one of a collection).
fn find_face(files: &[&str], family: &str) -> Option<FaceFile> {
    for dir in font_dirs() {
        for file in files {
            let path = dir.join(file);
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let count = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
            let index = (0..count).find(|&i| {
                ttf_parser::Face::parse(&bytes, i).is_ok_and(|f| {
                    f.names().into_iter().filter(|n| n.name_id == ttf_parser::name_id::FULL_NAME || n.name_id == ttf_parser::name_id::FAMILY).filter_map(|n| n.to_string()).any(|n| n.contains(family))
                })
            });
            if let Some(index) = index {
                return Some(FaceFile { path, index });
            }
        }
    }
    None
}

/// A heavy serif standing in for 小标宋 in report titles: Noto Serif CJK SC Black
/// (fonts-noto-cjk-extra) or Bold (fonts-noto-cjk), SIL OFL. Looked for once.
pub fn title_face() -> Option<FaceFile> {
    static FOUND: std::sync::OnceLock<Option<FaceFile>> = std::sync::OnceLock::new();
    FOUND.get_or_init(|| find_face(&["NotoSerifCJK-Black.ttc", "NotoSerifCJKsc-Black.otf", "NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"], "Noto Serif CJK SC")).clone()
}

/// A kai face standing in for 楷体 in （一） headings: LXGW WenKai (fonts-lxgw-wenkai),
/// SIL OFL. Looked for once.
pub fn kai_face() -> Option<FaceFile> {
    static FOUND: std::sync::OnceLock<Option<FaceFile>> = std::sync::OnceLock::new();
    FOUND.get_or_init(|| find_face(&["LXGWWenKai-Regular.ttf"], "LXGW WenKai")).clone()
}

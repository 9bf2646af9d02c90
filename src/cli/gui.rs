//! No subcommand: the window, on the default database or `--db PATH`. A database that
//! cannot be opened is explained in a small window of its own (started from a desktop
//! icon there is no terminal to read), which offers the newest backup.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::i18n::{tr, trf};
use crate::ui::window::ParkLedgerApp;

pub(super) fn run(db: Option<PathBuf>, quit_after_frames: Option<u64>, started: Instant) -> anyhow::Result<()> {
    let path = match db {
        Some(p) => p,
        None => super::default_db_path()?,
    };
    let store = match super::open_or_create(&path) {
        Ok(store) => store,
        // A file that cannot be written (read-only media, a colleague's locked file) is
        // opened for reading; the top bar says so and every edit is refused.
        Err(_) if path.exists() && let Ok(store) = crate::store::Store::open_read_only(&path) => store,
        Err(e) if quit_after_frames.is_none() => {
            // Started from a desktop icon there is no terminal to read: say it in a window.
            eprintln!("parkledger: {e:#}");
            return show_startup_error(&format!("{e:#}"), Some(&path));
        }
        Err(e) => return Err(e),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ParkLedger 园区台账")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([900.0, 600.0])
            .with_app_id("parkledger")
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "ParkLedger",
        options,
        Box::new(move |cc| {
            let mut app = ParkLedgerApp::from_creation_context(cc, store, path);
            app.quit_after_frames = quit_after_frames.map(|n| (n, started));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!(trf("cli.no_window", &[&e])))
}

/// The window's icon (the taskbar's and the title bar's), from the 64 px rendering of
/// `assets/icon/parkledger.svg`. `with_app_id` matches the .deb's `parkledger.desktop`.
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../assets/icon/parkledger-64.png");
    match resvg::tiny_skia::Pixmap::decode_png(PNG) {
        Ok(pixmap) => egui::IconData {
            rgba: pixmap.pixels().iter().flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            }).collect(),
            width: pixmap.width(),
            height: pixmap.height(),
        },
        Err(_) => egui::IconData::default(),
    }
}

/// A small window with the reason ParkLedger could not start, instead of vanishing.
fn show_startup_error(message: &str, db: Option<&Path>) -> anyhow::Result<()> {
    let message = message.to_owned();
    let db = db.map(Path::to_path_buf);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ParkLedger 园区台账")
            .with_inner_size([720.0, 340.0])
            .with_app_id("parkledger")
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "ParkLedger-error",
        options,
        Box::new(move |cc| {
            crate::fonts::install(&cc.egui_ctx);
            let prefs: crate::ui::window::ViewPrefs =
                cc.storage.and_then(|s| eframe::get_value(s, crate::ui::window::PREFS_KEY)).unwrap_or_default();
            let dir = prefs.app.backup_dir.or_else(|| db.as_deref().map(crate::store::backup::default_dir)).unwrap_or_default();
            Ok(Box::new(crate::ui::startup::StartupError::new(message, db, dir)))
        }),
    )
    .map_err(|e| anyhow::anyhow!(trf("cli.no_window", &[&e])))?;
    anyhow::bail!(tr("cli.db_not_opened"))
}


#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_the_drawing_not_a_blank() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        // Above the first bar is the page: opaque and light. A failed decode gives no pixels.
        let centre = ((30 * 64 + 24) * 4) as usize;
        assert_eq!(icon.rgba[centre + 3], 255);
        assert!(icon.rgba[centre] > 200, "{:?}", &icon.rgba[centre..centre + 4]);
    }
}

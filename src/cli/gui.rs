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
            .with_min_inner_size([900.0, 600.0]),
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

/// A small window with the reason ParkLedger could not start, instead of vanishing.
fn show_startup_error(message: &str, db: Option<&Path>) -> anyhow::Result<()> {
    let message = message.to_owned();
    let db = db.map(Path::to_path_buf);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("ParkLedger 园区台账").with_inner_size([720.0, 340.0]),
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


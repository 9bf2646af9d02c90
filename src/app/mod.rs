//! The eframe application: owns the store, the cached data the pages read, and the
//! per-page UI state. Pages draw from the cache and push [`Action`]s; after drawing,
//! the app applies the actions (each one transaction), reloads what changed and
//! reports the outcome in the status line. No page ever touches SQLite.

mod actions;
mod cache;
mod cells;
mod jobs;
mod project_draft;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use actions::{Action, HistoryScope, export_report_in_child};
pub use cells::{CellField, CellKey};
pub use project_draft::ProjectDraft;
pub use cache::{Cache, JobView};

use crate::i18n::{self, Lang};
use crate::store::Store;
use crate::ui;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page {
    Parks,
    #[default]
    Indicators,
    Ledger,
    Charts,
    Report,
    Import,
    History,
    Settings,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

/// Preferences kept between runs (eframe storage). Runtime state lives elsewhere.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub theme: ThemePref,
    pub page: Page,
    pub park: Option<String>,
    /// Where snapshots go; `None` is `backups` next to the database.
    pub backup_dir: Option<PathBuf>,
}

pub const PREFS_KEY: &str = "parkledger_prefs";

/// The last thing that happened, for the status line.
#[derive(Clone, Debug, Default)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct ParkLedgerApp {
    store: Store,
    pub db_path: PathBuf,
    pub prefs: Prefs,
    pub cache: Cache,
    pub pages: ui::PageStates,
    pub status: Status,
    /// `--quit-after-frames`: frames left to draw, and when the process started.
    pub quit_after_frames: Option<(u64, std::time::Instant)>,
    frames: u64,
    /// The import being read or written on a background thread.
    job: Option<jobs::Job>,
    /// The automatic snapshot under way, and when the last one started.
    backup: Option<std::sync::mpsc::Receiver<Result<PathBuf, String>>>,
    last_backup: Option<std::time::Instant>,
}

impl ParkLedgerApp {
    pub fn new(store: Store, db_path: PathBuf, prefs: Prefs) -> Self {
        i18n::set_lang(prefs.lang);
        let mut app = Self {
            store,
            db_path,
            prefs,
            cache: Cache::default(),
            pages: ui::PageStates::default(),
            status: Status::default(),
            quit_after_frames: None,
            frames: 0,
            job: None,
            backup: None,
            last_backup: None,
        };
        app.reload_all();
        app.status = Status { text: i18n::trf("status.opened", &[&app.db_path.display()]), is_error: false };
        app
    }

    /// Creates the app for eframe: installs fonts and theme, restores preferences.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, store: Store, db_path: PathBuf) -> Self {
        ui::fonts::install(&cc.egui_ctx);
        let prefs = cc
            .storage
            .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
            .unwrap_or_default();
        ui::theme::apply(&cc.egui_ctx, prefs.theme);
        let mut app = Self::new(store, db_path, prefs);
        app.start_backup();
        app
    }

    /// Where snapshots go.
    pub fn backup_dir(&self) -> PathBuf {
        self.prefs.backup_dir.clone().unwrap_or_else(|| crate::store::backup::default_dir(&self.db_path))
    }

    /// Takes a snapshot on a background thread (on opening, then once a day).
    fn start_backup(&mut self) {
        if self.backup.is_some() {
            return;
        }
        let (db, dir) = (self.db_path.clone(), self.backup_dir());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(crate::store::backup::snapshot(&db, &dir, None).map_err(|e| format!("{e:#}")));
        });
        self.backup = Some(rx);
        self.last_backup = Some(std::time::Instant::now());
    }

    /// Reports a failed automatic snapshot; starts the daily one when it is due.
    fn poll_backup(&mut self) {
        const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);
        if let Some(rx) = &self.backup {
            match rx.try_recv() {
                Ok(Ok(_)) => {
                    self.backup = None;
                    self.cache.backups = None;
                }
                Ok(Err(e)) => {
                    self.backup = None;
                    self.status = Status { text: i18n::trf("backup.failed", &[&e]), is_error: true };
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.backup = None,
            }
        } else if self.last_backup.is_some_and(|t| t.elapsed() > DAY) {
            self.start_backup();
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Reloads everything from the store: on start and after opening another database.
    pub fn reload_all(&mut self) {
        let result = self.cache.reload_all(&self.store, self.prefs.park.as_deref());
        if let Err(e) = result {
            self.status = Status { text: format!("{e:#}"), is_error: true };
        }
        self.cache.reload_history(&self.store);
    }

    /// Draws one frame and applies what the user did in it.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        self.poll_job(ui.ctx());
        self.poll_backup();
        let mut actions = Vec::new();
        ui::app_ui(ui, &self.cache, &mut self.pages, &mut self.prefs, &self.status, &self.db_path, &mut actions);
        if !actions.is_empty() {
            // Show the result of what was just applied in the next frame.
            ui.ctx().request_repaint();
        }
        for action in actions {
            self.apply(ui.ctx(), action);
        }
    }
}

impl ParkLedgerApp {
    /// Whether a background job is under way (tests wait on this).
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Takes a finished job's outcome into the cache, or shows how far it has got.
    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            self.cache.job = None;
            return;
        };
        match job.poll() {
            None => {
                let elapsed = job.started.elapsed();
                self.cache.job = Some(cache::JobView { label: job.label, fraction: job.progress.fraction(), elapsed });
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            Some(outcome) => {
                self.job = None;
                self.cache.job = None;
                let result = self.finish_job(outcome);
                self.report(result);
                self.cache.reload_history(&self.store);
                ctx.request_repaint();
            }
        }
    }
}

impl eframe::App for ParkLedgerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        self.frames += 1;
        if let Some((n, started)) = self.quit_after_frames {
            if self.frames == 1 {
                println!("first frame after {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
            }
            if self.frames >= n {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

//! The eframe application: the [`App`] and the pages' state, joined one frame at a time.
//! Each frame the pages draw from the app and push actions; then the app applies them,
//! and the events they raise go back to the pages. This is the only place that holds
//! both, so `app` never needs to know the pages exist.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::theme::ThemePref;
use super::PageStates;
use crate::app::{Actions, App, Page, Prefs};
use crate::store::Store;

/// Everything kept between runs: the app's preferences and the window's own.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    #[serde(flatten)]
    pub app: Prefs,
    pub page: Page,
    pub theme: ThemePref,
    /// The Report page's year and span as the clerk last chose them (an import of a later
    /// year or a restart does not move the page to the latest year).
    pub report_year: Option<i32>,
    pub report_span: Option<(u8, u8)>,
}

pub const PREFS_KEY: &str = "parkledger_prefs";

pub struct ParkLedgerApp {
    pub app: App,
    pub pages: PageStates,
    pub view: ViewPrefs,
    /// `--quit-after-frames`: frames left to draw, and when the process started.
    pub quit_after_frames: Option<(u64, Instant)>,
    frames: u64,
}

impl ParkLedgerApp {
    pub fn new(store: Store, db_path: PathBuf, view: ViewPrefs) -> Self {
        let app = App::new(store, db_path, view.app.clone());
        let mut pages = PageStates::default();
        pages.report.year = view.report_year;
        pages.report.span = view.report_span;
        Self { app, pages, view, quit_after_frames: None, frames: 0 }
    }

    /// Creates the app for eframe: installs fonts and theme, restores preferences, and
    /// takes the snapshot made on opening.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, store: Store, db_path: PathBuf) -> Self {
        crate::fonts::install(&cc.egui_ctx);
        let view = cc.storage.and_then(|s| eframe::get_value::<ViewPrefs>(s, PREFS_KEY)).unwrap_or_default();
        super::theme::apply(&cc.egui_ctx, view.theme);
        let mut window = Self::new(store, db_path, view);
        window.app.start_automatic_backup();
        window
    }

    /// Whether a background job is under way (tests wait on this).
    pub fn busy(&self) -> bool {
        self.app.busy()
    }

    /// Draws one frame and applies what the user did in it.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.app.poll() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        self.deliver_events(&ctx);
        let mut actions = Actions::default();
        super::app_ui(ui, &self.app, &mut self.pages, &mut self.view, &mut actions);
        if !actions.is_empty() {
            // Show the result of what was just applied in the next frame.
            ctx.request_repaint();
        }
        for action in actions.take() {
            self.app.apply(action);
        }
        self.deliver_events(&ctx);
    }

    fn deliver_events(&mut self, ctx: &egui::Context) {
        for event in self.app.take_events() {
            if let Some(text) = self.pages.on_event(event, &self.app, ctx, &mut self.view) {
                self.app.status = crate::app::Status { text, is_error: false };
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
        // The app keeps its own preferences (park, language, backups folder); the window
        // persists them with its own.
        self.view.app = self.app.prefs.clone();
        self.view.report_year = self.pages.report.year;
        self.view.report_span = self.pages.report.span;
        eframe::set_value(storage, PREFS_KEY, &self.view);
    }
}

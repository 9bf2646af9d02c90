//! The window shown instead of the app when the database cannot be opened: what went
//! wrong in plain words, and, when a usable backup exists, recovery from the newest one
//! (on a thread: copying a large database takes a while).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::theme;
use crate::i18n::{tr, trf};
use crate::store::backup::BackupInfo;

/// Shown instead of the app when the database cannot be opened. When a backup exists it
/// offers the newest: the damaged file is moved aside (never deleted) and the backup
/// copied in its place.
pub struct StartupError {
    pub message: String,
    pub db_path: Option<PathBuf>,
    pub backup_dir: PathBuf,
    pub backup: Option<BackupInfo>,
    /// What the recovery did, or why it failed.
    pub outcome: Option<Result<String, String>>,
    /// The recovery under way.
    recovering: Option<Receiver<Result<String, String>>>,
}

impl StartupError {
    pub fn new(message: String, db_path: Option<PathBuf>, backup_dir: PathBuf) -> Self {
        let backup = db_path.as_deref().and_then(|db| crate::store::backup::newest_usable(&backup_dir, db));
        Self { message, db_path, backup_dir, backup, outcome: None, recovering: None }
    }

    /// Copies the backup in on a thread, so the window keeps drawing meanwhile.
    fn recover(&mut self, db: PathBuf, backup: BackupInfo) {
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("recover".to_owned()).spawn(move || {
            let result = crate::store::backup::recover(&db, &backup.path)
                .map(|aside| trf("startup.recovered", &[&backup.taken, &aside.display()]))
                .map_err(|e| format!("{e:#}"));
            let _ = tx.send(result);
        });
        match spawned {
            Ok(_) => self.recovering = Some(rx),
            Err(e) => self.outcome = Some(Err(e.to_string())),
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.recovering else { return };
        match rx.try_recv() {
            Ok(outcome) => {
                self.outcome = Some(outcome);
                self.recovering = None;
            }
            Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            Err(TryRecvError::Disconnected) => {
                self.outcome = Some(Err(tr("error.job_stopped").to_owned()));
                self.recovering = None;
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.poll(ui.ctx());
        ui.heading(tr("startup.error_title"));
        ui.add_space(theme::GAP);
        ui.label(egui::RichText::new(&self.message).color(theme::error(ui)));
        ui.add_space(theme::GAP);
        ui.label(tr("startup.error_hint"));
        ui.add_space(theme::GAP);
        match (&self.outcome, &self.backup, &self.db_path) {
            (Some(Ok(done)), _, Some(db)) => {
                ui.label(egui::RichText::new(done).color(theme::ok(ui)));
                if ui.button(tr("startup.reopen")).clicked() {
                    if let Ok(exe) = std::env::current_exe() {
                        let _ = std::process::Command::new(exe).arg("--db").arg(db).spawn();
                    }
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            (outcome, Some(b), Some(db)) => {
                if let Some(Err(e)) = outcome {
                    ui.label(egui::RichText::new(e).color(theme::error(ui)));
                }
                let counts = b.counts.map(|[p, _, v, j]| trf("backup.counts", &[&p, &v, &j])).unwrap_or_default();
                if self.recovering.is_some() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(tr("startup.recovering"));
                    });
                } else if ui.button(trf("startup.recover", &[&b.taken, &counts])).clicked() {
                    self.recover(db.clone(), b.clone());
                }
            }
            _ => {
                ui.label(trf("startup.no_backup", &[&self.backup_dir.display()]));
            }
        }
        ui.add_space(theme::GAP);
        if ui.button(tr("action.close")).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for StartupError {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| StartupError::ui(self, ui));
    }
}

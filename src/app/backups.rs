//! Snapshots of the database: one on opening and then daily, one when the clerk asks,
//! the list Settings shows (each snapshot opened to count what it holds), a folder of the
//! clerk's choosing, and restoring one after snapshotting the current state. All of it
//! opens databases and copies files, so all of it runs on background jobs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::jobs::{Job, JobArea, Outcome as JobOutcome};
use super::{App, Lazy, Outcome};
use crate::i18n::{tr, trf};
use crate::store::Store;
use crate::store::backup::{self, BackupInfo};

#[derive(Clone, Debug)]
pub enum BackupAction {
    /// Take a snapshot now.
    Now,
    /// List the snapshots (Settings).
    Load,
    /// Use another backups folder (`None`: the default beside the database).
    SetDir(Option<PathBuf>),
    /// Replace the data with a snapshot (after snapshotting the current state).
    Restore(PathBuf),
}

/// The snapshots in the folder, and the database's own counts beside them.
pub type BackupList = (Vec<BackupInfo>, [i64; 4]);

#[derive(Default)]
pub struct BackupState {
    /// Loaded when Settings shows it; cleared when a snapshot is taken or the folder changes.
    pub list: Lazy<PathBuf, BackupList>,
    /// When the last automatic snapshot started.
    last_automatic: Option<Instant>,
}

const DAY: Duration = Duration::from_secs(24 * 3600);

impl App {
    /// Where snapshots go.
    pub fn backup_dir(&self) -> PathBuf {
        self.prefs.backup_dir.clone().unwrap_or_else(|| backup::default_dir(&self.db_path))
    }

    /// Takes a snapshot on a background job (on opening, then once a day).
    pub fn start_automatic_backup(&mut self) {
        // A file opened read-only does not change (and its folder is often not writable).
        if self.store.is_read_only() {
            return;
        }
        self.backups.last_automatic = Some(Instant::now());
        self.jobs.start(snapshot_job(self.db_path.clone(), self.backup_dir(), true));
    }

    pub(super) fn backup_if_due(&mut self) {
        if self.backups.last_automatic.is_some_and(|t| t.elapsed() > DAY) && !self.jobs.running(JobArea::Backups) {
            self.start_automatic_backup();
        }
    }

    pub(super) fn apply_backups(&mut self, action: BackupAction) -> Outcome {
        // Listing only reads, so it may run beside a snapshot; the rest waits its turn.
        if self.jobs.running(JobArea::Backups) && !matches!(action, BackupAction::Load) {
            return Ok(Some(tr("status.busy").to_owned()));
        }
        match action {
            BackupAction::Now => {
                self.jobs.start(snapshot_job(self.db_path.clone(), self.backup_dir(), false));
                Ok(None)
            }
            BackupAction::Load => {
                let (db, dir) = (self.db_path.clone(), self.backup_dir());
                self.backups.list.start(dir.clone());
                self.jobs.start(Job::spawn(JobArea::Backups, "backup.listing", move |_| {
                    // Only counting: opened read-only, so a file on read-only media lists too.
                    let counts = Store::open_read_only(&db).and_then(|s| s.counts()).map_err(anyhow::Error::from);
                    JobOutcome::Backups(counts.map(|c| (backup::list(&dir, &db), c)))
                }));
                Ok(None)
            }
            BackupAction::SetDir(dir) => {
                if let Some(d) = &dir {
                    std::fs::create_dir_all(d).map_err(|e| anyhow::anyhow!(trf("backup.bad_folder", &[&d.display(), &e])))?;
                }
                self.prefs.backup_dir = dir;
                self.backups.list.clear();
                Ok(Some(trf("backup.folder_set", &[&self.backup_dir().display()])))
            }
            BackupAction::Restore(path) => {
                let (db, dir) = (self.db_path.clone(), self.backup_dir());
                self.jobs.start(Job::spawn(JobArea::Backups, "backup.restoring", move |_| {
                    let result = Store::open(&db).map_err(anyhow::Error::from).and_then(|mut store| Ok(store.restore_from(&db, &path, &dir)?));
                    JobOutcome::Restored(path, result)
                }));
                Ok(None)
            }
        }
    }

    pub(super) fn finish_backups(&mut self, outcome: JobOutcome) -> Outcome {
        match outcome {
            JobOutcome::BackedUp { automatic, result } => {
                self.backups.list.clear();
                let path = match result {
                    Ok(path) => path,
                    // The copy failed SQLite's check, so the file itself is damaged: no
                    // more writes into it; the clerk is told to restore a good backup.
                    Err(e) if matches!(e.downcast_ref::<crate::store::StoreError>(), Some(crate::store::StoreError::Damaged(_))) => {
                        self.store.stop_writing()?;
                        return Err(e);
                    }
                    Err(e) if automatic => anyhow::bail!(trf("backup.failed", &[&format!("{e:#}")])),
                    Err(e) => return Err(e),
                };
                Ok((!automatic).then(|| trf("backup.done", &[&path.display()])))
            }
            JobOutcome::Backups(list) => {
                self.backups.list.set(self.backup_dir(), list)?;
                Ok(None)
            }
            JobOutcome::Restored(path, result) => {
                self.backups.list.clear();
                let saved = result?;
                self.data_replaced()?;
                Ok(Some(trf("backup.restored", &[&path.display(), &saved.display()])))
            }
            _ => Ok(None),
        }
    }
}

fn snapshot_job(db: PathBuf, dir: PathBuf, automatic: bool) -> Job {
    Job::spawn(JobArea::Backups, "backup.running", move |_| JobOutcome::BackedUp {
        automatic,
        result: backup::snapshot(&db, &dir, None).map_err(Into::into),
    })
}

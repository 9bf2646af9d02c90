//! Work that can take more than a moment runs on a background thread with its own
//! connection to the database, so the window keeps drawing: reading and writing an
//! import, writing a report PDF, taking, listing and restoring backups, reading an old
//! summary. Pages show a progress bar or a busy line from the job's view; the outcome
//! comes back over a channel and is applied on the UI thread by the area that started it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::import::{ImportPlan, Progress};
use crate::store::backup::BackupInfo;

/// The area a job belongs to, so that each page shows only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobArea {
    Import,
    Report,
    Backups,
}

/// What a finished job hands back.
pub enum Outcome {
    Planned(anyhow::Result<ImportPlan>),
    /// The plan, kept so a failed commit can be retried, and how many rows were written.
    Committed(ImportPlan, anyhow::Result<usize>),
    /// An old summary's text, read from a .txt or .docx.
    Summary(anyhow::Result<String>),
    /// A report PDF written to this path.
    Exported(PathBuf, anyhow::Result<()>),
    /// A snapshot taken (on opening and daily when `automatic`, else by the clerk).
    BackedUp { automatic: bool, result: anyhow::Result<PathBuf> },
    /// The snapshots in the backups folder, and the database's counts beside them.
    Backups(anyhow::Result<(Vec<BackupInfo>, [i64; 4])>),
    /// The data replaced by a snapshot; the snapshot taken first.
    Restored(PathBuf, anyhow::Result<PathBuf>),
    /// The thread ended without an answer.
    Stopped,
}

/// A job under way.
pub struct Job {
    pub area: JobArea,
    /// Catalogue key of what the progress line says: 正在读取… / 正在写入….
    pub label: &'static str,
    pub progress: Arc<Progress>,
    pub started: Instant,
    rx: Receiver<Outcome>,
}

/// A background job as a page shows it.
#[derive(Clone, Debug)]
pub struct JobView {
    /// Catalogue key of what it is doing.
    pub label: &'static str,
    /// Done so far, or `None` while that is unknown.
    pub fraction: Option<f32>,
    pub elapsed: Duration,
}

impl Job {
    pub fn spawn(area: JobArea, label: &'static str, work: impl FnOnce(&Progress) -> Outcome + Send + 'static) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        // If no thread can be started, `tx` is dropped with the closure and `poll` reports
        // the job as stopped: an error in the status line, nothing written.
        // The job speaks the window's language (skip reasons, errors it words).
        let lang = crate::i18n::lang();
        let _ = std::thread::Builder::new().name(label.to_owned()).spawn(move || {
            crate::i18n::set_lang(lang);
            // The receiver is gone only when the window closed; nothing to report then.
            let _ = tx.send(work(&shared));
        });
        Self { area, label, progress, started: Instant::now(), rx }
    }

    /// The outcome, once the thread is done.
    fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Outcome::Stopped),
        }
    }

    fn view(&self) -> JobView {
        JobView { label: self.label, fraction: self.progress.fraction(), elapsed: self.started.elapsed() }
    }
}

/// The jobs under way, oldest first.
#[derive(Default)]
pub struct Jobs {
    list: Vec<Job>,
}

impl Jobs {
    pub fn start(&mut self, job: Job) {
        self.list.push(job);
    }

    /// Whether any job is under way (tests wait on this).
    pub fn busy(&self) -> bool {
        !self.list.is_empty()
    }

    /// The oldest job of an area, as its page shows it.
    pub fn view(&self, area: JobArea) -> Option<JobView> {
        self.list.iter().find(|j| j.area == area).map(Job::view)
    }

    pub fn running(&self, area: JobArea) -> bool {
        self.list.iter().any(|j| j.area == area)
    }

    /// Takes the finished jobs' outcomes, in the order the jobs were started.
    pub fn finished(&mut self) -> Vec<(JobArea, Outcome)> {
        let mut done = Vec::new();
        self.list.retain(|job| match job.poll() {
            Some(outcome) => {
                done.push((job.area, outcome));
                false
            }
            None => true,
        });
        done
    }
}

//! Work that can take more than a moment (reading a large workbook, writing a large
//! import) runs on a background thread with its own connection to the database, so the
//! window keeps drawing. The page shows a progress bar from shared counters; the result
//! comes back over a channel and is applied on the UI thread like any action.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::import::{ImportPlan, Progress};
use crate::store::Store;

/// What a finished job hands back.
pub enum Outcome {
    Planned(anyhow::Result<ImportPlan>),
    /// The plan, kept so a failed commit can be retried, and how many rows were written.
    Committed(ImportPlan, anyhow::Result<usize>),
}

/// A job under way.
pub struct Job {
    /// What the progress bar says: 正在读取… / 正在写入….
    pub label: &'static str,
    pub progress: Arc<Progress>,
    pub started: Instant,
    rx: Receiver<Outcome>,
}

impl Job {
    fn spawn(label: &'static str, work: impl FnOnce(&Progress) -> Outcome + Send + 'static) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        // If no thread can be started, `tx` is dropped with the closure and `poll` reports
        // the job as stopped: an error in the status line, nothing written.
        let _ = std::thread::Builder::new().name(label.to_owned()).spawn(move || {
            // The receiver is gone only when the window closed; nothing to report then.
            let _ = tx.send(work(&shared));
        });
        Self { label, progress, started: Instant::now(), rx }
    }

    /// Reads a spreadsheet and plans its import; writes nothing.
    pub fn plan(db: PathBuf, path: PathBuf, park: Option<String>) -> Self {
        Self::spawn("import.reading", move |progress| {
            Outcome::Planned(Store::open(&db).map_err(anyhow::Error::from).and_then(|store| {
                crate::import::plan_file_tracked(&store, &path, park.as_deref(), progress)
            }))
        })
    }

    /// Writes a confirmed plan in one transaction.
    pub fn commit(db: PathBuf, plan: ImportPlan, park_id: Option<i64>) -> Self {
        Self::spawn("import.writing", move |progress| {
            progress.set_total(plan.writes());
            let result = Store::open(&db).map_err(anyhow::Error::from).and_then(|mut store| plan.commit_recorded(&mut store, park_id));
            progress.advance(plan.writes());
            Outcome::Committed(plan, result)
        })
    }

    /// The outcome, once the thread is done.
    pub fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Outcome::Planned(Err(anyhow::anyhow!("后台任务意外中止 (the background job stopped)"))))
            }
        }
    }
}

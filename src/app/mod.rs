//! The application without its window: the store, the data the pages read, each area's
//! state, and the actions that change them. The pages (`crate::ui`) read an [`App`] and
//! push [`Action`]s; this module never draws and never imports `ui`, so what an action
//! does can be tested without a window, and a page cannot write data behind the store's
//! back.
//!
//! One file per area: `parks`, `grid` (the indicator cells), `ledger`, `charts`,
//! `report`, `import`, `county`, `history`, `backups` and `settings`. Each declares its actions,
//! owns its slice of state (what its page shows: a cell's error, a question to confirm,
//! a loaded report) and applies its actions; [`App::try_apply`] only dispatches. What a
//! page must do in answer (select the project just saved, drop stale drafts) comes back
//! to the window as [`Event`]s. Slow work runs on [`jobs`].

pub mod backups;
mod cache;
pub mod charts;
pub mod county;
pub mod grid;
pub mod history;
pub mod import;
mod jobs;
mod lazy;
pub mod ledger;
pub mod parks;
mod project_draft;
pub mod report;
pub mod settings;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use cache::Cache;
pub use grid::{CellField, CellKey};
pub use history::HistoryScope;
pub use jobs::{JobArea, JobView};
pub use lazy::Lazy;
pub use project_draft::ProjectDraft;

use crate::chart::Figure;
use crate::domain::Period;
use crate::i18n::{self, Lang};
use crate::store::Store;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page {
    Parks,
    #[default]
    Indicators,
    Ledger,
    Charts,
    Report,
    Import,
    /// 上报与汇总: the park's package for the county, and the county's totals.
    County,
    History,
    Settings,
}

/// The app's preferences kept between runs (the window adds its own: the page, the theme).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub park: Option<String>,
    /// Where snapshots go; `None` is `backups` next to the database.
    pub backup_dir: Option<PathBuf>,
}

/// The last thing that happened, for the status line.
#[derive(Clone, Debug, Default)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Declares [`Action`], one variant per area, and the `From` that lets a page push an
/// area's action directly (`actions.push(GridAction::SetCell(…))`).
macro_rules! area_actions {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// What the user asked for in a frame, by area.
        #[must_use]
        #[derive(Clone, Debug)]
        pub enum Action {
            $($variant($ty)),+
        }

        $(impl From<$ty> for Action {
            fn from(a: $ty) -> Self {
                Action::$variant(a)
            }
        })+
    };
}

area_actions! {
    Parks(parks::ParksAction),
    Grid(grid::GridAction),
    Ledger(ledger::LedgerAction),
    Charts(charts::ChartsAction),
    Report(report::ReportAction),
    Import(import::ImportAction),
    County(county::CountyAction),
    History(history::HistoryAction),
    Backups(backups::BackupAction),
    Settings(settings::SettingsAction),
}

/// The actions pushed while drawing one frame.
#[derive(Default, Debug)]
pub struct Actions(Vec<Action>);

impl Actions {
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }
}

/// What the window's pages must do after an action, since the app cannot reach them.
#[derive(Debug)]
pub enum Event {
    /// Another park was selected: the old park's selections and drafts are stale.
    ParkChanged,
    /// The data changed under the pages (undo, redo, a restore, another database).
    DataReplaced,
    /// Select this project in the ledger (a new one just saved), or none (deleted).
    SelectProject(Option<i64>),
    /// The open project form no longer matches the stored project: read it again.
    ProjectFormStale,
    /// The report's stored text changed (redrafted, targets inserted): read it again.
    ReportChanged,
    /// An old summary was read for the review.
    SummaryLoaded(String),
    /// Go to this page (the history of a cell, say).
    ShowPage(Page),
    /// Show the indicator grid on this period (a figure the report's check points at).
    ShowFigures(Period),
    /// The chart button beside an indicator row: show its chart.
    ShowIndicatorChart { indicator: String, span: (u8, u8) },
    /// Present the deck full screen.
    Present(Vec<Figure>),
    /// Put this image on the clipboard.
    CopyImage { size: [usize; 2], rgba: Vec<u8> },
}

/// The outcome of an action for the status line: a message, or nothing to say.
pub type Outcome = anyhow::Result<Option<String>>;

pub struct App {
    store: Store,
    pub db_path: PathBuf,
    pub prefs: Prefs,
    pub cache: Cache,
    pub grid: grid::GridState,
    pub charts: charts::ChartsState,
    pub report: report::ReportState,
    pub import: import::ImportState,
    pub county: county::CountyState,
    pub history: history::HistoryState,
    pub backups: backups::BackupState,
    pub status: Status,
    pub jobs: jobs::Jobs,
    /// First run on the sample data: the window asks whether to keep it or start empty.
    pub sample_notice: bool,
    events: Vec<Event>,
}

impl App {
    pub fn new(store: Store, db_path: PathBuf, prefs: Prefs) -> Self {
        i18n::set_lang(prefs.lang);
        let mut app = Self {
            store,
            db_path,
            prefs,
            cache: Cache::default(),
            grid: Default::default(),
            charts: Default::default(),
            report: Default::default(),
            import: Default::default(),
            county: Default::default(),
            history: Default::default(),
            backups: Default::default(),
            status: Status::default(),
            jobs: Default::default(),
            sample_notice: false,
            events: Vec::new(),
        };
        app.sample_notice = app.store.sample_notice_pending();
        let loaded = app.reload_all();
        app.report_outcome(loaded.map(|()| Some(i18n::trf("status.opened", &[&app.db_path.display()]))));
        app.history.reload(&app.store);
        app
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Whether a background job is under way (tests wait on this).
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// The events since the last call, for the window's pages.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Reloads everything from the store: on start, after an undo, a restore, an import.
    pub fn reload_all(&mut self) -> anyhow::Result<()> {
        let result = self.cache.reload_all(&self.store, self.prefs.park.as_deref());
        self.report.fonts = crate::report::fonts(&self.store).unwrap_or_default();
        self.after_reload();
        result
    }

    /// Reloads the selected park's values and projects (after an edit).
    fn reload_park(&mut self) -> anyhow::Result<()> {
        let result = self.cache.reload_park(&self.store);
        self.after_reload();
        result
    }

    /// Reloads parks and zones and the selected park's data.
    fn reload_parks(&mut self) -> anyhow::Result<()> {
        let result = self.cache.reload_parks(&self.store);
        self.after_reload();
        result
    }

    /// Each area drops what it derived from the data that was just reloaded.
    fn after_reload(&mut self) {
        self.charts.data_changed(&self.store, self.cache.park_id);
        self.report.data_changed();
        self.county.data_changed();
    }

    /// Applies one action: each one that writes user data is one recorded, undoable step.
    pub fn apply(&mut self, action: Action) {
        let label = action.history_label(&self.cache);
        let writes = label.is_some() || action.rewrites_history();
        let group = match &label {
            Some(label) => match self.store.begin_record(&label.encode(), self.cache.park_id) {
                Ok(g) => Some(g),
                Err(e) => return self.report_outcome(Err(e.into())),
            },
            None => None,
        };
        let result = self.try_apply(action);
        let ended = group.map(|g| self.store.end_record(g)).transpose();
        self.report_outcome(result);
        if let Err(e) = ended {
            self.report_outcome(Err(e.into()));
        }
        if writes {
            self.history.reload(&self.store);
        }
    }

    /// Hands the action to the area that owns it.
    fn try_apply(&mut self, action: Action) -> Outcome {
        match action {
            Action::Parks(a) => self.apply_parks(a),
            Action::Grid(a) => self.apply_grid(a),
            Action::Ledger(a) => self.apply_ledger(a),
            Action::Charts(a) => self.apply_charts(a),
            Action::Report(a) => self.apply_report(a),
            Action::Import(a) => self.apply_import(a),
            Action::County(a) => self.apply_county(a),
            Action::History(a) => self.apply_history(a),
            Action::Backups(a) => self.apply_backups(a),
            Action::Settings(a) => self.apply_settings(a),
        }
    }

    /// Shows what an action or a finished job did in the status line.
    fn report_outcome(&mut self, result: Outcome) {
        match result {
            Ok(Some(text)) => self.status = Status { text, is_error: false },
            Ok(None) => {}
            Err(e) => self.status = Status { text: format!("{e:#}"), is_error: true },
        }
    }

    /// Takes finished jobs' outcomes to their areas; starts the daily backup when due.
    /// Returns whether a job is still under way (the window redraws to show progress).
    pub fn poll(&mut self) -> bool {
        for (area, outcome) in self.jobs.finished() {
            let result = match (area, outcome) {
                (_, jobs::Outcome::Stopped) => Err(anyhow::anyhow!(i18n::tr("error.job_stopped"))),
                (JobArea::Import, outcome) => self.finish_import(outcome),
                (JobArea::Report, outcome) => self.finish_report(outcome),
                (JobArea::Backups, outcome) => self.finish_backups(outcome),
            };
            self.report_outcome(result);
            self.history.reload(&self.store);
        }
        self.backup_if_due();
        self.jobs.busy()
    }
}

impl Action {
    /// How the change history names this action, or `None` when it writes no user data.
    fn history_label(&self, cache: &Cache) -> Option<crate::domain::change::ChangeLabel> {
        match self {
            Action::Parks(a) => a.history_label(cache),
            Action::Grid(a) => a.history_label(cache),
            Action::Ledger(a) => a.history_label(cache),
            Action::Report(a) => a.history_label(),
            // Undo, redo and restore record themselves (in the store), as the CLI would.
            _ => None,
        }
    }

    /// Whether the action changes what undo and redo would do without being recorded
    /// itself (undo, redo, a restored row).
    fn rewrites_history(&self) -> bool {
        matches!(self, Action::History(a) if a.rewrites())
    }
}

/// Why the action needs a park when none is selected.
fn no_park() -> anyhow::Error {
    anyhow::anyhow!(i18n::tr("error.no_park"))
}

fn saved() -> Option<String> {
    Some(i18n::tr("status.saved").to_owned())
}

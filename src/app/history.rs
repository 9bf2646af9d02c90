//! Undo, redo and the change history: what Ctrl+Z and Ctrl+Y would do, the 修改记录
//! page's list (every recorded action, or the changes of one cell or project), and
//! putting one row back as it was.

use super::{App, Event, Outcome, Page, no_park};
use crate::domain::period::Period;
use crate::domain::value::ValueKind;
use crate::i18n::{tr, trf};
use crate::store::{AuditFilter, ChangeGroup, ChangeRow, Store};

#[derive(Clone, Debug)]
pub enum HistoryAction {
    /// Take back the newest recorded action (Ctrl+Z).
    Undo,
    /// Write again the action undone last (Ctrl+Y, Ctrl+Shift+Z).
    Redo,
    /// Put one row back as it was before a recorded change.
    RestoreChange(ChangeRow),
    /// Show the history of the whole database, of one grid cell, or of one project.
    Show(HistoryScope),
    /// The history of a grid cell of the selected park.
    ShowCell(super::CellKey),
    /// List the rows one recorded action wrote.
    OpenGroup(i64),
}

impl HistoryAction {
    pub(super) fn rewrites(&self) -> bool {
        matches!(self, HistoryAction::Undo | HistoryAction::Redo | HistoryAction::RestoreChange(_))
    }
}

/// What the history page lists.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryScope {
    /// The audit view: every recorded action, filtered.
    All(AuditFilter),
    Cell { park_id: i64, indicator_id: i64, period: Period, kind: ValueKind },
    Project(i64),
}

#[derive(Default)]
pub struct HistoryState {
    /// What Ctrl+Z and Ctrl+Y would do.
    pub undo: Option<ChangeGroup>,
    pub redo: Option<ChangeGroup>,
    /// `None` until the page is first opened.
    pub scope: Option<HistoryScope>,
    pub groups: Vec<ChangeGroup>,
    /// For one cell or project: each change to it, newest first.
    pub rows: Vec<(ChangeGroup, ChangeRow)>,
    /// The action opened in the audit view, with the rows it wrote.
    pub open: Option<(i64, Vec<ChangeRow>)>,
    /// Why the list could not be read, shown on the page until the next load.
    pub error: Option<String>,
}

impl HistoryState {
    /// Loads the list for `scope`. The scope is kept even when the load fails, so the
    /// page shows the error instead of asking again every frame.
    fn load(&mut self, store: &Store, scope: HistoryScope) -> anyhow::Result<()> {
        self.groups.clear();
        self.rows.clear();
        self.error = None;
        let loaded = match &scope {
            HistoryScope::All(filter) => store.history(filter).map(|g| self.groups = g),
            HistoryScope::Cell { park_id, indicator_id, period, kind } => {
                store.value_history(*park_id, *indicator_id, *period, *kind).map(|r| self.rows = r)
            }
            HistoryScope::Project(id) => store.project_history(*id).map(|r| self.rows = r),
        };
        self.scope = Some(scope);
        loaded.map_err(|e| {
            self.error = Some(e.to_string());
            e.into()
        })
    }

    /// Refreshes what undo and redo would do, and the history page if it is open.
    pub(super) fn reload(&mut self, store: &Store) {
        self.undo = store.undo_target().ok().flatten();
        self.redo = store.redo_target().ok().flatten();
        if let Some(scope) = self.scope.clone() {
            let _ = self.load(store, scope);
        }
    }
}

impl App {
    pub(super) fn apply_history(&mut self, action: HistoryAction) -> Outcome {
        match action {
            HistoryAction::Undo | HistoryAction::Redo => {
                let undo = matches!(action, HistoryAction::Undo);
                let done = if undo { self.store.undo()? } else { self.store.redo()? };
                let Some(group) = done else {
                    return Ok(Some(tr(if undo { "history.nothing_to_undo" } else { "history.nothing_to_redo" }).to_owned()));
                };
                self.data_replaced()?;
                let what = crate::i18n::change_label(&group.label);
                Ok(Some(trf(if undo { "history.undone" } else { "history.redone" }, &[&what])))
            }
            HistoryAction::RestoreChange(change) => {
                self.store.restore_row(&change)?;
                self.data_replaced()?;
                Ok(Some(tr("history.restored").to_owned()))
            }
            HistoryAction::Show(scope) => {
                self.emit(Event::ShowPage(Page::History));
                self.history.load(&self.store, scope)?;
                Ok(None)
            }
            HistoryAction::ShowCell(key) => {
                let park_id = self.cache.park_id.ok_or_else(no_park)?;
                let scope = HistoryScope::Cell { park_id, indicator_id: key.indicator_id, period: key.period, kind: key.kind };
                self.emit(Event::ShowPage(Page::History));
                self.history.load(&self.store, scope)?;
                Ok(None)
            }
            HistoryAction::OpenGroup(id) => {
                self.history.open = Some((id, self.store.change_rows(id)?));
                Ok(None)
            }
        }
    }

    /// After an undo, redo or restore: everything is read again, and what was typed
    /// over the old data (drafts, refused cells) is dropped.
    pub(super) fn data_replaced(&mut self) -> anyhow::Result<()> {
        self.grid.clear();
        self.emit(super::Event::DataReplaced);
        self.reload_all()
    }
}

//! The project ledger's edits: a project saved from its form, deleted, its status changed
//! (with a date and a note, logged), a progress entry, a new industrial chain, and every
//! park's projects loaded when the ledger lists them all.

use jiff::civil::Date;

use super::{App, Cache, Event, Outcome, ProjectDraft, saved};
use crate::domain::change::ChangeLabel;
use crate::domain::project::ProjectStatus;
use crate::i18n::{self, trf};

#[derive(Clone, Debug)]
pub enum LedgerAction {
    /// Boxed: a whole form beside a few ids.
    SaveProject(Box<ProjectDraft>),
    DeleteProject(i64),
    ChangeStatus { project_id: i64, status: ProjectStatus, date: Date, note: String },
    AddProgress { project_id: i64, date: Date, note: String },
    AddChain(String),
    /// The ledger shows every park: load all projects once.
    LoadAllProjects,
}

impl LedgerAction {
    pub(super) fn history_label(&self, cache: &Cache) -> Option<ChangeLabel> {
        let project = |id: i64| cache.projects.iter().find(|p| p.id == id).map_or_else(String::new, |p| p.name.clone());
        Some(match self {
            LedgerAction::SaveProject(d) => ChangeLabel::SaveProject { name: d.name.trim().to_owned() },
            LedgerAction::DeleteProject(id) => ChangeLabel::DeleteProject { name: project(*id) },
            LedgerAction::ChangeStatus { project_id, status, .. } => ChangeLabel::ChangeStatus { project: project(*project_id), status: *status },
            LedgerAction::AddProgress { project_id, .. } => ChangeLabel::AddProgress { project: project(*project_id) },
            LedgerAction::AddChain(_) | LedgerAction::LoadAllProjects => return None,
        })
    }
}

impl App {
    pub(super) fn apply_ledger(&mut self, action: LedgerAction) -> Outcome {
        match action {
            LedgerAction::SaveProject(draft) => {
                let project = draft.to_project()?;
                if project.id == 0 {
                    let id = self.store.insert_project(&project)?;
                    self.emit(Event::SelectProject(Some(id)));
                } else {
                    self.store.update_project(&project)?;
                    self.emit(Event::ProjectFormStale);
                }
                self.reload_park()?;
                Ok(saved())
            }
            LedgerAction::DeleteProject(id) => {
                self.store.delete_project(id)?;
                self.emit(Event::SelectProject(None));
                self.reload_park()?;
                Ok(saved())
            }
            LedgerAction::ChangeStatus { project_id, status, date, note } => {
                self.store.change_status(project_id, status, date, &note)?;
                // The change may have filled the start or completion date: re-read the form.
                self.emit(Event::ProjectFormStale);
                self.reload_park()?;
                Ok(Some(trf("status.status_changed", &[&i18n::name(status)])))
            }
            LedgerAction::AddProgress { project_id, date, note } => {
                self.store.add_progress(project_id, date, &note)?;
                self.reload_park()?;
                Ok(saved())
            }
            LedgerAction::AddChain(name) => {
                self.store.add_chain(&name)?;
                self.cache.chains = self.store.chains()?;
                Ok(saved())
            }
            LedgerAction::LoadAllProjects => {
                if self.cache.all_projects.is_some() {
                    return Ok(None);
                }
                // Tried once: a failure shows an empty list and its error, and is tried
                // again only after the next reload clears it.
                let (projects, result) = match self.store.projects() {
                    Ok(p) => (p, Ok(None)),
                    Err(e) => (Vec::new(), Err(e.into())),
                };
                self.cache.all_projects = Some(projects);
                // Views derived from the project list are stale now.
                self.cache.generation += 1;
                result
            }
        }
    }
}

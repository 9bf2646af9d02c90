//! Parks and their zones, the indicator catalogue's additions, and which park is selected:
//! the edits of the 园区 page and the park picker.

use super::{App, Cache, Event, Outcome, saved};
use crate::domain::Indicator;
use crate::domain::change::ChangeLabel;
use crate::domain::park::{Park, Zone};
use crate::i18n::trf;

#[derive(Clone, Debug)]
pub enum ParksAction {
    Select(i64),
    Save(Park),
    Delete(i64),
    SaveZone(Zone),
    DeleteZone(i64),
    AddIndicator(Indicator),
}

impl ParksAction {
    pub(super) fn history_label(&self, cache: &Cache) -> Option<ChangeLabel> {
        Some(match self {
            ParksAction::Select(_) => return None,
            ParksAction::Save(p) => ChangeLabel::SavePark { name: p.name.trim().to_owned() },
            ParksAction::Delete(id) => ChangeLabel::DeletePark { name: cache.park_name(*id).to_owned() },
            ParksAction::SaveZone(z) => ChangeLabel::SaveZone { name: z.name.trim().to_owned() },
            ParksAction::DeleteZone(_) => ChangeLabel::DeleteZone,
            ParksAction::AddIndicator(i) => ChangeLabel::AddIndicator { name: i.name_zh.trim().to_owned() },
        })
    }
}

impl App {
    pub(super) fn apply_parks(&mut self, action: ParksAction) -> Outcome {
        match action {
            ParksAction::Select(id) => {
                self.cache.park_id = Some(id);
                self.prefs.park = self.cache.parks.iter().find(|p| p.id == id).map(|p| p.name.clone());
                self.park_changed();
                self.reload_park()?;
                Ok(None)
            }
            ParksAction::Save(park) => {
                if park.id == 0 {
                    let id = self.store.insert_park(&park)?;
                    self.cache.park_id = Some(id);
                    self.prefs.park = Some(park.name.trim().to_owned());
                    self.park_changed();
                } else {
                    self.store.update_park(&park)?;
                }
                self.reload_parks()?;
                Ok(saved())
            }
            ParksAction::Delete(id) => {
                let name = self.cache.park_name(id).to_owned();
                self.store.delete_park(id)?;
                self.cache.park_id = None;
                self.park_changed();
                self.reload_parks()?;
                Ok(Some(trf("status.deleted", &[&name])))
            }
            ParksAction::SaveZone(zone) => {
                if zone.id == 0 {
                    self.store.insert_zone(&zone)?;
                } else {
                    self.store.update_zone(&zone)?;
                }
                self.reload_parks()?;
                Ok(saved())
            }
            ParksAction::DeleteZone(id) => {
                self.store.delete_zone(id)?;
                self.reload_parks()?;
                Ok(saved())
            }
            ParksAction::AddIndicator(ind) => {
                self.store.insert_indicator(&ind)?;
                self.cache.indicators = self.store.indicators()?;
                Ok(saved())
            }
        }
    }

    /// Forgets what belonged to the previous park, here and in the pages.
    pub(super) fn park_changed(&mut self) {
        self.grid.clear();
        self.emit(Event::ParkChanged);
    }
}

//! 园区 page: add, edit and delete parks and their zones.

use egui::Ui;

use super::{theme, widgets};
use crate::app::parks::ParksAction;
use crate::app::{Actions, Cache};
use crate::domain::park::{PARK_LEVELS, Park, Zone};
use crate::i18n::{tr, trf};

#[derive(Default)]
pub struct ParksPage {
    /// The form being edited: the selected park, or a new one (id 0).
    pub draft: Option<Park>,
    confirm_delete: Option<i64>,
    confirm_zone_delete: Option<i64>,
    new_zone: String,
    /// Zone names being edited, by zone id.
    zone_names: std::collections::HashMap<i64, String>,
}

pub fn parks_ui(ui: &mut Ui, cache: &Cache, page: &mut ParksPage, actions: &mut Actions) {
    egui::Panel::left("park_list").default_size(280.0).show(ui, |ui| park_list_ui(ui, cache, page, actions));
    let selected = cache.park();
    let stale = match (&page.draft, selected) {
        (Some(d), Some(p)) => d.id != 0 && d.id != p.id,
        (Some(d), None) => d.id != 0,
        (None, _) => true,
    };
    if stale {
        page.draft = selected.cloned();
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        let Some(draft) = &mut page.draft else {
            ui.label(tr("park.empty_hint"));
            return;
        };
        park_form_ui(ui, draft, actions, &mut page.confirm_delete);
        let park_id = draft.id;
        if park_id != 0 {
            ui.add_space(theme::GAP * 2.0);
            zones_ui(ui, cache, park_id, page, actions);
        }
    });
    confirm_park_delete_ui(ui, cache, page, actions);
    confirm_zone_delete_ui(ui, cache, page, actions);
}

fn park_list_ui(ui: &mut Ui, cache: &Cache, page: &mut ParksPage, actions: &mut Actions) {
    ui.heading(tr("park.list_title"));
    if ui.button(tr("park.new")).clicked() {
        page.draft = Some(Park { id: 0, name: String::new(), level: String::new(), region: String::new(), notes: String::new() });
    }
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for p in &cache.parks {
            let zones = cache.zones_of(p.id).count();
            let label = match zones {
                0 => p.name.clone(),
                1 => trf("park.with_one_zone", &[&p.name]),
                n => trf("park.with_zones", &[&p.name, &n]),
            };
            if ui.selectable_label(cache.park_id == Some(p.id), label).clicked() {
                page.draft = Some(p.clone());
                actions.push(ParksAction::Select(p.id));
            }
        }
    });
}

fn park_form_ui(ui: &mut Ui, draft: &mut Park, actions: &mut Actions, confirm_delete: &mut Option<i64>) {
    ui.heading(if draft.id == 0 { tr("park.new_title") } else { tr("park.edit_title") });
    egui::Grid::new("park_form").num_columns(2).spacing([theme::GAP, theme::GAP]).show(ui, |ui| {
        widgets::text_field(ui, tr("park.name"), &mut draft.name);
        ui.end_row();
        ui.label(tr("park.level"));
        egui::ComboBox::from_id_salt("park_level")
            .selected_text(if draft.level.is_empty() { tr("park.level_unset") } else { crate::i18n::park_level(&draft.level) })
            .show_ui(ui, |ui| {
                for level in PARK_LEVELS {
                    let text = if level.is_empty() { tr("park.level_unset") } else { crate::i18n::park_level(level) };
                    ui.selectable_value(&mut draft.level, level.to_owned(), text);
                }
            })
            .response
            .accessible_name(tr("park.level"));
        ui.end_row();
        widgets::text_field(ui, tr("park.region"), &mut draft.region);
        ui.end_row();
        widgets::text_area(ui, tr("park.notes"), &mut draft.notes);
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.button(tr("action.save")).clicked() {
            actions.push(ParksAction::Save(draft.clone()));
        }
        if draft.id != 0 && ui.button(tr("park.delete")).clicked() {
            *confirm_delete = Some(draft.id);
        }
    });
}

fn zones_ui(ui: &mut Ui, cache: &Cache, park_id: i64, page: &mut ParksPage, actions: &mut Actions) {
    ui.heading(tr("zone.title"));
    for z in cache.zones_of(park_id) {
        ui.horizontal(|ui| {
            let name = page.zone_names.entry(z.id).or_insert_with(|| z.name.clone());
            let label = trf("zone.name_of", &[&z.name]);
            ui.add(egui::TextEdit::singleline(name).desired_width(theme::FIELD_WIDTH * 0.6)).accessible_name(&label);
            if *name != z.name && ui.small_button(tr("zone.rename")).clicked() {
                actions.push(ParksAction::SaveZone(Zone { name: name.clone(), ..z.clone() }));
                page.zone_names.remove(&z.id);
            }
            if ui.small_button(tr("zone.delete")).clicked() {
                page.confirm_zone_delete = Some(z.id);
            }
        });
    }
    ui.horizontal(|ui| {
        widgets::text_field(ui, tr("zone.new_name"), &mut page.new_zone);
        if ui.button(tr("zone.add")).clicked() {
            actions.push(ParksAction::SaveZone(Zone { id: 0, park_id, name: page.new_zone.clone(), notes: String::new() }));
            page.new_zone.clear();
        }
    });
}

fn confirm_park_delete_ui(ui: &mut Ui, cache: &Cache, page: &mut ParksPage, actions: &mut Actions) {
    let Some(id) = page.confirm_delete else { return };
    let Some(park) = cache.parks.iter().find(|p| p.id == id) else {
        page.confirm_delete = None;
        return;
    };
    let d = cache.dependents;
    let modal = egui::Modal::new(egui::Id::unique("confirm_park_delete")).show(ui.ctx(), |ui| {
        ui.heading(tr("park.delete_title"));
        ui.label(trf("park.delete_question", &[&park.name, &d.zones, &d.values, &d.projects]));
        ui.horizontal(|ui| {
            if ui.button(tr("park.delete_confirm")).clicked() {
                actions.push(ParksAction::Delete(id));
                page.confirm_delete = None;
                page.draft = None;
            }
            if ui.button(tr("action.cancel")).clicked() {
                page.confirm_delete = None;
            }
        });
    });
    if modal.should_close() {
        page.confirm_delete = None;
    }
}

fn confirm_zone_delete_ui(ui: &mut Ui, cache: &Cache, page: &mut ParksPage, actions: &mut Actions) {
    let Some(id) = page.confirm_zone_delete else { return };
    let Some(zone) = cache.zones.iter().find(|z| z.id == id) else {
        page.confirm_zone_delete = None;
        return;
    };
    let projects = cache.projects.iter().filter(|p| p.zone_id == Some(id)).count();
    let modal = egui::Modal::new(egui::Id::unique("confirm_zone_delete")).show(ui.ctx(), |ui| {
        ui.label(trf("zone.delete_question", &[&zone.name, &projects]));
        ui.horizontal(|ui| {
            if ui.button(tr("zone.delete_confirm")).clicked() {
                actions.push(ParksAction::DeleteZone(id));
                page.confirm_zone_delete = None;
            }
            if ui.button(tr("action.cancel")).clicked() {
                page.confirm_zone_delete = None;
            }
        });
    });
    if modal.should_close() {
        page.confirm_zone_delete = None;
    }
}

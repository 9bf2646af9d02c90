//! The project detail form: fields edited as a draft and saved in one transaction, the
//! yearly investment, the progress log, and the status change that asks for a date and
//! a note so that it lands in the log.

use egui::{RichText, Ui};
use jiff::civil::Date;

use super::ledger::{LedgerPage, money};
use super::{theme, widgets};
use crate::app::history::HistoryAction;
use crate::app::ledger::LedgerAction;
use crate::app::{Actions, Cache, ProjectDraft};
use crate::domain::project::{Currency, KeyLevel, Project, ProjectKind, ProjectStatus};
use crate::i18n::{name, tr, trf};

#[derive(Default)]
pub struct FormState {
    status_dialog: Option<StatusDialog>,
    progress_date: String,
    progress_note: String,
    confirm_delete: bool,
}

struct StatusDialog {
    project_id: i64,
    status: ProjectStatus,
    date: Date,
    /// The date being picked while the calendar is open.
    picking: Option<Date>,
    note: String,
}

fn today() -> Date {
    jiff::Zoned::now().date()
}

pub fn detail_ui(ui: &mut Ui, cache: &Cache, page: &mut LedgerPage, actions: &mut Actions) {
    let project = page.selected.and_then(|id| cache.ledger_projects(page.filters.all_parks).iter().find(|p| p.id == id));
    if page.draft.is_none() {
        page.draft = project.map(ProjectDraft::from_project);
    }
    let Some(draft) = &mut page.draft else { return };
    ui.horizontal(|ui| {
        ui.heading(if draft.id == 0 { tr("project.new_title") } else { tr("project.edit_title") });
        if ui.button(tr("action.close")).clicked() {
            page.selected = None;
        }
    });
    if page.selected.is_none() && draft.id != 0 {
        page.draft = None;
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        fields_ui(ui, cache, draft, project, &mut page.form);
        yearly_ui(ui, draft);
        ui.horizontal(|ui| {
            if ui.button(tr("action.save")).clicked() {
                actions.push(LedgerAction::SaveProject(Box::new(draft.clone())));
            }
            if draft.id != 0 && ui.button(tr("project.delete")).clicked() {
                page.form.confirm_delete = true;
            }
            if draft.id != 0 && ui.button(tr("project.history")).clicked() {
                actions.push(HistoryAction::Show(crate::app::HistoryScope::Project(draft.id)));
            }
        });
        if let Some(p) = project {
            ui.separator();
            progress_ui(ui, p, &mut page.form, actions);
        }
    });
    if let Some(p) = project {
        status_dialog_ui(ui, p, &mut page.form, actions);
        confirm_delete_ui(ui, p, &mut page.form, actions);
    }
}

fn fields_ui(ui: &mut Ui, cache: &Cache, d: &mut ProjectDraft, project: Option<&Project>, form: &mut FormState) {
    egui::Grid::new("project_form").num_columns(2).spacing([theme::GAP, theme::GAP]).show(ui, |ui| {
        widgets::text_field(ui, tr("project.name"), &mut d.name);
        ui.end_row();
        widgets::text_field(ui, tr("project.company"), &mut d.company);
        ui.end_row();
        ui.label(tr("project.zone"));
        let zones: Vec<_> = cache.zones_of(d.park_id).map(|z| (Some(z.id), z.name.clone())).collect();
        egui::ComboBox::from_id_salt("project_zone")
            .selected_text(cache.zone_name(d.zone_id).unwrap_or(tr("project.no_zone")))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.zone_id, None, tr("project.no_zone"));
                for (id, name) in zones {
                    ui.selectable_value(&mut d.zone_id, id, name);
                }
            })
            .response
            .accessible_name(tr("project.zone"));
        ui.end_row();
        ui.label(tr("project.chain"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut d.chain).desired_width(theme::FIELD_WIDTH - 40.0)).accessible_name(tr("project.chain"));
            egui::ComboBox::from_id_salt("project_chain_pick").width(30.0).selected_text("").show_ui(ui, |ui| {
                for c in &cache.chains {
                    ui.selectable_value(&mut d.chain, c.clone(), c);
                }
            })
            .response
            .accessible_name(tr("project.chain_pick"));
        });
        ui.end_row();
        let mut kind = d.kind.unwrap_or(ProjectKind::New);
        widgets::combo(ui, tr("project.kind"), &mut kind, ProjectKind::ALL.iter().copied(), |k| name(k).to_owned());
        d.kind = Some(kind);
        ui.end_row();
        let mut level = d.key_level.unwrap_or(KeyLevel::None);
        widgets::combo(ui, tr("project.key_level"), &mut level, KeyLevel::ALL.iter().copied(), |k| name(k).to_owned());
        d.key_level = Some(level);
        ui.end_row();
        widgets::text_field(ui, tr("project.capacity"), &mut d.capacity);
        ui.end_row();
        ui.label(tr("project.investment"));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut d.investment).desired_width(120.0)).accessible_name(tr("project.investment"));
            let mut cur = d.currency.unwrap_or(Currency::Cny);
            widgets::combo(ui, tr("project.currency"), &mut cur, Currency::ALL.iter().copied(), |c| name(c).to_owned());
            d.currency = Some(cur);
        });
        ui.end_row();
        match project {
            None => {
                let mut status = d.status.unwrap_or(ProjectStatus::Signed);
                widgets::combo(ui, tr("project.status"), &mut status, ProjectStatus::ALL.iter().copied(), |s| name(s).to_owned());
                d.status = Some(status);
            }
            Some(p) => {
                ui.label(tr("project.status"));
                ui.horizontal(|ui| {
                    ui.label(RichText::new(name(p.status)).strong());
                    if ui.button(tr("project.change_status")).clicked() {
                        form.status_dialog = Some(StatusDialog { project_id: p.id, status: p.status, date: today(), picking: None, note: String::new() });
                    }
                });
            }
        }
        ui.end_row();
        for (key, field) in [
            ("project.signed_on", &mut d.signed_on),
            ("project.started_on", &mut d.started_on),
            ("project.planned_completion", &mut d.planned_completion),
            ("project.completed_on", &mut d.completed_on),
        ] {
            ui.label(tr(key));
            ui.add(egui::TextEdit::singleline(field).hint_text("YYYY-MM-DD").desired_width(120.0)).accessible_name(tr(key));
            ui.end_row();
        }
        ui.label(tr("project.plan_year"));
        ui.add(egui::TextEdit::singleline(&mut d.plan_year).desired_width(80.0)).accessible_name(tr("project.plan_year"));
        ui.end_row();
    });
}

fn yearly_ui(ui: &mut Ui, d: &mut ProjectDraft) {
    let unit = crate::i18n::name(d.currency.unwrap_or(Currency::Cny));
    ui.label(RichText::new(trf("project.yearly_title", &[&unit])).strong());
    let mut remove = None;
    for (i, (year, amount)) in d.yearly.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(year).desired_width(60.0)).accessible_name(trf("project.yearly_year_n", &[&(i + 1)]));
            ui.add(egui::TextEdit::singleline(amount).desired_width(120.0)).accessible_name(trf("project.yearly_amount_n", &[&(i + 1)]));
            if ui.small_button(tr("action.remove")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        d.yearly.remove(i);
    }
    if ui.small_button(tr("project.yearly_add")).clicked() {
        let next = d.yearly.last().and_then(|(y, _)| y.trim().parse::<i32>().ok()).map_or(i32::from(today().year()), |y| y + 1);
        d.yearly.push((next.to_string(), String::new()));
    }
}

fn progress_ui(ui: &mut Ui, p: &Project, form: &mut FormState, actions: &mut Actions) {
    ui.label(RichText::new(tr("project.progress_title")).strong());
    if let Some(inv) = p.investment {
        ui.label(trf("project.invested_so_far", &[&money(Some(p.invested_total()), p.currency), &money(Some(inv), p.currency)]));
    }
    for e in p.progress.iter().rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(e.date.to_string()).monospace());
            if let Some(s) = e.status {
                ui.label(RichText::new(format!("→ {}", name(s))).strong());
            }
            ui.label(&e.note);
        });
    }
    if p.progress.is_empty() {
        ui.label(RichText::new(tr("project.progress_empty")).color(theme::derived(ui)));
    }
    ui.horizontal(|ui| {
        if form.progress_date.is_empty() {
            form.progress_date = today().to_string();
        }
        ui.add(egui::TextEdit::singleline(&mut form.progress_date).desired_width(100.0)).accessible_name(tr("project.progress_date"));
        ui.add(egui::TextEdit::singleline(&mut form.progress_note).hint_text(tr("project.progress_note")).desired_width(200.0))
            .accessible_name(tr("project.progress_note"));
        if ui.button(tr("project.progress_add")).clicked() {
            match form.progress_date.trim().parse::<Date>() {
                Ok(date) => {
                    actions.push(LedgerAction::AddProgress { project_id: p.id, date, note: form.progress_note.clone() });
                    form.progress_note.clear();
                }
                Err(_) => form.progress_date = today().to_string(),
            }
        }
    });
}

fn status_dialog_ui(ui: &mut Ui, p: &Project, form: &mut FormState, actions: &mut Actions) {
    let Some(dialog) = &mut form.status_dialog else { return };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("status_dialog")).show(ui.ctx(), |ui| {
        ui.heading(trf("status_dialog.title", &[&p.name]));
        ui.label(tr("status_dialog.new_status"));
        ui.scope(|ui| {
            ui.set_max_width(theme::DETAIL_WIDTH);
            ui.horizontal_wrapped(|ui| {
                for &s in ProjectStatus::ALL {
                    ui.radio_value(&mut dialog.status, s, name(s));
                }
            });
        });
        ui.add_space(theme::GAP);
        egui::Grid::new("status_dialog_grid").num_columns(2).show(ui, |ui| {
            ui.label(tr("status_dialog.date"));
            widgets::date_ui(ui, tr("status_dialog.date"), &mut dialog.date, &mut dialog.picking);
            ui.end_row();
            widgets::text_field(ui, tr("status_dialog.note"), &mut dialog.note);
            ui.end_row();
        });
        ui.horizontal(|ui| {
            if ui.button(tr("status_dialog.confirm")).clicked() {
                actions.push(LedgerAction::ChangeStatus {
                    project_id: dialog.project_id,
                    status: dialog.status,
                    date: dialog.date,
                    note: dialog.note.clone(),
                });
                close = true;
            }
            if ui.button(tr("action.cancel")).clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        form.status_dialog = None;
    }
}

fn confirm_delete_ui(ui: &mut Ui, p: &Project, form: &mut FormState, actions: &mut Actions) {
    if !form.confirm_delete {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("confirm_project_delete")).show(ui.ctx(), |ui| {
        ui.label(trf("project.delete_question", &[&p.name, &p.progress.len()]));
        ui.horizontal(|ui| {
            if ui.button(tr("project.delete_confirm")).clicked() {
                actions.push(LedgerAction::DeleteProject(p.id));
                form.confirm_delete = false;
            }
            if ui.button(tr("action.cancel")).clicked() {
                form.confirm_delete = false;
            }
        });
    });
    if modal.should_close() {
        form.confirm_delete = false;
    }
}

//! 修改记录: who changed what and when, for the whole database (filtered by park, table
//! and date) or for one grid cell or project, with old → new for every field and a
//! button that puts a row back as it was. Restoring is itself recorded, so it can be
//! undone too.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::app::history::HistoryAction;
use crate::app::{Actions, App, HistoryScope};
use crate::i18n::{tr, trf};
use crate::store::{AuditFilter, ChangeGroup, ChangeRow, GroupState};

#[derive(Default)]
pub struct HistoryPage {
    pub filter: AuditFilter,
    /// The date filter as typed (`2026-11-01`).
    pub since: String,
}

pub fn history_ui(ui: &mut Ui, app: &App, page: &mut HistoryPage, actions: &mut Actions) {
    let cache = &app.cache;
    ui.heading(tr("history.title"));
    if let Some(e) = &app.history.error {
        ui.label(RichText::new(e).color(theme::error(ui)));
    }
    match &app.history.scope {
        None => {
            actions.push(HistoryAction::Show(HistoryScope::All(page.filter.clone())));
        }
        Some(HistoryScope::All(_)) => audit_ui(ui, app, page, actions),
        Some(scope) => {
            ui.horizontal(|ui| {
                let what = match scope {
                    HistoryScope::Cell { indicator_id, period, kind, .. } => {
                        let name = cache.indicator(*indicator_id).map_or("", |i| i.name(crate::i18n::is_english()));
                        format!("{name} {} {}", super::indicators::period_label(*period), super::indicators::kind_label(*kind))
                    }
                    HistoryScope::Project(id) => cache.projects.iter().find(|p| p.id == *id).map_or_else(String::new, |p| p.name.clone()),
                    HistoryScope::All(_) => String::new(),
                };
                ui.label(RichText::new(trf("history.of", &[&what])).strong());
                if ui.button(tr("history.all")).clicked() {
                    actions.push(HistoryAction::Show(HistoryScope::All(page.filter.clone())));
                }
            });
            if app.history.rows.is_empty() {
                ui.label(tr("history.none"));
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (group, row) in &app.history.rows {
                    ui.group(|ui| {
                        ui.label(RichText::new(group_line(group)).strong());
                        change_ui(ui, row, actions);
                    });
                }
            });
        }
    }
}

fn audit_ui(ui: &mut Ui, app: &App, page: &mut HistoryPage, actions: &mut Actions) {
    let cache = &app.cache;
    ui.label(RichText::new(tr("history.hint")).small());
    let mut changed = false;
    ui.horizontal(|ui| {
        let park_name = |id: Option<i64>| id.and_then(|id| cache.parks.iter().find(|p| p.id == id)).map_or(tr("history.any"), |p| p.name.as_str()).to_owned();
        ui.label(tr("history.col_park"));
        egui::ComboBox::from_id_salt("history-park")
            .selected_text(park_name(page.filter.park_id))
            .show_ui(ui, |ui| {
                changed |= ui.selectable_value(&mut page.filter.park_id, None, tr("history.any")).changed();
                for p in &cache.parks {
                    changed |= ui.selectable_value(&mut page.filter.park_id, Some(p.id), &p.name).changed();
                }
            })
            .response
            .accessible_name(tr("history.filter_park"));
        ui.label(tr("history.table"));
        let tables = ["value", "project", "progress", "project_investment", "park", "zone", "indicator", "report"];
        let shown = page.filter.table.as_deref().map_or(tr("history.any"), table_name);
        egui::ComboBox::from_id_salt("history-table")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                changed |= ui.selectable_value(&mut page.filter.table, None, tr("history.any")).changed();
                for t in tables {
                    changed |= ui.selectable_value(&mut page.filter.table, Some(t.to_owned()), table_name(t)).changed();
                }
            })
            .response
            .accessible_name(tr("history.table"));
        ui.label(tr("history.since"));
        let since = ui.add(egui::TextEdit::singleline(&mut page.since).desired_width(110.0).hint_text("2026-11-01")).accessible_name(tr("history.since"));
        if since.lost_focus() {
            page.filter.since = Some(page.since.trim().to_owned()).filter(|s| !s.is_empty());
            changed = true;
        }
    });
    if changed {
        actions.push(HistoryAction::Show(HistoryScope::All(page.filter.clone())));
    }
    let groups = &app.history.groups;
    if groups.is_empty() {
        ui.label(tr("history.none"));
        return;
    }
    let open_id = app.history.open.as_ref().map(|(id, _)| *id);
    let height = if open_id.is_some() { ui.available_height() * 0.45 } else { ui.available_height() - 10.0 };
    ui.push_id("audit", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(height)
            .column(Column::initial(150.0))
            .column(Column::initial(90.0))
            .column(Column::initial(380.0).clip(true))
            .column(Column::initial(170.0).clip(true))
            .column(Column::initial(150.0))
            .column(Column::remainder())
            .header(theme::ROW_HEIGHT, |mut h| {
                for key in ["history.col_at", "history.col_user", "history.col_what", "history.col_park", "history.col_rows", "history.col_state"] {
                    h.col(|ui| {
                        ui.strong(tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, groups.len(), |mut row| {
                    let g = &groups[row.index()];
                    row.set_selected(open_id == Some(g.id));
                    let park = g.park_id.and_then(|id| cache.parks.iter().find(|p| p.id == id)).map_or("", |p| p.name.as_str());
                    let tables: Vec<&str> = g.tables.split(',').filter(|t| !t.is_empty()).map(table_name).collect();
                    for text in [g.at.clone(), user_label(&g.user), crate::i18n::change_label(&g.label), park.to_owned(), format!("{} · {}", g.rows, tables.join(crate::i18n::tr("list_sep"))), state_name(g.state).to_owned()] {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        actions.push(HistoryAction::OpenGroup(g.id));
                    }
                });
            });
    });
    if let Some((id, rows)) = &app.history.open {
        ui.separator();
        ui.label(RichText::new(trf("history.rows_of", &[id])).strong());
        egui::ScrollArea::vertical().id_salt("audit-rows").show(ui, |ui| {
            for row in rows {
                change_ui(ui, row, actions);
                ui.separator();
            }
        });
    }
}

fn group_line(g: &ChangeGroup) -> String {
    let state = if g.state == GroupState::Done { String::new() } else { format!("（{}）", state_name(g.state)) };
    format!("{} · {} · {}{state}", g.at, user_label(&g.user), crate::i18n::change_label(&g.label))
}

fn state_name(state: GroupState) -> &'static str {
    match state {
        GroupState::Done => "",
        GroupState::Undone => tr("history.undone_state"),
        GroupState::Abandoned => tr("history.abandoned_state"),
    }
}

fn table_name(table: &str) -> &'static str {
    match table {
        "value" => tr("history.t_value"),
        "project" => tr("history.t_project"),
        "progress" => tr("history.t_progress"),
        "project_investment" => tr("history.t_investment"),
        "park" => tr("history.t_park"),
        "zone" => tr("history.t_zone"),
        "indicator" => tr("history.t_indicator"),
        "report" => tr("history.t_report"),
        _ => tr("history.any"),
    }
}

/// A column as the clerk knows it; the few technical ones keep their name.
fn field_name(column: &str) -> &str {
    match column {
        "value" => tr("field.value"),
        "reported_yoy" => tr("field.reported_yoy"),
        "kind" => tr("field.kind"),
        "year" => tr("field.year"),
        "start_month" => tr("field.start_month"),
        "end_month" => tr("field.end_month"),
        "source" => tr("field.source"),
        "derivation" => tr("field.derivation"),
        "entered_amount" => tr("field.entered_amount"),
        "entered_unit" => tr("field.entered_unit"),
        "indicator_id" => tr("field.indicator_id"),
        "name" | "name_zh" => tr("field.name"),
        "status" => tr("field.status"),
        "investment" => tr("field.investment"),
        "company" => tr("field.company"),
        "chain" => tr("field.chain"),
        "capacity" => tr("field.capacity"),
        "note" => tr("field.note"),
        "date" => tr("field.date"),
        "amount" => tr("field.amount"),
        "notes" => tr("field.notes"),
        "level" => tr("field.level"),
        "region" => tr("field.region"),
        "body" => tr("field.body"),
        other => other,
    }
}

/// One row written: added, deleted, or each field that changed as old → new.
fn change_ui(ui: &mut Ui, row: &ChangeRow, actions: &mut Actions) {
    let parse = |j: &Option<String>| j.as_deref().and_then(|j| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(j).ok());
    let (old, new) = (parse(&row.old), parse(&row.new));
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.chars().take(80).collect(),
        Some(v) => v.to_string(),
    };
    ui.horizontal_wrapped(|ui| {
        let what = match (&old, &new) {
            (None, Some(_)) => tr("history.added"),
            (Some(_), None) => tr("history.deleted"),
            _ => tr("history.changed"),
        };
        ui.label(RichText::new(format!("{} #{} {what}", table_name(&row.table), row.row_id)).color(theme::derived(ui)));
        let keys: Vec<&String> = old.as_ref().or(new.as_ref()).map(|m| m.keys().collect()).unwrap_or_default();
        for k in keys.into_iter().filter(|k| !["updated_at", "id", "park_id", "project_id"].contains(&k.as_str())) {
            let field = field_name(k);
            let (a, b) = (old.as_ref().and_then(|m| m.get(k)), new.as_ref().and_then(|m| m.get(k)));
            if old.is_some() && new.is_some() && a == b {
                continue;
            }
            if old.is_none() || new.is_none() {
                ui.label(format!("{field}={}", show(a.or(b))));
            } else {
                ui.label(format!("{field}: {} → {}", show(a), show(b)));
            }
        }
        if ui.button(tr("history.restore")).on_hover_text(tr("history.restore_hint")).clicked() {
            actions.push(HistoryAction::RestoreChange(row.clone()));
        }
    });
}

/// Who made a change; older versions stored 未知用户 when the system did not say.
fn user_label(user: &str) -> String {
    if user.is_empty() || user == crate::store::UNKNOWN_USER || user == "未知用户" { tr("history.unknown_user").to_owned() } else { user.to_owned() }
}

//! 修改记录: who changed what and when, for the whole database (filtered by park, table
//! and date) or for one grid cell or project, with old → new for every field and a
//! button that puts a row back as it was. Restoring is itself recorded, so it can be
//! undone too.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::app::history::HistoryAction;
use crate::app::{Actions, App, Cache, HistoryScope};
use crate::domain::Period;
use crate::domain::format::{decimals_needed, grouped, trimmed};
use crate::domain::value::ValueKind;
use crate::i18n::{is_english, tr, trf};
use crate::report::ReportSpec;
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
                        change_ui(ui, &app.cache, row, group.state == GroupState::Done, actions);
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
        let tables = ["value", "project", "progress", "project_investment", "park", "zone", "indicator", "report", "received_package"];
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
            // The long column (what was done) last and clipped, so that time, state, who,
            // park and rows stay in view at 1024 px.
            .column(Column::initial(150.0))
            .column(Column::initial(80.0).clip(true))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(150.0).clip(true))
            .column(Column::initial(130.0).clip(true))
            .column(Column::remainder().at_least(120.0).clip(true))
            .header(theme::ROW_HEIGHT, |mut h| {
                for key in ["history.col_at", "history.col_state", "history.col_user", "history.col_park", "history.col_rows", "history.col_what"] {
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
                    let what = crate::i18n::change_label(&g.label);
                    for text in [g.at.clone(), state_name(g.state).to_owned(), user_label(&g.user), park.to_owned(), format!("{} · {}", g.rows, tables.join(crate::i18n::tr("list_sep"))), what] {
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
            // An undone action's rows are not in the data any more: nothing to put back.
            let done = app.history.groups.iter().find(|g| g.id == *id).is_none_or(|g| g.state == GroupState::Done);
            for row in rows {
                change_ui(ui, &app.cache, row, done, actions);
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
        "received_package" => tr("history.t_received"),
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
        "version" => tr("field.version"),
        "made_at" => tr("field.made_at"),
        "received_at" => tr("field.received_at"),
        other => other,
    }
}

type Fields = serde_json::Map<String, serde_json::Value>;

/// One row written, in the clerk's words where the row is one a clerk knows, with a button
/// to put it back unless its action is undone (`restorable`). A figure reads as
/// `规上工业总产值 2021年 实际：56.8 → 58`, a report edit as the sections that changed with
/// the text added and removed. Other rows list each field that changed as old → new.
fn change_ui(ui: &mut Ui, cache: &Cache, row: &ChangeRow, restorable: bool, actions: &mut Actions) {
    let parse = |j: &Option<String>| j.as_deref().and_then(|j| serde_json::from_str::<Fields>(j).ok());
    let (old, new) = (parse(&row.old), parse(&row.new));
    let what = match (&old, &new) {
        (None, Some(_)) => tr("history.added"),
        (Some(_), None) => tr("history.deleted"),
        _ => tr("history.changed"),
    };
    ui.horizontal_wrapped(|ui| {
        let words = match row.table.as_str() {
            "value" => value_words(cache, old.as_ref(), new.as_ref()),
            "report" => report_words(old.as_ref(), new.as_ref()),
            _ => None,
        };
        match words {
            Some((headline, details)) => {
                ui.label(RichText::new(format!("{what} {headline}")).color(theme::derived(ui)));
                for d in details {
                    ui.label(d);
                }
            }
            None => fields_ui(ui, row, what, old.as_ref(), new.as_ref()),
        }
        if restorable && ui.button(tr("history.restore")).on_hover_text(tr("history.restore_hint")).clicked() {
            actions.push(HistoryAction::RestoreChange(row.clone()));
        }
    });
}

/// A row of a table the clerk has no words for: each field that changed, old → new.
fn fields_ui(ui: &mut Ui, row: &ChangeRow, what: &str, old: Option<&Fields>, new: Option<&Fields>) {
    ui.label(RichText::new(format!("{} #{} {what}", table_name(&row.table), row.row_id)).color(theme::derived(ui)));
    let keys: Vec<&String> = old.or(new).map(|m| m.keys().collect()).unwrap_or_default();
    for k in keys.into_iter().filter(|k| !["updated_at", "id", "park_id", "project_id"].contains(&k.as_str())) {
        let field = field_name(k);
        let (a, b) = (old.and_then(|m| m.get(k)), new.and_then(|m| m.get(k)));
        if old.is_some() && new.is_some() && a == b {
            continue;
        }
        if old.is_none() || new.is_none() {
            ui.label(format!("{field}={}", shown(a.or(b))));
        } else {
            ui.label(format!("{field}: {} → {}", shown(a), shown(b)));
        }
    }
}

fn shown(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".to_owned(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.chars().take(80).collect(),
        Some(serde_json::Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), |x| grouped(x, decimals_needed(x))),
        Some(v) => v.to_string(),
    }
}

/// `规上工业总产值 2021年 实际：56.8 → 58`, then the YoY, source or explanation where they
/// changed. `None` when the row does not read as a figure (an old or damaged image).
fn value_words(cache: &Cache, old: Option<&Fields>, new: Option<&Fields>) -> Option<(String, Vec<String>)> {
    let any = new.or(old)?;
    let int = |k: &str| any.get(k).and_then(serde_json::Value::as_i64);
    let indicator = cache.indicator(int("indicator_id")?).map_or_else(|| tr("history.t_value").to_owned(), |i| i.name(is_english()).to_owned());
    let period = Period::new(i32::try_from(int("year")?).ok()?, u8::try_from(int("start_month")?).ok()?, u8::try_from(int("end_month")?).ok()?).ok()?;
    let kind = ValueKind::from_code(any.get("kind")?.as_str()?)?;
    fn get<'a>(m: Option<&'a Fields>, k: &str) -> Option<&'a serde_json::Value> {
        m.and_then(|m| m.get(k)).filter(|v| !v.is_null())
    }
    // A figure as the grid shows it (the indicator's decimals), a source in words.
    let precision = cache.indicator(int("indicator_id")?).map(|i| i.precision);
    let in_words = |k: &str, v: Option<&serde_json::Value>| match (k, v) {
        ("value", Some(serde_json::Value::Number(n))) => n.as_f64().map_or_else(|| n.to_string(), |x| trimmed(x, precision.unwrap_or(4))),
        ("source", Some(serde_json::Value::String(s))) => super::indicators::source_label(s),
        _ => shown(v),
    };
    let change = |k: &str| -> Option<String> {
        let (a, b) = (get(old, k), get(new, k));
        match (old.is_some(), new.is_some()) {
            (true, true) if a == b => None,
            (true, true) => Some(format!("{} → {}", in_words(k, a), in_words(k, b))),
            _ => a.or(b).map(|v| in_words(k, Some(v))),
        }
    };
    let figure = change("value").unwrap_or_else(|| in_words("value", get(new.or(old), "value")));
    let sep = tr("history.sep");
    let headline = format!("{indicator} {} {}{sep}{figure}", crate::i18n::period_label(period), super::indicators::kind_label(kind));
    let details = [("reported_yoy", "field.reported_yoy"), ("source", "field.source"), ("explanation", "field.explanation")]
        .into_iter()
        .filter_map(|(k, key)| change(k).map(|c| format!("{}{sep}{c}", tr(key))))
        .collect();
    Some((headline, details))
}

/// A report's texts as the clerk knows them: the title, the opening, each heading's own
/// text (a heading's label, then what is written under it), the 署名 and the date.
fn report_texts(r: &ReportSpec) -> Vec<(String, String)> {
    use crate::report::Part;
    let mut out = vec![(tr("report.title").to_owned(), r.title.clone()), (tr("report.opening").to_owned(), r.opening.clone())];
    let mut under = tr("report.opening").to_owned();
    for part in &r.parts {
        match part {
            Part::Heading { text, .. } => {
                under = crate::report::heading_text(text).to_owned();
                out.push((tr("report.heading").to_owned() + &under, text.clone()));
            }
            Part::Text { text } | Part::Drafted { text, .. } => match out.iter_mut().find(|(label, _)| *label == under) {
                Some((_, t)) => {
                    t.push('\n');
                    t.push_str(text);
                }
                None => out.push((under.clone(), text.clone())),
            },
            _ => {}
        }
    }
    out.push((tr("report.issuer").to_owned(), r.issuer.clone()));
    out.push((tr("report.date").to_owned(), r.date.clone()));
    out
}

/// A report edit: the report's period, then each text that changed with the text added
/// (+) and removed (−), cut to a readable length.
fn report_words(old: Option<&Fields>, new: Option<&Fields>) -> Option<(String, Vec<String>)> {
    let body = |m: Option<&Fields>| {
        let b = m.and_then(|m| m.get("body")?.as_str())?;
        let period = serde_json::from_str::<serde_json::Value>(b).ok().and_then(|v| serde_json::from_value(v.get("period")?.clone()).ok())?;
        crate::report::spec::from_stored(b, period).ok()
    };
    let (a, b) = (body(old), body(new));
    let any = b.as_ref().or(a.as_ref())?;
    let headline = format!("{} {}", tr("history.t_report"), crate::i18n::period_label(any.period));
    let (before, after) = (a.as_ref().map(report_texts).unwrap_or_default(), b.as_ref().map(report_texts).unwrap_or_default());
    let mut labels: Vec<&String> = after.iter().map(|(l, _)| l).collect();
    labels.extend(before.iter().map(|(l, _)| l).filter(|l| !after.iter().any(|(x, _)| x == *l)));
    let text = |side: &[(String, String)], label: &str| side.iter().find(|(l, _)| l == label).map(|(_, t)| t.clone()).unwrap_or_default();
    let details = labels
        .into_iter()
        .filter_map(|label| {
            let (was, is) = (text(&before, label), text(&after, label));
            (was != is).then(|| format!("{label}{}{}", tr("history.sep"), text_change(&was, &is)))
        })
        .collect();
    Some((headline, details))
}

/// What was added and removed between two texts: the part between their common start
/// and common end, each cut to 60 characters.
pub(crate) fn text_change(before: &str, after: &str) -> String {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let end = b[start..].iter().rev().zip(a[start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let cut = |s: &[char]| -> String {
        let t: String = s.iter().take(60).collect();
        if s.len() > 60 { format!("{t}…") } else { t }
    };
    let (removed, added) = (cut(&b[start..b.len() - end]), cut(&a[start..a.len() - end]));
    match (removed.is_empty(), added.is_empty()) {
        (true, _) => format!("+“{added}”"),
        (false, true) => format!("−“{removed}”"),
        (false, false) => format!("−“{removed}” +“{added}”"),
    }
}

/// Who made a change; older versions stored 未知用户 when the system did not say.
fn user_label(user: &str) -> String {
    if user.is_empty() || user == crate::store::UNKNOWN_USER || user == "未知用户" { tr("history.unknown_user").to_owned() } else { user.to_owned() }
}

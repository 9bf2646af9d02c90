//! 导入 page: pick a spreadsheet (dialog, or a typed path where no dialog is available),
//! see what it will add, change and skip, and only then confirm. The commit is one
//! transaction; nothing is written before the clerk confirms.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{theme, widgets};
use crate::app::import::ImportAction;
use crate::app::{Actions, App, Cache, JobArea};
use crate::domain::indicator::Indicator;
use crate::i18n::{tr, trf};

#[derive(Default)]
pub struct ImportPage {
    pub path: String,
    /// Which tab: spreadsheets, or figures read from an old summary.
    pub summaries: bool,
    /// The indicator chosen for each unknown name, before it is remembered.
    pub mapping: std::collections::HashMap<String, i64>,
    pub review: super::extract::ReviewPage,
    /// Says so when the desktop has no file dialog (the path field is the way then).
    pub dialog: widgets::PathEntry,
}

pub fn import_ui(ui: &mut Ui, app: &App, page: &mut ImportPage, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut page.summaries, false, tr("import.tab_sheets"));
        ui.selectable_value(&mut page.summaries, true, tr("import.tab_summaries"));
    });
    ui.separator();
    if page.summaries {
        // The preview of what the review saves replaces the review until it is confirmed
        // or cancelled (cancelling returns to the review as it was).
        if app.import.plan.is_some() || app.jobs.running(JobArea::Import) {
            ui.heading(tr("extract.title"));
            plan_ui(ui, app, &mut page.mapping, None, actions);
        } else {
            super::extract::review_ui(ui, app, &mut page.review, actions);
        }
        return;
    }
    sheets_ui(ui, app, page, actions);
}

fn sheets_ui(ui: &mut Ui, app: &App, page: &mut ImportPage, actions: &mut Actions) {
    let cache = &app.cache;
    ui.heading(tr("import.title"));
    ui.label(RichText::new(tr("import.hint")).small());
    ui.add_space(theme::GAP);
    ui.horizontal(|ui| {
        widgets::text_field(ui, tr("import.path"), &mut page.path);
        let park = cache.park().map(|p| p.name.clone());
        let idle = !app.jobs.running(JobArea::Import);
        if ui.button(tr("import.browse")).clicked()
            && let Some(p) = page.dialog.dialog(0, "", || rfd::FileDialog::new().add_filter(tr("import.filter"), &["xlsx", "xls", "ods", "csv"]).pick_file()) {
                page.path = p.display().to_string();
                // A chosen file is previewed at once: choosing it says what the clerk wants.
                if idle {
                    actions.push(ImportAction::Preview { path: p, park: park.clone() });
                }
            }
        if ui.add_enabled(idle, egui::Button::new(tr("import.preview"))).clicked() && !page.path.trim().is_empty() {
            actions.push(ImportAction::Preview { path: page.path.trim().into(), park });
        }
    });
    page.dialog.note_ui(ui);
    let source = (!page.path.trim().is_empty()).then(|| page.path.trim());
    plan_ui(ui, app, &mut page.mapping, source, actions);
}

/// The progress of a background job.
fn job_ui(ui: &mut Ui, job: &crate::app::JobView) {
    ui.horizontal(|ui| {
        let bar = match job.fraction {
            Some(f) => egui::ProgressBar::new(f).show_percentage(),
            None => egui::ProgressBar::new(0.0).animate(true),
        };
        ui.add(bar.desired_width(320.0).text(tr(job.label)));
        ui.label(RichText::new(format!("{:.1} s", job.elapsed.as_secs_f32())).small());
    });
}

/// Names the file used but the catalogue doesn't know: choose an indicator for each and
/// it is remembered for every later import.
fn mapping_ui(ui: &mut Ui, cache: &Cache, labels: &[String], mapping: &mut std::collections::HashMap<String, i64>, source: &str, actions: &mut Actions) {
    ui.label(RichText::new(tr("import.unknown_names")).strong());
    egui::Grid::new("unknown-names").num_columns(3).show(ui, |ui| {
        for label in labels.iter().take(30) {
            ui.label(label);
            let mut chosen = mapping.get(label).copied();
            let name_of = |id: Option<i64>| id.and_then(|id| cache.indicator(id)).map_or_else(|| tr("import.choose").to_owned(), |i| i.name(crate::i18n::is_english()).to_owned());
            egui::ComboBox::from_id_salt(("map", label))
                .selected_text(name_of(chosen))
                .show_ui(ui, |ui| {
                    // A search field over the catalogue, kept while the list is open.
                    let id = ui.make_persistent_id(("map_search", label));
                    let mut search: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
                    ui.add(egui::TextEdit::singleline(&mut search).hint_text(tr("import.search")).desired_width(220.0))
                        .accessible_name(tr("import.search"));
                    ui.data_mut(|d| d.insert_temp(id, search.clone()));
                    for ind in ranked(&cache.indicators, label, &search) {
                        ui.selectable_value(&mut chosen, Some(ind.id), ind.name(crate::i18n::is_english()));
                    }
                })
                .response
                .accessible_name(trf("import.map_label", &[label]));
            if let Some(id) = chosen {
                mapping.insert(label.clone(), id);
            }
            if ui.add_enabled(chosen.is_some(), egui::Button::new(tr("import.remember"))).clicked()
                && let Some(indicator_id) = chosen {
                    let park = cache.park().map(|p| p.name.clone());
                    actions.push(ImportAction::RememberLabel { label: label.clone(), indicator_id, path: source.into(), park });
                }
            ui.end_row();
        }
    });
}

/// The catalogue for mapping the sheet's name `label`: only indicators whose name contains
/// `search` (Chinese, or English ignoring case), those sharing the most characters with
/// the label first (规模以上工业总产值 puts 规上工业总产值 at the top), then catalogue order.
pub(crate) fn ranked<'a>(indicators: &'a [Indicator], label: &str, search: &str) -> Vec<&'a Indicator> {
    let search = search.trim().to_lowercase();
    let mut list: Vec<&Indicator> = indicators
        .iter()
        .filter(|i| search.is_empty() || i.name_zh.contains(search.as_str()) || i.name_en.to_lowercase().contains(search.as_str()))
        .collect();
    let shared = |i: &Indicator| i.name_zh.chars().filter(|c| label.contains(*c)).count();
    list.sort_by_key(|i| std::cmp::Reverse(shared(i)));
    list
}

/// The most of the audit's new findings the preview lists.
const IMPORT_FINDINGS_SHOWN: usize = 10;

/// The plan waiting for confirmation: what it adds, changes and skips, and why.
fn plan_ui(ui: &mut Ui, app: &App, mapping: &mut std::collections::HashMap<String, i64>, source: Option<&str>, actions: &mut Actions) {
    let cache = &app.cache;
    if let Some(job) = app.jobs.view(JobArea::Import) {
        ui.separator();
        job_ui(ui, &job);
        return;
    }
    let Some(plan) = &app.import.plan else { return };
    ui.separator();
    if let Some(source) = source.filter(|_| !plan.unknown_labels.is_empty()) {
        mapping_ui(ui, cache, &plan.unknown_labels, mapping, source, actions);
        ui.add_space(theme::GAP);
    }
    let (adds, changes) = (plan.adds.len() + plan.project_adds.len(), plan.changes.len() + plan.project_changes.len());
    ui.label(RichText::new(trf("import.summary", &[&adds, &changes, &plan.unchanged, &plan.skips.len()])).strong());
    if !plan.findings.is_empty() {
        // What the audit would newly find: seen before the figures go in.
        let errors = plan.findings.iter().filter(|f| f.level == crate::audit::Level::Error).count();
        let color = if errors > 0 { theme::error(ui) } else { theme::warning(ui) };
        ui.label(RichText::new(trf("import.findings", &[&plan.findings.len(), &errors])).color(color));
        let shown = &plan.findings[..plan.findings.len().min(IMPORT_FINDINGS_SHOWN)];
        ui.label(RichText::new(super::indicators::findings_text(shown, &cache.indicators)).small().color(color));
    }
    ui.horizontal(|ui| {
        let n = plan.writes();
        if ui.add_enabled(n > 0, egui::Button::new(trf("import.commit", &[&n]))).clicked() {
            actions.push(ImportAction::Commit);
        }
        if ui.button(tr("action.cancel")).clicked() {
            actions.push(ImportAction::Cancel);
        }
    });
    // Rows are put into words only as they come on screen: a plan can hold 100,000.
    let len = plan.adds.len() + plan.changes.len() + plan.project_adds.len() + plan.project_changes.len() + plan.skips.len();
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::initial(60.0))
        .column(Column::initial(360.0).clip(true))
        .column(Column::initial(160.0))
        .column(Column::initial(140.0))
        .column(Column::remainder())
        .header(theme::ROW_HEIGHT, |mut h| {
            for key in ["import.col_what", "import.col_where", "grid.indicator", "grid.span", "import.col_value"] {
                h.col(|ui| {
                    ui.strong(tr(key));
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT, len, |mut row| {
                for cell in preview_row(cache, plan, row.index()) {
                    row.col(|ui| {
                        ui.label(cell);
                    });
                }
            });
        });
}

/// Row `i` of the preview: the values added, then changed, the projects added, then
/// changed, then the skips; as what, where, indicator or project, period or status, figure.
fn preview_row(cache: &crate::app::Cache, plan: &crate::import::ImportPlan, mut i: usize) -> [String; 5] {
    let name = |id: i64| cache.indicator(id).map_or("?", |i| i.name(crate::i18n::is_english())).to_owned();
    let num = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| crate::report::draft::number(x, 4));
    let value_row = |what: &str, p: &crate::import::PlannedValue| {
        let before = p.before.as_ref().map(|b| format!("{} → ", num(b.value))).unwrap_or_default();
        [
            what.to_owned(),
            p.place.to_string(),
            name(p.value.indicator_id),
            format!("{} {}", super::indicators::period_label(p.value.period), crate::i18n::name(p.value.kind)),
            format!("{before}{}", num(p.value.value)),
        ]
    };
    let project_row = |what: &str, (p, place): &(crate::domain::Project, String)| {
        let money = p.investment.map(|x| format!("{} {}", num(Some(x)), crate::i18n::name(p.currency))).unwrap_or_default();
        [what.to_owned(), place.clone(), p.name.clone(), crate::i18n::name(p.status).to_owned(), money]
    };
    if let Some(p) = plan.adds.get(i) {
        return value_row(tr("import.add"), p);
    }
    i -= plan.adds.len();
    if let Some(p) = plan.changes.get(i) {
        return value_row(tr("import.change"), p);
    }
    i -= plan.changes.len();
    if let Some(p) = plan.project_adds.get(i) {
        return project_row(tr("import.add_project"), p);
    }
    i -= plan.project_adds.len();
    if let Some(p) = plan.project_changes.get(i) {
        return project_row(tr("import.change_project"), p);
    }
    i -= plan.project_changes.len();
    let s = plan.skips.get(i).map_or("", String::as_str);
    // "place：reason": the reason goes in the wide last column.
    let (place, reason) = s.split_once('：').unwrap_or((s, ""));
    [tr("import.skip").to_owned(), place.to_owned(), String::new(), String::new(), reason.to_owned()]
}

#[cfg(test)]
mod tests {
    use crate::domain::indicator::{Category, Indicator, Nature};

    fn ind(id: i64, zh: &str, en: &str) -> Indicator {
        Indicator {
            id,
            name_zh: zh.into(),
            name_en: en.into(),
            unit: "亿元".into(),
            category: Category::Economy,
            precision: 2,
            nature: Nature::Flow,
            parent: None,
            builtin: true,
            sort_order: id,
        }
    }

    #[test]
    fn the_mapping_list_puts_the_likeliest_first_and_searches() {
        let all = [ind(1, "地区生产总值", "Gross regional product"), ind(2, "规上工业总产值", "Gross industrial output"), ind(3, "税收收入", "Tax revenue")];
        let names = |v: Vec<&Indicator>| v.iter().map(|i| i.id).collect::<Vec<_>>();
        assert_eq!(names(super::ranked(&all, "规模以上工业总产值", "")).first(), Some(&2));
        assert_eq!(names(super::ranked(&all, "x", "税收")), vec![3]);
        assert_eq!(names(super::ranked(&all, "x", "TAX")), vec![3], "English ignores case");
    }
}

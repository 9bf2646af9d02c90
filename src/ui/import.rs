//! 导入 page: pick a spreadsheet (dialog, or a typed path where no dialog is available),
//! see what it will add, change and skip, and only then confirm. The commit is one
//! transaction; nothing is written before the clerk confirms.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{theme, widgets};
use crate::app::{Action, Cache};
use crate::i18n::{tr, trf};

#[derive(Default)]
pub struct ImportPage {
    pub path: String,
}

pub fn import_ui(ui: &mut Ui, cache: &Cache, page: &mut ImportPage, actions: &mut Vec<Action>) {
    ui.heading(tr("import.title"));
    ui.label(RichText::new(tr("import.hint")).small());
    ui.add_space(theme::GAP);
    ui.horizontal(|ui| {
        widgets::text_field(ui, tr("import.path"), &mut page.path);
        if ui.button(tr("import.browse")).clicked() {
            if let Some(p) = rfd::FileDialog::new().add_filter(tr("import.filter"), &["xlsx", "xls", "ods", "csv"]).pick_file() {
                page.path = p.display().to_string();
            }
        }
        let park = cache.park().map(|p| p.name.clone());
        if ui.button(tr("import.preview")).clicked() && !page.path.trim().is_empty() {
            actions.push(Action::PreviewImport { path: page.path.trim().into(), park });
        }
    });
    let Some(plan) = &cache.import_plan else { return };
    ui.separator();
    let (adds, changes) = (plan.adds.len() + plan.project_adds.len(), plan.changes.len() + plan.project_changes.len());
    ui.label(RichText::new(trf("import.summary", &[&adds, &changes, &plan.unchanged, &plan.skips.len()])).strong());
    ui.horizontal(|ui| {
        let n = plan.writes();
        if ui.add_enabled(n > 0, egui::Button::new(trf("import.commit", &[&n]))).clicked() {
            actions.push(Action::CommitImport);
        }
        if ui.button(tr("action.cancel")).clicked() {
            actions.push(Action::CancelImport);
        }
    });
    let name = |id: i64| cache.indicator(id).map_or("?", |i| i.name_zh.as_str());
    let num = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| crate::report::draft::number(x, 4));
    let rows: Vec<[String; 5]> = plan
        .adds
        .iter()
        .map(|p| (tr("import.add"), p))
        .chain(plan.changes.iter().map(|p| (tr("import.change"), p)))
        .map(|(what, p)| {
            let before = p.before.as_ref().map(|b| format!("{} → ", num(b.value))).unwrap_or_default();
            [
                what.to_owned(),
                p.place.clone(),
                name(p.value.indicator_id).to_owned(),
                format!("{} {}", p.value.period.label_zh(), p.value.kind.label_zh()),
                format!("{before}{}", num(p.value.value)),
            ]
        })
        .chain(plan.project_adds.iter().map(|p| (tr("import.add_project"), p)).chain(plan.project_changes.iter().map(|p| (tr("import.change_project"), p))).map(
            |(what, (p, place))| {
                let money = p.investment.map(|x| format!("{} {}", num(Some(x)), p.currency.label_zh())).unwrap_or_default();
                [what.to_owned(), place.clone(), p.name.clone(), crate::i18n::name(p.status).to_owned(), money]
            },
        ))
        .chain(plan.skips.iter().map(|s| {
            // "place：reason": the reason goes in the wide last column.
            let (place, reason) = s.split_once('：').unwrap_or((s.as_str(), ""));
            [tr("import.skip").to_owned(), place.to_owned(), String::new(), String::new(), reason.to_owned()]
        }))
        .collect();
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
            body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                let r = &rows[row.index()];
                for cell in r {
                    row.col(|ui| {
                        ui.label(cell);
                    });
                }
            });
        });
}

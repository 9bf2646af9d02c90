//! 上报汇总 page: the selected park's package for the county (生成上报包…), and the
//! county's side: packages checked and previewed (接收上报包…, then 确认接收), who has
//! reported for a period and who is missing, and the totals with their YoY, exported as
//! the 汇总表.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{theme, widgets};
use crate::app::county::CountyAction;
use crate::app::{Actions, App};
use crate::county::sheet::row_note;
use crate::county::totals::{Consolidation, TotalRow};
use crate::domain::format::grouped;
use crate::export::Format;
use crate::i18n::{is_english, period_label, tr, trf};

/// The extension packages are written with (any file is accepted on receiving).
const PACKAGE_EXT: &str = "plpkg";

#[derive(Default)]
pub struct CountyPage {
    pub year: Option<i32>,
    pub span: Option<(u8, u8)>,
    /// Where to write or what to open when the desktop has no file dialog: 0 the package,
    /// 1 the packages to receive, 2 the 汇总表, 3 the county's summary.
    pub path: widgets::PathEntry,
    /// The county's summary being edited, and the name being typed.
    draft: Option<crate::report::ReportSpec>,
    name: Option<String>,
}

impl CountyPage {
    /// Drops the local draft so the next frame takes the saved (or redrafted) one.
    pub fn reload(&mut self) {
        self.draft = None;
    }
}

pub fn county_ui(ui: &mut Ui, app: &App, page: &mut CountyPage, actions: &mut Actions) {
    let period = ui.horizontal_wrapped(|ui| widgets::period_ui(ui, &mut page.year, &mut page.span, app.cache.latest_year())).inner;
    ui.add_space(theme::GAP);
    package_ui(ui, app, page, period, actions);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr("county.receive_heading"));
        if ui.add_enabled(!app.store().is_read_only(), egui::Button::new(tr("county.receive"))).clicked() {
            // Several at once (a month's packages); the fallback path field takes one.
            let mut files = Vec::new();
            page.path.dialog(1, "", || {
                files = rfd::FileDialog::new().add_filter(tr("county.package_filter"), &[PACKAGE_EXT]).add_filter("*", &["*"]).pick_files().unwrap_or_default();
                files.first().cloned()
            });
            if !files.is_empty() {
                actions.push(CountyAction::Preview(files));
            }
        }
    });
    preview_ui(ui, app, actions);
    if let Some((which, path)) = page.path.fallback_ui(ui, tr("county.use_path")) {
        match which {
            0 => actions.push(CountyAction::MakePackage { period, path }),
            1 => actions.push(CountyAction::Preview(vec![path])),
            2 => actions.push(CountyAction::ExportTotals { period, format: format_of(&path), path }),
            _ => actions.push(CountyAction::ExportReport { period, path }),
        }
    }
    ui.separator();
    egui::CollapsingHeader::new(RichText::new(tr("county.report_heading")).strong()).id_salt("county_report").show(ui, |ui| {
        county_report_ui(ui, app, page, period, actions);
    });
    ui.separator();
    totals_ui(ui, app, page, period, actions);
}

/// The county's own summary: its name, the document editor (the Report page's), export.
fn county_report_ui(ui: &mut Ui, app: &App, page: &mut CountyPage, period: crate::domain::Period, actions: &mut Actions) {
    let Some(open) = widgets::loaded(ui, app.county.report.get(&period), || actions.push(CountyAction::OpenReport(period))) else { return };
    if open.data.totals.is_empty() {
        ui.label(RichText::new(trf("cli.consolidate_nothing", &[&period_label(period)])).color(theme::warning(ui)));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let label = tr("county.name");
        ui.label(label);
        let name = page.name.get_or_insert_with(|| app.county.name.clone().unwrap_or_default());
        let field = ui.add(egui::TextEdit::singleline(name).desired_width(200.0).hint_text(tr("county.name_hint"))).accessible_name(label);
        if field.lost_focus() && Some(name.trim()) != app.county.name.as_deref() {
            actions.push(CountyAction::SetCountyName(name.clone()));
        }
        ui.separator();
        if ui.button(tr("county.export_report")).clicked() {
            let file = format!("{}.pdf", open.spec.title);
            let picked = page.path.dialog(3, &file, || rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name(&file).save_file());
            if let Some(path) = picked {
                actions.push(CountyAction::ExportReport { period, path });
            }
        }
    });
    if page.draft.as_ref().is_none_or(|d| d.period != period) {
        page.draft = Some(open.spec.clone());
    }
    let Some(draft) = &mut page.draft else { return };
    let data = open.data.report_data();
    let edited = egui::ScrollArea::vertical()
        .id_salt("county_report_editor")
        .max_height(420.0)
        .show(ui, |ui| super::report_parts::editor_ui(ui, draft, Some(&data), None))
        .inner;
    if edited.redraft {
        // The drafted parts are written again from the totals; what the clerk wrote
        // elsewhere is saved first and stays.
        actions.push(CountyAction::SaveReport(Box::new(draft.clone())));
        actions.push(CountyAction::RedraftReport);
        return;
    }
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if *draft != open.spec && (edited.reshaped || !typing) {
        actions.push(CountyAction::SaveReport(Box::new(draft.clone())));
    }
}

/// The park side: this park's package for the county.
fn package_ui(ui: &mut Ui, app: &App, page: &mut CountyPage, period: crate::domain::Period, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr("county.package_heading"));
        let Some(park) = app.cache.park() else {
            ui.label(tr("park.empty_hint"));
            return;
        };
        ui.label(trf("county.package_of", &[&park.name, &period_label(period)]));
        if ui.button(tr("county.make_package")).on_hover_text(tr("county.make_package_hint")).clicked() {
            let name = format!("{}-{}.{PACKAGE_EXT}", park.name, period.label_zh());
            let picked = page.path.dialog(0, &name, || rfd::FileDialog::new().add_filter(tr("county.package_filter"), &[PACKAGE_EXT]).set_file_name(&name).save_file());
            if let Some(path) = picked {
                actions.push(CountyAction::MakePackage { period, path });
            }
        }
    });
}

/// The packages checked and what receiving each would do, with 确认接收 and 取消.
fn preview_ui(ui: &mut Ui, app: &App, actions: &mut Actions) {
    let preview = &app.county.preview;
    if preview.is_empty() {
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        for p in preview {
            let file = p.file.file_name().map_or_else(|| p.file.display().to_string(), |n| n.to_string_lossy().into_owned());
            match &p.outcome {
                Ok((_, r)) => {
                    let errors = r.plan.findings.iter().filter(|f| f.level == crate::audit::Level::Error).count();
                    let park = format!("{} {}", r.park, period_label(r.period));
                    ui.label(trf("cli.receive_would", &[&file, &park, &r.version, &r.plan.summary(), &errors, &(r.plan.findings.len() - errors)]));
                    let mut notes: Vec<String> = Vec::new();
                    if let Some(spelled) = &r.spelled {
                        notes.push(trf("cli.receive_spelled", &[spelled, &r.park]));
                    }
                    if r.new_park {
                        notes.push(trf("cli.receive_would_create_park", &[&r.park]));
                    }
                    notes.extend(r.indicators_created.iter().chain(&r.plan.skips).cloned());
                    for n in notes.iter().take(12) {
                        ui.label(RichText::new(format!("    {n}")).color(theme::derived(ui)));
                    }
                    if notes.len() > 12 {
                        ui.label(trf("county.more_notes", &[&(notes.len() - 12)]));
                    }
                }
                Err(e) => {
                    ui.label(RichText::new(trf("cli.package_refused", &[&file, e])).color(theme::error(ui)));
                }
            }
        }
        let ok = preview.iter().filter(|p| p.outcome.is_ok()).count();
        ui.horizontal(|ui| {
            if ui.add_enabled(ok > 0, egui::Button::new(trf("county.confirm", &[&ok]))).clicked() {
                actions.push(CountyAction::Receive);
            }
            if ui.button(tr("county.cancel")).clicked() {
                actions.push(CountyAction::CancelPreview);
            }
        });
    });
}

fn format_of(path: &std::path::Path) -> Format {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        _ => Format::Xlsx,
    }
}

/// Who reported, who is missing, and the totals table.
fn totals_ui(ui: &mut Ui, app: &App, page: &mut CountyPage, period: crate::domain::Period, actions: &mut Actions) {
    let Some(totals) = widgets::loaded(ui, app.county.totals.get(&period), || actions.push(CountyAction::Open(period))) else { return };
    ui.horizontal_wrapped(|ui| {
        ui.strong(trf("county.totals_heading", &[&period_label(period)]));
        if ui.add_enabled(!totals.is_empty(), egui::Button::new(tr("county.export_xlsx"))).clicked() {
            let name = format!("{}园区指标汇总表.xlsx", period.label_zh());
            let picked = page.path.dialog(2, &name, || rfd::FileDialog::new().add_filter("Excel", &["xlsx"]).add_filter("CSV", &["csv"]).set_file_name(&name).save_file());
            if let Some(path) = picked {
                actions.push(CountyAction::ExportTotals { period, format: format_of(&path), path });
            }
        }
    });
    if totals.is_empty() {
        ui.label(RichText::new(trf("cli.consolidate_nothing", &[&period_label(period)])).color(theme::warning(ui)));
        return;
    }
    reporters_ui(ui, totals);
    ui.add_space(theme::GAP);
    totals_table_ui(ui, totals);
}

/// 已上报 N 个 (each with its version and when it came), 未上报 M 个 (named).
fn reporters_ui(ui: &mut Ui, totals: &Consolidation) {
    ui.horizontal_wrapped(|ui| {
        ui.label(trf("county.reported", &[&totals.parks.len()]));
        for p in &totals.parks {
            let text = match p.version {
                Some(v) => trf("county.reported_one", &[&p.name, &v]),
                None => p.name.clone(),
            };
            let hover = match (&p.made_at, &p.received_at) {
                (Some(m), Some(r)) => trf("county.reported_when", &[m, r]),
                _ => tr("county.not_by_package").to_owned(),
            };
            ui.label(text).on_hover_text(hover);
        }
    });
    let missing = if totals.missing.is_empty() { tr("county.none_missing").to_owned() } else { trf("county.missing", &[&totals.missing.len(), &totals.missing.join("、")]) };
    let color = if totals.missing.is_empty() { theme::derived(ui) } else { theme::warning(ui) };
    ui.label(RichText::new(missing).color(color));
}

fn indicator_name(r: &TotalRow) -> &str {
    if is_english() && !r.indicator_en.is_empty() { &r.indicator_en } else { &r.indicator }
}

/// 指标 | 单位 | 合计 | 上报 | 同比 | each park | 说明: the total first, where the eye goes.
fn totals_table_ui(ui: &mut Ui, totals: &Consolidation) {
    let english = is_english();
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .column(Column::initial(if english { 220.0 } else { 170.0 }).at_least(100.0).clip(true))
            .column(Column::initial(if english { 100.0 } else { 64.0 }).clip(true))
            .column(Column::initial(110.0).clip(true))
            .column(Column::initial(56.0).clip(true))
            .column(Column::initial(80.0).clip(true));
        for _ in &totals.parks {
            table = table.column(Column::initial(110.0).clip(true));
        }
        table
            .column(Column::remainder().at_least(120.0))
            .header(theme::ROW_HEIGHT + 4.0, |mut h| {
                for key in ["county.col_indicator", "county.col_unit", "county.col_total", "county.col_reported", "county.col_yoy"] {
                    h.col(|ui| {
                        ui.strong(tr(key));
                    });
                }
                for p in &totals.parks {
                    h.col(|ui| {
                        ui.add(egui::Label::new(RichText::new(&p.name).strong()).truncate());
                    });
                }
                h.col(|ui| {
                    ui.strong(tr("county.col_note"));
                });
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, totals.rows.len(), |mut row| {
                    let r = &totals.rows[row.index()];
                    let cell = |ui: &mut Ui, text: &str| {
                        ui.add(egui::Label::new(text).truncate());
                    };
                    let number = |ui: &mut Ui, value: f64, estimate: bool| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // In the indicator's decimals: a worked-back 43.5249 reads 43.52.
                            let text = grouped(value, crate::domain::format::decimals_needed(value).min(r.precision));
                            if estimate {
                                ui.label(RichText::new(format!("{text}*")).italics()).on_hover_text(tr("county.estimate_mark"));
                            } else {
                                ui.label(text);
                            }
                        });
                    };
                    row.col(|ui| cell(ui, indicator_name(r)));
                    row.col(|ui| cell(ui, crate::i18n::unit(&r.unit)));
                    row.col(|ui| match r.total {
                        Some(t) => number(ui, t, r.with_estimates),
                        None => cell(ui, "—"),
                    });
                    row.col(|ui| cell(ui, &format!("{}/{}", r.reported, totals.parks.len())));
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(r.yoy_pct.map(|y| format!("{y:.1}%")).unwrap_or_default());
                        });
                    });
                    for f in &r.by_park {
                        row.col(|ui| {
                            if let Some(f) = f {
                                number(ui, f.value, f.estimate);
                            }
                        });
                    }
                    row.col(|ui| cell(ui, &row_note(r)));
                });
            });
    });
}

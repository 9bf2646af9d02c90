//! 从工作总结摘录: the clerk opens an old summary (`.txt`, `.docx`) or pastes its text,
//! ParkLedger finds the figures, and the clerk reviews every one against its sentence,
//! highlighted in the source, before anything is saved: accept or drop it, correct its
//! indicator, period, kind, value, unit or YoY. Saving the accepted figures goes through
//! the same preview of adds and changes as a spreadsheet import.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{theme, widgets};
use crate::app::import::ImportAction;
use crate::app::{Actions, App, Cache, JobArea};
use crate::domain::period::{Period, normalize_width};
use crate::domain::value::{ValueKind, parse_rate};
use crate::extract::Fact;
use super::indicators::kind_label;
use crate::i18n::{is_english, tr, trf};
use crate::import::Reviewed;

/// One figure under review: what was found, and the clerk's corrections as typed.
#[derive(Clone, Debug)]
pub struct ReviewRow {
    pub fact: Fact,
    pub accept: bool,
    pub indicator: Option<i64>,
    pub period: String,
    pub kind: ValueKind,
    pub value: String,
    pub unit: String,
    pub yoy: String,
}

#[derive(Default)]
pub struct ReviewPage {
    pub path: String,
    /// The summary's text, loaded from a file or pasted.
    pub text: String,
    pub rows: Vec<ReviewRow>,
    pub selected: Option<usize>,
    /// Scroll the source to the selected figure in the next frame.
    scroll_to_selected: bool,
    /// Why the accepted figures cannot be saved yet, row by row.
    pub problems: Vec<(usize, String)>,
    /// Says so when the desktop has no file dialog (the path field is the way then).
    dialog: widgets::PathEntry,
}

impl ReviewPage {
    /// A new text to review: the figures found in it, all accepted where the indicator
    /// is known.
    pub fn set_text(&mut self, text: String, cache: &Cache) {
        self.text = text;
        self.find(cache);
    }

    fn find(&mut self, cache: &Cache) {
        self.rows = crate::extract::extract(&self.text).into_iter().map(|f| row_of(f, cache)).collect();
        self.selected = None;
        self.problems.clear();
    }
}

fn row_of(fact: Fact, cache: &Cache) -> ReviewRow {
    let indicator = fact.mapped.as_deref().and_then(|m| cache.indicators.iter().find(|i| i.name_zh == m)).map(|i| i.id);
    let kind = ValueKind::from_code(fact.kind).unwrap_or(ValueKind::Actual);
    let num = |v: Option<f64>| v.map(|v| crate::report::draft::number(v, 4)).unwrap_or_default();
    ReviewRow {
        accept: indicator.is_some() && fact.period.is_some() && (fact.value.is_some() || fact.yoy_pct.is_some()),
        indicator,
        period: fact.period.clone().unwrap_or_default(),
        kind,
        value: num(fact.value),
        unit: fact.unit.clone().unwrap_or_default(),
        yoy: num(fact.yoy_pct),
        fact,
    }
}

/// Reads a reviewed row into a figure to save, or says what is wrong with it.
fn reviewed(row: &ReviewRow) -> Result<Reviewed, String> {
    let indicator_id = row.indicator.ok_or_else(|| tr("extract.need_indicator").to_owned())?;
    let period = Period::parse(row.period.trim()).map_err(|_| trf("extract.bad_period", &[&row.period.trim()]))?;
    let number = |t: &str| -> Result<Option<f64>, String> {
        let t = normalize_width(t.trim()).replace([',', '，'], "");
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or_else(|| trf("extract.bad_number", &[&t]))
    };
    let value = number(&row.value)?;
    let yoy = match row.yoy.trim() {
        "" => None,
        t => Some(parse_rate(t).map_err(|_| trf("extract.bad_number", &[&t]))?),
    };
    if value.is_none() && yoy.is_none() {
        return Err(tr("extract.need_value").to_owned());
    }
    Ok(Reviewed { indicator_id, period, kind: row.kind, value, unit: row.unit.trim().to_owned(), yoy, sentence: row.fact.sentence.clone() })
}

pub fn review_ui(ui: &mut Ui, app: &App, page: &mut ReviewPage, actions: &mut Actions) {
    let cache = &app.cache;
    ui.heading(tr("extract.title"));
    ui.label(RichText::new(tr("extract.hint")).small());
    ui.add_space(theme::GAP);
    ui.horizontal(|ui| {
        widgets::text_field(ui, tr("extract.path"), &mut page.path);
        if ui.button(tr("import.browse")).clicked()
            && let Some(p) = page.dialog.dialog(0, "", || rfd::FileDialog::new().add_filter(tr("extract.filter"), &["txt", "docx"]).pick_file()) {
                page.path = p.display().to_string();
                actions.push(ImportAction::LoadSummary { path: p });
            }
        if ui.button(tr("extract.open")).clicked() && !page.path.trim().is_empty() {
            actions.push(ImportAction::LoadSummary { path: page.path.trim().into() });
        }
        if ui.button(tr("extract.find")).clicked() {
            page.find(cache);
        }
    });
    page.dialog.note_ui(ui);
    if page.rows.is_empty() {
        ui.label(tr("extract.paste"));
        let edit = egui::TextEdit::multiline(&mut page.text).desired_rows(12).desired_width(f32::INFINITY);
        ui.add(edit).accessible_name(tr("extract.text"));
        if !page.text.trim().is_empty() {
            ui.label(RichText::new(tr("extract.none")).color(theme::warning(ui)));
        }
        return;
    }
    let accepted = page.rows.iter().filter(|r| r.accept).count();
    ui.horizontal(|ui| {
        ui.label(RichText::new(trf("extract.found", &[&page.rows.len(), &accepted])).strong());
        let park = cache.park();
        let can_save = accepted > 0 && park.is_some() && !app.jobs.running(JobArea::Import);
        if ui.add_enabled(can_save, egui::Button::new(trf("extract.save", &[&accepted]))).clicked() {
            page.problems.clear();
            let mut figures = Vec::new();
            for (i, row) in page.rows.iter().enumerate().filter(|(_, r)| r.accept) {
                match reviewed(row) {
                    Ok(f) => figures.push(f),
                    Err(e) => page.problems.push((i, e)),
                }
            }
            if page.problems.is_empty() {
                let source = format!("摘录：{}", file_name(&page.path));
                actions.push(ImportAction::PlanReviewed { figures, source });
            } else {
                page.selected = Some(page.problems[0].0);
                page.scroll_to_selected = true;
            }
        }
        if ui.button(tr("extract.edit_text")).clicked() {
            page.rows.clear();
        }
        if let Some(p) = park {
            ui.label(RichText::new(trf("extract.into_park", &[&p.name])).small());
        }
    });
    for (i, problem) in &page.problems {
        ui.label(RichText::new(format!("{}: {problem}", trf("extract.row", &[&(i + 1)]))).color(theme::error(ui)));
    }
    ui.add_space(theme::GAP);
    let height = (ui.available_height() * 0.55).max(220.0);
    ui.push_id("review-table", |ui| table_ui(ui, cache, page, height));
    ui.separator();
    ui.label(RichText::new(tr("extract.source")).strong());
    source_ui(ui, page);
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path.trim()).file_name().and_then(|n| n.to_str()).unwrap_or("粘贴的文字").to_owned()
}

fn table_ui(ui: &mut Ui, cache: &Cache, page: &mut ReviewPage, height: f32) {
    let en = is_english();
    let headers = ["extract.col_accept", "grid.indicator", "grid.span", "extract.col_kind", "import.col_value", "extract.col_unit", "extract.col_yoy", "extract.col_target", "extract.col_sentence"];
    let mut clicked = None;
    TableBuilder::new(ui)
        .striped(true)
        .max_scroll_height(height)
        .column(Column::exact(44.0))
        .column(Column::initial(170.0))
        .column(Column::initial(110.0))
        .column(Column::initial(70.0))
        .column(Column::initial(90.0))
        .column(Column::initial(64.0))
        .column(Column::initial(70.0))
        .column(Column::initial(70.0))
        .column(Column::remainder().clip(true))
        .header(theme::ROW_HEIGHT, |mut h| {
            for key in headers {
                h.col(|ui| {
                    ui.strong(tr(key));
                });
            }
        })
        .body(|body| {
            body.rows(theme::ROW_HEIGHT + 4.0, page.rows.len(), |mut r| {
                let i = r.index();
                let selected = page.selected == Some(i);
                r.set_selected(selected);
                let row = &mut page.rows[i];
                let n = i + 1;
                r.col(|ui| {
                    ui.checkbox(&mut row.accept, "").accessible_name(trf("extract.accept_row", &[&n]));
                });
                r.col(|ui| {
                    let shown = row.indicator.and_then(|id| cache.indicator(id)).map_or_else(|| format!("？{}", row.fact.indicator), |i| i.name(en).to_owned());
                    egui::ComboBox::from_id_salt(("ind", i))
                        .width(160.0)
                        .truncate()
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for ind in &cache.indicators {
                                ui.selectable_value(&mut row.indicator, Some(ind.id), ind.name(en));
                            }
                        })
                        .response
                        .accessible_name(trf("extract.indicator_row", &[&n]));
                });
                let cell = |ui: &mut Ui, text: &mut String, key: &'static str| {
                    ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).accessible_name(trf(key, &[&n]));
                };
                r.col(|ui| cell(ui, &mut row.period, "extract.period_row"));
                r.col(|ui| {
                    egui::ComboBox::from_id_salt(("kind", i))
                        .width(60.0)
                        .selected_text(kind_label(row.kind))
                        .show_ui(ui, |ui| {
                            for k in [ValueKind::Actual, ValueKind::Estimate, ValueKind::Target] {
                                ui.selectable_value(&mut row.kind, k, kind_label(k));
                            }
                        })
                        .response
                        .accessible_name(trf("extract.kind_row", &[&n]));
                });
                r.col(|ui| cell(ui, &mut row.value, "extract.value_row"));
                r.col(|ui| cell(ui, &mut row.unit, "extract.unit_row"));
                r.col(|ui| cell(ui, &mut row.yoy, "extract.yoy_row"));
                r.col(|ui| {
                    ui.label(row.fact.target_pct.map(|t| format!("{t}%")).unwrap_or_default());
                });
                r.col(|ui| {
                    let resp = ui.add(egui::Label::new(&row.fact.sentence).truncate().sense(egui::Sense::click()));
                    if resp.clicked() {
                        clicked = Some(i);
                    }
                    resp.on_hover_text(&row.fact.sentence);
                });
                if r.response().clicked() {
                    clicked = Some(i);
                }
            });
        });
    if let Some(i) = clicked {
        page.selected = Some(i);
        page.scroll_to_selected = true;
    }
}

/// The source text with every figure found highlighted; the selected one strongest.
fn source_ui(ui: &mut Ui, page: &mut ReviewPage) {
    let dark = ui.visuals().dark_mode;
    let faint = if dark { Color32::from_rgb(70, 62, 20) } else { Color32::from_rgb(255, 240, 170) };
    let strong = if dark { Color32::from_rgb(150, 110, 0) } else { Color32::from_rgb(255, 200, 60) };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let mut spans: Vec<(usize, usize, bool)> = page
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.fact.span.0, r.fact.span.1, page.selected == Some(i)))
        .filter(|(a, b, _)| a < b && *b <= page.text.len() && page.text.is_char_boundary(*a) && page.text.is_char_boundary(*b))
        .collect();
    spans.sort_by_key(|s| s.0);
    let mut job = LayoutJob { wrap: egui::text::TextWrapping { max_width: ui.available_width() - 16.0, ..Default::default() }, ..Default::default() };
    let plain = TextFormat::simple(font.clone(), color);
    let mut at = 0;
    let mut selected_at = None;
    for (a, b, sel) in spans {
        if a < at {
            continue;
        }
        job.append(&page.text[at..a], 0.0, plain.clone());
        if sel {
            selected_at = Some(a);
        }
        let format = TextFormat { background: if sel { strong } else { faint }, ..plain.clone() };
        job.append(&page.text[a..b], 0.0, format);
        at = b;
    }
    job.append(&page.text[at..], 0.0, plain);
    egui::ScrollArea::vertical().id_salt("review-source").auto_shrink([false, false]).show(ui, |ui| {
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let response = ui.add(egui::Label::new(galley.clone()).selectable(true));
        if let (Some(a), true) = (selected_at, page.scroll_to_selected) {
            let chars = page.text[..a].chars().count();
            let rect = galley.pos_from_cursor(egui::text::CCursor::new(chars)).translate(response.rect.min.to_vec2());
            ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
            page.scroll_to_selected = false;
        }
    });
}

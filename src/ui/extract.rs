//! 从工作总结摘录: the clerk opens an old summary (`.txt`, `.docx`) or pastes its text,
//! ParkLedger finds the figures, and the clerk reviews every one against its sentence,
//! highlighted in the source, before anything is saved: accept or drop it, correct its
//! indicator, period, kind, value, unit or YoY. A figure named as the catalogue does not
//! name it is offered under its own name, for the clerk to map or to make a new indicator
//! of; the name is remembered, as the spreadsheet import remembers a sheet's names. A
//! company's or sub-park's figure is shown with whose it is and not accepted until the
//! clerk says so. A figure the extractor missed is added by selecting it in the source.
//! Saving the accepted figures goes through the same preview of adds and changes as a
//! spreadsheet import.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{theme, widgets};
use crate::app::import::ImportAction;
use crate::app::{Actions, App, Cache, JobArea};
use crate::domain::period::{Period, normalize_width};
use crate::domain::value::{ValueKind, parse_rate};
use crate::domain::indicator::{Category, Indicator, Nature};
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
    /// The new indicator being made for a row's figure.
    new_indicator: Option<(usize, Indicator)>,
    /// The text selected in the source (bytes), to add as a figure.
    selection: Option<(usize, usize)>,
    /// Why the selection could not be added.
    selection_problem: Option<String>,
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
        self.new_indicator = None;
    }

    /// Adds the selected source text as a figure: its first number with the unit after it,
    /// named by the words before it, in the period of the figure found just before it.
    pub fn add_selection(&mut self, cache: &Cache) -> Result<usize, String> {
        let (a, b) = self.selection.filter(|(a, b)| a < b && *b <= self.text.len() && self.text.is_char_boundary(*a) && self.text.is_char_boundary(*b)).ok_or_else(|| tr("extract.no_number").to_owned())?;
        let fact = crate::extract::fact_in_selection(&self.text, (a, b)).ok_or_else(|| tr("extract.no_number").to_owned())?;
        let before = self.rows.iter().filter(|r| r.fact.span.0 <= a).max_by_key(|r| r.fact.span.0).map(|r| r.period.clone());
        let mut row = row_of(fact, cache);
        if row.period.is_empty() {
            row.period = before.unwrap_or_default();
        }
        row.accept = row.indicator.is_some() && !row.period.is_empty();
        let at = self.rows.iter().position(|r| r.fact.span.0 > a).unwrap_or(self.rows.len());
        self.rows.insert(at, row);
        self.selected = Some(at);
        self.selection = None;
        Ok(at)
    }
}

fn row_of(fact: Fact, cache: &Cache) -> ReviewRow {
    let catalogue = fact.mapped.as_deref().and_then(|m| cache.indicators.iter().find(|i| i.name_zh == m)).map(|i| i.id);
    let indicator = catalogue.or_else(|| cache.indicator_named(&fact.indicator));
    let kind = ValueKind::from_code(fact.kind).unwrap_or(ValueKind::Actual);
    let num = |v: Option<f64>| v.map(|v| crate::report::draft::number(v, 4)).unwrap_or_default();
    ReviewRow {
        accept: indicator.is_some() && fact.subject.is_none() && fact.period.is_some() && (fact.value.is_some() || fact.yoy_pct.is_some()),
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
                // The names the clerk mapped by hand are remembered for the next summary.
                let names: Vec<(String, i64)> = page
                    .rows
                    .iter()
                    .filter(|r| r.accept && r.fact.mapped.is_none() && !r.fact.indicator.is_empty())
                    .filter_map(|r| r.indicator.map(|id| (r.fact.indicator.clone(), id)))
                    .filter(|(label, id)| cache.indicator(*id).is_some_and(|i| i.name_zh != *label))
                    .collect();
                if !names.is_empty() {
                    actions.push(ImportAction::RememberNames(names));
                }
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
    // A name remembered since (a new indicator made for it) maps every row that has it.
    for row in page.rows.iter_mut().filter(|r| r.indicator.is_none()) {
        if let Some(id) = cache.label_mappings.get(&crate::import::label_key(&row.fact.indicator)).filter(|id| cache.indicator(**id).is_some()) {
            row.indicator = Some(*id);
            row.accept = row.fact.subject.is_none() && !row.period.is_empty();
        }
    }
    let unmapped = page.rows.iter().filter(|r| r.indicator.is_none()).count();
    if unmapped > 0 {
        ui.label(RichText::new(trf("extract.unmapped", &[&unmapped])).color(unmapped_color(ui)));
    }
    new_indicator_ui(ui, page, actions);
    ui.add_space(theme::GAP);
    let height = (ui.available_height() * 0.5).max(200.0);
    ui.push_id("review-table", |ui| table_ui(ui, cache, page, height));
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr("extract.source")).strong());
        ui.label(RichText::new(tr("extract.legend")).small());
    });
    ui.horizontal_wrapped(|ui| {
        let can_add = page.selection.is_some_and(|(a, b)| a < b);
        if ui.add_enabled(can_add, egui::Button::new(tr("extract.add_selection"))).clicked() {
            page.selection_problem = page.add_selection(cache).err();
            page.scroll_to_selected = page.selection_problem.is_none();
        }
        match &page.selection_problem {
            Some(problem) => ui.label(RichText::new(problem).color(theme::error(ui))),
            None => ui.label(RichText::new(tr("extract.select_hint")).small()),
        };
    });
    source_ui(ui, page);
}

/// The colour of a figure whose indicator is still to be chosen.
fn unmapped_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(120, 170, 255) } else { Color32::from_rgb(30, 90, 200) }
}

/// The form for a new indicator made for a row's figure: named as the summary names it,
/// in its unit. Saving adds it to the catalogue and remembers the name for it.
fn new_indicator_ui(ui: &mut Ui, page: &mut ReviewPage, actions: &mut Actions) {
    let Some((row, draft)) = &mut page.new_indicator else { return };
    let label = page.rows.get(*row).map(|r| r.fact.indicator.clone()).unwrap_or_default();
    ui.label(RichText::new(trf("extract.new_indicator_title", &[&(*row + 1), &label])).strong());
    let done = super::indicators::indicator_form(ui, draft);
    if done == Some(true) {
        actions.push(ImportAction::NewIndicatorFor { indicator: draft.clone(), label });
    }
    if done.is_some() {
        page.new_indicator = None;
    }
}

/// A new indicator for a figure named `name` in `unit`: a count is a count, a percentage
/// a rate, money the economy's.
fn draft_for(name: &str, unit: &str) -> Indicator {
    let rate = unit == "%" || unit == "‰";
    let count = ["家", "个", "户", "项", "件", "座", "人", "名", "次", "场"].iter().any(|u| unit.ends_with(u));
    Indicator {
        id: 0,
        name_zh: name.to_owned(),
        name_en: String::new(),
        unit: if unit.is_empty() { "%".to_owned() } else { unit.to_owned() },
        category: Category::Economy,
        precision: if count { 0 } else { 2 },
        nature: if rate { Nature::Rate } else { Nature::Flow },
        parent: None,
        builtin: false,
        sort_order: 0,
    }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path.trim()).file_name().and_then(|n| n.to_str()).unwrap_or("粘贴的文字").to_owned()
}

fn table_ui(ui: &mut Ui, cache: &Cache, page: &mut ReviewPage, height: f32) {
    let en = is_english();
    let headers = [
        "extract.col_accept",
        "grid.indicator",
        "extract.col_subject",
        "grid.span",
        "extract.col_kind",
        "import.col_value",
        "extract.col_unit",
        "extract.col_yoy",
        "extract.col_target",
        "extract.col_sentence",
    ];
    let mut clicked = None;
    let mut new_for = None;
    let blue = unmapped_color(ui);
    TableBuilder::new(ui)
        .striped(true)
        .max_scroll_height(height)
        .column(Column::exact(44.0))
        .column(Column::initial(170.0))
        .column(Column::initial(90.0).clip(true))
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
                    let shown = match row.indicator.and_then(|id| cache.indicator(id)) {
                        Some(i) => RichText::new(i.name(en)),
                        None => RichText::new(format!("？{}", row.fact.indicator)).color(blue),
                    };
                    let before = row.indicator;
                    egui::ComboBox::from_id_salt(("ind", i))
                        .width(160.0)
                        .truncate()
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            if row.fact.mapped.is_none() && ui.button(trf("extract.new_indicator", &[&row.fact.indicator])).clicked() {
                                new_for = Some(i);
                                ui.close();
                            }
                            // A search field over the catalogue, kept while the list is open.
                            let id = ui.make_persistent_id(("review_search", i));
                            let mut search: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
                            ui.add(egui::TextEdit::singleline(&mut search).hint_text(tr("import.search")).desired_width(200.0)).accessible_name(tr("import.search"));
                            ui.data_mut(|d| d.insert_temp(id, search.clone()));
                            for ind in super::import::ranked(&cache.indicators, &row.fact.indicator, &search) {
                                ui.selectable_value(&mut row.indicator, Some(ind.id), ind.name(en));
                            }
                        })
                        .response
                        .accessible_name(trf("extract.indicator_row", &[&n]));
                    if before.is_none() && row.indicator.is_some() {
                        row.accept = true;
                    }
                });
                r.col(|ui| {
                    let subject = row.fact.subject.as_deref().unwrap_or_default();
                    ui.label(RichText::new(subject).color(ui.visuals().weak_text_color())).on_hover_text(subject).accessible_name(trf("extract.subject_row", &[&n]));
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
    if let Some(i) = new_for {
        let f = &page.rows[i].fact;
        page.new_indicator = Some((i, draft_for(&f.indicator, f.unit.as_deref().unwrap_or(""))));
    }
}

/// The source text with every figure found highlighted (a mapped one yellow, one whose
/// indicator is to be chosen blue, a company's or sub-park's grey), the selected one
/// strongest. It can be selected but not edited: a selection is a figure to add.
fn source_ui(ui: &mut Ui, page: &mut ReviewPage) {
    let dark = ui.visuals().dark_mode;
    let faint = if dark { Color32::from_rgb(70, 62, 20) } else { Color32::from_rgb(255, 240, 170) };
    let blue = if dark { Color32::from_rgb(30, 50, 90) } else { Color32::from_rgb(205, 225, 255) };
    let grey = if dark { Color32::from_rgb(60, 60, 60) } else { Color32::from_rgb(225, 225, 225) };
    let strong = if dark { Color32::from_rgb(150, 110, 0) } else { Color32::from_rgb(255, 200, 60) };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let mut spans: Vec<(usize, usize, Color32)> = page
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let background = if page.selected == Some(i) {
                strong
            } else if r.fact.subject.is_some() {
                grey
            } else if r.indicator.is_none() {
                blue
            } else {
                faint
            };
            (r.fact.span.0, r.fact.span.1, background)
        })
        .filter(|(a, b, _)| a < b && *b <= page.text.len() && page.text.is_char_boundary(*a) && page.text.is_char_boundary(*b))
        .collect();
    spans.sort_by_key(|s| s.0);
    let selected_at = page.selected.and_then(|i| page.rows.get(i)).map(|r| r.fact.span.0).filter(|a| *a <= page.text.len() && page.text.is_char_boundary(*a));
    let text = page.text.as_str();
    let mut layouter = |ui: &Ui, _: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = LayoutJob { wrap: egui::text::TextWrapping { max_width: wrap_width, ..Default::default() }, ..Default::default() };
        let plain = TextFormat::simple(font.clone(), color);
        let mut at = 0;
        for &(a, b, background) in &spans {
            if a < at {
                continue;
            }
            job.append(&text[at..a], 0.0, plain.clone());
            job.append(&text[a..b], 0.0, TextFormat { background, ..plain.clone() });
            at = b;
        }
        job.append(&text[at..], 0.0, plain);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    egui::ScrollArea::vertical().id_salt("review-source").auto_shrink([false, false]).show(ui, |ui| {
        let mut shown = text;
        let output = egui::TextEdit::multiline(&mut shown)
            .desired_width(f32::INFINITY)
            .frame(egui::Frame::NONE)
            .layouter(&mut layouter)
            .show(ui);
        output.response.response.clone().accessible_name(tr("extract.source"));
        if let Some(range) = output.cursor_range.filter(|r| !r.is_empty()) {
            let chars = range.as_sorted_char_range();
            let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
            page.selection = Some((byte(chars.start.0), byte(chars.end.0)));
            page.selection_problem = None;
        }
        if let (Some(a), true) = (selected_at, page.scroll_to_selected) {
            let chars = text[..a].chars().count();
            let rect = output.galley.pos_from_cursor(egui::text::CCursor::new(chars)).translate(output.galley_pos.to_vec2());
            ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
            page.scroll_to_selected = false;
        }
    });
}

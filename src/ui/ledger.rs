//! 项目台账 page: the project table with sort, filters and search, the year's ledger
//! figures above it, and the detail form beside it. The table is virtualised (only
//! visible rows are laid out) and its filtered order is cached until data or filters
//! change, so it stays smooth with thousands of projects.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{project_form, theme, widgets};
use crate::app::ledger::LedgerAction;
use crate::app::{Actions, Cache, ProjectDraft};
use crate::domain::format::{grouped, percent};
use crate::domain::project::{Currency, KeyLevel, Project, ProjectStatus};
use crate::i18n::{name, tr, trf};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Status,
    Investment,
    Started,
    Chain,
}

/// Filters as chosen in the toolbar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub status: Option<ProjectStatus>,
    pub chain: Option<String>,
    pub level: Option<KeyLevel>,
    /// Projects under way (开复工) in this year.
    pub year: Option<i32>,
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
    /// List every park's projects, not just the selected park's.
    pub all_parks: bool,
}

#[derive(Default)]
pub struct LedgerPage {
    pub selected: Option<i64>,
    pub draft: Option<ProjectDraft>,
    pub filters: Filters,
    /// Indices into the ledger's project list, filtered and sorted; valid for `view_key`.
    view: Vec<usize>,
    view_key: Option<(u64, Filters)>,
    pub(super) form: project_form::FormState,
    /// The open file cannot be written: the project form is shown greyed out.
    pub read_only: bool,
}

impl LedgerPage {
    pub fn select(&mut self, id: Option<i64>) {
        self.selected = id;
        self.draft = None;
        self.form = Default::default();
    }

    fn refresh_view(&mut self, cache: &Cache) {
        let key = (cache.generation, self.filters.clone());
        if self.view_key.as_ref() == Some(&key) {
            return;
        }
        let f = &self.filters;
        let needle = f.search.trim().to_lowercase();
        let projects = cache.ledger_projects(f.all_parks);
        let mut view: Vec<usize> = projects
            .iter()
            .enumerate()
            .filter(|(_, p)| f.status.is_none_or(|s| p.status == s))
            .filter(|(_, p)| f.chain.as_ref().is_none_or(|c| &p.chain == c))
            .filter(|(_, p)| f.level.is_none_or(|l| p.key_level == l))
            .filter(|(_, p)| f.year.is_none_or(|y| p.active_in(y) || p.completed_in(y)))
            .filter(|(_, p)| {
                needle.is_empty()
                    || p.name.to_lowercase().contains(&needle)
                    || p.company.to_lowercase().contains(&needle)
                    || p.capacity.to_lowercase().contains(&needle)
            })
            .map(|(i, _)| i)
            .collect();
        let ps = projects;
        view.sort_by(|&a, &b| {
            let (a, b) = (&ps[a], &ps[b]);
            match f.sort {
                SortKey::Name => a.name.cmp(&b.name),
                SortKey::Status => a.status.cmp(&b.status),
                SortKey::Investment => a.investment.unwrap_or(0.0).total_cmp(&b.investment.unwrap_or(0.0)),
                SortKey::Started => a.started_on.cmp(&b.started_on),
                SortKey::Chain => a.chain.cmp(&b.chain),
            }
        });
        if f.descending {
            view.reverse();
        }
        self.view = view;
        self.view_key = Some(key);
    }
}

pub fn money(amount: Option<f64>, currency: Currency) -> String {
    let unit = crate::i18n::name(currency);
    let gap = if crate::i18n::is_english() { " " } else { "" };
    amount.map(|a| format!("{}{gap}{unit}", grouped(a, if a.fract() == 0.0 { 0 } else { 2 }))).unwrap_or_default()
}

pub fn ledger_ui(ui: &mut Ui, cache: &Cache, page: &mut LedgerPage, actions: &mut Actions) {
    let Some(park) = cache.park() else {
        ui.label(tr("park.empty_hint"));
        return;
    };
    if page.selected.is_some() || page.draft.is_some() {
        egui::Panel::right("project_detail")
            .default_size(theme::DETAIL_WIDTH)
            .resizable(true)
            .show(ui, |ui| {
                ui.add_enabled_ui(!page.read_only, |ui| project_form::detail_ui(ui, cache, page, actions));
            });
    }
    ui.horizontal(|ui| {
        let scope = if page.filters.all_parks { tr("ledger.all_parks_title") } else { park.name.as_str() };
        ui.heading(trf("ledger.title", &[&scope]));
        if ui.button(tr("project.new")).clicked() {
            page.select(None);
            page.draft = Some(ProjectDraft { park_id: park.id, status: Some(ProjectStatus::Signed), ..Default::default() });
        }
    });
    if page.filters.all_parks && cache.all_projects.is_none() {
        actions.push(LedgerAction::LoadAllProjects);
    }
    summary_ui(ui, cache, page);
    filters_ui(ui, cache, &mut page.filters);
    page.refresh_view(cache);
    ui.label(trf("ledger.count", &[&page.view.len(), &cache.ledger_projects(page.filters.all_parks).len()]));
    table_ui(ui, cache, page);
}

/// The figures a summary quotes: 开复工 projects, completed, investment, 开复工率.
fn summary_ui(ui: &mut Ui, cache: &Cache, page: &LedgerPage) {
    let year = page.filters.year.unwrap_or_else(|| cache.latest_year());
    let s = cache.ledger_summary(year, page.filters.all_parks);
    let mut text = trf("ledger.summary", &[&year, &s.active, &s.started_this_year, &s.completed]);
    if !s.investment_entered {
        text.push_str(tr("ledger.summary_no_investment"));
    } else {
        text.push_str(&trf("ledger.summary_invested", &[&grouped(s.completed_investment.cny_wan, 0)]));
        if s.completed_investment.usd_wan > 0.0 {
            text.push_str(&trf("ledger.summary_usd", &[&grouped(s.completed_investment.usd_wan, 0)]));
        }
    }
    if let Some(rate) = s.active_rate() {
        text.push_str(&trf("ledger.summary_rate", &[&s.planned, &percent(rate)]));
    }
    ui.label(RichText::new(text).strong());
}

fn filters_ui(ui: &mut Ui, cache: &Cache, f: &mut Filters) {
    ui.horizontal_wrapped(|ui| {
        let mut status = f.status;
        widgets::combo(ui, tr("ledger.filter_status"), &mut status, std::iter::once(None).chain(ProjectStatus::ALL.iter().copied().map(Some)), |s| {
            s.map_or(tr("filter.all").to_owned(), |s| name(s).to_owned())
        });
        f.status = status;
        ui.label(tr("ledger.filter_chain"));
        egui::ComboBox::from_id_salt("filter_chain")
            .selected_text(f.chain.clone().unwrap_or_else(|| tr("filter.all").to_owned()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.chain, None, tr("filter.all"));
                for c in &cache.chains {
                    ui.selectable_value(&mut f.chain, Some(c.clone()), c);
                }
            })
            .response
            .accessible_name(tr("ledger.filter_chain"));
        let mut level = f.level;
        widgets::combo(ui, tr("ledger.filter_level"), &mut level, std::iter::once(None).chain(KeyLevel::ALL.iter().copied().map(Some)), |l| {
            l.map_or(tr("filter.all").to_owned(), |l| name(l).to_owned())
        });
        f.level = level;
        let mut year = f.year;
        let years = std::iter::once(None).chain(cache.years.iter().copied().map(Some));
        widgets::combo(ui, tr("ledger.filter_year"), &mut year, years, |y| y.map_or(tr("filter.all").to_owned(), |y| y.to_string()));
        f.year = year;
        ui.checkbox(&mut f.all_parks, tr("ledger.all_parks"));
        ui.label(tr("ledger.search"));
        ui.add(egui::TextEdit::singleline(&mut f.search).hint_text(tr("ledger.search_hint")).desired_width(180.0))
            .accessible_name(tr("ledger.search"));
    });
}

fn sort_header(ui: &mut Ui, f: &mut Filters, key: SortKey, label: &str) {
    let arrow = if f.sort != key { "" } else if f.descending { " ↓" } else { " ↑" };
    let button = egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false);
    if ui.add(button).on_hover_text(tr("ledger.sort_hint")).clicked() {
        if f.sort == key {
            f.descending = !f.descending;
        } else {
            f.sort = key;
            f.descending = false;
        }
    }
}

fn table_ui(ui: &mut Ui, cache: &Cache, page: &mut LedgerPage) {
    let mut clicked = None;
    let all_parks = page.filters.all_parks;
    let english = crate::i18n::is_english();
    let filters = &mut page.filters;
    // Selectable labels would take the click that selects the row.
    ui.style_mut().interaction.selectable_labels = false;
    // With the detail panel open the columns may not fit: scroll sideways, never overlap.
    egui::ScrollArea::horizontal().show(ui, |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            // Name, status, level and investment first: what a clerk scans for, still in
            // view at 1024 px with the detail panel open. English words need wider columns.
            .column(Column::initial(230.0).at_least(120.0).clip(true))
            .column(Column::initial(if english { 140.0 } else { 72.0 }).clip(true))
            .column(Column::initial(if english { 110.0 } else { 72.0 }).clip(true))
            .column(Column::initial(if english { 160.0 } else { 110.0 }).clip(true))
            .column(Column::initial(160.0).clip(true))
            .column(Column::initial(72.0).clip(true))
            .column(Column::initial(96.0).clip(true))
            .column(Column::initial(96.0).clip(true))
            .column(Column::remainder().at_least(48.0))
            .header(theme::ROW_HEIGHT + 4.0, |mut h| {
                h.col(|ui| sort_header(ui, filters, SortKey::Name, tr("project.name")));
                h.col(|ui| sort_header(ui, filters, SortKey::Status, tr("project.status")));
                h.col(|ui| { ui.strong(tr("ledger.filter_level")); });
                h.col(|ui| sort_header(ui, filters, SortKey::Investment, tr("project.investment")));
                h.col(|ui| { ui.strong(tr("project.company")); });
                h.col(|ui| { ui.strong(tr("project.zone")); });
                h.col(|ui| sort_header(ui, filters, SortKey::Chain, tr("project.chain")));
                h.col(|ui| sort_header(ui, filters, SortKey::Started, tr("project.started_on")));
                h.col(|ui| { ui.strong(tr("project.kind")); });
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, page.view.len(), |mut row| {
                    let p: &Project = &cache.ledger_projects(all_parks)[page.view[row.index()]];
                    row.set_selected(page.selected == Some(p.id));
                    // One line per row: a text wider than its column ends in … (whole on hover).
                    let cell = |ui: &mut Ui, text: &str| {
                        ui.add(egui::Label::new(text).truncate());
                    };
                    row.col(|ui| cell(ui, &p.name));
                    row.col(|ui| cell(ui, name(p.status)));
                    row.col(|ui| cell(ui, if p.key_level == KeyLevel::None { "" } else { name(p.key_level) }));
                    row.col(|ui| cell(ui, &money(p.investment, p.currency)));
                    row.col(|ui| cell(ui, &p.company));
                    row.col(|ui| {
                        let zone = cache.zone_name(p.zone_id).unwrap_or("");
                        if all_parks { cell(ui, &format!("{} {zone}", cache.park_name(p.park_id))) } else { cell(ui, zone) }
                    });
                    row.col(|ui| cell(ui, &p.chain));
                    row.col(|ui| cell(ui, &p.started_on.map(|d| d.to_string()).unwrap_or_default()));
                    row.col(|ui| cell(ui, name(p.kind)));
                    if row.response().clicked() {
                        clicked = Some(p.id);
                    }
                });
            });
    });
    if let Some(id) = clicked {
        page.select(Some(id));
    }
}

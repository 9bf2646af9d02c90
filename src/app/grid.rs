//! The indicator grid's edits: which cell a text belongs to, reading it into the value it
//! writes (units converted, YoY read), and saving a cell or a pasted block all or none,
//! after asking about an implausible YoY. A refused cell's message and text, and the
//! question waiting for an answer, are this area's state; the 指标 page reads them.

use std::collections::HashMap;

use super::{App, Cache, Outcome, no_park};
use crate::domain::Indicator;
use crate::domain::change::ChangeLabel;
use crate::domain::period::Period;
use crate::domain::value::{AmountError, ValueKind, parse_amount, parse_rate};
use crate::i18n::{tr, trf};
use crate::store::NewValue;

/// Which part of a value a grid cell edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellField {
    Amount,
    ReportedYoy,
}

/// One editable cell of the indicator grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub indicator_id: i64,
    pub period: Period,
    pub kind: ValueKind,
    pub field: CellField,
}

#[derive(Clone, Debug)]
pub enum GridAction {
    /// A cell's text was committed.
    SetCell(CellKey, String),
    /// A pasted block: every cell or none.
    PasteCells(Vec<(CellKey, String)>),
    /// Cells the clerk confirmed after being asked (a YoY over 1000%).
    ConfirmCells(Vec<(CellKey, String)>),
    /// The clerk went back to the cells instead (their text stays in them).
    DismissConfirm,
    /// The clerk's explanation of what the audit found about a cell (empty: remove it).
    Explain(crate::audit::Cell, String),
    /// One explanation for every cell of an indicator where the stated YoY differs from
    /// the computed one: 可比价 rates differ by design, and the clerk says so once.
    ExplainIndicator(crate::audit::Cell, String),
    /// Esc in a cell: forget the refused text and its message; the stored value shows.
    Discard(CellKey),
}

/// What the grid shows besides the stored values.
#[derive(Default)]
pub struct GridState {
    /// Cells whose text was not saved, with that text, so it stays to be corrected.
    pub kept: HashMap<CellKey, String>,
    /// Inline messages for cells whose input was refused.
    pub errors: HashMap<CellKey, String>,
    /// Cells waiting for "are you sure?", with the question.
    pub confirm: Option<(Vec<(CellKey, String)>, String)>,
}

impl GridState {
    pub(super) fn clear(&mut self) {
        *self = Self::default();
    }
}

impl GridAction {
    pub(super) fn history_label(&self, cache: &Cache) -> Option<ChangeLabel> {
        let one = |k: &CellKey, text: &str| ChangeLabel::SetCell {
            indicator: cache.indicator(k.indicator_id).map_or_else(String::new, |i| i.name_zh.clone()),
            period: k.period,
            kind: k.kind,
            text: text.trim().to_owned(),
        };
        match self {
            GridAction::SetCell(k, text) => Some(one(k, text)),
            GridAction::PasteCells(cells) | GridAction::ConfirmCells(cells) if cells.len() > 1 => {
                Some(ChangeLabel::Paste { cells: cells.len() })
            }
            GridAction::PasteCells(cells) | GridAction::ConfirmCells(cells) => cells.first().map(|(k, t)| one(k, t)),
            GridAction::DismissConfirm | GridAction::Discard(_) => None,
            GridAction::Explain(cell, _) | GridAction::ExplainIndicator(cell, _) => Some(ChangeLabel::Explain {
                indicator: cache.indicator(cell.indicator_id).map_or_else(String::new, |i| i.name_zh.clone()),
                period: cell.period,
                kind: cell.kind,
            }),
        }
    }
}

/// A short message for a refused cell, in the UI language.
fn amount_message(e: &AmountError) -> String {
    match e {
        AmountError::NotANumber(_) => tr("error.not_a_number").to_owned(),
        AmountError::UnitMismatch { from, to } => trf("error.unit_mismatch", &[from, to]),
        AmountError::Negative(_) => tr("error.negative").to_owned(),
        AmountError::OutOfRange => tr("error.out_of_range").to_owned(),
    }
}

/// Reads one cell's text into the value it will write, or a message for the cell.
fn cell_value(base: Option<NewValue>, key: &CellKey, text: &str, indicator: &Indicator, park_id: i64) -> Result<NewValue, String> {
    let mut v = match base {
        Some(base) => base,
        None => NewValue {
            park_id,
            indicator_id: key.indicator_id,
            period: key.period,
            kind: key.kind,
            value: None,
            entered: None,
            reported_yoy: None,
            source: crate::domain::value::SOURCE_MANUAL.to_owned(),
            derivation: None,
        },
    };
    let text = text.trim();
    match key.field {
        CellField::Amount if text.is_empty() => {
            v.value = None;
            v.entered = None;
        }
        CellField::Amount => {
            let parsed = parse_amount(text, indicator).map_err(|e| amount_message(&e))?;
            v.value = Some(parsed.value);
            v.entered = parsed.entered;
            // A figure typed over a worked-out one is now the clerk's own.
            v.derivation = None;
        }
        CellField::ReportedYoy if text.is_empty() => v.reported_yoy = None,
        CellField::ReportedYoy => v.reported_yoy = Some(parse_rate(text).map_err(|e| amount_message(&e))?),
    }
    Ok(v)
}

impl App {
    pub(super) fn apply_grid(&mut self, action: GridAction) -> Outcome {
        match action {
            GridAction::SetCell(key, text) => self.apply_cells(vec![(key, text)], false),
            GridAction::PasteCells(cells) => self.apply_cells(cells, false),
            GridAction::ConfirmCells(cells) => {
                self.grid.confirm = None;
                self.apply_cells(cells, true)
            }
            GridAction::DismissConfirm => {
                self.grid.confirm = None;
                Ok(None)
            }
            GridAction::ExplainIndicator(cell, text) => {
                let park_id = self.cache.park_id.ok_or_else(no_park)?;
                let text = text.trim();
                let cells: Vec<crate::audit::Cell> = self
                    .cache
                    .findings
                    .values()
                    .flatten()
                    .filter(|f| f.rule == crate::audit::STATED_YOY_DIFFERS)
                    .filter_map(|f| f.cells.first().copied())
                    .filter(|c| c.indicator_id == cell.indicator_id)
                    .collect();
                for c in &cells {
                    self.store.explain_value(park_id, c.indicator_id, c.period, c.kind, Some(text))?;
                }
                self.reload_park()?;
                Ok(Some(crate::i18n::trf("status.explained_all", &[&cells.len()])))
            }
            GridAction::Discard(key) => {
                self.grid.kept.remove(&key);
                self.grid.errors.remove(&key);
                Ok(None)
            }
            GridAction::Explain(cell, text) => {
                let park_id = self.cache.park_id.ok_or_else(no_park)?;
                let text = Some(text.trim()).filter(|t| !t.is_empty());
                self.store.explain_value(park_id, cell.indicator_id, cell.period, cell.kind, text)?;
                self.reload_park()?;
                Ok(Some(tr(if text.is_some() { "status.explained" } else { "status.explanation_removed" }).to_owned()))
            }
        }
    }

    /// Saves typed or pasted cells, all or none. A YoY over 1000% (reported, or worked out
    /// against last year: usually a slipped decimal point) is asked about first unless
    /// `confirmed`.
    fn apply_cells(&mut self, cells: Vec<(CellKey, String)>, confirmed: bool) -> Outcome {
        let park_id = self.cache.park_id.ok_or_else(no_park)?;
        let errors = &mut self.grid.errors;
        let mut writes = Vec::new();
        let mut bad = 0;
        for (key, text) in &cells {
            let Some(ind) = self.cache.indicator(key.indicator_id) else { continue };
            let existing = self.cache.values.get(key.indicator_id, key.period, key.kind);
            // Two cells of one pasted row may address the same value (amount and YoY).
            let pending = writes.iter().position(|w: &NewValue| {
                w.indicator_id == key.indicator_id && w.period == key.period && w.kind == key.kind
            });
            let base = pending.map(|i| writes[i].clone()).or_else(|| existing.map(NewValue::from_existing));
            match cell_value(base, key, text, ind, park_id) {
                Ok(v) => {
                    errors.remove(key);
                    self.grid.kept.remove(key);
                    match pending {
                        Some(i) => writes[i] = v,
                        None => writes.push(v),
                    }
                }
                Err(msg) => {
                    errors.insert(*key, msg);
                    // Keep what was typed in the cell, so it can be corrected.
                    self.grid.kept.insert(*key, text.clone());
                    bad += 1;
                }
            }
        }
        if bad > 0 {
            anyhow::bail!(trf("error.cells_not_saved", &[&bad]));
        }
        if !confirmed
            && let Some(question) = self.implausible_yoy(&writes) {
                for (key, text) in &cells {
                    self.grid.kept.insert(*key, text.clone());
                }
                self.grid.confirm = Some((cells, question));
                return Ok(None);
            }
        self.store.upsert_values(&writes)?;
        for (key, _) in &cells {
            self.grid.kept.remove(key);
        }
        self.reload_park()?;
        Ok(Some(if cells.len() > 1 { trf("status.cells_saved", &[&cells.len()]) } else { tr("status.saved").to_owned() }))
    }

    /// The question to ask when a write implies a YoY over 1000%, naming the first such.
    fn implausible_yoy(&self, writes: &[NewValue]) -> Option<String> {
        const LIMIT: f64 = 1000.0;
        writes.iter().find_map(|w| {
            let name = self.cache.indicator(w.indicator_id).map_or("", |i| i.name(crate::i18n::is_english()));
            let last_year = self.cache.values.outturn(w.indicator_id, w.period.same_span_last_year()).and_then(|v| v.value);
            let computed = w.value.zip(last_year).and_then(|(now, before)| crate::domain::value::yoy_percent(now, before));
            [w.reported_yoy, computed]
                .into_iter()
                .flatten()
                .find(|y| y.abs() > LIMIT)
                .map(|y| trf("grid.confirm_yoy", &[&name, &crate::i18n::period_label(w.period), &format!("{y:+.1}")]))
        })
    }
}

//! The Charts page's figure, its exports (PNG, SVG, clipboard) and the park's
//! presentation deck. The figure is built from the cached data when the page asks for a
//! chart it does not have, once per choice and change of data.

use std::path::PathBuf;

use super::{App, Event, Lazy, Outcome, no_park};
use crate::chart::Figure;
use crate::chart::build::ChartChoice;
use crate::i18n::{tr, trf};
use crate::store::Store;

#[derive(Clone, Debug)]
pub enum ChartsAction {
    /// The Charts page wants this chart.
    SetChart(ChartChoice),
    /// The chart button beside an indicator row.
    ShowIndicatorChart { indicator: String, span: (u8, u8) },
    ExportChart { path: PathBuf, size: (u32, u32) },
    CopyChart { size: (u32, u32) },
    AddToDeck(ChartChoice),
    RemoveFromDeck(usize),
    StartPresentation,
}

#[derive(Default)]
pub struct ChartsState {
    /// The chart on the Charts page, built when its choice or the data changes.
    pub chart: Lazy<ChartChoice, Figure>,
    /// The selected park's presentation deck.
    pub deck: Vec<ChartChoice>,
}

impl ChartsState {
    pub(super) fn data_changed(&mut self, store: &Store, park_id: Option<i64>) {
        self.chart.clear();
        self.deck = park_id.map(|id| deck(store, id)).unwrap_or_default();
    }
}

/// The park's presentation deck. A deck that cannot be read (written by a newer program,
/// say) comes back empty rather than failing the park.
pub fn deck(store: &Store, park_id: i64) -> Vec<ChartChoice> {
    store.deck_json(park_id).ok().flatten().and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
}

fn set_deck(store: &mut Store, park_id: i64, deck: &[ChartChoice]) -> anyhow::Result<()> {
    Ok(store.set_deck_json(park_id, &serde_json::to_string(deck)?)?)
}

impl App {
    pub(super) fn apply_charts(&mut self, action: ChartsAction) -> Outcome {
        match action {
            ChartsAction::SetChart(choice) => {
                let fig = self.cache.figure(&self.store, &choice);
                self.charts.chart.set(choice, fig)?;
                Ok(None)
            }
            ChartsAction::ShowIndicatorChart { indicator, span } => {
                self.emit(Event::ShowIndicatorChart { indicator, span });
                Ok(None)
            }
            ChartsAction::ExportChart { path, size } => {
                let svg = self.chart_svg(size)?;
                let bytes = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                    Some("svg") => svg.into_bytes(),
                    _ => crate::chart::png::to_png(&svg, size.0, size.1)?,
                };
                crate::output::write(&path, &bytes)?;
                Ok(Some(trf("status.exported", &[&path.display()])))
            }
            ChartsAction::CopyChart { size } => {
                let rgba = crate::chart::png::to_rgba(&self.chart_svg(size)?, size.0, size.1)?;
                self.emit(Event::CopyImage { size: [size.0 as usize, size.1 as usize], rgba });
                Ok(Some(tr("status.copied").to_owned()))
            }
            ChartsAction::AddToDeck(choice) => {
                let park_id = self.cache.park_id.ok_or_else(no_park)?;
                let mut deck = self.charts.deck.clone();
                deck.push(choice);
                set_deck(&mut self.store, park_id, &deck)?;
                self.charts.deck = deck;
                Ok(Some(trf("status.deck_added", &[&self.charts.deck.len()])))
            }
            ChartsAction::RemoveFromDeck(i) => {
                let park_id = self.cache.park_id.ok_or_else(no_park)?;
                let mut deck = self.charts.deck.clone();
                if i < deck.len() {
                    deck.remove(i);
                }
                set_deck(&mut self.store, park_id, &deck)?;
                self.charts.deck = deck;
                Ok(Some(tr("status.saved").to_owned()))
            }
            ChartsAction::StartPresentation => {
                let deck = self.charts.deck.clone();
                let figures = deck.iter().map(|c| self.cache.figure(&self.store, c)).collect::<anyhow::Result<Vec<_>>>()?;
                self.emit(Event::Present(figures));
                Ok(None)
            }
        }
    }

    /// The Charts page's figure as SVG at `size`.
    fn chart_svg(&self, size: (u32, u32)) -> anyhow::Result<String> {
        let fig = self.charts.chart.value().ok_or_else(|| anyhow::anyhow!(tr("error.no_chart")))?;
        Ok(crate::chart::svg::figure_svg(fig, size.0, size.1))
    }
}

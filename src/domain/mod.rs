//! Plain types and rules of the domain: parks, indicators, periods, values, projects.
//! Nothing here knows about egui or SQL, so every rule can be tested on its own.

pub mod change;
pub mod format;
pub mod indicator;
pub mod park;
pub mod package;
pub mod paste;
pub mod period;
pub mod project;
pub mod rule;
pub mod value;

pub use indicator::{Category, Indicator, Nature};
pub use park::{Park, Zone};
pub use period::Period;
pub use project::{Currency, KeyLevel, ProgressEntry, Project, ProjectKind, ProjectStatus, YearInvestment};
pub use value::{Entered, IndicatorValue, ValueKind, ValueSet};

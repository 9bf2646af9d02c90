//! ParkLedger (园区台账): statistics, project ledger and work summaries for the offices of
//! Chinese industrial parks. The library holds everything but `main`, so that the
//! integration tests drive the same code as the binary.

pub mod app;
pub mod audit;
pub mod chart;
pub mod cli;
pub mod county;
pub mod domain;
pub mod export;
pub mod extract;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod messages;
pub mod output;
pub mod report;
pub mod sample;
pub mod store;
pub mod ui;

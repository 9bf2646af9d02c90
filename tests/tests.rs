#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The one integration-test binary (one link on a 2-core machine). Each module tests
//! what a user would notice in one area.

mod chart;
mod audit;
mod cli;
mod common;
mod county;
mod domain;
mod extract;
mod faults;
mod fonts_i18n;
mod fuzz_regressions;
mod history;
mod import;
mod language;
mod report;
mod safety;
mod store;
mod ui;
mod window;

//! The translation catalogues. Every user-visible string of the UI is looked up here by
//! key; `assets/i18n/zh-CN.json` and `assets/i18n/en.json` hold one catalogue each, and a
//! test fails when a key used in the code is missing from either.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub const ZH_CATALOGUE: &str = include_str!("../assets/i18n/zh-CN.json");
pub const EN_CATALOGUE: &str = include_str!("../assets/i18n/en.json");

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

thread_local! {
    /// The UI language. Per thread because all UI runs on one thread, and so that tests
    /// driving the UI in parallel threads don't switch each other's language.
    static ENGLISH: Cell<bool> = const { Cell::new(false) };
}

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static (Catalogue, Catalogue) {
    static CATALOGUES: OnceLock<(Catalogue, Catalogue)> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        // The catalogues are compiled in and checked by the tests, so a parse failure
        // cannot reach a user; fall back to showing keys rather than crashing.
        let parse = |s: &str| serde_json::from_str(s).unwrap_or_default();
        (parse(ZH_CATALOGUE), parse(EN_CATALOGUE))
    })
}

pub fn set_lang(lang: Lang) {
    ENGLISH.with(|e| e.set(lang == Lang::En));
}

pub fn lang() -> Lang {
    if ENGLISH.with(Cell::get) { Lang::En } else { Lang::Zh }
}

pub fn is_english() -> bool {
    lang() == Lang::En
}

/// The text for `key` in the current language; the key itself when it is missing.
pub fn tr(key: &'static str) -> &'static str {
    let (zh, en) = catalogues();
    let map = if is_english() { en } else { zh };
    map.get(key).map_or(key, String::as_str)
}

/// `tr` with `{0}`, `{1}` … replaced by `args`.
pub fn trf(key: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    let mut s = tr(key).to_owned();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), &a.to_string());
    }
    s
}

/// Keys of each catalogue, for the completeness test.
pub fn catalogue_keys() -> (Vec<&'static str>, Vec<&'static str>) {
    let (zh, en) = catalogues();
    (zh.keys().map(String::as_str).collect(), en.keys().map(String::as_str).collect())
}

/// A label for a bilingual domain name: the Chinese or English one.
pub fn pick<'a>(zh: &'a str, en: &'a str) -> &'a str {
    if is_english() && !en.is_empty() { en } else { zh }
}

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

/// Runs `f` with this thread speaking `lang`, then speaks as before: a work summary is a
/// Chinese document whatever language the window speaks.
pub fn in_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = self::lang();
    set_lang(lang);
    let out = f();
    set_lang(before);
    out
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

/// `tr` with `{0}`, `{1}` … replaced by `args`, in one pass: an argument's own text is
/// never read for placeholders (a cell holding `{1}` stays as it is), and a line of an
/// import's 100,000-line plan costs one allocation, not one per argument.
pub fn trf(key: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    use std::fmt::Write;
    let template = tr(key);
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| Some((close, args.get(after[..close].parse::<usize>().ok()?)?)));
        match arg {
            Some((close, arg)) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "{arg}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Keys of each catalogue, for the completeness test.
pub fn catalogue_keys() -> (Vec<&'static str>, Vec<&'static str>) {
    let (zh, en) = catalogues();
    (zh.keys().map(String::as_str).collect(), en.keys().map(String::as_str).collect())
}

/// A domain value whose name the UI shows from the catalogue, under `PREFIX.code`.
/// (The domain keeps its own Chinese labels for exports and documents.)
pub trait Named: Copy {
    const PREFIX: &'static str;
    fn code(self) -> &'static str;
}

/// The catalogue name of a domain value in the current language.
pub fn name<T: Named>(value: T) -> &'static str {
    let (zh, en) = catalogues();
    let map = if is_english() { en } else { zh };
    let key = format!("{}.{}", T::PREFIX, value.code());
    map.get(&key).map_or(value.code(), String::as_str)
}

/// A unit as the window's language writes it: `亿元` stays `亿元` in Chinese and reads
/// `100M yuan` in English. A unit the catalogue does not know (one a clerk typed) is shown
/// as stored.
pub fn unit(unit: &str) -> &str {
    term("unit", unit)
}

/// A park's level (国家级, 省级 …) in the window's language.
pub fn park_level(level: &str) -> &str {
    term("park_level", level)
}

/// `{prefix}.{text}` from the current catalogue, else `text` itself.
fn term<'a>(prefix: &str, text: &'a str) -> &'a str {
    if !is_english() || text.is_empty() {
        return text;
    }
    catalogues().1.get(&format!("{prefix}.{text}")).map_or(text, String::as_str)
}

/// The catalogue key of a domain value, for the completeness test.
pub fn name_key<T: Named>(value: T) -> String {
    format!("{}.{}", T::PREFIX, value.code())
}

macro_rules! named {
    ($($ty:ty => $prefix:literal),+ $(,)?) => {
        $(impl Named for $ty {
            const PREFIX: &'static str = $prefix;
            fn code(self) -> &'static str { <$ty>::code(self) }
        })+
    };
}

use crate::domain::indicator::{Category, Nature};
use crate::domain::project::{Currency, KeyLevel, ProjectKind, ProjectStatus};
use crate::domain::value::ValueKind;

named! {
    ProjectStatus => "project_status",
    ProjectKind => "project_kind",
    KeyLevel => "key_level",
    Currency => "currency",
    Category => "category",
    Nature => "nature",
    ValueKind => "kind",
}

/// A period as the current language writes it (`2021年1-6月`, `Jan-Jun 2021`).
pub fn period_label(p: crate::domain::Period) -> String {
    if is_english() { p.label_en() } else { p.label_zh() }
}

/// A stored history label in the current language: an encoded label is rendered from the
/// catalogue; plain text written by older versions shows as it was.
pub fn change_label(stored: &str) -> String {
    use crate::domain::change::ChangeLabel as L;
    let Some(label) = L::decode(stored) else { return stored.to_owned() };
    let period = period_label;
    match label {
        L::SavePark { name } => trf("change.save_park", &[&name]),
        L::DeletePark { name } => trf("change.delete_park", &[&name]),
        L::SaveZone { name } => trf("change.save_zone", &[&name]),
        L::DeleteZone => tr("change.delete_zone").to_owned(),
        L::AddIndicator { name } => trf("change.add_indicator", &[&name]),
        L::SetCell { indicator, period: p, kind, text } => trf("change.set_cell", &[&indicator, &period(p), &name(kind), &text]),
        L::Paste { cells } => trf("change.paste", &[&cells]),
        L::SaveProject { name } => trf("change.save_project", &[&name]),
        L::DeleteProject { name } => trf("change.delete_project", &[&name]),
        L::ChangeStatus { project, status } => trf("change.status", &[&project, &name(status)]),
        L::AddProgress { project } => trf("change.progress", &[&project]),
        L::EditReport => tr("change.report").to_owned(),
        L::Import { source, rows } => trf("change.import", &[&source, &rows]),
        L::RestoreRow { change } => trf("change.restore_row", &[&change]),
        L::Explain { indicator, period: p, kind } => trf("change.explain", &[&indicator, &period(p), &name(kind)]),
    }
}

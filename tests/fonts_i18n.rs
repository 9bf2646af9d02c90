//! Every character of the seeds has a glyph in the embedded font, and every UI string
//! exists in both catalogues.

use std::collections::BTreeSet;

use parkledger::i18n::{EN_CATALOGUE, ZH_CATALOGUE};
use parkledger::fonts::CJK_FONT;

use crate::common::seed_texts;

#[test]
fn embedded_font_has_a_glyph_for_every_seed_character() {
    let face = ttf_parser::Face::parse(CJK_FONT, 0).expect("the embedded font parses");
    let mut missing = BTreeSet::new();
    let mut checked = 0;
    for (name, text) in seed_texts() {
        for c in text.chars().filter(|c| !c.is_control() && !c.is_whitespace()) {
            checked += 1;
            if face.glyph_index(c).is_none() {
                missing.insert((c, name.clone()));
            }
        }
    }
    assert!(checked > 50_000, "the seeds were read ({checked} characters)");
    assert!(face.glyph_index('經').is_some() && face.glyph_index('阿').is_some());
    assert!(missing.is_empty(), "no glyph for: {missing:?}");
}

fn catalogue(text: &str) -> std::collections::BTreeMap<String, String> {
    serde_json::from_str(text).expect("catalogue is valid JSON")
}

#[test]
fn both_catalogues_have_the_same_keys_and_no_empty_text() {
    let zh = catalogue(ZH_CATALOGUE);
    let en = catalogue(EN_CATALOGUE);
    let zk: BTreeSet<_> = zh.keys().collect();
    let ek: BTreeSet<_> = en.keys().collect();
    assert_eq!(zk.difference(&ek).collect::<Vec<_>>(), Vec::<&&String>::new(), "missing in en.json");
    assert_eq!(ek.difference(&zk).collect::<Vec<_>>(), Vec::<&&String>::new(), "missing in zh-CN.json");
    for (k, v) in zh.iter().chain(en.iter()) {
        assert!(!v.trim().is_empty() || k == "grid.year_suffix", "empty text for {k}");
    }
}

/// Every key-like string literal in the UI and app code must be in both catalogues.
#[test]
fn every_key_used_in_the_code_is_in_the_catalogues() {
    let zh = catalogue(ZH_CATALOGUE);
    let en = catalogue(EN_CATALOGUE);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = BTreeSet::new();
    // Every .rs file under the folders, in subfolders too (ui/indicators/…).
    let mut files = Vec::new();
    let mut dirs: Vec<std::path::PathBuf> = ["ui", "app", "county"].iter().map(|d| root.join(d)).collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let src = std::fs::read_to_string(path).unwrap();
        for piece in src.split('"').skip(1).step_by(2) {
            let is_key = piece.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && b.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
            if is_key && !piece.ends_with(".sqlite") {
                used.insert(piece.to_owned());
            }
        }
    }
    assert!(used.len() > 100, "the scan found the keys ({})", used.len());
    let missing: Vec<_> = used.iter().filter(|k| !zh.contains_key(*k) || !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "keys missing from a catalogue: {missing:?}");
}

#[test]
fn every_domain_name_shown_in_the_ui_is_in_both_catalogues() {
    use parkledger::domain::indicator::{Category, Nature};
    use parkledger::domain::project::{Currency, KeyLevel, ProjectKind, ProjectStatus};
    use parkledger::i18n::name_key;
    let zh = catalogue(ZH_CATALOGUE);
    let en = catalogue(EN_CATALOGUE);
    let mut keys: Vec<String> = Vec::new();
    keys.extend(ProjectStatus::ALL.iter().map(|v| name_key(*v)));
    keys.extend(ProjectKind::ALL.iter().map(|v| name_key(*v)));
    keys.extend(KeyLevel::ALL.iter().map(|v| name_key(*v)));
    keys.extend(Currency::ALL.iter().map(|v| name_key(*v)));
    keys.extend(Category::ALL.iter().map(|v| name_key(*v)));
    keys.extend([Nature::Flow, Nature::Stock, Nature::Rate].iter().map(|v| name_key(*v)));
    assert_eq!(keys.len(), 9 + 4 + 7 + 2 + 8 + 3);
    let missing: Vec<_> = keys.iter().filter(|k| !zh.contains_key(*k) || !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

/// A placeholder inside an argument (a sheet named `表{1}`) is the argument's own text,
/// not a place for the next argument; each placeholder of the template is filled,
/// repeated ones too, and one with no argument is left as it is.
#[test]
fn placeholders_are_filled_once_from_the_template_only() {
    let text = parkledger::i18n::trf("import.place", &[&"表{1}", &5, &3, &"C"]);
    assert!(text.starts_with("表{1} ") && text.contains("5") && text.contains("3") && text.ends_with("(C5)"), "{text}");
    let short = parkledger::i18n::trf("import.place", &[&"表"]);
    assert!(short.starts_with("表 ") && short.contains("{1}") && short.contains("{3}"), "{short}");
}

//! `parkledger extract`: the figures found in an old work summary, one per line or as
//! JSON, to check what the 从工作总结摘录 tab would offer.

use std::path::Path;

use crate::i18n::{tr, trf};

pub(super) fn run(file: &Path, json: bool) -> anyhow::Result<()> {
    let text = crate::import::docx::summary_text(file)?;
    let facts = crate::extract::extract(&text);
    if json {
        println!("{}", serde_json::to_string_pretty(&facts)?);
        return Ok(());
    }
    let num = |v: Option<f64>| v.map_or_else(String::new, |x| format!("{x}"));
    for f in &facts {
        // The name as written, then what it maps to (→ 规上工业总产值) and whose figure it is.
        let mapped = f.mapped.as_deref().filter(|m| *m != f.indicator).map(|m| format!(" → {m}")).unwrap_or_default();
        let subject = f.subject.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
        println!(
            "{}{mapped}{subject}\t{}\t{}{}\t{}{}\t{}{}\t{}\t{}",
            f.indicator,
            f.period.as_deref().unwrap_or("?"),
            num(f.value),
            f.unit.as_deref().unwrap_or(""),
            tr("cli.yoy"),
            num(f.yoy_pct),
            tr("cli.completion"),
            num(f.target_pct),
            f.kind,
            f.sentence
        );
    }
    eprintln!("{}", trf("cli.figures_found", &[&facts.len()]));
    Ok(())
}

//! `parkledger import`: a spreadsheet read, every add, change and skip printed with its
//! cell, then written in one transaction as one undoable step (or only shown with
//! `--dry-run`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{is_english, trf};
use crate::store::Store;

pub(super) fn run(db: Option<PathBuf>, file: &Path, park: Option<&str>, dry_run: bool) -> anyhow::Result<()> {
    let mut store = Store::open(&super::existing_db(db)?)?;
    let mut plan = crate::import::plan_file(&store, file, park)?;
    plan.audit(&store)?;
    let indicators = store.indicators()?;
    let name = |id: i64| indicators.iter().find(|i| i.id == id).map_or("?", |i| i.name(is_english()));
    let num = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |x| format!("{x}"));
    let period = |p: crate::domain::Period| if is_english() { p.label_en() } else { p.label_zh() };
    let kind = crate::i18n::name::<crate::domain::value::ValueKind>;
    // One write per block, not per line: a 100,000-row import prints 100,000 lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in &plan.adds {
        let v = &p.value;
        writeln!(out, "{}", trf("cli.import_add", &[&p.place, &name(v.indicator_id), &period(v.period), &kind(v.kind), &num(v.value)]))?;
    }
    for p in &plan.changes {
        let v = &p.value;
        let before = p.before.as_ref().and_then(|b| b.value);
        writeln!(out, "{}", trf("cli.import_change", &[&p.place, &name(v.indicator_id), &period(v.period), &kind(v.kind), &num(before), &num(v.value)]))?;
    }
    for s in &plan.skips {
        writeln!(out, "{}", trf("cli.import_skip", &[&s]))?;
    }
    writeln!(out, "{}", plan.summary())?;
    if !plan.findings.is_empty() {
        let errors = plan.findings.iter().filter(|f| f.level == crate::audit::Level::Error).count();
        writeln!(out, "{}", trf("import.findings", &[&plan.findings.len(), &errors]))?;
        for f in &plan.findings {
            let level = crate::i18n::tr(if f.level == crate::audit::Level::Error { "audit.level_error" } else { "audit.level_warning" });
            writeln!(out, "  {}", trf("audit.hover_line", &[&level, &f.message(&indicators)]))?;
        }
    }
    out.flush()?;
    drop(out);
    if !dry_run {
        let n = plan.commit_recorded(&mut store, None)?;
        println!("{}", trf("cli.import_committed", &[&n]));
    }
    Ok(())
}

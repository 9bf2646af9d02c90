//! `parkledger sample`: the sample database at `--db PATH`, or with `--large` the
//! county-scale one the benchmarks use. Never replaces a file without `--force`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

use crate::i18n::{tr, trf};
use crate::store::Store;

pub(super) fn run(db: Option<PathBuf>, force: bool, large: bool, seed: u64) -> anyhow::Result<()> {
    let path = db.context(tr("cli.sample_needs_db"))?;
    if path.exists() {
        anyhow::ensure!(force, trf("cli.exists_force", &[&path.display()]));
        std::fs::remove_file(&path)?;
        for ext in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{ext}", path.display()));
            if side.exists() {
                std::fs::remove_file(side)?;
            }
        }
    }
    let store = if large {
        let started = Instant::now();
        let mut store = Store::open(&path)?;
        let c = crate::sample::large::populate(&mut store, seed)?;
        let secs = format!("{:.1}", started.elapsed().as_secs_f64());
        eprintln!("{}", trf("cli.generated", &[&c.parks, &c.values, &c.projects, &secs]));
        store
    } else {
        super::open_or_create(&path)?
    };
    let [parks, _, values, projects] = store.counts()?;
    println!("{}", trf("cli.sample_counts", &[&path.display(), &parks, &values, &projects]));
    Ok(())
}

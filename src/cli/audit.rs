//! `parkledger audit`: the statistics office's checks (审核) over the database, or one
//! park, year or span of it, printed a finding a line (or as JSON for another program).
//! The exit status says whether an error stands: 0 none, 1 at least one, 2 a park, year
//! or span that does not read.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::audit::{self, Finding, Level, ParkData};
use crate::domain::period::{Period, parse_span};
use crate::i18n::{is_english, tr, trf};
use crate::store::Store;

/// What part of the database to check.
pub(super) struct Scope {
    pub park: Option<String>,
    pub year: Option<i32>,
    pub span: Option<String>,
    pub json: bool,
}

pub(super) fn run(db: Option<PathBuf>, scope: Scope) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&super::existing_db(db)?)?;
    let parks = store.parks()?;
    let chosen: Vec<_> = match &scope.park {
        Some(name) => match parks.iter().find(|p| p.name == name.trim()) {
            Some(p) => vec![p.clone()],
            None => return bad_argument(&trf("error.no_such_park", &[name])),
        },
        None => parks,
    };
    let span = match scope.span.as_deref().map(|s| s.trim()) {
        None | Some("全年") => None,
        Some(text) => match parse_span(text).filter(|(a, b)| Period::new(2000, *a, *b).is_ok()) {
            Some(span) => Some(span),
            None => return bad_argument(&trf("cli.audit_bad_span", &[&text])),
        },
    };
    if let Some(year) = scope.year
        && Period::new(year, 1, 12).is_err()
    {
        return bad_argument(&trf("cli.audit_bad_year", &[&year]));
    }
    let indicators = store.indicators()?;
    let mut findings: Vec<(String, Finding)> = Vec::new();
    for park in &chosen {
        let wanted = |f: &Finding| {
            let Some(cell) = f.cells.first() else { return true };
            scope.year.is_none_or(|y| cell.period.year == y) && span.is_none_or(|(a, b)| (cell.period.start_month, cell.period.end_month) == (a, b))
        };
        findings.extend(park_findings(&store, park.id, &indicators)?.into_iter().filter(wanted).map(|f| (park.name.clone(), f)));
    }
    let errors = findings.iter().filter(|(_, f)| f.level == Level::Error).count();
    let standing = findings.iter().filter(|(_, f)| f.stands()).count();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if scope.json {
        let rows: Vec<serde_json::Value> = findings.iter().map(|(park, f)| as_json(park, f, &indicators)).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        for (park, f) in &findings {
            let level = tr(if f.level == Level::Error { "audit.level_error" } else { "audit.level_warning" });
            writeln!(out, "{}", trf("cli.audit_line", &[&level, park, &f.message(&indicators)]))?;
            if let Some(text) = &f.explanation {
                writeln!(out, "    {}", trf("audit.explained", &[text]))?;
            }
        }
    }
    out.flush()?;
    drop(out);
    eprintln!("{}", trf("cli.audit_summary", &[&findings.len(), &errors, &(findings.len() - errors)]));
    Ok(if standing > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The errors that stand (not explained away) in a park's figures of `year` and in its
/// projects, in words: what stops its report from being written.
pub(super) fn standing_errors(store: &Store, park: &crate::domain::Park, year: i32) -> anyhow::Result<Vec<String>> {
    let indicators = store.indicators()?;
    Ok(park_findings(store, park.id, &indicators)?
        .into_iter()
        .filter(|f| f.stands() && f.cells.first().is_none_or(|c| c.period.year == year))
        .map(|f| f.message(&indicators))
        .collect())
}

/// Everything the audit finds in one park, loaded as the audit reads it.
fn park_findings(store: &Store, park_id: i64, indicators: &[crate::domain::Indicator]) -> anyhow::Result<Vec<Finding>> {
    let (values, projects) = (store.values_for_audit(park_id)?, store.projects_of_park(park_id)?);
    let user_rules = store.audit_rules()?;
    Ok(audit::audit_park(&ParkData { park_id, values: &values, indicators, projects: &projects, user_rules: &user_rules }))
}

fn bad_argument(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("parkledger: {message}");
    Ok(ExitCode::from(2))
}

/// A finding for another program: the rule and level as codes, names and periods as the
/// catalogue and the user wrote them, the message in the chosen language.
fn as_json(park: &str, f: &Finding, indicators: &[crate::domain::Indicator]) -> serde_json::Value {
    let english = is_english();
    let cell = |c: &audit::Cell| {
        serde_json::json!({
            "indicator": indicators.iter().find(|i| i.id == c.indicator_id).map_or("?", |i| i.name(english)),
            "period": crate::i18n::period_label(c.period),
            "kind": c.kind.code(),
        })
    };
    let first = f.cells.first();
    serde_json::json!({
        "rule": f.rule,
        "level": f.level.code(),
        "park": park,
        "indicator": first.map(|c| indicators.iter().find(|i| i.id == c.indicator_id).map_or("?", |i| i.name(english))),
        "period": first.map(|c| crate::i18n::period_label(c.period)),
        "kind": first.map(|c| c.kind.code()),
        "project": f.project.as_ref().map(|(_, name)| name),
        "cells": f.cells.iter().map(cell).collect::<Vec<_>>(),
        "figures": f.figures,
        "message": f.message(indicators),
        "explained": f.explained(),
        "explanation": f.explanation,
    })
}

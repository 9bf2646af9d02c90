//! How the lower layers' errors read. The store and the domain return errors as data
//! (which rule, which file, which name); this module is their `Display`, rendered from
//! the catalogue in the language of the thread that formats them, so the window says each
//! in the clerk's language and the command line in the locale's. Keeping the words here
//! leaves `store` and `domain` free of any UI language.

use std::fmt;

use crate::domain::park::NameError;
use crate::domain::period::PeriodError;
use crate::domain::value::AmountError;
use crate::i18n::{tr, trf};
use crate::store::{FileOp, Rule, StoreError};

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            StoreError::TooNew { found, supported } => trf("store.too_new", &[found, supported]),
            StoreError::NotADatabase(name) => trf("store.not_a_database", &[name]),
            StoreError::Damaged(name) => trf("store.damaged", &[name]),
            StoreError::SchemaDamaged(what) => trf("store.schema_damaged", &[what]),
            StoreError::Replaced(name) => trf("store.replaced", &[name]),
            StoreError::NeedsMigration(name) => trf("store.needs_migration", &[name]),
            StoreError::Duplicate(name) => trf("store.duplicate", &[name]),
            StoreError::Name(e) => e.to_string(),
            StoreError::Period(e) => e.to_string(),
            StoreError::Rule(rule) => rule.to_string(),
            StoreError::File { op, path, error } => trf("store.file", &[op, &path.display(), &crate::output::io_reason(error)]),
            StoreError::Unreadable(what) => trf("store.unreadable", &[what]),
            StoreError::NotFound => tr("store.not_found").to_owned(),
            StoreError::Busy => tr("store.busy").to_owned(),
            StoreError::DiskFull => tr("store.disk_full").to_owned(),
            StoreError::ReadOnly => tr("store.read_only").to_owned(),
            StoreError::Sqlite(e) => trf("store.sqlite", &[e]),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(tr(match self {
            Rule::EmptyUnit => "rule.empty_unit",
            Rule::EmptyName => "rule.empty_name",
            Rule::NotFinite => "rule.not_finite",
            Rule::NegativeInvestment => "rule.negative_investment",
            Rule::NegativeYearlyInvestment => "rule.negative_yearly",
            Rule::CompletionBeforeStart => "rule.completion_before_start",
            Rule::EmptyNote => "rule.empty_note",
            Rule::UndoConflict => "rule.undo_conflict",
            Rule::ShortExplanation => "rule.short_explanation",
            Rule::StockExplanation => "rule.stock_explanation",
            Rule::PartOfItself => "rule.part_of_itself",
            Rule::YoyLimitRange => "rule.yoy_limit_range",
        }))
    }
}

impl fmt::Display for FileOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(tr(match self {
            FileOp::CreateFolder => "file_op.create_folder",
            FileOp::CreateBackupFolder => "file_op.create_backup_folder",
            FileOp::SaveBackup => "file_op.save_backup",
            FileOp::RemoveOldBackup => "file_op.remove_old_backup",
            FileOp::MoveDamagedAside => "file_op.move_damaged",
        }))
    }
}

impl fmt::Display for crate::domain::package::PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::domain::package::PackageError as E;
        f.write_str(&match self {
            E::NotAFile(path) => trf("package_error.not_a_file", &[path]),
            E::TooBig(limit) => trf("package_error.too_big", &[&(limit / (1024 * 1024))]),
            E::NotAPackage => tr("package_error.not_a_package").to_owned(),
            E::TooNew(v) => trf("package_error.too_new", &[v]),
            E::Unreadable(what) => trf("package_error.unreadable", &[what]),
            E::TooManyRows => trf("package_error.too_many_rows", &[&crate::domain::package::MAX_ROWS]),
            E::HashMismatch => tr("package_error.hash_mismatch").to_owned(),
        })
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            NameError::Empty => tr("name_error.empty").to_owned(),
            NameError::TooLong(n) => trf("name_error.too_long", &[n]),
            NameError::TextTooLong(n) => trf("name_error.text_too_long", &[n]),
        })
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            PeriodError::MonthOutOfRange(m) => trf("period_error.month", &[m]),
            PeriodError::EndBeforeStart(a, b) => trf("period_error.end_before_start", &[a, b]),
            PeriodError::YearOutOfRange(y) => trf("period_error.year", &[y]),
            PeriodError::Unrecognised(t) => trf("period_error.unrecognised", &[t]),
        })
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            AmountError::NotANumber(t) => trf("amount_error.not_a_number", &[t]),
            AmountError::UnitMismatch { from, to } => trf("error.unit_mismatch", &[from, to]),
            AmountError::Negative(t) => trf("amount_error.negative", &[t]),
            AmountError::OutOfRange => tr("error.out_of_range").to_owned(),
        })
    }
}

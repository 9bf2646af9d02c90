//! Audit rules a clerk adds to the built-in ones (审核 · 自定义规则): which figure is a part
//! of which total, and how far an indicator's YoY may go before it wants a word. They are
//! rows of data, so a park with its own indicators gets its own checks without code.

use serde::{Deserialize, Serialize};

/// One rule the clerk added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRule {
    /// 0 for a rule not stored yet.
    pub id: i64,
    pub kind: UserRuleKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum UserRuleKind {
    /// `part` can never exceed `total` (same park, period and kind): an error when it does.
    PartOf { part: i64, total: i64 },
    /// A YoY beyond ±`limit_pct` percent wants an explanation (a warning); it replaces the
    /// built-in limit for the indicator.
    YoyLimit { indicator: i64, limit_pct: f64 },
}

/// Why a rule cannot be added.
#[derive(Debug, PartialEq, Eq)]
pub enum RuleError {
    /// A part of itself.
    SameIndicator,
    /// A YoY limit must be above 0 and at most 10,000 percent.
    LimitOutOfRange,
}

impl UserRuleKind {
    pub fn check(&self) -> Result<(), RuleError> {
        match *self {
            UserRuleKind::PartOf { part, total } if part == total => Err(RuleError::SameIndicator),
            UserRuleKind::YoyLimit { limit_pct, .. } if !(limit_pct > 0.0 && limit_pct <= 10_000.0) => Err(RuleError::LimitOutOfRange),
            _ => Ok(()),
        }
    }
}

//! `validation` rules (table mapping): which function data validation compares a column with.

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use super::transformation::RuleTarget;
use crate::span::Spanned;

keyword! {
    /// `rule-action` of a validation rule.
    pub enum ValidationAction {
        /// Validation compares the values of `source-function` and `target-function` instead of
        /// the column's own values (not for primary-key columns).
        OverrideValidationFunction = "override-validation-function",
    }
}

/// A `validation` rule (table mapping): data validation compares the located columns through
/// SQL functions, run on the source, the target or both.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `rule-target`: always [`RuleTarget::Column`]; `None` when absent or another target.
    pub target: Option<Spanned<RuleTarget>>,
    /// `rule-action`; `None` when absent or not a known action.
    pub action: Option<Spanned<ValidationAction>>,
    /// `object-locator`: `schema-name`, `table-name` and `column-name`, wildcard patterns, and
    /// optionally the `data-type` of the columns to match (exact).
    pub locator: Option<ObjectLocator<'a>>,
    /// `source-function`: SQL run on the source column, `${column-name}` standing for it.
    pub source_function: Option<Text<'a>>,
    /// `target-function`: SQL run on the target column, likewise.
    pub target_function: Option<Text<'a>>,
}

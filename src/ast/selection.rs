//! `selection` rules and their source filters.

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-action` of a selection rule.
    pub enum SelectionAction {
        /// Selects the objects the locator matches; names are wildcard patterns.
        Include = "include",
        /// Leaves out the objects the locator matches; names are wildcard patterns.
        Exclude = "exclude",
        /// Selects the one object the locator names; names are exact.
        Explicit = "explicit",
    }
}

keyword! {
    /// `filter-operator`.
    pub enum FilterOperator {
        /// The column is at most `value`.
        Lte = "lte",
        /// The spelling of `lte` in older AWS examples.
        Ste = "ste",
        /// The column is at least `value`.
        Gte = "gte",
        /// The column equals `value`.
        Eq = "eq",
        /// The column differs from `value`.
        Noteq = "noteq",
        /// The column lies from `start-value` to `end-value`, both included.
        Between = "between",
        /// The column lies outside `start-value` to `end-value`.
        Notbetween = "notbetween",
        /// The column is NULL.
        Null = "null",
        /// The column is not NULL.
        Notnull = "notnull",
    }
}

/// Which value members an operator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterArity {
    /// `value`.
    One,
    /// `start-value` and `end-value`.
    Range,
    /// No value.
    None,
}

impl FilterOperator {
    /// Which value members the operator takes.
    pub fn arity(self) -> FilterArity {
        match self {
            FilterOperator::Lte
            | FilterOperator::Ste
            | FilterOperator::Gte
            | FilterOperator::Eq
            | FilterOperator::Noteq => FilterArity::One,
            FilterOperator::Between | FilterOperator::Notbetween => FilterArity::Range,
            FilterOperator::Null | FilterOperator::Notnull => FilterArity::None,
        }
    }

    /// Negative operators may not share a filter with another condition.
    pub fn is_negative(self) -> bool {
        matches!(
            self,
            FilterOperator::Noteq | FilterOperator::Notbetween | FilterOperator::Notnull
        )
    }
}

/// A `selection` rule: which objects to migrate, or which objects a Schema Conversion call
/// acts on.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectionRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `rule-action`; `None` when absent or not a known action.
    pub action: Option<Spanned<SelectionAction>>,
    /// `object-locator`; `None` when absent or not an object.
    pub locator: Option<ObjectLocator<'a>>,
    /// `filters` (table mapping only): the entries that are objects, in order; empty when the
    /// member is absent.
    pub filters: Vec<Filter<'a>>,
    /// The `filters` member's value, when present (an empty array included).
    pub filters_span: Option<Span>,
    /// `load-order` (table mapping only), from 1 to 2,147,483,647: higher loads first. Written
    /// as a number or a digit string; `None` when absent or not a whole number in that range.
    pub load_order: Option<Spanned<u64>>,
}

/// One `filters` entry: its conditions are OR-ed; several filters are AND-ed.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter<'a> {
    /// The filter object, braces included.
    pub span: Span,
    /// `column-name`: the source column the conditions test (case-sensitive).
    pub column_name: Option<Text<'a>>,
    /// `filter-conditions`: the entries that are objects, in order.
    pub conditions: Vec<FilterCondition<'a>>,
}

/// One `filter-conditions` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterCondition<'a> {
    /// The condition object, braces included.
    pub span: Span,
    /// `filter-operator`; `None` when absent or not a known operator.
    pub operator: Option<Spanned<FilterOperator>>,
    /// `value`, for the operators of [`FilterArity::One`]. Values are kept as text: strings
    /// decoded, numbers as written.
    pub value: Option<Text<'a>>,
    /// `start-value`, for `between` and `notbetween`.
    pub start_value: Option<Text<'a>>,
    /// `end-value`, for `between` and `notbetween`.
    pub end_value: Option<Text<'a>>,
}

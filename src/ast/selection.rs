//! `selection` rules and their source filters.

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-action` of a selection rule.
    pub enum SelectionAction {
        Include = "include",
        Exclude = "exclude",
        Explicit = "explicit",
    }
}

keyword! {
    /// `filter-operator`.
    pub enum FilterOperator {
        Lte = "lte",
        /// The spelling of `lte` in older AWS examples.
        Ste = "ste",
        Gte = "gte",
        Eq = "eq",
        Noteq = "noteq",
        Between = "between",
        Notbetween = "notbetween",
        Null = "null",
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

#[derive(Debug, Clone, PartialEq)]
pub struct SelectionRule<'a> {
    pub header: RuleHeader<'a>,
    pub action: Option<Spanned<SelectionAction>>,
    pub locator: Option<ObjectLocator<'a>>,
    /// Table mapping only.
    pub filters: Vec<Filter<'a>>,
    /// The `filters` member, when present (an empty array included).
    pub filters_span: Option<Span>,
    /// Table mapping only: higher loads first.
    pub load_order: Option<Spanned<u64>>,
}

/// One `filters` entry: its conditions are OR-ed; several filters are AND-ed.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter<'a> {
    pub span: Span,
    pub column_name: Option<Text<'a>>,
    pub conditions: Vec<FilterCondition<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FilterCondition<'a> {
    pub span: Span,
    pub operator: Option<Spanned<FilterOperator>>,
    /// Values are kept as text: strings decoded, numbers as written.
    pub value: Option<Text<'a>>,
    pub start_value: Option<Text<'a>>,
    pub end_value: Option<Text<'a>>,
}

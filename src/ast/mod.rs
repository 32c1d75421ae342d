//! The typed rules: one struct per rule type, every node spanned.
//!
//! Lowering (`crate::lower`) builds these from the JSON tree. A member that was absent, `null`
//! or unusable is `None` here and has already been reported, so checks can look at what is
//! present without reporting the same problem twice.

mod header;
mod keyword;
mod locator;
mod name;
mod pattern;
mod rule;
mod selection;
mod table_settings;
mod target_specific;
mod transformation;
mod validation;

pub use header::{RuleHeader, RuleType};
pub(crate) use keyword::keyword;
pub use keyword::Keyword;
pub(crate) use locator::RareKey;
pub use locator::{ObjectKind, ObjectLocator, TableType};
pub use name::{Name, RuleId, Text};
pub use pattern::{CharSet, NamePattern, PatternError, PatternErrorKind, Piece, PieceKind};
pub use rule::Rule;
pub use selection::{
    Filter, FilterArity, FilterCondition, FilterOperator, SelectionAction, SelectionRule,
};
pub use table_settings::{LobMode, LobSettings, ParallelLoad, ParallelLoadType, TableSettingsRule};
pub use target_specific::{
    ObjectMappingAction, ObjectMappingRule, PostProcessingAction, PostProcessingRule, Tag,
};
pub use transformation::{
    BeforeImageDef, ColumnFilter, DataTypeDef, DataTypeName, PrimaryKeyDef, PrimaryKeyOrigin,
    RuleTarget, TransformationAction, TransformationRule,
};
pub use validation::{ValidationAction, ValidationRule};

/// The spanned JSON tree, as kept for members the rules do not type (`mapping-parameters`).
pub mod json {
    pub use crate::syntax::{Member, Str, Value, ValueKind};
}

use crate::options::Dialect;
use crate::span::Span;

/// A lowered rules document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// The dialect the rules were lowered in: the one asked for in
    /// [`Options::dialect`](crate::Options::dialect), or the one detected.
    pub dialect: Dialect,
    /// The `rules` array, brackets included.
    pub span: Span,
    /// The items of `rules` that are objects, in document order; an item that is not an object
    /// is reported and left out.
    pub rules: Vec<Rule<'a>>,
}

impl<'a> Document<'a> {
    /// The selection rules, in document order.
    pub fn selection_rules(&self) -> impl Iterator<Item = &SelectionRule<'a>> {
        self.rules.iter().filter_map(|rule| match rule {
            Rule::Selection(selection) => Some(selection.as_ref()),
            _ => None,
        })
    }
}

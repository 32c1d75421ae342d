//! The typed rules: one struct per rule type, every node spanned.
//!
//! Lowering (`crate::lower`) builds these from the JSON tree. A member that was absent, `null`
//! or unusable is `None` here and has already been reported, so checks can look at what is
//! present without reporting the same problem twice.

mod keyword;
mod locator;
mod pattern;
mod rule;
mod selection;
mod table_settings;
mod target_specific;
mod transformation;

pub(crate) use keyword::keyword;
pub use keyword::Keyword;
pub use locator::{ObjectKind, ObjectLocator, RareKey, TableType};
pub use pattern::{CharSet, NamePattern, PatternError, PatternErrorKind, Piece, PieceKind};
pub use rule::{Name, Rule, RuleHeader, RuleId, RuleType, Text};
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

use crate::options::Dialect;
use crate::span::Span;

/// A lowered rules document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    pub dialect: Dialect,
    /// The `rules` array.
    pub span: Span,
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

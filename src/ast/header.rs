//! What every rule has: its type, id and name.

use super::keyword;
use super::name::{RuleId, Text};
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-type`.
    pub enum RuleType {
        Selection = "selection",
        Transformation = "transformation",
        TableSettings = "table-settings",
        PostProcessing = "post-processing",
        ObjectMapping = "object-mapping",
    }
}

/// The members every rule type shares.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHeader<'a> {
    /// The rule object, braces included.
    pub span: Span,
    pub rule_type: Option<Spanned<RuleType>>,
    pub rule_id: Option<RuleId>,
    pub rule_name: Option<Text<'a>>,
}

//! What every rule has: its type, id and name.

use super::keyword;
use super::name::{RuleId, Text};
use crate::span::{Span, Spanned};

keyword! {
    /// `rule-type`.
    pub enum RuleType {
        /// Which objects to migrate; the only type Schema Conversion takes.
        Selection = "selection",
        /// Table mapping: renames, case changes, column and key changes on the target.
        Transformation = "transformation",
        /// Table mapping: parallel load and LOB handling for one table.
        TableSettings = "table-settings",
        /// Table mapping, Amazon S3 targets: tags on the objects written.
        PostProcessing = "post-processing",
        /// Table mapping, DynamoDB, Kinesis and Kafka targets: how rows become records.
        ObjectMapping = "object-mapping",
        /// Table mapping: which function data validation compares a column with.
        Validation = "validation",
    }
}

/// The members every rule type shares.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHeader<'a> {
    /// The rule object, braces included.
    pub span: Span,
    /// `rule-type`, spanned on its string; `None` when absent or not a known type.
    pub rule_type: Option<Spanned<RuleType>>,
    /// `rule-id`; `None` when absent or not a non-negative whole number.
    pub rule_id: Option<RuleId>,
    /// `rule-name`; `None` when absent or not a string.
    pub rule_name: Option<Text<'a>>,
}

//! One rule of the `rules` array, whatever its type.

use super::header::RuleHeader;
use super::selection::SelectionRule;
use super::table_settings::TableSettingsRule;
use super::target_specific::{ObjectMappingRule, PostProcessingRule};
use super::transformation::TransformationRule;
use super::validation::ValidationRule;

/// One rule of the `rules` array.
///
/// Every variant is boxed: the rule structs differ in size, and a document can hold many rules,
/// so a `Rule` stays two words.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule<'a> {
    /// `"rule-type": "selection"`.
    Selection(Box<SelectionRule<'a>>),
    /// `"rule-type": "transformation"` (table mapping).
    Transformation(Box<TransformationRule<'a>>),
    /// `"rule-type": "table-settings"` (table mapping).
    TableSettings(Box<TableSettingsRule<'a>>),
    /// `"rule-type": "post-processing"` (table mapping).
    PostProcessing(Box<PostProcessingRule<'a>>),
    /// `"rule-type": "object-mapping"` (table mapping).
    ObjectMapping(Box<ObjectMappingRule<'a>>),
    /// `"rule-type": "validation"` (table mapping).
    Validation(Box<ValidationRule<'a>>),
    /// A rule whose type is missing, unknown or not allowed in this dialect: already reported,
    /// kept so its id and name still take part in the document-wide checks.
    Invalid(Box<RuleHeader<'a>>),
}

impl<'a> Rule<'a> {
    /// The members every rule has (span, type, id and name), whatever its type.
    pub fn header(&self) -> &RuleHeader<'a> {
        match self {
            Rule::Selection(rule) => &rule.header,
            Rule::Transformation(rule) => &rule.header,
            Rule::TableSettings(rule) => &rule.header,
            Rule::PostProcessing(rule) => &rule.header,
            Rule::ObjectMapping(rule) => &rule.header,
            Rule::Validation(rule) => &rule.header,
            Rule::Invalid(header) => header,
        }
    }
}

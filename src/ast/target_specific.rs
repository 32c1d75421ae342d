//! Rules that only some targets use: `post-processing` (Amazon S3) and `object-mapping`
//! (DynamoDB, Kinesis, Kafka).

use super::header::RuleHeader;
use super::keyword;
use super::locator::ObjectLocator;
use super::name::Text;
use crate::span::{Span, Spanned};
use crate::syntax::Value;

keyword! {
    /// `rule-action` of a post-processing rule.
    pub enum PostProcessingAction {
        /// Tags the Amazon S3 objects written for the matched tables with the `tag-set`.
        AddTag = "add-tag",
    }
}

keyword! {
    /// `rule-action` of an object-mapping rule.
    pub enum ObjectMappingAction {
        /// Each column becomes an attribute of the target record.
        MapRecordToRecord = "map-record-to-record",
        /// The columns go into one map attribute of the DynamoDB item.
        MapRecordToDocument = "map-record-to-document",
    }
}

/// A `post-processing` rule (table mapping, Amazon S3 targets): tags on the objects written.
#[derive(Debug, Clone, PartialEq)]
pub struct PostProcessingRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `rule-action`; `None` when absent or not a known action.
    pub action: Option<Spanned<PostProcessingAction>>,
    /// `object-locator`: `schema-name` and `table-name`, wildcard patterns.
    pub locator: Option<ObjectLocator<'a>>,
    /// `tag-set`: the entries that are objects, in order; empty when the member is absent.
    pub tag_set: Vec<Tag<'a>>,
}

/// One `tag-set` entry; keys and values may hold `${schema-name}`-style tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    /// The tag object, braces included.
    pub span: Span,
    /// `key`; `None` when absent or not a string.
    pub key: Option<Text<'a>>,
    /// `value`; `None` when absent or not a string.
    pub value: Option<Text<'a>>,
}

/// An `object-mapping` rule (table mapping, DynamoDB, Kinesis and Kafka targets): how a table's
/// rows become target records.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectMappingRule<'a> {
    /// Span, type, id and name.
    pub header: RuleHeader<'a>,
    /// `rule-action`; `None` when absent or not a known action.
    pub action: Option<Spanned<ObjectMappingAction>>,
    /// `object-locator`: `schema-name` and `table-name`, exact names.
    pub locator: Option<ObjectLocator<'a>>,
    /// `target-table-name`: the DynamoDB table (the Kafka example uses it too).
    pub target_table_name: Option<Text<'a>>,
    /// `mapping-parameters`, when it is an object: target-specific and open-ended, so kept as
    /// the JSON it was written as.
    pub mapping_parameters: Option<Value<'a>>,
}

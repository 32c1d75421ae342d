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
        AddTag = "add-tag",
    }
}

keyword! {
    /// `rule-action` of an object-mapping rule.
    pub enum ObjectMappingAction {
        MapRecordToRecord = "map-record-to-record",
        MapRecordToDocument = "map-record-to-document",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PostProcessingRule<'a> {
    pub header: RuleHeader<'a>,
    pub action: Option<Spanned<PostProcessingAction>>,
    pub locator: Option<ObjectLocator<'a>>,
    pub tag_set: Vec<Tag<'a>>,
}

/// One `tag-set` entry; keys and values may hold `${schema-name}`-style tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    pub span: Span,
    pub key: Option<Text<'a>>,
    pub value: Option<Text<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectMappingRule<'a> {
    pub header: RuleHeader<'a>,
    pub action: Option<Spanned<ObjectMappingAction>>,
    pub locator: Option<ObjectLocator<'a>>,
    pub target_table_name: Option<Text<'a>>,
    /// Target-specific and open-ended, so kept as the JSON it was written as.
    pub mapping_parameters: Option<Value<'a>>,
}

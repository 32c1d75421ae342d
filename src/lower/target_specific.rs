//! `post-processing` (Amazon S3 targets) and `object-mapping` (DynamoDB, Kinesis, Kafka).

use crate::ast::{ObjectMappingRule, PostProcessingRule, RuleHeader, Tag};
use crate::diagnostic::{Diagnostics, Severity};

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

pub(super) fn post_processing<'a>(
    header: RuleHeader<'a>,
    mut fields: Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> PostProcessingRule<'a> {
    let action = fields
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    let locator = fields
        .require("object-locator")
        .and_then(|m| locator::locator(m, Context::PostProcessing, true, out));
    let tag_set = fields
        .require("tag-set")
        .and_then(|m| value::array(m, out))
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let mut tag = Fields::of(item, "tag", None, out)?;
                    let parsed = Tag {
                        span: item.span,
                        key: tag.require("key").and_then(|m| value::string(m, out)),
                        value: tag.require("value").and_then(|m| value::string(m, out)),
                    };
                    tag.finish(Severity::Warning, out);
                    Some(parsed)
                })
                .collect()
        })
        .unwrap_or_default();
    fields.finish(Severity::Warning, out);
    PostProcessingRule {
        header,
        action,
        locator,
        tag_set,
    }
}

pub(super) fn object_mapping<'a>(
    header: RuleHeader<'a>,
    mut fields: Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> ObjectMappingRule<'a> {
    let action = fields
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    let locator = fields
        .require("object-locator")
        .and_then(|m| locator::locator(m, Context::ObjectMapping, false, out));
    let target_table_name = fields
        .get("target-table-name")
        .and_then(|m| value::string(m, out));
    let mapping_parameters = fields
        .get("mapping-parameters")
        .and_then(|m| value::object(m, out))
        .cloned();
    // Kafka: the topic of this table's records.
    fields.allow(&["kafka-target-topic"]);
    fields.finish(Severity::Warning, out);
    ObjectMappingRule {
        header,
        action,
        locator,
        target_table_name,
        mapping_parameters,
    }
}

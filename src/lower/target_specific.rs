//! `post-processing` (Amazon S3 targets) and `object-mapping` (DynamoDB, Kinesis, Kafka).

use crate::ast::{ObjectMappingRule, PostProcessingRule, RuleHeader, Tag};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::vocabulary::target_specific as keys;

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

pub(super) fn post_processing<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> Box<PostProcessingRule<'a>> {
    // Built in its box and filled in place, like the other rule types.
    let mut rule = Box::new(PostProcessingRule {
        header,
        action: None,
        locator: None,
        tag_set: Vec::new(),
    });
    rule.action = fields
        .get(&keys::POST_PROCESSING_ACTION)
        .and_then(|m| value::keyword(m, &keys::POST_PROCESSING_ACTION, out));
    if let Some(m) = fields.get(&keys::POST_PROCESSING_LOCATOR) {
        locator::locator(m, Context::PostProcessing, true, &mut rule.locator, out);
    }
    rule.tag_set = fields
        .get(&keys::TAG_SET)
        .and_then(|m| value::array(m, out))
        .map(|items| {
            value::each(items, |item| {
                let mut tag = Fields::of(item, &keys::TAG, None, out)?;
                let parsed = Tag {
                    span: item.span,
                    key: tag.get(&keys::KEY).and_then(|m| value::string(m, out)),
                    value: tag.get(&keys::VALUE).and_then(|m| value::string(m, out)),
                };
                tag.finish(out);
                Some(parsed)
            })
        })
        .unwrap_or_default();
    fields.finish(out);
    rule
}

pub(super) fn object_mapping<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> Box<ObjectMappingRule<'a>> {
    // Built in its box and filled in place, like the other rule types.
    let mut rule = Box::new(ObjectMappingRule {
        header,
        action: None,
        locator: None,
        target_table_name: None,
        mapping_parameters: None,
    });
    rule.action = fields
        .get(&keys::OBJECT_MAPPING_ACTION)
        .and_then(|m| value::keyword(m, &keys::OBJECT_MAPPING_ACTION, out));
    if let Some(m) = fields.get(&keys::OBJECT_MAPPING_LOCATOR) {
        locator::locator(m, Context::ObjectMapping, false, &mut rule.locator, out);
    }
    rule.target_table_name = fields
        .get(&keys::TARGET_TABLE_NAME)
        .and_then(|m| value::string(m, out));
    // Kept as written: the crate does not read it.
    rule.mapping_parameters = fields
        .get(&keys::MAPPING_PARAMETERS)
        .and_then(|m| value::object(m, out))
        .cloned();
    // Documented inside `mapping-parameters`; one AWS example writes it on the rule itself.
    if let Some(m) = fields.get(&keys::PARTITION_KEY) {
        out.push(
            Diagnostic::warning(
                Code::UnknownKey,
                "unknown key `partition-key` in this rule",
                Label::new(m.key.span, "documented in `mapping-parameters`"),
            )
            .with_help(
                "the AWS guide documents `partition-key` inside `mapping-parameters`; one AWS example writes it on the rule itself, and whether DMS reads it there is not documented: move it into `mapping-parameters`",
            ),
        );
    }
    fields.finish(out);
    rule
}

//! `post-processing` (Amazon S3 targets) and `object-mapping` (DynamoDB, Kinesis, Kafka).

use crate::ast::{ObjectMappingRule, PostProcessingRule, RuleHeader, Tag};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};

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
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, Context::PostProcessing, true, &mut rule.locator, out);
    }
    rule.tag_set = fields
        .require("tag-set")
        .and_then(|m| value::array(m, out))
        .map(|items| {
            value::each(items, |item| {
                let mut tag = Fields::of(item, "tag", None, out)?;
                let parsed = Tag {
                    span: item.span,
                    key: tag.require("key").and_then(|m| value::string(m, out)),
                    value: tag.require("value").and_then(|m| value::string(m, out)),
                };
                tag.finish(Severity::Warning, out);
                Some(parsed)
            })
        })
        .unwrap_or_default();
    fields.finish(Severity::Warning, out);
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
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, Context::ObjectMapping, false, &mut rule.locator, out);
    }
    rule.target_table_name = fields
        .get("target-table-name")
        .and_then(|m| value::string(m, out));
    rule.mapping_parameters = fields
        .get("mapping-parameters")
        .and_then(|m| value::object(m, out))
        .cloned();
    // Kafka: the topic of this table's records.
    fields.allow(&["kafka-target-topic"]);
    // Documented inside `mapping-parameters`; one AWS example writes it on the rule itself.
    if let Some(m) = fields.get("partition-key") {
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
    fields.finish(Severity::Warning, out);
    rule
}

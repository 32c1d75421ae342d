//! `transformation` rules: target, action, locator and the action's arguments.

use crate::ast::{BeforeImageDef, DataTypeDef, PrimaryKeyDef, RuleHeader, TransformationRule};
use crate::diagnostic::Diagnostics;
use crate::syntax::Member;
use crate::vocabulary::transformation as keys;

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

pub(super) fn transformation<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> Box<TransformationRule<'a>> {
    // Built in its box and filled in place: the rule is large, and each move would copy it.
    let mut rule = Box::new(TransformationRule {
        header,
        target: None,
        action: None,
        locator: None,
        value: None,
        old_value: None,
        expression: None,
        data_type: None,
        primary_key_def: None,
        before_image_def: None,
    });
    rule.target = fields
        .get(&keys::RULE_TARGET)
        .and_then(|m| value::keyword(m, &keys::RULE_TARGET, out));
    rule.action = fields
        .get(&keys::ACTION)
        .and_then(|m| value::keyword(m, &keys::ACTION, out));
    // Transformation locators take `%` in every name but `data-type`.
    if let Some(m) = fields.get(&keys::OBJECT_LOCATOR) {
        locator::locator(m, Context::Transformation, true, &mut rule.locator, out);
    }
    let string =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::string(m, out));
    rule.value = string(fields.get(&keys::VALUE), out);
    rule.old_value = string(fields.get(&keys::OLD_VALUE), out);
    rule.expression = string(fields.get(&keys::EXPRESSION), out);
    rule.data_type = fields
        .get(&keys::DATA_TYPE)
        .and_then(|m| data_type(m, out))
        .map(Box::new);
    rule.primary_key_def = fields
        .get(&keys::PRIMARY_KEY_DEF)
        .and_then(|m| primary_key_def(m, out))
        .map(Box::new);
    rule.before_image_def = fields
        .get(&keys::BEFORE_IMAGE_DEF)
        .and_then(|m| before_image_def(m, out))
        .map(Box::new);
    fields.finish(out);
    rule
}

fn data_type<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<DataTypeDef<'a>> {
    let mut fields = Fields::of(
        &member.value,
        &keys::DATA_TYPE_DEF,
        Some(&member.key.value),
        out,
    )?;
    let scalar =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::scalar(m, out));
    let def = DataTypeDef {
        span: fields.span(),
        type_name: fields
            .get(&keys::TYPE)
            .and_then(|m| value::keyword(m, &keys::TYPE, out)),
        precision: scalar(fields.get(&keys::PRECISION), out),
        scale: scalar(fields.get(&keys::SCALE), out),
        length: scalar(fields.get(&keys::LENGTH), out),
    };
    fields.finish(out);
    Some(def)
}

fn primary_key_def<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<PrimaryKeyDef<'a>> {
    let mut fields = Fields::of(
        &member.value,
        &keys::PRIMARY_KEY,
        Some(&member.key.value),
        out,
    )?;
    let name = fields.get(&keys::NAME).and_then(|m| value::string(m, out));
    let origin = fields
        .get(&keys::ORIGIN)
        .and_then(|m| value::keyword(m, &keys::ORIGIN, out));
    let columns = fields
        .get(&keys::COLUMNS)
        .and_then(|m| value::strings(m, "column", out))
        .map(|columns| columns.value)
        .unwrap_or_default();
    fields.finish(out);
    Some(PrimaryKeyDef {
        span: member.value.span,
        name,
        origin,
        columns,
    })
}

fn before_image_def<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<BeforeImageDef<'a>> {
    let mut fields = Fields::of(
        &member.value,
        &keys::BEFORE_IMAGE,
        Some(&member.key.value),
        out,
    )?;
    let def = BeforeImageDef {
        span: member.value.span,
        column_prefix: fields
            .get(&keys::COLUMN_PREFIX)
            .and_then(|m| value::string(m, out)),
        column_suffix: fields
            .get(&keys::COLUMN_SUFFIX)
            .and_then(|m| value::string(m, out)),
        column_filter: fields
            .get(&keys::COLUMN_FILTER)
            .and_then(|m| value::keyword(m, &keys::COLUMN_FILTER, out)),
    };
    fields.finish(out);
    Some(def)
}

//! `transformation` rules: target, action, locator and the action's arguments.

use crate::ast::{BeforeImageDef, DataTypeDef, PrimaryKeyDef, RuleHeader, TransformationRule};
use crate::diagnostic::{Diagnostics, Severity};
use crate::syntax::Member;

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
        .require("rule-target")
        .and_then(|m| value::keyword(m, out));
    rule.action = fields
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    // Transformation locators take `%` in every name but `data-type`.
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, Context::Transformation, true, &mut rule.locator, out);
    }
    let string =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::string(m, out));
    rule.value = string(fields.get("value"), out);
    rule.old_value = string(fields.get("old-value"), out);
    rule.expression = string(fields.get("expression"), out);
    rule.data_type = fields.get("data-type").and_then(|m| data_type(m, out));
    rule.primary_key_def = fields
        .get("primary-key-def")
        .and_then(|m| primary_key_def(m, out))
        .map(Box::new);
    rule.before_image_def = fields
        .get("before-image-def")
        .and_then(|m| before_image_def(m, out))
        .map(Box::new);
    fields.finish(Severity::Warning, out);
    rule
}

fn data_type<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<DataTypeDef<'a>> {
    let mut fields = Fields::of(&member.value, "data type", Some("data-type"), out)?;
    let scalar =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::scalar(m, out));
    let def = DataTypeDef {
        span: fields.span(),
        type_name: fields.require("type").and_then(|m| value::keyword(m, out)),
        precision: scalar(fields.get("precision"), out),
        scale: scalar(fields.get("scale"), out),
        length: scalar(fields.get("length"), out),
    };
    fields.finish(Severity::Warning, out);
    Some(def)
}

fn primary_key_def<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<PrimaryKeyDef<'a>> {
    let mut fields = Fields::of(
        &member.value,
        "primary key definition",
        Some("primary-key-def"),
        out,
    )?;
    let name = fields.require("name").and_then(|m| value::string(m, out));
    let origin = fields.get("origin").and_then(|m| value::keyword(m, out));
    let columns = fields
        .require("columns")
        .and_then(|m| value::strings(m, "column", out))
        .map(|columns| columns.value)
        .unwrap_or_default();
    fields.finish(Severity::Warning, out);
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
        "before-image definition",
        Some("before-image-def"),
        out,
    )?;
    let def = BeforeImageDef {
        span: member.value.span,
        column_prefix: fields
            .get("column-prefix")
            .and_then(|m| value::string(m, out)),
        column_suffix: fields
            .get("column-suffix")
            .and_then(|m| value::string(m, out)),
        column_filter: fields
            .get("column-filter")
            .and_then(|m| value::keyword(m, out)),
    };
    fields.finish(Severity::Warning, out);
    Some(def)
}

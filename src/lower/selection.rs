//! `selection` rules: action, locator, and in table mappings filters and load order.

use crate::ast::{Filter, FilterCondition, RuleHeader, SelectionAction, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
use crate::options::Dialect;
use crate::span::Spanned;
use crate::syntax::{Member, Value, ValueKind};

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

/// `load-order` tops out at a 32-bit signed integer (spec §3.2).
const MAX_LOAD_ORDER: u64 = 2_147_483_647;

pub(super) fn selection<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    dialect: Dialect,
    out: &mut Diagnostics,
) -> Box<SelectionRule<'a>> {
    // Built in its box and filled in place: the rule is large, and each move would copy it.
    let mut rule = Box::new(SelectionRule {
        header,
        action: None,
        locator: None,
        filters: Vec::new(),
        filters_span: None,
        load_order: None,
    });
    rule.action = fields.require("rule-action").and_then(|m| match dialect {
        // Homogeneous data migrations take `include` rules only.
        Dialect::DataMigration => {
            value::keyword_with(m, &[SelectionAction::Include], Severity::Error, out)
        }
        _ => value::keyword(m, out),
    });
    // Names are patterns in include and exclude rules; explicit names are exact.
    let patterns = rule
        .action
        .is_some_and(|a| a.value != SelectionAction::Explicit);
    let context = match dialect {
        Dialect::SchemaConversion => Context::SchemaConversion,
        Dialect::TableMapping => Context::Selection,
        Dialect::DataMigration => Context::DataMigration,
    };
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, context, patterns, &mut rule.locator, out);
    }
    // Every AWS example of a data migration's rules carries `"filters": []`.
    if dialect != Dialect::SchemaConversion {
        if let Some(m) = fields.get("filters") {
            rule.filters_span = Some(m.value.span);
            if let Some(items) = value::array(m, out) {
                rule.filters = value::each(items, |f| filter(f, out));
            }
        }
    }
    match dialect {
        Dialect::TableMapping => {
            rule.load_order = fields.get("load-order").and_then(|m| load_order(m, out));
            fields.finish(Severity::Warning, out);
        }
        Dialect::SchemaConversion => fields.finish_with(
            Severity::Warning,
            Some("Schema Conversion selection rules have `rule-type`, `rule-id`, `rule-name`, `rule-action` and `object-locator` only; DMS ignores the rest"),
            out,
        ),
        Dialect::DataMigration => fields.finish_with(
            Severity::Warning,
            Some("homogeneous data migrations' selection rules have `rule-type`, `rule-id`, `rule-name`, `rule-action`, `object-locator` and `filters` (empty in every AWS example) only"),
            out,
        ),
    }
    rule
}

fn filter<'a>(value: &Value<'a>, out: &mut Diagnostics) -> Option<Filter<'a>> {
    let mut fields = Fields::of(value, "filter", None, out)?;
    if let Some(m) = fields.require("filter-type") {
        if let Some(text) = m.value.as_str() {
            if text.value != "source" {
                out.push(value::invalid_value(
                    "filter-type",
                    text,
                    ["source"].into_iter(),
                    Severity::Error,
                ));
            }
        } else {
            out.push(value::wrong_type(m, "a string"));
        }
    }
    let column_name = fields
        .require("column-name")
        .and_then(|m| value::string(m, out));
    let conditions = fields
        .require("filter-conditions")
        .and_then(|m| value::array(m, out))
        .map(|items| value::each(items, |c| condition(c, out)))
        .unwrap_or_default();
    fields.finish(Severity::Warning, out);
    Some(Filter {
        span: value.span,
        column_name,
        conditions,
    })
}

fn condition<'a>(value: &Value<'a>, out: &mut Diagnostics) -> Option<FilterCondition<'a>> {
    let mut fields = Fields::of(value, "filter condition", None, out)?;
    let operator = fields
        .require("filter-operator")
        .and_then(|m| value::keyword(m, out));
    let value_of =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::scalar(m, out));
    let condition = FilterCondition {
        span: value.span,
        operator,
        value: value_of(fields.get("value"), out),
        start_value: value_of(fields.get("start-value"), out),
        end_value: value_of(fields.get("end-value"), out),
    };
    fields.finish(Severity::Warning, out);
    Some(condition)
}

fn load_order(member: &Member<'_>, out: &mut Diagnostics) -> Option<Spanned<u64>> {
    let (text, span) = match &member.value.kind {
        ValueKind::String(s) => (s.value.as_ref(), s.span),
        ValueKind::Number(raw) => (*raw, member.value.span),
        _ => {
            out.push(value::wrong_type(member, "a positive whole number"));
            return None;
        }
    };
    // Digits only: `u64` parsing would also take a leading `+`.
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u64>() {
        Ok(n) if digits && (1..=MAX_LOAD_ORDER).contains(&n) => Some(Spanned::new(n, span)),
        _ => {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`load-order` must be a whole number from 1 to {MAX_LOAD_ORDER}, found `{text}`"),
                    Label::new(span, "not a load order"),
                )
                .with_help("tables with a higher `load-order` load first, such as `\"load-order\": \"2\"`"),
            );
            None
        }
    }
}

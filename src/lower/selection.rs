//! `selection` rules: action, locator, and in table mappings filters and load order.

use crate::ast::{Filter, FilterCondition, RuleHeader, SelectionAction, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Spanned;
use crate::syntax::{Member, Value, ValueKind};
use crate::vocabulary::selection as keys;

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
    // Homogeneous data migrations take `include` rules only.
    let (action, object_locator, context) = match dialect {
        Dialect::SchemaConversion => (
            &keys::ACTION,
            &keys::SC_OBJECT_LOCATOR,
            Context::SchemaConversion,
        ),
        Dialect::TableMapping => (&keys::ACTION, &keys::OBJECT_LOCATOR, Context::Selection),
        Dialect::DataMigration => (
            &keys::DM_ACTION,
            &keys::DM_OBJECT_LOCATOR,
            Context::DataMigration,
        ),
    };
    rule.action = fields
        .get(action)
        .and_then(|m| value::keyword(m, action, out));
    // Names are patterns in include and exclude rules; explicit names are exact.
    let patterns = rule
        .action
        .is_some_and(|a| a.value != SelectionAction::Explicit);
    if let Some(m) = fields.get(object_locator) {
        locator::locator(m, context, patterns, &mut rule.locator, out);
    }
    // Every AWS example of a data migration's rules carries `"filters": []`.
    let filters = match dialect {
        Dialect::SchemaConversion => None,
        Dialect::TableMapping => Some(&keys::FILTERS),
        Dialect::DataMigration => Some(&keys::DM_FILTERS),
    };
    if let Some(m) = filters.and_then(|key| fields.get(key)) {
        rule.filters_span = Some(m.value.span);
        if let Some(items) = value::array(m, out) {
            rule.filters = value::each(items, |f| filter(f, out));
        }
    }
    if dialect == Dialect::TableMapping {
        rule.load_order = fields
            .get(&keys::LOAD_ORDER)
            .and_then(|m| load_order(m, out));
    }
    fields.finish(out);
    rule
}

fn filter<'a>(value: &Value<'a>, out: &mut Diagnostics) -> Option<Filter<'a>> {
    let mut fields = Fields::of(value, &keys::FILTER, None, out)?;
    if let Some(m) = fields.get(&keys::FILTER_TYPE) {
        filter_type(m, out);
    }
    let column_name = fields
        .get(&keys::COLUMN_NAME)
        .and_then(|m| value::string(m, out));
    let conditions = fields
        .get(&keys::FILTER_CONDITIONS)
        .and_then(|m| value::array(m, out))
        .map(|items| value::each(items, |c| condition(c, out)))
        .unwrap_or_default();
    fields.finish(out);
    Some(Filter {
        span: value.span,
        column_name,
        conditions,
    })
}

/// `filter-type`: a string, and the one value there is.
fn filter_type(member: &Member<'_>, out: &mut Diagnostics) {
    let Some(text) = member.value.as_str() else {
        out.push(value::wrong_type(member, "a string"));
        return;
    };
    let Some(choices) = keys::FILTER_TYPE.choices() else {
        return;
    };
    if !choices.contains(&text.value) {
        out.push(value::invalid_value(
            keys::FILTER_TYPE.name,
            text,
            choices.iter(),
            choices.outside,
        ));
    }
}

fn condition<'a>(value: &Value<'a>, out: &mut Diagnostics) -> Option<FilterCondition<'a>> {
    let mut fields = Fields::of(value, &keys::CONDITION, None, out)?;
    let operator = fields
        .get(&keys::FILTER_OPERATOR)
        .and_then(|m| value::keyword(m, &keys::FILTER_OPERATOR, out));
    let value_of =
        |m: Option<&Member<'a>>, out: &mut Diagnostics| m.and_then(|m| value::scalar(m, out));
    let condition = FilterCondition {
        span: value.span,
        operator,
        value: value_of(fields.get(&keys::VALUE), out),
        start_value: value_of(fields.get(&keys::START_VALUE), out),
        end_value: value_of(fields.get(&keys::END_VALUE), out),
    };
    fields.finish(out);
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

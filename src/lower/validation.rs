//! `validation` rules: a column target, the one action, the locator and the functions.

use crate::ast::{RuleHeader, ValidationRule};
use crate::diagnostic::Diagnostics;
use crate::vocabulary::validation as keys;

use super::fields::Fields;
use super::locator::{self, Context};
use super::value;

pub(super) fn validation<'a>(
    header: RuleHeader<'a>,
    fields: &mut Fields<'_, 'a>,
    out: &mut Diagnostics,
) -> Box<ValidationRule<'a>> {
    // Built in its box and filled in place, like the other rule types.
    let mut rule = Box::new(ValidationRule {
        header,
        target: None,
        action: None,
        locator: None,
        source_function: None,
        target_function: None,
    });
    rule.target = fields
        .get(&keys::RULE_TARGET)
        .and_then(|m| value::keyword(m, &keys::RULE_TARGET, out));
    rule.action = fields
        .get(&keys::ACTION)
        .and_then(|m| value::keyword(m, &keys::ACTION, out));
    // Names are patterns, as in transformation locators (`%` for every column).
    if let Some(m) = fields.get(&keys::OBJECT_LOCATOR) {
        locator::locator(m, Context::Validation, true, &mut rule.locator, out);
    }
    // One of the two is required: the vocabulary says which.
    let source = fields.get(&keys::SOURCE_FUNCTION);
    let target = fields.get(&keys::TARGET_FUNCTION);
    rule.source_function = source.and_then(|m| value::string(m, out));
    rule.target_function = target.and_then(|m| value::string(m, out));
    fields.finish(out);
    rule
}

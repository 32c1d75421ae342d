//! `validation` rules: a column target, the one action, the locator and the functions.

use crate::ast::{RuleHeader, RuleTarget, ValidationRule};
use crate::diagnostic::{Diagnostics, Severity};

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
        .require("rule-target")
        .and_then(|m| value::keyword_with(m, &[RuleTarget::Column], Severity::Error, out));
    rule.action = fields
        .require("rule-action")
        .and_then(|m| value::keyword(m, out));
    // Names are patterns, as in transformation locators (`%` for every column).
    if let Some(m) = fields.require("object-locator") {
        locator::locator(m, Context::Validation, true, &mut rule.locator, out);
    }
    let [source, target] =
        fields.require_any(&["source-function", "target-function"], Severity::Error);
    rule.source_function = source.and_then(|m| value::string(m, out));
    rule.target_function = target.and_then(|m| value::string(m, out));
    fields.finish(Severity::Warning, out);
    rule
}

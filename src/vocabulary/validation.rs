//! `validation` rules (table mapping): which function data validation compares a column with.

use crate::ast::{RuleTarget, ValidationAction};
use crate::diagnostic::Severity;

use super::header::{object_locator, rule_action, rule_target, HEADER};
use super::locator;
use super::object::{Choices, Entry, Key, Need, Object, Value};

pub(crate) static RULE: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&RULE_TARGET),
    Entry::Key(&ACTION),
    Entry::Key(&OBJECT_LOCATOR),
    Entry::Key(&SOURCE_FUNCTION),
    Entry::Key(&TARGET_FUNCTION),
]);

pub(crate) static RULE_TARGET: Key = rule_target(
    Choices::of(&[RuleTarget::Column.as_str()]),
    "Always `column`.",
);

/// Written after `object-locator` by the canonical form, as the AWS guide lists them.
pub(crate) static ACTION: Key = rule_action(
    Value::Keyword(Choices::of(ValidationAction::TEXTS).docs(&[(
        ValidationAction::OverrideValidationFunction.as_str(),
        "Validation compares the results of `source-function` and `target-function` (not for primary-key columns).",
    )])),
    "What the rule does: `override-validation-function`; validation must be enabled in the task settings.",
)
.required(Severity::Error)
.written_after(OBJECT_LOCATOR.name);

/// Names are patterns, as in transformation locators (`%` for every column).
pub(crate) static OBJECT_LOCATOR: Key = object_locator(
    &locator::VALIDATION,
    "The columns whose validation is overridden: `schema-name`, `table-name` and `column-name`, by pattern.",
);

pub(crate) static SOURCE_FUNCTION: Key = Key::new(
    "source-function",
    Value::String,
    "SQL run on the source column (`${column-name}` stands for it); validation compares its result instead of the column's value.",
)
.need(Need::OneOf(Severity::Error))
.add("add `\"source-function\"`, the SQL run on the source column (`${column-name}` stands for it)");

pub(crate) static TARGET_FUNCTION: Key = Key::new(
    "target-function",
    Value::String,
    "SQL run on the target column, likewise; give it, `source-function`, or both.",
)
.need(Need::OneOf(Severity::Error))
.add("`\"target-function\"`, the SQL run on the target column");

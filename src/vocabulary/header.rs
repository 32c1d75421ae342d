//! What every rule has (`rule-type`, `rule-id`, `rule-name`), and the keys every rule type has
//! in a form of its own (`rule-action`, `rule-target`, `object-locator`).

use crate::ast::RuleType;
use crate::diagnostic::Severity;
use crate::options::Dialect;

use super::object::{Choices, Key, Need, Object, Value};

/// `rule-type`, which every rule has: it decides the rule's other keys.
pub static RULE_TYPE: Key = Key::new(
    "rule-type",
    Value::Keyword(Choices::of(RuleType::TEXTS).docs(&[
        (
            RuleType::Selection.as_str(),
            "Chooses the tables (or, in Schema Conversion, the objects) to work on.",
        ),
        (
            RuleType::Transformation.as_str(),
            "Renames, adds, removes or retypes schemas, tables and columns on the way to the target.",
        ),
        (
            RuleType::TableSettings.as_str(),
            "Settings for one table: parallel load, LOB handling.",
        ),
        (
            RuleType::PostProcessing.as_str(),
            "S3 targets: tags on the objects written.",
        ),
        (
            RuleType::ObjectMapping.as_str(),
            "DynamoDB, Kinesis and Kafka targets: how records map.",
        ),
        (
            RuleType::Validation.as_str(),
            "Data validation: compares the located columns through SQL functions instead of their own values.",
        ),
    ])),
    "The kind of rule: `selection`, `transformation`, `table-settings`, `post-processing`, `object-mapping` or `validation` (Schema Conversion takes only `selection`).",
)
.required(Severity::Error)
.add("add `\"rule-type\"`, such as `\"rule-type\": \"selection\"`");

pub(crate) static RULE_ID: Key = Key::new(
    "rule-id",
    Value::RuleId,
    "A unique number, written as a string of digits (`\"1\"`). Ids compare as numbers; Schema Conversion applies the rules in ascending id order.",
)
.required(Severity::Error)
.add("add a unique numeric id, such as `\"rule-id\": \"1\"`");

/// Table mappings do not check for `rule-name`: its absence is a warning.
static RULE_NAME: Key = Key::new(
    "rule-name",
    Value::String,
    "A name for the rule, documented as unique; it shows in logs and errors.",
)
.required(Severity::Warning)
.add("add a name, such as `\"rule-name\": \"include-hr\"`");

/// Schema Conversion documents every member of a rule as required.
static RULE_NAME_SC: Key = Key {
    need: Need::Required(Severity::Error),
    ..RULE_NAME
};

/// What every rule has, in the order lowering reads it: in table mappings and data migrations.
pub(super) static HEADER: [&Key; 3] = [&RULE_TYPE, &RULE_ID, &RULE_NAME];

/// The same in Schema Conversion rules.
pub(super) static SC_HEADER: [&Key; 3] = [&RULE_TYPE, &RULE_ID, &RULE_NAME_SC];

/// A rule's `rule-name` in `dialect`.
pub(crate) fn rule_name(dialect: Dialect) -> &'static Key {
    match dialect {
        Dialect::SchemaConversion => &RULE_NAME_SC,
        Dialect::TableMapping | Dialect::DataMigration => &RULE_NAME,
    }
}

/// A rule's `rule-action`, taking `value`; optional until said otherwise.
pub(super) const fn rule_action(value: Value, doc: &'static str) -> Key {
    Key::new("rule-action", value, doc)
}

/// A rule's `rule-target`, one of `choices`; required.
pub(super) const fn rule_target(choices: Choices, doc: &'static str) -> Key {
    Key::new("rule-target", Value::Keyword(choices), doc).required(Severity::Error)
}

/// A rule's `object-locator`, which is `locator`; required.
pub(super) const fn object_locator(locator: &'static Object, doc: &'static str) -> Key {
    Key::new("object-locator", Value::Object(locator), doc)
        .required(Severity::Error)
        .add("add the objects the rule is about, such as `\"object-locator\": {\"schema-name\": \"HR\", \"table-name\": \"%\"}`")
}

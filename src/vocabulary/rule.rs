//! The document, what every rule has, and which object a rule is in each dialect.

use crate::ast::RuleType;
use crate::diagnostic::Severity;
use crate::options::Dialect;

use super::{
    selection, table_settings, target_specific, transformation, validation, Choices, Entry, Key,
    Object, Value,
};

/// The top level: `{"rules": [...]}`.
pub static ENVELOPE: Object = Object::new("document", &[Entry::Key(&RULES)]);

static RULES: Key = Key::new(
    "rules",
    Value::Rules,
    "The rules: an array of rule objects. DMS reads nothing else from the document.",
)
.required(Severity::Error);

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
    need: super::Need::Required(Severity::Error),
    ..RULE_NAME
};

/// What every rule has in `dialect`, in the order lowering reads it.
pub(super) fn header(dialect: Dialect) -> [&'static Key; 3] {
    [&RULE_TYPE, &RULE_ID, rule_name(dialect)]
}

/// A rule's `rule-name` in `dialect`.
pub(crate) fn rule_name(dialect: Dialect) -> &'static Key {
    match dialect {
        Dialect::SchemaConversion => &RULE_NAME_SC,
        Dialect::TableMapping | Dialect::DataMigration => &RULE_NAME,
    }
}

/// A rule whose type is missing or unknown, read as table mappings or data migrations: what
/// every rule has, and whatever some rule type takes.
static ANY: Object = Object::rule(&[
    Entry::Header(Dialect::TableMapping),
    Entry::RulesOf(Dialect::TableMapping),
]);

/// The same, in Schema Conversion rules.
static ANY_SC: Object = Object::rule(&[
    Entry::Header(Dialect::SchemaConversion),
    Entry::RulesOf(Dialect::TableMapping),
]);

/// The object a rule of `rule_type` is in `dialect`; `None` where the dialect does not take
/// that type (Schema Conversion and data migrations take selection rules only).
pub fn rule(dialect: Dialect, rule_type: RuleType) -> Option<&'static Object> {
    use RuleType as T;
    Some(match (dialect, rule_type) {
        (Dialect::SchemaConversion, T::Selection) => &selection::SCHEMA_CONVERSION,
        (Dialect::DataMigration, T::Selection) => &selection::DATA_MIGRATION,
        (Dialect::TableMapping, T::Selection) => &selection::TABLE_MAPPING,
        (Dialect::TableMapping, T::Transformation) => &transformation::RULE,
        (Dialect::TableMapping, T::TableSettings) => &table_settings::RULE,
        (Dialect::TableMapping, T::PostProcessing) => &target_specific::POST_PROCESSING,
        (Dialect::TableMapping, T::ObjectMapping) => &target_specific::OBJECT_MAPPING,
        (Dialect::TableMapping, T::Validation) => &validation::RULE,
        (Dialect::SchemaConversion | Dialect::DataMigration, _) => return None,
    })
}

/// A rule whose `rule-type` is missing or unknown: its type's members come first, then
/// whatever some table-mapping rule type takes, so a misspelt `rule-type` is still found
/// without flagging the rest.
pub fn rule_of_unknown_type(dialect: Dialect) -> &'static Object {
    match dialect {
        Dialect::SchemaConversion => &ANY_SC,
        Dialect::TableMapping | Dialect::DataMigration => &ANY,
    }
}

/// Every rule object of every dialect, each once.
pub(super) fn every_rule() -> Vec<&'static Object> {
    let mut found: Vec<&'static Object> = Vec::new();
    for dialect in [
        Dialect::SchemaConversion,
        Dialect::TableMapping,
        Dialect::DataMigration,
    ] {
        for &rule_type in RuleType::ALL {
            match rule(dialect, rule_type) {
                Some(object) if !found.iter().any(|f| std::ptr::eq(*f, object)) => {
                    found.push(object)
                }
                _ => {}
            }
        }
    }
    found
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

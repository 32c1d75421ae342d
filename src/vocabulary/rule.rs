//! The document, what every rule has, and which object a rule is in each dialect.

use crate::ast::RuleType;
use crate::diagnostic::Severity;
use crate::options::Dialect;

use super::header::{HEADER, SC_HEADER};
use super::object::{Entry, Key, Object, Value};
use super::{selection, table_settings, target_specific, transformation, validation};

/// The top level: `{"rules": [...]}`.
pub static ENVELOPE: Object = Object::new("document", &[Entry::Key(&RULES)]);

static RULES: Key = Key::new(
    "rules",
    Value::Rules,
    "The rules: an array of rule objects. DMS reads nothing else from the document.",
)
.required(Severity::Error);

/// A rule whose type is missing or unknown, read as table mappings or data migrations: what
/// every rule has, and whatever some rule type takes.
static ANY: Object = Object::rule(&[Entry::Keys(&HEADER), Entry::KeysOf(&TABLE_MAPPING)]);

/// The same, in Schema Conversion rules.
static ANY_SC: Object = Object::rule(&[Entry::Keys(&SC_HEADER), Entry::KeysOf(&TABLE_MAPPING)]);

/// The rule object of each table-mapping rule type, in the order of [`RuleType::ALL`].
static TABLE_MAPPING: [&Object; 6] = [
    &selection::TABLE_MAPPING,
    &transformation::RULE,
    &table_settings::RULE,
    &target_specific::POST_PROCESSING,
    &target_specific::OBJECT_MAPPING,
    &validation::RULE,
];

/// The object a rule of `rule_type` is in `dialect`; `None` where the dialect does not take
/// that type (Schema Conversion and data migrations take selection rules only).
pub fn rule(dialect: Dialect, rule_type: RuleType) -> Option<&'static Object> {
    use RuleType as T;
    Some(match (dialect, rule_type) {
        (Dialect::SchemaConversion, T::Selection) => &selection::SCHEMA_CONVERSION,
        (Dialect::DataMigration, T::Selection) => &selection::DATA_MIGRATION,
        (Dialect::TableMapping, _) => TABLE_MAPPING[rule_type as usize],
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

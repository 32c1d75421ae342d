//! The rule vocabulary, in one table: every object a rules document holds, in each dialect, and
//! its keys.
//!
//! For each rule type and dialect, and each object nested in a rule (`object-locator`, a
//! `filters` entry, `data-type`, `parallel-load`, ...): the keys it may hold, what each key's
//! value is and which values it takes, whether it is required and how strongly, the order the
//! canonical form writes it in, and what it means. The typed keywords of [`crate::ast`] are the
//! source of every fixed value's text; this table says where they are allowed.
//!
//! Lowering reads the keys it knows, its suggestions and the required keys from here; the
//! canonical form ([`crate::format`]) and [`crate::diff`] read the order; the language server
//! its completion and hover; and `grammar/dms-rules.schema.json` is written from it
//! ([`json_schema`]). Adding a key is one entry in the module of its object.
//!
//! ```
//! use dms_rules::ast::RuleType;
//! use dms_rules::vocabulary;
//! use dms_rules::Dialect;
//!
//! let rule = vocabulary::rule(Dialect::TableMapping, RuleType::Selection).expect("allowed");
//! let load_order = rule.key("load-order").expect("a key of selection rules");
//! assert!(!load_order.need.is_required());
//! // Schema Conversion selection rules take no `load-order`.
//! let rule = vocabulary::rule(Dialect::SchemaConversion, RuleType::Selection).expect("allowed");
//! assert!(rule.key("load-order").is_none());
//! ```

mod header;
pub(crate) mod locator;
mod object;
mod rule;
mod schema;
pub(crate) mod selection;
pub(crate) mod table_settings;
pub(crate) mod target_specific;
pub(crate) mod transformation;
pub(crate) mod validation;

pub use header::RULE_TYPE;
pub(crate) use header::{rule_name, RULE_ID};
pub use object::{Choices, Items, Key, Naming, Need, Object, Standing, Value};
pub use rule::{rule, rule_of_unknown_type, ENVELOPE};
pub use schema::json_schema;

/// The rule objects and the objects below them, each once, from the envelope down.
pub fn objects() -> Vec<&'static Object> {
    let mut found: Vec<&'static Object> = vec![&ENVELOPE];
    found.extend(rule::every_rule());
    let mut next = 0;
    while next < found.len() {
        for key in found[next].keys() {
            if let Some(child) = key.value.object() {
                if !found.iter().any(|f| std::ptr::eq(*f, child)) {
                    found.push(child);
                }
            }
        }
        next += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::RuleType;
    use crate::diagnostic::{Code, Severity};
    use crate::options::{Dialect, Options};

    /// A value of the kind `key` takes; objects with every key they have.
    fn sample(key: &Key) -> String {
        match key.value {
            Value::String | Value::Scalar | Value::Count | Value::RuleId | Value::LoadOrder => {
                "\"1\"".into()
            }
            Value::Flag => "true".into(),
            Value::Name(_) => "\"x\"".into(),
            Value::Keyword(choices) => format!("\"{}\"", choices.iter().next().unwrap_or("")),
            Value::Object(object) => whole(object, &[]),
            Value::Objects(object, _) => format!("[{}]", whole(object, &[])),
            Value::Strings(_) => "[\"a\"]".into(),
            Value::Rows => "[[\"1\"]]".into(),
            Value::Rules => "[]".into(),
        }
    }

    /// `object` with every key it documents, but those of `leave_out`.
    fn whole(object: &Object, leave_out: &[&str]) -> String {
        let members: Vec<String> = object
            .keys()
            .iter()
            .filter(|k| k.standing != Standing::Misplaced && !leave_out.contains(&k.name))
            .map(|k| format!("\"{}\": {}", k.name, sample(k)))
            .collect();
        format!("{{{}}}", members.join(", "))
    }

    fn findings(rule: &str, dialect: Dialect) -> Vec<(Code, String)> {
        // Another rule selects, so the document is complete.
        let selects = match dialect {
            Dialect::SchemaConversion => {
                r#"{"rule-type": "selection", "rule-id": "2", "rule-name": "s", "rule-action": "include", "object-locator": {"server-name": "s", "schema-name": "A"}}"#
            }
            _ => {
                r#"{"rule-type": "selection", "rule-id": "2", "rule-name": "s", "rule-action": "include", "object-locator": {"schema-name": "A", "table-name": "%"}}"#
            }
        };
        let document = format!("{{\"rules\": [{selects}, {rule}]}}");
        let options = Options {
            dialect: Some(dialect),
            ..Options::default()
        };
        crate::lint(&document, &options)
            .diagnostics()
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect()
    }

    fn rules() -> Vec<(Dialect, RuleType, &'static Object)> {
        let mut rules = Vec::new();
        for dialect in [
            Dialect::SchemaConversion,
            Dialect::TableMapping,
            Dialect::DataMigration,
        ] {
            for &rule_type in RuleType::ALL {
                if let Some(object) = rule(dialect, rule_type) {
                    rules.push((dialect, rule_type, object));
                }
            }
        }
        rules
    }

    /// A rule that holds every key the table gives it, nested objects full too, is read
    /// without a finding about its shape: lowering knows each key, where the table puts it,
    /// and reads the values the table says.
    #[test]
    fn every_key_of_the_table_is_one_lowering_reads() {
        for (dialect, rule_type, object) in rules() {
            let rule = whole(object, &[]).replacen(
                &format!("\"rule-type\": \"{}\"", RuleType::ALL[0]),
                &format!("\"rule-type\": \"{rule_type}\""),
                1,
            );
            let shape: Vec<_> = findings(&rule, dialect)
                .into_iter()
                .filter(|(code, _)| {
                    matches!(
                        code,
                        Code::UnknownKey | Code::MissingKey | Code::WrongType | Code::InvalidValue
                    )
                })
                .collect();
            assert!(shape.is_empty(), "{dialect} {rule_type}: {shape:?}\n{rule}");
        }
    }

    /// Leaving out a key the table requires is the finding the table says.
    #[test]
    fn every_required_key_is_missed_when_left_out() {
        for (dialect, rule_type, object) in rules() {
            for key in object.keys() {
                let (severity, leave_out) = match key.need {
                    Need::Required(severity) => (severity, vec![key.name]),
                    Need::TableMappings => (Severity::Error, vec![key.name]),
                    Need::OneOf(severity) => (
                        severity,
                        object
                            .keys()
                            .iter()
                            .filter(|k| matches!(k.need, Need::OneOf(_)))
                            .map(|k| k.name)
                            .collect(),
                    ),
                    _ => continue,
                };
                let rule = whole(object, &leave_out).replacen(
                    &format!("\"rule-type\": \"{}\"", RuleType::ALL[0]),
                    &format!("\"rule-type\": \"{rule_type}\""),
                    1,
                );
                let found = findings(&rule, dialect);
                let missed = found.iter().any(|(code, message)| {
                    *code == Code::MissingKey && message.contains(&format!("`{}`", key.name))
                });
                assert!(
                    missed,
                    "{dialect} {rule_type} without `{}` ({severity:?}): {found:?}",
                    key.name
                );
            }
        }
    }

    #[test]
    fn the_canonical_order_holds_every_key_once() {
        for object in objects() {
            let mut canonical = object.canonical().to_vec();
            let listed: Vec<&str> = object
                .keys()
                .iter()
                .filter(|k| k.standing != Standing::Misplaced)
                .map(|k| k.name)
                .collect();
            assert_eq!(canonical.len(), listed.len(), "{}", object.what());
            canonical.sort_unstable();
            canonical.dedup();
            assert_eq!(
                canonical.len(),
                listed.len(),
                "{}: a key twice",
                object.what()
            );
        }
    }

    #[test]
    fn a_rule_of_unknown_type_knows_every_rule_types_keys() {
        let keys: Vec<&str> = rule_of_unknown_type(Dialect::TableMapping)
            .keys()
            .iter()
            .map(|k| k.name)
            .collect();
        assert_eq!(
            keys[..7],
            [
                "rule-type",
                "rule-id",
                "rule-name",
                "rule-action",
                "object-locator",
                "filters",
                "load-order"
            ]
        );
        assert!(keys.contains(&"target-function"));
        assert!(
            !keys.contains(&"partition-key"),
            "misplaced keys are not known"
        );
    }
}

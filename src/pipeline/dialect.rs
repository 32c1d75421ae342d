//! Which rule vocabulary a document speaks: the one place it is decided.
//!
//! The caller may name the dialect. Naming a Schema Conversion operation says the rules are
//! Schema Conversion rules. Otherwise a document is Schema Conversion rules when any rule's
//! `object-locator` has a key that only Schema Conversion locators have (`server-name`, where
//! they start, `database-name`, `category-name`, or an object key such as `procedure-name`),
//! and table mappings when none has. Homogeneous data migrations' rules look like table
//! mappings: that dialect is never detected, only asked for.

use crate::lower::Why;
use crate::options::{Dialect, Options};
use crate::syntax::Value;
use crate::vocabulary::locator::is_schema_conversion_key;

/// The dialect a pass lowers in, and why it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Choice {
    pub dialect: Dialect,
    /// Messages say why; a detected choice is confirmed by the pass's locators.
    pub why: Why,
}

impl Choice {
    /// The dialect asked for (or implied by the operation), or the one the text suggests.
    /// Rules are lowered as the parser completes them, before the whole document has been
    /// seen, so the text is searched for the keys first; the locators then confirm it (see
    /// [`Choice::confirmed`]).
    pub fn first(options: &Options, text: &str) -> Choice {
        match (options.dialect, options.operation) {
            (Some(dialect), _) => Choice {
                dialect,
                why: Why::Asked,
            },
            (None, Some(_)) => Choice {
                dialect: Dialect::SchemaConversion,
                why: Why::Operation,
            },
            (None, None) => Choice {
                dialect: if mentions_schema_conversion_key(text) {
                    Dialect::SchemaConversion
                } else {
                    Dialect::TableMapping
                },
                why: Why::Detected,
            },
        }
    }

    /// `None` when the pass that lowered in this choice saw what it assumed
    /// (`saw_schema_conversion_key`: some locator has a key only Schema Conversion has);
    /// otherwise the choice to lower in again. That happens only when a key is written with
    /// escapes, or its text appears elsewhere than as a locator key.
    pub fn confirmed(self, saw_schema_conversion_key: bool) -> Option<Choice> {
        let actual = if saw_schema_conversion_key {
            Dialect::SchemaConversion
        } else {
            Dialect::TableMapping
        };
        (self.why == Why::Detected && actual != self.dialect).then_some(Choice {
            dialect: actual,
            why: Why::Detected,
        })
    }
}

/// Whether the text holds such a key, quoted: every one of them ends in `-name"`, so one
/// search for that finds them all, and each hit looks back to its opening quote.
fn mentions_schema_conversion_key(text: &str) -> bool {
    /// The longest such key, `table-valued-function-name`, and some room.
    const LOOK_BACK: usize = 40;
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"-name\"").any(|at| {
        let end = at + "-name".len();
        let from = end.saturating_sub(LOOK_BACK);
        bytes[from..end]
            .iter()
            .rposition(|&b| b == b'"')
            .and_then(|quote| text.get(from + quote + 1..end))
            .is_some_and(is_schema_conversion_key)
    })
}

/// Whether a rule's `object-locator` has a key only Schema Conversion has.
pub(super) fn names_schema_conversion_key(rule: &Value<'_>) -> bool {
    member(rule, "object-locator")
        .and_then(Value::as_object)
        .is_some_and(|locator| {
            locator
                .iter()
                .any(|m| !m.value.is_null() && is_schema_conversion_key(&m.key.value))
        })
}

/// Whether a rule uses only what Schema Conversion selection rules and table mappings share:
/// a `selection` rule with `rule-type`, `rule-id`, `rule-name`, `rule-action` and an
/// `object-locator` of `schema-name`, `table-name` and `table-type`. A document of such
/// rules may be Schema Conversion rules that left out `server-name`.
pub(super) fn uses_shared_keys_only(rule: &Value<'_>) -> bool {
    let Some(members) = rule.as_object() else {
        return false;
    };
    let selection = member(rule, "rule-type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.value == "selection");
    let locator_shared = |locator: &Value<'_>| {
        locator.as_object().is_some_and(|keys| {
            keys.iter().all(|m| {
                m.value.is_null()
                    || matches!(
                        m.key.value.as_ref(),
                        "schema-name" | "table-name" | "table-type"
                    )
            })
        })
    };
    selection
        && members.iter().all(|m| match m.key.value.as_ref() {
            "rule-type" | "rule-id" | "rule-name" | "rule-action" => true,
            "object-locator" => locator_shared(&m.value),
            _ => m.value.is_null(),
        })
}

/// The first member named `key` of an object.
fn member<'t, 'a>(value: &'t Value<'a>, key: &str) -> Option<&'t Value<'a>> {
    value
        .as_object()?
        .iter()
        .find(|m| m.key.value == key)
        .map(|m| &m.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Operation;

    fn options(dialect: Option<Dialect>, operation: Option<Operation>) -> Options {
        Options {
            dialect,
            operation,
            ..Options::default()
        }
    }

    #[test]
    fn a_wrong_guess_is_corrected_and_an_asked_dialect_never_is() {
        let guessed = Choice::first(&options(None, None), r#"{"rule-name": "server-name"}"#);
        assert_eq!(guessed.dialect, Dialect::SchemaConversion);
        assert_eq!(
            guessed.confirmed(false).map(|c| c.dialect),
            Some(Dialect::TableMapping)
        );
        assert_eq!(guessed.confirmed(true), None);
        let asked = Choice::first(
            &options(Some(Dialect::TableMapping), None),
            "\"server-name\"",
        );
        assert_eq!(asked.confirmed(true), None);
    }

    #[test]
    fn an_operation_means_schema_conversion_unless_a_dialect_is_asked_for() {
        let op = Some(Operation::DescribeMetadataModel);
        let implied = Choice::first(&options(None, op), "{}");
        assert_eq!(
            (implied.dialect, implied.why),
            (Dialect::SchemaConversion, Why::Operation)
        );
        assert_eq!(implied.confirmed(false), None);
        let asked = Choice::first(&options(Some(Dialect::TableMapping), op), "{}");
        assert_eq!(asked.dialect, Dialect::TableMapping);
    }

    #[test]
    fn keys_only_schema_conversion_has_are_found_in_the_text() {
        let found = |text: &str| mentions_schema_conversion_key(text);
        assert!(found(r#"{"procedure-name": "%"}"#));
        assert!(found(r#"{"database-name":"db"}"#));
        assert!(found(r#"{"table-valued-function-name": "f"}"#));
        assert!(!found(
            r#"{"schema-name": "HR", "table-name": "%", "column-name": "c"}"#
        ));
        assert!(!found(r#"{"rule-name": "a-name"}"#));
        // A value that reads like a key is a wrong guess the pass corrects.
        assert!(found(r#"{"rule-name": "procedure-name"}"#));
        assert!(!found("-name\""));
    }
}

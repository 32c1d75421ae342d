//! Which rule vocabulary a document speaks: the one place it is decided.
//!
//! The caller may name the dialect. Otherwise a document is Schema Conversion rules when any
//! rule's `object-locator` has `server-name` (only Schema Conversion locators start at the
//! server), and table mappings when none has.

use crate::options::Dialect;
use crate::syntax::Value;

/// The dialect a pass lowers in, and how it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Choice {
    pub dialect: Dialect,
    /// Chosen from the document, not asked for: messages say so, and the pass's locators
    /// confirm it.
    pub detected: bool,
}

impl Choice {
    /// The dialect asked for, or the one the text suggests. Rules are lowered as the parser
    /// completes them, before the whole document has been seen, so the text is searched for the
    /// key first; the locators then confirm it (see [`Choice::confirmed`]).
    pub fn first(asked: Option<Dialect>, text: &str) -> Choice {
        match asked {
            Some(dialect) => Choice {
                dialect,
                detected: false,
            },
            None => Choice {
                dialect: if text.contains("\"server-name\"") {
                    Dialect::SchemaConversion
                } else {
                    Dialect::TableMapping
                },
                detected: true,
            },
        }
    }

    /// `None` when the pass that lowered in this choice saw what it assumed (`saw_server_name`:
    /// some locator has `server-name`); otherwise the choice to lower in again. That happens
    /// only when the key is written with escapes, or the text appears elsewhere than as a
    /// locator key.
    pub fn confirmed(self, saw_server_name: bool) -> Option<Choice> {
        let actual = if saw_server_name {
            Dialect::SchemaConversion
        } else {
            Dialect::TableMapping
        };
        (self.detected && actual != self.dialect).then_some(Choice {
            dialect: actual,
            detected: true,
        })
    }
}

/// Whether a rule's `object-locator` has `server-name`.
pub(super) fn names_server(rule: &Value<'_>) -> bool {
    member(rule, "object-locator")
        .and_then(|locator| member(locator, "server-name"))
        .is_some()
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

    #[test]
    fn a_wrong_guess_is_corrected_and_an_asked_dialect_never_is() {
        let guessed = Choice::first(None, r#"{"rule-name": "server-name"}"#);
        assert_eq!(guessed.dialect, Dialect::SchemaConversion);
        assert_eq!(
            guessed.confirmed(false).map(|c| c.dialect),
            Some(Dialect::TableMapping)
        );
        assert_eq!(guessed.confirmed(true), None);
        let asked = Choice::first(Some(Dialect::TableMapping), "\"server-name\"");
        assert_eq!(asked.confirmed(true), None);
    }
}

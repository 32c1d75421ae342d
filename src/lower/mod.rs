//! The JSON tree to typed rules: shape problems (missing or unknown keys, wrong types, bad enum
//! values) are reported here.

mod envelope;

pub use envelope::envelope;

use crate::options::Dialect;
use crate::syntax::Value;

/// The dialect of a document when none was asked for: schema conversion when any rule's
/// `object-locator` has `server-name` (only Schema Conversion locators start at the server),
/// table mapping otherwise.
pub fn detect_dialect(rules: &[Value<'_>]) -> Dialect {
    let has_server_name = rules.iter().any(|rule| {
        member(rule, "object-locator")
            .and_then(|locator| member(locator, "server-name"))
            .is_some()
    });
    if has_server_name {
        Dialect::SchemaConversion
    } else {
        Dialect::TableMapping
    }
}

/// The first member named `key` of an object.
fn member<'t, 'a>(value: &'t Value<'a>, key: &str) -> Option<&'t Value<'a>> {
    value
        .as_object()?
        .iter()
        .find(|m| m.key.value == key)
        .map(|m| &m.value)
}

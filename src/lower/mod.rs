//! The JSON tree to typed rules: shape problems (missing or unknown keys, wrong types, bad enum
//! values, malformed ids and wildcards) are reported here. Lowering keeps going after every
//! problem; a rule too broken to type becomes `Rule::Invalid`.

mod envelope;
mod fields;
mod locator;
mod rule;
mod rule_id;
mod selection;
mod suggest;
mod table_settings;
mod target_specific;
mod transformation;
mod value;

pub use envelope::envelope;
pub(crate) use rule::{rule, DialectInfo};
pub(crate) use suggest::one_of;

use crate::ast::Document;
use crate::diagnostic::Diagnostics;
use crate::options::Dialect;
use crate::span::Span;
use crate::syntax::Value;

/// Lowers the items of the `rules` array, dropping each item's tree once it is lowered.
pub(crate) fn document<'a>(
    rules: Vec<Value<'a>>,
    span: Span,
    dialect: DialectInfo,
    out: &mut Diagnostics,
) -> Document<'a> {
    Document {
        dialect: dialect.dialect,
        span,
        rules: rules
            .into_iter()
            .filter_map(|r| rule(&r, dialect, out))
            .collect(),
    }
}

/// Whether a rule's `object-locator` has `server-name`: what makes a document Schema Conversion
/// rules when no dialect was asked for.
pub(crate) fn has_server_name(rule: &Value<'_>) -> bool {
    member(rule, "object-locator")
        .and_then(|locator| member(locator, "server-name"))
        .is_some()
}

/// The dialect of a document when none was asked for: schema conversion when any rule's
/// `object-locator` has `server-name` (only Schema Conversion locators start at the server),
/// table mapping otherwise.
pub fn detect_dialect(rules: &[Value<'_>]) -> Dialect {
    if rules.iter().any(has_server_name) {
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

//! The canonical form of a rules document: one way to write every document, so that a
//! change in review is a change in meaning (`grammar/format.md`).
//!
//! Two-space indentation and one member or item a line; `rules` first in the envelope; rules in
//! ascending numeric `rule-id`; the members of every rule and nested object in the order of the
//! AWS guide's tables, the members the crate does not know after them in the order written;
//! `null` members dropped; integer rule ids written as strings; every string and number kept
//! exactly as written; a final newline.
//!
//! ```
//! let source = r#"{"rules": [
//!   {"rule-action": "include", "rule-id": 2, "rule-type": "selection", "rule-name": "b",
//!    "object-locator": {"table-name": "%", "schema-name": "HR"}, "filters": null},
//!   {"rule-type": "selection", "rule-id": "1", "rule-name": "a", "rule-action": "include",
//!    "object-locator": {"schema-name": "SALES", "table-name": "ORDERS"}}]}"#;
//! let checked = dms_rules::lint(source, &dms_rules::Options::default());
//! let formatted = dms_rules::format::canonical(&checked).expect("no errors");
//! assert!(formatted.starts_with("{\n  \"rules\": [\n    {\n      \"rule-type\": \"selection\",\n      \"rule-id\": \"1\","));
//! assert!(formatted.contains("\"rule-id\": \"2\",\n      \"rule-name\": \"b\",\n      \"rule-action\": \"include\","));
//! assert!(!formatted.contains("null"));
//! ```

pub(crate) mod shape;
mod write;

use crate::options::Dialect;
use crate::pipeline::Checked;
use crate::syntax;

/// The canonical form of a checked document: `None` when it has errors (what it means is not
/// certain, so it is not rewritten). Pass the outcome of [`lint`](crate::lint), which is
/// enough, or of [`check`](crate::check); the text is [`Checked::source`].
///
/// Formatting changes no finding but one: an integer `rule-id` (`dms::rule_id_format`, a
/// warning) is written as a string.
pub fn canonical(checked: &Checked<'_>) -> Option<String> {
    if checked.has_errors() {
        return None;
    }
    let text = std::str::from_utf8(checked.source()).ok()?;
    let parsed = syntax::parse(text).ok()?;
    let dialect = checked.dialect().unwrap_or(Dialect::TableMapping);
    Some(write::document(text, &parsed.value, dialect))
}

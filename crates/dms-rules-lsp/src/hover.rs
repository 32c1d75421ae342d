//! Hover: on a finding, its code's explanation; on a member key, what it means and where it is
//! allowed; on an enumerated value, what it means and the other values.

use dms_rules::{Code, Dialect};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::document::Kind;
use crate::request::Context;
use crate::tree::{self, Target};
use crate::vocabulary::{self, Place};

pub fn hover(context: &Context<'_>, params: HoverParams) -> serde_json::Value {
    let document = context.document;
    let position = params.text_document_position_params.position;
    let offset = document
        .lines
        .offset(&document.text, position, context.encoding);
    let mut parts = Vec::new();
    let mut range = None;

    if let Some(analysis) = context.analysis() {
        // The findings whose primary label is under the cursor, each code once.
        let mut codes: Vec<Code> = Vec::new();
        for finding in &analysis.findings {
            let span = finding.primary.span;
            let under = span.start <= offset && (offset < span.end || offset == span.start);
            if under && !codes.contains(&finding.code) {
                codes.push(finding.code);
                range.get_or_insert(span);
            }
        }
        parts.extend(codes.into_iter().filter_map(explanation));

        if analysis.kind == Kind::Rules {
            if let Some(text) = member(&document.text, offset, analysis.dialect) {
                parts.push(text);
            }
        }
    }
    if parts.is_empty() {
        return serde_json::Value::Null;
    }
    let hover = Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|span| document.lines.range(&document.text, span, context.encoding)),
    };
    serde_json::to_value(hover).unwrap_or_default()
}

/// A code's entry in `grammar/codes.md`, under the code in bold.
fn explanation(code: Code) -> Option<String> {
    Some(format!("**`{code}`**\n\n{}", code.explanation()?))
}

/// What the key or value under the cursor means.
fn member(text: &str, offset: usize, found: Option<Dialect>) -> Option<String> {
    let root = tree::read(text)?;
    let dialect = tree::dialect(found, &root);
    let cursor = tree::cursor(&root, offset)?;
    let place = Place::of(&cursor.path, dialect)?;
    match cursor.target {
        Target::Key { key, .. } => {
            let name = key.value.as_str();
            let known = vocabulary::keys(place).into_iter().find(|k| k.name == name);
            let holders = vocabulary::holders(name);
            let mut out = match known {
                Some(k) => format!("**`{}`** in {}\n\n{}", k.name, place.name(), k.doc),
                None if holders.is_empty() => return None,
                None => format!("**`{name}`** is not a key of {} here", place.name()),
            };
            if !holders.is_empty() {
                out.push_str(&format!("\n\nAllowed in: {}.", holders.join(", ")));
            }
            let values = vocabulary::values(place, name);
            if !values.is_empty() {
                out.push_str(&format!("\n\nValues: {}.", quoted(&values)));
            }
            Some(out)
        }
        Target::Value { key, value, .. } => {
            let values = vocabulary::values(place, &key.value);
            if values.is_empty() {
                return None;
            }
            let mut out = format!("**`{}`** of `{}`", value.value, key.value);
            if let Some(doc) = vocabulary::value_doc(place, &key.value, &value.value) {
                out.push_str(&format!("\n\n{doc}"));
            } else if !values.contains(&value.value.as_str()) {
                out.push_str("\n\nNot one of the values here.");
            }
            out.push_str(&format!(
                "\n\n`{}` takes {} (case-sensitive).",
                key.value,
                quoted(&values)
            ));
            Some(out)
        }
        Target::Gap { .. } => None,
    }
}

fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::testing::{Session, URI};

    const TEXT: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
  "object-locator": {"schema-name": "HR", "table-name": "%", "colour": "red"},
  "rule-action": "include"}]}"#;

    fn hover(session: &mut Session, needle: &str, within: usize) -> Value {
        let at = session.at(needle, within);
        session.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": at}),
        )
    }

    fn markdown(hover: &Value) -> &str {
        assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
        hover["contents"]["value"].as_str().expect("text")
    }

    #[test]
    fn a_key_says_what_it_means_where_it_is_allowed_and_its_values() {
        let mut session = Session::open(TEXT);
        let key = hover(&mut session, "\"rule-action\"", 3);
        let text = markdown(&key);
        assert!(text.starts_with("**`rule-action`** in a rule"), "{text}");
        assert!(
            text.contains("Values: `include`, `exclude`, `explicit`."),
            "{text}"
        );
        let locator_key = hover(&mut session, "\"table-name\"", 2);
        assert!(markdown(&locator_key).contains("Allowed in: an `object-locator`."));
    }

    #[test]
    fn a_value_says_what_it_means_and_the_other_values() {
        let mut session = Session::open(TEXT);
        let value = hover(&mut session, "\"include\"", 2);
        let text = markdown(&value);
        assert!(text.starts_with("**`include`** of `rule-action`"), "{text}");
        assert!(
            text.contains("takes `include`, `exclude`, `explicit` (case-sensitive)"),
            "{text}"
        );

        let wrong = TEXT.replace("\"include\"", "\"Include\"");
        let mut session = Session::open(&wrong);
        let value = hover(&mut session, "\"Include\"", 2);
        assert!(
            markdown(&value).contains("Not one of the values here."),
            "{value}"
        );
    }

    #[test]
    fn a_finding_is_explained_by_its_code_over_its_bytes() {
        let mut session = Session::open(TEXT);
        let finding = hover(&mut session, "\"colour\"", 2);
        let text = markdown(&finding);
        assert!(
            text.starts_with("**`dms::unknown_key`**\n\n**Warning.**"),
            "{text}"
        );
        assert!(text.contains("*Fix:*"), "{text}");
        // The hover covers the finding's bytes: the key, quotes included.
        let start = session.at("\"colour\"", 0);
        let end = session.at("\"colour\"", "\"colour\"".len());
        assert_eq!(finding["range"], json!({"start": start, "end": end}));
    }

    #[test]
    fn nothing_to_say_is_null() {
        let mut session = Session::open(TEXT);
        let nothing = session.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
        );
        assert_eq!(nothing, Value::Null);
        let unknown = session.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///work/closed.json"},
                   "position": {"line": 0, "character": 0}}),
        );
        assert_eq!(unknown, Value::Null);
    }
}

//! Hover: on a finding, its code's explanation; on a member key, what it means and where it is
//! allowed; on an enumerated value, what it means and the other values.

use dms_rules::{Code, Dialect};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::document::Kind;
use super::tree::{self, Target};
use super::vocabulary::{self, Place};
use super::Context;

/// Every code at length, as the crate documents them.
const CODES: &str = include_str!("../../../../grammar/codes.md");

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

/// A code's entry in `grammar/codes.md`, heading included.
pub fn explanation(code: Code) -> Option<String> {
    let heading = format!("## `{code}`");
    let start = CODES.find(&format!("\n{heading}\n"))? + 1;
    let body = &CODES[start + heading.len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(format!("**`{code}`**\n\n{}", body[..end].trim()))
}

/// What the key or value under the cursor means.
fn member(text: &str, offset: usize, found: Option<Dialect>) -> Option<String> {
    let root = tree::read(text)?;
    let dialect = tree::dialect(found, &root);
    let cursor = tree::cursor(&root, offset)?;
    let object = cursor.object()?;
    let rule_type = cursor.rule().and_then(|r| r.member_str("rule-type"));
    let place = Place {
        object,
        rule_type,
        dialect,
    };
    match cursor.target {
        Target::Key { key, .. } => {
            let name = key.value.as_str();
            let known = vocabulary::keys(place).into_iter().find(|k| k.name == name);
            let holders = vocabulary::holders(name);
            let mut out = match known {
                Some(k) => format!("**`{}`** in {}\n\n{}", k.name, object.name(), k.doc),
                None if holders.is_empty() => return None,
                None => format!("**`{name}`** is not a key of {} here", object.name()),
            };
            if !holders.is_empty() {
                out.push_str(&format!("\n\nAllowed in: {}.", holders.join(", ")));
            }
            let values = vocabulary::values(place, name);
            if !values.is_empty() {
                out.push_str(&format!("\n\nValues: {}.", quoted(values)));
            }
            Some(out)
        }
        Target::Value { key, value, .. } => {
            let values = vocabulary::values(place, &key.value);
            if values.is_empty() {
                return None;
            }
            let mut out = format!("**`{}`** of `{}`", value.value, key.value);
            if let Some(doc) = vocabulary::value_doc(&key.value, &value.value) {
                out.push_str(&format!("\n\n{doc}"));
            } else if !values.contains(&value.value.as_str()) {
                out.push_str("\n\nNot one of the values here.");
            }
            out.push_str(&format!(
                "\n\n`{}` takes {} (case-sensitive).",
                key.value,
                quoted(values)
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
    use super::*;

    #[test]
    fn every_code_has_an_explanation() {
        for &code in Code::ALL {
            let text = explanation(code).unwrap_or_else(|| panic!("{code}"));
            assert!(text.contains("*Fix:*"), "{code}: {text}");
        }
    }
}

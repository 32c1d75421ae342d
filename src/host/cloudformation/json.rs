//! JSON templates (CDK's `cdk.out/*.template.json`): our own JSON parser's tree, as the
//! template tree. Its nesting limit keeps the conversion's recursion bounded.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use crate::syntax::{self, Value, ValueKind};

use super::node::{Kind, Node, Scalar, Style};

pub(super) fn read(text: &str) -> Result<Node<'_>, Diagnostic> {
    // Repeated keys are reported where they matter (the keys a mapping is found by); the rules
    // document's own are the pipeline's to report.
    Ok(node(syntax::parse(text)?.value))
}

fn node(value: Value<'_>) -> Node<'_> {
    let span = value.span;
    let scalar = |value, style| {
        Kind::Scalar(Scalar {
            value,
            style,
            raw: span,
            indent: 0,
        })
    };
    let kind = match value.kind {
        ValueKind::Null => scalar(Cow::Borrowed("null"), Style::JsonLiteral),
        ValueKind::Bool(b) => scalar(
            Cow::Borrowed(if b { "true" } else { "false" }),
            Style::JsonLiteral,
        ),
        ValueKind::Number(raw) => scalar(Cow::Borrowed(raw), Style::JsonLiteral),
        ValueKind::String(s) => scalar(s.value, Style::JsonString),
        ValueKind::Array(items) => Kind::Sequence(items.into_iter().map(node).collect()),
        ValueKind::Object(members) => Kind::Mapping(
            members
                .into_iter()
                .map(|m| {
                    let key = Node {
                        span: m.key.span,
                        kind: Kind::Scalar(Scalar {
                            value: m.key.value,
                            style: Style::JsonString,
                            raw: m.key.span,
                            indent: 0,
                        }),
                        tag: None,
                    };
                    (key, node(m.value))
                })
                .collect(),
        ),
    };
    Node {
        kind,
        span,
        tag: None,
    }
}

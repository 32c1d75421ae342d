//! The spanned JSON tree: what the syntax layer hands to lowering.

use std::borrow::Cow;

use crate::span::Span;

/// A JSON value and the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<'a> {
    /// The JSON type, with the contents.
    pub kind: ValueKind<'a>,
    /// The value's text: a string with its quotes, an array or object with its brackets or
    /// braces.
    pub span: Span,
}

/// A JSON value's type and contents.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number's text exactly as written (`1`, `-0.5e3`); JSON numbers have no fixed width.
    Number(&'a str),
    /// A string, decoded beside its span.
    String(Str<'a>),
    /// The items, in order.
    Array(Vec<Value<'a>>),
    /// Members in document order, duplicates included.
    Object(Vec<Member<'a>>),
}

/// A JSON string: its decoded value and the span of its source text, quotes included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str<'a> {
    /// Borrowed from the input when the string holds no escape.
    pub value: Cow<'a, str>,
    /// The string's text, quotes included.
    pub span: Span,
}

impl Str<'_> {
    /// The span of the text between the quotes.
    pub fn inner_span(&self) -> Span {
        Span::new(self.span.start + 1, self.span.end.saturating_sub(1))
    }

    /// True when the source text is the value itself (no escapes), so an offset into the value
    /// is the same offset into the source, shifted by the opening quote.
    pub fn is_verbatim(&self) -> bool {
        matches!(self.value, Cow::Borrowed(_))
    }
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, decoded, spanned with its quotes.
    pub key: Str<'a>,
    /// The value after the colon.
    pub value: Value<'a>,
}

impl Member<'_> {
    /// From the key's opening quote to the end of the value.
    pub fn span(&self) -> Span {
        self.key.span.cover(self.value.span)
    }
}

impl<'a> Value<'a> {
    /// The JSON type's name as users know it, for messages such as "expected a string, found an
    /// array".
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ValueKind::Null => "null",
            ValueKind::Bool(_) => "a boolean",
            ValueKind::Number(_) => "a number",
            ValueKind::String(_) => "a string",
            ValueKind::Array(_) => "an array",
            ValueKind::Object(_) => "an object",
        }
    }

    /// The string, when the value is one.
    pub fn as_str(&self) -> Option<&Str<'a>> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, in document order, when the value is an object.
    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.kind {
            ValueKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items, when the value is an array.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match &self.kind {
            ValueKind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// True for `null`, which lowering takes as an absent member.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, ValueKind::Null)
    }

    /// The same value as a `serde_json::Value`, spans dropped. A repeated key keeps its last
    /// value, as `serde_json` does.
    pub fn to_json(&self) -> serde_json::Value {
        // The tree's depth is bounded by the parser's nesting limit, so recursion is safe here.
        match &self.kind {
            ValueKind::Null => serde_json::Value::Null,
            ValueKind::Bool(b) => serde_json::Value::Bool(*b),
            ValueKind::Number(raw) => serde_json::from_str(raw).unwrap_or(serde_json::Value::Null),
            ValueKind::String(s) => serde_json::Value::String(s.value.to_string()),
            ValueKind::Array(items) => items.iter().map(Value::to_json).collect(),
            ValueKind::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.value.to_string(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

//! The template as a small tree: what the YAML and JSON readers both build.
//!
//! It keeps what finding and decoding a mapping needs: every node's bytes, a scalar's decoded
//! value beside its raw bytes and style, short-form tags (`!Sub`), and aliases as nodes of their
//! own (never expanded). Depth is bounded by the readers, so walking it recursively is safe.

use std::borrow::Cow;

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

#[derive(Debug)]
pub(super) struct Node<'a> {
    pub kind: Kind<'a>,
    /// From the tag, when there is one, to the end of the content (trailing blank lines and the
    /// next line's indentation left out).
    pub span: Span,
    /// A tag as written: `!Sub`, `!!str`.
    pub tag: Option<String>,
}

#[derive(Debug)]
pub(super) enum Kind<'a> {
    Scalar(Scalar<'a>),
    Sequence(Vec<Node<'a>>),
    /// Entries in document order, repeated keys included.
    Mapping(Vec<(Node<'a>, Node<'a>)>),
    /// `*name`: CloudFormation does not read aliases, and expanding them is how alias bombs work.
    Alias,
}

#[derive(Debug)]
pub(super) struct Scalar<'a> {
    /// The value the parser decoded.
    pub value: Cow<'a, str>,
    pub style: Style,
    /// The scalar's own bytes: quotes included; a block scalar from its `|` or `>`.
    pub raw: Span,
    /// A block scalar's content indentation, in spaces; 0 for other styles.
    pub indent: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    /// A JSON string, quotes and escapes as written.
    JsonString,
    /// A JSON number, `true`, `false` or `null`, written as it is.
    JsonLiteral,
}

impl<'a> Node<'a> {
    /// The scalar, when this node is one that CloudFormation reads as text: untagged, or tagged
    /// with a core tag such as `!!str`.
    pub fn as_text(&self) -> Option<&Scalar<'a>> {
        match (&self.kind, &self.tag) {
            (Kind::Scalar(s), None) => Some(s),
            (Kind::Scalar(s), Some(tag)) if tag.starts_with("!!") => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar key or name (`Resources`, `Type`).
    pub fn as_str(&self) -> Option<&str> {
        self.as_text().map(|s| s.value.as_ref())
    }

    pub fn as_mapping(&self) -> Option<&[(Node<'a>, Node<'a>)]> {
        match &self.kind {
            Kind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// No value at all: `Key:` with nothing after it, `~`, `null`.
    pub fn is_null(&self) -> bool {
        match (&self.kind, self.tag.as_deref()) {
            (Kind::Scalar(s), None | Some("!!null")) => match s.style {
                Style::Plain => matches!(s.value.as_ref(), "" | "~" | "null" | "Null" | "NULL"),
                Style::JsonLiteral => s.value == "null",
                _ => false,
            },
            _ => false,
        }
    }

    /// What the node is, in the words of the messages: "a string", "a mapping".
    pub fn type_name(&self) -> &'static str {
        if self.is_null() {
            return "null";
        }
        match &self.kind {
            Kind::Scalar(s) if s.style == Style::JsonLiteral => match s.value.as_ref() {
                "true" | "false" => "a boolean",
                _ => "a number",
            },
            Kind::Scalar(_) => "a string",
            Kind::Sequence(_) => "a list",
            Kind::Mapping(_) => "a mapping",
            Kind::Alias => "an alias",
        }
    }

    /// The last value under `key`, as YAML and JSON readers keep it; a repeated key is reported.
    pub fn get(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<&Node<'a>> {
        let entries = self.as_mapping()?;
        let mut matching = entries.iter().filter(|(k, _)| k.as_str() == Some(key));
        let first = matching.next()?;
        let mut last = first;
        for entry in matching {
            diagnostics.push(repeated_key(key, first.0.span, entry.0.span));
            last = entry;
        }
        Some(&last.1)
    }

    /// Where an alias sits in this node, if one does.
    pub fn holds_alias(&self) -> Option<Span> {
        match &self.kind {
            Kind::Alias => Some(self.span),
            Kind::Scalar(_) => None,
            Kind::Sequence(items) => items.iter().find_map(Node::holds_alias),
            Kind::Mapping(entries) => entries
                .iter()
                .find_map(|(k, v)| k.holds_alias().or_else(|| v.holds_alias())),
        }
    }
}

fn repeated_key(key: &str, first: Span, again: Span) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateKey,
        format!("key `{key}` appears twice in this mapping"),
        Label::new(again, "repeated here"),
    )
    .with_label(Label::new(first, "first used here"))
    .with_help("keep one of the two; CloudFormation reads only the last one")
}

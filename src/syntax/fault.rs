//! Why the syntax layer stopped, and the diagnostic that says so.

use crate::diagnostic::{Code, Diagnostic, Edit, Fix, Label};
use crate::span::Span;

/// A parse failure. Positions are "how many bytes of input remained", which is what a nom parser
/// sees; [`Fault::span`] turns them into byte spans of the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fault {
    rest: usize,
    len: usize,
    pub(super) kind: FaultKind,
    /// Another place that matters, such as where an unterminated string starts.
    related: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Something specific was required here; the text names it ("`:` after the key").
    Expected(&'static str),
    ExpectedValue,
    ExpectedKey,
    TrailingComma {
        closer: char,
    },
    UnterminatedString,
    ControlCharacter(u8),
    InvalidEscape,
    InvalidUnicodeEscape,
    UnpairedSurrogate {
        high: bool,
    },
    LeadingZero,
    UnknownWord,
    TooDeep {
        limit: usize,
    },
    TrailingContent,
}

impl Fault {
    pub(super) fn new(at: &str, len: usize, kind: FaultKind) -> Self {
        Fault {
            rest: at.len(),
            len,
            kind,
            related: None,
        }
    }

    /// A fault on the character at the start of `at` (empty at the end of input).
    pub(super) fn found(at: &str, kind: FaultKind) -> Self {
        Self::new(at, at.chars().next().map_or(0, char::len_utf8), kind)
    }

    pub(super) fn related_to(mut self, at: &str, len: usize) -> Self {
        self.related = Some((at.len(), len));
        self
    }

    /// The one place where a remaining-input position becomes a span of `text`.
    ///
    /// An empty span at the very end (the input stopped too early) becomes the last character
    /// that is not whitespace, where the document visibly stops.
    fn span(text: &str, rest: usize, len: usize) -> Span {
        let start = text.len() - rest;
        if len == 0 && start == text.len() {
            let content = text.trim_end_matches([' ', '\t', '\n', '\r']);
            if let Some(last) = content.chars().next_back() {
                return Span::new(content.len() - last.len_utf8(), content.len());
            }
        }
        Span::new(start, start + len)
    }

    pub(crate) fn into_diagnostic(self, text: &str) -> Diagnostic {
        let span = Self::span(text, self.rest, self.len);
        let related = self.related.map(|(rest, len)| Self::span(text, rest, len));
        let under = &text[span.range()];
        let at_end = self.rest == 0 && self.len == 0;
        let found = if at_end {
            "the end of the input".to_string()
        } else {
            describe(under, span, text)
        };

        let fix = self.fix(span, under);
        let (code, message, label, help): (Code, String, String, Option<String>) = match self.kind
        {
            FaultKind::Expected(what) => (
                Code::JsonSyntax,
                format!("expected {what}, found {found}"),
                format!("expected {what}"),
                None,
            ),
            FaultKind::ExpectedValue => {
                let (label, help) = value_hint(under);
                (
                    Code::JsonSyntax,
                    format!("expected a JSON value, found {found}"),
                    label,
                    Some(help),
                )
            }
            FaultKind::ExpectedKey => (
                Code::JsonSyntax,
                format!("expected an object key in double quotes, found {found}"),
                "expected `\"` to start a key".into(),
                Some(if under.starts_with('\'') {
                    "JSON keys use double quotes: write `\"key\"`".into()
                } else {
                    "object keys are strings in double quotes, such as `\"rule-id\"`".into()
                }),
            ),
            FaultKind::TrailingComma { closer } => (
                Code::JsonSyntax,
                format!("trailing comma before `{closer}`"),
                "this comma is followed by no value".into(),
                Some("JSON does not allow a comma after the last item: remove it".into()),
            ),
            FaultKind::UnterminatedString => (
                Code::JsonSyntax,
                "unterminated string".into(),
                if at_end {
                    "the input ends before the closing `\"`".into()
                } else {
                    "the line ends before the closing `\"`".into()
                },
                Some("close the string with `\"`; a line break inside a string is written `\\n`".into()),
            ),
            FaultKind::ControlCharacter(byte) => (
                Code::JsonSyntax,
                format!("control character U+{byte:04X} inside a string"),
                "must be escaped".into(),
                Some(match byte {
                    b'\t' => "write a tab as `\\t`".into(),
                    _ => format!("write it as `\\u{byte:04x}`"),
                }),
            ),
            FaultKind::InvalidEscape => (
                Code::JsonSyntax,
                format!("invalid escape {found}"),
                "not a JSON escape".into(),
                Some(
                    "the escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`; a literal backslash is `\\\\`"
                        .into(),
                ),
            ),
            FaultKind::InvalidUnicodeEscape => (
                Code::JsonSyntax,
                "invalid `\\u` escape".into(),
                "expected four hexadecimal digits".into(),
                Some("write a `\\u` escape with exactly four hex digits, such as `\\u00e9`".into()),
            ),
            FaultKind::UnpairedSurrogate { high } => (
                Code::UnpairedSurrogate,
                format!("escape {found} is half of a surrogate pair"),
                if high {
                    "a high surrogate must be followed by a `\\u` escape of a low surrogate".into()
                } else {
                    "a low surrogate must follow a high surrogate".into()
                },
                Some(
                    "write the character itself, or both halves of the pair, such as `\\ud83d\\ude00`"
                        .into(),
                ),
            ),
            FaultKind::LeadingZero => (
                Code::JsonSyntax,
                "number with a leading zero".into(),
                "JSON numbers cannot start with `0` followed by a digit".into(),
                Some("remove the leading zero, or quote the value if it is an identifier such as a `rule-id`".into()),
            ),
            FaultKind::UnknownWord => {
                let (label, help) = value_hint(under);
                (
                    Code::JsonSyntax,
                    format!("{found} is not a JSON value"),
                    label,
                    Some(help),
                )
            }
            FaultKind::TooDeep { limit } => (
                Code::NestingTooDeep,
                format!("arrays and objects nest more than {limit} levels deep"),
                format!("level {} starts here", limit + 1),
                Some(format!(
                    "a rules document nests a few levels deep; check for unclosed brackets or flatten the data (the limit is {limit})"
                )),
            ),
            FaultKind::TrailingContent => (
                Code::JsonSyntax,
                format!("unexpected {found} after the end of the document"),
                "the document already ended".into(),
                Some("a file holds one JSON document: remove what follows it, or wrap several values in an array".into()),
            ),
        };

        let mut diagnostic = Diagnostic::error(code, message, Label::new(span, label));
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        if let Some(fix) = fix {
            diagnostic = diagnostic.with_fix(fix);
        }
        if let Some(related) = related {
            diagnostic = diagnostic.with_label(Label::new(related, "the string starts here"));
        }
        diagnostic
    }
}

impl Fault {
    /// The fix, where the help names one exact replacement for the bytes under `span`.
    fn fix(&self, span: Span, under: &str) -> Option<Fix> {
        match self.kind {
            FaultKind::TrailingComma { .. } => {
                Some(Fix::safe("remove the trailing comma", Edit::delete(span)))
            }
            FaultKind::ControlCharacter(byte) => {
                let escaped = match byte {
                    b'\t' => "\\t".to_string(),
                    _ => format!("\\u{byte:04x}"),
                };
                let title = format!("write it as `{escaped}`");
                Some(Fix::safe(title, Edit::replace(span, escaped)))
            }
            FaultKind::UnknownWord | FaultKind::ExpectedValue => {
                let literal = match under {
                    "True" | "TRUE" => "true",
                    "False" | "FALSE" => "false",
                    "None" | "Null" | "NULL" | "nil" => "null",
                    _ => return None,
                };
                let title = format!("write `{literal}`");
                Some(Fix::safe(title, Edit::replace(span, literal)))
            }
            _ => None,
        }
    }
}

/// "`x`" for the text under a span, or "the end of the input".
fn describe(under: &str, span: Span, text: &str) -> String {
    if under.is_empty() {
        if span.start >= text.len() {
            "the end of the input".into()
        } else {
            let next = text[span.start..].chars().next().unwrap_or(' ');
            format!("`{}`", visible(&next.to_string()))
        }
    } else {
        format!("`{}`", visible(under))
    }
}

/// The text with control characters escaped, so a message stays on one line.
fn visible(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Label and help for something that should have been a value.
fn value_hint(under: &str) -> (String, String) {
    let help = match under {
        s if s.starts_with('\'') => "JSON strings use double quotes: write `\"...\"`",
        s if s.starts_with('/') => "JSON has no comments: remove it",
        "NaN" | "Infinity" | "undefined" => "JSON has no such value: use a number, a string or `null`",
        "True" | "TRUE" => "JSON literals are lower case: write `true`",
        "False" | "FALSE" => "JSON literals are lower case: write `false`",
        "None" | "Null" | "NULL" | "nil" => "JSON writes an absent value as `null`",
        s if s.starts_with(|c: char| c.is_alphabetic()) => {
            "text values are strings in double quotes, such as `\"include\"`"
        }
        _ => "a value is an object, an array, a string in double quotes, a number, `true`, `false` or `null`",
    };
    ("expected a value".into(), help.into())
}

impl<'a> nom::error::ParseError<&'a str> for Fault {
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Fault::found(input, FaultKind::ExpectedValue)
    }

    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

//! JSON text to a spanned JSON tree (strict RFC 8259), written with nom.
//!
//! This layer knows nothing about DMS. It keeps every value's, key's and member's byte span,
//! object members in order with their duplicates, strings' decoded values (borrowed when they hold
//! no escape) and numbers' raw text. Bad input becomes one [`Diagnostic`]: the syntax phase stops
//! at its first error, because what follows a syntax error cannot be trusted.

mod fault;
mod parser;
mod token;
mod tree;

pub use parser::MAX_DEPTH;
pub use tree::{Member, Str, Value, ValueKind};

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

/// A parsed document and the findings that did not stop parsing (`dms::duplicate_key`).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<'a> {
    pub value: Value<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses JSON text. A leading byte-order mark is skipped; spans still count it.
#[cfg_attr(not(feature = "unstable-internals"), allow(dead_code))]
pub fn parse(text: &str) -> Result<Parsed<'_>, Diagnostic> {
    run(text, None)
}

/// Parses JSON text like [`parse`], but hands each item of the array that is the root object's
/// first member named `key` to `sink` as soon as the item is complete; that array stays empty
/// in the tree (its span is whole). Items already handed over are not taken back when a later
/// syntax error makes the whole parse fail.
pub fn parse_streaming<'a>(
    text: &'a str,
    key: &str,
    sink: &mut dyn FnMut(Value<'a>),
) -> Result<Parsed<'a>, Diagnostic> {
    run(text, Some(parser::Stream { key, sink }))
}

fn run<'a>(
    text: &'a str,
    stream: Option<parser::Stream<'a, '_>>,
) -> Result<Parsed<'a>, Diagnostic> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if token::ws(body).is_empty() {
        return Err(empty_document(text));
    }
    let mut parser = parser::Parser::new(text, stream);
    match parser.document(body) {
        Ok(value) => Ok(Parsed {
            value,
            diagnostics: parser.duplicates,
        }),
        Err(fault) => Err(fault.into_diagnostic(text)),
    }
}

/// Checks that `bytes` are UTF-8, without converting anything lossily.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| invalid_utf8(bytes, &e))
}

fn invalid_utf8(bytes: &[u8], error: &std::str::Utf8Error) -> Diagnostic {
    let start = error.valid_up_to();
    let len = error.error_len().unwrap_or(bytes.len() - start);
    let bad = &bytes[start..start + len];
    let shown = bad
        .iter()
        .map(|b| format!("\\x{b:02X}"))
        .collect::<Vec<_>>()
        .join("");
    let help = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "this looks like UTF-16 text: save the file as UTF-8"
    } else if error.error_len().is_none() {
        "the input ends in the middle of a character: the file may be truncated; save it as UTF-8"
    } else {
        "save the file as UTF-8 (DMS reads rules as UTF-8 text), or replace the byte"
    };
    Diagnostic::error(
        Code::InvalidUtf8,
        format!("the input is not valid UTF-8: byte {shown} at offset {start}"),
        Label::new(Span::new(start, start + len), "not UTF-8"),
    )
    .with_help(help)
}

fn empty_document(text: &str) -> Diagnostic {
    let (message, label) = if text.is_empty() {
        ("the input is empty", "nothing here")
    } else {
        ("the input holds only whitespace", "only whitespace")
    };
    Diagnostic::error(
        Code::EmptyDocument,
        message,
        Label::new(Span::new(0, text.len()), label),
    )
    .with_help("a rules document is a JSON object such as `{\"rules\": [...]}`")
}

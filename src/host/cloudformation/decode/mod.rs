//! A scalar's raw bytes decoded into its text, with the origin of every byte.
//!
//! One decoder per style. Each is checked against the value the parser decoded: when the two
//! differ (a corner of YAML a decoder does not follow), the scalar falls back to a map that
//! places every decoded byte on the whole scalar, which is coarse but never wrong.

mod block;
mod flow;
mod json_string;

use super::mapped::Mapped;
use super::node::{Scalar, Style};

/// The scalar's text, mapped into `text` (the whole template).
pub(super) fn scalar(text: &str, scalar: &Scalar<'_>) -> Mapped {
    exact(text, scalar).unwrap_or_else(|| Mapped::whole(&scalar.value, scalar.raw))
}

/// The decoding, when it reproduces the parser's value exactly.
pub(super) fn exact(text: &str, scalar: &Scalar<'_>) -> Option<Mapped> {
    let raw = text.get(scalar.raw.range())?;
    let start = scalar.raw.start;
    let mapped = match scalar.style {
        Style::Plain => flow::plain(raw, start),
        Style::SingleQuoted => flow::single_quoted(raw, start),
        Style::DoubleQuoted => flow::double_quoted(raw, start),
        Style::Literal | Style::Folded => {
            block::decode(raw, start, scalar.indent, scalar.style == Style::Literal)
        }
        Style::JsonString => json_string::decode(raw, start),
        Style::JsonLiteral => {
            let mut mapped = Mapped::default();
            mapped.verbatim(raw, start);
            Some(mapped)
        }
    }?;
    (mapped.text() == scalar.value).then_some(mapped)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::span::Span;

    #[test]
    fn a_decoding_that_differs_from_the_parser_maps_every_byte_to_the_whole_scalar() {
        let text = "k: 'a  b'";
        let scalar = Scalar {
            // Not what the bytes say: the check must catch it.
            value: Cow::Borrowed("a b"),
            style: Style::SingleQuoted,
            raw: Span::new(3, 9),
            indent: 0,
        };
        assert!(exact(text, &scalar).is_none());
        let mapped = super::scalar(text, &scalar);
        assert_eq!(mapped.text(), "a b");
        assert_eq!(&text[mapped.host(1..2).range()], "'a  b'");
    }
}

//! A mapping written as a YAML mapping or JSON object (`AWS::DMS::ReplicationConfig`, whose
//! `TableMappings` is of type Json): the JSON text CloudFormation sends, built from the nodes,
//! every key and value mapped to the node it was written as.
//!
//! Plain YAML scalars are typed by the YAML 1.2 core schema, the schema CloudFormation's
//! conversion to JSON follows for the forms templates use: `null`, `~` and nothing are null;
//! `true`/`false` (also capitalised or upper case) are booleans; decimal, `0o` and `0x`
//! integers and decimal floats are numbers, written as JSON writes them. Everything else is a
//! string, including YAML 1.1's `yes`/`no`/`on`/`off` and `.inf`/`.nan`, which JSON cannot
//! write as numbers. Quoted and block scalars are strings. A function inside (`!Ref`, `!Sub`)
//! is a value CloudFormation computes: a placeholder.

use crate::host::decoded::Builder;
use crate::span::Span;

use super::decode;
use super::intrinsic;
use super::node::{Kind, Node, Scalar, Style};
use super::sub::{self, Substitution};

/// Writes `node` as JSON; a function call is a placeholder.
pub(super) fn value(text: &str, node: &Node<'_>, out: &mut Builder) {
    if intrinsic::call(node).is_some() {
        out.unknown(node.span);
    } else {
        contents(text, node, out);
    }
}

/// Writes `node` as JSON, whatever its tag.
pub(super) fn contents(text: &str, node: &Node<'_>, out: &mut Builder) {
    match &node.kind {
        Kind::Mapping(entries) => {
            let flow = open(text, node.span, '{', out);
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.decoded(", ", Span::at(key.span.start));
                }
                match key.as_text() {
                    Some(s) => string(text, s, out),
                    None => out.unknown(key.span),
                }
                out.decoded(": ", Span::at(value.span.start));
                self::value(text, value, out);
            }
            close(text, node.span, flow, '}', out);
        }
        Kind::Sequence(items) => {
            let flow = open(text, node.span, '[', out);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.decoded(", ", Span::at(item.span.start));
                }
                value(text, item, out);
            }
            close(text, node.span, flow, ']', out);
        }
        Kind::Scalar(s) => scalar(text, node, s, out),
        Kind::Alias => out.unknown(node.span),
    }
}

fn scalar(text: &str, node: &Node<'_>, s: &Scalar<'_>, out: &mut Builder) {
    let typed = node.tag.as_deref() != Some("!!str");
    match s.style {
        Style::JsonLiteral => out.verbatim(&s.value, s.raw.start),
        Style::Plain if typed => match plain(&s.value) {
            Some(json) if json == s.value => out.verbatim(&s.value, s.raw.start),
            Some(json) => out.decoded(&json, s.raw),
            None => string(text, s, out),
        },
        _ => string(text, s, out),
    }
}

/// A scalar as a JSON string, its quotes on the host's quotes when it has them.
fn string(text: &str, s: &Scalar<'_>, out: &mut Builder) {
    let quoted = matches!(s.style, Style::DoubleQuoted | Style::JsonString);
    let mapped = decode::scalar(text, s);
    if quoted {
        out.verbatim("\"", s.raw.start);
    } else {
        out.decoded("\"", Span::at(s.raw.start));
    }
    sub::emit(&mapped, Substitution::None, true, out);
    if quoted {
        out.verbatim("\"", s.raw.end - 1);
    } else {
        out.decoded("\"", Span::at(s.raw.end));
    }
}

/// Writes the opening bracket, on the host's own when the collection is written in flow style
/// (as JSON is); returns whether it was.
fn open(text: &str, span: Span, bracket: char, out: &mut Builder) -> bool {
    let flow = text[span.range()].starts_with(bracket);
    if flow {
        out.verbatim(&text[span.start..span.start + 1], span.start);
    } else {
        out.decoded(bracket.encode_utf8(&mut [0; 4]), Span::at(span.start));
    }
    flow
}

/// Writes the closing bracket: a block collection's last bytes are its last item's, not a
/// bracket, even when that item is a flow collection.
fn close(text: &str, span: Span, flow: bool, bracket: char, out: &mut Builder) {
    if flow && span.len() > 1 && text[span.range()].ends_with(bracket) {
        out.verbatim(&text[span.end - 1..span.end], span.end - 1);
    } else {
        out.decoded(bracket.encode_utf8(&mut [0; 4]), Span::at(span.end));
    }
}

/// The JSON for a plain scalar that the core schema reads as null, a boolean or a number.
fn plain(value: &str) -> Option<String> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some("null".into()),
        "true" | "True" | "TRUE" => return Some("true".into()),
        "false" | "False" | "FALSE" => return Some("false".into()),
        _ => {}
    }
    if let Some(digits) = value.strip_prefix("0o") {
        return u128::from_str_radix(digits, 8).ok().map(|n| n.to_string());
    }
    if let Some(digits) = value.strip_prefix("0x") {
        return u128::from_str_radix(digits, 16).ok().map(|n| n.to_string());
    }
    number(value)
}

/// A decimal integer or float (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`) as JSON
/// writes it: no `+`, no leading zeros, a digit on both sides of the point.
fn number(value: &str) -> Option<String> {
    let (sign, rest) = match value.as_bytes().first()? {
        b'-' => ("-", &value[1..]),
        b'+' => ("", &value[1..]),
        _ => ("", value),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(e) => (&rest[..e], Some(&rest[e + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int)
        || !frac.is_none_or(digits)
        || (int.is_empty() && frac.is_none_or(str::is_empty))
    {
        return None;
    }
    let mut json = String::from(sign);
    let int = int.trim_start_matches('0');
    json.push_str(if int.is_empty() { "0" } else { int });
    if let Some(frac) = frac.filter(|f| !f.is_empty()) {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(exponent) = exponent {
        let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if unsigned.is_empty() || !digits(unsigned) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    Some(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let cases = [
            ("~", Some("null")),
            ("True", Some("true")),
            ("12", Some("12")),
            ("+012", Some("12")),
            ("-0.5e3", Some("-0.5e3")),
            (".5", Some("0.5")),
            ("1.", Some("1")),
            ("0x1F", Some("31")),
            ("0o17", Some("15")),
            ("yes", None),
            (".inf", None),
            ("1.2.3", None),
            ("include", None),
            ("-", None),
        ];
        for (yaml, json) in cases {
            assert_eq!(plain(yaml).as_deref(), json, "{yaml}");
        }
    }
}

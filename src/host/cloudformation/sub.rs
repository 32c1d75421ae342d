//! Placeholders in a string: `Fn::Sub` variables (`${Name}`, `${!Literal}`) and dynamic
//! references (`{{resolve:...}}`), which CloudFormation fills in at deploy time.

use std::ops::Range;

use crate::host::decoded::Builder;
use crate::span::Span;

use super::mapped::Mapped;
use super::node::Node;

/// A piece of a string after placeholders are found.
#[derive(Debug, PartialEq)]
enum Part {
    /// Text as decoded.
    Text(Range<usize>),
    /// Text that stands for other host bytes: a variable's literal value, or `${` of `${!`.
    Replaced { text: String, host: Span },
    /// A value CloudFormation supplies.
    Unknown(Span),
}

/// How a string is read.
#[derive(Clone, Copy)]
pub(super) enum Substitution<'n, 'a> {
    /// An ordinary string: only dynamic references are placeholders.
    None,
    /// The string of `Fn::Sub`, with the variables of its list form.
    Sub(&'n [(Node<'a>, Node<'a>)]),
}

/// Appends `mapped` to `out` with its placeholders; `escaped` writes it as the inside of a JSON
/// string.
pub(super) fn emit(mapped: &Mapped, how: Substitution<'_, '_>, escaped: bool, out: &mut Builder) {
    for part in parts(mapped, how) {
        match part {
            Part::Text(range) if escaped => mapped.emit_escaped(range, out),
            Part::Text(range) => mapped.emit(range, out),
            Part::Replaced { text, host } if escaped => {
                out.decoded(&crate::host::decoded::json_escaped(&text), host)
            }
            Part::Replaced { text, host } => out.decoded(&text, host),
            Part::Unknown(host) => out.unknown(host),
        }
    }
}

fn parts(mapped: &Mapped, how: Substitution<'_, '_>) -> Vec<Part> {
    let text = mapped.text();
    let mut parts = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let resolve = rest.find("{{resolve:");
        let variable = match how {
            Substitution::Sub(_) => rest.find("${"),
            Substitution::None => None,
        };
        let next = match (resolve, variable) {
            (Some(r), Some(v)) => r.min(v),
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => break,
        };
        let start = at + next;
        if resolve == Some(next) {
            let Some(close) = text[start..].find("}}") else {
                break;
            };
            let end = start + close + 2;
            parts.push(Part::Text(from..start));
            parts.push(Part::Unknown(mapped.host(start..end)));
            (from, at) = (end, end);
            continue;
        }
        if text[start + 2..].starts_with('!') {
            // `${!Literal}` is the text `${Literal}`.
            parts.push(Part::Text(from..start));
            parts.push(Part::Replaced {
                text: "${".into(),
                host: mapped.host(start..start + 3),
            });
            (from, at) = (start + 3, start + 3);
            continue;
        }
        let Some(close) = text[start..].find('}') else {
            break;
        };
        let end = start + close + 1;
        let name = &text[start + 2..end - 1];
        let host = mapped.host(start..end);
        parts.push(Part::Text(from..start));
        parts.push(match literal_variable(how, name) {
            Some(value) => Part::Replaced {
                text: value.to_string(),
                host,
            },
            None => Part::Unknown(host),
        });
        (from, at) = (end, end);
    }
    parts.push(Part::Text(from..text.len()));
    parts.retain(|p| !matches!(p, Part::Text(r) if r.is_empty()));
    parts
}

/// The value of variable `name` in the list form's map, when it is a literal string.
fn literal_variable<'n>(how: Substitution<'n, '_>, name: &str) -> Option<&'n str> {
    let Substitution::Sub(variables) = how else {
        return None;
    };
    let (_, value) = variables
        .iter()
        .rev()
        .find(|(k, _)| k.as_str() == Some(name))?;
    value.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(text: &str) -> Mapped {
        let mut m = Mapped::default();
        m.verbatim(text, 0);
        m
    }

    fn emitted(text: &str, how: Substitution<'_, '_>) -> (String, Vec<Span>) {
        let mut b = Builder::new(Span::new(0, text.len()));
        emit(&mapped(text), how, false, &mut b);
        let d = b.finish();
        let unknown = d.unknown.iter().map(|&u| d.map.span(u)).collect();
        (d.text, unknown)
    }

    #[test]
    fn sub_variables_are_unknown_and_bang_is_literal() {
        let text = r#"{"a": "${Schema}", "b": "${!schema-name}"}"#;
        let (out, unknown) = emitted(text, Substitution::Sub(&[]));
        assert_eq!(out, r#"{"a": "x", "b": "${schema-name}"}"#);
        // The placeholder's string maps onto the string around `${Schema}`.
        assert_eq!(&text[unknown[1].range()], "${Schema}");
    }

    #[test]
    fn dynamic_references_are_unknown_even_around_variables() {
        let text = r#"{"v": "{{resolve:secretsmanager:${S}:SecretString:db}}_t"}"#;
        let (out, unknown) = emitted(text, Substitution::Sub(&[]));
        assert_eq!(out, r#"{"v": "x_t"}"#);
        assert_eq!(
            &text[unknown[1].range()],
            "{{resolve:secretsmanager:${S}:SecretString:db}}"
        );
    }

    #[test]
    fn outside_sub_a_dollar_brace_is_text() {
        let text = r#"{"v": "${schema-name}"}"#;
        assert_eq!(emitted(text, Substitution::None).0, text);
    }
}

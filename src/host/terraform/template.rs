//! HCL templates (quoted strings, heredocs, template files) decoded piece by piece.
//!
//! hcl-edit splits a template into literals, interpolations and directives with their spans;
//! this module reads each literal's host bytes again, so every decoded character keeps the
//! bytes it came from: an escape stands for its whole sequence, a plain run for itself. It
//! applies what Terraform does to the text before using it: `<<-` indentation, `~` strip
//! markers, `$${` and `%%{` escapes.

use hcl_edit::expr::Expression;
use hcl_edit::template::{Element as HclElement, Template};
use hcl_edit::Span as _;

use crate::span::Span;

/// How a template is written, which decides its escapes and its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// `"..."`: backslash escapes; one line.
    Quoted,
    /// `<<EOF` or, with `flush`, `<<-EOF`: no backslash escapes; one token per line.
    Heredoc { flush: bool },
    /// A file read by `templatefile`: like a heredoc that is not flush.
    File,
}

/// One part of a template, in host bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// Host bytes that are their own value.
    Verbatim(Span),
    /// A character the host writes another way (`\n`, `\u00e9`, the first `$` of `$${`).
    Escaped(char, Span),
    /// `${...}`: a value computed when Terraform runs.
    Interpolation(Span),
    /// `%{...}`: text decided when Terraform runs.
    Directive(Span),
}

/// A template element with what decoding needs: its span, and for an interpolation its
/// expression and strip markers.
#[derive(Debug, Clone, Copy)]
pub(super) enum Element<'e> {
    Literal(Span),
    Interpolation {
        span: Span,
        expr: &'e Expression,
        strip_before: bool,
        strip_after: bool,
    },
    Directive(Span),
}

/// A template expression's elements and style, or `None` for another kind of expression.
/// `text` is the text the expression was parsed from.
pub(super) fn of_expression<'e>(
    text: &str,
    expr: &'e Expression,
) -> Option<(Vec<Element<'e>>, Style)> {
    match expr {
        Expression::String(s) => {
            let span = span_of(s.span())?;
            // Inside the quotes; an empty string has no literal at all.
            let inner = Span::new(
                span.start + 1,
                span.end.saturating_sub(1).max(span.start + 1),
            );
            let elements = if inner.is_empty() {
                Vec::new()
            } else {
                vec![Element::Literal(inner)]
            };
            Some((elements, Style::Quoted))
        }
        Expression::StringTemplate(t) => Some((elements(t), Style::Quoted)),
        Expression::HeredocTemplate(h) => {
            let start = span_of(h.span())?.start;
            let flush = text.as_bytes().get(start..start + 3) == Some(b"<<-");
            Some((elements(&h.template), Style::Heredoc { flush }))
        }
        _ => None,
    }
}

/// The elements of a parsed template. An element without a span (never the case for parsed
/// text) becomes an empty directive, which makes the template not static.
pub(super) fn elements(template: &Template) -> Vec<Element<'_>> {
    template
        .iter()
        .map(|element| match element {
            HclElement::Literal(l) => {
                span_of(l.span()).map_or(Element::Directive(Span::at(0)), Element::Literal)
            }
            HclElement::Interpolation(i) => match span_of(i.span()) {
                Some(span) => Element::Interpolation {
                    span,
                    expr: &i.expr,
                    strip_before: i.strip.strip_start(),
                    strip_after: i.strip.strip_end(),
                },
                None => Element::Directive(Span::at(0)),
            },
            HclElement::Directive(d) => Element::Directive(span_of(d.span()).unwrap_or_default()),
        })
        .collect()
}

pub(super) fn span_of(range: Option<std::ops::Range<usize>>) -> Option<Span> {
    range.map(Span::from)
}

/// The pieces of a template written in `text`, after indentation and strip markers.
pub(super) fn pieces(text: &str, elements: &[Element<'_>], style: Style) -> Vec<Piece> {
    let dedent = match style {
        Style::Heredoc { flush: true } => flush_indent(text, elements),
        _ => None,
    };
    let mut out = Vec::new();
    for (i, element) in elements.iter().enumerate() {
        match *element {
            Element::Literal(span) => {
                let from = out.len();
                literal(text, span, style, dedent.as_ref(), &mut out);
                let after_strip = i.checked_sub(1).is_some_and(|p| {
                    matches!(
                        elements[p],
                        Element::Interpolation {
                            strip_after: true,
                            ..
                        }
                    )
                });
                let before_strip = matches!(
                    elements.get(i + 1),
                    Some(Element::Interpolation {
                        strip_before: true,
                        ..
                    })
                );
                if after_strip {
                    trim_start(text, &mut out, from, style);
                }
                if before_strip {
                    trim_end(text, &mut out, from, style);
                }
            }
            Element::Interpolation { span, .. } => out.push(Piece::Interpolation(span)),
            Element::Directive(span) => out.push(Piece::Directive(span)),
        }
    }
    out
}

/// What a `<<-` heredoc strips: `count` characters at each of the line starts `at`.
#[derive(Debug)]
struct Dedent {
    count: usize,
    at: Vec<usize>,
}

/// Terraform's flush heredoc rule: each line that starts with literal text, unless it is
/// blank, loses as many leading whitespace characters as the least indented such line has; a
/// line that starts with an interpolation counts as not indented at all.
fn flush_indent(text: &str, elements: &[Element<'_>]) -> Option<Dedent> {
    let mut least = usize::MAX;
    let mut at = Vec::new();
    let mut line_start = true;
    for element in elements {
        let Element::Literal(span) = *element else {
            if line_start {
                least = 0;
            }
            line_start = false;
            continue;
        };
        let body = &text[span.range()];
        let mut starts: Vec<usize> = Vec::new();
        if line_start {
            starts.push(span.start);
        }
        starts.extend(
            body.match_indices('\n')
                .map(|(i, _)| span.start + i + 1)
                .filter(|&p| p < span.end),
        );
        for start in starts {
            let line_end = text[start..span.end]
                .find('\n')
                .map_or(span.end, |i| start + i + 1);
            let line = &text[start..line_end];
            let indent = line.len() - line.trim_start().len();
            if indent == line.len() && line.ends_with('\n') {
                continue;
            }
            least = least.min(line[..indent].chars().count());
            at.push(start);
        }
        line_start = body.ends_with('\n');
    }
    (least != usize::MAX && least > 0).then_some(Dedent { count: least, at })
}

/// Decodes one literal's host bytes into `out`.
fn literal(text: &str, span: Span, style: Style, dedent: Option<&Dedent>, out: &mut Vec<Piece>) {
    let bytes = text.as_bytes();
    let mut run = span.start;
    let mut i = span.start;
    // Line starts inside this literal that lose their indentation, in order.
    let mut cuts = dedent
        .map(|d| {
            let from = d.at.partition_point(|&p| p < span.start);
            let to = d.at.partition_point(|&p| p < span.end);
            &d.at[from..to]
        })
        .unwrap_or(&[])
        .iter()
        .peekable();
    let flush = |out: &mut Vec<Piece>, from: usize, to: usize| {
        if from < to {
            out.push(Piece::Verbatim(Span::new(from, to)));
        }
    };
    while i < span.end {
        if let (Some(&&cut), Some(d)) = (cuts.peek(), dedent) {
            if cut == i {
                cuts.next();
                flush(out, run, i);
                let skip: usize = text[i..span.end]
                    .chars()
                    .take(d.count)
                    .map(char::len_utf8)
                    .sum();
                i += skip;
                run = i;
                continue;
            }
        }
        let rest = &bytes[i..span.end];
        let escape = match rest {
            [b'$', b'$', b'{', ..] | [b'%', b'%', b'{', ..] => Some((char::from(rest[0]), 2)),
            [b'\\', ..] if style == Style::Quoted => backslash(&text[i..span.end]),
            _ => None,
        };
        match escape {
            Some((c, len)) => {
                flush(out, run, i);
                out.push(Piece::Escaped(c, Span::new(i, i + len)));
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    flush(out, run, span.end);
}

/// The character a backslash escape at the start of `text` stands for, and its length.
fn backslash(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars();
    chars.next();
    let (c, len) = match chars.next()? {
        'n' => ('\n', 2),
        'r' => ('\r', 2),
        't' => ('\t', 2),
        '"' => ('"', 2),
        '\\' => ('\\', 2),
        kind @ ('u' | 'U') => {
            let digits = if kind == 'u' { 4 } else { 8 };
            let hex = text.get(2..2 + digits)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            (char::from_u32(code)?, 2 + digits)
        }
        _ => return None,
    };
    Some((c, len))
}

/// Removes the whitespace `${x ~}` strips from the start of the literal decoded into
/// `out[from..]`. In a heredoc or a template file that is the rest of one line.
fn trim_start(text: &str, out: &mut Vec<Piece>, from: usize, style: Style) {
    let one_line = style != Style::Quoted;
    let i = from;
    while i < out.len() {
        match out[i] {
            Piece::Escaped(c, _) if c.is_whitespace() => {
                out.remove(i);
            }
            Piece::Verbatim(span) => {
                let s = &text[span.range()];
                let mut cut = 0;
                let mut done = false;
                for c in s.chars() {
                    if !c.is_whitespace() {
                        done = true;
                        break;
                    }
                    cut += c.len_utf8();
                    if one_line && c == '\n' {
                        done = true;
                        break;
                    }
                }
                if cut == s.len() {
                    out.remove(i);
                } else {
                    out[i] = Piece::Verbatim(Span::new(span.start + cut, span.end));
                }
                if done {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// Removes the whitespace `${~ x}` strips from the end of the literal decoded into
/// `out[from..]`. In a heredoc or a template file that is within its last line (a final line
/// break included).
fn trim_end(text: &str, out: &mut Vec<Piece>, from: usize, style: Style) {
    let one_line = style != Style::Quoted;
    let mut first = true;
    while out.len() > from {
        let last = out.len() - 1;
        match out[last] {
            Piece::Escaped(c, _) if c.is_whitespace() => {
                out.pop();
            }
            Piece::Verbatim(span) => {
                let s = &text[span.range()];
                let mut keep = s.len();
                for (at, c) in s.char_indices().rev() {
                    let final_break = first && at + c.len_utf8() == s.len() && c == '\n';
                    if !c.is_whitespace() || (one_line && c == '\n' && !final_break) {
                        break;
                    }
                    keep = at;
                    first = false;
                }
                if keep == 0 {
                    out.pop();
                    first = false;
                    continue;
                }
                out[last] = Piece::Verbatim(Span::new(span.start, span.start + keep));
                return;
            }
            _ => return,
        }
        first = false;
    }
}

/// The decoded text of `pieces`, or `None` when a piece is computed.
pub(super) fn known_text(text: &str, pieces: &[Piece]) -> Option<String> {
    let mut out = String::new();
    for piece in pieces {
        match *piece {
            Piece::Verbatim(span) => out.push_str(&text[span.range()]),
            Piece::Escaped(c, _) => out.push(c),
            Piece::Interpolation(_) | Piece::Directive(_) => return None,
        }
    }
    Some(out)
}

/// `pieces` of a template that is rendered a second time, as a `template_file` data source
/// renders its inline `template`: the `${...}` and `%{...}` its text holds once decoded
/// (written `$${...}` and `%%{...}`) are the second rendering's own interpolations and
/// directives, each a piece from its escape to its closing brace.
pub(super) fn rendered_interpolations(text: &str, pieces: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let opens = match pieces[i] {
            Piece::Escaped(c @ ('$' | '%'), span) if matches!(pieces.get(i + 1), Some(Piece::Verbatim(v)) if text[v.range()].starts_with('{')) => {
                Some((c, span))
            }
            _ => None,
        };
        let Some((c, start)) = opens else {
            out.push(pieces[i]);
            i += 1;
            continue;
        };
        match closing_brace(text, &pieces[i + 1..]) {
            Some((j, end)) => {
                let whole = Span::new(start.start, end);
                out.push(if c == '$' {
                    Piece::Interpolation(whole)
                } else {
                    Piece::Directive(whole)
                });
                let last = i + 1 + j;
                if let Piece::Verbatim(v) = pieces[last] {
                    if end < v.end {
                        out.push(Piece::Verbatim(Span::new(end, v.end)));
                    }
                }
                i = last + 1;
            }
            // Never closed: the second rendering refuses it; the text stays as written.
            None => {
                out.push(pieces[i]);
                i += 1;
            }
        }
    }
    out
}

/// The piece holding the `}` that closes the `{` `pieces` start with, and the offset after it.
fn closing_brace(text: &str, pieces: &[Piece]) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (j, piece) in pieces.iter().enumerate() {
        let Piece::Verbatim(span) = *piece else {
            continue;
        };
        for (at, b) in text[span.range()].bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some((j, span.start + at + 1));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_template_holds_its_own_interpolations() {
        let text = r#"a = "x$${schema}y%%{if z}w$${b}""#;
        let body = hcl_edit::parser::parse_body(text).unwrap();
        let (elements, style) =
            of_expression(text, &body.get_attribute("a").unwrap().value).unwrap();
        let got: Vec<String> = rendered_interpolations(text, &pieces(text, &elements, style))
            .iter()
            .map(|p| match p {
                Piece::Verbatim(s) => text[s.range()].to_owned(),
                Piece::Escaped(_, s) => format!("\\{}", &text[s.range()]),
                Piece::Interpolation(s) => format!("<{}>", &text[s.range()]),
                Piece::Directive(s) => format!("<%{}>", &text[s.range()]),
            })
            .collect();
        assert_eq!(
            got,
            ["x", "<$${schema}>", "y", "<%%%{if z}>", "w", "<$${b}>"]
        );
    }

    /// The template that is the value of `a` in `text`, decoded.
    fn decode(text: &str) -> String {
        let body = hcl_edit::parser::parse_body(text).expect("valid HCL");
        let attr = body.get_attribute("a").expect("attribute a");
        let (elements, style) = of_expression(text, &attr.value).expect("a template");
        let mut out = String::new();
        for piece in pieces(text, &elements, style) {
            match piece {
                Piece::Verbatim(span) => out.push_str(&text[span.range()]),
                Piece::Escaped(c, _) => out.push(c),
                Piece::Interpolation(span) => out.push_str(&format!("<{}>", &text[span.range()])),
                Piece::Directive(_) => out.push_str("<%>"),
            }
        }
        out
    }

    #[test]
    fn quoted_escapes_decode_and_keep_their_bytes() {
        let text = r#"a = "q\"\\\n\t\u00e9\U0001F600$${x}%%{y}$$z""#;
        assert_eq!(decode(text), "q\"\\\n\té😀${x}%{y}$$z");
        let body = hcl_edit::parser::parse_body(text).unwrap();
        let (elements, style) =
            of_expression(text, &body.get_attribute("a").unwrap().value).unwrap();
        let got: Vec<&str> = pieces(text, &elements, style)
            .iter()
            .map(|p| match p {
                Piece::Verbatim(s) | Piece::Escaped(_, s) => &text[s.range()],
                _ => "?",
            })
            .collect();
        assert_eq!(
            got,
            [
                "q",
                "\\\"",
                "\\\\",
                "\\n",
                "\\t",
                "\\u00e9",
                "\\U0001F600",
                "$$",
                "{x}",
                "%%",
                "{y}$$z"
            ]
        );
    }

    #[test]
    fn an_empty_string_has_no_piece() {
        assert_eq!(decode("a = \"\""), "");
    }

    #[test]
    fn heredoc_keeps_its_text_and_ends_with_a_line_break() {
        assert_eq!(decode("a = <<EOF\n  x\n y\\n\nEOF\n"), "  x\n y\\n\n");
        // A plain heredoc is closed by an indented marker too.
        assert_eq!(decode("a = <<EOF\n  {}\n  EOF\n"), "  {}\n");
        assert_eq!(decode("a = <<EOF\nEOF\n"), "");
    }

    #[test]
    fn flush_heredoc_strips_the_least_indentation() {
        assert_eq!(
            decode("a = <<-EOT\n    Foo\n      Bar\n    Baz\n  EOT\n"),
            "Foo\n  Bar\nBaz\n"
        );
        assert_eq!(
            decode("a = <<-EOT\n    Foo\n  Bar\n    Baz\n  EOT\n"),
            "  Foo\nBar\n  Baz\n"
        );
        // Blank lines do not count, and keep what they hold.
        assert_eq!(
            decode("a = <<-EOT\n    Foo\n\n    Bar\n  \n  EOT\n"),
            "Foo\n\nBar\n  \n"
        );
        // An interpolation at a line start means no indentation at all.
        assert_eq!(
            decode("a = <<-EOT\n    Foo\n${b}\n  EOT\n"),
            "    Foo\n<${b}>\n"
        );
        assert_eq!(
            decode("a = <<-EOT\n    Foo\n      ${b}\n    Baz\n  EOT\n"),
            "Foo\n  <${b}>\nBaz\n"
        );
        // A tab is one character.
        assert_eq!(decode("a = <<-EOT\n\tFoo\n  Bar\n  EOT\n"), "Foo\n Bar\n");
    }

    #[test]
    fn strip_markers_trim_the_neighbouring_literals() {
        assert_eq!(decode("a = \"x  ${~ b ~}  y\""), "x<${~ b ~}>y");
        assert_eq!(decode("a = \"x \\n ${~ b}\""), "x<${~ b}>");
        // In a heredoc only within the line.
        assert_eq!(
            decode("a = <<EOF\nx\n  ${~b~}  \n y\nEOF\n"),
            "x\n<${~b~}> y\n"
        );
        assert_eq!(decode("a = <<EOF\nx \n${~b}\nEOF\n"), "x<${~b}>\n");
    }

    #[test]
    fn directives_and_interpolations_are_pieces_of_their_own() {
        assert_eq!(decode("a = \"p${q}r%{ if s }t%{ endif }\""), "p<${q}>r<%>");
    }
}

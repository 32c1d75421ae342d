//! YAML templates: parser events to the template tree.
//!
//! The parser is `granit-parser`: it gives byte spans for a `&str`, keeps tags as written,
//! reports aliases without expanding them, bounds nesting itself, and by default accepts the
//! indentation CloudFormation's YAML 1.1 reader accepts (a flow mapping's `}` under its key,
//! quoted continuation lines indented less than the key), which real templates rely on. Its
//! types stay in this module. Only the first document is read, as CloudFormation reads one.

use std::borrow::Cow;

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, StructureStyle};

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;
use crate::syntax::MAX_DEPTH;

use super::node::{Kind, Node, Scalar, Style};

/// The first document's root, or `None` for a stream without one.
pub(super) fn read(text: &str) -> Result<Option<Node<'_>>, Diagnostic> {
    let options = granit_parser::options! {
        flow_nesting_limit: MAX_DEPTH,
        block_nesting_limit: MAX_DEPTH,
    };
    let mut reader = Reader {
        text,
        stack: Vec::new(),
        root: None,
        previous_end: 0,
        documents: 0,
    };
    for event in Parser::new_from_str_with_options(text, options) {
        let (event, span) = event.map_err(|e| syntax_error(text, &e))?;
        let range = span
            .byte_range()
            .unwrap_or(reader.previous_end..reader.previous_end);
        let tag_start = span
            .tag_span()
            .and_then(|t| t.byte_range())
            .map(|r| r.start);
        reader.event(event, Span::from(range.clone()), tag_start)?;
        reader.previous_end = range.end;
    }
    Ok(reader.root)
}

struct Reader<'a> {
    text: &'a str,
    stack: Vec<Frame<'a>>,
    root: Option<Node<'a>>,
    /// Where the previous event ended: a block scalar's indicator comes after it.
    previous_end: usize,
    documents: usize,
}

struct Frame<'a> {
    start: usize,
    tag: Option<String>,
    items: Vec<Node<'a>>,
    mapping: bool,
    /// A flow collection ends at its bracket; a block one at its last item.
    flow: bool,
}

impl<'a> Reader<'a> {
    fn event(
        &mut self,
        event: Event<'a>,
        span: Span,
        tag_start: Option<usize>,
    ) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentStart(..) => self.documents += 1,
            _ if self.documents > 1 => {}
            Event::Scalar(value, style, _, tag) => {
                let tag = tag.map(|_| self.tag_text(tag_start, span));
                let node = self.scalar(value, style, span, tag_start, tag);
                self.add(node);
            }
            Event::Alias(_) => self.add(Node {
                kind: Kind::Alias,
                span,
                tag: None,
            }),
            Event::SequenceStart(style, _, ref tag) | Event::MappingStart(style, _, ref tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(too_deep(self.text, span.start));
                }
                let tag = tag.as_ref().map(|_| self.tag_text(tag_start, span));
                self.stack.push(Frame {
                    start: tag_start.unwrap_or(span.start),
                    tag,
                    items: Vec::new(),
                    mapping: matches!(event, Event::MappingStart(..)),
                    flow: style == StructureStyle::Flow,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let end = if frame.flow {
                    span.end
                } else {
                    frame.items.last().map_or(frame.start, |n| n.span.end)
                };
                let span = Span::new(frame.start, end.max(frame.start));
                let kind = if frame.mapping {
                    let mut items = frame.items.into_iter();
                    let mut entries = Vec::with_capacity(items.len() / 2);
                    while let (Some(k), Some(v)) = (items.next(), items.next()) {
                        entries.push((k, v));
                    }
                    Kind::Mapping(entries)
                } else {
                    Kind::Sequence(frame.items)
                };
                self.add(Node {
                    kind,
                    span,
                    tag: frame.tag,
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn add(&mut self, node: Node<'a>) {
        match self.stack.last_mut() {
            Some(frame) => frame.items.push(node),
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }

    fn scalar(
        &self,
        value: Cow<'a, str>,
        style: ScalarStyle,
        span: Span,
        tag_start: Option<usize>,
        tag: Option<String>,
    ) -> Node<'a> {
        let style = match style {
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
            _ => Style::Plain,
        };
        let block = matches!(style, Style::Literal | Style::Folded);
        let (raw, indent) = if block {
            // The parser's span starts at the content; the indicator comes before it.
            let from = tag_start.map_or(self.previous_end, |t| t + 1);
            match indicator(self.text, from, span.start) {
                Some(at) => (Span::new(at, span.end), column(self.text, span.start)),
                None => (span, 0),
            }
        } else {
            (span, 0)
        };
        // An empty node (`Key:` alone) has the value `~` but no bytes.
        let value = if span.is_empty() && style == Style::Plain {
            Cow::Borrowed("")
        } else {
            value
        };
        let start = tag_start.unwrap_or(raw.start);
        let end = if block {
            trim_end(self.text, raw)
        } else {
            raw.end
        };
        Node {
            kind: Kind::Scalar(Scalar {
                value,
                style,
                raw,
                indent,
            }),
            span: Span::new(start, end.max(start)),
            tag,
        }
    }

    /// The tag as written (`!Sub`, `!!str`).
    fn tag_text(&self, tag_start: Option<usize>, span: Span) -> String {
        let from = tag_start.unwrap_or(span.start);
        let rest = self.text.get(from..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .unwrap_or(rest.len());
        rest[..end].to_string()
    }
}

/// The `|` or `>` of a block scalar between `from` and its content at `to`: past the `:` or `-`
/// before it, white space, comments, and an anchor or tag.
fn indicator(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to.min(bytes.len()) {
        match bytes[i] {
            b'|' | b'>' => return Some(i),
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'&' | b'!' => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Spaces before `at` on its line.
fn column(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    text[line_start..at]
        .bytes()
        .take_while(|&b| b == b' ')
        .count()
}

/// The end of `span` without trailing white space and line breaks.
fn trim_end(text: &str, span: Span) -> usize {
    let trimmed = text[span.range()].trim_end_matches([' ', '\t', '\r', '\n']);
    span.start + trimmed.len()
}

fn too_deep(text: &str, at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::NestingTooDeep,
        format!("the template nests more than {MAX_DEPTH} levels deep"),
        Label::new(char_at(text, at), "nesting limit reached here"),
    )
    .with_help("real templates nest a few levels deep: close the collections that were left open")
}

fn syntax_error(text: &str, error: &ScanError) -> Diagnostic {
    let at = error.marker().byte_offset().unwrap_or(0);
    if matches!(error.kind(), ErrorKind::RecursionLimitExceeded) {
        return too_deep(text, at);
    }
    let (what, help) = explain(error.kind());
    let what = what.unwrap_or_else(|| error.kind().to_string());
    // The parser stops after a tab it refuses; the tab is what to show.
    let tab = help.contains("tabs") && text.get(..at).is_some_and(|t| t.ends_with('\t'));
    let label = if tab {
        Label::new(Span::new(at - 1, at), "a tab")
    } else {
        Label::new(char_at(text, at), "the YAML parser stopped here")
    };
    Diagnostic::error(
        Code::YamlSyntax,
        format!("the template is not well-formed YAML: {what}"),
        label,
    )
    .with_help(help)
}

/// The character at byte `at` (empty at the end), on char boundaries whatever `at` is.
fn char_at(text: &str, at: usize) -> Span {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let len = text[start..].chars().next().map_or(0, char::len_utf8);
    Span::new(start, start + len)
}

/// Plain words for the common problems: what went wrong (when the parser's words need help)
/// and how to fix it.
fn explain(kind: &ErrorKind) -> (Option<String>, &'static str) {
    use ErrorKind as K;
    let (what, help) = match kind {
        K::UnclosedFlowCollection { open } => {
            return (
                Some(format!("a `{open}` is never closed")),
                "close a list with `]` and a mapping with `}`",
            )
        }
        K::MismatchedFlowCollectionEnd { open, close } => {
            return (
                Some(format!("a `{open}` is closed by `{close}`")),
                "close a list with `]` and a mapping with `}`",
            )
        }
        K::UnexpectedCharacter { character } => {
            return (
                Some(format!(
                    "`{}` cannot start a value here",
                    character.escape_default()
                )),
                "quote a value that starts with `@` or a backquote; a control character means \
                 the file is not a text template",
            )
        }
        K::MisplacedFlowCollectionEnd => (
            Some("a closing bracket with nothing open before it"),
            "remove the bracket, or add the `[` or `{` it closes",
        ),
        K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabNotAllowed
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => (
            Some("a tab where YAML expects indentation"),
            "indent with spaces: YAML does not allow tabs in indentation",
        ),
        K::UnclosedQuotedScalar => (
            Some("a quoted string is never closed"),
            "close the string with the quote it opens with; in single quotes write `'` as `''`",
        ),
        K::UnexpectedEofFlowSequence => (
            Some("a `[` is never closed"),
            "close the list with `]`",
        ),
        K::UnexpectedEofFlowMapping | K::UnexpectedEofImplicitFlowMapping => (
            Some("a `{` is never closed"),
            "close the mapping with `}`",
        ),
        K::InvalidIndentation
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent
        | K::InvalidBlockScalarIndent
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry => (
            Some("this line's indentation does not fit the lines around it"),
            "line the key up with the other keys of its mapping, or indent a value under its key",
        ),
        K::UnknownAnchor => (
            Some("an alias names an anchor that is not defined before it"),
            "CloudFormation does not read aliases: write the value out in place of `*name`",
        ),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidUnicodeEscape
        | K::InvalidLowSurrogate
        | K::InvalidLowSurrogateHexEscape
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate => (
            Some("a backslash escape in a double-quoted string is not one YAML knows"),
            "write a backslash as `\\\\` in double quotes, or use single quotes, where a backslash is an ordinary character",
        ),
        K::SimpleKeyExpected | K::InvalidSimpleKey | K::MappingKeyNotAllowed => (
            Some("a `key: value` pair where none can start"),
            "quote a value that holds `: ` or `#`, and keep a key and its `:` on one line",
        ),
        _ => (
            None,
            "check this line and the one before it: indentation, quotes and brackets",
        ),
    };
    (what.map(str::to_string), help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node<'_> {
        read(text).unwrap().unwrap()
    }

    #[test]
    fn tags_and_aliases_are_kept_as_written() {
        let text = "a: !Sub 'x'\nb: &n [1]\nc: *n\n";
        let node = root(text);
        let entries = node.as_mapping().unwrap();
        assert_eq!(entries[0].1.tag.as_deref(), Some("!Sub"));
        assert_eq!(&text[entries[0].1.span.range()], "!Sub 'x'");
        assert!(matches!(entries[2].1.kind, Kind::Alias));
        assert_eq!(&text[entries[2].1.span.range()], "*n");
    }

    #[test]
    fn a_block_scalar_starts_at_its_indicator() {
        let text = "k: !Sub |2-  # note\n    é\n  x\nz: 1\n";
        let node = root(text);
        let value = &node.as_mapping().unwrap()[0].1;
        let Kind::Scalar(s) = &value.kind else {
            panic!("a scalar")
        };
        assert_eq!(&text[s.raw.range()], "|2-  # note\n    é\n  x\n");
        assert_eq!(s.indent, 2);
        assert_eq!(&text[value.span.range()], "!Sub |2-  # note\n    é\n  x");
        assert_eq!(s.value, "  é\nx");
    }

    #[test]
    fn block_collections_end_at_their_last_item() {
        let text = "k:\n  - a\n  - b\n\nz: 1\n";
        let node = root(text);
        assert_eq!(
            &text[node.as_mapping().unwrap()[0].1.span.range()],
            "- a\n  - b"
        );
    }

    #[test]
    fn a_tab_in_indentation_is_one_syntax_error_on_the_tab() {
        let text = "Resources:\n\tTask: 1\n";
        let d = read(text).unwrap_err();
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!(&text[d.primary.span.range()], "\t");
        assert!(d.help.unwrap().contains("spaces"));
    }

    #[test]
    fn error_positions_are_bytes_on_char_boundaries() {
        let text = "é: 'ü\n";
        let d = read(text).unwrap_err();
        let span = d.primary.span;
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(&text[span.range()], "'");
    }
}

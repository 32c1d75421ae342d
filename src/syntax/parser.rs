//! `document`, `value`, `object`, `member` and `array` of `grammar/json.ebnf`.
//!
//! Nesting is unrolled onto an explicit stack instead of recursion, so no input can overflow the
//! call stack; the depth limit keeps the finished tree (and its recursive drop) shallow.

use std::collections::HashMap;

use super::fault::{Fault, FaultKind};
use super::token::{self, Literal, PResult};
use super::tree::{Member, Str, Value, ValueKind};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

/// How deep arrays and objects may nest. Real rules documents nest fewer than ten levels.
pub const MAX_DEPTH: usize = 128;

/// Objects with more members than this find duplicate keys by hashing instead of scanning.
const SCAN_LIMIT: usize = 12;

pub(super) struct Parser<'a, 's> {
    text: &'a str,
    /// `duplicate_key` findings: errors, but the tree is still whole.
    pub(super) duplicates: Vec<Diagnostic>,
    /// Where the items of the root object's first member named `key` go, when that member is an
    /// array, instead of into the tree: a caller can then consume each item as soon as it is
    /// complete, and the whole array never exists at once.
    stream: Option<Stream<'a, 's>>,
}

pub(super) struct Stream<'a, 's> {
    pub key: &'s str,
    pub sink: &'s mut dyn FnMut(Value<'a>),
}

/// An array or object whose closing bracket has not been reached yet. Its items or members so
/// far sit at the end of the parser's scratch stacks, from `first` on: when it closes they move
/// into a vector of exactly their number, so the finished tree holds no spare capacity and no
/// container grows by reallocation.
enum Frame {
    Array {
        open: usize,
        first: usize,
        /// Items go to the stream's sink, not into the array.
        streamed: bool,
    },
    /// The last member's value is a placeholder until that value has been parsed.
    Object { open: usize, first: usize },
}

impl<'a, 's> Parser<'a, 's> {
    pub(super) fn new(text: &'a str, stream: Option<Stream<'a, 's>>) -> Self {
        Parser {
            text,
            duplicates: Vec::new(),
            stream,
        }
    }

    fn offset(&self, rest: &str) -> usize {
        self.text.len() - rest.len()
    }

    /// Runs a token parser and spans what it consumed.
    fn spanned<O>(
        &self,
        input: &'a str,
        token: impl FnOnce(&'a str) -> PResult<'a, O>,
    ) -> Result<(&'a str, O, Span), Fault> {
        let start = self.offset(input);
        let (rest, out) = token(input).map_err(|e| into_fault(e, input))?;
        Ok((rest, out, Span::new(start, self.offset(rest))))
    }

    /// `document = ws value ws`, then the end of the input.
    pub(super) fn document(&mut self, input: &'a str) -> Result<Value<'a>, Fault> {
        let (rest, value) = self.value(token::ws(input))?;
        let rest = token::ws(rest);
        if rest.is_empty() {
            Ok(value)
        } else {
            Err(Fault::found(rest, FaultKind::TrailingContent))
        }
    }

    /// `value = object | array | string | number | literal`
    ///
    /// One loop parses a scalar or opens a container, then hands the finished value up through
    /// every container that closes right after it.
    fn value(&mut self, mut input: &'a str) -> Result<(&'a str, Value<'a>), Fault> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut items: Vec<Value<'a>> = Vec::new();
        let mut members: Vec<Member<'a>> = Vec::new();
        'value: loop {
            let (mut rest, mut value) = match input.as_bytes().first() {
                Some(b'{') => {
                    let open = self.enter(&stack, input)?;
                    let inside = token::ws(&input[1..]);
                    if let Some(rest) = inside.strip_prefix('}') {
                        (
                            rest,
                            self.container(ValueKind::Object(Vec::new()), open, rest),
                        )
                    } else {
                        let (after, key) = self.member(inside)?;
                        stack.push(Frame::Object {
                            open,
                            first: members.len(),
                        });
                        members.push(pending(key));
                        input = after;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    let open = self.enter(&stack, input)?;
                    let inside = token::ws(&input[1..]);
                    if let Some(rest) = inside.strip_prefix(']') {
                        (
                            rest,
                            self.container(ValueKind::Array(Vec::new()), open, rest),
                        )
                    } else {
                        let streamed = self.streams(&stack, &members);
                        stack.push(Frame::Array {
                            open,
                            first: items.len(),
                            streamed,
                        });
                        input = inside;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let (rest, value, span) = self.spanned(input, token::string)?;
                    let kind = ValueKind::String(Str { value, span });
                    (rest, Value { kind, span })
                }
                Some(b'-' | b'0'..=b'9') => {
                    let (rest, raw, span) = self.spanned(input, token::number)?;
                    (
                        rest,
                        Value {
                            kind: ValueKind::Number(raw),
                            span,
                        },
                    )
                }
                Some(b) if b.is_ascii_alphabetic() => {
                    let (rest, literal, span) = self.spanned(input, token::literal)?;
                    let kind = match literal {
                        Literal::True => ValueKind::Bool(true),
                        Literal::False => ValueKind::Bool(false),
                        Literal::Null => ValueKind::Null,
                    };
                    (rest, Value { kind, span })
                }
                _ => return Err(self.expected_value(input)),
            };

            // Hand the value to its container; close every container that ends here.
            loop {
                let Some(frame) = stack.last() else {
                    return Ok((rest, value));
                };
                rest = token::ws(rest);
                let next = rest.as_bytes().first().copied();
                match *frame {
                    Frame::Array {
                        open,
                        first,
                        streamed,
                    } => {
                        match (&mut self.stream, streamed) {
                            (Some(stream), true) => (stream.sink)(value),
                            _ => items.push(value),
                        }
                        match next {
                            Some(b',') => {
                                input = token::ws(&rest[1..]);
                                if input.starts_with(']') {
                                    return Err(trailing_comma(rest, ']'));
                                }
                                continue 'value;
                            }
                            Some(b']') => {
                                let closed = close(&mut items, first);
                                stack.pop();
                                rest = &rest[1..];
                                value = self.container(ValueKind::Array(closed), open, rest);
                            }
                            _ => {
                                return Err(Fault::found(
                                    rest,
                                    FaultKind::Expected("`,` or `]` after an array item"),
                                ))
                            }
                        }
                    }
                    Frame::Object { open, first } => {
                        if let Some(last) = members.last_mut() {
                            last.value = value;
                        }
                        match next {
                            Some(b',') => {
                                let after = token::ws(&rest[1..]);
                                if after.starts_with('}') {
                                    return Err(trailing_comma(rest, '}'));
                                }
                                let (after, key) = self.member(after)?;
                                members.push(pending(key));
                                input = after;
                                continue 'value;
                            }
                            Some(b'}') => {
                                let closed = close(&mut members, first);
                                stack.pop();
                                rest = &rest[1..];
                                self.duplicate_keys(&closed);
                                value = self.container(ValueKind::Object(closed), open, rest);
                            }
                            _ => {
                                return Err(Fault::found(
                                    rest,
                                    FaultKind::Expected("`,` or `}` after an object member"),
                                ))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether an array opened now is the streamed one: the value of the root object's first
    /// member named by the stream's key. `members` ends with the root's members when the root
    /// object is the only open container.
    fn streams(&self, stack: &[Frame], members: &[Member<'a>]) -> bool {
        let Some(stream) = &self.stream else {
            return false;
        };
        match (stack, members.split_last()) {
            ([Frame::Object { .. }], Some((last, earlier))) => {
                last.key.value == stream.key && !earlier.iter().any(|m| m.key.value == stream.key)
            }
            _ => false,
        }
    }

    /// Checks the depth limit before opening a container at `input`; returns its offset.
    fn enter(&self, stack: &[Frame], input: &'a str) -> Result<usize, Fault> {
        if stack.len() >= MAX_DEPTH {
            return Err(Fault::new(
                input,
                1,
                FaultKind::TooDeep { limit: MAX_DEPTH },
            ));
        }
        Ok(self.offset(input))
    }

    fn container(&self, kind: ValueKind<'a>, open: usize, rest: &'a str) -> Value<'a> {
        Value {
            kind,
            span: Span::new(open, self.offset(rest)),
        }
    }

    /// `member = string ws ":" ws value`, up to the value, which the `value` loop parses next.
    fn member(&self, input: &'a str) -> Result<(&'a str, Str<'a>), Fault> {
        if !input.starts_with('"') {
            return Err(Fault::found(input, FaultKind::ExpectedKey));
        }
        let (rest, value, span) = self.spanned(input, token::string)?;
        let rest = token::ws(rest);
        match rest.strip_prefix(':') {
            Some(after) => Ok((token::ws(after), Str { value, span })),
            None => Err(Fault::found(
                rest,
                FaultKind::Expected("`:` after the object key"),
            )),
        }
    }

    fn expected_value(&self, input: &'a str) -> Fault {
        // Name a whole bare word (`'abc'`, `NaN`), or the one character that cannot start a value.
        let len = if input.starts_with(|c: char| c.is_alphabetic()) {
            input
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(input.len())
        } else {
            input.chars().next().map_or(0, char::len_utf8)
        };
        Fault::new(input, len, FaultKind::ExpectedValue)
    }

    /// Reports every key that repeats an earlier key of the same object.
    fn duplicate_keys(&mut self, members: &[Member<'a>]) {
        if members.len() < 2 {
            return;
        }
        if members.len() <= SCAN_LIMIT {
            for (i, member) in members.iter().enumerate().skip(1) {
                if let Some(first) = members[..i]
                    .iter()
                    .find(|m| m.key.value == member.key.value)
                {
                    self.duplicates.push(duplicate_key(&first.key, &member.key));
                }
            }
        } else {
            let mut seen: HashMap<&str, &Str<'a>> = HashMap::with_capacity(members.len());
            for member in members {
                if let Some(first) = seen.get(member.key.value.as_ref()) {
                    self.duplicates.push(duplicate_key(first, &member.key));
                } else {
                    seen.insert(&member.key.value, &member.key);
                }
            }
        }
    }
}

/// The items of a closing container: the scratch stack from `first` on, moved into a vector of
/// their exact number; or the whole scratch vector when they are all of it, as for the `rules`
/// array, which saves copying the largest container of a document.
fn close<T>(scratch: &mut Vec<T>, first: usize) -> Vec<T> {
    if first == 0 {
        std::mem::take(scratch)
    } else {
        scratch.drain(first..).collect()
    }
}

fn pending(key: Str<'_>) -> Member<'_> {
    Member {
        value: Value {
            kind: ValueKind::Null,
            span: key.span,
        },
        key,
    }
}

fn trailing_comma(at_comma: &str, closer: char) -> Fault {
    Fault::new(at_comma, 1, FaultKind::TrailingComma { closer })
}

fn into_fault(e: nom::Err<Fault>, input: &str) -> Fault {
    match e {
        nom::Err::Error(f) | nom::Err::Failure(f) => f,
        // The token parsers are all `complete`; keep a sensible answer anyway.
        nom::Err::Incomplete(_) => Fault::found(input, FaultKind::ExpectedValue),
    }
}

fn duplicate_key(first: &Str<'_>, again: &Str<'_>) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateKey,
        format!("key `{}` appears twice in this object", again.value),
        Label::new(again.span, "repeated here"),
    )
    .with_label(Label::new(first.span, "first used here"))
    .with_help("keep one of the two members; which one a reader of the JSON uses is not defined")
}

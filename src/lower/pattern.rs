//! Wildcard patterns in object-locator names (`grammar/pattern.ebnf`), parsed with nom into
//! [`NamePattern`]s.

use std::borrow::Cow;

use nom::branch::alt;
use nom::character::complete::{anychar, char};
use nom::combinator::{map, verify};
use nom::{IResult, Parser as _};

use crate::ast::{CharSet, NamePattern, PatternError, PatternErrorKind, Piece, PieceKind};
use crate::span::Span;

/// `pattern = { piece }`
///
/// Parses `value`; `span_of(start, end)` maps a byte range of `value` to the source.
pub fn pattern<'a>(
    value: &'a str,
    span_of: impl Fn(usize, usize) -> Span,
) -> Result<NamePattern<'a>, PatternError> {
    let mut pattern = NamePattern::new();
    // A name without `%`, `_` or `[` is one literal piece: no production to run.
    if !value.bytes().any(is_special) {
        if !value.is_empty() {
            pattern.push(Piece {
                kind: PieceKind::Literal(Cow::Borrowed(value)),
                span: span_of(0, value.len()),
            });
        }
        return Ok(pattern);
    }
    // Adjacent literal text (`[_]` and `[%]` included) gathers here; it is copied only
    // when a second run joins the first.
    let mut literal: Option<(Cow<'a, str>, Span)> = None;
    let mut rest = value;
    while !rest.is_empty() {
        let start = value.len() - rest.len();
        let (after, parsed) = piece(rest).map_err(|e| {
            let fault = match e {
                nom::Err::Error(f) | nom::Err::Failure(f) => f,
                nom::Err::Incomplete(_) => Fault {
                    kind: PatternErrorKind::Unclosed,
                    rest: rest.len(),
                    len: 1,
                },
            };
            let offset = value.len() - fault.rest;
            PatternError {
                kind: fault.kind,
                span: span_of(offset, offset + fault.len),
            }
        })?;
        let span = span_of(start, value.len() - after.len());
        match (parsed, &mut literal) {
            (Parsed::Literal(text), Some((previous, previous_span))) => {
                if let Cow::Borrowed(first) = previous {
                    // Room for the rest of the value, so joining more runs never grows it.
                    let mut joined = String::with_capacity(first.len() + rest.len());
                    joined.push_str(first);
                    *previous = Cow::Owned(joined);
                }
                previous.to_mut().push_str(text);
                *previous_span = previous_span.cover(span);
            }
            (Parsed::Literal(text), None) => literal = Some((Cow::Borrowed(text), span)),
            (Parsed::Wildcard(kind), _) => {
                if let Some(text) = literal.take() {
                    pattern.push(Piece::literal(text));
                }
                pattern.push(Piece { kind, span });
            }
        }
        rest = after;
    }
    if let Some(text) = literal {
        pattern.push(Piece::literal(text));
    }
    Ok(pattern)
}

/// `percent_pattern = { any_run | percent_literal }`
///
/// Homogeneous data migrations' names, where `%` is the only wildcard and every other
/// character stands for itself; so no name is malformed.
pub fn percent_pattern<'a>(
    value: &'a str,
    span_of: impl Fn(usize, usize) -> Span,
) -> NamePattern<'a> {
    let mut pattern = NamePattern::new();
    let mut rest = value;
    while !rest.is_empty() {
        let start = value.len() - rest.len();
        let (after, kind) = match rest.strip_prefix('%') {
            Some(after) => (after, PieceKind::AnyRun),
            None => {
                let (after, text) = percent_literal(rest);
                (after, PieceKind::Literal(Cow::Borrowed(text)))
            }
        };
        pattern.push(Piece {
            kind,
            span: span_of(start, value.len() - after.len()),
        });
        rest = after;
    }
    pattern
}

/// `percent_literal = ? one or more characters other than "%" ?`
fn percent_literal(input: &str) -> (&str, &str) {
    let len = input.find('%').unwrap_or(input.len());
    (&input[len..], &input[..len])
}

/// The bytes that start a wildcard or a set; all ASCII, so text splits at them on character
/// boundaries.
fn is_special(b: u8) -> bool {
    matches!(b, b'%' | b'_' | b'[')
}

/// What a production read: literal text, borrowed from the pattern, or a wildcard.
enum Parsed<'a> {
    Literal(&'a str),
    Wildcard(PieceKind<'a>),
}

/// Why a pattern production failed: what, where (as the length of input that remained) and
/// how many bytes to label.
#[derive(Debug)]
struct Fault {
    kind: PatternErrorKind,
    rest: usize,
    len: usize,
}

impl<'a> nom::error::ParseError<&'a str> for Fault {
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        Fault {
            kind: PatternErrorKind::Unclosed,
            rest: input.len(),
            len: 1,
        }
    }

    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, O> = IResult<&'a str, O, Fault>;

/// `piece = any_run | any_char | set | literal`
///
/// The first character decides the production; once `set` has read its `[` it either succeeds
/// or fails for good, so no alternative is ever retried.
fn piece(input: &str) -> PResult<'_, Parsed<'_>> {
    match input.as_bytes().first() {
        Some(b'%') => any_run(input),
        Some(b'_') => any_char(input),
        Some(b'[') => set(input),
        _ => literal(input),
    }
}

/// `any_run = "%"`
fn any_run(input: &str) -> PResult<'_, Parsed<'_>> {
    map(char('%'), |_| Parsed::Wildcard(PieceKind::AnyRun)).parse(input)
}

/// `any_char = "_"`
fn any_char(input: &str) -> PResult<'_, Parsed<'_>> {
    map(char('_'), |_| Parsed::Wildcard(PieceKind::AnyChar)).parse(input)
}

/// `literal = ? characters other than "%", "_" and "[" ?`
fn literal(input: &str) -> PResult<'_, Parsed<'_>> {
    // A byte scan: the three stops are ASCII, so the split is on a character boundary.
    let len = input.bytes().position(is_special).unwrap_or(input.len());
    if len == 0 {
        return Err(nom::Err::Error(Fault {
            kind: PatternErrorKind::Unclosed,
            rest: input.len(),
            len: 1,
        }));
    }
    Ok((&input[len..], Parsed::Literal(&input[..len])))
}

/// `set = "[" , set_item , { set_item } , "]"`; a one-character set is a literal.
fn set(input: &str) -> PResult<'_, Parsed<'_>> {
    let (mut rest, _) = char('[').parse(input)?;
    // The usual set is one character written literally, such as `[_]`: no list to build.
    if let Some(c) = rest.chars().next().filter(|&c| c != ']') {
        let len = c.len_utf8();
        if let Some(after) = rest[len..].strip_prefix(']') {
            return Ok((after, Parsed::Literal(&rest[..len])));
        }
    }
    let mut ranges: Vec<(char, char)> = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            if ranges.is_empty() {
                return Err(nom::Err::Failure(Fault {
                    kind: PatternErrorKind::EmptySet,
                    rest: input.len(),
                    len: input.len() - after.len(),
                }));
            }
            // `[a-a]` is one character too.
            let parsed = match ranges.as_slice() {
                [(low, high)] if low == high => Parsed::Literal(&input[1..1 + low.len_utf8()]),
                _ => Parsed::Wildcard(PieceKind::Set(CharSet { ranges })),
            };
            return Ok((after, parsed));
        }
        if rest.is_empty() {
            return Err(nom::Err::Failure(Fault {
                kind: PatternErrorKind::Unclosed,
                rest: input.len(),
                len: 1,
            }));
        }
        let (after, item) = set_item(rest)?;
        ranges.push(item);
        rest = after;
    }
}

/// `set_item = range | set_char`
fn set_item(input: &str) -> PResult<'_, (char, char)> {
    alt((range, map(set_char, |c| (c, c)))).parse(input)
}

/// `range = set_char , "-" , set_char`
fn range(input: &str) -> PResult<'_, (char, char)> {
    let (rest, (low, _, high)) = (set_char, char('-'), set_char).parse(input)?;
    if low > high {
        let len = input.len() - rest.len();
        return Err(nom::Err::Failure(Fault {
            kind: PatternErrorKind::ReversedRange { low, high },
            rest: input.len(),
            len,
        }));
    }
    Ok((rest, (low, high)))
}

/// `set_char = ? any character except "]" ?`
fn set_char(input: &str) -> PResult<'_, char> {
    verify(anychar, |&c| c != ']').parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str) -> Result<NamePattern<'_>, PatternError> {
        super::pattern(value, Span::new)
    }

    fn kinds(value: &str) -> Vec<PieceKind<'_>> {
        parse(value)
            .expect("valid")
            .pieces()
            .iter()
            .map(|p| p.kind.clone())
            .collect()
    }

    #[test]
    fn pieces_and_spans() {
        let p = parse("TMP[_]x%[a-c]_").expect("valid");
        let spans: Vec<Span> = p.pieces().iter().map(|p| p.span).collect();
        assert_eq!(
            spans,
            [
                Span::new(0, 7),
                Span::new(7, 8),
                Span::new(8, 13),
                Span::new(13, 14)
            ]
        );
        assert_eq!(p.pieces()[0].kind, PieceKind::Literal("TMP_x".into()));
        assert_eq!(
            p.pieces()[2].kind,
            PieceKind::Set(CharSet {
                ranges: vec![('a', 'c')]
            })
        );
        assert_eq!(p.literal_prefix(), "TMP_x");
    }

    #[test]
    fn one_character_sets_are_literal() {
        assert_eq!(kinds("[%]"), [PieceKind::Literal("%".into())]);
        assert_eq!(
            kinds("x[a-a][表]y%"),
            [PieceKind::Literal("xa表y".into()), PieceKind::AnyRun]
        );
        assert_eq!(
            kinds("[ab-]"),
            [PieceKind::Set(CharSet {
                ranges: vec![('a', 'a'), ('b', 'b'), ('-', '-')]
            })]
        );
    }

    #[test]
    fn percent_patterns_take_only_percent_as_a_wildcard() {
        let p = super::percent_pattern("TMP_[x]%%y", Span::new);
        let kinds: Vec<_> = p
            .pieces()
            .iter()
            .map(|p| (p.kind.clone(), p.span))
            .collect();
        assert_eq!(
            kinds,
            [
                (PieceKind::Literal("TMP_[x]".into()), Span::new(0, 7)),
                (PieceKind::AnyRun, Span::new(7, 8)),
                (PieceKind::AnyRun, Span::new(8, 9)),
                (PieceKind::Literal("y".into()), Span::new(9, 10)),
            ]
        );
        assert!(super::percent_pattern("", Span::new).pieces().is_empty());
    }

    #[test]
    fn errors_point_inside_the_value() {
        let unclosed = parse("ab[cd").expect_err("unclosed");
        assert_eq!(
            (unclosed.kind, unclosed.span),
            (PatternErrorKind::Unclosed, Span::new(2, 3))
        );
        let empty = parse("a[]").expect_err("empty");
        assert_eq!(
            (empty.kind, empty.span),
            (PatternErrorKind::EmptySet, Span::new(1, 3))
        );
        let reversed = parse("[xd-a]").expect_err("reversed");
        assert_eq!(
            (reversed.kind, reversed.span),
            (
                PatternErrorKind::ReversedRange {
                    low: 'd',
                    high: 'a'
                },
                Span::new(2, 5)
            )
        );
    }
}

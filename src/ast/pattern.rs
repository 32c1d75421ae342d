//! Wildcard patterns in object-locator names (`grammar/pattern.ebnf`): the parsed form.
//!
//! `%` matches any run of characters, `_` exactly one, `[ab]` one of a set, `[a-d]` one of a
//! range; a one-character set such as `[_]` or `[%]` is that character, literally. Lowering
//! parses names into these.

use std::borrow::Cow;

use crate::span::Span;

/// A parsed pattern: its pieces in order, each with its span in the source.
///
/// Literal text is borrowed from the pattern where it is written out whole; a pattern of one
/// piece (a name without wildcards, the usual case) allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern<'a> {
    pieces: Pieces<'a>,
}

/// The pieces of a pattern: one in place, or any other number (exactly one is always `One`,
/// so equal patterns compare equal).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pieces<'a> {
    One(Piece<'a>),
    Many(Vec<Piece<'a>>),
}

/// One piece of a [`NamePattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    /// What the piece matches.
    pub kind: PieceKind<'a>,
    /// The bytes the piece was read from (a merged literal covers all of its runs); the whole
    /// name string when the name holds escapes.
    pub span: Span,
}

/// What one piece of a pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PieceKind<'a> {
    /// Characters that match themselves; adjacent literal text, `[_]` and `[%]` included, is
    /// merged into one piece. Borrowed from the pattern unless a merge joined separate runs.
    Literal(Cow<'a, str>),
    /// `%`: any run of characters, the empty run included.
    AnyRun,
    /// `_`: exactly one character.
    AnyChar,
    /// `[...]` with more than one character: one character from the set.
    Set(CharSet),
}

/// The characters of a `[...]` set, as inclusive ranges (`a` alone is `a..=a`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSet {
    /// `(low, high)` with `low <= high`, in the order written; never empty.
    pub ranges: Vec<(char, char)>,
}

impl CharSet {
    /// True when `c` lies in one of the ranges (compared exactly: case counts).
    pub fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
    }
}

/// Why a name is not a valid pattern, and where; lowering reports it as
/// `dms::invalid_wildcard`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub kind: PatternErrorKind,
    /// The offending bytes: the unclosed `[`, the empty `[]` or the reversed range; the whole
    /// name string when the name holds escapes.
    pub span: Span,
}

/// What makes a pattern invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternErrorKind {
    /// A `[` with no `]` after it.
    Unclosed,
    /// `[]`.
    EmptySet,
    /// `[d-a]`.
    ReversedRange {
        /// The character before the `-`.
        low: char,
        /// The character after the `-`, which sorts before `low`.
        high: char,
    },
}

impl<'a> NamePattern<'a> {
    /// A pattern of no pieces, to [`push`](Self::push) pieces onto.
    pub(crate) fn new() -> Self {
        NamePattern {
            pieces: Pieces::Many(Vec::new()),
        }
    }

    /// Adds a piece at the end.
    pub(crate) fn push(&mut self, piece: Piece<'a>) {
        self.pieces.push(piece);
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece<'a>] {
        match &self.pieces {
            Pieces::One(piece) => std::slice::from_ref(piece),
            Pieces::Many(pieces) => pieces,
        }
    }

    /// The same pattern owning its literal text, so it outlives the text it was parsed from.
    pub fn into_owned(self) -> NamePattern<'static> {
        let pieces = match self.pieces {
            Pieces::One(piece) => Pieces::One(piece.into_owned()),
            Pieces::Many(pieces) => {
                Pieces::Many(pieces.into_iter().map(Piece::into_owned).collect())
            }
        };
        NamePattern { pieces }
    }

    /// True when the pattern has a wildcard (`%`, `_` or a set), so it can match more than one
    /// name.
    pub fn has_wildcards(&self) -> bool {
        self.pieces()
            .iter()
            .any(|p| !matches!(p.kind, PieceKind::Literal(_)))
    }

    /// True when the pattern has `%` or a `[...]` set: it selects by pattern, not one name
    /// that merely contains `_`.
    pub fn is_broad(&self) -> bool {
        self.pieces()
            .iter()
            .any(|p| matches!(p.kind, PieceKind::AnyRun | PieceKind::Set(_)))
    }

    /// The literal text every match starts with.
    pub fn literal_prefix(&self) -> &str {
        match self.pieces().first() {
            Some(Piece {
                kind: PieceKind::Literal(text),
                ..
            }) => text,
            _ => "",
        }
    }
}

impl<'a> Pieces<'a> {
    /// Adds a piece; the first stays in place, a second moves both into a vector.
    fn push(&mut self, piece: Piece<'a>) {
        match self {
            Pieces::Many(pieces) if !pieces.is_empty() => pieces.push(piece),
            Pieces::Many(_) => *self = Pieces::One(piece),
            Pieces::One(_) => {
                if let Pieces::One(first) = std::mem::replace(self, Pieces::Many(Vec::new())) {
                    // Room for exactly two, the most usual count (a literal and a `%`): patterns
                    // are kept with their rules, and a longer one grows as a vector does.
                    *self = Pieces::Many(vec![first, piece]);
                }
            }
        }
    }
}

impl<'a> Piece<'a> {
    pub(crate) fn literal((text, span): (Cow<'a, str>, Span)) -> Piece<'a> {
        Piece {
            kind: PieceKind::Literal(text),
            span,
        }
    }

    /// The same piece owning its text.
    pub fn into_owned(self) -> Piece<'static> {
        let kind = match self.kind {
            PieceKind::Literal(text) => PieceKind::Literal(Cow::Owned(text.into_owned())),
            PieceKind::AnyRun => PieceKind::AnyRun,
            PieceKind::AnyChar => PieceKind::AnyChar,
            PieceKind::Set(set) => PieceKind::Set(set),
        };
        Piece {
            kind,
            span: self.span,
        }
    }
}

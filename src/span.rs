//! Byte spans into the original input.
//!
//! Every node the crate produces carries a [`Span`]: a half-open byte range into the exact bytes
//! the caller passed in (a leading byte-order mark included), so `&source[span.range()]` is always
//! the text a diagnostic points at.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into the original input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// The offset of the first byte.
    pub start: usize,
    /// The offset just past the last byte; equal to `start` for an empty span.
    pub end: usize,
}

impl Span {
    /// The span `start..end`; `start` must not be after `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, for "something is missing here".
    pub const fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// `start..end`, to slice the input with.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// A value together with the bytes it was read from.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// What was read.
    pub value: T,
    /// Where it was read from.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `value`, read from `span`.
    pub const fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// Applies `f` to the value and keeps the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned::new(f(self.value), self.span)
    }

    /// Borrows the value, with the same span.
    pub const fn as_ref(&self) -> Spanned<&T> {
        Spanned {
            value: &self.value,
            span: self.span,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} @ {:?}", self.value, self.span)
    }
}

/// 1-based line and column (in characters) of a byte offset, as editors count them: `\n`,
/// `\r\n` and a lone `\r` each end a line, and a leading byte-order mark is no character.
///
/// An offset past the end is clamped to the end, so this never panics. For many offsets into
/// one input, build a [`LineIndex`] once instead: this scans from the start every time.
pub fn line_column(source: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    without_bom(
        source,
        offset,
        advance((1, 1), &source[..offset], source.get(offset).copied()),
    )
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `at` (the position of `offset` in `source`) with a leading byte-order mark not counted as a
/// column: editors do not show it, so on the first line they count one column fewer.
fn without_bom(source: &[u8], offset: usize, at: (usize, usize)) -> (usize, usize) {
    match at {
        (1, column) if offset >= BOM.len() && source.starts_with(BOM) => (1, column - 1),
        at => at,
    }
}

/// `(line, column)` after reading `bytes` from `at`; `next` is the byte after them, which tells
/// whether a final `\r` ends its line or is the first half of `\r\n`. Columns count characters
/// by their leading bytes, so invalid UTF-8 still yields a column.
///
/// Written as counts over whole slices rather than one loop with branches, so the compiler
/// vectorises it: a lookup reads up to a block of the [`LineIndex`].
fn advance(at: (usize, usize), bytes: &[u8], next: Option<u8>) -> (usize, usize) {
    let (breaks, last) = if bytes.contains(&b'\r') {
        let ends_line = |i: usize| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1).copied().or(next) != Some(b'\n'),
            _ => false,
        };
        (
            (0..bytes.len()).filter(|&i| ends_line(i)).count(),
            (0..bytes.len()).rev().find(|&i| ends_line(i)),
        )
    } else {
        (
            count(bytes, |b| b == b'\n'),
            bytes.iter().rposition(|&b| b == b'\n'),
        )
    };
    let (line, column, tail) = match last {
        Some(last) => (at.0 + breaks, 1, &bytes[last + 1..]),
        None => (at.0, at.1, bytes),
    };
    let chars = count(tail, |b| (b & 0xC0) != 0x80);
    (line, column + chars)
}

/// How many bytes match. Each chunk is counted in a `u8`, which cannot overflow in 255 bytes:
/// the compiler then adds 16 bytes' matches per instruction, where a `usize` count would widen
/// every byte to 64 bits first (five times slower).
fn count(bytes: &[u8], matches: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + u8::from(matches(b))))
        .map(usize::from)
        .sum()
}

/// Line and column lookups for one input in time independent of its size: the position at
/// every KiB is recorded once (1.5% of the input), so a lookup reads at most 1 KiB, even in a minified document
/// that is one line of megabytes.
///
/// The index does not hold the input; every lookup is given the same bytes it was built from.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `(line, column)` at offset `i * BLOCK`.
    checkpoints: Vec<(usize, usize)>,
}

const BLOCK: usize = 1024;

impl LineIndex {
    /// Indexes `source`, reading it once.
    pub fn new(source: &[u8]) -> Self {
        let mut checkpoints = Vec::with_capacity(source.len() / BLOCK + 1);
        let mut at = (1, 1);
        for (i, block) in source.chunks(BLOCK).enumerate() {
            checkpoints.push(at);
            at = advance(at, block, source.get((i + 1) * BLOCK).copied());
        }
        if checkpoints.is_empty() {
            checkpoints.push(at);
        }
        LineIndex { checkpoints }
    }

    /// The same answer as [`line_column`] for the `source` the index was built from.
    pub fn line_column(&self, source: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let block = (offset / BLOCK).min(self.checkpoints.len() - 1);
        let at = advance(
            self.checkpoints[block],
            &source[(block * BLOCK).min(offset)..offset],
            source.get(offset).copied(),
        );
        without_bom(source, offset, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\n\u{e9}x\ny".as_bytes();
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // `x` sits after the two-byte `é`.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 7), (3, 1));
        assert_eq!(line_column(text, 999), (3, 2));
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}{\"a\": 1}\nb".as_bytes();
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (1, 1), "the `{{` after the mark");
        assert_eq!(line_column(text, 4), (1, 2));
        assert_eq!(line_column(text, 12), (2, 1));
        let index = LineIndex::new(text);
        for offset in 0..text.len() {
            assert_eq!(index.line_column(text, offset), line_column(text, offset));
        }
        // Only at the start: one further on is a character like any other.
        assert_eq!(line_column("a\u{feff}b".as_bytes(), 4), (1, 3));
    }

    #[test]
    fn line_index_agrees_with_a_scan_from_the_start() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "é\n" } else { "ab" });
        }
        let index = LineIndex::new(text.as_bytes());
        for offset in (0..text.len() + 5).step_by(97) {
            assert_eq!(
                index.line_column(text.as_bytes(), offset),
                line_column(text.as_bytes(), offset)
            );
        }
        assert_eq!(LineIndex::new(b"").line_column(b"", 3), (1, 1));
    }

    /// Line and column by the definition: walk the characters, a line ends at `\n`, `\r\n` or a
    /// lone `\r`.
    fn reference(text: &str, offset: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        let mut chars = text[..offset].chars().peekable();
        while let Some(c) = chars.next() {
            let crlf = c == '\r'
                && (chars.peek() == Some(&'\n')
                    || (chars.peek().is_none() && text[offset..].starts_with('\n')));
            if c == '\n' || (c == '\r' && !crlf) {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        (line, column)
    }

    proptest::proptest! {
        #[test]
        fn every_line_ending_counts_once(
            text in "[a\u{e9}\r\n]{0,3000}",
            offsets in proptest::collection::vec(proptest::prelude::any::<usize>(), 8),
        ) {
            let bytes = text.as_bytes();
            let index = LineIndex::new(bytes);
            for offset in offsets {
                let offset = offset % (bytes.len() + 1);
                if !text.is_char_boundary(offset) {
                    continue;
                }
                let expected = reference(&text, offset);
                proptest::prop_assert_eq!(line_column(bytes, offset), expected);
                proptest::prop_assert_eq!(index.line_column(bytes, offset), expected);
            }
        }
    }

    #[test]
    fn cover_spans_both() {
        assert_eq!(Span::new(4, 6).cover(Span::new(1, 5)), Span::new(1, 6));
    }
}

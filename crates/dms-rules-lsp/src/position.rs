//! Byte offsets to protocol positions and back, in the encoding agreed at `initialize`.
//!
//! A position is a line and a character offset into that line, counted in UTF-8 bytes or in
//! UTF-16 code units. Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says. Every
//! conversion clamps: a position past the end of its line is the line's end, a line past the
//! last is the end of the text, and an offset inside a character is that character's start.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How characters of a line are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no counting at all), else UTF-16, which every client
    /// must understand.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(at) = memchr_line_break(&bytes[i..]) {
            let at = i + at;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        Lines { starts }
    }

    /// Brings the line starts up to date after `text` (already changed) had its bytes
    /// `start..old_end` replaced by `inserted` bytes, rescanning only the lines around the
    /// change: on a large document, a keystroke costs no pass over the whole text.
    pub fn edit(&mut self, text: &str, start: usize, old_end: usize, inserted: usize) {
        let line = self.starts.partition_point(|&s| s <= start) - 1;
        // From the line before: the change may join a `\r` before it with a `\n` it brings.
        let from_line = line.saturating_sub(1);
        let from = self.starts[from_line];
        // Up to the first line start that the change, or a `\r\n` it completes, cannot move.
        let kept = self.starts.partition_point(|&s| s <= old_end + 1);
        let grown = |s: usize| s + inserted - (old_end - start);
        let until = self.starts.get(kept).map_or(text.len(), |&s| grown(s));
        let bytes = text.as_bytes();
        let mut starts: Vec<usize> = self.starts[..=from_line].to_vec();
        let mut i = from;
        while let Some(at) = memchr_line_break(&bytes[i..until]) {
            let at = i + at;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            if next >= until {
                break;
            }
            starts.push(next);
            i = next;
        }
        if kept < self.starts.len() {
            starts.extend(self.starts[kept..].iter().map(|&s| grown(s)));
        } else if until == text.len() && i < text.len() {
            // The scan stopped at a break that ends the text: the empty last line.
            if let Some(&last) = bytes.last() {
                if matches!(last, b'\n' | b'\r') && starts.last() != Some(&text.len()) {
                    starts.push(text.len());
                }
            }
        }
        self.starts = starts;
    }

    /// The position of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(saturate(line), saturate(character))
    }

    /// The byte offset in `text` of `position`, clamped into the text and onto its line.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.content_end(text, line);
        let wanted = position.character as usize;
        let mut counted = 0;
        for (at, c) in text[start..end].char_indices() {
            if counted >= wanted {
                return start + at;
            }
            counted += encoding.width(c);
            // A position inside a character (half of a surrogate pair) is its start.
            if counted > wanted {
                return start + at;
            }
        }
        end
    }

    pub fn range(&self, text: &str, span: dms_rules::Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// Where line `line`'s text ends: before its line break, or at the end of the text.
    fn content_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        let mut end = next;
        if end > self.starts[line] && line + 1 < self.starts.len() {
            end -= 1;
            if bytes[end] == b'\n' && end > self.starts[line] && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        end
    }
}

fn memchr_line_break(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn editing_the_line_starts_agrees_with_reading_them_anew(
            text in "[ab\r\n]{0,40}",
            start in 0usize..41,
            len in 0usize..6,
            inserted in "[ab\r\n]{0,5}",
        ) {
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            let mut lines = Lines::new(&text);
            let mut changed = text.clone();
            changed.replace_range(start..end, &inserted);
            lines.edit(&changed, start, end, inserted.len());
            proptest::prop_assert_eq!(&lines.starts, &Lines::new(&changed).starts, "{:?}", changed);
        }
    }

    #[test]
    fn positions_count_utf16_units_and_every_line_break() {
        // `😀` is two UTF-16 units and four bytes; lines end at CRLF, a lone CR and LF.
        let text = "a😀b\r\nc\rd\ne";
        let lines = Lines::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            lines.position(text, b, Encoding::Utf16),
            Position::new(0, 3)
        );
        assert_eq!(lines.position(text, b, Encoding::Utf8), Position::new(0, 5));
        let d = text.find('d').unwrap();
        assert_eq!(
            lines.position(text, d, Encoding::Utf16),
            Position::new(2, 0)
        );
        let e = text.find('e').unwrap();
        assert_eq!(
            lines.position(text, e, Encoding::Utf16),
            Position::new(3, 0)
        );
        for offset in [0, 1, b, b + 1, d, e, text.len()] {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let p = lines.position(text, offset, encoding);
                assert_eq!(
                    lines.offset(text, p, encoding),
                    offset,
                    "{offset} {encoding:?}"
                );
            }
        }
        // Past the end of a line: the line's end, before its CRLF.
        assert_eq!(
            lines.offset(text, Position::new(0, 99), Encoding::Utf16),
            b + 1
        );
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(lines.offset(text, Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(
            lines.offset(text, Position::new(99, 0), Encoding::Utf8),
            text.len()
        );
    }
}

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
    bytes.iter().position(|&b| b == b'\n' || b == b'\r')
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

//! Flow scalars: plain, single-quoted and double-quoted.
//!
//! All three fold line breaks the same way (YAML 1.2, 7.3 and 7.4): white space before a break
//! and indentation after it are dropped; a single break becomes a space, and a break followed
//! by empty lines becomes one `\n` per empty line. Single quotes add `''` for a quote; double
//! quotes add backslash escapes, among them `\` before a break, which joins the lines.

use crate::span::Span;

use super::super::mapped::Mapped;

pub(super) fn plain(raw: &str, start: usize) -> Option<Mapped> {
    fold(raw, start, Quote::None)
}

pub(super) fn single_quoted(raw: &str, start: usize) -> Option<Mapped> {
    let inner = raw.strip_prefix('\'')?.strip_suffix('\'')?;
    fold(inner, start + 1, Quote::Single)
}

pub(super) fn double_quoted(raw: &str, start: usize) -> Option<Mapped> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    fold(inner, start + 1, Quote::Double)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

fn fold(inner: &str, base: usize, quote: Quote) -> Option<Mapped> {
    let bytes = inner.as_bytes();
    let mut out = Mapped::default();
    // Spaces and tabs not yet written: kept before content, dropped before a break.
    let mut blanks: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => {
                blanks.get_or_insert(i);
                i += 1;
            }
            b'\n' | b'\r' => {
                let from = blanks.take().unwrap_or(i);
                let (next, empty) = skip_break_and_empty_lines(bytes, i);
                let text = if empty == 0 {
                    " ".to_string()
                } else {
                    "\n".repeat(empty)
                };
                out.decoded(&text, Span::new(base + from, base + next));
                i = next;
            }
            b => {
                if let Some(from) = blanks.take() {
                    out.verbatim(&inner[from..i], base + from);
                }
                match (quote, b) {
                    (Quote::Single, b'\'') => {
                        if bytes.get(i + 1) != Some(&b'\'') {
                            return None;
                        }
                        out.decoded("'", Span::new(base + i, base + i + 2));
                        i += 2;
                    }
                    (Quote::Double, b'\\') => i = escape(inner, base, i, &mut out)?,
                    _ => {
                        let end = bytes[i..]
                            .iter()
                            .position(|&b| {
                                matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\'' | b'\\')
                            })
                            .map_or(bytes.len(), |n| i + n.max(1));
                        out.verbatim(&inner[i..end], base + i);
                        i = end;
                    }
                }
            }
        }
    }
    if let Some(from) = blanks {
        out.verbatim(&inner[from..], base + from);
    }
    Some(out)
}

/// From the break at `at`: the offset of the next line's content, and how many empty lines
/// came between.
fn skip_break_and_empty_lines(bytes: &[u8], at: usize) -> (usize, usize) {
    let mut i = skip_break(bytes, at);
    let mut empty = 0;
    loop {
        let content = i + bytes[i..]
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(bytes.len() - i);
        match bytes.get(content) {
            Some(b'\n' | b'\r') => {
                empty += 1;
                i = skip_break(bytes, content);
            }
            _ => return (content, empty),
        }
    }
}

fn skip_break(bytes: &[u8], at: usize) -> usize {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => at + 2,
        _ => at + 1,
    }
}

/// Decodes the escape at `at` (a backslash) into `out`; returns the offset after it.
fn escape(inner: &str, base: usize, at: usize, out: &mut Mapped) -> Option<usize> {
    let bytes = inner.as_bytes();
    let code = *bytes.get(at + 1)?;
    if matches!(code, b'\n' | b'\r') {
        // An escaped break joins the lines: the break and the next line's indentation go; empty
        // lines in between still count.
        let (next, empty) = skip_break_and_empty_lines(bytes, at + 1);
        out.decoded(&"\n".repeat(empty), Span::new(base + at, base + next));
        return Some(next);
    }
    let (c, len) = match code {
        b'0' => ('\0', 2),
        b'a' => ('\u{7}', 2),
        b'b' => ('\u{8}', 2),
        b't' | b'\t' => ('\t', 2),
        b'n' => ('\n', 2),
        b'v' => ('\u{b}', 2),
        b'f' => ('\u{c}', 2),
        b'r' => ('\r', 2),
        b'e' => ('\u{1b}', 2),
        b' ' => (' ', 2),
        b'"' => ('"', 2),
        b'/' => ('/', 2),
        b'\\' => ('\\', 2),
        b'N' => ('\u{85}', 2),
        b'_' => ('\u{a0}', 2),
        b'L' => ('\u{2028}', 2),
        b'P' => ('\u{2029}', 2),
        b'x' => (hex(inner, at + 2, 2)?, 4),
        b'u' => (hex(inner, at + 2, 4)?, 6),
        b'U' => (hex(inner, at + 2, 8)?, 10),
        _ => return None,
    };
    let mut buf = [0; 4];
    out.decoded(
        c.encode_utf8(&mut buf),
        Span::new(base + at, base + at + len),
    );
    Some(at + len)
}

fn hex(inner: &str, at: usize, digits: usize) -> Option<char> {
    let text = inner.get(at..at + digits)?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(text, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `raw` at offset 0 and returns the text and the host bytes of `needle`.
    fn host_of(decoded: &Mapped, raw: &str, needle: &str) -> String {
        let at = decoded
            .text()
            .find(needle)
            .expect("needle in the decoded text");
        raw[decoded.host(at..at + needle.len()).range()].to_string()
    }

    #[test]
    fn single_quotes_fold_breaks_and_keep_quote_pairs() {
        let raw = "'{\n        \"rule-acton\": \"it''s\",\n\n   \"x\": 1}'";
        let m = single_quoted(raw, 0).unwrap();
        assert_eq!(m.text(), "{ \"rule-acton\": \"it's\",\n\"x\": 1}");
        assert_eq!(host_of(&m, raw, "\"rule-acton\""), "\"rule-acton\"");
        assert_eq!(host_of(&m, raw, "'"), "''");
        // The folded break stands for the break and the indentation after it.
        assert_eq!(host_of(&m, raw, "{ "), "{\n        ");
    }

    #[test]
    fn double_quotes_decode_escapes_and_joined_lines() {
        let raw = "\"{\\\"rule-acton\\\": \\u00e9 \\\n    x\"";
        let m = double_quoted(raw, 0).unwrap();
        assert_eq!(m.text(), "{\"rule-acton\": é x");
        assert_eq!(host_of(&m, raw, "\"rule-acton\""), "\\\"rule-acton\\\"");
        assert_eq!(host_of(&m, raw, "é"), "\\u00e9");
        assert_eq!(host_of(&m, raw, "x"), "x");
    }

    #[test]
    fn plain_scalars_fold_and_keep_inner_spaces() {
        let raw = "a  b\n   c";
        let m = plain(raw, 0).unwrap();
        assert_eq!(m.text(), "a  b c");
        assert_eq!(host_of(&m, raw, "c"), "c");
    }

    #[test]
    fn crlf_breaks_fold_like_lf() {
        let raw = "'a\r\n  b\r\n\r\n  c'";
        assert_eq!(single_quoted(raw, 0).unwrap().text(), "a b\nc");
    }
}

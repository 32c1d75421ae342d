//! A JSON string of a JSON template: the rules document escaped once more (`\"`, `\n`, `\\`,
//! `\uXXXX`). Each escape stands for its own bytes, so a label on `"rule-acton"` covers exactly
//! `\"rule-acton\"` in the template.

use crate::span::Span;

use super::super::mapped::Mapped;

pub(super) fn decode(raw: &str, start: usize) -> Option<Mapped> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let base = start + 1;
    let bytes = inner.as_bytes();
    let mut out = Mapped::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'\\')
                .map_or(bytes.len(), |n| i + n);
            out.verbatim(&inner[i..end], base + i);
            i = end;
            continue;
        }
        let (c, len) = match *bytes.get(i + 1)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => unicode(inner, i)?,
            _ => return None,
        };
        let mut buf = [0; 4];
        out.decoded(c.encode_utf8(&mut buf), Span::new(base + i, base + i + len));
        i += len;
    }
    Some(out)
}

/// `\uXXXX` at `at`, or a surrogate pair `\uD83D\uDE00`: the character and the escape's length.
fn unicode(inner: &str, at: usize) -> Option<(char, usize)> {
    let unit = |at: usize| u32::from_str_radix(inner.get(at + 2..at + 6)?, 16).ok();
    let first = unit(at)?;
    if (0xD800..0xDC00).contains(&first) {
        if inner.get(at + 6..at + 8)? != "\\u" {
            return None;
        }
        let second = unit(at + 6)?;
        if !(0xDC00..0xE000).contains(&second) {
            return None;
        }
        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        return Some((char::from_u32(code)?, 12));
    }
    Some((char::from_u32(first)?, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_onto_their_own_bytes() {
        let raw = r#""{\"rule-acton\": \"caf\u00e9 \ud83d\ude00\"}\n""#;
        let m = decode(raw, 0).unwrap();
        assert_eq!(m.text(), "{\"rule-acton\": \"café 😀\"}\n");
        let at = m.text().find("\"rule-acton\"").unwrap();
        let host = m.host(at..at + "\"rule-acton\"".len());
        assert_eq!(&raw[host.range()], r#"\"rule-acton\""#);
        let at = m.text().find('😀').unwrap();
        assert_eq!(&raw[m.host(at..at + 4).range()], r"\ud83d\ude00");
    }

    #[test]
    fn a_lone_surrogate_is_not_decoded() {
        assert!(decode(r#""\ud83d""#, 0).is_none());
    }
}

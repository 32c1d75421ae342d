//! Token productions of `grammar/json.ebnf`: whitespace, strings, numbers and literals.
//!
//! Each function is a nom parser over the remaining input. Errors are [`Fault`]s: positions are
//! kept as "how much input remained", and `Parser::span` turns them into byte spans.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser as _};

use super::fault::{Fault, FaultKind};

pub(super) type PResult<'a, O> = IResult<&'a str, O, Fault>;

/// `ws = { " " | "\t" | "\n" | "\r" }`
pub(super) fn ws(input: &str) -> &str {
    // A plain byte loop: whitespace runs are short and frequent, and the four characters are
    // ASCII, so the rest always starts on a character boundary.
    let len = input
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(input.len());
    &input[len..]
}

/// `string = '"' { unescaped | escape } '"'`
///
/// The input starts at the opening quote. The value is borrowed when the string has no escape.
pub(super) fn string(input: &str) -> PResult<'_, Cow<'_, str>> {
    let Some(body) = input.strip_prefix('"') else {
        return Err(nom::Err::Error(Fault::new(
            input,
            1,
            FaultKind::ExpectedKey,
        )));
    };
    let bytes = body.as_bytes();
    // Fast path: skip plain bytes eight at a time, then scan byte by byte for the closing quote;
    // any byte that needs work sends us to `escaped`.
    let mut i = plain_prefix(bytes);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return Ok((&body[i + 1..], Cow::Borrowed(&body[..i]))),
            b'\\' => return escaped(input, body, i),
            0x00..=0x1F => return Err(control_character(input, &body[i..])),
            _ => i += 1,
        }
    }
    Err(unterminated(input, &body[i..]))
}

/// How many leading bytes, in whole chunks of eight, hold no `"`, `\` or control character.
fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether any byte of `x` is zero, or (with `n` in place of one) below `n`: exact for "any",
    // which is all that is asked here.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0;
    let mut i = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_ne_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if below(x, 0x20) || below(x ^ (ONES * 0x22), 1) || below(x ^ (ONES * 0x5C), 1) {
            break;
        }
        i += 8;
    }
    i
}

/// The slow path of `string`: decode from the first backslash at `body[start]` on.
fn escaped<'a>(open: &'a str, body: &'a str, start: usize) -> PResult<'a, Cow<'a, str>> {
    let mut out = String::with_capacity(body.len().min(start + 64));
    out.push_str(&body[..start]);
    let mut rest = &body[start..];
    loop {
        // Copy the run up to the next byte that needs attention.
        let run = rest
            .bytes()
            .position(|b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        match rest.as_bytes().first() {
            None => return Err(unterminated(open, rest)),
            Some(b'"') => return Ok((&rest[1..], Cow::Owned(out))),
            Some(b'\\') => {
                let (after, ch) = escape(rest)?;
                out.push(ch);
                rest = after;
            }
            Some(_) => return Err(control_character(open, rest)),
        }
    }
}

/// `escape = "\" ( '"' | "\" | "/" | "b" | "f" | "n" | "r" | "t" | "u" hex4 )`, where a `\u` escape
/// of a high surrogate must be followed by one of a low surrogate.
fn escape(input: &str) -> PResult<'_, char> {
    let after = &input[1..];
    let simple = match after.as_bytes().first() {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(input),
        Some(_) => {
            let len = 1 + after.chars().next().map_or(0, char::len_utf8);
            return Err(nom::Err::Failure(Fault::new(
                input,
                len,
                FaultKind::InvalidEscape,
            )));
        }
        None => return Err(unterminated(input, after)),
    };
    Ok((&after[1..], simple))
}

/// `"\u" hex4`, joining a surrogate pair into one character.
fn unicode_escape(input: &str) -> PResult<'_, char> {
    let (rest, high) = hex4(input)?;
    match high {
        0xD800..=0xDBFF => {
            let paired = rest
                .starts_with("\\u")
                .then(|| hex4(rest).ok())
                .flatten()
                .filter(|(_, low)| (0xDC00..=0xDFFF).contains(low));
            match paired {
                Some((after, low)) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    // Always a valid scalar value: the pair covers exactly U+10000..=U+10FFFF.
                    let ch = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                    Ok((after, ch))
                }
                None => Err(nom::Err::Failure(Fault::new(
                    input,
                    6,
                    FaultKind::UnpairedSurrogate { high: true },
                ))),
            }
        }
        0xDC00..=0xDFFF => Err(nom::Err::Failure(Fault::new(
            input,
            6,
            FaultKind::UnpairedSurrogate { high: false },
        ))),
        // Every other 16-bit value is a scalar value.
        code => Ok((
            rest,
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        )),
    }
}

/// `hex4 = hex hex hex hex` after the `\u` at the start of `input`.
fn hex4(input: &str) -> PResult<'_, u32> {
    let digits = &input.as_bytes()[2..];
    let mut code = 0;
    for i in 0..4 {
        match digits.get(i).and_then(|&b| (b as char).to_digit(16)) {
            Some(d) => code = code * 16 + d,
            None => {
                // Label the escape up to and including the first bad character.
                let bad_len = input[2 + i..].chars().next().map_or(0, char::len_utf8);
                return Err(nom::Err::Failure(Fault::new(
                    input,
                    2 + i + bad_len,
                    FaultKind::InvalidUnicodeEscape,
                )));
            }
        }
    }
    Ok((&input[6..], code))
}

fn control_character(open: &str, at: &str) -> nom::Err<Fault> {
    let byte = at.as_bytes()[0];
    if byte == b'\n' || byte == b'\r' {
        // A raw line break in a string almost always means the closing quote is missing.
        return nom::Err::Failure(
            Fault::new(at, 1, FaultKind::UnterminatedString).related_to(open, 1),
        );
    }
    nom::Err::Failure(Fault::new(at, 1, FaultKind::ControlCharacter(byte)))
}

fn unterminated(open: &str, at: &str) -> nom::Err<Fault> {
    nom::Err::Failure(Fault::new(at, 0, FaultKind::UnterminatedString).related_to(open, 1))
}

/// `number = [ "-" ] int [ frac ] [ exp ]`
pub(super) fn number(input: &str) -> PResult<'_, &str> {
    recognize((opt(char('-')), int, opt(frac), opt(exp))).parse(input)
}

/// `int = "0" | digit19 { digit }`
fn int(input: &str) -> PResult<'_, &str> {
    match input.as_bytes().first() {
        Some(b'0') => match input.as_bytes().get(1) {
            Some(b'0'..=b'9') => Err(nom::Err::Failure(Fault::new(
                input,
                1,
                FaultKind::LeadingZero,
            ))),
            _ => Ok((&input[1..], &input[..1])),
        },
        Some(b'1'..=b'9') => digit1(input),
        _ => Err(nom::Err::Failure(Fault::found(
            input,
            FaultKind::Expected("a digit after `-`"),
        ))),
    }
}

/// `frac = "." digit { digit }`
fn frac(input: &str) -> PResult<'_, &str> {
    let (rest, _) = char('.').parse(input)?;
    digits_after(rest, "a digit after the decimal point")
}

/// `exp = ( "e" | "E" ) [ "+" | "-" ] digit { digit }`
fn exp(input: &str) -> PResult<'_, &str> {
    let (rest, _) = (one_of("eE"), opt(one_of("+-"))).parse(input)?;
    digits_after(rest, "a digit in the exponent")
}

fn digits_after<'a>(input: &'a str, what: &'static str) -> PResult<'a, &'a str> {
    digit1::<_, Fault>(input)
        .map_err(|_| nom::Err::Failure(Fault::found(input, FaultKind::Expected(what))))
}

/// `literal = "true" | "false" | "null"`; any other bare word is named in the error.
pub(super) fn literal(input: &str) -> PResult<'_, Literal> {
    let word_len = input
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric() && b != b'_')
        .unwrap_or(input.len());
    let word = &input[..word_len];
    let found: PResult<'_, Literal> = alt((
        tag("true").map(|_| Literal::True),
        tag("false").map(|_| Literal::False),
        tag("null").map(|_| Literal::Null),
    ))
    .parse(word);
    match found {
        Ok(("", literal)) => Ok((&input[word_len..], literal)),
        _ => Err(nom::Err::Failure(Fault::new(
            input,
            word_len.max(1),
            FaultKind::UnknownWord,
        ))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Literal {
    True,
    False,
    Null,
}

#[cfg(test)]
mod tests {
    use super::plain_prefix;

    /// The chunked scan stops at the chunk holding the first byte that needs work, for every
    /// byte value at every position.
    #[test]
    fn plain_prefix_stops_at_the_chunk_of_the_first_special_byte() {
        for special in 0..=255u8 {
            let needs_work = special < 0x20 || special == b'"' || special == b'\\';
            for at in 0..24 {
                let mut bytes = [b'a'; 24];
                bytes[at] = special;
                let expected = if needs_work { at / 8 * 8 } else { 24 };
                assert_eq!(plain_prefix(&bytes), expected, "byte {special:#x} at {at}");
            }
        }
        assert_eq!(
            plain_prefix(b"abcdefg"),
            0,
            "a short tail is left to the byte loop"
        );
    }
}

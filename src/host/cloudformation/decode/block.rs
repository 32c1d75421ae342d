//! Block scalars: literal `|` and folded `>` (YAML 1.2, 8.1).
//!
//! The raw bytes start at the indicator. Content lines lose their first `indent` spaces; a
//! literal keeps every line break, a folded scalar joins two neighbouring text lines with a
//! space unless either starts with white space (a more-indented line), and each empty line
//! between them is a `\n`. Chomping (`-` strip, none clip, `+` keep) decides the final breaks.

use crate::span::Span;

use super::super::mapped::Mapped;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// One line of the scalar's body.
struct Line {
    /// The content after the indentation, or `None` for an empty line.
    text: Option<Span>,
    /// The line break, empty when the input ends on this line.
    brk: Span,
}

pub(super) fn decode(raw: &str, start: usize, indent: usize, literal: bool) -> Option<Mapped> {
    let (chomp, body) = header(raw)?;
    let lines = lines(raw, body, indent)?;
    let mut out = Mapped::default();
    let last_text = lines.iter().rposition(|l| l.text.is_some());
    let Some(last_text) = last_text else {
        // Only empty lines: kept ones are line feeds.
        if chomp == Chomp::Keep {
            for line in &lines {
                push_break(&mut out, raw, start, line.brk);
            }
        }
        return Some(out);
    };
    let mut previous: Option<&Line> = None;
    let mut empty: Vec<&Line> = Vec::new();
    for line in &lines[..=last_text] {
        let Some(text) = line.text else {
            empty.push(line);
            continue;
        };
        match previous {
            None => {
                for e in &empty {
                    push_break(&mut out, raw, start, e.brk);
                }
            }
            Some(prev) => {
                let from = prev.brk.start;
                let folds = !literal && !spaced(raw, prev) && !spaced(raw, line);
                if literal {
                    push_break(&mut out, raw, start, prev.brk);
                    for e in &empty {
                        push_break(&mut out, raw, start, e.brk);
                    }
                } else {
                    let joined = match (folds, empty.len()) {
                        (true, 0) => " ".to_string(),
                        (true, n) => "\n".repeat(n),
                        (false, n) => "\n".repeat(n + 1),
                    };
                    out.decoded(&joined, Span::new(start + from, start + text.start));
                }
            }
        }
        empty.clear();
        out.verbatim(&raw[text.range()], start + text.start);
        previous = Some(line);
    }
    let last = &lines[last_text];
    match chomp {
        Chomp::Strip => {}
        Chomp::Clip => push_break(&mut out, raw, start, last.brk),
        Chomp::Keep => {
            push_break(&mut out, raw, start, last.brk);
            for line in &lines[last_text + 1..] {
                push_break(&mut out, raw, start, line.brk);
            }
        }
    }
    Some(out)
}

/// The chomping indicator and where the body starts (after the header line's break).
fn header(raw: &str) -> Option<(Chomp, usize)> {
    let bytes = raw.as_bytes();
    if !matches!(bytes.first(), Some(b'|' | b'>')) {
        return None;
    }
    let mut chomp = Chomp::Clip;
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'-' => chomp = Chomp::Strip,
            b'+' => chomp = Chomp::Keep,
            b'1'..=b'9' => {}
            _ => break,
        }
        i += 1;
    }
    let newline = bytes[i..].iter().position(|&b| b == b'\n')?;
    Some((chomp, i + newline + 1))
}

/// The body's lines. A last line without a break that holds only spaces is the indentation of
/// whatever follows the scalar, not part of it.
fn lines(raw: &str, body: usize, indent: usize) -> Option<Vec<Line>> {
    let bytes = raw.as_bytes();
    let mut lines = Vec::new();
    let mut at = body;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| at + n);
        let (content_end, brk) = if end == bytes.len() {
            (end, Span::at(end))
        } else if end > at && bytes[end - 1] == b'\r' {
            (end - 1, Span::new(end - 1, end + 1))
        } else {
            (end, Span::new(end, end + 1))
        };
        let line = &bytes[at..content_end];
        let spaces = line.iter().take_while(|&&b| b == b' ').count();
        let text = if spaces == line.len() && spaces <= indent {
            None
        } else if spaces >= indent {
            Some(Span::new(at + indent, content_end))
        } else {
            return None;
        };
        if text.is_none() && brk.is_empty() {
            break;
        }
        lines.push(Line { text, brk });
        at = brk.end.max(end);
    }
    Some(lines)
}

/// A line that starts with white space after the indentation: folding leaves its breaks alone.
fn spaced(raw: &str, line: &Line) -> bool {
    line.text
        .is_some_and(|t| matches!(raw.as_bytes().get(t.start), Some(b' ' | b'\t')))
}

fn push_break(out: &mut Mapped, raw: &str, start: usize, brk: Span) {
    let host = Span::new(start + brk.start, start + brk.end);
    if &raw[brk.range()] == "\n" {
        out.verbatim("\n", host.start);
    } else {
        out.decoded("\n", host);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host_of(m: &Mapped, raw: &str, needle: &str) -> String {
        let at = m.text().find(needle).expect("needle in the decoded text");
        raw[m.host(at..at + needle.len()).range()].to_string()
    }

    #[test]
    fn literal_keeps_lines_and_strips_indentation() {
        let raw = "|\n  {\n    \"rule-acton\": 1\n  }\n\n";
        let m = decode(raw, 0, 2, true).unwrap();
        assert_eq!(m.text(), "{\n  \"rule-acton\": 1\n}\n");
        assert_eq!(host_of(&m, raw, "\"rule-acton\""), "\"rule-acton\"");
        assert_eq!(host_of(&m, raw, "  \"rule"), "  \"rule");
    }

    #[test]
    fn chomping_strip_and_keep() {
        let raw = "|-\n  a\n\n";
        assert_eq!(decode(raw, 0, 2, true).unwrap().text(), "a");
        let raw = "|+\n  a\n\n";
        assert_eq!(decode(raw, 0, 2, true).unwrap().text(), "a\n\n");
    }

    #[test]
    fn folded_joins_text_lines_and_keeps_more_indented_ones() {
        let raw = ">-\n  { \"a\":\n  \"rule-acton\" }\n\n  x\n    y\n  z\n";
        let m = decode(raw, 0, 2, false).unwrap();
        assert_eq!(m.text(), "{ \"a\": \"rule-acton\" }\nx\n  y\nz");
        assert_eq!(host_of(&m, raw, "\"rule-acton\""), "\"rule-acton\"");
        // The space that joins two lines stands for the break and the indentation.
        assert_eq!(host_of(&m, raw, ": \""), ":\n  \"");
    }

    #[test]
    fn a_trailing_indentation_line_is_not_content() {
        let raw = ">\n  a\n  ";
        assert_eq!(decode(raw, 0, 2, false).unwrap().text(), "a\n");
    }
}

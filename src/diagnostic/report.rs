//! The bridge to miette: a diagnostic plus its source renders as a graphical report.

use std::borrow::Cow;
use std::fmt;

use miette::{LabeledSpan, MietteError, SourceCode, SourceSpan, SpanContents};

use super::visible::{escaped, is_hidden};
use super::{Diagnostic, Severity};
use crate::span::LineIndex;

/// The input a diagnostic points into, with the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    name: String,
    /// The input as given, or a copy fit for a terminal (see [`printable`]), byte for byte, so
    /// every span still points at the same place.
    text: Cow<'a, str>,
    lines: LineIndex,
}

impl<'a> SourceFile<'a> {
    /// The input `bytes`, shown under `name` (a path, or whatever names the input). For
    /// display, invalid UTF-8 and hidden characters become `?` byte for byte, so spans still
    /// point at the same places.
    pub fn new(name: impl Into<String>, bytes: &'a [u8]) -> Self {
        let text = printable(bytes);
        let lines = LineIndex::new(text.as_bytes());
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    /// 1-based line and character column of a byte offset, in time independent of the size.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.lines.line_column(self.text.as_bytes(), offset)
    }

    /// The name reports show for the input.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The input as shown: each hidden character (see [`is_hidden`]: control characters, which a
/// terminal would act on, and bidirectional marks and overrides) and each invalid UTF-8
/// sequence becomes one replacement character ([`replace`]), and a lone `\r` becomes `\n`,
/// so the lines shown are the lines an editor shows and that line numbers count. Tabs and line
/// breaks stay. Each replacement takes as many bytes as what it replaces, so spans still point
/// at the same bytes. The input is copied only when it needs one of them.
fn printable(bytes: &[u8]) -> Cow<'_, str> {
    let valid = std::str::from_utf8(bytes);
    // Whole chunks are tested without an early exit, so the test vectorises.
    let suspect = bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, &b| any | suspect_byte(b)))
        || lone_return(bytes);
    if let (Ok(text), false) = (valid, suspect) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        for (i, c) in valid.char_indices() {
            match c {
                '\t' | '\n' => out.push(c),
                // `\n` is always valid UTF-8, so a `\r\n` never spans two chunks.
                '\r' if valid[i + 1..].starts_with('\n') => out.push(c),
                '\r' => out.push('\n'),
                c if is_hidden(c) => replace(&mut out, c.len_utf8()),
                c => out.push(c),
            }
        }
        if !chunk.invalid().is_empty() {
            replace(&mut out, chunk.invalid().len());
        }
    }
    Cow::Owned(out)
}

/// One visible character in place of `len` bytes that cannot be shown: U+FFFD, the replacement
/// character, for three (the bidirectional marks and overrides, most invalid sequences); `¿`
/// for two (the C1 controls); `?` for one. No character of UTF-8 is one, two and three bytes
/// long at once, and the shown text must keep every byte where it was.
fn replace(out: &mut String, len: usize) {
    match len {
        3 => out.push('\u{FFFD}'),
        2 => out.push('\u{BF}'),
        // One `?` a byte otherwise; `Utf8Chunk::invalid` and a hidden character are at most
        // three bytes long, so this is one.
        _ => out.extend(std::iter::repeat_n('?', len)),
    }
}

/// A byte that may start a hidden character: a control character but tab and line breaks, DEL,
/// or the lead byte of the two-byte C1 controls and of the bidirectional marks and overrides.
/// Bytes of invalid UTF-8 are found by the UTF-8 check.
fn suspect_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)
}

/// Whether a `\r` is not followed by `\n`.
fn lone_return(bytes: &[u8]) -> bool {
    bytes.contains(&b'\r')
        && bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// Lines wider than this are not shown whole: a minified document is one line of megabytes.
const WIDE_LINE: usize = 240;
/// How much of a wide line to show on each side of the labelled bytes.
const MARGIN: usize = 60;

/// How far back to look for the lines before a span; a line longer than this is wide anyway.
const LOOK_BACK: usize = 4 * WIDE_LINE;

impl SourceCode for SourceFile<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let bytes = self.text.as_bytes();
        // miette finds lines by scanning from the start of what it is given; give it only the
        // input from a few lines before the span, so each report costs the same anywhere in a
        // large file.
        // One line more than the context needs: miette treats the line break just before a span
        // as part of what surrounds it, so it must see that break as it would in the whole input.
        if let Some(base) = context_start(bytes, span.offset(), context_lines_before + 1) {
            let relative = SourceSpan::new(
                (span.offset() - base).into(),
                span.len().min(bytes.len().saturating_sub(span.offset())),
            );
            let contents =
                bytes[base..].read_span(&relative, context_lines_before, context_lines_after)?;
            let data = contents.data();
            let widest = data.split(|&b| b == b'\n').map(<[u8]>::len).max();
            if widest.unwrap_or(0) <= WIDE_LINE {
                let base_line = self.line_column(base).0 - 1;
                return Ok(Box::new(Window {
                    name: &self.name,
                    data,
                    span: SourceSpan::new(
                        (contents.span().offset() + base).into(),
                        contents.span().len(),
                    ),
                    line: contents.line() + base_line,
                    // miette counts the column in bytes; shown in characters, as every other
                    // format counts it. Zero stays zero: miette reads it as "a line start".
                    column: match contents.column() {
                        0 => 0,
                        _ => self.line_column(span.offset()).1 - 1,
                    },
                    line_count: window_lines(data),
                }));
            }
        }
        // A wide line: show a window around the span instead, within the lines the span is on;
        // labels are placed by offset, so they still land under the right bytes.
        let span_end = (span.offset() + span.len()).min(bytes.len());
        let from = span.offset().min(bytes.len());
        let before = from.saturating_sub(MARGIN);
        let start = match bytes[before..from].iter().rposition(|&b| b == b'\n') {
            Some(i) => before + i + 1,
            None => window_edge(bytes, before),
        };
        let shown_end = span_end.min(from + WIDE_LINE);
        let after = (shown_end + MARGIN).min(bytes.len());
        let end = match bytes[shown_end..after].iter().position(|&b| b == b'\n') {
            // The line break stays out, `\r\n` whole (a span may end between its two bytes).
            Some(i) if shown_end + i > 0 && bytes[shown_end + i - 1] == b'\r' => shown_end + i - 1,
            Some(i) => shown_end + i,
            None => window_edge(bytes, after),
        };
        let end = end.max(start);
        let window = &bytes[start..end];
        let (line, column) = self.line_column(start);
        Ok(Box::new(Window {
            name: &self.name,
            data: window,
            span: SourceSpan::new(start.into(), window.len()),
            line: line - 1,
            column: column - 1,
            line_count: window_lines(window),
        }))
    }
}

/// What [`SourceFile::read_span`] returns: miette's own contents type, except that the name is
/// borrowed, not copied for every read (miette reads several times per report).
#[derive(Debug)]
struct Window<'a> {
    name: &'a str,
    data: &'a [u8],
    span: SourceSpan,
    line: usize,
    column: usize,
    line_count: usize,
}

impl<'a> SpanContents<'a> for Window<'a> {
    fn data(&self) -> &'a [u8] {
        self.data
    }

    fn span(&self) -> &SourceSpan {
        &self.span
    }

    fn name(&self) -> Option<&str> {
        Some(self.name)
    }

    fn line(&self) -> usize {
        self.line
    }

    fn column(&self) -> usize {
        self.column
    }

    fn line_count(&self) -> usize {
        self.line_count
    }
}

/// Labels whose windows are at most this many lines apart share one window; labels further
/// apart each get a window of their own, and the lines between are left out.
///
/// miette joins the windows of two labels when the first one's line plus its `line_count`
/// reaches the second one's line. Its own reader counts `line_count` from the start of the
/// input, so every window reaches every later label, and a finding whose labels are 60,000
/// lines apart prints the 60,000 lines between. Here `line_count` is the window's own lines plus
/// this slack: a gap of a few lines is shown rather than cut.
const JOIN_WITHIN: usize = 3;

/// What a window tells miette as its `line_count`: see [`JOIN_WITHIN`].
fn window_lines(window: &[u8]) -> usize {
    window.iter().filter(|&&b| b == b'\n').count() + 1 + JOIN_WITHIN
}

/// The start of the line `lines` lines above the one holding `offset`, or `None` when that is
/// more than [`LOOK_BACK`] bytes away (a wide line).
fn context_start(bytes: &[u8], offset: usize, lines: usize) -> Option<usize> {
    let offset = offset.min(bytes.len());
    let floor = offset.saturating_sub(LOOK_BACK);
    let mut newlines = 0;
    for at in (floor..offset).rev() {
        if bytes[at] == b'\n' {
            if newlines == lines {
                return Some(at + 1);
            }
            newlines += 1;
        }
    }
    (floor == 0).then_some(0)
}

/// Where a window of a wide line may start or end near `at`: at the start of a character, and
/// not between the two bytes of a `\r\n`, which would leave a bare `\r` for the terminal.
fn window_edge(bytes: &[u8], at: usize) -> usize {
    let at = char_start(bytes, at);
    if at > 0 && bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
        at - 1
    } else {
        at
    }
}

/// The start of the character that holds byte `at`.
fn char_start(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
        at -= 1;
    }
    at
}

/// A diagnostic with its source attached: give it to a miette handler to get the graphical
/// report, labels and all.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The finding.
    pub diagnostic: &'a Diagnostic,
    /// The input its spans point into.
    pub source: &'a SourceFile<'a>,
}

/// Shown with hidden characters escaped, as in the rendered report: messages quote the document.
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escaped(&self.diagnostic.message))
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_deref()
            .map(|h| Box::new(escaped(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(escaped(&d.primary.text).into_owned()),
            SourceSpan::from(d.primary.span),
        );
        let secondary = d.secondary.iter().map(|l| {
            LabeledSpan::new_with_span(
                Some(escaped(&l.text).into_owned()),
                SourceSpan::from(l.span),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An empty span at the start of a line, after a line of multi-byte characters.
    #[test]
    fn empty_span_at_a_line_start() {
        let bytes = " \u{e9}\u{e9}\n\u{e9}\u{e9}  \na\n".as_bytes();
        let span = SourceSpan::new(6.into(), 0);
        let file = SourceFile::new("t", bytes);
        let ours = file.read_span(&span, 0, 0).expect("in bounds");
        let theirs = bytes.read_span(&span, 0, 0).expect("in bounds");
        assert_eq!(ours.data(), theirs.data());
        assert_eq!(ours.span(), theirs.span());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        /// Reading from a few lines before the span gives miette exactly what reading the whole
        /// input as shown gives it, but for the column, in characters; and the line and column
        /// miette then names are those [`LineIndex`] counts in the input as given (lone `\r`s
        /// included).
        #[test]
        fn context_matches_a_whole_input_read(
            text in "([a-z\u{e9} \r\u{1b}]{0,30}\r?\n){0,40}[a-z]{0,10}\r?",
            at in any::<usize>(),
            len in 0usize..40,
            before in 0usize..3,
            after in 0usize..3,
        ) {
            let bytes = text.as_bytes();
            let start = at % (bytes.len() + 1);
            let start = char_start(bytes, start);
            let end = char_start(bytes, (start + len).min(bytes.len()));
            let span = SourceSpan::new(start.into(), end - start);
            let file = SourceFile::new("t", bytes);
            let ours = file.read_span(&span, before, after);
            let shown = printable(bytes);
            let theirs = shown.read_span(&span, before, after);
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => {
                    prop_assert_eq!(ours.data(), theirs.data());
                    prop_assert_eq!(ours.span(), theirs.span());
                    prop_assert_eq!(ours.line(), theirs.line());
                    // The column in characters where miette counts bytes; zero alike.
                    let (line, column) = crate::span::line_column(bytes, start);
                    match theirs.column() {
                        0 => prop_assert_eq!(ours.column(), 0),
                        _ => prop_assert_eq!(ours.column() + 1, column),
                    }
                    if before == 0 {
                        prop_assert_eq!(ours.line() + 1, line);
                    }
                }
                (ours, theirs) => prop_assert_eq!(ours.is_ok(), theirs.is_ok()),
            };
        }
    }

    /// A window of a wide line never splits a `\r\n`.
    #[test]
    fn wide_line_windows_keep_line_breaks_whole() {
        let text = format!("{{\"a\": \"{}\"}}\r\n{{}}\r\n", "x".repeat(400));
        let bytes = text.as_bytes();
        let file = SourceFile::new("t", bytes);
        for offset in 300..bytes.len() {
            for len in [0, 1, 5] {
                let span = SourceSpan::new(offset.into(), len.min(bytes.len() - offset));
                let Ok(read) = file.read_span(&span, 1, 1) else {
                    continue;
                };
                let data = read.data();
                let bare = data
                    .iter()
                    .enumerate()
                    .any(|(i, &b)| b == b'\r' && data.get(i + 1) != Some(&b'\n'));
                assert!(
                    !bare,
                    "a bare \\r at {offset}+{len}: {:?}",
                    String::from_utf8_lossy(data)
                );
            }
        }
    }

    #[test]
    fn printable_keeps_offsets() {
        let bytes = b"ab\xff\xfecd\xe2\x82";
        let fixed = printable(bytes);
        assert_eq!(fixed.len(), bytes.len());
        // `\xff`, `\xfe`: one invalid byte each; `\xe2\x82`: one cut-off sequence of two.
        assert_eq!(fixed, "ab??cd\u{bf}");
    }

    #[test]
    fn printable_shows_control_characters_and_lone_returns_safely() {
        let text = "a\u{1b}[31mb\u{7}\tc\r\nd\re\u{9b}f\u{e9}\u{202e}g\r";
        let fixed = printable(text.as_bytes());
        assert_eq!(fixed.len(), text.len());
        // One character each: the escape, the bell, the C1 control `\u{9b}`, and the
        // right-to-left override.
        assert_eq!(fixed, "a?[31mb?\tc\r\nd\ne\u{bf}f\u{e9}\u{fffd}g\n");
        assert!(matches!(
            printable(b"{\r\n\t\"\xc3\xa9\"\n}"),
            Cow::Borrowed(_)
        ));
    }
}

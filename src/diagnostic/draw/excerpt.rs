//! Which lines of the source a report shows, and which labels go under which line: what
//! miette's `render_snippets` works out through [`SourceFile`]'s `read_span`, computed from the
//! text directly, for reports whose labels each lie within one line.
//!
//! Any report this cannot place exactly as miette would is declined (`None`), and miette draws
//! it instead.

use std::borrow::Cow;
use std::ops::Range;

use crate::diagnostic::report::{context_start, lone_return, WIDE_LINE};
use crate::diagnostic::visible::escaped;
use crate::diagnostic::Report;

/// A label, placed.
#[derive(Debug)]
pub(super) struct Mark<'a> {
    pub start: usize,
    pub end: usize,
    /// Escaped, as the report gives it to miette.
    pub text: Cow<'a, str>,
    primary: bool,
    /// 0-based line of `start`.
    line: usize,
    /// The column of the label's vertical bar, once its underline is drawn.
    pub bar: usize,
}

/// One box of source lines with its labels.
#[derive(Debug)]
pub(super) struct Excerpt {
    /// The lines shown, their line breaks included.
    pub bytes: Range<usize>,
    /// 1-based numbers of the first and the last line shown.
    pub first: usize,
    pub last: usize,
    /// 1-based line and character column of the label the box's title points
    /// at: the primary one if it is in this box, else the first.
    pub line: usize,
    pub column: usize,
    /// miette's `line_count` of the last read: the line breaks from the start of the input to
    /// the end of the line after the last label (or of the input).
    through: usize,
    /// The labels in it, by index.
    marks: Range<usize>,
    /// Where the lines `read_span` looks at for the first label start (two above its own).
    base: usize,
}

/// Everything a report's source snippet needs, in order of offset.
#[derive(Debug)]
pub(super) struct Snippet<'a> {
    pub marks: Vec<Mark<'a>>,
    pub excerpts: Vec<Excerpt>,
}

impl<'a> Snippet<'a> {
    pub fn new(report: &Report<'a>) -> Option<Self> {
        let source = report.source;
        let text = source.text();
        let bytes = text.as_bytes();
        let mut marks: Vec<Mark<'a>> = report
            .diagnostic
            .labels()
            .enumerate()
            .map(|(i, label)| Mark {
                start: label.span.start,
                end: label.span.end,
                text: escaped(&label.text),
                primary: i == 0,
                line: 0,
                bar: 0,
            })
            .collect();
        // miette sorts the labels by offset with `sort_unstable_by_key`, which sorts up to 20
        // items by insertion, keeping labels at the same offset in the order given, as this
        // stable sort does. It tells labels apart by span and text, so two alike would both be
        // drawn as the first.
        marks.sort_by_key(|m| m.start);
        let tie = |i: usize, j: usize| marks[i].start == marks[j].start;
        if (1..marks.len()).any(|i| tie(i - 1, i))
            && (marks.len() > 20
                || (0..marks.len()).any(|i| {
                    (0..i).any(|j| {
                        tie(i, j) && marks[i].end == marks[j].end && marks[i].text == marks[j].text
                    })
                }))
        {
            return None;
        }

        let mut excerpts: Vec<Excerpt> = Vec::with_capacity(1);
        for (i, mark) in marks.iter_mut().enumerate() {
            let (start, end) = (mark.start, mark.end);
            // Within the input, on character boundaries; a label at the very end of the input is
            // on no line miette draws (it drops it).
            if start >= bytes.len()
                || end < start
                || end > bytes.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                return None;
            }
            // Within one line; and not just after a carriage return, where miette's reading
            // counts the line break differently.
            if bytes[start..end].iter().any(|&b| b == b'\n' || b == b'\r')
                || (start > 0 && bytes[start - 1] == b'\r')
            {
                return None;
            }
            // An empty label at a leading line break: miette reads one more line after it.
            if end == 0 && matches!(bytes[0], b'\n' | b'\r') {
                return None;
            }
            // `read_span` shows a window around the label when this is out of reach (a wide line).
            let base = context_start(bytes, start, 2)?;
            mark.line = source.line_column(start).0 - 1;

            // miette shows the label's line, the one before and the one after.
            let (breaks, shown_end, last) = match find_break(bytes, start) {
                None => (0, bytes.len(), mark.line),
                Some(at) => match find_break(bytes, at + 1) {
                    None => {
                        let more = usize::from(at + 1 < bytes.len());
                        (1, bytes.len(), mark.line + more)
                    }
                    Some(next) => (2, next + 1, mark.line + 1),
                },
            };
            let first = mark.line.saturating_sub(1);
            let through = mark.line + breaks;
            match excerpts.last_mut() {
                // miette's test for whether two labels' contexts overlap: the first line of the
                // last context plus its `line_count` (which counts from the start of the input).
                Some(last_excerpt) if last_excerpt.first - 1 + last_excerpt.through >= first => {
                    last_excerpt.marks.end = i + 1;
                    last_excerpt.bytes.end = shown_end;
                    last_excerpt.last = last + 1;
                    last_excerpt.through = through;
                }
                _ => {
                    let shown_start = if mark.line >= 2 {
                        find_break(bytes, base).map_or(0, |at| at + 1)
                    } else {
                        0
                    };
                    excerpts.push(Excerpt {
                        bytes: shown_start..shown_end,
                        first: first + 1,
                        last: last + 1,
                        line: 0,
                        column: 0,
                        through,
                        marks: i..i + 1,
                        base,
                    });
                }
            }
        }

        for excerpt in &mut excerpts {
            if !plain_lines(
                &bytes[excerpt.base..excerpt.bytes.end],
                excerpt.bytes.start - excerpt.base,
            ) {
                return None;
            }
            let marks = &marks[excerpt.marks.clone()];
            let title = marks.iter().position(|m| m.primary).unwrap_or(0);
            let mark = &marks[title];
            excerpt.line = mark.line + 1;
            // In characters, as `SourceFile::read_span` gives it to miette.
            excerpt.column = source.line_column(mark.start).1;
        }
        Some(Snippet { marks, excerpts })
    }
}

/// The first line break at or after `from`.
fn find_break(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|at| from + at)
}

/// Whether miette would show `bytes`' lines from `shown` on as they are, having counted lines
/// from the start of `bytes`: each at most [`WIDE_LINE`] bytes (else `read_span` windows them),
/// every carriage return followed by a line feed (miette counts a lone one as a line break when
/// reading and as text when drawing), and no escape character (miette's width count takes it for
/// the start of a colour). The text of a [`SourceFile`](crate::SourceFile) has neither of the
/// last two; were that to change, such reports would be declined rather than misdrawn.
fn plain_lines(bytes: &[u8], shown: usize) -> bool {
    // Looked for without stopping at the first, so the compiler checks many bytes at a time.
    let rare = bytes
        .iter()
        .fold(false, |found, &b| found | (b == b'\r') | (b == 0x1b));
    if rare && (lone_return(bytes) || bytes[shown..].contains(&0x1b)) {
        return false;
    }
    let shown = &bytes[shown..];
    shown.len() <= WIDE_LINE
        || shown
            .split(|&b| b == b'\n')
            .all(|line| line.len() <= WIDE_LINE)
}

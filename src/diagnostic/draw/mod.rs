//! Drawing a report straight into the output, byte for byte as miette's graphical handler draws
//! it, for the shape nearly every report has: each label within one line that is not wide.
//!
//! miette reads the source several times per report, splits what it read into lines, and
//! measures and formats every piece of every line; here the lines are found with a few scans of
//! the text and written out directly, which costs a fraction of that. Reports of any other shape
//! are declined, and [`Renderer`](super::Renderer) has miette draw them.

mod excerpt;
mod palette;
#[cfg(test)]
mod tests;

use miette::GraphicalTheme;
use unicode_width::UnicodeWidthChar;

use std::ops::Range;

use super::{Report, SourceFile};
use excerpt::{Excerpt, Mark, Snippet};
use palette::Palette;

/// Columns to the next tab stop are counted with miette's default tab width, which
/// [`Renderer`](super::Renderer) keeps.
const TAB_WIDTH: usize = 4;

/// Draws reports in one theme.
#[derive(Debug)]
pub(super) struct Draw {
    palette: Palette,
}

impl Draw {
    pub fn new(theme: &GraphicalTheme) -> Self {
        Draw {
            palette: Palette::new(theme),
        }
    }

    /// Appends `report`, its message and help already broken into lines, as miette's handler
    /// renders it without wrapping; `false`, with nothing written, when it has another shape.
    pub fn report(
        &self,
        out: &mut String,
        report: &Report<'_>,
        message: &str,
        help: Option<&str>,
    ) -> bool {
        if !self.palette.draws_labels() {
            return false;
        }
        let Some(Snippet {
            mut marks,
            excerpts,
        }) = Snippet::new(report)
        else {
            return false;
        };
        let p = &self.palette;
        let d = report.diagnostic;
        p.severity(d.severity).push(out, d.code.as_str());
        out.push_str("\n\n");
        p.message(d.severity).push(out, message);
        out.push('\n');
        for excerpt in &excerpts {
            self.excerpt(out, report.source, excerpt, &mut marks);
        }
        if let Some(help) = help {
            p.help.push(out, help);
            out.push('\n');
        }
        true
    }

    /// One box: its title, its lines with their labels, its bottom.
    fn excerpt(
        &self,
        out: &mut String,
        source: &SourceFile<'_>,
        excerpt: &Excerpt,
        marks: &mut [Mark<'_>],
    ) {
        let p = &self.palette;
        let chars = &p.chars;
        let width = digits(excerpt.last);

        spaces(out, width + 2);
        out.push(chars.ltop);
        out.push(chars.hbar);
        out.push('[');
        out.push_str(&p.link.on);
        out.push_str(source.name());
        out.push(':');
        push_number(out, excerpt.line);
        out.push(':');
        push_number(out, excerpt.column);
        out.push_str(&p.link.off);
        out.push_str("]\n");

        let mut offset = excerpt.bytes.start;
        // The labels are in order of offset, as the lines are: those on a line follow those on
        // the lines before.
        let mut next = 0;
        let lines = source.text()[excerpt.bytes.clone()].split_inclusive('\n');
        for (number, segment) in (excerpt.first..).zip(lines) {
            let content = segment
                .strip_suffix('\n')
                .map_or(segment, |s| s.strip_suffix('\r').unwrap_or(s));
            let end = offset + segment.len();

            out.push(' ');
            out.push_str(&p.linum.on);
            spaces(out, width - digits(number));
            push_number(out, number);
            out.push_str(&p.linum.off);
            out.push(' ');
            out.push(chars.vbar);
            out.push(' ');
            push_line(out, content);

            while next < marks.len() && marks[next].start < offset {
                next += 1;
            }
            let on_line = next..next + marks[next..].iter().take_while(|m| m.start < end).count();
            if !on_line.is_empty() {
                self.underlines(out, width, content, offset, marks, on_line.clone());
                for m in on_line.clone().rev() {
                    self.label(out, width, marks, on_line.clone(), m);
                }
            }
            next = on_line.end;
            offset = end;
        }

        spaces(out, width + 2);
        out.push(chars.lbot);
        repeat(out, chars.hbar, 4);
        out.push('\n');
    }

    /// The row under a line marking each label's bytes, with the tick its text hangs from.
    fn underlines(
        &self,
        out: &mut String,
        width: usize,
        content: &str,
        offset: usize,
        marks: &mut [Mark<'_>],
        on_line: Range<usize>,
    ) {
        let chars = &self.palette.chars;
        self.no_number(out, width);
        let mut highest = 0;
        for m in on_line {
            let mark = &mut marks[m];
            let start = columns(&content[..mark.start - offset]).max(highest);
            let end = if mark.start == mark.end {
                start + 1
            } else {
                columns(&content[..mark.end - offset]).max(start + 1)
            };
            let bar = (start + end) / 2;
            let paint = self.palette.highlight(m);
            out.push_str(&paint.on);
            spaces(out, start - highest);
            repeat(out, chars.underline, bar - start);
            out.push(if mark.start == mark.end {
                chars.uarrow
            } else {
                chars.underbar
            });
            repeat(out, chars.underline, end - bar - 1);
            out.push_str(&paint.off);
            highest = highest.max(end);
            mark.bar = bar;
        }
        out.push('\n');
    }

    /// The rows of one label's text, with the bars of the labels left of it.
    fn label(
        &self,
        out: &mut String,
        width: usize,
        marks: &[Mark<'_>],
        on_line: Range<usize>,
        m: usize,
    ) {
        let chars = &self.palette.chars;
        let paint = self.palette.highlight(m);
        let several = marks[m].text.contains('\n');
        for (row, part) in marks[m].text.split('\n').enumerate() {
            self.no_number(out, width);
            let mut column = 1;
            for o in on_line.clone() {
                let bar = marks[o].bar;
                if column < bar + 1 {
                    spaces(out, bar + 1 - column);
                    column = bar + 1;
                }
                if o != m {
                    self.palette.highlight(o).push_char(out, chars.vbar);
                    column += 1;
                    continue;
                }
                out.push_str(&paint.on);
                match (several, row) {
                    (false, _) => {
                        out.push(chars.lbot);
                        out.push(chars.hbar);
                        out.push(chars.hbar);
                    }
                    (true, 0) => {
                        out.push(chars.lbot);
                        out.push(chars.hbar);
                        out.push(chars.rcross);
                    }
                    (true, _) => {
                        out.push_str("  ");
                        out.push(chars.vbar);
                    }
                }
                out.push(' ');
                paint.push(out, part);
                out.push_str(&paint.off);
                out.push('\n');
                break;
            }
        }
    }

    /// The margin of a row under a line, where a line has its number.
    fn no_number(&self, out: &mut String, width: usize) {
        spaces(out, width + 2);
        out.push(self.palette.chars.vbar_break);
        out.push(' ');
    }
}

/// Appends a source line as miette writes it: tabs turned into spaces to the next tab stop.
fn push_line(out: &mut String, content: &str) {
    if !content.contains('\t') {
        out.push_str(content);
    } else {
        let mut column = 0;
        for c in content.chars() {
            let width = char_columns(c, column);
            column += width;
            if c == '\t' {
                spaces(out, width);
            } else {
                out.push(c);
            }
        }
    }
    out.push('\n');
}

/// How many columns miette gives `text` at the start of a line.
fn columns(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    text.chars()
        .fold(0, |column, c| column + char_columns(c, column))
}

/// The columns of `c` at `column`: to the next tab stop for a tab, else its Unicode width (none
/// for a control character).
fn char_columns(c: char, column: usize) -> usize {
    if c == '\t' {
        TAB_WIDTH - column % TAB_WIDTH
    } else {
        c.width().unwrap_or(0)
    }
}

fn digits(mut n: usize) -> usize {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

fn spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let run = n.min(SPACES.len());
        out.push_str(&SPACES[..run]);
        n -= run;
    }
}

fn repeat(out: &mut String, c: char, n: usize) {
    let mut buf = [0; 4];
    let c = c.encode_utf8(&mut buf);
    out.reserve(c.len() * n);
    for _ in 0..n {
        out.push_str(c);
    }
}

//! The bridge to miette: a diagnostic plus its source renders as a graphical report.

use std::borrow::Cow;
use std::fmt;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{Diagnostic, Severity};

/// The input a diagnostic points into, with the name to show for it.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    name: String,
    /// The input as given, or a copy with every byte of an invalid UTF-8 sequence replaced by `?`
    /// (one byte for one byte, so every span still points at the same place).
    bytes: Cow<'a, [u8]>,
}

impl<'a> SourceFile<'a> {
    pub fn new(name: impl Into<String>, bytes: &'a [u8]) -> Self {
        SourceFile {
            name: name.into(),
            bytes: printable(bytes),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

fn printable(bytes: &[u8]) -> Cow<'_, [u8]> {
    if std::str::from_utf8(bytes).is_ok() {
        return Cow::Borrowed(bytes);
    }
    let mut out = bytes.to_vec();
    let mut at = 0;
    while let Err(e) = std::str::from_utf8(&out[at..]) {
        let bad = at + e.valid_up_to();
        let len = e.error_len().unwrap_or(out.len() - bad);
        out[bad..bad + len].fill(b'?');
        at = bad + len;
    }
    Cow::Owned(out)
}

/// Lines wider than this are not shown whole: a minified document is one line of megabytes.
const WIDE_LINE: usize = 240;
/// How much of a wide line to show on each side of the labelled bytes.
const MARGIN: usize = 60;

impl SourceCode for SourceFile<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let bytes: &[u8] = &self.bytes;
        let contents = bytes.read_span(span, context_lines_before, context_lines_after)?;
        let data = contents.data();
        let widest = data.split(|&b| b == b'\n').map(<[u8]>::len).max();
        if widest.unwrap_or(0) <= WIDE_LINE {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                data,
                *contents.span(),
                contents.line(),
                contents.column(),
                contents.line_count(),
            )));
        }
        // Show a window around the span instead; labels are placed by offset, so they still
        // land under the right bytes.
        let span_end = span.offset() + span.len();
        let start = char_start(bytes, span.offset().saturating_sub(MARGIN));
        let end = char_start(
            bytes,
            (span_end.min(span.offset() + WIDE_LINE) + MARGIN).min(bytes.len()),
        );
        let window = &bytes[start..end];
        let (line, column) = crate::span::line_column(bytes, start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            window,
            SourceSpan::new(start.into(), window.len()),
            line - 1,
            column - 1,
            window.iter().filter(|&&b| b == b'\n').count() + 1,
        )))
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
    pub diagnostic: &'a Diagnostic,
    pub source: &'a SourceFile<'a>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
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
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(d.primary.text.clone()),
            SourceSpan::from(d.primary.span),
        );
        let secondary = d
            .secondary
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), SourceSpan::from(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_keeps_offsets() {
        let bytes = b"ab\xff\xfecd\xe2\x82";
        let fixed = printable(bytes);
        assert_eq!(fixed.len(), bytes.len());
        assert_eq!(&fixed[..], b"ab??cd??");
    }
}

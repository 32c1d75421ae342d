//! Graphical rendering of reports to text (the `render` feature).

use std::borrow::Cow;
use std::fmt;

use miette::{Diagnostic as _, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use textwrap::core::display_width;

use super::draw::Draw;
use super::visible::escaped;
use super::{Report, Severity};

/// How a human report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Text wraps at this many columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Renders a report as miette's graphical report: file, line and column, the source lines, the
/// labels under the exact bytes, the code and the help.
///
/// For more than one report, make a [`Renderer`] once and use it for all of them.
pub fn render(report: &Report<'_>, style: Style) -> String {
    Renderer::new(style).render(report)
}

/// Renders reports exactly as [`render`] does, with the setup done once.
///
/// miette breaks the message and the help into lines with Unicode line breaking, which costs
/// more than drawing the rest of the report. Nearly every message and help fits on its line, so
/// that work is skipped for them: the text is broken into lines here, with the same options,
/// only when it does not fit, and then drawn without wrapping, so the output is the same byte
/// for byte. The report itself is drawn directly when it has the usual shape (see
/// `diagnostic::draw`), else by a miette handler that does not wrap.
#[derive(Debug)]
pub struct Renderer {
    /// Draws the usual reports, with the message and the help as given.
    draw: Draw,
    /// Prints the message and the help as given, with miette's indents before each line.
    plain: GraphicalReportHandler,
    /// miette's own wrapping, for the rare text [`Renderer::prewrap`] cannot hand over.
    wrapping: GraphicalReportHandler,
    /// Columns miette wraps the message and the help at, indents included.
    width: usize,
    /// The indents miette puts before the lines of the message, by severity (as wide, in
    /// spaces: the wrapping depends only on their widths).
    message: [Indent; 3],
    /// The same for the help.
    help: Indent,
}

/// Spaces as wide as the indents of a wrapped text's first and following lines.
#[derive(Debug)]
struct Indent {
    first: String,
    rest: String,
}

impl Indent {
    fn new(first: &str, rest: &str) -> Self {
        Indent {
            first: " ".repeat(display_width(first)),
            rest: " ".repeat(display_width(rest)),
        }
    }
}

impl Renderer {
    pub fn new(style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // What miette writes before the message's lines (`render_causes`) and the help's
        // (`render_footer`); styles add only escape sequences, which have no width.
        let chars = &theme.characters;
        let rest = format!("  {} ", chars.vbar);
        let message = [&chars.advice, &chars.warning, &chars.error]
            .map(|icon| Indent::new(&format!("  {icon} "), &rest));
        let help = Indent::new("  help: ", "        ");
        let draw = Draw::new(&theme);
        let wrapping = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        Renderer {
            draw,
            plain: wrapping.clone().with_wrap_lines(false),
            wrapping,
            width: style.width.saturating_sub(2),
            message,
            help,
        }
    }

    pub fn render(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        self.render_into(&mut out, report);
        out
    }

    /// Appends the rendered report to `out`, so one buffer can serve many reports.
    pub fn render_into(&self, out: &mut String, report: &Report<'_>) {
        self.append(out, report);
    }

    /// [`Renderer::render_into`]; true when the report was drawn directly rather than by miette.
    fn append(&self, out: &mut String, report: &Report<'_>) -> bool {
        let d = report.diagnostic;
        // Escaped as the report shows them (see `Report`'s `Display`), then wrapped.
        let message = escaped(&d.message);
        let help = d.help.as_deref().map(escaped);
        let message = self.prewrap(&message, self.message_indent(d.severity));
        let help = match help.as_deref() {
            Some(help) => self.prewrap(help, &self.help).map(Some),
            None => Some(None),
        };
        // Causes and related diagnostics would be wrapped too; reports have none today.
        let simple = report.diagnostic_source().is_none()
            && std::error::Error::source(report).is_none()
            && report.related().is_none();
        // Writing into a String cannot fail.
        let _ = match (message, help) {
            (Some(message), Some(help)) if simple => {
                if self.draw.report(out, report, &message, help.as_deref()) {
                    return true;
                }
                self.plain.render_report(
                    out,
                    &Wrapped {
                        report,
                        message,
                        help,
                    },
                )
            }
            _ => self.wrapping.render_report(out, report),
        };
        false
    }

    /// Whether `report` is drawn directly rather than by miette.
    #[cfg(test)]
    pub(crate) fn draws_directly(&self, report: &Report<'_>) -> bool {
        self.append(&mut String::new(), report)
    }

    /// The report as miette's own handler renders it, wrapping and all: what
    /// [`Renderer::render`] must give.
    #[cfg(test)]
    pub(crate) fn miette(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        self.wrapping
            .render_report(&mut out, report)
            .expect("a String");
        out
    }

    fn message_indent(&self, severity: Severity) -> &Indent {
        &self.message[severity.index()]
    }

    /// `text` broken into lines as miette would break it after `indent`, without the indents;
    /// `None` when the non-wrapping handler would indent the result differently (a blank line).
    fn prewrap<'t>(&self, text: &'t str, indent: &Indent) -> Option<Cow<'t, str>> {
        let room = self
            .width
            .saturating_sub(indent.first.len().max(indent.rest.len()));
        if fits_on_a_line(text, room) {
            return Some(Cow::Borrowed(text));
        }
        // The options miette uses; only the indents' widths matter to where lines break.
        let options = textwrap::Options::new(self.width)
            .initial_indent(&indent.first)
            .subsequent_indent(&indent.rest)
            .break_words(true);
        let mut out = String::with_capacity(text.len());
        for (i, line) in textwrap::wrap(text, options).iter().enumerate() {
            let pad = if i == 0 { &indent.first } else { &indent.rest };
            let line = line.strip_prefix(pad.as_str())?;
            // textwrap keeps the indent of a blank line whole, miette's non-wrapping path trims it.
            if line.trim().is_empty() {
                return None;
            }
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
        Some(Cow::Owned(out))
    }
}

/// Whether textwrap would leave `text` as one line within `width` columns: no line breaks or
/// other control characters, no whitespace at either end (which it trims or keeps by rules of
/// its own), and narrow enough. Then its output is the text itself.
fn fits_on_a_line(text: &str, width: usize) -> bool {
    !text.is_empty()
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains(char::is_control)
        // No character is wider than its UTF-8 bytes, so a text that short needs no measuring.
        && (text.len() <= width || display_width(text) <= width)
}

/// A report with its message and help already broken into lines.
#[derive(Debug)]
struct Wrapped<'r> {
    report: &'r Report<'r>,
    message: Cow<'r, str>,
    help: Option<Cow<'r, str>>,
}

impl fmt::Display for Wrapped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Wrapped<'_> {}

impl miette::Diagnostic for Wrapped<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.report.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.report.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.report.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.report.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.report.labels()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic, Label, SourceFile};
    use crate::span::Span;

    /// Renders `message` and `help` both ways: miette wrapping them, and the renderer.
    fn both(
        message: &str,
        help: Option<&str>,
        severity: Severity,
        color: bool,
    ) -> (String, String) {
        let source = SourceFile::new("t.json", b"{\n  \"rules\": []\n}\n");
        let mut diagnostic = Diagnostic::error(
            Code::InvalidValue,
            message,
            Label::new(Span::new(4, 11), "here"),
        );
        diagnostic.severity = severity;
        diagnostic.help = help.map(String::from);
        let report = Report {
            diagnostic: &diagnostic,
            source: &source,
        };
        let style = Style { color, width: 60 };
        let renderer = Renderer::new(style);
        (renderer.miette(&report), renderer.render(&report))
    }

    #[test]
    fn prewrapped_text_renders_as_miette_wraps_it() {
        let long = "a `rule-action` of `include`, `exclude` or `explicit` (case-sensitive); \
                    see the docs at https://docs.aws.amazon.com/dms/latest/userguide/x.html";
        let texts = [
            "short",
            long,
            "客户 Ünïcode 表表表表表表表表表表表表表表表表表表表表表表表表表表表表表表表表表",
            "one\ntwo",
            "one\n\ntwo",
            " leading and trailing ",
            "tab\there",
            "a-very-long-hyphenated-identifier-that-cannot-fit-on-one-line-of-sixty-columns",
            "",
        ];
        for severity in [Severity::Error, Severity::Warning, Severity::Advice] {
            for color in [false, true] {
                for message in texts {
                    for help in texts.iter().copied().map(Some).chain([None]) {
                        let (theirs, ours) = both(message, help, severity, color);
                        assert_eq!(ours, theirs, "{message:?} / {help:?}");
                    }
                }
            }
        }
    }
}

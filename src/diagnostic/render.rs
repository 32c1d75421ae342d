//! Graphical rendering of reports to text (the `render` feature): miette draws them.

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::visible::is_hidden;
use super::Report;

/// How a human report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Draw with ANSI colours; off by default.
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

/// miette's graphical handler, set up once and used for every report of a run.
///
/// What is ours lives in [`Report`] and its source: hidden characters escaped, a window cut
/// around a wide (minified) line, the header's column counted in characters.
///
/// Breaking the message and the help into lines costs more than drawing the rest of a report,
/// and nearly every message and help fits on one line. A report whose texts surely fit goes to
/// a second handler that does not wrap, which then draws exactly what wrapping would: a line
/// that fits is left as it is.
#[derive(Debug)]
pub struct Renderer {
    handler: GraphicalReportHandler,
    /// The same handler without wrapping, for reports whose texts surely fit.
    unwrapped: GraphicalReportHandler,
    /// Bytes a message may have and surely fit on its line.
    message_room: usize,
    /// The same for a help.
    help_room: usize,
}

/// Columns miette leaves out of the width for the message: it wraps at two columns less than
/// the width, after an indent of `  ⚠ ` (any severity's icon is one column wide).
const MESSAGE_INDENT: usize = 2 + 4;
/// The same for the help, after `  help: `.
const HELP_INDENT: usize = 2 + 8;

impl Renderer {
    /// A handler that draws in `style`.
    pub fn new(style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        Renderer {
            unwrapped: handler.clone().with_wrap_lines(false),
            handler,
            message_room: style.width.saturating_sub(MESSAGE_INDENT),
            help_room: style.width.saturating_sub(HELP_INDENT),
        }
    }

    /// The report drawn as text.
    pub fn render(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        self.render_into(&mut out, report);
        out
    }

    /// Appends the rendered report to `out`, so one buffer can serve many reports.
    pub fn render_into(&self, out: &mut String, report: &Report<'_>) {
        // Writing into a String cannot fail, and miette fails only on a span outside the
        // source, which `SourceFile` clamps.
        let d = report.diagnostic;
        let fits = fits(&d.message, self.message_room)
            && d.help.as_deref().is_none_or(|h| fits(h, self.help_room));
        let handler = if fits { &self.unwrapped } else { &self.handler };
        let _ = handler.render_report(out, report);
    }
}

/// Whether `text` surely stays one line when wrapped in `room` columns: no line break or other
/// character that is escaped when shown, no space at either end (which wrapping trims), and no
/// wider than the room. No character is wider on screen than its bytes, so the byte length
/// bounds the width without measuring it.
fn fits(text: &str, room: usize) -> bool {
    !text.is_empty()
        && text.len() <= room
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.chars().any(is_hidden)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic, Label, Severity, SourceFile};
    use crate::span::Span;

    /// Every text the renderer draws without wrapping comes out as miette's wrapping handler
    /// draws it, in every severity, with and without colour.
    #[test]
    fn texts_that_fit_are_drawn_as_wrapping_draws_them() {
        let source = SourceFile::new("t.json", b"{\n  \"rules\": []\n}\n");
        let texts = [
            "short",
            "a `rule-action` of `include`, `exclude` or `explicit` (case-sensitive); see the guide",
            "客户 Ünïcode 表表表表表表表表表表表表表表表表表表表表表表表表表表表表表",
            "a-very-long-hyphenated-identifier-that-still-fits-in-the-room-of-eighty-c",
            "x",
        ];
        for width in [40, 60, 100] {
            // Words up to the rooms' edges, and one column past them.
            let edges: Vec<String> = [MESSAGE_INDENT, HELP_INDENT]
                .into_iter()
                .flat_map(|indent| [width - indent - 1, width - indent, width - indent + 1])
                .flat_map(|len| {
                    let mut words: String = "word ".repeat(len).chars().take(len - 1).collect();
                    words.push('x');
                    let wide = "表表 "
                        .repeat(len)
                        .chars()
                        .take(len / 3)
                        .collect::<String>();
                    [words, wide]
                })
                .collect();
            let texts: Vec<&str> = texts
                .iter()
                .copied()
                .chain(edges.iter().map(String::as_str))
                .collect();
            for color in [false, true] {
                let renderer = Renderer::new(Style { color, width });
                for severity in [Severity::Error, Severity::Warning, Severity::Advice] {
                    for &message in &texts {
                        for help in texts.iter().copied().map(Some).chain([None]) {
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
                            let mut wrapped = String::new();
                            let _ = renderer.handler.render_report(&mut wrapped, &report);
                            assert_eq!(
                                renderer.render(&report),
                                wrapped,
                                "{width} {message:?} / {help:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// A document of `lines` numbered lines, `"line N",`.
    fn numbered(lines: usize) -> String {
        (1..=lines).map(|n| format!("  \"line {n}\",\n")).collect()
    }

    /// The span of the text `line N` on line `n` of [`numbered`].
    fn on_line(text: &str, n: usize) -> Span {
        let needle = format!("\"line {n}\"");
        let start = text.find(&needle).expect("the line");
        Span::new(start, start + needle.len())
    }

    fn two_labels(text: &str, primary: usize, secondary: usize) -> String {
        let source = SourceFile::new("t.json", text.as_bytes());
        let diagnostic = Diagnostic::warning(
            Code::ConflictingTransformation,
            "far apart",
            Label::new(on_line(text, primary), "not applied"),
        )
        .with_label(Label::new(on_line(text, secondary), "applied instead"));
        render(
            &Report {
                diagnostic: &diagnostic,
                source: &source,
            },
            Style::default(),
        )
    }

    /// Labels thousands of lines apart: each in its own window with a line of context, the
    /// lines between left out, in either order.
    #[test]
    fn labels_far_apart_get_a_window_each() {
        let text = numbered(9000);
        for (primary, secondary) in [(8000, 12), (12, 8000)] {
            let shown = two_labels(&text, primary, secondary);
            assert!(shown.lines().count() <= 20, "{shown}");
            for n in [11, 12, 13, 7999, 8000, 8001] {
                assert!(
                    shown.contains(&format!("\"line {n}\"")),
                    "line {n}: {shown}"
                );
            }
            for n in [10, 14, 4000, 7998, 8002] {
                assert!(
                    !shown.contains(&format!("\"line {n}\"")),
                    "line {n}: {shown}"
                );
            }
            // A header for each window, the later one at its own label.
            assert!(shown.contains("[t.json:12:3]"), "{shown}");
            assert!(shown.contains("[t.json:8000:3]"), "{shown}");
        }
    }

    /// Labels a few lines apart share one window, the lines between shown.
    #[test]
    fn labels_close_together_share_a_window() {
        let text = numbered(100);
        let shown = two_labels(&text, 50, 44);
        assert_eq!(shown.matches("[t.json:").count(), 1, "{shown}");
        for n in 43..=51 {
            assert!(
                shown.contains(&format!("\"line {n}\"")),
                "line {n}: {shown}"
            );
        }
        let shown = two_labels(&text, 50, 30);
        assert_eq!(shown.matches("[t.json:").count(), 2, "{shown}");
    }
}

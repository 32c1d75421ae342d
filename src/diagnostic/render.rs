//! Graphical rendering of reports to text (the `render` feature): miette draws them.

use miette::{GraphicalReportHandler, GraphicalTheme};

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

/// One miette handler, set up once and used for every report of a run.
///
/// What is ours lives in [`Report`] and its source: hidden characters escaped, a window cut
/// around a wide (minified) line, the header's column counted in characters.
#[derive(Debug)]
pub struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    /// A handler that draws in `style`.
    pub fn new(style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Renderer {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(style.width)
                .with_links(false),
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
        let _ = self.handler.render_report(out, report);
    }
}

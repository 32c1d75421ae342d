//! Graphical rendering of reports to text (the `render` feature).

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::Report;

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
pub fn render(report: &Report<'_>, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = handler.render_report(&mut out, report);
    out
}

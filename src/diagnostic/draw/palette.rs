//! The theme's drawing characters and escape sequences, as strings ready to append.

use std::fmt;

use miette::{GraphicalTheme, ThemeCharacters};

use crate::diagnostic::Severity;

/// The escape sequences a style puts around text (both empty for no style).
#[derive(Debug)]
pub(super) struct Paint {
    pub on: String,
    pub off: String,
}

impl Paint {
    /// Splits what a style writes around a marker, so the output is the style's own, whatever it is.
    fn of(styled: impl fmt::Display) -> Self {
        let styled = styled.to_string();
        let (on, off) = styled.split_once(MARKER).unwrap_or((&styled, ""));
        Paint {
            on: on.to_string(),
            off: off.to_string(),
        }
    }

    /// Appends `text` in this style.
    pub fn push(&self, out: &mut String, text: &str) {
        out.push_str(&self.on);
        out.push_str(text);
        out.push_str(&self.off);
    }

    pub fn push_char(&self, out: &mut String, c: char) {
        out.push_str(&self.on);
        out.push(c);
        out.push_str(&self.off);
    }
}

const MARKER: char = '\0';

/// What goes before each line of an indented text, as miette writes it: the first line's and the
/// following lines' indents, and the same trimmed for a blank line.
#[derive(Debug)]
pub(super) struct Indents {
    first: String,
    rest: String,
}

impl Indents {
    fn new(first: String, rest: String) -> Self {
        Indents { first, rest }
    }

    /// Appends `text` with its lines indented, as miette's handler does when it does not wrap.
    pub fn push(&self, out: &mut String, text: &str) {
        for (i, line) in text.split_terminator('\n').enumerate() {
            let indent = if i == 0 {
                &self.first
            } else {
                out.push('\n');
                &self.rest
            };
            if line.trim().is_empty() {
                out.push_str(indent.trim_end());
            } else {
                out.push_str(indent);
            }
            out.push_str(line);
        }
        if text.ends_with('\n') {
            out.push('\n');
        }
    }
}

/// Everything of a theme the drawing needs.
#[derive(Debug)]
pub(super) struct Palette {
    pub chars: ThemeCharacters,
    /// By severity: advice, warning, error.
    severity: [Paint; 3],
    /// The indents of the message, by severity.
    message: [Indents; 3],
    pub help: Indents,
    pub link: Paint,
    pub linum: Paint,
    /// The labels' styles, taken in turn by the labels in order of offset.
    highlights: Vec<Paint>,
}

impl Palette {
    pub fn new(theme: &GraphicalTheme) -> Self {
        let styles = &theme.styles;
        let chars = theme.characters.clone();
        let severity =
            [styles.advice, styles.warning, styles.error].map(|s| Paint::of(s.style(MARKER)));
        let icons = [&chars.advice, &chars.warning, &chars.error];
        let message = [0, 1, 2].map(|i| {
            let paint = &severity[i];
            Indents::new(
                format!("  {}{}{} ", paint.on, icons[i], paint.off),
                format!("  {}{}{} ", paint.on, chars.vbar, paint.off),
            )
        });
        let help = Paint::of(styles.help.style(MARKER));
        Palette {
            severity,
            message,
            help: Indents::new(format!("{}  help: {}", help.on, help.off), " ".repeat(8)),
            link: Paint::of(styles.link.style(MARKER)),
            linum: Paint::of(styles.linum.style(MARKER)),
            highlights: styles
                .highlights
                .iter()
                .map(|s| Paint::of(s.style(MARKER)))
                .collect(),
            chars,
        }
    }

    pub fn severity(&self, severity: Severity) -> &Paint {
        &self.severity[severity.index()]
    }

    pub fn message(&self, severity: Severity) -> &Indents {
        &self.message[severity.index()]
    }

    /// Whether labels get drawn at all: miette pairs the labels with the styles, so with no
    /// styles it draws none.
    pub fn draws_labels(&self) -> bool {
        !self.highlights.is_empty()
    }

    /// The style of the `n`th label in order of offset (given [`Palette::draws_labels`]).
    pub fn highlight(&self, n: usize) -> &Paint {
        &self.highlights[n % self.highlights.len()]
    }
}

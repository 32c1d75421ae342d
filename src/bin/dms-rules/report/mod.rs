//! The formats findings are printed in, shared by the commands: `lint` prints a run in any of
//! them, `explain` and `send` print theirs with [`human`] and [`json`]. Every format is handed
//! the same [`FileReport`]s, in the order the library gives the diagnostics (document order),
//! so what one format says about a file another cannot contradict.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;

use dms_rules::span::LineIndex;
use dms_rules::{Checked, Diagnostic, Severity};

/// One document that was read and checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileReport<'a> {
    /// The path as given on the command line, or the name given to standard input.
    pub name: &'a str,
    pub checked: &'a Checked<'a>,
    /// Line starts of the source, so positions cost the same anywhere in a large file.
    pub lines: &'a LineIndex,
}

impl<'a> FileReport<'a> {
    /// The line starts `checked` needs for its positions; a file without findings needs none
    /// and costs no index.
    pub(crate) fn line_index(checked: &Checked<'_>) -> LineIndex {
        if checked.diagnostics().is_empty() {
            LineIndex::new(&[])
        } else {
            LineIndex::new(checked.source())
        }
    }

    pub(crate) fn diagnostics(&self) -> &'a [Diagnostic] {
        self.checked.diagnostics()
    }

    /// Where a byte offset sits, as editors count: 1-based line and character column.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let (line, column) = self.lines.line_column(self.checked.source(), offset);
        Position { line, column }
    }
}

/// The message, then `help: …` on a line of its own: the whole text of a finding, for formats
/// that give it one text.
pub(crate) fn message_with_help(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

/// Findings by severity across every checked file: the summary line and the exit status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

impl Counts {
    pub(crate) fn of(files: &[FileReport<'_>]) -> Counts {
        let mut counts = Counts {
            files: files.len(),
            ..Counts::default()
        };
        for diagnostic in files.iter().flat_map(FileReport::diagnostics) {
            match diagnostic.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Advice => counts.advice += 1,
            }
        }
        counts
    }
}

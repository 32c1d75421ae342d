//! The formats findings are printed in, shared by the commands: `lint` prints a run in any of
//! them, `explain` and `send` print theirs with [`human`] and [`json`]. Every format is handed
//! the same [`FileReport`]s, in the order the library gives the diagnostics (document order),
//! so what one format says about a file another cannot contradict.

pub(crate) mod checkstyle;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod once;
pub(crate) mod sarif;
mod xml;

use std::borrow::Cow;

use std::path::Path;

use dms_rules::config::{self, comment::Comments, Config, RuleMarks, Suppressed};
use dms_rules::host::Format;
use dms_rules::span::LineIndex;
use dms_rules::{Checked, Diagnostic, Dialect, Severity, Span};

/// One file as the formats show it: its text, the documents it holds, and every finding that
/// points into it.
#[derive(Debug)]
pub(crate) struct FileReport<'a> {
    /// The path as given on the command line (or found under a directory given there), or the
    /// name given to standard input.
    pub name: Cow<'a, str>,
    /// The file's bytes exactly as read.
    pub source: &'a [u8],
    /// The dialect its documents were checked in, when they share one.
    pub dialect: Option<Dialect>,
    /// The rules documents in the file: the file itself for a rules document, each DMS
    /// resource's mapping for a host file.
    pub documents: Vec<DocumentReport>,
    /// In document order.
    pub diagnostics: Cow<'a, [Diagnostic]>,
    /// For each diagnostic, the document it is about (an index into `documents`); `None` for a
    /// finding about the host file itself.
    pub document_of: Vec<Option<usize>>,
    /// Line starts of the source, so positions cost the same anywhere in a large file.
    pub lines: LineIndex,
    /// The rules of its documents, for suppressions that name a rule: borrowed where one
    /// document's are (a rules document has one a rule, and copying them costs allocations).
    pub rules: Cow<'a, RuleMarks>,
    /// The host format, for a host file: where suppression comments are read.
    pub host: Option<Format>,
    /// The findings its configuration or comments suppress (see [`FileReport::settle`]).
    pub suppressed: Vec<Suppressed>,
    /// The configuration file that applied to it, as reports show its path.
    pub config: Option<String>,
}

/// A rules document within a file.
#[derive(Debug, Clone)]
pub(crate) struct DocumentReport {
    /// The resource that holds it in a host file: a Terraform address or a CloudFormation
    /// logical id; `None` for a rules document.
    pub resource: Option<String>,
    /// `table_mappings`, `TableMappings`; `None` for a rules document.
    pub attribute: Option<String>,
    /// `None` when the document was not read (not statically known, or not a rules document).
    pub dialect: Option<Dialect>,
    /// The file whose bytes hold the document's text, when it is another file than this one
    /// (a host file's `file()`).
    pub held_in: Option<String>,
    /// The host file that reads this document, when this file is read by one.
    pub read_by: Option<String>,
    /// Every resource of a host file that reads this document, when this file is read by
    /// some: a JSON file read by three tasks is one document read three times.
    pub readers: Vec<Reader>,
    /// The document's bytes in this file: the attribute's value in a host file, the whole file
    /// otherwise (or the bytes of the value that holds it, such as a variable default).
    pub span: Span,
    /// The file that holds the document's text (canonical) and the bytes of it there: the
    /// same document reached twice (read by two tasks, and found again by walking its
    /// folder) is the same key. `None` when the document was not read or has no path.
    pub key: Option<(std::path::PathBuf, Span)>,
    /// The engines and migration type the document was checked with, and where each came
    /// from.
    pub applies: crate::settings::Applies,
}

/// A resource of a host file that reads a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reader {
    /// The host file, as reports name it.
    pub path: String,
    /// Its resource (or module argument) that reads the document.
    pub resource: String,
}

impl<'a> FileReport<'a> {
    /// A rules document and what `check` or `lint` found in it.
    pub(crate) fn rules(name: &'a str, checked: &'a Checked<'a>) -> Self {
        let source = checked.source();
        let diagnostics = checked.diagnostics();
        FileReport {
            name: Cow::Borrowed(name),
            source,
            dialect: checked.dialect(),
            documents: vec![DocumentReport {
                resource: None,
                attribute: None,
                dialect: checked.dialect(),
                held_in: None,
                read_by: None,
                readers: Vec::new(),
                span: Span::new(0, source.len()),
                key: None,
                applies: Default::default(),
            }],
            document_of: vec![Some(0); diagnostics.len()],
            diagnostics: Cow::Borrowed(diagnostics),
            lines: Self::line_index(source, diagnostics),
            rules: Cow::Borrowed(checked.rules()),
            host: None,
            suppressed: Vec::new(),
            config: None,
        }
    }

    /// A configuration file and the problems found in it.
    pub(crate) fn config(name: &'a str, source: &'a [u8], problems: Vec<Diagnostic>) -> Self {
        FileReport {
            name: Cow::Borrowed(name),
            source,
            dialect: None,
            documents: Vec::new(),
            document_of: vec![None; problems.len()],
            lines: Self::line_index(source, &problems),
            diagnostics: Cow::Owned(problems),
            rules: Cow::Owned(RuleMarks::new()),
            host: None,
            suppressed: Vec::new(),
            config: None,
        }
    }

    /// Applies the configuration (`None`: none applies) and the file's suppression comments to
    /// its findings (see [`config::settle`]); `path` is where the file is, `None` for standard
    /// input without a name. Returns the configuration's suppressions that match the file and
    /// whether each silenced a finding.
    pub(crate) fn settle(
        &mut self,
        config: Option<&Config>,
        path: Option<&Path>,
    ) -> Vec<(usize, bool)> {
        let comments = match self.host {
            Some(format) => {
                let spans: Vec<Span> = self.documents.iter().map(|d| d.span).collect();
                Comments::scan(self.source, format.comment_markers(), &spans)
            }
            None => Comments::default(),
        };
        if config.is_none() && comments.is_empty() {
            return Vec::new();
        }
        let findings = self.diagnostics.to_vec();
        let settled = config::settle(config, path, findings, &self.rules, &comments);
        self.document_of = settled
            .findings
            .iter()
            .map(|d| self.document_at(d.primary.span))
            .collect();
        self.lines = Self::line_index(self.source, &settled.findings);
        self.diagnostics = Cow::Owned(settled.findings);
        self.suppressed = settled.suppressed;
        settled.suppressions
    }

    /// The document whose bytes hold `span`: the one a finding there is about.
    fn document_at(&self, span: Span) -> Option<usize> {
        self.documents
            .iter()
            .position(|d| d.span.start <= span.start && span.end <= d.span.end)
    }

    /// The line starts `source` needs for the positions of `diagnostics`; a file without
    /// findings needs none and costs no index.
    pub(crate) fn line_index(source: &[u8], diagnostics: &[Diagnostic]) -> LineIndex {
        if diagnostics.is_empty() {
            LineIndex::new(&[])
        } else {
            LineIndex::new(source)
        }
    }

    pub(crate) fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Keeps only the findings `keep` accepts (with the documents they are about).
    pub(crate) fn retain(&mut self, keep: impl Fn(&Diagnostic) -> bool) {
        if self.diagnostics.iter().all(&keep) {
            return;
        }
        let (diagnostics, document_of): (Vec<Diagnostic>, Vec<Option<usize>>) = self
            .diagnostics
            .iter()
            .zip(&self.document_of)
            .filter(|(d, _)| keep(d))
            .map(|(d, &of)| (d.clone(), of))
            .unzip();
        self.diagnostics = Cow::Owned(diagnostics);
        self.document_of = document_of;
    }

    /// Where a byte offset sits, as editors count: 1-based line and character column.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let (line, column) = self.lines.line_column(self.source, offset);
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

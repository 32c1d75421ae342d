//! What the pipeline hands back: the findings, the typed rules when kept, and the proof that a
//! document has no error.

use crate::ast::Document;
use crate::config::RuleMarks;
use crate::diagnostic::{self, Diagnostic, Report, SourceFile};
use crate::options::{Dialect, Options};

/// The outcome of [`check`](crate::check) or [`lint`](crate::lint): every diagnostic, and (from
/// [`check`](crate::check)) the typed rules when the input was a rules document. The JSON tree is
/// not kept: each rule's part of it is dropped once lowered.
#[derive(Debug)]
pub struct Checked<'a> {
    source: &'a [u8],
    document: Option<Document<'a>>,
    dialect: Option<Dialect>,
    diagnostics: Vec<Diagnostic>,
    rules: RuleMarks,
}

impl<'a> Checked<'a> {
    pub(crate) fn new(
        source: &'a [u8],
        document: Option<Document<'a>>,
        dialect: Option<Dialect>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Checked {
            source,
            document,
            dialect,
            diagnostics,
            rules: RuleMarks::new(),
        }
    }

    pub(crate) fn set_rules(&mut self, rules: RuleMarks) {
        self.rules = rules;
    }

    pub(crate) fn take_rules(&mut self) -> RuleMarks {
        std::mem::take(&mut self.rules)
    }

    /// Every rule's bytes, `rule-id` and `rule-name`, as far as they could be read, in the
    /// file the diagnostics point into: what a configuration's suppressions by rule are
    /// matched against ([`config::settle`](crate::config::settle())). Kept by
    /// [`lint`](crate::lint) too: a few bytes a rule.
    pub fn rules(&self) -> &RuleMarks {
        &self.rules
    }

    pub(crate) fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    pub(crate) fn set_diagnostics(&mut self, diagnostics: Vec<Diagnostic>) {
        self.diagnostics = diagnostics;
    }

    /// The outcome for an input of `len` bytes that was not read because it is larger than
    /// `options.max_input_len`: one `dms::input_too_large` finding. Lets a caller refuse a huge
    /// file from its size alone.
    pub fn too_large(len: u64, options: &Options) -> Checked<'static> {
        Checked {
            source: &[],
            document: None,
            dialect: None,
            diagnostics: vec![diagnostic::input_too_large(len, options.max_input_len)],
            rules: RuleMarks::new(),
        }
    }

    /// Adds findings made outside [`check`](crate::check), such as rules that match nothing in a
    /// catalog. Errors count too: a catalog can show that rules which read well cannot work
    /// (two source tables onto one target table), and such a document no longer
    /// [validates](Self::validated).
    pub fn add_findings(&mut self, findings: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(findings);
        diagnostic::order(&mut self.diagnostics);
    }

    /// The input exactly as given; for a mapping from a host file, the document decoded from
    /// it (what DMS would receive), while the diagnostics point into the host file.
    pub fn source(&self) -> &'a [u8] {
        self.source
    }

    /// The typed rules, when the input was a rules document and [`check`](crate::check) made
    /// this (never [`lint`](crate::lint)). Rules with errors are in it too, as far as they could
    /// be read.
    pub fn document(&self) -> Option<&Document<'a>> {
        self.document.as_ref()
    }

    /// The dialect the document was checked in: the one asked for, or the one detected. `None`
    /// when the input never got as far as a rules array.
    pub fn dialect(&self) -> Option<Dialect> {
        self.dialect
    }

    /// The rules, proven free of errors: the only way to obtain [`ValidatedRules`].
    pub fn validated(&self) -> Option<ValidatedRules<'a>> {
        if self.has_errors() {
            return None;
        }
        let text = std::str::from_utf8(self.source).ok()?;
        Some(ValidatedRules {
            text,
            dialect: self.dialect?,
        })
    }

    /// All findings, in document order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic with the source attached, ready for a miette handler.
    pub fn reports<'b>(&'b self, file: &'b SourceFile<'b>) -> impl Iterator<Item = Report<'b>> {
        self.diagnostics.iter().map(move |diagnostic| Report {
            diagnostic,
            source: file,
        })
    }
}

/// A rules document with no error-severity diagnostic. Only [`Checked::validated`] makes one,
/// so code that takes `&ValidatedRules` (such as the sender) cannot be handed unchecked rules.
#[derive(Debug, Clone, Copy)]
pub struct ValidatedRules<'a> {
    text: &'a str,
    dialect: Dialect,
}

impl<'a> ValidatedRules<'a> {
    /// The document exactly as the user wrote it: what is sent is what was checked.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The dialect it was checked in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

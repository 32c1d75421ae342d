//! Diagnostics: what every phase reports, and how it reaches miette.
//!
//! A [`Diagnostic`] cannot be built without a [`Code`] and a primary [`Label`]: every finding
//! has a stable name and points at the exact bytes it is about. Phases push into a
//! collector of their own; the library never prints.

mod code;
pub mod fix;
#[cfg(feature = "render")]
mod render;
mod report;
mod visible;

pub use code::Code;

/// Every code at length: what it means, why it matters, an example, the fix, and the choices
/// made where the AWS sources are unsure (the text of `grammar/codes.md`).
#[doc = include_str!("../../grammar/codes.md")]
pub mod codes {}
pub use fix::{Applicability, Edit, Fix};
#[cfg(feature = "render")]
pub use render::{render, Renderer, Style};
pub use report::{Report, SourceFile};

use crate::span::Span;

/// How serious a finding is; ordered from [`Advice`](Severity::Advice) up to
/// [`Error`](Severity::Error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something to look at, not a fault: a character that may be an escape, a mapping only the
    /// host tool can compute.
    Advice,
    /// Likely a mistake, or something DMS ignores; it does not keep the rules from being sent.
    Warning,
    /// DMS would reject or misread the rules; while one remains,
    /// [`Checked::validated`](crate::Checked::validated) is `None`.
    Error,
}

impl Severity {
    /// The lower-case name: `advice`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// A span and what to say under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The bytes the label is about.
    pub span: Span,
    /// What to say under them, in a few words ("first used here").
    pub text: String,
}

impl Label {
    /// A label on `span` that reads `text`.
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Label {
            span,
            text: text.into(),
        }
    }
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable name of the problem, such as `dms::duplicate_rule_id`.
    pub code: Code,
    /// Usually [`Code::default_severity`]; a few codes are reported at another severity in
    /// some cases.
    pub severity: Severity,
    /// Sentence case, no final period; keys and values in backticks.
    pub message: String,
    /// The exact offending bytes.
    pub primary: Label,
    /// Other places that matter ("first defined here").
    pub secondary: Vec<Label>,
    /// How to fix it, when a fix can be named.
    pub help: Option<String>,
    /// The edits that fix it, when they can be written down: at least where the help names
    /// one exact replacement. Boxed: most findings have none, and a diagnostic stays small.
    pub fix: Option<Box<Fix>>,
    /// What the finding rests on: the bytes its labels are on, or the whole set of rules.
    pub reach: Reach,
}

/// What a finding rests on, which decides whether a part of the document that is not known
/// (a value a Terraform file computes) could change it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Reach {
    /// The bytes its labels are on: it stands unless one of them is unknown.
    #[default]
    Labels,
    /// What the whole set of rules does or lacks (no selection rule, an exclude with nothing
    /// included, a rule that matches nothing): any unknown part could change it. Said where
    /// the finding is made ([`Diagnostic::about_whole_set`]).
    WholeSet,
}

impl Diagnostic {
    /// A finding with no secondary label and no help.
    pub fn new(code: Code, severity: Severity, message: impl Into<String>, primary: Label) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            fix: None,
            reach: Reach::Labels,
        }
    }

    /// [`new`](Self::new) at [`Severity::Error`].
    pub fn error(code: Code, message: impl Into<String>, primary: Label) -> Self {
        Self::new(code, Severity::Error, message, primary)
    }

    /// [`new`](Self::new) at [`Severity::Warning`].
    pub fn warning(code: Code, message: impl Into<String>, primary: Label) -> Self {
        Self::new(code, Severity::Warning, message, primary)
    }

    /// Sets the help, replacing any.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix, replacing any.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// Marks a finding about what the whole set of rules does or lacks ([`Reach::WholeSet`]).
    pub fn about_whole_set(mut self) -> Self {
        self.reach = Reach::WholeSet;
        self
    }

    /// Adds a secondary label after the others.
    pub fn with_label(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    /// True at [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Every label, primary first.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(&self.secondary)
    }
}

/// The collector every phase pushes into.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Which items hold only because the document is read as table mappings (a missing
    /// `table-name`, a `%` in an `explicit` rule): Schema Conversion rules would not raise them.
    table_mapping_only: Vec<usize>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds a finding that holds only because the document is read as table mappings.
    pub fn push_table_mapping_only(&mut self, diagnostic: Diagnostic) {
        self.table_mapping_only.push(self.items.len());
        self.items.push(diagnostic);
    }

    /// Changes every finding added with
    /// [`push_table_mapping_only`](Self::push_table_mapping_only).
    pub fn amend_table_mapping_only(&mut self, mut amend: impl FnMut(&mut Diagnostic)) {
        for &i in &self.table_mapping_only {
            if let Some(diagnostic) = self.items.get_mut(i) {
                amend(diagnostic);
            }
        }
    }

    /// Adds findings, in the order given.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// In document order; see [`order`].
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        order(&mut self.items);
        self.items
    }
}

/// Puts findings in document order (by primary label), so output reads top to bottom: the one
/// place findings are ordered. The sort is stable, so findings on the same bytes keep the order
/// the phases produced them.
pub fn order(diagnostics: &mut [Diagnostic]) {
    order_by(diagnostics, |d| d);
}

/// [`order`] for items that each carry a diagnostic.
pub fn order_by<T>(items: &mut [T], diagnostic: impl Fn(&T) -> &Diagnostic) {
    items.sort_by_key(|item| {
        let span = diagnostic(item).primary.span;
        (span.start, span.end)
    });
}

/// The one finding for an input over the size limit, which is refused unread.
pub(crate) fn input_too_large(len: u64, limit: usize) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        format!(
            "the input is {}, more than the limit of {}",
            size(len),
            size(limit as u64)
        ),
        Label::new(Span::new(0, 0), "refused before reading"),
    )
    .with_help(
        "rules documents are small (real ones are at most a few hundred KiB): check that this is the right file",
    )
}

/// `200 MiB (209715200 bytes)`, or `13 bytes`.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        let shown = if bytes.is_multiple_of(MIB) {
            format!("{}", bytes / MIB)
        } else {
            format!("{:.1}", bytes as f64 / MIB as f64)
        };
        format!("{shown} MiB ({bytes} bytes)")
    } else {
        format!("{bytes} bytes")
    }
}

//! Parse, check and explain AWS DMS rule documents, with diagnostics that point at exact bytes.
//!
//! The pipeline runs in phases, each in its own module:
//!
//! 1. [`syntax`]: bytes to a spanned JSON tree (strict JSON; stops at the first syntax error);
//! 2. [`lower`]: the JSON tree to typed rules, reporting shape problems;
//! 3. [`diagnostic`]: every finding carries a stable code, a label on the offending bytes and
//!    help, and renders through miette with its source attached.
//!
//! [`check`] runs them all:
//!
//! ```
//! let checked = dms_rules::check(r#"{"rules": 7}"#, &dms_rules::Options::default());
//! let codes: Vec<_> = checked.diagnostics().iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["dms::not_a_rules_document"]);
//! ```
#![forbid(unsafe_code)]

pub mod diagnostic;
pub mod lower;
mod options;
#[cfg(feature = "send")]
pub mod send;
pub mod span;
pub mod syntax;

pub use options::{Dialect, Operation, Options};

pub use diagnostic::{Code, Diagnostic, Label, Report, Severity, SourceFile};
pub use span::{Span, Spanned};

/// The outcome of [`check`]: the parsed tree when the input was JSON, and every diagnostic.
#[derive(Debug)]
pub struct Checked<'a> {
    source: &'a [u8],
    tree: Option<syntax::Value<'a>>,
    dialect: Option<Dialect>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checked<'a> {
    /// The input exactly as given.
    pub fn source(&self) -> &'a [u8] {
        self.source
    }

    /// The spanned JSON tree, when the input was well-formed JSON.
    pub fn tree(&self) -> Option<&syntax::Value<'a>> {
        self.tree.as_ref()
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

/// Parses and checks a rules document given as text or raw bytes.
pub fn check<'a, S>(source: &'a S, options: &Options) -> Checked<'a>
where
    S: AsRef<[u8]> + ?Sized,
{
    let source = source.as_ref();
    let mut diagnostics = diagnostic::Diagnostics::new();
    let mut dialect = None;
    let tree = if source.len() > options.max_input_len {
        diagnostics.push(input_too_large(source.len(), options.max_input_len));
        None
    } else {
        match syntax::parse_bytes(source) {
            Ok(parsed) => {
                diagnostics.extend(parsed.diagnostics);
                if let Some(rules) = lower::envelope(&parsed.value, &mut diagnostics) {
                    dialect = Some(
                        options
                            .dialect
                            .unwrap_or_else(|| lower::detect_dialect(rules)),
                    );
                }
                Some(parsed.value)
            }
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                None
            }
        }
    };
    Checked {
        source,
        tree,
        dialect,
        diagnostics: diagnostics.into_sorted(),
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

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }
}

fn input_too_large(len: usize, limit: usize) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        format!("the input is {len} bytes, more than the limit of {limit} bytes"),
        Label::new(Span::new(0, 0), "refused before parsing"),
    )
    .with_help("rules documents are small; check that this is the right file, or raise the limit")
}

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
pub mod span;
pub mod syntax;

pub use diagnostic::{Code, Diagnostic, Label, Report, Severity, SourceFile};
pub use span::{Span, Spanned};

/// What [`check`] should assume about the input.
#[derive(Debug, Clone)]
pub struct Options {
    /// Inputs longer than this many bytes are refused with `dms::input_too_large` before any
    /// parsing, so a stray huge file cannot exhaust memory.
    pub max_input_len: usize,
}

impl Options {
    /// 64 MiB: far above any real rules document (the largest seen are a few hundred KiB).
    pub const DEFAULT_MAX_INPUT_LEN: usize = 64 * 1024 * 1024;
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_len: Self::DEFAULT_MAX_INPUT_LEN,
        }
    }
}

/// The outcome of [`check`]: the parsed tree when the input was JSON, and every diagnostic.
#[derive(Debug)]
pub struct Checked<'a> {
    source: &'a [u8],
    tree: Option<syntax::Value<'a>>,
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
    let tree = if source.len() > options.max_input_len {
        diagnostics.push(input_too_large(source.len(), options.max_input_len));
        None
    } else {
        match syntax::parse_bytes(source) {
            Ok(parsed) => {
                diagnostics.extend(parsed.diagnostics);
                lower::envelope(&parsed.value, &mut diagnostics);
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
        diagnostics: diagnostics.into_sorted(),
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

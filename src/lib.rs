//! Parse, check and explain AWS DMS rule documents, with diagnostics that point at exact bytes.
//!
//! The pipeline runs in phases, each in its own module, rule by rule as the parser completes
//! each one:
//!
//! 1. [`syntax`]: bytes to a spanned JSON tree (strict JSON; stops at the first syntax error);
//! 2. [`lower`]: the JSON tree to typed rules, reporting shape problems;
//! 3. the semantic checks, one module per code; those that look across rules keep only ids,
//!    names and counts;
//! 4. [`diagnostic`]: every finding carries a stable code, a label on the offending bytes and
//!    help, and renders through miette with its source attached.
//!
//! [`check`] runs them all and keeps the typed rules; [`lint`] finds the same but keeps none.
//! [`select`] then tells which objects of a database the rules select, from a catalog of its
//! objects.
//!
//! ```
//! let checked = dms_rules::check(r#"{"rules": 7}"#, &dms_rules::Options::default());
//! let codes: Vec<_> = checked.diagnostics().iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["dms::not_a_rules_document"]);
//! ```
#![forbid(unsafe_code)]

pub mod ast;
mod check;
pub mod diagnostic;
pub mod host;
pub mod lower;
mod options;
pub mod select;
#[cfg(feature = "send")]
pub mod send;
pub mod span;
pub mod syntax;

pub use options::{Dialect, Operation, Options};

pub use diagnostic::{Code, Diagnostic, Label, Report, Severity, SourceFile};
pub use span::{Span, Spanned};

/// The outcome of [`check`] or [`lint`]: every diagnostic, and (from [`check`]) the typed rules
/// when the input was a rules document. The JSON tree is not kept: each rule's part of it is
/// dropped once lowered.
#[derive(Debug)]
pub struct Checked<'a> {
    source: &'a [u8],
    document: Option<ast::Document<'a>>,
    dialect: Option<Dialect>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checked<'a> {
    /// The outcome for an input of `len` bytes that was not read because it is larger than
    /// `options.max_input_len`: one `dms::input_too_large` finding. Lets a caller refuse a huge
    /// file from its size alone.
    pub fn too_large(len: u64, options: &Options) -> Checked<'static> {
        Checked {
            source: &[],
            document: None,
            dialect: None,
            diagnostics: vec![input_too_large(len, options.max_input_len)],
        }
    }

    /// Adds findings made outside [`check`], such as rules that match nothing in a catalog.
    /// Only warnings and advice are accepted, so a document that validated stays valid.
    pub fn add_findings(&mut self, findings: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics
            .extend(findings.into_iter().filter(|d| !d.is_error()));
        self.diagnostics
            .sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    }

    /// The input exactly as given.
    pub fn source(&self) -> &'a [u8] {
        self.source
    }

    /// The typed rules, when the input was a rules document and [`check`] made this (never
    /// [`lint`]). Rules with errors are in it too, as far as they could be read.
    pub fn document(&self) -> Option<&ast::Document<'a>> {
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
    check_source(source.as_ref(), options, Keep::Rules)
}

/// Like [`check`], but keeps no typed rules: each rule is checked as soon as it is read, then
/// dropped, so memory stays close to the size of the input however many rules it holds. The
/// findings, the dialect and [`Checked::validated`] are the same as [`check`]'s;
/// [`Checked::document`] is `None`.
pub fn lint<'a, S>(source: &'a S, options: &Options) -> Checked<'a>
where
    S: AsRef<[u8]> + ?Sized,
{
    check_source(source.as_ref(), options, Keep::Findings)
}

/// What [`check_source`] keeps of the rules once they are checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Rules,
    Findings,
}

fn check_source<'a>(source: &'a [u8], options: &Options, keep: Keep) -> Checked<'a> {
    let mut diagnostics = diagnostic::Diagnostics::new();
    let mut dialect = None;
    let mut document = None;
    if source.len() > options.max_input_len {
        diagnostics.push(input_too_large(source.len() as u64, options.max_input_len));
    } else {
        match syntax::decode(source) {
            Ok(text) => {
                // Without a dialect asked for, guess from the text (only Schema Conversion
                // locators have `server-name`), lower each rule as the parser completes it, and
                // lower again in the other dialect in the rare case the guess was wrong (the key
                // written with escapes, or the name appearing elsewhere).
                let guess = options
                    .dialect
                    .unwrap_or(if text.contains("\"server-name\"") {
                        Dialect::SchemaConversion
                    } else {
                        Dialect::TableMapping
                    });
                let mut pass = lower_streaming(text, guess, options, keep);
                if options.dialect.is_none() {
                    let actual = if pass.saw_server_name {
                        Dialect::SchemaConversion
                    } else {
                        Dialect::TableMapping
                    };
                    if actual != guess {
                        pass = lower_streaming(text, actual, options, keep);
                    }
                }
                diagnostics.extend(pass.diagnostics.into_sorted());
                if let Some(lowered) = pass.document {
                    dialect = Some(lowered.dialect);
                    document = (keep == Keep::Rules).then_some(lowered);
                }
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Checked {
        source,
        document,
        dialect,
        diagnostics: diagnostics.into_sorted(),
    }
}

/// One pass of parsing, lowering and checking in a given dialect.
struct Pass<'a> {
    document: Option<ast::Document<'a>>,
    diagnostics: diagnostic::Diagnostics,
    /// Whether any rule's locator has `server-name`, which decides the dialect when none was
    /// asked for.
    saw_server_name: bool,
}

/// Parses `text`, lowering and checking each rule as soon as the parser completes it and dropping
/// its JSON, so the tree of the whole `rules` array never exists at once (nor, unless kept, the
/// typed rules).
fn lower_streaming<'a>(text: &'a str, dialect: Dialect, options: &Options, keep: Keep) -> Pass<'a> {
    let info = lower::DialectInfo {
        dialect,
        detected: options.dialect.is_none(),
    };
    let mut rules = Vec::new();
    // What lowering and the checks find; kept only when the input is a rules document.
    let mut found = diagnostic::Diagnostics::new();
    let mut saw_server_name = false;
    let mut checker = check::Checker::new(dialect, options);
    let parsed = syntax::parse_streaming(text, "rules", &mut |item| {
        saw_server_name |= lower::has_server_name(&item);
        if let Some(rule) = lower::rule(&item, info, &mut found) {
            checker.rule(&rule, &mut found);
            if keep == Keep::Rules {
                rules.push(rule);
            }
        }
    });
    let mut diagnostics = diagnostic::Diagnostics::new();
    let document = match parsed {
        Ok(parsed) => {
            diagnostics.extend(parsed.diagnostics);
            lower::envelope(&parsed.value, &mut diagnostics).map(|array| {
                checker.finish(array.span, &mut found);
                diagnostics.extend(found.into_sorted());
                ast::Document {
                    dialect,
                    span: array.span,
                    rules,
                }
            })
        }
        // What follows a syntax error cannot be trusted: no rule is kept.
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    };
    Pass {
        document,
        diagnostics,
        saw_server_name,
    }
}

/// The phases of [`check`] one by one, for the benches; not part of the supported API.
#[doc(hidden)]
pub mod phases {
    use super::{ast, check, diagnostic, lower, syntax, Diagnostic, Options};

    /// Lowering alone, from a whole tree: the typed document (when the tree is a rules
    /// document) and the findings.
    pub fn lower<'a>(
        tree: syntax::Value<'a>,
        options: &Options,
    ) -> (Option<ast::Document<'a>>, Vec<Diagnostic>) {
        let mut diagnostics = diagnostic::Diagnostics::new();
        let document = lower::envelope(&tree, &mut diagnostics)
            .map(|array| array.span)
            .map(|span| {
                let items = rules_items(tree);
                let info = lower::DialectInfo {
                    dialect: options
                        .dialect
                        .unwrap_or_else(|| lower::detect_dialect(&items)),
                    detected: options.dialect.is_none(),
                };
                lower::document(items, span, info, &mut diagnostics)
            });
        (document, diagnostics.into_sorted())
    }

    /// The items of the root's first `rules` member, when it is an array.
    fn rules_items(tree: syntax::Value<'_>) -> Vec<syntax::Value<'_>> {
        let syntax::ValueKind::Object(members) = tree.kind else {
            return Vec::new();
        };
        members
            .into_iter()
            .find(|m| m.key.value == "rules")
            .and_then(|m| match m.value.kind {
                syntax::ValueKind::Array(items) => Some(items),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The semantic checks alone, on a lowered document.
    pub fn checks(document: &ast::Document<'_>, options: &Options) -> Vec<Diagnostic> {
        let mut diagnostics = diagnostic::Diagnostics::new();
        check::run(document, options, &mut diagnostics);
        diagnostics.into_sorted()
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

/// `200 MiB (209715200 bytes)`, or `13 bytes`.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        let mib = bytes as f64 / MIB as f64;
        let shown = if bytes.is_multiple_of(MIB) {
            format!("{}", bytes / MIB)
        } else {
            format!("{mib:.1}")
        };
        format!("{shown} MiB ({bytes} bytes)")
    } else {
        format!("{bytes} bytes")
    }
}

fn input_too_large(len: u64, limit: usize) -> Diagnostic {
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

/// The README's Rust examples run as doctests, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

//! Parse, check and explain AWS DMS rule documents, with diagnostics that point at exact bytes.
//!
//! The pipeline runs in phases, rule by rule as the parser completes each one: bytes to a
//! spanned JSON tree (strict JSON; it stops at the first syntax error), the tree to typed rules
//! ([`ast`]) with every shape problem reported, then the semantic checks. Every finding is a
//! [`Diagnostic`] with a stable [`Code`], a label on the offending bytes and help; it renders
//! through miette with its source attached.
//!
//! - [`check`] runs them all and keeps the typed rules; [`lint`] finds the same but keeps none.
//! - [`input`] tells a rules document from a Terraform file or CloudFormation template by its
//!   name and content; [`host`] finds the mappings held in those host files, and
//!   [`check_mapping`] checks each, with every finding on the host file's bytes.
//! - [`select`] tells which objects of a database the rules select, from a catalog of its
//!   objects ([`Catalog::open`](select::Catalog::open) reads one from a CSV file or a
//!   database URL).
//! - [`format`](mod@format) writes a document in its one canonical form; [`diff`] tells what a
//!   change to a document changes in meaning, and which objects it newly selects or no longer
//!   selects.
//! - [`fix`] applies the fixes findings carry, round after round, to a rules document or a
//!   host file.
//! - [`config`] reads `dms-rules.toml`, the configuration file, and applies its levels and
//!   suppressions (and the suppression comments of host files) to a file's findings.
//! - [`vocabulary`] is the table of the rule vocabulary: every object's keys in each dialect,
//!   their values, which are required, their order and meaning; the JSON Schema of
//!   `grammar/dms-rules.schema.json` is written from it.
//!
//! Rules that passed ([`ValidatedRules`]) are what the `dms-rules-send` crate sends to DMS; the
//! `dms-rules-lsp` crate is the language server, and `dms-rules-cli` the `dms-rules` command.
//!
//! ```
//! let checked = dms_rules::check(r#"{"rules": 7}"#, &dms_rules::Options::default());
//! let codes: Vec<_> = checked.diagnostics().iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["dms::not_a_rules_document"]);
//! ```
#![forbid(unsafe_code)]

pub mod ast;
mod check;
pub mod config;
pub mod diagnostic;
pub mod diff;
mod engine;
pub mod fix;
pub mod format;
pub mod host;
pub mod input;
#[cfg(feature = "unstable-internals")]
#[doc(hidden)]
pub mod internals;
mod lower;
mod options;
mod pipeline;
pub mod select;
pub mod span;
mod syntax;
pub mod vocabulary;

pub use diagnostic::{Code, Diagnostic, Label, Report, Severity, SourceFile};
pub use engine::{is_lob_type, Engine, IdentifierLimit, LengthUnit};
pub use options::{Dialect, MigrationType, Operation, Options};
pub use pipeline::{Checked, ValidatedRules};
pub use span::{Span, Spanned};

use pipeline::{Checks, Keep};

/// Parses and checks a rules document given as text or raw bytes, and keeps the typed rules
/// ([`Checked::document`]).
pub fn check<'a, S>(source: &'a S, options: &Options) -> Checked<'a>
where
    S: AsRef<[u8]> + ?Sized,
{
    pipeline::run(source.as_ref(), options, Keep::Rules, Checks::Run)
}

/// Like [`check`], but keeps no typed rules: each rule is checked as soon as it is read, then
/// dropped, so memory stays close to the size of the input however many rules it holds. The
/// findings, the dialect and [`Checked::validated`] are the same as [`check`]'s;
/// [`Checked::document`] is `None`.
pub fn lint<'a, S>(source: &'a S, options: &Options) -> Checked<'a>
where
    S: AsRef<[u8]> + ?Sized,
{
    pipeline::run(source.as_ref(), options, Keep::Findings, Checks::Run)
}

/// Checks a mapping found in a host file ([`host::scan`]) as table mappings, and keeps the
/// typed rules. Every diagnostic points into the file the mapping is written in: the host file,
/// or the other file it is read from ([`host::Mapping::elsewhere`]); findings that rest on a
/// value the host computes are left out. `None` when the mapping is not statically known.
///
/// The engines and migration type `options` leave unset are taken from the host file's code
/// ([`host::Mapping::task`]: the endpoints the task names, its `migration_type`); those
/// `options` set win.
///
/// The typed rules' spans are offsets into the decoded document ([`Checked::source`]).
pub fn check_mapping<'m>(mapping: &'m host::Mapping, options: &Options) -> Option<Checked<'m>> {
    let decoded = mapping.decoded()?;
    let options = mapping.task.fill(options);
    Some(decoded.check(&options, Keep::Rules))
}

/// Like [`check_mapping`], keeping no typed rules (see [`lint`]).
pub fn lint_mapping<'m>(mapping: &'m host::Mapping, options: &Options) -> Option<Checked<'m>> {
    let decoded = mapping.decoded()?;
    let options = mapping.task.fill(options);
    Some(decoded.check(&options, Keep::Findings))
}

/// Like [`lint`]; with a `catalog`, also what the catalog tells about the rules
/// ([`select::catalog_findings`]), as `lint --catalog`, its fixes and the language server
/// report them. A document with errors is not matched: its rules may not mean what they say.
pub fn lint_with_catalog<'a, S>(
    source: &'a S,
    options: &Options,
    catalog: Option<&select::Catalog>,
) -> Checked<'a>
where
    S: AsRef<[u8]> + ?Sized,
{
    let Some(catalog) = catalog else {
        return lint(source, options);
    };
    let mut checked = check(source, options);
    if let Some(document) = checked.document().filter(|_| !checked.has_errors()) {
        let found = select::catalog_findings(document, catalog, options);
        checked.add_findings(found);
    }
    checked
}

/// [`lint_mapping`], and with a `catalog` what it tells about the rules, as
/// [`lint_with_catalog`], carried to the bytes the mapping is written in. The catalog's
/// findings see the engines and migration type read from the host file too.
pub fn lint_mapping_with_catalog<'m>(
    mapping: &'m host::Mapping,
    options: &Options,
    catalog: Option<&select::Catalog>,
) -> Option<Checked<'m>> {
    let Some(catalog) = catalog else {
        return lint_mapping(mapping, options);
    };
    let mut checked = check_mapping(mapping, options)?;
    if let (Some(document), Some(decoded)) = (
        checked.document().filter(|_| !checked.has_errors()),
        mapping.decoded(),
    ) {
        let options = mapping.task.fill(options);
        let found = decoded.carry(select::catalog_findings(document, catalog, &options));
        checked.add_findings(found);
    }
    Some(checked)
}

/// The README's Rust examples run as doctests, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

//! Fixing a file: the findings whose fixes apply to its own text, and applying those fixes
//! round after round ([`apply_all`]): what `lint --fix` writes and what the language server
//! offers as "fix all". One round is [`diagnostic::fix::apply`](crate::diagnostic::fix::apply).

use crate::diagnostic::{self, fix, Applicability, Diagnostic};
use crate::host::{self, Context, Format};
use crate::options::Options;
use crate::select::{catalog_findings, Catalog};

/// How many rounds of fixing one file gets: a fix can uncover another finding (the second
/// trailing comma after the first is gone), and each round takes the fixes that do not overlap.
const ROUNDS: usize = 16;

/// What a file is, for finding its findings.
#[derive(Debug, Clone, Copy)]
pub enum Source<'c> {
    /// A rules document.
    Rules,
    /// A Terraform file or CloudFormation template, read in this context.
    Host(Format, &'c Context),
}

/// The findings whose labels point into `text` itself: a rules document's, or a host file's own
/// with those of the mappings written in it (a mapping read from another file is that file's
/// business, fixed when that file is checked).
pub fn findings(text: &str, source: Source<'_>, options: &Options) -> Vec<Diagnostic> {
    findings_with_catalog(text, source, options, None)
}

/// [`findings`], and with a catalog also what the catalog tells about each document without
/// errors ([`catalog_findings`]), as `lint --catalog` reports them: their fixes (the
/// `convert-lowercase` rules of `dms::uppercase_target`) apply too.
pub fn findings_with_catalog(
    text: &str,
    source: Source<'_>,
    options: &Options,
    catalog: Option<&Catalog>,
) -> Vec<Diagnostic> {
    let Some(catalog) = catalog else {
        return match source {
            Source::Rules => crate::lint(text, options).diagnostics().to_vec(),
            Source::Host(format, context) => {
                let scan = host::scan(text.as_bytes(), format, context, options.max_input_len);
                let mut found = scan.diagnostics;
                for mapping in scan.mappings.iter().filter(|m| m.elsewhere().is_none()) {
                    if let Some(checked) = crate::lint_mapping(mapping, options) {
                        found.extend_from_slice(checked.diagnostics());
                    }
                }
                diagnostic::order(&mut found);
                found
            }
        };
    };
    match source {
        Source::Rules => {
            let mut checked = crate::check(text, options);
            // A document with errors is not matched: its rules may not mean what they say.
            if let Some(document) = checked.document().filter(|_| !checked.has_errors()) {
                let found = catalog_findings(document, catalog, options);
                checked.add_findings(found);
            }
            checked.diagnostics().to_vec()
        }
        Source::Host(format, context) => {
            let scan = host::scan(text.as_bytes(), format, context, options.max_input_len);
            let mut found = scan.diagnostics;
            for mapping in scan.mappings.iter().filter(|m| m.elsewhere().is_none()) {
                let Some(mut checked) = crate::check_mapping(mapping, options) else {
                    continue;
                };
                if let (Some(document), Some(decoded)) = (
                    checked.document().filter(|_| !checked.has_errors()),
                    mapping.decoded(),
                ) {
                    let carried = decoded.carry(catalog_findings(document, catalog, options));
                    checked.add_findings(carried);
                }
                found.extend_from_slice(checked.diagnostics());
            }
            diagnostic::order(&mut found);
            found
        }
    }
}

/// A text with its fixes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after the last round.
    pub text: String,
    /// How many fixes were applied, over every round.
    pub applied: usize,
}

/// Applies the fixes of `text` that are at least `at_least` (only the safe ones, or all),
/// checking again after each round, until none is left or [`ROUNDS`] have run.
///
/// ```
/// use dms_rules::diagnostic::Applicability;
/// use dms_rules::fix::{self, Source};
///
/// let text = r#"{"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "1",
///   "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include",}]}"#;
/// let options = dms_rules::Options::default();
/// let fixed = fix::apply_all(text, Source::Rules, &options, Applicability::Safe);
/// assert_eq!(fixed.applied, 2);
/// assert!(fix::findings(&fixed.text, Source::Rules, &options).is_empty());
/// ```
pub fn apply_all(
    text: &str,
    source: Source<'_>,
    options: &Options,
    at_least: Applicability,
) -> Fixed {
    apply_all_with_catalog(text, source, options, None, at_least)
}

/// [`apply_all`], each round's findings with what `catalog` tells about the document
/// ([`findings_with_catalog`]): what `lint --fix --catalog` writes.
pub fn apply_all_with_catalog(
    text: &str,
    source: Source<'_>,
    options: &Options,
    catalog: Option<&Catalog>,
    at_least: Applicability,
) -> Fixed {
    let mut fixed = Fixed {
        text: text.to_owned(),
        applied: 0,
    };
    for _ in 0..ROUNDS {
        let found = findings_with_catalog(&fixed.text, source, options, catalog);
        let round = fix::apply(&fixed.text, &found, at_least);
        if round.applied == 0 {
            break;
        }
        fixed.text = round.text;
        fixed.applied += round.applied;
    }
    fixed
}

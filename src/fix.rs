//! Fixing a file: the findings whose fixes apply to its own text, and applying those fixes
//! round after round ([`apply_all`]): what `lint --fix` writes and what the language server
//! offers as "fix all". One round is [`diagnostic::fix::apply`](crate::diagnostic::fix::apply).

use std::path::Path;

use crate::config::comment::Comments;
use crate::config::{self, Config, RuleMarks};
use crate::diagnostic::{self, fix, Applicability, Code, Diagnostic};
use crate::host::{self, Context, Format};
use crate::options::Options;
use crate::select::Catalog;
use crate::span::Span;

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
/// errors ([`crate::select::catalog_findings`]), as `lint --catalog` reports them: their fixes
/// (the `convert-lowercase` rules of `dms::uppercase_target`) apply too.
pub fn findings_with_catalog(
    text: &str,
    source: Source<'_>,
    options: &Options,
    catalog: Option<&Catalog>,
) -> Vec<Diagnostic> {
    read(text, source, options, catalog).found
}

/// How a file's findings are judged besides the checks: the catalog its rules are matched
/// against, and the configuration (levels, suppressions) that applies to it where it is.
#[derive(Clone, Copy, Default)]
pub struct Judged<'a> {
    /// What [`findings_with_catalog`] matches the rules against.
    pub catalog: Option<&'a Catalog>,
    /// The file's configuration, `None` where none applies.
    pub config: Option<&'a Config>,
    /// Where the file is, for the configuration's path globs; `None` for standard input.
    pub path: Option<&'a Path>,
    /// The codes reported at all (`lint --select` / `--ignore`); `None`: every code.
    pub reported: Option<&'a dyn Fn(Code) -> bool>,
}

impl std::fmt::Debug for Judged<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Judged")
            .field("catalog", &self.catalog.is_some())
            .field("config", &self.config.is_some())
            .field("path", &self.path)
            .field("reported", &self.reported.is_some())
            .finish()
    }
}

/// [`findings_with_catalog`] as `lint` reports them: the configuration's levels and
/// suppressions, and the file's suppression comments, applied ([`config::settle`]). A code
/// turned off or a finding suppressed is not fixed.
pub fn judged_findings(
    text: &str,
    source: Source<'_>,
    options: &Options,
    judged: Judged<'_>,
) -> Vec<Diagnostic> {
    let read = read(text, source, options, judged.catalog);
    let comments = match source {
        Source::Host(format, _) => {
            Comments::scan(text.as_bytes(), format.comment_markers(), &read.documents)
        }
        Source::Rules => Comments::default(),
    };
    let mut found = if judged.config.is_none() && comments.is_empty() {
        read.found
    } else {
        let settled = config::settle(
            judged.config,
            judged.path,
            read.found,
            &read.rules,
            &comments,
        );
        settled.findings
    };
    if let Some(reported) = judged.reported {
        found.retain(|d| reported(d.code));
    }
    found
}

/// A file's findings, with its rules and documents for what settles them.
struct Read {
    found: Vec<Diagnostic>,
    rules: RuleMarks,
    /// Each mapping's bytes in a host file, which its suppression comments are about.
    documents: Vec<Span>,
}

fn read(text: &str, source: Source<'_>, options: &Options, catalog: Option<&Catalog>) -> Read {
    match source {
        Source::Rules => {
            let checked = crate::lint_with_catalog(text, options, catalog);
            Read {
                found: checked.diagnostics().to_vec(),
                rules: checked.rules().clone(),
                documents: Vec::new(),
            }
        }
        Source::Host(format, context) => {
            let scan = host::scan(text.as_bytes(), format, context, options.max_input_len);
            let mut read = Read {
                found: scan.diagnostics,
                rules: RuleMarks::new(),
                documents: scan.mappings.iter().map(|m| m.span).collect(),
            };
            for mapping in scan.mappings.iter().filter(|m| m.elsewhere().is_none()) {
                if let Some(checked) = crate::lint_mapping_with_catalog(mapping, options, catalog) {
                    read.found.extend_from_slice(checked.diagnostics());
                    read.rules.extend(checked.rules());
                }
            }
            diagnostic::order(&mut read.found);
            read
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
    let judged = Judged {
        catalog,
        ..Judged::default()
    };
    apply_all_judged(text, source, options, judged, at_least)
}

/// [`apply_all`] with the findings [`judged_findings`] keeps: what `lint --fix` writes, which
/// leaves alone what the configuration turns off or suppresses.
pub fn apply_all_judged(
    text: &str,
    source: Source<'_>,
    options: &Options,
    judged: Judged<'_>,
    at_least: Applicability,
) -> Fixed {
    let mut fixed = Fixed {
        text: text.to_owned(),
        applied: 0,
    };
    for _ in 0..ROUNDS {
        let found = judged_findings(&fixed.text, source, options, judged);
        let round = fix::apply(&fixed.text, &found, at_least);
        if round.applied == 0 {
            break;
        }
        fixed.text = round.text;
        fixed.applied += round.applied;
    }
    fixed
}

//! Fixing a file: the findings whose fixes apply to its own text, and applying those fixes
//! round after round ([`apply_all`]): what `lint --fix` writes and what the language server
//! offers as "fix all". One round is [`diagnostic::fix::apply`](crate::diagnostic::fix::apply).

use crate::diagnostic::{self, fix, Applicability, Diagnostic};
use crate::host::{self, Context, Format};
use crate::options::Options;

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
    match source {
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
    let mut fixed = Fixed {
        text: text.to_owned(),
        applied: 0,
    };
    for _ in 0..ROUNDS {
        let found = findings(&fixed.text, source, options);
        let round = fix::apply(&fixed.text, &found, at_least);
        if round.applied == 0 {
            break;
        }
        fixed.text = round.text;
        fixed.applied += round.applied;
    }
    fixed
}

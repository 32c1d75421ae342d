//! The findings of one file, with the fixes that apply to its own text, and applying those
//! fixes round after round: what `lint --fix` writes and what the language server offers.

use dms_rules::diagnostic::{fix, Applicability};
use dms_rules::host::{self, Context, Format};
use dms_rules::{Diagnostic, Options};

use crate::host::Places;
use crate::input::{Input, Kind};
use crate::output;

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
        Source::Rules => dms_rules::lint(text, options).diagnostics().to_vec(),
        Source::Host(format, context) => {
            let scan = host::scan(text.as_bytes(), format, context, options.max_input_len);
            let mut found = scan.diagnostics;
            for mapping in scan.mappings.iter().filter(|m| m.elsewhere().is_none()) {
                if let Some(checked) = dms_rules::lint_mapping(mapping, options) {
                    found.extend_from_slice(checked.diagnostics());
                }
            }
            dms_rules::diagnostic::order(&mut found);
            found
        }
    }
}

/// A text with its fixes applied.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied, over every round.
    pub applied: usize,
}

/// Applies the fixes of `text` that are at least `at_least`, checking again after each round,
/// until none is left or [`ROUNDS`] have run.
pub fn fix_all(
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

/// `lint --fix`: applies the fixes of every file named or found, writes each file that changed
/// in place (see [`crate::rewrite`]), and leaves the fixed text in its input, to be checked and
/// reported as usual. Says on standard error how many fixes each file took. Returns whether
/// every file that changed was written; a file that could not be written keeps its old text.
pub fn in_place(
    inputs: &mut [Result<Input, String>],
    places: &Places,
    options: &Options,
    at_least: Applicability,
) -> bool {
    let mut written = true;
    for input in inputs.iter_mut().flatten() {
        let (Some(path), None) = (input.path.clone(), input.too_large) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(&input.bytes) else {
            continue;
        };
        let context;
        let source = match input.kind {
            Kind::Rules => Source::Rules,
            Kind::Host(format) => {
                context = places.context(input);
                Source::Host(format, &context)
            }
            Kind::NoRules => continue,
        };
        let fixed = fix_all(text, source, options, at_least);
        if fixed.applied == 0 {
            continue;
        }
        match crate::rewrite::replace(&path, fixed.text.as_bytes()) {
            Ok(()) => {
                let fixes = if fixed.applied == 1 { "fix" } else { "fixes" };
                output::stderr(format_args!(
                    "fixed `{}`: {} {fixes} applied\n",
                    input.name, fixed.applied
                ));
                input.bytes = fixed.text.into_bytes();
            }
            Err(e) => {
                output::error(format_args!(
                    "cannot write `{}`: {e}; the file is unchanged",
                    input.name
                ));
                written = false;
            }
        }
    }
    written
}

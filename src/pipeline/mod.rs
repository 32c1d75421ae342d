//! The pipeline: bytes to findings, rule by rule.
//!
//! Syntax, then lowering, then the checks, each rule as soon as the parser completes it: the
//! tree of the whole `rules` array never exists at once, and (for [`lint`](crate::lint)) neither
//! do the typed rules. A syntax error stops; lowering and the checks collect everything.
//! [`check`](crate::check), [`lint`](crate::lint), the benches and the fuzz targets all run
//! this one path.

mod checked;
mod dialect;

pub use checked::{Checked, ValidatedRules};

use crate::ast::Document;
use crate::check::Checker;
use crate::config::{RuleMark, RuleMarks};
use crate::diagnostic::{input_too_large, Diagnostic, Diagnostics};
use crate::lower::{self, DialectInfo, Why};
use crate::options::{Dialect, Options};
use crate::syntax;

use dialect::Choice;

/// What the pipeline keeps of the rules once they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// The typed rules, for [`Checked::document`].
    Rules,
    /// Only the findings: each rule is dropped once checked.
    Findings,
}

/// Whether the semantic checks run; only the benches time lowering without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checks {
    Run,
    #[cfg_attr(not(feature = "unstable-internals"), allow(dead_code))]
    Skip,
}

/// Runs every phase over `source`.
pub(crate) fn run<'a>(
    source: &'a [u8],
    options: &Options,
    keep: Keep,
    checks: Checks,
) -> Checked<'a> {
    let mut diagnostics = Diagnostics::new();
    let mut outcome = None;
    let mut marks = RuleMarks::new();
    if source.len() > options.max_input_len {
        diagnostics.push(input_too_large(source.len() as u64, options.max_input_len));
    } else {
        match syntax::decode(source) {
            Ok(text) => {
                let first = Choice::first(options, text);
                let mut pass = Pass::run(text, first, options, keep, checks);
                if let Some(again) = first.confirmed(pass.saw_schema_conversion_key) {
                    pass = Pass::run(text, again, options, keep, checks);
                }
                diagnostics.extend(pass.diagnostics.into_sorted());
                outcome = pass.document;
                marks = pass.marks;
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let dialect = outcome.as_ref().map(|d| d.dialect);
    let document = outcome.filter(|_| keep == Keep::Rules);
    let mut checked = Checked::new(source, document, dialect, diagnostics.into_sorted());
    checked.set_rules(marks);
    checked
}

/// One pass of parsing, lowering and checking in one dialect.
struct Pass<'a> {
    /// The typed document (its rules only when kept); `None` when the input is not a rules
    /// document.
    document: Option<Document<'a>>,
    diagnostics: Diagnostics,
    /// Whether any rule's locator has a key only Schema Conversion has, which confirms or
    /// corrects a detected dialect (looked for only then).
    saw_schema_conversion_key: bool,
    /// Every rule's bytes, id and name, for suppressions that name a rule.
    marks: RuleMarks,
}

impl<'a> Pass<'a> {
    fn run(text: &'a str, choice: Choice, options: &Options, keep: Keep, checks: Checks) -> Self {
        let info = DialectInfo {
            dialect: choice.dialect,
            why: choice.why,
        };
        let mut rules = Vec::new();
        // What lowering and the checks find; kept only when the input is a rules document.
        let mut found = Diagnostics::new();
        // Only a detected dialect is confirmed, or explained, by what the rules use.
        let detected = choice.why == Why::Detected;
        let mut saw_schema_conversion_key = false;
        // Whether every rule so far uses only what both dialects share.
        let mut shared_keys_only = detected;
        let mut checker = Checker::new(choice.dialect, options);
        let mut marks = RuleMarks::new();
        let parsed = syntax::parse_streaming(text, "rules", &mut |item| {
            if detected && !saw_schema_conversion_key {
                saw_schema_conversion_key = dialect::names_schema_conversion_key(&item);
            }
            shared_keys_only = shared_keys_only && dialect::uses_shared_keys_only(&item);
            if let Some(rule) = lower::rule(&item, info, &mut found) {
                let header = rule.header();
                marks.push(RuleMark {
                    span: header.span,
                    rule_id: header.rule_id.as_ref().map(|id| id.digits()),
                    rule_name: header.rule_name.as_ref().map(|n| &*n.value),
                });
                if checks == Checks::Run {
                    checker.rule(&rule, &mut found);
                }
                if keep == Keep::Rules {
                    rules.push(rule);
                }
            }
        });
        let mut diagnostics = Diagnostics::new();
        let document = match parsed {
            Ok(parsed) => {
                diagnostics.extend(parsed.diagnostics);
                lower::envelope(&parsed.value, &mut diagnostics).map(|array| {
                    if checks == Checks::Run {
                        checker.finish(array.span, &mut found);
                        crate::check::mapping_too_large::check(
                            text.len(),
                            choice.dialect,
                            array.span,
                            &mut found,
                        );
                    }
                    if shared_keys_only && choice.dialect == Dialect::TableMapping {
                        found.amend_table_mapping_only(hint_schema_conversion);
                    }
                    diagnostics.extend(found.into_sorted());
                    Document {
                        dialect: choice.dialect,
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
            saw_schema_conversion_key,
            marks,
        }
    }
}

/// Adds to the help of a finding that only table mappings raise how to read the document as
/// Schema Conversion rules: it uses nothing that tells the two apart, and Schema Conversion
/// rules that left out `server-name` read as table mappings.
fn hint_schema_conversion(diagnostic: &mut Diagnostic) {
    const HINT: &str = "no locator has `server-name`, so these rules were read as table mappings; if they are Schema Conversion selection rules, add `server-name` to each locator, or check them with `--dialect schema-conversion` (or `--operation`)";
    diagnostic.help = Some(match diagnostic.help.take() {
        Some(help) => format!("{help}; {HINT}"),
        None => HINT.to_string(),
    });
}

//! The findings of one checked file as the configuration and the file's comments have them:
//! codes turned off or to another severity, suppressed findings taken out and counted, and
//! suppressions that silence nothing reported.

use std::path::Path;

use super::comment::Comments;
use super::{Config, Level, Settings};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::span::Span;

/// A rule of a checked document, as a configuration's suppressions name it: its bytes in the
/// file the findings point into, its `rule-id` and `rule-name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMark<'a> {
    /// The rule object, braces included.
    pub span: Span,
    /// The id in canonical form (digits, no leading zeros), when it has one.
    pub rule_id: Option<&'a str>,
    /// The name, when it has one.
    pub rule_name: Option<&'a str>,
}

/// The [`RuleMark`]s of a file's rules documents, in order. Every rule of every document
/// checked has one, so they are kept compact: the ids and names in one buffer, no allocation
/// a rule (on 100,000 rules, 6.6 MB of peak memory and 200,000 allocations less than two
/// `String`s a rule, measured on the `lint` process).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleMarks {
    marks: Vec<Mark>,
    /// Each mark's id, then its name, one after the other.
    text: String,
}

/// A rule's span, and the lengths of its id and name in [`RuleMarks::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    span: Span,
    id: Option<usize>,
    name: Option<usize>,
}

impl RuleMarks {
    /// No rules.
    pub const fn new() -> Self {
        RuleMarks {
            marks: Vec::new(),
            text: String::new(),
        }
    }

    /// Adds a rule.
    pub fn push(&mut self, mark: RuleMark<'_>) {
        let mut put = |text: Option<&str>| {
            text.map(|text| {
                self.text.push_str(text);
                text.len()
            })
        };
        let id = put(mark.rule_id);
        let name = put(mark.rule_name);
        self.marks.push(Mark {
            span: mark.span,
            id,
            name,
        });
    }

    /// Adds every rule of `other`.
    pub fn extend(&mut self, other: &RuleMarks) {
        for mark in other.iter() {
            self.push(mark);
        }
    }

    /// The rules, in order.
    pub fn iter(&self) -> impl Iterator<Item = RuleMark<'_>> + '_ {
        let mut at = 0;
        self.marks.iter().map(move |mark| {
            let mut take = |len: Option<usize>| {
                len.map(|len| {
                    let text = &self.text[at..at + len];
                    at += len;
                    text
                })
            };
            let rule_id = take(mark.id);
            let rule_name = take(mark.name);
            RuleMark {
                span: mark.span,
                rule_id,
                rule_name,
            }
        })
    }

    /// How many rules.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// The same rules with each span given by `span` (carried into a host file).
    pub fn map_spans(mut self, span: impl Fn(Span) -> Span) -> Self {
        for mark in &mut self.marks {
            mark.span = span(mark.span);
        }
        self
    }
}

impl<'a> FromIterator<RuleMark<'a>> for RuleMarks {
    fn from_iter<I: IntoIterator<Item = RuleMark<'a>>>(iter: I) -> Self {
        let mut marks = RuleMarks::new();
        for mark in iter {
            marks.push(mark);
        }
        marks
    }
}

/// What [`settle`] leaves.
#[derive(Debug, Clone, Default)]
pub struct Settled {
    /// The findings to report, in document order: those kept, at their level, and the
    /// problems of the file's suppression comments.
    pub findings: Vec<Diagnostic>,
    /// The findings a suppression silenced, in document order: not printed, not counted, no
    /// effect on the exit status; counted in the JSON report, and listed as suppressed results
    /// in SARIF.
    pub suppressed: Vec<Suppressed>,
    /// The configuration's suppressions (indices into [`Config::suppressions`]) whose path
    /// matches the file, each with whether it silenced a finding: one that never does in a run
    /// is reported by [`Config::unused_suppressions`].
    pub suppressions: Vec<(usize, bool)>,
}

/// A finding a suppression silenced, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding, at its level.
    pub diagnostic: Diagnostic,
    /// Where the suppression is written.
    pub by: SuppressedBy,
}

/// Where a suppression is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuppressedBy {
    /// A comment in the file; its bytes.
    Comment(Span),
    /// A `[[suppress]]` entry of the configuration; its index and reason.
    Config {
        /// Into [`Config::suppressions`].
        index: usize,
        /// The entry's `reason`.
        reason: String,
    },
}

/// Applies `config` (levels, then suppressions by file, code and rule) and `comments` to the
/// `findings` of the checked file `file` (`None` for standard input: the configuration's
/// levels apply, its path globs match nothing). `rules` are the rules of the documents in the
/// file, with spans in the same file. Every comment code that silences nothing is a
/// `dms::unused_suppression` finding.
pub fn settle(
    config: Option<&Config>,
    file: Option<&Path>,
    findings: Vec<Diagnostic>,
    rules: &RuleMarks,
    comments: &Comments,
) -> Settled {
    let settings = config.map_or_else(Settings::default, |c| c.settings_of(file));
    let suppressions: Vec<usize> = match (config, file) {
        (Some(config), Some(file)) => config.suppressions_of(file),
        _ => Vec::new(),
    };
    let mut used_entries = vec![false; suppressions.len()];
    let mut used_codes: Vec<Vec<bool>> = comments
        .entries
        .iter()
        .map(|e| vec![false; e.codes.len()])
        .collect();

    let mut settled = Settled::default();
    let all = findings
        .into_iter()
        .chain(comments.problems.iter().cloned());
    for finding in all {
        let Some(finding) = leveled(&settings, finding) else {
            continue;
        };
        let by_config = suppressions
            .iter()
            .position(|&i| config.is_some_and(|c| matches(&c.suppressions[i], &finding, rules)));
        if let (Some(at), Some(config)) = (by_config, config) {
            used_entries[at] = true;
            let index = suppressions[at];
            settled.suppressed.push(Suppressed {
                diagnostic: finding,
                by: SuppressedBy::Config {
                    index,
                    reason: config.suppressions[index].reason.clone(),
                },
            });
            continue;
        }
        let mut silenced = None;
        for (entry, used) in comments.entries.iter().zip(&mut used_codes) {
            let start = finding.primary.span.start;
            if !(entry.covers.start <= start && start <= entry.covers.end) {
                continue;
            }
            for ((code, _), used) in entry.codes.iter().zip(used.iter_mut()) {
                if *code == finding.code {
                    *used = true;
                    silenced = silenced.or(Some(entry.comment));
                }
            }
        }
        if let Some(comment) = silenced {
            settled.suppressed.push(Suppressed {
                diagnostic: finding,
                by: SuppressedBy::Comment(comment),
            });
        } else {
            settled.findings.push(finding);
        }
    }
    for (entry, used) in comments.entries.iter().zip(&used_codes) {
        for (&(code, at), &used) in entry.codes.iter().zip(used) {
            if !used {
                if let Some(finding) = leveled(&settings, unused_comment(code, at)) {
                    settled.findings.push(finding);
                }
            }
        }
    }
    crate::diagnostic::order(&mut settled.findings);
    crate::diagnostic::order_by(&mut settled.suppressed, |s| &s.diagnostic);
    settled.suppressions = suppressions.into_iter().zip(used_entries).collect();
    settled
}

/// `finding` at the level `settings` give its code; `None` when turned off.
fn leveled(settings: &Settings, mut finding: Diagnostic) -> Option<Diagnostic> {
    let level = settings
        .codes
        .iter()
        .rev()
        .find(|(code, _)| *code == finding.code)
        .map(|&(_, level)| level);
    match level {
        Some(Level::Off) => None,
        Some(Level::Severity(severity)) => {
            finding.severity = severity;
            Some(finding)
        }
        None => Some(finding),
    }
}

/// Whether a configuration suppression (its path already matched) names `finding`: the same
/// code, and the rule it names holds the finding's primary label.
fn matches(suppression: &super::Suppression, finding: &Diagnostic, rules: &RuleMarks) -> bool {
    if suppression.code != finding.code {
        return false;
    }
    if suppression.rule_id.is_none() && suppression.rule_name.is_none() {
        return true;
    }
    let at = finding.primary.span;
    rules.iter().any(|rule| {
        rule.span.start <= at.start
            && at.end <= rule.span.end
            && suppression
                .rule_id
                .as_deref()
                .is_none_or(|id| rule.rule_id == Some(id))
            && suppression
                .rule_name
                .as_deref()
                .is_none_or(|name| rule.rule_name == Some(name))
    })
}

fn unused_comment(code: Code, at: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::UnusedSuppression,
        format!("`{code}` is suppressed here, but no such finding is"),
        Label::new(at, "silences nothing"),
    )
    .with_help(format!(
        "remove `{code}` from the comment (or the comment), so that it cannot hide a later finding"
    ))
}

impl Config {
    /// The configuration's suppressions that silenced nothing in a run, given every file's
    /// [`Settled::suppressions`]: those whose path matched a checked file and that never
    /// silenced a finding. Each is a `dms::unused_suppression` finding on the configuration
    /// file's bytes.
    pub fn unused_suppressions<'s>(
        &self,
        settled: impl IntoIterator<Item = &'s [(usize, bool)]>,
    ) -> Vec<Diagnostic> {
        let mut state: Vec<Option<bool>> = vec![None; self.suppressions.len()];
        for file in settled {
            for &(index, used) in file {
                if let Some(slot) = state.get_mut(index) {
                    *slot = Some(slot.unwrap_or(false) || used);
                }
            }
        }
        self.suppressions
            .iter()
            .zip(state)
            .filter(|(_, state)| *state == Some(false))
            .map(|(suppression, _)| {
                Diagnostic::warning(
                    Code::UnusedSuppression,
                    format!(
                        "this suppression of `{}` in `{}` silenced nothing",
                        suppression.code, suppression.path
                    ),
                    Label::new(suppression.span, "silences nothing"),
                )
                .with_help(
                    "remove the entry, or correct its `rule-id` or `rule-name`, so that it cannot hide a later finding",
                )
            })
            .collect()
    }
}

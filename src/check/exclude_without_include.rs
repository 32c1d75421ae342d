//! `dms::exclude_without_include`: an `exclude` rule with nothing included before it does
//! nothing. Schema Conversion applies rules in ascending `rule-id` order, so there an include
//! must come first; table mappings apply excludes to every include, in any order.

use crate::ast::{RuleId, SelectionAction, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Span;

/// What the rules so far include, and the excludes waiting to be judged once all are seen.
#[derive(Default)]
pub(super) struct Seen {
    any_include: bool,
    /// The include with the lowest id: an exclude after it has something to remove.
    earliest_include: Option<RuleId>,
    /// Each exclude's `rule-action` span and id.
    excludes: Vec<(Span, Option<RuleId>)>,
}

impl Seen {
    pub(super) fn rule(&mut self, rule: &SelectionRule<'_>) {
        let Some(action) = rule.action else {
            return;
        };
        let id = rule.header.rule_id.as_ref();
        match action.value {
            SelectionAction::Include | SelectionAction::Explicit => {
                self.any_include = true;
                // Ties keep the first include written.
                let earlier = |id: &&RuleId| {
                    (self.earliest_include.as_ref())
                        .is_none_or(|first| id.numeric_cmp(first).is_lt())
                };
                if let Some(id) = id.filter(earlier) {
                    self.earliest_include = Some(id.clone());
                }
            }
            SelectionAction::Exclude => self.excludes.push((action.span, id.cloned())),
        }
    }

    pub(super) fn finish(self, dialect: Dialect, out: &mut Diagnostics) {
        for (at, id) in self.excludes {
            let diagnostic = match (dialect, id, &self.earliest_include) {
                _ if !self.any_include => Diagnostic::warning(
                    Code::ExcludeWithoutInclude,
                    "this `exclude` rule has no `include` rule to take objects from",
                    Label::new(at, "excludes from nothing"),
                )
                .with_help("an exclude only removes what an include selected: add an `include` rule, or remove this one"),
                (Dialect::SchemaConversion, Some(id), Some(first_id))
                    if id.numeric_cmp(first_id).is_lt() =>
                {
                    Diagnostic::warning(
                        Code::ExcludeWithoutInclude,
                        format!(
                            "this `exclude` rule (id {}) comes before every `include` rule, so it has no effect",
                            id.digits()
                        ),
                        Label::new(at, "applied first"),
                    )
                    .with_label(Label::new(
                        first_id.span,
                        format!("the first include has id {}", first_id.digits()),
                    ))
                    .with_help("Schema Conversion applies rules in ascending `rule-id` order: give the exclude a higher id than the include")
                }
                _ => continue,
            };
            out.push(diagnostic.about_whole_set());
        }
    }
}

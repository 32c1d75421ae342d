//! `dms::exclude_without_include`: an `exclude` rule with nothing included before it does
//! nothing. Schema Conversion applies rules in ascending `rule-id` order, so there an include
//! must come first; table mappings apply excludes to every include, in any order.

use crate::ast::{Document, RuleId, SelectionAction, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;

pub(super) fn check(document: &Document<'_>, out: &mut Diagnostics) {
    let action = |rule: &SelectionRule<'_>| rule.action.map(|a| a.value);
    let includes: Vec<&SelectionRule<'_>> = document
        .selection_rules()
        .filter(|r| {
            matches!(
                action(r),
                Some(SelectionAction::Include | SelectionAction::Explicit)
            )
        })
        .collect();
    // The include with the lowest id: an exclude after it has something to remove.
    let earliest: Option<(&RuleId, &SelectionRule<'_>)> = includes
        .iter()
        .filter_map(|r| r.header.rule_id.as_ref().map(|id| (id, *r)))
        .min_by(|a, b| a.0.numeric_cmp(b.0));

    for rule in document.selection_rules() {
        if action(rule) != Some(SelectionAction::Exclude) {
            continue;
        }
        let Some(at) = rule.action.map(|a| a.span) else {
            continue;
        };
        let diagnostic = match (document.dialect, rule.header.rule_id.as_ref(), earliest) {
            (_, _, None) if includes.is_empty() => Diagnostic::warning(
                Code::ExcludeWithoutInclude,
                "this `exclude` rule has no `include` rule to take objects from",
                Label::new(at, "excludes from nothing"),
            )
            .with_help("an exclude only removes what an include selected: add an `include` rule, or remove this one"),
            (Dialect::SchemaConversion, Some(id), Some((first_id, _)))
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
        out.push(diagnostic);
    }
}

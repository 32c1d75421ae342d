//! `dms::filter_ignored`: filters DMS does not apply. Filters work only in `include` rules, and
//! only on tables named exactly (the documentation: "Filters do not support wildcards");
//! homogeneous data migrations document none.

use crate::ast::{Rule, SelectionAction};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;

pub(super) fn check(rule: &Rule<'_>, dialect: Dialect, out: &mut Diagnostics) {
    let Rule::Selection(rule) = rule else {
        return;
    };
    let (Some(span), false) = (rule.filters_span, rule.filters.is_empty()) else {
        return;
    };
    if dialect == Dialect::DataMigration {
        out.push(
            Diagnostic::warning(
                Code::FilterIgnored,
                "homogeneous data migrations document no source filters",
                Label::new(span, "not documented here"),
            )
            .with_help("the AWS guide shows data migrations' selection rules with `\"filters\": []` only: leave the list empty, or filter rows in a replication task's table mappings"),
        );
        return;
    }
    let Some(action) = rule.action else {
        return;
    };
    if action.value != SelectionAction::Include {
        out.push(
            Diagnostic::warning(
                Code::FilterIgnored,
                format!("filters in an `{}` rule are not applied", action.value),
                Label::new(span, "ignored"),
            )
            .with_label(Label::new(action.span, "not an include rule"))
            .with_help("source filters apply only to `include` rules: move them to the rule that includes the table"),
        );
        return;
    }
    let wildcard = rule.locator.as_ref().and_then(|l| {
        [l.schema_name.as_ref(), l.table_name()]
            .into_iter()
            .flatten()
            .find(|n| n.pattern.as_ref().is_some_and(|p| p.is_broad()))
    });
    if let Some(name) = wildcard {
        out.push(
            Diagnostic::warning(
                Code::FilterIgnored,
                format!("filters on the pattern `{}` are not supported", name.value()),
                Label::new(span, "filters"),
            )
            .with_label(Label::new(name.span(), "a wildcard name"))
            .with_help("DMS applies filters only to tables named exactly: name the schema and table, or drop the filters"),
        );
    }
}

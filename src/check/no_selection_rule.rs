//! `dms::no_selection_rule`: nothing selects any object, so the task or import has nothing to do.

use crate::ast::{Document, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Span;

pub(super) fn check(document: &Document<'_>, out: &mut Diagnostics) {
    if document.selection_rules().next().is_some() {
        return;
    }
    // A rule without a readable type may be the selection rule: already reported.
    let untyped = document
        .rules
        .iter()
        .any(|rule| matches!(rule, Rule::Invalid(h) if h.rule_type.is_none()));
    if untyped {
        return;
    }
    let empty = document.rules.is_empty();
    // Schema Conversion documents hold selection rules only: any other rule is already reported.
    if document.dialect == Dialect::SchemaConversion && !empty {
        return;
    }
    let span = if document.span.len() <= 2 {
        document.span
    } else {
        Span::new(document.span.start, document.span.start + 1)
    };
    let (message, help) = match document.dialect {
        Dialect::TableMapping => (
            "no selection rule: DMS needs at least one to know which tables to migrate",
            "add a `selection` rule, such as one that includes `\"schema-name\": \"HR\", \"table-name\": \"%\"`; DMS rejects the task otherwise (`At least one selection rule is required`)",
        ),
        Dialect::SchemaConversion => (
            "the document has no rules, so it selects nothing",
            "add a selection rule naming the objects, such as an `explicit` rule for one schema",
        ),
    };
    out.push(
        Diagnostic::error(
            Code::NoSelectionRule,
            message,
            Label::new(
                span,
                if empty {
                    "empty"
                } else {
                    "no selection rule in here"
                },
            ),
        )
        .with_help(help),
    );
}

//! `dms::operation_constraint`: Schema Conversion calls limit the rules they take (spec §2.5):
//! some accept only `explicit` rules, some exactly one rule or at most ten, and
//! `GetTargetSelectionRules` no `category-name`.

use crate::ast::{Document, SelectionAction};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Operation;
use crate::span::Span;

use Operation as Op;

pub(super) fn check(document: &Document<'_>, operation: Operation, out: &mut Diagnostics) {
    let api = operation.api_name();
    let explicit_only = matches!(
        operation,
        Op::DescribeMetadataModel
            | Op::DescribeMetadataModelChildren
            | Op::GetTargetSelectionRules
            | Op::StartMetadataModelCreation
            | Op::ExportMetadataModelAssessment
    );
    let (exactly_one, at_most) = match operation {
        Op::DescribeMetadataModel
        | Op::DescribeMetadataModelChildren
        | Op::StartMetadataModelCreation => (true, Some(1)),
        Op::GetTargetSelectionRules => (false, Some(10)),
        _ => (false, None),
    };

    if explicit_only {
        for rule in document.selection_rules() {
            if let Some(action) = rule.action.filter(|a| a.value != SelectionAction::Explicit) {
                out.push(
                    Diagnostic::error(
                        Code::OperationConstraint,
                        format!("`{api}` accepts only `explicit` rules"),
                        Label::new(action.span, format!("`{}` is not accepted", action.value)),
                    )
                    .with_help("name each object exactly with `\"rule-action\": \"explicit\"`"),
                );
            }
        }
    }

    let count = document.rules.len();
    if exactly_one && count == 0 {
        out.push(
            Diagnostic::error(
                Code::OperationConstraint,
                format!("`{api}` takes exactly one rule, found none"),
                Label::new(document.span, "no rule"),
            )
            .with_help("give one `explicit` rule naming the object"),
        );
    }
    if let Some(limit) = at_most {
        if let Some(extra) = document.rules.get(limit) {
            let first_extra = extra.header().span;
            let last = document
                .rules
                .last()
                .map_or(first_extra, |r| r.header().span);
            let quantity = if exactly_one {
                "exactly one rule".to_string()
            } else {
                format!("at most {limit} rules")
            };
            let mut diagnostic = Diagnostic::error(
                Code::OperationConstraint,
                format!("`{api}` takes {quantity}, found {count}"),
                Label::new(
                    Span::new(first_extra.start, first_extra.start + 1),
                    "one rule too many from here",
                ),
            )
            .with_help(if exactly_one {
                "split the rules into one call per object"
            } else {
                "split the rules into calls of at most ten rules each"
            });
            if last.start != first_extra.start {
                diagnostic = diagnostic.with_label(Label::new(
                    Span::new(last.start, last.start + 1),
                    "the last rule",
                ));
            }
            out.push(diagnostic);
        }
    }

    if operation == Op::GetTargetSelectionRules {
        for rule in document.selection_rules() {
            if let Some(category) = rule.locator.as_ref().and_then(|l| l.category_name()) {
                out.push(
                    Diagnostic::error(
                        Code::OperationConstraint,
                        "`GetTargetSelectionRules` does not accept `category-name`",
                        Label::new(category.span(), "not accepted here"),
                    )
                    .with_help(
                        "name the objects themselves (such as `table-name`) instead of a category",
                    ),
                );
            }
        }
    }
}

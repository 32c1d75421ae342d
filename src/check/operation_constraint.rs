//! `dms::operation_constraint`: Schema Conversion calls limit the rules they take (spec §2.5):
//! some accept only `explicit` rules, some exactly one rule or at most ten, and
//! `GetTargetSelectionRules` no `category-name`.

use crate::ast::{Rule, SelectionAction, SelectionRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Operation;
use crate::span::Span;

use Operation as Op;

/// What the operation limits, from the rules seen so far.
pub(super) struct Seen {
    operation: Operation,
    limits: Limits,
    rules: usize,
    /// The first rule beyond the operation's limit, and the last rule.
    first_extra: Option<Span>,
    last: Option<Span>,
}

impl Seen {
    pub(super) fn new(operation: Operation) -> Self {
        Seen {
            operation,
            limits: limits(operation),
            rules: 0,
            first_extra: None,
            last: None,
        }
    }

    pub(super) fn rule(&mut self, rule: &Rule<'_>, out: &mut Diagnostics) {
        let header = rule.header().span;
        if self.limits.at_most == Some(self.rules) {
            self.first_extra = Some(header);
        }
        self.last = Some(header);
        self.rules += 1;
        if let Rule::Selection(selection) = rule {
            self.check_selection(selection, out);
        }
    }

    fn check_selection(&self, rule: &SelectionRule<'_>, out: &mut Diagnostics) {
        let api = self.operation.api_name();
        if self.limits.explicit_only {
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
        if self.operation == Op::GetTargetSelectionRules {
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

    /// `array` is the `rules` array.
    pub(super) fn finish(self, array: Span, out: &mut Diagnostics) {
        let api = self.operation.api_name();
        let Limits {
            exactly_one,
            at_most,
            ..
        } = self.limits;
        if exactly_one && self.rules == 0 {
            out.push(
                Diagnostic::error(
                    Code::OperationConstraint,
                    format!("`{api}` takes exactly one rule, found none"),
                    Label::new(array, "no rule"),
                )
                .with_help("give one `explicit` rule naming the object")
                .about_whole_set(),
            );
        }
        let (Some(limit), Some(first_extra)) = (at_most, self.first_extra) else {
            return;
        };
        let last = self.last.unwrap_or(first_extra);
        let quantity = if exactly_one {
            "exactly one rule".to_string()
        } else {
            format!("at most {limit} rules")
        };
        let mut diagnostic = Diagnostic::error(
            Code::OperationConstraint,
            format!("`{api}` takes {quantity}, found {}", self.rules),
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
        out.push(diagnostic.about_whole_set());
    }
}

#[derive(Clone, Copy)]
struct Limits {
    explicit_only: bool,
    exactly_one: bool,
    at_most: Option<usize>,
}

fn limits(operation: Operation) -> Limits {
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
    Limits {
        explicit_only,
        exactly_one,
        at_most,
    }
}

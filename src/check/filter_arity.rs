//! `dms::filter_arity`: a filter operator and the values given to it disagree.

use crate::ast::{FilterArity, Rule, Text};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Selection(rule) = rule else {
        return;
    };
    for condition in rule.filters.iter().flat_map(|f| &f.conditions) {
        let Some(operator) = condition.operator else {
            continue;
        };
        let op = operator.value;
        let present =
            |value: &Option<Text<'_>>, key: &'static str| value.as_ref().map(|v| (key, v.span));
        let value = present(&condition.value, "value");
        let start = present(&condition.start_value, "start-value");
        let end = present(&condition.end_value, "end-value");
        let (needs, extra): (Vec<&str>, Vec<(&str, crate::span::Span)>) = match op.arity() {
            FilterArity::One => (
                if value.is_none() {
                    vec!["value"]
                } else {
                    vec![]
                },
                [start, end].into_iter().flatten().collect(),
            ),
            FilterArity::Range => (
                [("start-value", start), ("end-value", end)]
                    .into_iter()
                    .filter(|(_, v)| v.is_none())
                    .map(|(k, _)| k)
                    .collect(),
                value.into_iter().collect(),
            ),
            FilterArity::None => (vec![], [value, start, end].into_iter().flatten().collect()),
        };
        let expected = match op.arity() {
            FilterArity::One => "one `value`",
            FilterArity::Range => "a `start-value` and an `end-value`",
            FilterArity::None => "no value",
        };
        if !needs.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::FilterArity,
                    format!(
                        "`{op}` needs {expected}, but has no `{}`",
                        needs.join("` or `")
                    ),
                    Label::new(operator.span, format!("takes {expected}")),
                )
                .with_help(format!(
                    "add {} to this condition",
                    needs
                        .iter()
                        .map(|k| format!("`\"{k}\": ...`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )),
            );
        }
        for (key, span) in extra {
            out.push(
                Diagnostic::error(
                    Code::FilterArity,
                    format!("`{op}` takes {expected}, not `{key}`"),
                    Label::new(span, format!("not used by `{op}`")),
                )
                .with_label(Label::new(operator.span, "the operator"))
                .with_help(match op.arity() {
                    FilterArity::None => {
                        format!("remove `{key}`: `{op}` tests the column alone")
                    }
                    FilterArity::One => format!("remove `{key}`, or use `between` for a range"),
                    FilterArity::Range => {
                        format!("remove `{key}`: a range is given by `start-value` and `end-value`")
                    }
                }),
            );
        }
    }
}

//! `dms::negative_filter_combined`: a negative operator (`noteq`, `notbetween`, `notnull`) must
//! be the only condition of its filter; DMS documents this limit.

use crate::ast::Rule;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Selection(rule) = rule else {
        return;
    };
    for filter in &rule.filters {
        if filter.conditions.len() < 2 {
            continue;
        }
        let operators: Vec<_> = filter
            .conditions
            .iter()
            .filter_map(|c| c.operator)
            .collect();
        let Some(negative) = operators.iter().find(|op| op.value.is_negative()) else {
            continue;
        };
        let mut diagnostic = Diagnostic::error(
            Code::NegativeFilterCombined,
            format!("`{}` cannot share a filter with other conditions", negative.value),
            Label::new(negative.span, "negative operator"),
        )
        .with_help(
            "put the negative condition in a filter of its own: conditions of one filter are OR-ed, separate filters are AND-ed",
        );
        for other in operators.iter().filter(|op| op.span != negative.span) {
            diagnostic = diagnostic.with_label(Label::new(other.span, "in the same filter"));
        }
        out.push(diagnostic);
    }
}

//! `dms::legacy_filter_operator`: `ste`, the spelling of `lte` in AWS examples until 2021.

use crate::ast::{FilterOperator, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Selection(rule) = rule else {
        return;
    };
    let operators = rule
        .filters
        .iter()
        .flat_map(|f| &f.conditions)
        .filter_map(|c| c.operator);
    for operator in operators.filter(|op| op.value == FilterOperator::Ste) {
        out.push(
            Diagnostic::warning(
                Code::LegacyFilterOperator,
                "`ste` is the old spelling of `lte`",
                Label::new(operator.span, "write `lte`"),
            )
            .with_help("current AWS documentation writes `lte` (less than or equal); use it, as `ste` may not be accepted everywhere")
            .with_fix(Fix::safe("write `lte`", Edit::json_string(operator.span, "ste", "lte"))),
        );
    }
}

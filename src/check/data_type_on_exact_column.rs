//! `dms::data_type_on_exact_column`: a transformation locator's `data-type` selects columns by
//! their type, which the AWS guide describes for transforming several columns at once (a
//! pattern in `column-name`); beside an exact column name it only restricts that one column.

use crate::ast::{PieceKind, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Transformation(t) = rule else {
        return;
    };
    let Some(locator) = &t.locator else {
        return;
    };
    let (Some(data_type), Some(column)) = (locator.data_type(), locator.column_name()) else {
        return;
    };
    // A name that failed to parse as a pattern is reported already.
    let Some(pattern) = &column.pattern else {
        return;
    };
    // A `_` alone (`SALE_AMOUNT`) is read as the name it almost always is, as
    // `dms::underscore_wildcard` reads it: only a `%` makes a pattern of several columns.
    let exact = !pattern
        .pieces()
        .iter()
        .any(|p| matches!(p.kind, PieceKind::AnyRun));
    if exact {
        out.push(
            Diagnostic::new(
                Code::DataTypeOnExactColumn,
                Severity::Advice,
                format!(
                    "`data-type` narrows the one column `{}` to columns of type `{}`",
                    column.value(),
                    data_type.value()
                ),
                Label::new(data_type.span(), "selects columns by type"),
            )
            .with_label(Label::new(column.span(), "an exact column name"))
            .with_help(
                "the AWS guide describes the locator's `data-type` for transforming several columns of one type, with a pattern such as `%` in `column-name`; for one named column, remove `data-type` (with it, the rule does nothing when the column has another type)",
            ),
        );
    }
}

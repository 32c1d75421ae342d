//! `dms::both_tablespace_names`: a transformation locator takes `table-tablespace-name` or
//! `index-tablespace-name`, not both (spec §3.5: "at most one of the two tablespace keys").

use crate::ast::Rule;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Transformation(t) = rule else {
        return;
    };
    let Some(locator) = &t.locator else {
        return;
    };
    let (Some(table), Some(index)) = (
        locator.table_tablespace_name(),
        locator.index_tablespace_name(),
    ) else {
        return;
    };
    // The label goes on the one written second.
    let (first, second) = if table.span().start < index.span().start {
        (table, index)
    } else {
        (index, table)
    };
    out.push(
        Diagnostic::error(
            Code::BothTablespaceNames,
            "this locator names both a table tablespace and an index tablespace",
            Label::new(second.span(), "second tablespace"),
        )
        .with_label(Label::new(first.span(), "first tablespace"))
        .with_help(
            "a transformation acts on one tablespace: keep `table-tablespace-name` with a `table-tablespace` target, or `index-tablespace-name` with an `index-tablespace` target, and write a second rule for the other",
        ),
    );
}

//! `dms::table_settings_wildcard`: table settings apply to one exactly named table; DMS rejects
//! a `%` in their locator.

use crate::ast::Rule;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

use super::first_percent;

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::TableSettings(settings) = rule else {
        return;
    };
    let Some(locator) = &settings.locator else {
        return;
    };
    for name in [locator.schema_name.as_ref(), locator.table_name()]
        .into_iter()
        .flatten()
    {
        if let Some(at) = first_percent(name) {
            out.push(
                Diagnostic::error(
                    Code::TableSettingsWildcard,
                    format!("`%` in the table-settings name `{}`", name.value()),
                    Label::new(name.sub_span(at, at + 1), "exact name required"),
                )
                .with_help(
                    "table settings need the exact schema and table name (DMS: `Exact schema and table name required when using table settings rule.`): write one rule per table",
                ),
            );
        }
    }
}

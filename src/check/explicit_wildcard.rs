//! `dms::explicit_wildcard`: a `%` where names are exact. In table mappings an `explicit` rule
//! and `define-primary-key` take exact names (an error); Schema Conversion compares `explicit`
//! names literally, so a `%` there matches only a name that contains `%` (a warning).

use crate::ast::{Name, Rule, SelectionAction, TransformationAction};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
use crate::options::Dialect;

use super::first_percent;

pub(super) fn check(rule: &Rule<'_>, dialect: Dialect, out: &mut Diagnostics) {
    match rule {
        Rule::Selection(selection)
            if selection.action.map(|a| a.value) == Some(SelectionAction::Explicit) =>
        {
            let Some(locator) = &selection.locator else {
                return;
            };
            for name in locator.names() {
                match dialect {
                    Dialect::TableMapping => report(name, Severity::Error, "an `explicit` rule names one table exactly: use `include` to select tables by pattern", out),
                    Dialect::SchemaConversion => report(name, Severity::Warning, "`explicit` rules compare names literally, so this matches only a name containing `%`: use `include` to select by pattern", out),
                    // `explicit` is not a data-migration action: reported already.
                    Dialect::DataMigration => {}
                }
            }
        }
        Rule::Transformation(t)
            if t.action.map(|a| a.value) == Some(TransformationAction::DefinePrimaryKey) =>
        {
            let Some(locator) = &t.locator else {
                return;
            };
            let exact = [locator.schema_name.as_ref(), locator.table_name()];
            for name in exact.into_iter().flatten() {
                report(name, Severity::Error, "`define-primary-key` needs the exact schema and table name: write one rule per table", out);
            }
        }
        _ => {}
    }
}

fn report(name: &Name<'_>, severity: Severity, help: &str, out: &mut Diagnostics) {
    let Some(at) = first_percent(name) else {
        return;
    };
    let diagnostic = Diagnostic::new(
        Code::ExplicitWildcard,
        severity,
        format!("`%` in `{}`, where the name is exact", name.value()),
        Label::new(name.sub_span(at, at + 1), "not a wildcard here"),
    )
    .with_help(help);
    // Schema Conversion takes the same rule with a warning.
    if severity == Severity::Error {
        out.push_table_mapping_only(diagnostic);
    } else {
        out.push(diagnostic);
    }
}

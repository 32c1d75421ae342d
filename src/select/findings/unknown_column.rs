//! `dms::unknown_column`: a filter, a column transformation or a `parallel-load` column naming
//! a column that no table the rule matches has, or an `add-column` naming one a table it
//! matches already has, in a catalog that lists columns (spec §3.11). A typo there makes DMS
//! fail the table at run time, or silently leaves the column as it was. Only exact names are
//! checked (a pattern may match nothing on purpose), and only against tables whose columns
//! the catalog lists; the help names a column that differs only in case.

use crate::ast::{Document, Name, Rule, RuleTarget, TransformationAction};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::select::catalog::{Catalog, CatalogObject, Kind, NameCase};
use crate::select::matcher::NameMatcher;
use crate::span::Span;

pub(super) fn check(document: &Document<'_>, catalog: &Catalog) -> Vec<Diagnostic> {
    if !catalog.has_columns() {
        return Vec::new();
    }
    let fold = |name: &str| match catalog.case {
        NameCase::Sensitive => name.to_string(),
        NameCase::Insensitive => name.to_lowercase(),
    };
    let matcher = |name: &Name<'_>| match catalog.case {
        NameCase::Sensitive => NameMatcher::of(name),
        NameCase::Insensitive => NameMatcher::of(name).folded(),
    };
    // The tables and views that list columns, with their names as the catalog compares them.
    let tables: Vec<(&CatalogObject, String, String)> = catalog
        .objects
        .iter()
        .filter(|o| !o.columns.is_empty() && (o.kind == Kind::TABLE || o.kind == Kind::View))
        .map(|o| (o, fold(&o.schema), fold(&o.name)))
        .collect();
    let mut found = Vec::new();

    // Filters: against the tables the selection rule matches.
    for rule in document.selection_rules() {
        if rule.filters.is_empty() {
            continue;
        }
        let (Some(locator), Some(_)) = (rule.locator.as_ref(), rule.action) else {
            continue;
        };
        let schema = locator.schema_name.as_ref().map(matcher);
        let table = locator.table_name().map(matcher);
        let matched = matching(&tables, schema.as_ref(), table.as_ref());
        for filter in &rule.filters {
            if let Some(column) = &filter.column_name {
                found.extend(missing(
                    &column.value,
                    column.span,
                    &matched,
                    catalog,
                    "filter",
                ));
            }
        }
    }

    // Column transformations with an exact column name.
    for rule in &document.rules {
        let Rule::Transformation(rule) = rule else {
            continue;
        };
        let (Some(target), Some(action), Some(locator)) =
            (rule.target, rule.action, rule.locator.as_ref())
        else {
            continue;
        };
        if target.value != RuleTarget::Column
            || action.value == TransformationAction::AddBeforeImageColumns
        {
            continue;
        }
        if action.value == TransformationAction::AddColumn {
            if let Some(value) = &rule.value {
                let schema = locator.schema_name.as_ref().map(matcher);
                let table = locator.table_name().map(matcher);
                let matched = matching(&tables, schema.as_ref(), table.as_ref());
                found.extend(existing(&value.value, value.span, &matched, catalog));
            }
            continue;
        }
        let Some(column) = locator.column_name() else {
            continue;
        };
        let NameMatcher::Exact(name) = NameMatcher::of(column) else {
            continue;
        };
        let schema = locator.schema_name.as_ref().map(matcher);
        let table = locator.table_name().map(matcher);
        let matched = matching(&tables, schema.as_ref(), table.as_ref());
        found.extend(missing(
            &name,
            column.span(),
            &matched,
            catalog,
            "transformation",
        ));
    }

    // The `columns` of a `parallel-load`: against the table the rule names.
    for rule in &document.rules {
        let Rule::TableSettings(rule) = rule else {
            continue;
        };
        let (Some(locator), Some(load)) = (rule.locator.as_ref(), rule.parallel_load.as_ref())
        else {
            continue;
        };
        let Some(columns) = &load.columns else {
            continue;
        };
        let schema = locator.schema_name.as_ref().map(matcher);
        let table = locator.table_name().map(matcher);
        let matched = matching(&tables, schema.as_ref(), table.as_ref());
        for column in &columns.value {
            found.extend(missing(
                &column.value,
                column.span,
                &matched,
                catalog,
                "parallel load",
            ));
        }
    }
    found
}

/// The finding for an `add-column` of `column` when a table it matches has that column
/// already: DMS cannot add a column of a name the table has.
fn existing(
    column: &str,
    span: Span,
    tables: &[&CatalogObject],
    catalog: &Catalog,
) -> Option<Diagnostic> {
    let same = |a: &str| match catalog.column_case {
        NameCase::Sensitive => a == column,
        NameCase::Insensitive => a.to_lowercase() == column.to_lowercase(),
    };
    let (table, has) = tables
        .iter()
        .find_map(|t| Some((t, t.columns.iter().find(|c| same(&c.name))?)))?;
    Some(
        Diagnostic::warning(
            Code::UnknownColumn,
            format!(
                "this `add-column` adds the column `{column}`, which `{}.{}` already has{}",
                table.schema,
                table.name,
                if has.name == column {
                    String::new()
                } else {
                    format!(" (as `{}`)", has.name)
                }
            ),
            Label::new(span, "the table has this column"),
        )
        .with_help(
            "give the new column a name the table does not have, or change the existing column              with `rename` or `change-data-type`",
        ),
    )
}

/// The tables whose schema and name fit the matchers.
fn matching<'t>(
    tables: &'t [(&'t CatalogObject, String, String)],
    schema: Option<&NameMatcher>,
    table: Option<&NameMatcher>,
) -> Vec<&'t CatalogObject> {
    tables
        .iter()
        .filter(|(_, s, t)| {
            schema.is_none_or(|m| m.matches(s)) && table.is_none_or(|m| m.matches(t))
        })
        .map(|(o, _, _)| *o)
        .collect()
}

/// The finding for `column` when none of `tables` has it; none when no table is matched.
fn missing(
    column: &str,
    span: Span,
    tables: &[&CatalogObject],
    catalog: &Catalog,
    what: &str,
) -> Option<Diagnostic> {
    let same = |a: &str| match catalog.column_case {
        NameCase::Sensitive => a == column,
        NameCase::Insensitive => a.to_lowercase() == column.to_lowercase(),
    };
    if tables.is_empty()
        || tables
            .iter()
            .any(|t| t.columns.iter().any(|c| same(&c.name)))
    {
        return None;
    }
    let first = tables[0];
    let where_ = if tables.len() == 1 {
        format!("`{}.{}` does not have", first.schema, first.name)
    } else {
        format!(
            "none of the {} tables it matches has (`{}.{}`, ...)",
            tables.len(),
            first.schema,
            first.name
        )
    };
    let near = tables
        .iter()
        .flat_map(|t| t.columns.iter())
        .find(|c| c.name.to_lowercase() == column.to_lowercase())
        .map(|c| c.name.clone());
    let diagnostic = Diagnostic::warning(
        Code::UnknownColumn,
        format!("this {what} names the column `{column}`, which {where_}"),
        Label::new(span, "no such column in the catalog"),
    );
    Some(match near {
        Some(near) => diagnostic.with_help(format!(
            "did you mean `{near}`? Column names are case-sensitive"
        )),
        None => diagnostic.with_help(
            "name a column the table has, as the catalog spells it, or check that the catalog is \
             the task's source",
        ),
    })
}

//! `dms::uppercase_target`: an Oracle or Db2 source (upper-case names) into PostgreSQL or
//! Aurora PostgreSQL, where selected objects keep upper-case target names. DMS creates them
//! quoted, and unquoted SQL (`select * from employees`) does not find them; the published
//! remedy is `convert-lowercase` rules for schema, table and column [KC-ORA-PG] (spec §3.11).
//! One finding a document, with those rules as an unsafe fix.

use crate::ast::{Document, Rule};
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix, Label};
use crate::engine::Engine;

use super::{qualified, Listed, Targets};

pub(super) fn check(
    document: &Document<'_>,
    targets: &Targets<'_, '_, '_>,
    source: Engine,
    target: Engine,
) -> Option<Diagnostic> {
    if !source.names_upper_case() || !target.is_postgres() {
        return None;
    }
    let upper = |name: &str| name.chars().any(char::is_uppercase);
    let mut listed = Listed::default();
    let mut first = None;
    for (i, object, acted) in targets.selected() {
        let t = &acted.target;
        if !upper(&t.schema) && !upper(&t.name) {
            continue;
        }
        first = first.or_else(|| targets.selected_by(i));
        listed.add(|| {
            format!(
                "{} as {}",
                qualified(&object.schema, &object.name),
                qualified(&t.schema, &t.name)
            )
        });
    }
    let span = first?;
    let count = listed.count;
    let objects = if count == 1 { "object" } else { "objects" };
    let diagnostic = Diagnostic::new(
        Code::UppercaseTarget,
        crate::diagnostic::Severity::Advice,
        format!(
            "{count} selected {objects} keep upper-case names on {}: {}",
            target.display_name(),
            listed.text()
        ),
        Label::new(span, "selects objects that arrive in upper case"),
    )
    .with_help(format!(
        "{} creates them as quoted names, which unquoted SQL does not find: add \
         `convert-lowercase` rules for the schema, the tables and the columns",
        target.display_name()
    ));
    Some(match fix(document) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    })
}

/// `convert-lowercase` for every schema, table and column, appended to the `rules` array with
/// the next free ids. Unsafe: a transformation with a lower `rule-id` that acts on the same
/// object still wins, and the new rules may then conflict with it.
fn fix(document: &Document<'_>) -> Option<Fix> {
    let next = document
        .rules
        .iter()
        .filter_map(|r| r.header().rule_id.as_ref()?.value())
        .max()
        .unwrap_or(0)
        .checked_add(1)?;
    let rule = |id: u64, level: &str, locator: &str| {
        format!(
            r#"{{"rule-type": "transformation", "rule-id": "{id}", "rule-name": "lowercase-{level}s", "rule-target": "{level}", "object-locator": {{{locator}}}, "rule-action": "convert-lowercase"}}"#
        )
    };
    let rules = [
        rule(next, "schema", r#""schema-name": "%""#),
        rule(
            next + 1,
            "table",
            r#""schema-name": "%", "table-name": "%""#,
        ),
        rule(
            next + 2,
            "column",
            r#""schema-name": "%", "table-name": "%", "column-name": "%""#,
        ),
    ];
    let close = document.span.end.checked_sub(1)?;
    let separator = if document
        .rules
        .iter()
        .any(|r| !matches!(r, Rule::Invalid(_)))
    {
        ",\n"
    } else {
        "\n"
    };
    let text = format!("{separator}{}\n", rules.join(",\n"));
    Some(Fix::new(
        Applicability::Unsafe,
        "add `convert-lowercase` rules for schemas, tables and columns",
        vec![Edit::insert(close, text)],
    ))
}

//! `dms::rule_matches_nothing`: a selection rule that no object of the catalog fits.
//!
//! The label goes on the first locator name, top down, that nothing in the catalog fits, and
//! the help names what is there instead: the same name in another case first (names are
//! case-sensitive, and a wrong case is the usual slip), else a few of the names that exist.

use std::collections::BTreeSet;

use crate::ast::{Name, ObjectKind, TableType};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::options::Dialect;

use super::catalog::{Catalog, CatalogObject, Kind, NameCase};
use super::matcher::NameMatcher;
use super::selection::{fits, Compiled, Explanation, Selector};

/// How many existing names a help lists.
const LISTED: usize = 5;

impl Selector<'_, '_> {
    /// A `dms::rule_matches_nothing` warning for every rule that `explanation` found matching
    /// no object of `catalog`.
    pub fn rule_matches_nothing(
        &self,
        explanation: &Explanation,
        catalog: &Catalog,
    ) -> Vec<Diagnostic> {
        if catalog.case == NameCase::Insensitive {
            return self
                .folded_for_case()
                .rule_matches_nothing(explanation, &catalog.folded());
        }
        explanation
            .unmatched()
            .filter_map(|i| self.rules.get(i))
            .map(|rule| diagnose(rule, catalog, self.dialect()))
            .collect()
    }
}

fn diagnose(rule: &Compiled<'_, '_>, catalog: &Catalog, dialect: Dialect) -> Diagnostic {
    let id = rule
        .rule
        .header
        .rule_id
        .as_ref()
        .map(|id| format!(" (id {})", id.digits()))
        .unwrap_or_default();
    let message = format!(
        "this `{}` rule{id} matches no object in the catalog",
        rule.action
    );
    let (label, help) = locate(rule, catalog, dialect);
    // Whether a rule matches depends on the rules before it, any of which could be unknown.
    let diagnostic =
        Diagnostic::warning(Code::RuleMatchesNothing, message, label).about_whole_set();
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The first level of the locator that nothing fits, and what to say about it.
fn locate(rule: &Compiled<'_, '_>, catalog: &Catalog, dialect: Dialect) -> (Label, Option<String>) {
    let whole = rule
        .rule
        .locator
        .as_ref()
        .map_or(rule.rule.header.span, |l| l.span);
    let Some(locator) = rule.rule.locator.as_ref() else {
        return (Label::new(whole, "matches nothing"), None);
    };
    let objects = &catalog.objects;

    let servers = names(objects.iter().filter_map(|o| o.server.as_deref()));
    if let Some(found) = missing(
        "server",
        rule.server.as_ref(),
        locator.server_name.as_ref(),
        &servers,
    ) {
        return found;
    }
    let on_server: Vec<&CatalogObject> = objects
        .iter()
        .filter(|o| fits(rule.server.as_ref(), o.server.as_deref()))
        .collect();
    let databases = names(on_server.iter().filter_map(|o| o.database.as_deref()));
    if let Some(found) = missing(
        "database",
        rule.database.as_ref(),
        locator.database_name(),
        &databases,
    ) {
        return found;
    }
    let schemas = names(
        on_server
            .iter()
            .filter(|o| fits(rule.database.as_ref(), o.database.as_deref()))
            .map(|o| o.schema.as_str()),
    );
    if schemas.is_empty() {
        return (
            Label::new(whole, "the catalog holds no object"),
            Some("list the objects of the database in the catalog".into()),
        );
    }
    if let Some(found) = missing(
        "schema",
        rule.schema.as_ref(),
        locator.schema_name.as_ref(),
        &schemas,
    ) {
        return found;
    }

    let placed: Vec<&CatalogObject> = objects.iter().filter(|o| rule.matches_place(o)).collect();
    let kinds_fit = |o: &CatalogObject| rule.kinds & o.kind.bit() != 0;
    if let (Some(matcher), Some((key, name))) = (rule.object.as_ref(), locator.object.as_ref()) {
        let named: Vec<&CatalogObject> = placed
            .iter()
            .copied()
            .filter(|o| matcher.matches(&o.name))
            .collect();
        if named.is_empty() {
            // Suggest objects of the right kind first.
            let fitting = names(
                placed
                    .iter()
                    .filter(|o| kinds_fit(o))
                    .map(|o| o.name.as_str()),
            );
            let any = names(placed.iter().map(|o| o.name.as_str()));
            let noun = match key.value {
                ObjectKind::Table => "table",
                other => other.noun(),
            };
            let help = suggestion(noun, matcher, &fitting)
                .or_else(|| suggestion(noun, matcher, &any))
                .unwrap_or_else(|| listing(noun, &fitting));
            return (
                Label::new(name.span(), no_name_label(noun, name)),
                Some(help),
            );
        }
        if let Some(object) = named.first() {
            let span = locator.table_type.map_or(key.span, |t| t.span);
            return (
                Label::new(
                    span,
                    format!(
                        "`{}`.`{}` has this name, but it is a {}",
                        object.schema, object.name, object.kind
                    ),
                ),
                Some(kind_help(
                    dialect,
                    key.value,
                    locator.table_type.map(|t| t.value),
                    object.kind,
                )),
            );
        }
    }
    if !placed.is_empty() && !placed.iter().any(|o| kinds_fit(o)) {
        let span = locator
            .category_name()
            .map(Name::span)
            .or(locator.table_type.map(|t| t.span))
            .unwrap_or(whole);
        let kinds: BTreeSet<&str> = placed.iter().map(|o| o.kind.as_str()).collect();
        let kinds: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
        let listed = match kinds.split_last() {
            Some((last, [])) => format!("the kind {last}"),
            Some((last, rest)) => format!("the kinds {} and {last}", rest.join(", ")),
            None => "no kind".into(),
        };
        return (
            Label::new(span, "no object of this kind here"),
            Some(format!("the objects this locator reaches are of {listed}")),
        );
    }
    (
        Label::new(whole, "no object fits every part of this locator"),
        None,
    )
}

fn names<'c>(values: impl Iterator<Item = &'c str>) -> BTreeSet<&'c str> {
    values.collect()
}

/// The label and help when `matcher` fits none of `existing`; `None` when it fits one, or
/// there is no name to compare (the catalog has no such column, or the locator no such key).
fn missing(
    what: &str,
    matcher: Option<&NameMatcher>,
    name: Option<&Name<'_>>,
    existing: &BTreeSet<&str>,
) -> Option<(Label, Option<String>)> {
    let (matcher, name) = (matcher?, name?);
    if existing.is_empty() || existing.iter().any(|e| matcher.matches(e)) {
        return None;
    }
    let help = suggestion(what, matcher, existing).unwrap_or_else(|| listing(what, existing));
    Some((
        Label::new(name.span(), no_name_label(what, name)),
        Some(help),
    ))
}

fn no_name_label(what: &str, name: &Name<'_>) -> String {
    if name.pattern.as_ref().is_some_and(|p| p.has_wildcards()) {
        format!("no {what} in the catalog fits this pattern")
    } else {
        format!("no {what} in the catalog has this name")
    }
}

/// "did you mean schema `hr`?" when a name fits once case is ignored.
fn suggestion(what: &str, matcher: &NameMatcher, existing: &BTreeSet<&str>) -> Option<String> {
    let folded = matcher.folded();
    let near = existing
        .iter()
        .find(|name| folded.matches(&name.to_lowercase()))?;
    Some(format!(
        "did you mean {what} `{near}`? Names are case-sensitive"
    ))
}

/// "the catalog has the schemas `a`, `b` and 3 more"
fn listing(what: &str, existing: &BTreeSet<&str>) -> String {
    if existing.is_empty() {
        return format!("the catalog has no {what} here");
    }
    let shown: Vec<String> = existing
        .iter()
        .take(LISTED)
        .map(|name| format!("`{name}`"))
        .collect();
    let more = existing.len().saturating_sub(LISTED);
    let plural = if existing.len() == 1 { "" } else { "s" };
    if more > 0 {
        format!(
            "the catalog has the {what}{plural} {} and {more} more",
            shown.join(", ")
        )
    } else {
        format!("the catalog has the {what}{plural} {}", shown.join(", "))
    }
}

/// How to select an object of `found` kind that a locator named with the wrong key or type.
fn kind_help(
    dialect: Dialect,
    key: ObjectKind,
    table_type: Option<TableType>,
    found: Kind,
) -> String {
    match (found, dialect) {
        (_, Dialect::DataMigration) => {
            "data-migration selection rules have no `table-type`: they select tables".into()
        }
        (Kind::View, Dialect::TableMapping) => {
            "add `\"table-type\": \"view\"` (or `\"all\"`) to the locator to select views".into()
        }
        (Kind::View, Dialect::SchemaConversion) => {
            "add `\"table-type\": \"view\"` to the locator to select views".into()
        }
        (Kind::Object(ObjectKind::Table), _) if table_type.is_some() => {
            "remove `table-type`, or set it to `table`, to select tables".into()
        }
        (Kind::Object(kind), Dialect::SchemaConversion) if kind != key => {
            format!(
                "name it with `{}` instead of `{}`",
                kind.as_str(),
                key.as_str()
            )
        }
        (_, Dialect::TableMapping) => "table mappings select tables and views only".into(),
        _ => format!("the locator names a `{}`", key.as_str()),
    }
}

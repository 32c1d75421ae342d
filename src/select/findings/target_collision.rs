//! `dms::target_collision`: two selected source objects that the transformations give one
//! target schema and name. "AWS DMS doesn't support replicating two source tables to a single
//! target table" [TM-TR] (spec §3.11). Names compare as the target engine compares them: case
//! aside where it ignores case, and PostgreSQL's cut at 63 bytes; exactly without an engine.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::engine::Engine;
use crate::span::Span;

use super::{qualified, Targets};

pub(super) fn check(targets: &Targets<'_, '_, '_>, engine: Option<Engine>) -> Vec<Diagnostic> {
    let ignore_case = engine.is_some_and(Engine::target_names_ignore_case);
    let limit = engine.and_then(Engine::identifier_limit);
    let key = |name: &str| {
        let stored = limit.map_or(name, |l| l.stored(name));
        if ignore_case {
            stored.to_lowercase()
        } else {
            stored.to_string()
        }
    };
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    let mut found = Vec::new();
    for (i, object, acted) in targets.selected() {
        let target = &acted.target;
        let k = (key(&target.schema), key(&target.name));
        let Some(&j) = first.get(&k) else {
            first.insert(k, i);
            continue;
        };
        let other = &targets.catalog.objects[j];
        let other_acted = targets.acted[j].as_ref().expect("a selected object");
        // The rule that made the names meet: the table rule when the source names differ,
        // else the schema rule, else the selection rule.
        let same_name = object.name == other.name;
        let maker = |i: usize, acted: &super::Acted| -> Option<Span> {
            let rule = if same_name {
                acted.schema_rule
            } else {
                acted.table_rule.or(acted.schema_rule)
            };
            rule.or_else(|| targets.selected_by(i))
        };
        let (Some(here), there) = (maker(i, acted), maker(j, other_acted)) else {
            continue;
        };
        let this = qualified(&object.schema, &object.name);
        let that = qualified(&other.schema, &other.name);
        // Where PostgreSQL's cut made the names meet, the name both are stored as.
        let stored = |name: &'_ str| limit.map_or(name.to_string(), |l| l.stored(name).to_string());
        let onto = qualified(&stored(&target.schema), &stored(&target.name));
        let message = format!(
            "{that} and {this} both become {onto} on the target: DMS does not replicate two \
             source tables to one target table"
        );
        let mut diagnostic = match there {
            Some(there) if there != here => Diagnostic::error(
                Code::TargetCollision,
                message,
                Label::new(here, format!("makes {this} {onto}")),
            )
            .with_label(Label::new(there, format!("makes {that} {onto} too"))),
            _ => Diagnostic::error(
                Code::TargetCollision,
                message,
                Label::new(here, format!("makes both {onto}")),
            ),
        };
        let fold = |name: &str| {
            if ignore_case {
                name.to_lowercase()
            } else {
                name.to_string()
            }
        };
        let cut = fold(&target.name) != fold(&other_acted.target.name)
            || fold(&target.schema) != fold(&other_acted.target.schema);
        let how = match (engine, limit) {
            (Some(e), Some(l)) if cut => format!(
                " ({} keeps the first {} {} of a name)",
                e.display_name(),
                l.max,
                l.unit.plural()
            ),
            (Some(e), _) if ignore_case && target.name != other_acted.target.name => {
                format!(" ({} does not tell names apart by case)", e.display_name())
            }
            _ => String::new(),
        };
        diagnostic = diagnostic.with_help(format!(
            "give one of the two a target name of its own{how}: narrow this rule's locator, or \
             `rename` one of them with a rule of lower `rule-id`"
        ));
        found.push(diagnostic);
    }
    found
}

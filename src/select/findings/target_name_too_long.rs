//! `dms::target_name_too_long`: a target schema or table name longer than the target engine
//! takes, counted in the engine's unit (spec §3.11). PostgreSQL cuts such a name rather than
//! refusing it, so two long names can become one; the other engines refuse the table.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::engine::Engine;
use crate::span::Span;

use super::{qualified, Listed, Targets};

pub(super) fn check(targets: &Targets<'_, '_, '_>, engine: Engine) -> Vec<Diagnostic> {
    let Some(limit) = engine.identifier_limit() else {
        return Vec::new();
    };
    // By the rule that made the name (or selected it), and the level: the names, and the
    // longest one's length.
    let mut groups: BTreeMap<(Span, &str), (Listed, usize)> = BTreeMap::new();
    for (i, object, acted) in targets.selected() {
        let target = &acted.target;
        for (level, name, rule) in [
            ("schema", &target.schema, acted.schema_rule),
            ("table", &target.name, acted.table_rule),
        ] {
            if limit.fits(name) {
                continue;
            }
            let Some(span) = rule.or_else(|| targets.selected_by(i)) else {
                continue;
            };
            let group = groups.entry((span, level)).or_default();
            group
                .0
                .add(|| format!("{} as `{name}`", qualified(&object.schema, &object.name)));
            group.1 = group.1.max(limit.unit.length(name));
        }
    }
    let unit = limit.unit.plural();
    groups
        .into_iter()
        .map(|((span, level), (listed, longest))| {
            let count = listed.count;
            let what = if count == 1 {
                format!("a {level} name")
            } else {
                format!("{count} {level} names")
            };
            let cut = if limit.truncates {
                format!(
                    "; {} cuts longer names to {} {unit}, so two of them can become one",
                    engine.display_name(),
                    limit.max
                )
            } else {
                String::new()
            };
            Diagnostic::error(
                Code::TargetNameTooLong,
                format!(
                    "{what} on the target longer than the {} {unit} {} takes: {}",
                    limit.max,
                    engine.display_name(),
                    listed.text()
                ),
                Label::new(span, format!("up to {longest} {unit}")),
            )
            .with_help(format!(
                "shorten the {level} name to at most {} {unit} with a `rename` (or a shorter \
                 prefix or suffix){cut}",
                limit.max
            ))
        })
        .collect()
}

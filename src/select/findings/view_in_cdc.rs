//! `dms::view_in_cdc`: views selected in a task whose migration type is `cdc`. DMS loads views
//! only in full load [TM-SEL] (spec §3.11): a `cdc` task replicates nothing from them.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Label};
use crate::select::catalog::Kind;
use crate::span::Span;

use super::{qualified, Listed, Targets};

pub(super) fn check(targets: &Targets<'_, '_, '_>) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<Span, Listed> = BTreeMap::new();
    for (i, object, _) in targets.selected() {
        if object.kind != Kind::View {
            continue;
        }
        // The rule's `table-type`, which is what lets it select views.
        let rule = targets.explanation.verdicts[i]
            .decided_by
            .and_then(|r| targets.selector.rule(r));
        let Some(span) = rule
            .and_then(|r| r.locator.as_ref())
            .map(|l| l.table_type.map_or(l.span, |t| t.span))
        else {
            continue;
        };
        groups
            .entry(span)
            .or_default()
            .add(|| qualified(&object.schema, &object.name));
    }
    groups
        .into_iter()
        .map(|(span, listed)| {
            let count = listed.count;
            let views = if count == 1 { "view" } else { "views" };
            Diagnostic::warning(
                Code::ViewInCdc,
                format!(
                    "this rule selects the {views} {} in a `cdc` task: DMS loads views only in \
                     full load",
                    listed.text()
                ),
                Label::new(span, format!("selects {count} {views}")),
            )
            .with_help(
                "load the views in a `full-load` (or `full-load-and-cdc`) task, or set \
                 `\"table-type\": \"table\"` here to leave them out of this one",
            )
        })
        .collect()
}

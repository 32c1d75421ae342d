//! `dms::views_not_selected`: a catalog view whose schema and name an `include` rule's
//! locator matches, left out because the rule's `table-type` is absent or `table` (spec §3.2,
//! §3.11). A real migration lost its views this way, silently. Table mappings only: Schema
//! Conversion names views by `category-name` or `table-type` on purpose.

use std::collections::BTreeMap;

use crate::ast::SelectionAction;
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::options::Dialect;
use crate::select::catalog::{Catalog, Kind, NameCase};
use crate::select::selection::{Explanation, Selector};

use super::{qualified, Listed};

pub(super) fn check(
    selector: &Selector<'_, '_>,
    explanation: &Explanation,
    catalog: &Catalog,
) -> Vec<Diagnostic> {
    if selector.dialect() != Dialect::TableMapping {
        return Vec::new();
    }
    let folded;
    let (selector, matched) = if catalog.case == NameCase::Insensitive {
        folded = (selector.folded_for_case(), catalog.folded());
        (&folded.0, &folded.1)
    } else {
        (selector, catalog)
    };
    let mut groups: BTreeMap<usize, Listed> = BTreeMap::new();
    let mut candidates = Vec::new();
    for (i, (object, verdict)) in matched
        .objects
        .iter()
        .zip(&explanation.verdicts)
        .enumerate()
    {
        if object.kind != Kind::View || verdict.selected {
            continue;
        }
        selector.candidates(object, &mut candidates);
        // The first rule that would select the view were it a table.
        let rule = candidates.iter().copied().find(|&r| {
            let rule = &selector.rules[r];
            rule.action != SelectionAction::Exclude
                && rule.kinds & Kind::View.bit() == 0
                && rule.matches(object, Kind::TABLE.bit())
        });
        let Some(rule) = rule else { continue };
        let source = &catalog.objects[i];
        groups
            .entry(rule)
            .or_default()
            .add(|| qualified(&source.schema, &source.name));
    }
    groups
        .into_iter()
        .filter_map(|(rule, listed)| {
            let count = listed.count;
            let locator = selector.rules[rule].rule.locator.as_ref()?;
            let span = match (locator.table_type, &locator.object) {
                (Some(table_type), _) => table_type.span,
                (None, Some((_, name))) => name.span(),
                (None, None) => locator.span,
            };
            let views = if count == 1 { "view" } else { "views" };
            Some(
                Diagnostic::warning(
                    Code::ViewsNotSelected,
                    format!(
                        "this rule's locator matches the {views} {}, but it selects tables only: \
                         DMS leaves the {views} out",
                        listed.text()
                    ),
                    Label::new(span, format!("tables only; {count} {views} left out")),
                )
                .with_help(
                    r#"add `"table-type": "all"` to the locator to migrate the views too (or `"view"` in a rule of their own); if they are meant to stay behind, nothing to do"#,
                ),
            )
        })
        .collect()
}

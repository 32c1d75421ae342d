//! The objects of a catalog that a change newly selects, or no longer selects.

use crate::ast::{Document, SelectionRule};
use crate::select::{Catalog, Renamer, Selector, TargetName};

/// An object that one document selects and the other does not.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectChange<'d, 'a> {
    /// The object, as an index into [`Catalog::objects`].
    pub object: usize,
    /// Whether the new rules select it; the old ones did the opposite.
    pub selected: bool,
    /// The rule of the new document that decides it, if any.
    pub now: Option<&'d SelectionRule<'a>>,
    /// The rule of the old document that decided it, if any.
    pub before: Option<&'d SelectionRule<'a>>,
}

/// The objects of `catalog` whose selection differs between the `old` and `new` documents,
/// in catalog order. Each document is explained in its own dialect
/// ([`Selector::explain`]); the time is linear in the number of objects.
pub fn objects<'d, 'a>(
    old: &'d Document<'a>,
    new: &'d Document<'a>,
    catalog: &Catalog,
) -> Vec<ObjectChange<'d, 'a>> {
    let before = Selector::new(old);
    let now = Selector::new(new);
    let was = before.explain(catalog);
    let is = now.explain(catalog);
    was.verdicts
        .iter()
        .zip(&is.verdicts)
        .enumerate()
        .filter(|(_, (was, is))| was.selected != is.selected)
        .map(|(object, (was, is))| ObjectChange {
            object,
            selected: is.selected,
            now: is.decided_by.and_then(|i| now.rule(i)),
            before: was.decided_by.and_then(|i| before.rule(i)),
        })
        .collect()
}

/// An object both documents select, whose target schema or name differs between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetChange {
    /// The object, as an index into [`Catalog::objects`].
    pub object: usize,
    /// Its target under the old rules.
    pub before: TargetName,
    /// Its target under the new rules.
    pub now: TargetName,
}

/// The objects of `catalog` that both documents select and that the new rules give another
/// target schema or name ([`Renamer`]), in catalog order. Objects only one side selects are
/// [`objects`]' business.
pub fn targets(old: &Document<'_>, new: &Document<'_>, catalog: &Catalog) -> Vec<TargetChange> {
    let was = Selector::new(old).explain(catalog);
    let is = Selector::new(new).explain(catalog);
    let before = Renamer::new(old, catalog.case).targets(catalog, &was);
    let now = Renamer::new(new, catalog.case).targets(catalog, &is);
    before
        .into_iter()
        .zip(now)
        .enumerate()
        .filter_map(|(object, (before, now))| {
            let (before, now) = (before?, now?);
            (before.schema != now.schema || before.name != now.name).then_some(TargetChange {
                object,
                before,
                now,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::CatalogObject;
    use crate::Options;

    #[test]
    fn targets_lists_the_objects_both_sides_select_under_another_name() {
        let doc = |transformation: &str| {
            format!(
                r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
  "rule-action": "include", "object-locator": {{"schema-name": "HR", "table-name": "%"}}}}{transformation}]}}"#
            )
        };
        let old = doc("");
        let new = doc(
            r#", {"rule-type": "transformation", "rule-id": "2", "rule-name": "lower",
  "rule-target": "table", "rule-action": "convert-lowercase",
  "object-locator": {"schema-name": "HR", "table-name": "E%"}}"#,
        );
        let (old, new) = (
            crate::check(&old, &Options::default()),
            crate::check(&new, &Options::default()),
        );
        let catalog = Catalog {
            objects: vec![
                CatalogObject::table("HR", "EMP"),
                CatalogObject::table("HR", "JOBS"),
                CatalogObject::table("SALES", "EMP"),
            ],
            ..Catalog::default()
        };
        let changes = targets(old.document().unwrap(), new.document().unwrap(), &catalog);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].object, 0);
        assert_eq!(changes[0].before.name, "EMP");
        assert_eq!(changes[0].now.name, "emp");
        assert_eq!(changes[0].now.rules[0].digits(), "2");
    }
}

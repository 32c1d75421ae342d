//! The objects of a catalog that a change newly selects, or no longer selects.

use crate::ast::{Document, SelectionRule};
use crate::select::{Catalog, Selector};

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

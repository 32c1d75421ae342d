//! Which objects of a database the selection rules select, and which rule decided each.
//!
//! Layered bottom up:
//!
//! 1. `matcher`: one locator name against one object name (exact, or a DMS wildcard
//!    pattern);
//! 2. `catalog`: the objects to select from, read from CSV or a live PostgreSQL, MySQL or
//!    MariaDB;
//! 3. `index`: the rules filed by schema and object name, so each object tries only the rules
//!    that can match it;
//! 4. [`Selector`]: the dialect's semantics (`grammar/selection.md`), object by object;
//! 5. `unmatched`: the `dms::rule_matches_nothing` diagnostics;
//! 6. `transformation`: transformations that match the same objects through wildcards, of
//!    which DMS applies only one (`dms::conflicting_transformation`);
//! 7. `target`: what each selected object is called on the target, after the schema and
//!    table transformations;
//! 8. `columns`: what each column of a selected table is called and typed on the target,
//!    after the column transformations.
//!
//! ```
//! use dms_rules::select::{Catalog, CatalogObject, Selector};
//!
//! let rules = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
//!   "object-locator": {"schema-name": "HR", "table-name": "EMP%"}, "rule-action": "include"}]}"#;
//! let checked = dms_rules::check(rules, &dms_rules::Options::default());
//! let document = checked.document().expect("a rules document");
//! let catalog = Catalog {
//!     objects: vec![CatalogObject::table("HR", "EMPLOYEES"), CatalogObject::table("HR", "JOBS")],
//!     ..Catalog::default()
//! };
//! let selector = Selector::new(document);
//! let explanation = selector.explain(&catalog);
//! assert_eq!(explanation.selected_count(), 1);
//! assert!(selector.rule_matches_nothing(&explanation, &catalog).is_empty());
//! ```

mod catalog;
mod columns;
mod findings;
mod index;
pub(crate) mod matcher;
mod selection;
mod target;
mod transformation;
mod unmatched;

pub use catalog::{Catalog, CatalogError, CatalogObject, Column, Kind, NameCase};
pub use columns::{
    ColumnBuffer, ColumnRenamer, ColumnTarget, ColumnView, Columns, TableColumns, TargetColumn,
    TargetColumnRef,
};
pub use findings::{catalog_findings, target_findings};
pub use selection::{Explanation, Selector, Verdict};
pub use target::{target_names, transform_name, Renamer, TargetName};
pub use transformation::transformation_conflicts;

use crate::ast::Document;
use crate::diagnostic::Diagnostic;

/// A `dms::rule_matches_nothing` warning for every selection rule of `document` that matches
/// no object of `catalog`.
pub fn unmatched_rules(document: &Document<'_>, catalog: &Catalog) -> Vec<Diagnostic> {
    let selector = Selector::new(document);
    let explanation = selector.explain(catalog);
    selector.rule_matches_nothing(&explanation, catalog)
}

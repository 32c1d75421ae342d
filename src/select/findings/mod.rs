//! What a catalog tells about the rules, beyond what they select: every finding that needs the
//! objects themselves, in one call for `lint --catalog` and `explain`.
//!
//! The target-side findings (spec §3.11) work on the targets [`Renamer`] gives the selected
//! objects; each module is named after its code.

mod lob_column_transformation;
mod special_character_column;
mod target_collision;
mod target_name_too_long;
mod unknown_column;
mod uppercase_target;
mod view_in_cdc;
mod views_not_selected;

use crate::ast::Document;
use crate::diagnostic::Diagnostic;
use crate::options::Options;
use crate::span::Span;

use super::catalog::{Catalog, CatalogObject};
use super::columns::ColumnRenamer;
use super::selection::{Explanation, Selector};
use super::target::{Acted, Renamer};

/// How many objects a finding names before "and N more".
const LISTED: usize = 3;

/// Every finding `catalog` raises about `document`: selection rules that match nothing,
/// transformations another keeps from acting, and what the rules make on the target
/// (collisions, over-long names, upper-case names for PostgreSQL, views left out or selected
/// in a `cdc` task, unknown columns, transformations of LOB columns and of columns whose names
/// DMS cannot transform), as `options` (engines,
/// migration type) allow.
///
/// This is the one entry point for every catalog finding: `lint --catalog` calls it, and so
/// should any other front end given a catalog (the language server, with the catalog and
/// engines of `dms-rules.toml` in `options`):
///
/// ```
/// use dms_rules::select::{catalog_findings, Catalog};
///
/// let rules = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "a",
///   "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
///  {"rule-type": "transformation", "rule-id": "2", "rule-name": "b", "rule-target": "column",
///   "object-locator": {"schema-name": "HR", "table-name": "EMP", "column-name": "%"},
///   "rule-action": "convert-lowercase"}]}"#;
/// let options = dms_rules::Options::default();
/// let checked = dms_rules::check(rules, &options);
/// let catalog = Catalog::from_csv(b"schema,name,column,type\nHR,EMP,PHOTO,BLOB\n").unwrap();
/// let found = catalog_findings(checked.document().unwrap(), &catalog, &options);
/// assert_eq!(found[0].code.as_str(), "dms::lob_column_transformation");
/// ```
pub fn catalog_findings(
    document: &Document<'_>,
    catalog: &Catalog,
    options: &Options,
) -> Vec<Diagnostic> {
    let selector = Selector::new(document);
    let explanation = selector.explain(catalog);
    let mut found = selector.rule_matches_nothing(&explanation, catalog);
    found.extend(super::transformation_conflicts(document, catalog));
    found.extend(target_findings(
        document,
        &selector,
        &explanation,
        catalog,
        options,
    ));
    found
}

/// The target-side findings alone, for a caller that has explained the catalog already.
pub fn target_findings(
    document: &Document<'_>,
    selector: &Selector<'_, '_>,
    explanation: &Explanation,
    catalog: &Catalog,
    options: &Options,
) -> Vec<Diagnostic> {
    let renamer = Renamer::new(document, catalog.case);
    let acted = renamer.acted(catalog, explanation);
    let targets = Targets {
        catalog,
        selector,
        explanation,
        acted: &acted,
    };
    let mut found = target_collision::check(&targets, options.target_engine);
    if let Some(engine) = options.target_engine {
        found.extend(target_name_too_long::check(&targets, engine));
    }
    if let (Some(source), Some(target)) = (options.source_engine, options.target_engine) {
        found.extend(uppercase_target::check(document, &targets, source, target));
    }
    found.extend(views_not_selected::check(selector, explanation, catalog));
    found.extend(unknown_column::check(document, catalog));
    if catalog.has_columns() {
        let columns =
            ColumnRenamer::new(document, catalog).with_source_engine(options.source_engine);
        if !columns.is_empty() {
            found.extend(special_character_column::check(&targets, &columns));
            if catalog
                .objects
                .iter()
                .any(|o| o.columns.iter().any(|c| c.data_type.is_some()))
            {
                found.extend(lob_column_transformation::check(&targets, &columns));
            }
        }
    }
    if options.migration_type == Some(crate::options::MigrationType::Cdc) {
        found.extend(view_in_cdc::check(&targets));
    }
    found
}

/// The selected objects with their targets, and where the rules that named them are.
struct Targets<'t, 'd, 'a> {
    catalog: &'t Catalog,
    selector: &'t Selector<'d, 'a>,
    explanation: &'t Explanation,
    acted: &'t [Option<Acted>],
}

impl Targets<'_, '_, '_> {
    /// Every selected object, with its index in the catalog and its target.
    fn selected(&self) -> impl Iterator<Item = (usize, &CatalogObject, &Acted)> + '_ {
        self.catalog
            .objects
            .iter()
            .zip(self.acted)
            .enumerate()
            .filter_map(|(i, (object, acted))| Some((i, object, acted.as_ref()?)))
    }

    /// The locator of the selection rule that selected object `i`: its `table-name` when it
    /// has one, else the whole locator.
    fn selected_by(&self, i: usize) -> Option<Span> {
        let rule = self
            .selector
            .rule(self.explanation.verdicts[i].decided_by?)?;
        let locator = rule.locator.as_ref()?;
        Some(
            locator
                .object
                .as_ref()
                .map_or(locator.span, |(_, name)| name.span()),
        )
    }
}

/// `HR`.`EMP` as findings name an object.
fn qualified(schema: &str, name: &str) -> String {
    format!("`{schema}.{name}`")
}

/// "`a`, `b`, `c` and 2 more".
/// What a finding names: the first [`LISTED`] names, and how many there are in all.
#[derive(Debug, Default)]
struct Listed {
    names: Vec<String>,
    count: usize,
}

impl Listed {
    /// Counts one more; `name` is made only while fewer than [`LISTED`] are kept.
    fn add(&mut self, name: impl FnOnce() -> String) {
        if self.names.len() < LISTED {
            self.names.push(name());
        }
        self.count += 1;
    }

    /// `a, b, c and 2 more`.
    fn text(&self) -> String {
        let shown = self.names.join(", ");
        let more = self.count.saturating_sub(self.names.len());
        if more == 0 {
            shown
        } else {
            format!("{shown} and {more} more")
        }
    }
}

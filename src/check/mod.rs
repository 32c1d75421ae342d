//! Semantic checks over the typed rules, one module per diagnostic code.
//!
//! All checks run in one pass, rule by rule as lowering produces them; the few that look across
//! rules keep ids, names and counts beside it, and judge them at the end (repeats by sorting).
//! No check compares rules pairwise, so the cost stays O(n log n) at worst.

mod action_target_mismatch;
mod both_tablespace_names;
pub(crate) mod conflicting_transformation;
mod data_type_on_exact_column;
mod duplicate_rule_id;
mod duplicate_rule_name;
mod duplicates;
mod engine_mismatch;
mod exclude_without_include;
mod explicit_wildcard;
mod filter_arity;
mod filter_ignored;
mod invalid_value;
mod legacy_filter_operator;
mod lowercase_name;
pub(crate) mod mapping_too_large;
mod negative_filter_combined;
mod no_selection_rule;
mod operation_constraint;
mod parallel_load_shape;
mod possible_escape_character;
pub(crate) mod special_character_column;
mod table_settings_wildcard;
mod underscore_wildcard;

use crate::ast::{Name, Rule};
use crate::diagnostic::Diagnostics;
use crate::options::{Dialect, Options};
use crate::span::Span;

/// Runs every check as each rule arrives, while the rule is fresh in memory; the checks that
/// look across rules keep only what they need (ids, names, counts), so the rules themselves
/// need not be kept.
pub(crate) struct Checker<'a> {
    dialect: Dialect,
    ids: duplicate_rule_id::Seen,
    names: duplicate_rule_name::Seen<'a>,
    selection: no_selection_rule::Seen,
    excludes: exclude_without_include::Seen,
    transformations: conflicting_transformation::Seen,
    /// Schema Conversion only: the limits of the API operation.
    operation: Option<operation_constraint::Seen>,
    engines: engine_mismatch::Engines,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(dialect: Dialect, options: &Options) -> Self {
        Checker {
            dialect,
            ids: Default::default(),
            names: Default::default(),
            selection: Default::default(),
            excludes: Default::default(),
            transformations: Default::default(),
            operation: (dialect == Dialect::SchemaConversion)
                .then(|| operation_constraint::Seen::new(options.operation.unwrap_or_default())),
            engines: engine_mismatch::Engines {
                source: options.source_engine,
                target: options.target_engine,
            },
        }
    }

    pub(crate) fn rule(&mut self, rule: &Rule<'a>, out: &mut Diagnostics) {
        let header = rule.header();
        self.ids.rule(header.rule_id.as_ref());
        self.names.rule(header.rule_name.as_ref());
        self.selection.rule(rule);
        if let Rule::Selection(selection) = rule {
            self.excludes.rule(selection);
        }
        self.transformations.rule(rule);
        explicit_wildcard::check(rule, self.dialect, out);
        table_settings_wildcard::check(rule, out);
        underscore_wildcard::check(rule, out);
        if self.dialect != Dialect::DataMigration {
            possible_escape_character::check(rule, out);
        }
        filter_arity::check(rule, out);
        negative_filter_combined::check(rule, out);
        filter_ignored::check(rule, self.dialect, out);
        legacy_filter_operator::check(rule, out);
        action_target_mismatch::check(rule, out);
        parallel_load_shape::check(rule, out);
        invalid_value::check(rule, out);
        special_character_column::check(rule, out);
        data_type_on_exact_column::check(rule, out);
        both_tablespace_names::check(rule, out);
        if self.engines.any() {
            engine_mismatch::check(rule, self.dialect, self.engines, out);
            lowercase_name::check(rule, self.engines.source, out);
        }
        if let Some(operation) = &mut self.operation {
            operation.rule(rule, out);
        }
    }

    /// The checks that need every rule; `array` is the `rules` array.
    pub(crate) fn finish(self, array: Span, out: &mut Diagnostics) {
        self.ids.finish(out);
        self.names.finish(out);
        self.selection.finish(self.dialect, array, out);
        self.excludes.finish(self.dialect, out);
        self.transformations.finish(out);
        if let Some(operation) = self.operation {
            operation.finish(array, out);
        }
    }
}

/// Every check over a whole lowered document (the pipeline checks rule by rule instead).
#[cfg(feature = "unstable-internals")]
pub(crate) fn run(document: &crate::ast::Document<'_>, options: &Options, out: &mut Diagnostics) {
    let mut checker = Checker::new(document.dialect, options);
    for rule in &document.rules {
        checker.rule(rule, out);
    }
    checker.finish(document.span, out);
}

/// Every locator name of a rule that is a wildcard pattern.
fn pattern_names<'r, 'a>(rule: &'r Rule<'a>) -> impl Iterator<Item = &'r Name<'a>> {
    let locator = match rule {
        Rule::Selection(r) => r.locator.as_ref(),
        Rule::Transformation(r) => r.locator.as_ref(),
        Rule::PostProcessing(r) => r.locator.as_ref(),
        Rule::Validation(r) => r.locator.as_ref(),
        _ => None,
    };
    locator
        .into_iter()
        .flat_map(|locator| locator.names())
        .filter(|name| name.pattern.is_some())
}

/// The byte offset of the first `%` in a name, if any.
fn first_percent(name: &Name<'_>) -> Option<usize> {
    name.value().find('%')
}

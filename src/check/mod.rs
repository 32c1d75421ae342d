//! Semantic checks over the typed rules, one module per diagnostic code.
//!
//! Every check is one pass over the rules (or a hash map beside it): no check compares rules
//! pairwise, so the cost stays linear in the document.

mod action_target_mismatch;
mod duplicate_rule_id;
mod duplicate_rule_name;
mod exclude_without_include;
mod explicit_wildcard;
mod filter_arity;
mod filter_ignored;
mod invalid_value;
mod legacy_filter_operator;
mod negative_filter_combined;
mod no_selection_rule;
mod operation_constraint;
mod parallel_load_shape;
mod possible_escape_character;
mod table_settings_wildcard;
mod underscore_wildcard;

use crate::ast::{Document, Name, Rule};
use crate::diagnostic::Diagnostics;
use crate::options::{Dialect, Options};

pub(crate) fn run(document: &Document<'_>, options: &Options, out: &mut Diagnostics) {
    duplicate_rule_id::check(document, out);
    duplicate_rule_name::check(document, out);
    no_selection_rule::check(document, out);
    exclude_without_include::check(document, out);
    explicit_wildcard::check(document, out);
    table_settings_wildcard::check(document, out);
    underscore_wildcard::check(document, out);
    possible_escape_character::check(document, out);
    filter_arity::check(document, out);
    negative_filter_combined::check(document, out);
    filter_ignored::check(document, out);
    legacy_filter_operator::check(document, out);
    action_target_mismatch::check(document, out);
    parallel_load_shape::check(document, out);
    invalid_value::check(document, out);
    if document.dialect == Dialect::SchemaConversion {
        operation_constraint::check(document, options.operation, out);
    }
}

/// Every locator name that is a wildcard pattern, with the key it was given under.
fn pattern_names<'d, 'a>(document: &'d Document<'a>) -> impl Iterator<Item = &'d Name<'a>> {
    document
        .rules
        .iter()
        .filter_map(|rule| match rule {
            Rule::Selection(r) => r.locator.as_ref(),
            Rule::Transformation(r) => r.locator.as_ref(),
            Rule::PostProcessing(r) => r.locator.as_ref(),
            _ => None,
        })
        .flat_map(|locator| locator.names())
        .filter(|name| name.pattern.is_some())
}

/// The byte offset of the first `%` in a name, if any.
fn first_percent(name: &Name<'_>) -> Option<usize> {
    name.value().find('%')
}

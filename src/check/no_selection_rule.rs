//! `dms::no_selection_rule`: nothing selects any object, so the task or import has nothing to do.

use crate::ast::Rule;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Span;

#[derive(Default)]
pub(super) struct Seen {
    rules: usize,
    selection: bool,
    /// A rule without a readable type, which may be the selection rule: already reported.
    untyped: bool,
}

impl Seen {
    pub(super) fn rule(&mut self, rule: &Rule<'_>) {
        self.rules += 1;
        match rule {
            Rule::Selection(_) => self.selection = true,
            Rule::Invalid(header) if header.rule_type.is_none() => self.untyped = true,
            _ => {}
        }
    }

    /// `array` is the `rules` array.
    pub(super) fn finish(self, dialect: Dialect, array: Span, out: &mut Diagnostics) {
        if self.selection || self.untyped {
            return;
        }
        let empty = self.rules == 0;
        // Schema Conversion and data-migration documents hold selection rules only: any other
        // rule is already reported.
        if dialect != Dialect::TableMapping && !empty {
            return;
        }
        let span = if array.len() <= 2 {
            array
        } else {
            Span::new(array.start, array.start + 1)
        };
        let (message, help) = match dialect {
            Dialect::DataMigration => (
                "the document has no rules, so it selects nothing",
                "add an `include` rule, such as one with `\"schema-name\": \"%\", \"table-name\": \"%\"`, or leave the selection rules out to migrate everything",
            ),
            Dialect::TableMapping => (
                "no selection rule: DMS needs at least one to know which tables to migrate",
                "add a `selection` rule, such as one that includes `\"schema-name\": \"HR\", \"table-name\": \"%\"`; DMS rejects the task otherwise (`At least one selection rule is required`)",
            ),
            Dialect::SchemaConversion => (
                "the document has no rules, so it selects nothing",
                "add a selection rule naming the objects, such as an `explicit` rule for one schema",
            ),
        };
        out.push(
            Diagnostic::error(
                Code::NoSelectionRule,
                message,
                Label::new(
                    span,
                    if empty {
                        "empty"
                    } else {
                        "no selection rule in here"
                    },
                ),
            )
            .with_help(help)
            .about_whole_set(),
        );
    }
}

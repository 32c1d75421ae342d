//! `dms::duplicate_rule_name`: two rules with the same `rule-name`. A warning: AWS documents
//! names as unique, but DMS accepts repeats (and its own examples repeat a placeholder).

use std::borrow::Cow;

use super::duplicates::Occurrences;
use crate::ast::Text;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

/// The names, borrowed from the input where they have no escapes.
#[derive(Default)]
pub(super) struct Seen<'a> {
    names: Occurrences<Cow<'a, str>>,
}

impl<'a> Seen<'a> {
    pub(super) fn rule(&mut self, name: Option<&Text<'a>>) {
        if let Some(name) = name {
            self.names.push(name.value.clone(), name.span);
        }
    }

    pub(super) fn finish(self, out: &mut Diagnostics) {
        self.names.repeats(|name, again, first| {
            out.push(
                Diagnostic::warning(
                    Code::DuplicateRuleName,
                    format!("two rules are named `{name}`"),
                    Label::new(again, "used again here"),
                )
                .with_label(Label::new(first, "first used here"))
                .with_help(
                    "AWS documents rule names as unique, and unique names make logs and errors readable: rename one",
                ),
            )
        });
    }
}

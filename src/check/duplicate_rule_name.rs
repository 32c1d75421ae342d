//! `dms::duplicate_rule_name`: two rules with the same `rule-name`. A warning: AWS documents
//! names as unique, but DMS accepts repeats (and its own examples repeat a placeholder).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::ast::Text;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Span;

/// The names seen so far, borrowed from the input where they have no escapes, each with where
/// it was first used.
#[derive(Default)]
pub(super) struct Seen<'a> {
    first: HashMap<Cow<'a, str>, Span>,
}

impl<'a> Seen<'a> {
    pub(super) fn rule(&mut self, name: Option<&Text<'a>>, out: &mut Diagnostics) {
        let Some(name) = name else {
            return;
        };
        match self.first.get(name.value.as_ref()) {
            None => {
                self.first.insert(name.value.clone(), name.span);
            }
            Some(&earlier) => out.push(
                Diagnostic::warning(
                    Code::DuplicateRuleName,
                    format!("two rules are named `{}`", name.value),
                    Label::new(name.span, "used again here"),
                )
                .with_label(Label::new(earlier, "first used here"))
                .with_help(
                    "AWS documents rule names as unique, and unique names make logs and errors readable: rename one",
                ),
            ),
        }
    }
}

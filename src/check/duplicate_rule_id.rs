//! `dms::duplicate_rule_id`: two rules with the same `rule-id`, compared as numbers.

use std::collections::HashMap;

use crate::ast::RuleId;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Span;

/// The ids seen so far, each with where it was first used.
#[derive(Default)]
pub(super) struct Seen {
    first: HashMap<Key, Span>,
}

/// An id as a hash key: the number where it fits in 64 bits (every real id), its digits where
/// not, so no id needs an allocation of its own.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    Small(u64),
    Long(Box<str>),
}

impl Seen {
    pub(super) fn rule(&mut self, id: Option<&RuleId>, out: &mut Diagnostics) {
        let Some(id) = id else {
            return;
        };
        let key = id
            .value()
            .map_or_else(|| Key::Long(id.digits().into()), Key::Small);
        match self.first.get(&key) {
            None => {
                self.first.insert(key, id.span);
            }
            Some(&earlier) => out.push(
                Diagnostic::error(
                    Code::DuplicateRuleId,
                    format!("`rule-id` {} is used twice", id.digits()),
                    Label::new(id.span, "used again here"),
                )
                .with_label(Label::new(earlier, "first used here"))
                .with_help(
                    "give every rule its own id (ids compare as numbers, so `\"7\"`, `7` and `\"07\"` are the same); DMS rejects the document with `Duplicate ruleid`",
                ),
            ),
        }
    }
}

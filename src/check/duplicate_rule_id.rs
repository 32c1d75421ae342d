//! `dms::duplicate_rule_id`: two rules with the same `rule-id`, compared as numbers.

use std::fmt;

use super::duplicates::Occurrences;
use crate::ast::RuleId;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

#[derive(Default)]
pub(super) struct Seen {
    ids: Occurrences<Key>,
}

/// An id by value: the number where it fits in 64 bits (every real id), its digits where not,
/// so no real id needs an allocation of its own. Equal ids make equal keys.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Small(u64),
    Long(Box<str>),
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Small(n) => write!(f, "{n}"),
            Key::Long(digits) => f.write_str(digits),
        }
    }
}

impl Seen {
    pub(super) fn rule(&mut self, id: Option<&RuleId>) {
        if let Some(id) = id {
            let key = id
                .value()
                .map_or_else(|| Key::Long(id.digits().into()), Key::Small);
            self.ids.push(key, id.span);
        }
    }

    pub(super) fn finish(self, out: &mut Diagnostics) {
        self.ids.repeats(|id, again, first| {
            out.push(
                Diagnostic::error(
                    Code::DuplicateRuleId,
                    format!("`rule-id` {id} is used twice"),
                    Label::new(again, "used again here"),
                )
                .with_label(Label::new(first, "first used here"))
                .with_help(
                    "give every rule its own id (ids compare as numbers, so `\"7\"`, `7` and `\"07\"` are the same); DMS rejects the document with `Duplicate ruleid`",
                ),
            )
        });
    }
}

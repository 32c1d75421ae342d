//! `dms::duplicate_rule_id`: two rules with the same `rule-id`, compared as numbers.

use std::collections::HashMap;

use crate::ast::{Document, RuleId};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(document: &Document<'_>, out: &mut Diagnostics) {
    let mut first: HashMap<&str, &RuleId> = HashMap::with_capacity(document.rules.len());
    for rule in &document.rules {
        let Some(id) = &rule.header().rule_id else {
            continue;
        };
        match first.get(id.digits()) {
            None => {
                first.insert(id.digits(), id);
            }
            Some(earlier) => out.push(
                Diagnostic::error(
                    Code::DuplicateRuleId,
                    format!("`rule-id` {} is used twice", id.digits()),
                    Label::new(id.span, "used again here"),
                )
                .with_label(Label::new(earlier.span, "first used here"))
                .with_help(
                    "give every rule its own id (ids compare as numbers, so `\"7\"`, `7` and `\"07\"` are the same); DMS rejects the document with `Duplicate ruleid`",
                ),
            ),
        }
    }
}

//! `dms::duplicate_rule_name`: two rules with the same `rule-name`. A warning: AWS documents
//! names as unique, but DMS accepts repeats (and its own examples repeat a placeholder).

use std::collections::HashMap;

use crate::ast::{Document, Text};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

pub(super) fn check(document: &Document<'_>, out: &mut Diagnostics) {
    let mut first: HashMap<&str, &Text<'_>> = HashMap::with_capacity(document.rules.len());
    for rule in &document.rules {
        let Some(name) = &rule.header().rule_name else {
            continue;
        };
        match first.get(name.value.as_ref()) {
            None => {
                first.insert(&name.value, name);
            }
            Some(earlier) => out.push(
                Diagnostic::warning(
                    Code::DuplicateRuleName,
                    format!("two rules are named `{}`", name.value),
                    Label::new(name.span, "used again here"),
                )
                .with_label(Label::new(earlier.span, "first used here"))
                .with_help(
                    "AWS documents rule names as unique, and unique names make logs and errors readable: rename one",
                ),
            ),
        }
    }
}

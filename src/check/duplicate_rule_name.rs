//! `dms::duplicate_rule_name`: two rules with the same `rule-name`. A warning: AWS documents
//! names as unique, but DMS accepts repeats (and its own examples repeat a placeholder).

use std::borrow::Cow;

use super::duplicates::Occurrences;
use crate::ast::Text;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

/// The names, borrowed from the input where they have no escapes, each behind a fingerprint
/// so that sorting mostly compares numbers, not strings.
#[derive(Default)]
pub(super) struct Seen<'a> {
    names: Occurrences<(u64, Cow<'a, str>)>,
}

/// FNV-1a: cheap, and good enough to spread names; equal names always get equal fingerprints.
fn fingerprint(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl<'a> Seen<'a> {
    pub(super) fn rule(&mut self, name: Option<&Text<'a>>) {
        if let Some(name) = name {
            let key = (fingerprint(&name.value), name.value.clone());
            self.names.push(key, name.span);
        }
    }

    pub(super) fn finish(self, out: &mut Diagnostics) {
        self.names.repeats(|(_, name), again, first| {
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

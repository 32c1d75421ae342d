//! What a change to a rules document changes in meaning: rules added, removed and changed,
//! member by member, matched by `rule-id`; and, against a catalog, the objects a change newly
//! selects or no longer selects.
//!
//! What does not change meaning is not a change: formatting, key order, `null` against an
//! absent member, `"1"` against `1` as a rule id, the order of the rules, an empty `filters`
//! array against none, the escapes a string is written with. Everything else is, including
//! members the crate does not know (DMS may read them).
//!
//! ```
//! use dms_rules::{lint, Options};
//!
//! let old = r#"{"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "hr",
//!   "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
//! let new = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
//!   "rule-action": "include", "object-locator": {"schema-name": "HR", "table-name": "EMP%"},
//!   "filters": []}]}"#;
//! let options = Options::default();
//! let (old, new) = (lint(old, &options), lint(new, &options));
//! let diff = dms_rules::diff::compare(&old, &new).expect("no errors");
//! assert_eq!(diff.rules.len(), 1);
//! let change = &diff.rules[0].members[0];
//! assert_eq!(change.path.to_string(), "object-locator.table-name");
//! assert_eq!(&new.source()[change.new.expect("changed").range()], b"\"EMP%\"");
//! ```

mod compare;
mod objects;

use std::fmt;

use crate::pipeline::Checked;
use crate::span::Span;
use crate::syntax;

pub use objects::{objects, targets, ObjectChange, TargetChange};

/// What changed between two rules documents, in meaning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// The members of the envelope other than `rules` that were added, removed or changed;
    /// paths start at the envelope.
    pub document: Vec<MemberChange>,
    /// The rules added, removed or changed, in ascending `rule-id` order.
    pub rules: Vec<RuleChange>,
}

impl Diff {
    /// Whether nothing changed in meaning.
    pub fn is_empty(&self) -> bool {
        self.document.is_empty() && self.rules.is_empty()
    }
}

/// One rule added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChange {
    /// The `rule-id` both rules have (or the one rule, when added or removed): its digits
    /// without leading zeros.
    pub rule_id: String,
    /// The rule in the old document; `None` when it was added.
    pub old: Option<RuleAt>,
    /// The rule in the new document; `None` when it was removed.
    pub new: Option<RuleAt>,
    /// For a rule in both documents, the members that changed: paths start at the rule. Empty
    /// for a rule added or removed.
    pub members: Vec<MemberChange>,
}

impl RuleChange {
    /// Added, removed or changed.
    pub fn kind(&self) -> ChangeKind {
        ChangeKind::of(self.old.is_some(), self.new.is_some())
    }

    /// The rule's name: the new one when the rule is in the new document.
    pub fn rule_name(&self) -> Option<&str> {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .and_then(|rule| rule.rule_name.as_deref())
    }
}

/// A rule in one of the two documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleAt {
    /// The rule object, braces included, in that document.
    pub span: Span,
    /// Its `rule-name`, decoded, when it is a string.
    pub rule_name: Option<String>,
    /// Its `rule-type`, when it is a string.
    pub rule_type: Option<String>,
}

/// One member added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChange {
    /// From the rule (or the envelope) down to the member.
    pub path: Path,
    /// In the old document: the value, when the member is in both; the whole member (key and
    /// value) when it was removed; `None` when it was added.
    pub old: Option<Span>,
    /// In the new document, likewise.
    pub new: Option<Span>,
}

impl MemberChange {
    /// Added, removed or changed.
    pub fn kind(&self) -> ChangeKind {
        ChangeKind::of(self.old.is_some(), self.new.is_some())
    }
}

/// Whether something was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Only in the new document.
    Added,
    /// Only in the old document.
    Removed,
    /// In both, with different meanings.
    Changed,
}

impl ChangeKind {
    fn of(old: bool, new: bool) -> Self {
        match (old, new) {
            (false, _) => ChangeKind::Added,
            (_, false) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }

    /// `added`, `removed` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// Where a member is: keys and array indexes from a rule (or the envelope) down.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Path(pub Vec<Step>);

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// An object member, by its decoded key.
    Key(String),
    /// An array item, from 0.
    Index(usize),
}

impl fmt::Display for Path {
    /// `object-locator.table-name`, `filters[0].filter-conditions[1].value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Path {
    /// The path as a JSON Pointer (RFC 6901) from the rule or the envelope:
    /// `/object-locator/table-name`, `/filters/0/column-name`.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            out.push('/');
            match step {
                Step::Key(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Step::Index(index) => out.push_str(&index.to_string()),
            }
        }
        out
    }
}

/// What changed in meaning from `old` to `new`, two rules documents checked by
/// [`lint`](crate::lint) or [`check`](crate::check). `None` when either has errors: what it
/// means is not certain. Spans point into each document's [`Checked::source`].
pub fn compare(old: &Checked<'_>, new: &Checked<'_>) -> Option<Diff> {
    if old.has_errors() || new.has_errors() {
        return None;
    }
    let old_text = std::str::from_utf8(old.source()).ok()?;
    let new_text = std::str::from_utf8(new.source()).ok()?;
    let old_tree = syntax::parse(old_text).ok()?;
    let new_tree = syntax::parse(new_text).ok()?;
    Some(compare::documents(
        compare::Side {
            text: old_text,
            root: &old_tree.value,
            dialect: old.dialect()?,
        },
        compare::Side {
            text: new_text,
            root: &new_tree.value,
            dialect: new.dialect()?,
        },
    ))
}

/// The change from no document at all to `new`: its rules, and its envelope members other than
/// `rules`, all added. For an old side that cannot be compared (a task's current mappings that
/// are not a rules document, say). `None` when `new` has errors.
pub fn from_nothing(new: &Checked<'_>) -> Option<Diff> {
    const NOTHING: &str = r#"{"rules": []}"#;
    if new.has_errors() {
        return None;
    }
    let new_text = std::str::from_utf8(new.source()).ok()?;
    let new_tree = syntax::parse(new_text).ok()?;
    let old_tree = syntax::parse(NOTHING).ok()?;
    let dialect = new.dialect()?;
    Some(compare::documents(
        compare::Side {
            text: NOTHING,
            root: &old_tree.value,
            dialect,
        },
        compare::Side {
            text: new_text,
            root: &new_tree.value,
            dialect,
        },
    ))
}

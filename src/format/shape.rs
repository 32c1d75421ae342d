//! Which members each object of a rules document has, in the order the AWS guide's tables give
//! them (as `shared` spec §2.1–§3.10 reproduces them), and what the value of each is.
//!
//! The canonical form ([`super`]) writes members in this order; `diff` compares by it. An object
//! the crate reads treats a `null` member as absent, as lowering does; an object it keeps as
//! written ([`Shape::Verbatim`]: the value of a member it does not know, `mapping-parameters`)
//! keeps every member, `null` included, in the order written.

use crate::ast::RuleType;
use crate::options::Dialect;
use crate::syntax::{Member, Value};
use crate::vocabulary::{self, Object};

/// What an object (or each object of an array) is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// `{"rules": [...]}`, whose rules are in this dialect.
    Envelope(Dialect),
    /// A rule; its members depend on its `rule-type`.
    Rule(Dialect),
    /// An object the vocabulary describes and the crate reads.
    Object(&'static Object),
    /// Kept as written: the crate does not read it.
    Verbatim,
}

/// An object's shape resolved from its members once: what it is in the vocabulary, and its
/// keys in canonical order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    shape: Shape,
    object: Option<&'static Object>,
    keys: &'static [&'static str],
}

impl Shape {
    /// The shape resolved for the object with these members: a rule's keys depend on its
    /// `rule-type`.
    pub(crate) fn of(self, members: &[Member<'_>]) -> Resolved {
        let object: Option<&'static Object> = match self {
            Shape::Envelope(_) => Some(&vocabulary::ENVELOPE),
            Shape::Rule(dialect) => Some(
                rule_type(members)
                    .and_then(RuleType::parse)
                    .and_then(|t| vocabulary::rule(dialect, t))
                    .unwrap_or_else(|| vocabulary::rule_of_unknown_type(dialect)),
            ),
            Shape::Object(object) => Some(object),
            Shape::Verbatim => None,
        };
        Resolved {
            shape: self,
            object,
            keys: object.map_or(&[], |o| o.canonical()),
        }
    }

    /// Whether a `null` member means the member is absent: in every object the crate reads.
    pub(crate) fn drops_null(self) -> bool {
        !matches!(self, Shape::Verbatim)
    }
}

impl Resolved {
    /// The shape the object was resolved from.
    pub(crate) fn shape(&self) -> Shape {
        self.shape
    }

    /// The shape of a member's value (of each of its items, for an array): members the crate
    /// does not know, or does not read, are [`Shape::Verbatim`].
    pub(crate) fn child(&self, key: &str) -> Shape {
        if !self.keys.contains(&key) {
            return Shape::Verbatim;
        }
        match (self.shape, self.object) {
            (Shape::Envelope(dialect), _) => Shape::Rule(dialect),
            (_, Some(object)) => match object.child(key) {
                Some(child) if child.is_read() => Shape::Object(child),
                _ => Shape::Verbatim,
            },
            (_, None) => Shape::Verbatim,
        }
    }

    /// The members of the object in canonical order, appended to `out`: the known keys in the
    /// order of the vocabulary's canonical order, then the others in the order written; `null`
    /// members left out where [`Shape::drops_null`]. Of a known key written twice (a
    /// `dms::duplicate_key` error), only the first member is kept.
    pub(crate) fn ordered<'t, 'a>(&self, members: &'t [Member<'a>], out: &mut Vec<&'t Member<'a>>) {
        let drops_null = self.shape.drops_null();
        let keep = |m: &&Member<'_>| !(drops_null && m.value.is_null());
        // A few known keys against a few members: scans, not a map.
        for key in self.keys {
            out.extend(members.iter().filter(keep).find(|m| m.key.value == *key));
        }
        out.extend(
            members
                .iter()
                .filter(keep)
                .filter(|m| !self.keys.contains(&m.key.value.as_ref())),
        );
    }
}

/// The rule's `rule-type`, when it is a string.
fn rule_type<'t>(members: &'t [Member<'_>]) -> Option<&'t str> {
    members
        .iter()
        .find(|m| m.key.value == "rule-type")
        .and_then(|m| m.value.as_str())
        .map(|s| s.value.as_ref())
}

/// A rule's `rule-id` as digits without leading zeros, when it is a digit string or a JSON
/// integer: the key rules are ordered and matched by.
pub(crate) fn rule_id<'t>(rule: &'t Value<'_>) -> Option<&'t str> {
    let member = rule
        .as_object()?
        .iter()
        .find(|m| m.key.value == "rule-id" && !m.value.is_null())?;
    let digits: &str = match &member.value.kind {
        crate::syntax::ValueKind::String(s) => &s.value,
        crate::syntax::ValueKind::Number(raw) => raw,
        _ => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed })
}

/// Numeric order of two ids from [`rule_id`].
pub(crate) fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    (a.len(), a).cmp(&(b.len(), b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical order of the AWS guide's tables, as `grammar/format.md` gives it.
    #[test]
    fn the_canonical_order_is_the_guides() {
        let order = |dialect, rule_type| {
            vocabulary::rule(dialect, rule_type)
                .expect("a rule type of the dialect")
                .canonical()
                .to_vec()
        };
        assert_eq!(
            order(Dialect::TableMapping, RuleType::Selection),
            [
                "rule-type",
                "rule-id",
                "rule-name",
                "rule-action",
                "object-locator",
                "load-order",
                "filters"
            ]
        );
        assert_eq!(
            order(Dialect::TableMapping, RuleType::Validation)[3..6],
            ["rule-target", "object-locator", "rule-action"]
        );
        assert_eq!(
            order(Dialect::TableMapping, RuleType::TableSettings)[3..],
            [
                "object-locator",
                "parallel-load",
                "lob-settings",
                "rule-action"
            ]
        );
        let sc_locator = vocabulary::locator::SCHEMA_CONVERSION.canonical();
        assert_eq!(
            sc_locator[..6],
            [
                "server-name",
                "database-name",
                "schema-name",
                "table-name",
                "table-type",
                "procedure-name"
            ]
        );
        assert_eq!(sc_locator.last(), Some(&"category-name"));
        // The misplaced `partition-key` is not among an object mapping's keys.
        assert!(!order(Dialect::TableMapping, RuleType::ObjectMapping).contains(&"partition-key"));
    }
}

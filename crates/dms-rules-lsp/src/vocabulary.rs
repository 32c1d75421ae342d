//! What each object of a rules document may hold, in each dialect: the member keys, what they
//! mean, and the values of the members that take one of a fixed set. Completion offers these;
//! hover explains them. All of it is the library's vocabulary table, so it is what lowering
//! accepts.

use dms_rules::ast::RuleType;
use dms_rules::vocabulary::{self, Key, Object, Standing, Value};
use dms_rules::Dialect;

use crate::tree::Node;

/// Where an object sits: what it is in the vocabulary, how it is reached, and the document's
/// dialect.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub object: &'static Object,
    under: Under,
    pub dialect: Dialect,
}

/// How an object is reached, which names it in hover text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Under {
    /// The document itself.
    Document,
    /// An item of `rules`.
    Rule,
    /// The value of a key, or an item of an array under it.
    Key { name: &'static str, item: bool },
}

impl Place {
    /// The object at the end of `path`: each object from the root down, with the key it is
    /// the value of (or holds in an array), `None` for the root. `None` when some key on the way
    /// is not one the vocabulary knows there.
    pub fn of(path: &[(&Node, Option<&str>)], dialect: Dialect) -> Option<Place> {
        let mut place = Place {
            object: &vocabulary::ENVELOPE,
            under: Under::Document,
            dialect,
        };
        for &(node, key) in path.iter().skip(1) {
            let key = place.object.key(key?)?;
            place = match key.value {
                Value::Rules => Place {
                    object: rule(dialect, node.member_str(vocabulary::RULE_TYPE.name)),
                    under: Under::Rule,
                    dialect,
                },
                value => Place {
                    object: value.object()?,
                    under: Under::Key {
                        name: key.name,
                        item: matches!(value, Value::Objects(..)),
                    },
                    dialect,
                },
            };
        }
        Some(place)
    }

    /// What the object is, for hover text: `a rule`, ``an `object-locator` ``, `a filter`.
    pub fn name(&self) -> String {
        match self.under {
            Under::Document => "the document".to_owned(),
            Under::Rule => "a rule".to_owned(),
            Under::Key { item: true, .. } => with_article(self.object.what()),
            Under::Key { name, item: false } => with_article(&format!("`{name}`")),
        }
    }
}

/// The object a rule is, by the `rule-type` written: its type's, in a dialect that takes it; in
/// a dialect of one rule type, that type's; else whatever some rule type takes.
fn rule(dialect: Dialect, written: Option<&str>) -> &'static Object {
    let written = written.and_then(RuleType::parse);
    let taken: Vec<&'static Object> = RuleType::ALL
        .iter()
        .filter_map(|&t| vocabulary::rule(dialect, t))
        .collect();
    match (
        written.and_then(|t| vocabulary::rule(dialect, t)),
        &taken[..],
    ) {
        (Some(object), _) => object,
        (None, [only]) => only,
        (None, _) => vocabulary::rule_of_unknown_type(dialect),
    }
}

/// The keys an object at `place` may hold, in the order a person would write them: the
/// documented ones.
pub fn keys(place: Place) -> Vec<Key> {
    place
        .object
        .keys()
        .into_iter()
        .filter(|k| k.standing == Standing::Documented)
        .collect()
}

/// The values the member `key` of an object at `place` takes, when they are a fixed set; for
/// `rule-type`, the types the dialect takes.
pub fn values(place: Place, key: &str) -> Vec<&'static str> {
    if key == vocabulary::RULE_TYPE.name {
        return RuleType::ALL
            .iter()
            .filter(|&&t| vocabulary::rule(place.dialect, t).is_some())
            .map(|t| t.as_str())
            .collect();
    }
    place
        .object
        .key(key)
        .and_then(|k| Some(k.choices()?.iter().collect()))
        .unwrap_or_default()
}

/// What a value of `key` at `place` means, for the values worth a sentence of their own.
pub fn value_doc(place: Place, key: &str, value: &str) -> Option<&'static str> {
    place.object.key(key)?.choices()?.doc(value)
}

/// Every kind of object that holds `key`, in any dialect: where the key is allowed.
pub fn holders(key: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (object, under) in every_object() {
        let place = Place {
            object,
            under,
            dialect: Dialect::TableMapping,
        };
        let name = place.name();
        if keys(place).iter().any(|k| k.name == key) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Every object of the vocabulary with how it is reached, from the document down.
fn every_object() -> Vec<(&'static Object, Under)> {
    let mut found: Vec<(&'static Object, Under)> = vec![(&vocabulary::ENVELOPE, Under::Document)];
    for dialect in [
        Dialect::TableMapping,
        Dialect::SchemaConversion,
        Dialect::DataMigration,
    ] {
        let rules = RuleType::ALL
            .iter()
            .filter_map(|&t| vocabulary::rule(dialect, t));
        found.extend(rules.map(|object| (object, Under::Rule)));
    }
    let mut next = 1;
    while next < found.len() {
        for key in found[next].0.keys() {
            let Some(child) = key.value.object() else {
                continue;
            };
            if !found.iter().any(|(o, _)| std::ptr::eq(*o, child)) {
                let item = matches!(key.value, Value::Objects(..));
                found.push((
                    child,
                    Under::Key {
                        name: key.name,
                        item,
                    },
                ));
            }
        }
        next += 1;
    }
    found
}

/// `what` after "a" or "an", as its first letter is said.
fn with_article(what: &str) -> String {
    let first = what.trim_start_matches('`').chars().next();
    let article = if first.is_some_and(|c| "aeiouAEIOU".contains(c)) {
        "an"
    } else {
        "a"
    };
    format!("{article} {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(dialect: Dialect, rule_type: &str, keys: &[&str]) -> Place {
        let rule =
            crate::tree::read(&format!("{{\"rule-type\": \"{rule_type}\"}}")).expect("an object");
        let root = crate::tree::read("{}").expect("an object");
        let mut path: Vec<(&Node, Option<&str>)> = vec![(&root, None), (&rule, Some("rules"))];
        path.extend(keys.iter().map(|k| (&root, Some(*k))));
        Place::of(&path, dialect).expect("a place")
    }

    #[test]
    fn each_place_has_its_keys_and_names() {
        let locator = place(Dialect::TableMapping, "selection", &["object-locator"]);
        assert_eq!(locator.name(), "an `object-locator`");
        let names: Vec<&str> = keys(locator).iter().map(|k| k.name).collect();
        assert_eq!(names, ["schema-name", "table-name", "table-type"]);

        let condition = place(
            Dialect::TableMapping,
            "selection",
            &["filters", "filter-conditions"],
        );
        assert_eq!(condition.name(), "a filter condition");
        assert_eq!(values(condition, "filter-operator")[0], "lte");
        assert_eq!(
            value_doc(condition, "filter-operator", "ste"),
            Some("The old spelling of `lte`: write `lte`.")
        );

        // A table-settings rule's `rule-action` is accepted, never offered.
        let settings = place(Dialect::TableMapping, "table-settings", &[]);
        assert!(!keys(settings).iter().any(|k| k.name == "rule-action"));
        // Schema Conversion takes selection rules only, whatever is written.
        let sc = place(Dialect::SchemaConversion, "transformation", &[]);
        assert_eq!(values(sc, "rule-type"), ["selection"]);
        assert!(!keys(sc).iter().any(|k| k.name == "filters"));
        // A rule of no known type yet: whatever some rule type takes.
        let unknown = place(Dialect::TableMapping, "", &[]);
        assert!(keys(unknown).iter().any(|k| k.name == "tag-set"));
    }

    #[test]
    fn a_key_is_allowed_where_some_object_holds_it() {
        assert_eq!(holders("table-name"), ["an `object-locator`"]);
        assert_eq!(holders("rules"), ["the document"]);
        let value = holders("value");
        for name in ["a rule", "a filter condition", "a tag"] {
            assert!(value.contains(&name.to_owned()), "{value:?}");
        }
        assert!(
            holders("partition-key").is_empty(),
            "misplaced, not allowed"
        );
    }
}

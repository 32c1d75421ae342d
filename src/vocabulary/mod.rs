//! The rule vocabulary, in one table: every object a rules document holds, in each dialect, and
//! its keys.
//!
//! For each rule type and dialect, and each object nested in a rule (`object-locator`, a
//! `filters` entry, `data-type`, `parallel-load`, ...): the keys it may hold, what each key's
//! value is and which values it takes, whether it is required and how strongly, the order the
//! canonical form writes it in, and what it means. The typed keywords of [`crate::ast`] are the
//! source of every fixed value's text; this table says where they are allowed.
//!
//! Lowering reads the keys it knows, its suggestions and the required keys from here; the
//! canonical form ([`crate::format`]) and [`crate::diff`] read the order; the language server
//! its completion and hover; and `grammar/dms-rules.schema.json` is written from it
//! ([`json_schema`]). Adding a key is one entry in the module of its object.
//!
//! ```
//! use dms_rules::ast::RuleType;
//! use dms_rules::vocabulary;
//! use dms_rules::Dialect;
//!
//! let rule = vocabulary::rule(Dialect::TableMapping, RuleType::Selection).expect("allowed");
//! let load_order = rule.key("load-order").expect("a key of selection rules");
//! assert!(!load_order.need.is_required());
//! // Schema Conversion selection rules take no `load-order`.
//! let rule = vocabulary::rule(Dialect::SchemaConversion, RuleType::Selection).expect("allowed");
//! assert!(rule.key("load-order").is_none());
//! ```

pub(crate) mod locator;
mod rule;
mod schema;
pub(crate) mod selection;
pub(crate) mod table_settings;
pub(crate) mod target_specific;
pub(crate) mod transformation;
pub(crate) mod validation;

use std::sync::OnceLock;

use crate::ast::{FilterArity, ObjectKind, RuleType};
use crate::diagnostic::Severity;
use crate::options::Dialect;

pub use rule::{rule, rule_of_unknown_type, ENVELOPE, RULE_TYPE};
pub(crate) use rule::{rule_name, RULE_ID};
pub use schema::json_schema;

/// An object of a rules document: a rule of one type in one dialect, or an object nested in
/// one.
#[derive(Debug)]
pub struct Object {
    what: &'static str,
    entries: &'static [Entry],
    unknown: Severity,
    unknown_help: Option<&'static str>,
    exclusive: &'static [&'static Key],
    read: bool,
    /// The keys in canonical order, worked out once from the entries.
    canonical: OnceLock<Vec<&'static str>>,
}

/// What an object lists: a key, or keys of a family.
#[derive(Debug)]
enum Entry {
    Key(&'static Key),
    /// What every rule has, in the dialect: `rule-type`, `rule-id` and `rule-name`.
    Header(Dialect),
    /// One key for each kind of database object (`table-name`, `procedure-name`, ...), in the
    /// order of [`ObjectKind::ALL`], each like this one but for its name.
    ObjectKinds(&'static Key),
    /// Every key the dialect's rule types have that the entries before do not list, rule type
    /// by rule type: what a rule of an unknown type may hold. Misplaced keys are left out.
    RulesOf(Dialect),
}

impl Object {
    /// An object whose keys are `entries`, in the order lowering reads them and messages name
    /// them; an unknown key is a warning.
    const fn new(what: &'static str, entries: &'static [Entry]) -> Self {
        Object {
            what,
            entries,
            unknown: Severity::Warning,
            unknown_help: None,
            exclusive: &[],
            read: true,
            canonical: OnceLock::new(),
        }
    }

    /// A rule whose keys are `entries`.
    const fn rule(entries: &'static [Entry]) -> Self {
        Object::new("rule", entries)
    }

    /// Reports unknown keys at `severity`, with `help` where no known key is near.
    const fn unknown(mut self, severity: Severity, help: &'static str) -> Self {
        self.unknown = severity;
        self.unknown_help = Some(help);
        self
    }

    /// At most one of `keys` may be present.
    const fn exclusive(mut self, keys: &'static [&'static Key]) -> Self {
        self.exclusive = keys;
        self
    }

    /// An object the crate does not read: checked by no one, and kept as written.
    const fn unread(mut self) -> Self {
        self.read = false;
        self
    }

    /// What the object is, for messages: `rule`, `object locator`, `filter`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// How a key the object does not know is reported.
    pub fn unknown_severity(&self) -> Severity {
        self.unknown
    }

    /// The help for a key the object does not know, when no known key is near: `None` for the
    /// usual help that lists the keys.
    pub fn unknown_help(&self) -> Option<&'static str> {
        self.unknown_help
    }

    /// Keys of which at most one may be present (a transformation acts on one tablespace).
    pub fn exclusive_keys(&self) -> &'static [&'static Key] {
        self.exclusive
    }

    /// Whether the crate reads the object. One it does not (`mapping-parameters`) is kept as
    /// written: its keys are documented, never checked, and `fmt` leaves its members in place.
    pub fn is_read(&self) -> bool {
        self.read
    }

    /// Every key, in the order lowering reads them and messages name them.
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for entry in self.entries {
            match *entry {
                Entry::Key(key) => keys.push(*key),
                Entry::Header(dialect) => keys.extend(rule::header(dialect).map(|k| *k)),
                Entry::ObjectKinds(like) => {
                    keys.extend(ObjectKind::TEXTS.iter().map(|&name| Key { name, ..*like }))
                }
                Entry::RulesOf(dialect) => {
                    let rules = RuleType::ALL.iter().filter_map(|&t| rule(dialect, t));
                    for key in rules.flat_map(|object| object.keys()) {
                        if key.standing != Standing::Misplaced
                            && !keys.iter().any(|k| k.name == key.name)
                        {
                            keys.push(key);
                        }
                    }
                }
            }
        }
        keys
    }

    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<Key> {
        for entry in self.entries {
            match *entry {
                Entry::Key(key) if key.name == name => return Some(*key),
                Entry::Header(dialect) => {
                    if let Some(key) = rule::header(dialect).into_iter().find(|k| k.name == name) {
                        return Some(*key);
                    }
                }
                Entry::ObjectKinds(like) => {
                    if let Some(kind) = ObjectKind::parse(name) {
                        return Some(Key {
                            name: kind.as_str(),
                            ..*like
                        });
                    }
                }
                Entry::RulesOf(_) => return self.keys().into_iter().find(|k| k.name == name),
                Entry::Key(_) => {}
            }
        }
        None
    }

    /// Whether the object has a key called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.key(name).is_some()
    }

    /// The keys in the order the canonical form writes them (the order of the AWS guide's
    /// tables): as listed, but for the keys [written after](Key::written_after) another.
    /// Misplaced keys are not among them.
    pub fn canonical(&self) -> &[&'static str] {
        self.canonical.get_or_init(|| {
            let keys: Vec<Key> = self
                .keys()
                .into_iter()
                .filter(|k| k.standing != Standing::Misplaced)
                .collect();
            let mut order: Vec<&'static str> = Vec::with_capacity(keys.len());
            // Each key in its place, then the ones written after it, and the ones after those.
            fn place(name: &'static str, keys: &[Key], order: &mut Vec<&'static str>) {
                order.push(name);
                for after in keys.iter().filter(|k| k.written_after == Some(name)) {
                    place(after.name, keys, order);
                }
            }
            for key in keys.iter().filter(|k| k.written_after.is_none()) {
                place(key.name, &keys, &mut order);
            }
            order
        })
    }

    /// The object the value of the key `name` is, or holds in an array.
    pub fn child(&self, name: &str) -> Option<&'static Object> {
        self.key(name)?.value.object()
    }
}

/// One key of an object: what its value is, whether it is required, and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key as written, such as `rule-action`.
    pub name: &'static str,
    /// What its value is.
    pub value: Value,
    /// Whether the object needs it.
    pub need: Need,
    /// Whether the AWS guide documents it where it stands.
    pub standing: Standing,
    /// What it means, in a sentence.
    pub doc: &'static str,
    /// The help of a `dms::missing_key` finding about it; `None` for "add `"key"` to the
    /// object".
    pub add: Option<&'static str>,
    /// The key the canonical form writes it right after, when that is not where it is listed
    /// (the AWS guide's tables order a few keys otherwise than lowering reads them).
    pub written_after: Option<&'static str>,
}

impl Key {
    /// An optional, documented key.
    const fn new(name: &'static str, value: Value, doc: &'static str) -> Self {
        Key {
            name,
            value,
            need: Need::Optional,
            standing: Standing::Documented,
            doc,
            add: None,
            written_after: None,
        }
    }

    /// Required: when absent, a `dms::missing_key` at `severity`.
    const fn required(mut self, severity: Severity) -> Self {
        self.need = Need::Required(severity);
        self
    }

    /// How the object needs it.
    const fn need(mut self, need: Need) -> Self {
        self.need = need;
        self
    }

    /// The help of a `dms::missing_key` finding about it.
    const fn add(mut self, help: &'static str) -> Self {
        self.add = Some(help);
        self
    }

    /// Written by the canonical form right after the key `name`.
    const fn written_after(mut self, name: &'static str) -> Self {
        self.written_after = Some(name);
        self
    }

    /// How the AWS guide documents it.
    const fn standing(mut self, standing: Standing) -> Self {
        self.standing = standing;
        self
    }

    /// The values the key takes, when they are a fixed set.
    pub fn choices(&self) -> Option<&Choices> {
        match &self.value {
            Value::Keyword(choices) => Some(choices),
            _ => None,
        }
    }
}

/// What the value of a key is.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Value {
    /// A string.
    String,
    /// A string or a number, kept as text (filter values).
    Scalar,
    /// A whole number, written as a JSON integer or as a string (sizes, precisions).
    Count,
    /// A `rule-id`: digits, as a string or a JSON integer.
    RuleId,
    /// A `load-order`: a whole number from 1 to 2,147,483,647, as a number or a digit string.
    LoadOrder,
    /// `true` or `false`, as a JSON boolean or a string.
    Flag,
    /// A name in an `object-locator`.
    Name(Naming),
    /// One of a fixed set of case-sensitive strings.
    Keyword(Choices),
    /// An object.
    Object(&'static Object),
    /// An array of objects.
    Objects(&'static Object, Items),
    /// An array of strings.
    Strings(Items),
    /// An array of rows, each an array of values (`boundaries`).
    Rows,
    /// The `rules` array: each item a rule, whose keys depend on its type and the dialect.
    Rules,
}

impl Value {
    /// The object the value is, or holds in an array.
    pub fn object(&self) -> Option<&'static Object> {
        match *self {
            Value::Object(object) | Value::Objects(object, _) => Some(object),
            _ => None,
        }
    }
}

/// How a locator name is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// A wildcard pattern (`grammar/pattern.ebnf`); in an `explicit` rule, exact.
    Pattern,
    /// Exact: every character stands for itself.
    Exact,
    /// Homogeneous data migrations: `%` is the only wildcard.
    Percent,
}

/// How many items an array holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Items {
    /// The fewest.
    pub min: usize,
    /// The most, when there is a limit.
    pub max: Option<usize>,
}

impl Items {
    /// Any number.
    const ANY: Items = Items { min: 0, max: None };
    /// At least one.
    const SOME: Items = Items { min: 1, max: None };
}

/// The values of a key that takes one of a fixed set.
#[derive(Debug, Clone, Copy)]
pub struct Choices {
    values: Values,
    /// How a value outside the set is reported.
    pub outside: Severity,
    /// Values outside the documented set that are accepted, with a warning.
    pub tolerated: &'static [&'static str],
    /// What some of the values mean, for those worth a sentence.
    pub docs: &'static [(&'static str, &'static str)],
}

#[derive(Debug, Clone, Copy)]
enum Values {
    Listed(&'static [&'static str]),
    /// The `category-name` values of every engine Schema Conversion documents.
    Categories,
}

impl Choices {
    /// These values; any other is an error.
    const fn of(values: &'static [&'static str]) -> Self {
        Choices {
            values: Values::Listed(values),
            outside: Severity::Error,
            tolerated: &[],
            docs: &[],
        }
    }

    /// Every engine's `category-name` values; any other is an error.
    const fn categories() -> Self {
        Choices {
            values: Values::Categories,
            outside: Severity::Error,
            tolerated: &[],
            docs: &[],
        }
    }

    /// Any other value is reported at `severity`.
    const fn outside(mut self, severity: Severity) -> Self {
        self.outside = severity;
        self
    }

    /// `values` are accepted with a warning.
    const fn tolerating(mut self, values: &'static [&'static str]) -> Self {
        self.tolerated = values;
        self
    }

    /// What some of the values mean.
    const fn docs(mut self, docs: &'static [(&'static str, &'static str)]) -> Self {
        self.docs = docs;
        self
    }

    /// The documented values, in documentation order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + Clone {
        let (listed, categories) = match self.values {
            Values::Listed(values) => (values, None),
            Values::Categories => (&[][..], Some(crate::engine::categories())),
        };
        listed
            .iter()
            .copied()
            .chain(categories.into_iter().flatten())
    }

    /// How many documented values there are.
    pub fn len(&self) -> usize {
        match self.values {
            Values::Listed(values) => values.len(),
            Values::Categories => crate::engine::categories().count(),
        }
    }

    /// Whether no value is documented.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `value` is one of the documented values.
    pub fn contains(&self, value: &str) -> bool {
        match self.values {
            Values::Listed(values) => values.contains(&value),
            Values::Categories => crate::engine::is_category(value),
        }
    }

    /// What `value` means, when the table says.
    pub fn doc(&self, value: &str) -> Option<&'static str> {
        self.docs
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, doc)| *doc)
    }
}

/// Whether an object needs a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Need {
    /// It may be left out.
    Optional,
    /// When absent, a `dms::missing_key` at this severity.
    Required(Severity),
    /// Required (an error), but only because the document is read as table mappings: a Schema
    /// Conversion locator may stop above it.
    TableMappings,
    /// One of the object's keys of this need is required: when none is present, a
    /// `dms::missing_key` at this severity.
    OneOf(Severity),
    /// Required with the filter operators of this arity, absent with the others
    /// (`dms::filter_arity`).
    WithOperators(FilterArity),
}

impl Need {
    /// Whether an object without the key is reported as an error.
    pub fn is_required(self) -> bool {
        matches!(self, Need::Required(Severity::Error) | Need::TableMappings)
    }
}

/// How the AWS guide documents a key where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Standing {
    /// Documented here.
    Documented,
    /// Accepted, but the guide marks it as not used here (a table-settings rule's
    /// `rule-action`): not offered.
    NotUsed,
    /// Documented in another object: reported where it stands, not offered, and left where it
    /// is written.
    Misplaced,
}

/// The rule objects and the objects below them, each once, from the envelope down.
pub fn objects() -> Vec<&'static Object> {
    let mut found: Vec<&'static Object> = vec![&ENVELOPE];
    found.extend(rule::every_rule());
    let mut next = 0;
    while next < found.len() {
        for key in found[next].keys() {
            if let Some(child) = key.value.object() {
                if !found.iter().any(|f| std::ptr::eq(*f, child)) {
                    found.push(child);
                }
            }
        }
        next += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::options::Options;

    /// A value of the kind `key` takes; objects with every key they have.
    fn sample(key: &Key) -> String {
        match key.value {
            Value::String | Value::Scalar | Value::Count | Value::RuleId | Value::LoadOrder => {
                "\"1\"".into()
            }
            Value::Flag => "true".into(),
            Value::Name(_) => "\"x\"".into(),
            Value::Keyword(choices) => format!("\"{}\"", choices.iter().next().unwrap_or("")),
            Value::Object(object) => whole(object, &[]),
            Value::Objects(object, _) => format!("[{}]", whole(object, &[])),
            Value::Strings(_) => "[\"a\"]".into(),
            Value::Rows => "[[\"1\"]]".into(),
            Value::Rules => "[]".into(),
        }
    }

    /// `object` with every key it documents, but those of `leave_out`.
    fn whole(object: &Object, leave_out: &[&str]) -> String {
        let members: Vec<String> = object
            .keys()
            .iter()
            .filter(|k| k.standing != Standing::Misplaced && !leave_out.contains(&k.name))
            .map(|k| format!("\"{}\": {}", k.name, sample(k)))
            .collect();
        format!("{{{}}}", members.join(", "))
    }

    fn findings(rule: &str, dialect: Dialect) -> Vec<(Code, String)> {
        // Another rule selects, so the document is complete.
        let selects = match dialect {
            Dialect::SchemaConversion => {
                r#"{"rule-type": "selection", "rule-id": "2", "rule-name": "s", "rule-action": "include", "object-locator": {"server-name": "s", "schema-name": "A"}}"#
            }
            _ => {
                r#"{"rule-type": "selection", "rule-id": "2", "rule-name": "s", "rule-action": "include", "object-locator": {"schema-name": "A", "table-name": "%"}}"#
            }
        };
        let document = format!("{{\"rules\": [{selects}, {rule}]}}");
        let options = Options {
            dialect: Some(dialect),
            ..Options::default()
        };
        crate::lint(&document, &options)
            .diagnostics()
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect()
    }

    fn rules() -> Vec<(Dialect, RuleType, &'static Object)> {
        let mut rules = Vec::new();
        for dialect in [
            Dialect::SchemaConversion,
            Dialect::TableMapping,
            Dialect::DataMigration,
        ] {
            for &rule_type in RuleType::ALL {
                if let Some(object) = rule(dialect, rule_type) {
                    rules.push((dialect, rule_type, object));
                }
            }
        }
        rules
    }

    /// A rule that holds every key the table gives it, nested objects full too, is read
    /// without a finding about its shape: lowering knows each key, where the table puts it,
    /// and reads the values the table says.
    #[test]
    fn every_key_of_the_table_is_one_lowering_reads() {
        for (dialect, rule_type, object) in rules() {
            let rule = whole(object, &[]).replacen(
                &format!("\"rule-type\": \"{}\"", RuleType::ALL[0]),
                &format!("\"rule-type\": \"{rule_type}\""),
                1,
            );
            let shape: Vec<_> = findings(&rule, dialect)
                .into_iter()
                .filter(|(code, _)| {
                    matches!(
                        code,
                        Code::UnknownKey | Code::MissingKey | Code::WrongType | Code::InvalidValue
                    )
                })
                .collect();
            assert!(shape.is_empty(), "{dialect} {rule_type}: {shape:?}\n{rule}");
        }
    }

    /// Leaving out a key the table requires is the finding the table says.
    #[test]
    fn every_required_key_is_missed_when_left_out() {
        for (dialect, rule_type, object) in rules() {
            for key in object.keys() {
                let (severity, leave_out) = match key.need {
                    Need::Required(severity) => (severity, vec![key.name]),
                    Need::TableMappings => (Severity::Error, vec![key.name]),
                    Need::OneOf(severity) => (
                        severity,
                        object
                            .keys()
                            .iter()
                            .filter(|k| matches!(k.need, Need::OneOf(_)))
                            .map(|k| k.name)
                            .collect(),
                    ),
                    _ => continue,
                };
                let rule = whole(object, &leave_out).replacen(
                    &format!("\"rule-type\": \"{}\"", RuleType::ALL[0]),
                    &format!("\"rule-type\": \"{rule_type}\""),
                    1,
                );
                let found = findings(&rule, dialect);
                let missed = found.iter().any(|(code, message)| {
                    *code == Code::MissingKey && message.contains(&format!("`{}`", key.name))
                });
                assert!(
                    missed,
                    "{dialect} {rule_type} without `{}` ({severity:?}): {found:?}",
                    key.name
                );
            }
        }
    }

    #[test]
    fn the_canonical_order_holds_every_key_once() {
        for object in objects() {
            let mut canonical = object.canonical().to_vec();
            let listed: Vec<&str> = object
                .keys()
                .iter()
                .filter(|k| k.standing != Standing::Misplaced)
                .map(|k| k.name)
                .collect();
            assert_eq!(canonical.len(), listed.len(), "{}", object.what());
            canonical.sort_unstable();
            canonical.dedup();
            assert_eq!(
                canonical.len(),
                listed.len(),
                "{}: a key twice",
                object.what()
            );
        }
    }

    #[test]
    fn a_rule_of_unknown_type_knows_every_rule_types_keys() {
        let keys: Vec<&str> = rule_of_unknown_type(Dialect::TableMapping)
            .keys()
            .iter()
            .map(|k| k.name)
            .collect();
        assert_eq!(
            keys[..7],
            [
                "rule-type",
                "rule-id",
                "rule-name",
                "rule-action",
                "object-locator",
                "filters",
                "load-order"
            ]
        );
        assert!(keys.contains(&"target-function"));
        assert!(
            !keys.contains(&"partition-key"),
            "misplaced keys are not known"
        );
    }
}

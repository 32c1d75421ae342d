//! The shape of the table: objects, their keys, and what a key's value is.

use std::sync::OnceLock;

use crate::ast::{FilterArity, ObjectKind};
use crate::diagnostic::Severity;

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
pub(super) enum Entry {
    Key(&'static Key),
    /// These keys, in this order (what every rule has).
    Keys(&'static [&'static Key]),
    /// One key for each kind of database object (`table-name`, `procedure-name`, ...), in the
    /// order of [`ObjectKind::ALL`], each like this one but for its name.
    ObjectKinds(&'static Key),
    /// Every key these objects have that the entries before do not list, object by object:
    /// what a rule of an unknown type may hold. Misplaced keys are left out.
    KeysOf(&'static [&'static Object]),
}

impl Object {
    /// An object whose keys are `entries`, in the order lowering reads them and messages name
    /// them; an unknown key is a warning.
    pub(super) const fn new(what: &'static str, entries: &'static [Entry]) -> Self {
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
    pub(super) const fn rule(entries: &'static [Entry]) -> Self {
        Object::new("rule", entries)
    }

    /// Reports unknown keys at `severity`, with `help` where no known key is near.
    pub(super) const fn unknown(mut self, severity: Severity, help: &'static str) -> Self {
        self.unknown = severity;
        self.unknown_help = Some(help);
        self
    }

    /// At most one of `keys` may be present.
    pub(super) const fn exclusive(mut self, keys: &'static [&'static Key]) -> Self {
        self.exclusive = keys;
        self
    }

    /// An object the crate does not read: checked by no one, and kept as written.
    pub(super) const fn unread(mut self) -> Self {
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
                Entry::Keys(listed) => keys.extend(listed.iter().map(|k| **k)),
                Entry::ObjectKinds(like) => {
                    keys.extend(ObjectKind::TEXTS.iter().map(|&name| Key { name, ..*like }))
                }
                Entry::KeysOf(objects) => {
                    for key in objects.iter().flat_map(|object| object.keys()) {
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
                Entry::Keys(listed) => {
                    if let Some(key) = listed.iter().find(|k| k.name == name) {
                        return Some(**key);
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
                Entry::KeysOf(_) => return self.keys().into_iter().find(|k| k.name == name),
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
    pub(super) const fn new(name: &'static str, value: Value, doc: &'static str) -> Self {
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
    pub(super) const fn required(mut self, severity: Severity) -> Self {
        self.need = Need::Required(severity);
        self
    }

    /// How the object needs it.
    pub(super) const fn need(mut self, need: Need) -> Self {
        self.need = need;
        self
    }

    /// The help of a `dms::missing_key` finding about it.
    pub(super) const fn add(mut self, help: &'static str) -> Self {
        self.add = Some(help);
        self
    }

    /// Written by the canonical form right after the key `name`.
    pub(super) const fn written_after(mut self, name: &'static str) -> Self {
        self.written_after = Some(name);
        self
    }

    /// How the AWS guide documents it.
    pub(super) const fn standing(mut self, standing: Standing) -> Self {
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
    pub(super) const ANY: Items = Items { min: 0, max: None };
    /// At least one.
    pub(super) const SOME: Items = Items { min: 1, max: None };
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
    pub(super) const fn of(values: &'static [&'static str]) -> Self {
        Choices {
            values: Values::Listed(values),
            outside: Severity::Error,
            tolerated: &[],
            docs: &[],
        }
    }

    /// Every engine's `category-name` values; any other is an error.
    pub(super) const fn categories() -> Self {
        Choices {
            values: Values::Categories,
            outside: Severity::Error,
            tolerated: &[],
            docs: &[],
        }
    }

    /// Any other value is reported at `severity`.
    pub(super) const fn outside(mut self, severity: Severity) -> Self {
        self.outside = severity;
        self
    }

    /// `values` are accepted with a warning.
    pub(super) const fn tolerating(mut self, values: &'static [&'static str]) -> Self {
        self.tolerated = values;
        self
    }

    /// What some of the values mean.
    pub(super) const fn docs(mut self, docs: &'static [(&'static str, &'static str)]) -> Self {
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

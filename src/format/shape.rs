//! Which members each object of a rules document has, in the order the AWS guide's tables give
//! them (as `shared` spec §2.1–§3.10 reproduces them), and what the value of each is.
//!
//! The canonical form ([`super`]) writes members in this order; `diff` compares by it. An object
//! the crate reads treats a `null` member as absent, as lowering does; an object it keeps as
//! written ([`Shape::Verbatim`]: the value of a member it does not know, `mapping-parameters`)
//! keeps every member, `null` included, in the order written.

use crate::options::Dialect;
use crate::syntax::{Member, Value};

/// What an object (or each object of an array) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `{"rules": [...]}`, whose rules are in this dialect.
    Envelope(Dialect),
    /// A rule; its members depend on its `rule-type`.
    Rule(Dialect),
    /// An `object-locator`; its keys depend on the rule type and the dialect.
    Locator(Locator),
    /// A `filters` entry.
    Filter,
    /// A `filter-conditions` entry.
    Condition,
    /// A transformation's `data-type`.
    DataType,
    PrimaryKeyDef,
    BeforeImageDef,
    ParallelLoad,
    LobSettings,
    /// A `tag-set` entry.
    Tag,
    /// Kept as written: the crate does not read it.
    Verbatim,
}

/// Which locator: the keys differ by dialect and rule type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locator {
    SchemaConversion,
    Selection,
    Transformation,
    /// Table settings, post-processing and object mapping: a schema and a table.
    Table,
    Validation,
}

const ENVELOPE: &[&str] = &["rules"];

const SC_SELECTION: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-action",
    "object-locator",
];
const TM_SELECTION: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-action",
    "object-locator",
    "load-order",
    "filters",
];
const TRANSFORMATION: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-target",
    "rule-action",
    "object-locator",
    "value",
    "old-value",
    "data-type",
    "expression",
    "primary-key-def",
    "before-image-def",
];
const TABLE_SETTINGS: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "object-locator",
    "parallel-load",
    "lob-settings",
    "rule-action",
];
const POST_PROCESSING: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-action",
    "object-locator",
    "tag-set",
];
const OBJECT_MAPPING: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-action",
    "object-locator",
    "target-table-name",
    "mapping-parameters",
    "kafka-target-topic",
];
const VALIDATION: &[&str] = &[
    "rule-type",
    "rule-id",
    "rule-name",
    "rule-target",
    "object-locator",
    "rule-action",
    "source-function",
    "target-function",
];
/// A rule whose type is missing or unknown: the members every rule has.
const HEADER: &[&str] = &["rule-type", "rule-id", "rule-name"];

/// The hierarchy from the server down, then the object keys in the order of the guide's
/// table of engines (`table-type` right after `table-name`, which it qualifies).
const SC_LOCATOR: &[&str] = &[
    "server-name",
    "database-name",
    "schema-name",
    "table-name",
    "table-type",
    "procedure-name",
    "function-name",
    "scalar-function-name",
    "table-valued-function-name",
    "inline-function-name",
    "aggregate-function-name",
    "package-name",
    "sequence-name",
    "synonym-name",
    "type-name",
    "table-type-name",
    "user-defined-type-name",
    "xml-schema-collection-name",
    "statement-name",
    "materialized-view-name",
    "default-name",
    "alias-name",
    "mqtable-name",
    "domain-name",
    "event-name",
    "module-name",
    "category-name",
];
const SELECTION_LOCATOR: &[&str] = &["schema-name", "table-name", "table-type"];
const TRANSFORMATION_LOCATOR: &[&str] = &[
    "schema-name",
    "table-name",
    "table-tablespace-name",
    "index-tablespace-name",
    "column-name",
    "data-type",
];
const TABLE_LOCATOR: &[&str] = &["schema-name", "table-name"];
const VALIDATION_LOCATOR: &[&str] = &["schema-name", "table-name", "column-name", "data-type"];

const FILTER: &[&str] = &["filter-type", "column-name", "filter-conditions"];
const CONDITION: &[&str] = &["filter-operator", "value", "start-value", "end-value"];
const DATA_TYPE: &[&str] = &["type", "precision", "scale", "length"];
const PRIMARY_KEY_DEF: &[&str] = &["name", "origin", "columns"];
const BEFORE_IMAGE_DEF: &[&str] = &["column-prefix", "column-suffix", "column-filter"];
const PARALLEL_LOAD: &[&str] = &[
    "type",
    "partitions",
    "subpartitions",
    "columns",
    "boundaries",
    "number-of-partitions",
    "collection-count-from-metadata",
    "max-records-skip-per-page",
    "batch-size",
];
const LOB_SETTINGS: &[&str] = &["mode", "bulk-max-size"];
const TAG: &[&str] = &["key", "value"];

/// An object's shape resolved from its members once: its keys in canonical order, and the
/// shapes of its members' values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    shape: Shape,
    keys: &'static [&'static str],
    /// A rule's `object-locator`.
    locator: Shape,
}

impl Shape {
    /// The shape resolved for the object with these members: a rule's keys depend on its
    /// `rule-type`.
    pub(crate) fn of(self, members: &[Member<'_>]) -> Resolved {
        let Shape::Rule(dialect) = self else {
            return Resolved {
                shape: self,
                keys: self.keys(),
                locator: Shape::Verbatim,
            };
        };
        let rule_type = rule_type(members);
        let keys = match (rule_type, dialect) {
            (Some("selection"), Dialect::SchemaConversion) => SC_SELECTION,
            (Some("selection"), Dialect::TableMapping) => TM_SELECTION,
            (Some("transformation"), Dialect::TableMapping) => TRANSFORMATION,
            (Some("table-settings"), Dialect::TableMapping) => TABLE_SETTINGS,
            (Some("post-processing"), Dialect::TableMapping) => POST_PROCESSING,
            (Some("object-mapping"), Dialect::TableMapping) => OBJECT_MAPPING,
            (Some("validation"), Dialect::TableMapping) => VALIDATION,
            _ => HEADER,
        };
        let locator = match (dialect, rule_type) {
            (Dialect::SchemaConversion, _) => Shape::Locator(Locator::SchemaConversion),
            (_, Some("selection")) => Shape::Locator(Locator::Selection),
            (_, Some("transformation")) => Shape::Locator(Locator::Transformation),
            (_, Some("validation")) => Shape::Locator(Locator::Validation),
            (_, Some("table-settings" | "post-processing" | "object-mapping")) => {
                Shape::Locator(Locator::Table)
            }
            _ => Shape::Verbatim,
        };
        Resolved {
            shape: self,
            keys,
            locator,
        }
    }

    /// The keys of an object of this shape, in canonical order; a rule's are resolved by
    /// [`Shape::of`].
    fn keys(self) -> &'static [&'static str] {
        match self {
            Shape::Envelope(_) => ENVELOPE,
            Shape::Rule(_) => HEADER,
            Shape::Locator(locator) => match locator {
                Locator::SchemaConversion => SC_LOCATOR,
                Locator::Selection => SELECTION_LOCATOR,
                Locator::Transformation => TRANSFORMATION_LOCATOR,
                Locator::Table => TABLE_LOCATOR,
                Locator::Validation => VALIDATION_LOCATOR,
            },
            Shape::Filter => FILTER,
            Shape::Condition => CONDITION,
            Shape::DataType => DATA_TYPE,
            Shape::PrimaryKeyDef => PRIMARY_KEY_DEF,
            Shape::BeforeImageDef => BEFORE_IMAGE_DEF,
            Shape::ParallelLoad => PARALLEL_LOAD,
            Shape::LobSettings => LOB_SETTINGS,
            Shape::Tag => TAG,
            Shape::Verbatim => &[],
        }
    }

    /// Whether a `null` member means the member is absent: in every object the crate reads.
    pub(crate) fn drops_null(self) -> bool {
        self != Shape::Verbatim
    }
}

impl Resolved {
    /// The shape the object was resolved from.
    pub(crate) fn shape(&self) -> Shape {
        self.shape
    }

    /// The shape of a member's value (of each of its items, for an array): members the crate
    /// does not know are [`Shape::Verbatim`].
    pub(crate) fn child(&self, key: &str) -> Shape {
        if !self.keys.contains(&key) {
            return Shape::Verbatim;
        }
        match (self.shape, key) {
            (Shape::Envelope(dialect), "rules") => Shape::Rule(dialect),
            (Shape::Rule(_), "object-locator") => self.locator,
            (Shape::Rule(_), "filters") => Shape::Filter,
            (Shape::Rule(_), "data-type") => Shape::DataType,
            (Shape::Rule(_), "primary-key-def") => Shape::PrimaryKeyDef,
            (Shape::Rule(_), "before-image-def") => Shape::BeforeImageDef,
            (Shape::Rule(_), "parallel-load") => Shape::ParallelLoad,
            (Shape::Rule(_), "lob-settings") => Shape::LobSettings,
            (Shape::Rule(_), "tag-set") => Shape::Tag,
            (Shape::Filter, "filter-conditions") => Shape::Condition,
            _ => Shape::Verbatim,
        }
    }

    /// The members of the object in canonical order, appended to `out`: the known keys in the
    /// order of the shape's table, then the others in the order written; `null` members left
    /// out where [`Shape::drops_null`]. Of a known key written twice (a `dms::duplicate_key`
    /// error), only the first member is kept.
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
    use crate::diagnostic::Code;
    use crate::options::Options;

    /// `{"k": "x", ...}` for every key of `keys`, with `fixed` members in place of some.
    fn object(keys: &[&str], fixed: &[(&str, &str)]) -> String {
        let members: Vec<String> = keys
            .iter()
            .map(|key| match fixed.iter().find(|(k, _)| k == key) {
                Some((_, value)) => format!("\"{key}\": {value}"),
                None => format!("\"{key}\": \"x\""),
            })
            .collect();
        format!("{{{}}}", members.join(", "))
    }

    /// Every key the canonical order names is a key lowering reads where the order puts it,
    /// so no member is moved among the known ones that lowering takes for unknown.
    #[test]
    fn every_key_in_the_canonical_order_is_one_lowering_knows() {
        let id = ("rule-id", "\"1\"");
        let rule = |rule_type: &str, keys, fixed: &[(&str, &str)]| {
            let mut fixed = fixed.to_vec();
            let ty = format!("\"{rule_type}\"");
            fixed.push(("rule-type", &ty));
            fixed.push(id);
            // The first rule selects, so the document is complete.
            format!(
                "{{\"rules\": [{{\"rule-type\": \"selection\", \"rule-id\": \"2\", \"rule-name\": \"s\", \"rule-action\": \"include\", \"object-locator\": {{\"schema-name\": \"A\", \"table-name\": \"%\"}}}}, {}]}}",
                object(keys, &fixed)
            )
        };
        let condition = object(CONDITION, &[]);
        let filter = object(FILTER, &[("filter-conditions", &format!("[{condition}]"))]);
        let sc_locator = object(SC_LOCATOR, &[]);
        let documents = [
            rule(
                "selection",
                SC_SELECTION,
                &[("object-locator", &sc_locator)],
            ),
            rule(
                "selection",
                TM_SELECTION,
                &[
                    ("object-locator", &object(SELECTION_LOCATOR, &[])),
                    ("filters", &format!("[{filter}]")),
                ],
            ),
            rule(
                "transformation",
                TRANSFORMATION,
                &[
                    ("object-locator", &object(TRANSFORMATION_LOCATOR, &[])),
                    ("data-type", &object(DATA_TYPE, &[])),
                    (
                        "primary-key-def",
                        &object(PRIMARY_KEY_DEF, &[("columns", "[]")]),
                    ),
                    ("before-image-def", &object(BEFORE_IMAGE_DEF, &[])),
                ],
            ),
            rule(
                "table-settings",
                TABLE_SETTINGS,
                &[
                    ("object-locator", &object(TABLE_LOCATOR, &[])),
                    ("parallel-load", &object(PARALLEL_LOAD, &[])),
                    ("lob-settings", &object(LOB_SETTINGS, &[])),
                ],
            ),
            rule(
                "post-processing",
                POST_PROCESSING,
                &[
                    ("object-locator", &object(TABLE_LOCATOR, &[])),
                    ("tag-set", &format!("[{}]", object(TAG, &[]))),
                ],
            ),
            rule(
                "object-mapping",
                OBJECT_MAPPING,
                &[
                    ("object-locator", &object(TABLE_LOCATOR, &[])),
                    ("mapping-parameters", "{}"),
                ],
            ),
        ];
        for (i, document) in documents.iter().enumerate() {
            let options = Options {
                dialect: Some(if i == 0 {
                    Dialect::SchemaConversion
                } else {
                    Dialect::TableMapping
                }),
                ..Options::default()
            };
            let checked = crate::lint(document, &options);
            let unknown: Vec<_> = checked
                .diagnostics()
                .iter()
                .filter(|d| d.code == Code::UnknownKey || d.code == Code::RuleTypeNotAllowed)
                .map(|d| &d.message)
                .collect();
            assert!(unknown.is_empty(), "{unknown:?}\n{document}");
        }
    }
}

//! What each object of a rules document may hold, in each dialect: the member keys, what they
//! mean, and the values of the members that take one of a fixed set. Completion offers these;
//! hover explains them. The enumerated values come from the library's own keyword types, so
//! they are the ones lowering accepts.

use dms_rules::ast::{
    ColumnFilter, DataTypeName, FilterOperator, LobMode, ObjectKind, ObjectMappingAction,
    ParallelLoadType, PostProcessingAction, PrimaryKeyOrigin, RuleTarget, RuleType,
    SelectionAction, TableType, TransformationAction, ValidationAction,
};
use dms_rules::Dialect;

/// The kinds of object a rules document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    Root,
    Rule,
    Locator,
    Filter,
    Condition,
    DataType,
    PrimaryKeyDef,
    BeforeImageDef,
    ParallelLoad,
    LobSettings,
    Tag,
}

impl Object {
    /// The object found under `key` in an object of kind `self`, or as an item of the array
    /// found there.
    pub fn child(self, key: &str) -> Option<Object> {
        Some(match (self, key) {
            (Object::Root, "rules") => Object::Rule,
            (Object::Rule, "object-locator") => Object::Locator,
            (Object::Rule, "filters") => Object::Filter,
            (Object::Filter, "filter-conditions") => Object::Condition,
            (Object::Rule, "data-type") => Object::DataType,
            (Object::Rule, "primary-key-def") => Object::PrimaryKeyDef,
            (Object::Rule, "before-image-def") => Object::BeforeImageDef,
            (Object::Rule, "parallel-load") => Object::ParallelLoad,
            (Object::Rule, "lob-settings") => Object::LobSettings,
            (Object::Rule, "tag-set") => Object::Tag,
            _ => return None,
        })
    }

    /// What the object is, for hover text.
    pub fn name(self) -> &'static str {
        match self {
            Object::Root => "the document",
            Object::Rule => "a rule",
            Object::Locator => "an `object-locator`",
            Object::Filter => "a filter",
            Object::Condition => "a filter condition",
            Object::DataType => "a `data-type`",
            Object::PrimaryKeyDef => "a `primary-key-def`",
            Object::BeforeImageDef => "a `before-image-def`",
            Object::ParallelLoad => "a `parallel-load`",
            Object::LobSettings => "a `lob-settings`",
            Object::Tag => "a tag",
        }
    }
}

/// Where an object sits: its kind, the type of the rule it belongs to (as written), and the
/// document's dialect.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub object: Object,
    pub rule_type: Option<&'a str>,
    pub dialect: Dialect,
}

/// A member key and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub doc: &'static str,
}

const fn key(name: &'static str, doc: &'static str) -> Key {
    Key { name, doc }
}

const RULE_COMMON: &[Key] = &[
    key("rule-type", "The kind of rule: `selection`, `transformation`, `table-settings`, `post-processing`, `object-mapping` or `validation` (Schema Conversion takes only `selection`)."),
    key("rule-id", "A unique number, written as a string of digits (`\"1\"`). Ids compare as numbers; Schema Conversion applies the rules in ascending id order."),
    key("rule-name", "A name for the rule, documented as unique; it shows in logs and errors."),
    key("rule-action", "What the rule does; the values depend on `rule-type`."),
    key("object-locator", "Which objects the rule applies to: schema, table and, by rule type, other names. Names in `include`, `exclude` and transformation rules are patterns (`%` any run, `_` any one character, `[_]` a literal underscore)."),
];
const SELECTION_TM: &[Key] = &[
    key("filters", "Source row filters: filters combine with AND, the conditions of one filter with OR. Only `include` rules that name a table exactly take them."),
    key("load-order", "Tables with a higher `load-order` start loading first (a whole number from 1)."),
];
const TRANSFORMATION: &[Key] = &[
    key("rule-target", "What the action works on: `schema`, `table`, `column`, `table-tablespace` or `index-tablespace`."),
    key("value", "The new name, prefix, suffix or column name."),
    key("old-value", "The prefix or suffix to replace (`replace-prefix`, `replace-suffix`)."),
    key("expression", "A SQLite expression computing the new column's value (`add-column`)."),
    key("data-type", "The new column type (`add-column`, `change-data-type`): `type`, and `precision`, `scale` or `length`."),
    key("primary-key-def", "The key `define-primary-key` defines: `name`, `origin` and `columns`."),
    key("before-image-def", "The before-image columns `add-before-image-columns` adds: `column-prefix`, `column-suffix`, `column-filter`."),
];
const TABLE_SETTINGS: &[Key] = &[
    key("parallel-load", "How the table is split to load in parallel: `type` and, by type, `columns` and `boundaries`, or `partitions`."),
    key("lob-settings", "How LOB columns of this table load: `mode` and `bulk-max-size`."),
];
const POST_PROCESSING: &[Key] = &[key(
    "tag-set",
    "The tags `add-tag` puts on the S3 objects: an array of `{\"key\", \"value\"}`.",
)];
const OBJECT_MAPPING: &[Key] = &[
    key(
        "target-table-name",
        "The table or stream on the target (DynamoDB, Kinesis, Kafka).",
    ),
    key(
        "mapping-parameters",
        "How records map to the target: partition keys, attribute mappings.",
    ),
    key(
        "kafka-target-topic",
        "The Kafka topic the table's records go to.",
    ),
];

const VALIDATION: &[Key] = &[
    key("rule-target", "Always `column`."),
    key("source-function", "SQL run on the source column (`${column-name}` stands for it); validation compares its result instead of the column's value."),
    key("target-function", "SQL run on the target column, likewise; give it, `source-function`, or both."),
];

const ROOT: &[Key] = &[key(
    "rules",
    "The rules: an array of rule objects. DMS reads nothing else from the document.",
)];

const LOCATOR_SC_START: &[Key] = &[
    key("server-name", "Schema Conversion: the server name stored in the data provider, or its resource id; it decides whether the rule is about the source or the target."),
    key("database-name", "SQL Server and SAP ASE sources only: the database."),
    key("schema-name", "The schema."),
];
const LOCATOR_SC_END: &[Key] = &[
    key("table-type", "With `table-name`: `table` (the default) or `view`."),
    key("category-name", "A whole class of objects of the engine, such as `Tables` or `Procedures` (case-sensitive)."),
];
const LOCATOR_TM_SELECTION: &[Key] = &[
    key(
        "schema-name",
        "The schema (for MongoDB and DocumentDB, the database).",
    ),
    key("table-name", "The table, view or collection."),
    key("table-type", "`table` (the default), `view` or `all`."),
];
const LOCATOR_EXACT: &[Key] = &[
    key("schema-name", "The schema, named exactly."),
    key("table-name", "The table, named exactly."),
];
const LOCATOR_TRANSFORMATION: &[Key] = &[
    key("schema-name", "The schema."),
    key("table-name", "The table."),
    key("column-name", "The column (for `column` targets)."),
    key(
        "table-tablespace-name",
        "The table tablespace (Oracle targets).",
    ),
    key(
        "index-tablespace-name",
        "The index tablespace (Oracle targets).",
    ),
    key("data-type", "The existing column type to match, exactly."),
];
const LOCATOR_VALIDATION: &[Key] = &[
    key("schema-name", "The schema."),
    key("table-name", "The table."),
    key("column-name", "The columns whose validation is overridden."),
    key(
        "data-type",
        "Only the located columns of this type, named exactly.",
    ),
];
const FILTER: &[Key] = &[
    key("filter-type", "Always `source`."),
    key("column-name", "The column the conditions test."),
    key(
        "filter-conditions",
        "The conditions, OR-ed: each a `filter-operator` and its values.",
    ),
];
const CONDITION: &[Key] = &[
    key("filter-operator", "How the column is compared: `eq`, `noteq`, `lte`, `gte`, `between`, `notbetween`, `null`, `notnull`."),
    key("value", "The value `eq`, `noteq`, `lte` and `gte` compare with."),
    key("start-value", "The low end of `between` and `notbetween`."),
    key("end-value", "The high end of `between` and `notbetween`."),
];
const DATA_TYPE: &[Key] = &[
    key("type", "The column type."),
    key("precision", "Digits in all (`numeric`)."),
    key("scale", "Digits after the point (`numeric`)."),
    key("length", "The length (`string`, `wstring`, `bytes`)."),
];
const PRIMARY_KEY_DEF: &[Key] = &[
    key("name", "The key's name."),
    key("origin", "`primary-key` or `unique-index`."),
    key("columns", "The key's columns, in order."),
];
const BEFORE_IMAGE_DEF: &[Key] = &[
    key(
        "column-prefix",
        "Put before each column's name (default `BI_`).",
    ),
    key("column-suffix", "Put after each column's name."),
    key(
        "column-filter",
        "Which columns: `pk-only`, `non-lob` or `all`.",
    ),
];
const PARALLEL_LOAD: &[Key] = &[
    key("type", "How the table is split."),
    key(
        "columns",
        "`ranges`: the indexed columns the boundaries are on (at most 10).",
    ),
    key(
        "boundaries",
        "`ranges`: the upper bound of each segment, one value per column.",
    ),
    key("partitions", "`partitions-list`: the partitions to load."),
    key(
        "subpartitions",
        "`partitions-list`: the subpartitions to load.",
    ),
    key(
        "number-of-partitions",
        "MongoDB and DocumentDB: how many segments.",
    ),
    key(
        "collection-count-from-metadata",
        "MongoDB and DocumentDB: count the collection from its metadata.",
    ),
    key(
        "max-records-skip-per-page",
        "MongoDB and DocumentDB: records skipped per page.",
    ),
    key("batch-size", "MongoDB and DocumentDB: records per batch."),
];
const LOB_SETTINGS: &[Key] = &[
    key("mode", "`limited`, `unlimited` or `none`."),
    key("bulk-max-size", "The largest LOB in KB in `limited` mode."),
];
const TAG: &[Key] = &[
    key("key", "The tag's key."),
    key("value", "The tag's value."),
];

/// The keys an object at `place` may hold, in the order a person would write them.
pub fn keys(place: Place<'_>) -> Vec<Key> {
    let sc = place.dialect == Dialect::SchemaConversion;
    let mut keys: Vec<Key> = Vec::new();
    match place.object {
        Object::Root => keys.extend(ROOT),
        Object::Rule => {
            keys.extend(RULE_COMMON);
            match (place.rule_type, sc) {
                (_, true) => {}
                (Some("selection"), false) => keys.extend(SELECTION_TM),
                (Some("transformation"), false) => keys.extend(TRANSFORMATION),
                (Some("table-settings"), false) => {
                    keys.retain(|k| k.name != "rule-action");
                    keys.extend(TABLE_SETTINGS);
                }
                (Some("post-processing"), false) => keys.extend(POST_PROCESSING),
                (Some("object-mapping"), false) => keys.extend(OBJECT_MAPPING),
                (Some("validation"), false) => keys.extend(VALIDATION),
                // Type unknown yet: whatever some rule type takes.
                (_, false) => {
                    for more in [
                        SELECTION_TM,
                        TRANSFORMATION,
                        TABLE_SETTINGS,
                        POST_PROCESSING,
                        OBJECT_MAPPING,
                        VALIDATION,
                    ] {
                        keys.extend(more);
                    }
                }
            }
        }
        Object::Locator if sc => {
            keys.extend(LOCATOR_SC_START);
            keys.extend(ObjectKind::TEXTS.iter().map(|name| Key {
                name,
                doc: if *name == "table-name" {
                    "The table, or the view with `\"table-type\": \"view\"`."
                } else {
                    "An object of this kind, by name or pattern; one object key per locator."
                },
            }));
            keys.extend(LOCATOR_SC_END);
        }
        Object::Locator => match place.rule_type {
            Some("transformation") => keys.extend(LOCATOR_TRANSFORMATION),
            Some("validation") => keys.extend(LOCATOR_VALIDATION),
            Some("table-settings" | "post-processing" | "object-mapping") => {
                keys.extend(LOCATOR_EXACT)
            }
            _ => keys.extend(LOCATOR_TM_SELECTION),
        },
        Object::Filter => keys.extend(FILTER),
        Object::Condition => keys.extend(CONDITION),
        Object::DataType => keys.extend(DATA_TYPE),
        Object::PrimaryKeyDef => keys.extend(PRIMARY_KEY_DEF),
        Object::BeforeImageDef => keys.extend(BEFORE_IMAGE_DEF),
        Object::ParallelLoad => keys.extend(PARALLEL_LOAD),
        Object::LobSettings => keys.extend(LOB_SETTINGS),
        Object::Tag => keys.extend(TAG),
    }
    keys
}

/// The values the member `key` of an object at `place` takes, when they are a fixed set.
pub fn values(place: Place<'_>, key: &str) -> &'static [&'static str] {
    let sc = place.dialect == Dialect::SchemaConversion;
    match (place.object, key) {
        (Object::Rule, "rule-type") if sc => &["selection"],
        (Object::Rule, "rule-type") => RuleType::TEXTS,
        (Object::Rule, "rule-action") => match place.rule_type {
            Some("transformation") => TransformationAction::TEXTS,
            Some("post-processing") => PostProcessingAction::TEXTS,
            Some("object-mapping") => ObjectMappingAction::TEXTS,
            Some("validation") => ValidationAction::TEXTS,
            Some("table-settings") => &[],
            _ => SelectionAction::TEXTS,
        },
        (Object::Rule, "rule-target") if place.rule_type == Some("validation") => &["column"],
        (Object::Rule, "rule-target") => RuleTarget::TEXTS,
        (Object::Locator, "table-type") if sc => &["table", "view"],
        (Object::Locator, "table-type") => TableType::TEXTS,
        (Object::Filter, "filter-type") => &["source"],
        (Object::Condition, "filter-operator") => FilterOperator::TEXTS,
        (Object::DataType, "type") => DataTypeName::TEXTS,
        (Object::PrimaryKeyDef, "origin") => PrimaryKeyOrigin::TEXTS,
        (Object::BeforeImageDef, "column-filter") => ColumnFilter::TEXTS,
        (Object::ParallelLoad, "type") => ParallelLoadType::TEXTS,
        (Object::LobSettings, "mode") => LobMode::TEXTS,
        _ => &[],
    }
}

/// What a value means, for the values worth a sentence of their own.
pub fn value_doc(key: &str, value: &str) -> Option<&'static str> {
    Some(match (key, value) {
        ("rule-type", "selection") => "Chooses the tables (or, in Schema Conversion, the objects) to work on.",
        ("rule-type", "transformation") => "Renames, adds, removes or retypes schemas, tables and columns on the way to the target.",
        ("rule-type", "table-settings") => "Settings for one table: parallel load, LOB handling.",
        ("rule-type", "post-processing") => "S3 targets: tags on the objects written.",
        ("rule-type", "object-mapping") => "DynamoDB, Kinesis and Kafka targets: how records map.",
        ("rule-type", "validation") => "Data validation: compares the located columns through SQL functions instead of their own values.",
        ("rule-action", "override-validation-function") => "Validation compares the results of `source-function` and `target-function` (not for primary-key columns).",
        ("rule-action", "include") => "Selects every object the locator's patterns match.",
        ("rule-action", "exclude") => "Removes what an `include` selected (in Schema Conversion, one with a lower `rule-id`).",
        ("rule-action", "explicit") => "Selects one object by its exact name: `%`, `_` and `[` are ordinary characters.",
        ("filter-operator", "ste") => "The old spelling of `lte`: write `lte`.",
        ("filter-operator", "lte") => "Less than or equal to `value`.",
        ("filter-operator", "gte") => "Greater than or equal to `value`.",
        ("filter-operator", "eq") => "Equal to `value`.",
        ("filter-operator", "noteq") => "Not equal to `value`.",
        ("filter-operator", "between") => "From `start-value` to `end-value`, both included.",
        ("filter-operator", "notbetween") => "Outside `start-value` to `end-value`.",
        ("filter-operator", "null") => "The column is null; takes no value.",
        ("filter-operator", "notnull") => "The column is not null; takes no value.",
        _ => return None,
    })
}

/// Every kind of object that holds `key`, in either dialect: where the key is allowed.
pub fn holders(key: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let objects = [
        Object::Root,
        Object::Rule,
        Object::Locator,
        Object::Filter,
        Object::Condition,
        Object::DataType,
        Object::PrimaryKeyDef,
        Object::BeforeImageDef,
        Object::ParallelLoad,
        Object::LobSettings,
        Object::Tag,
    ];
    for object in objects {
        for dialect in [Dialect::TableMapping, Dialect::SchemaConversion] {
            for rule_type in [
                None,
                Some("transformation"),
                Some("table-settings"),
                Some("validation"),
            ] {
                let place = Place {
                    object,
                    rule_type,
                    dialect,
                };
                if keys(place).iter().any(|k| k.name == key) && !found.contains(&object.name()) {
                    found.push(object.name());
                }
            }
        }
    }
    found
}

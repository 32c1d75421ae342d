//! `post-processing` (Amazon S3 targets) and `object-mapping` (DynamoDB, Kinesis, Kafka) rules.

use crate::ast::{ObjectMappingAction, PostProcessingAction};
use crate::diagnostic::Severity;

use super::header::{object_locator, rule_action, HEADER};
use super::locator;
use super::object::{Choices, Entry, Items, Key, Object, Standing, Value};

pub(crate) static POST_PROCESSING: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&POST_PROCESSING_ACTION),
    Entry::Key(&POST_PROCESSING_LOCATOR),
    Entry::Key(&TAG_SET),
]);

pub(crate) static POST_PROCESSING_ACTION: Key = rule_action(
    Value::Keyword(Choices::of(PostProcessingAction::TEXTS)),
    "What the rule does: `add-tag` tags the S3 objects written for the located tables.",
)
.required(Severity::Error);

pub(crate) static POST_PROCESSING_LOCATOR: Key = object_locator(
    &locator::TABLE,
    "The tables whose S3 objects are tagged: `schema-name` and `table-name`, by pattern.",
);

pub(crate) static TAG_SET: Key = Key::new(
    "tag-set",
    Value::Objects(&TAG, Items::ANY),
    "The tags `add-tag` puts on the S3 objects: an array of `{\"key\", \"value\"}`.",
)
.required(Severity::Error);

/// A `tag-set` entry.
pub(crate) static TAG: Object = Object::new("tag", &[Entry::Key(&KEY), Entry::Key(&VALUE)]);

pub(crate) static KEY: Key =
    Key::new("key", Value::String, "The tag's key.").required(Severity::Error);

pub(crate) static VALUE: Key =
    Key::new("value", Value::String, "The tag's value.").required(Severity::Error);

pub(crate) static OBJECT_MAPPING: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&OBJECT_MAPPING_ACTION),
    Entry::Key(&OBJECT_MAPPING_LOCATOR),
    Entry::Key(&TARGET_TABLE_NAME),
    Entry::Key(&MAPPING_PARAMETERS),
    Entry::Key(&KAFKA_TARGET_TOPIC),
    Entry::Key(&PARTITION_KEY),
]);

pub(crate) static OBJECT_MAPPING_ACTION: Key = rule_action(
    Value::Keyword(Choices::of(ObjectMappingAction::TEXTS)),
    "What the rule does: `map-record-to-record` or `map-record-to-document`.",
)
.required(Severity::Error);

pub(crate) static OBJECT_MAPPING_LOCATOR: Key = object_locator(
    &locator::EXACT_TABLE,
    "The one table whose rows the rule maps: `schema-name` and `table-name`, named exactly.",
);

pub(crate) static TARGET_TABLE_NAME: Key = Key::new(
    "target-table-name",
    Value::String,
    "The table or stream on the target (DynamoDB, Kinesis, Kafka).",
);

pub(crate) static MAPPING_PARAMETERS: Key = Key::new(
    "mapping-parameters",
    Value::Object(&MAPPING),
    "How records map to the target: partition keys, attribute mappings.",
);

/// Kafka: the topic of this table's records.
pub(crate) static KAFKA_TARGET_TOPIC: Key = Key::new(
    "kafka-target-topic",
    Value::String,
    "The Kafka topic the table's records go to.",
);

/// Documented inside `mapping-parameters`; one AWS example writes it on the rule itself.
pub(crate) static PARTITION_KEY: Key = Key::new(
    "partition-key",
    Value::String,
    "Documented inside `mapping-parameters`, not on the rule.",
)
.standing(Standing::Misplaced);

/// `mapping-parameters`: documented, kept as written, never checked.
pub(crate) static MAPPING: Object = Object::new(
    "mapping parameters",
    &[
        Entry::Key(&Key::new(
            "partition-key-name",
            Value::String,
            "DynamoDB: the attribute that is the partition key.",
        )),
        Entry::Key(&Key::new(
            "sort-key-name",
            Value::String,
            "DynamoDB: the attribute that is the sort key.",
        )),
        Entry::Key(&Key::new(
            "partition-key-type",
            Value::Keyword(Choices::of(&[
                "schema-table",
                "transaction-id",
                "primary-key",
                "constant",
                "attribute-name",
            ])),
            "Kinesis and Kafka: what the partition key is made of.",
        )),
        Entry::Key(&Key::new(
            "exclude-columns",
            Value::Strings(Items::ANY),
            "Columns left out of the record.",
        )),
        Entry::Key(&Key::new(
            "attribute-mappings",
            Value::Objects(&ATTRIBUTE_MAPPING, Items::ANY),
            "How columns become the target's attributes.",
        )),
        Entry::Key(&Key::new(
            "condition-expression",
            Value::Object(&CONDITION_EXPRESSION),
            "DynamoDB: the condition a write must meet.",
        )),
    ],
)
.unread();

/// An `attribute-mappings` entry.
static ATTRIBUTE_MAPPING: Object = Object::new(
    "attribute mapping",
    &[
        Entry::Key(
            &Key::new(
                "target-attribute-name",
                Value::String,
                "The attribute on the target.",
            )
            .required(Severity::Error),
        ),
        Entry::Key(&Key::new(
            "attribute-type",
            Value::Keyword(Choices::of(&["scalar", "document"])),
            "`scalar` or `document`.",
        )),
        Entry::Key(&Key::new(
            "attribute-sub-type",
            Value::String,
            "The type within a `document` attribute.",
        )),
    ],
)
.unread();

/// A `condition-expression`: DynamoDB's own syntax, not described here.
static CONDITION_EXPRESSION: Object = Object::new("condition expression", &[]).unread();

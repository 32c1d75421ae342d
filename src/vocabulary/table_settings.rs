//! `table-settings` rules (table mapping): parallel load and LOB settings for one table.

use crate::ast::{LobMode, ParallelLoadType};
use crate::diagnostic::Severity;

use super::header::{object_locator, rule_action, HEADER};
use super::locator;
use super::object::{Choices, Entry, Items, Key, Object, Standing, Value};

pub(crate) static RULE: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&OBJECT_LOCATOR),
    Entry::Key(&ACTION),
    Entry::Key(&PARALLEL_LOAD),
    Entry::Key(&LOB_SETTINGS),
]);

/// Table settings name one table exactly: no patterns.
pub(crate) static OBJECT_LOCATOR: Key = object_locator(
    &locator::EXACT_TABLE,
    "The one table the settings are for: `schema-name` and `table-name`, named exactly.",
);

/// Absent from every AWS example, but harmless; the guide marks it as not used, and the
/// canonical form writes it last.
pub(crate) static ACTION: Key = rule_action(Value::String, "Not used by table-settings rules.")
    .standing(Standing::NotUsed)
    .written_after(LOB_SETTINGS.name);

pub(crate) static PARALLEL_LOAD: Key = Key::new(
    "parallel-load",
    Value::Object(&PARALLEL_LOAD_DEF),
    "How the table is split to load in parallel: `type` and, by type, `columns` and `boundaries`, or `partitions`.",
);

pub(crate) static LOB_SETTINGS: Key = Key::new(
    "lob-settings",
    Value::Object(&LOB_SETTINGS_DEF),
    "How LOB columns of this table load: `mode` and `bulk-max-size`.",
);

/// `parallel-load`.
pub(crate) static PARALLEL_LOAD_DEF: Object = Object::new(
    "parallel load",
    &[
        Entry::Key(&TYPE),
        Entry::Key(&COLUMNS),
        Entry::Key(&BOUNDARIES),
        Entry::Key(&PARTITIONS),
        Entry::Key(&SUBPARTITIONS),
        Entry::Key(&NUMBER_OF_PARTITIONS),
        Entry::Key(&COLLECTION_COUNT_FROM_METADATA),
        Entry::Key(&MAX_RECORDS_SKIP_PER_PAGE),
        Entry::Key(&BATCH_SIZE),
    ],
);

/// `none` is listed only by third-party typings: accepted, with a warning.
pub(crate) static TYPE: Key = Key::new(
    "type",
    Value::Keyword(
        Choices::of(
            ParallelLoadType::TEXTS
                .split_at(ParallelLoadType::TEXTS.len() - 1)
                .0,
        )
        .tolerating(&[ParallelLoadType::None.as_str()]),
    ),
    "How the table is split.",
)
.required(Severity::Error);

/// Written after `subpartitions` by the canonical form, as the AWS guide lists them.
pub(crate) static COLUMNS: Key = Key::new(
    "columns",
    Value::Strings(Items {
        min: 1,
        max: Some(10),
    }),
    "`ranges`: the indexed columns the boundaries are on (at most 10).",
)
.written_after(SUBPARTITIONS.name);

pub(crate) static BOUNDARIES: Key = Key::new(
    "boundaries",
    Value::Rows,
    "`ranges`: the upper bound of each segment, one value per column.",
)
.written_after(COLUMNS.name);

pub(crate) static PARTITIONS: Key = Key::new(
    "partitions",
    Value::Strings(Items::ANY),
    "`partitions-list`: the partitions to load.",
);

pub(crate) static SUBPARTITIONS: Key = Key::new(
    "subpartitions",
    Value::Strings(Items::ANY),
    "`partitions-list`: the subpartitions to load.",
);

/// MongoDB and DocumentDB settings.
static NUMBER_OF_PARTITIONS: Key = Key::new(
    "number-of-partitions",
    Value::Count,
    "MongoDB and DocumentDB: how many segments.",
);

static COLLECTION_COUNT_FROM_METADATA: Key = Key::new(
    "collection-count-from-metadata",
    Value::Flag,
    "MongoDB and DocumentDB: count the collection from its metadata.",
);

static MAX_RECORDS_SKIP_PER_PAGE: Key = Key::new(
    "max-records-skip-per-page",
    Value::Count,
    "MongoDB and DocumentDB: records skipped per page.",
);

static BATCH_SIZE: Key = Key::new(
    "batch-size",
    Value::Count,
    "MongoDB and DocumentDB: records per batch.",
);

/// `lob-settings`.
pub(crate) static LOB_SETTINGS_DEF: Object = Object::new(
    "LOB settings",
    &[Entry::Key(&MODE), Entry::Key(&BULK_MAX_SIZE)],
);

pub(crate) static MODE: Key = Key::new(
    "mode",
    Value::Keyword(Choices::of(LobMode::TEXTS)),
    "`limited`, `unlimited` or `none`.",
);

pub(crate) static BULK_MAX_SIZE: Key = Key::new(
    "bulk-max-size",
    Value::Count,
    "The largest LOB in KB in `limited` mode.",
);

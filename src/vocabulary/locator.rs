//! `object-locator`: which keys each dialect and rule type takes, and how their names read.

use crate::ast::{ObjectKind, TableType};
use crate::diagnostic::Severity;

use super::object::{Choices, Entry, Key, Naming, Need, Object, Value};

/// A Schema Conversion locator: from `server-name` down; unknown keys are errors, because the
/// service rejects them.
pub(crate) static SCHEMA_CONVERSION: Object = Object::new(
    "object locator",
    &[
        Entry::Key(&SERVER_NAME),
        Entry::Key(&DATABASE_NAME),
        Entry::Key(&SC_SCHEMA_NAME),
        Entry::ObjectKinds(&OBJECT_NAME),
        Entry::Key(&SC_TABLE_TYPE),
        Entry::Key(&CATEGORY_NAME),
    ],
)
.unknown(
    Severity::Error,
    "Schema Conversion rejects locator keys it does not know; the keys are `server-name`, `database-name`, `schema-name`, `category-name`, `table-type` and one object key such as `table-name` or `procedure-name` (a view is a `table-name` with `\"table-type\": \"view\"`)",
);

/// A table-mapping selection rule's locator.
pub(crate) static SELECTION: Object = Object::new(
    "object locator",
    &[
        Entry::Key(&SCHEMA_NAME),
        Entry::Key(&SELECTION_TABLE_NAME),
        Entry::Key(&TABLE_TYPE),
    ],
);

/// A homogeneous data migration's locator.
pub(crate) static DATA_MIGRATION: Object = Object::new(
    "object locator",
    &[Entry::Key(&DM_SCHEMA_NAME), Entry::Key(&DM_TABLE_NAME)],
);

/// A transformation's locator; the rule acts on one tablespace at most.
pub(crate) static TRANSFORMATION: Object = Object::new(
    "object locator",
    &[
        Entry::Key(&SCHEMA_NAME),
        Entry::Key(&OPTIONAL_TABLE_NAME),
        Entry::Key(&COLUMN_NAME),
        Entry::Key(&TABLE_TABLESPACE_NAME),
        Entry::Key(&INDEX_TABLESPACE_NAME),
        Entry::Key(&DATA_TYPE),
    ],
)
.exclusive(&[&TABLE_TABLESPACE_NAME, &INDEX_TABLESPACE_NAME]);

/// The locator of table-settings and object-mapping rules: one table, named exactly.
pub(crate) static EXACT_TABLE: Object = Object::new(
    "object locator",
    &[
        Entry::Key(&EXACT_SCHEMA_NAME),
        Entry::Key(&EXACT_TABLE_NAME),
    ],
);

/// The locator of post-processing rules: tables, by pattern.
pub(crate) static TABLE: Object = Object::new(
    "object locator",
    &[Entry::Key(&SCHEMA_NAME), Entry::Key(&TABLE_NAME)],
);

/// A validation rule's locator: the columns whose validation is overridden.
pub(crate) static VALIDATION: Object = Object::new(
    "object locator",
    &[
        Entry::Key(&SCHEMA_NAME),
        Entry::Key(&TABLE_NAME),
        Entry::Key(&VALIDATION_COLUMN_NAME),
        Entry::Key(&VALIDATION_DATA_TYPE),
    ],
);

/// Keys of table mappings' locators that nearly every rule uses; none is Schema Conversion's only.
const COMMON_SHARED: [&str; 4] = ["schema-name", "table-name", "column-name", "table-type"];

/// Whether `key` is one only Schema Conversion locators have (`server-name`, an object key
/// other than `table-name`, ...): a document that has one is read as Schema Conversion rules.
pub(crate) fn is_schema_conversion_key(key: &str) -> bool {
    // Asked of every locator key of every rule, and of every `-name"` in a document's text,
    // until a Schema Conversion key is seen: the keys of every table mapping are answered
    // without a search of the tables (a test checks the answer is the tables' own).
    !COMMON_SHARED.contains(&key) && searched_is_schema_conversion_key(key)
}

/// [`is_schema_conversion_key`] read from the tables.
fn searched_is_schema_conversion_key(key: &str) -> bool {
    match ObjectKind::parse(key) {
        Some(kind) => !SELECTION.has(kind.as_str()),
        None => SCHEMA_CONVERSION.has(key) && !SELECTION.has(key),
    }
}

/// Keys that read a name in `naming`.
const fn name(name: &'static str, naming: Naming, doc: &'static str) -> Key {
    Key::new(name, Value::Name(naming), doc)
}

const fn schema_name(naming: Naming, doc: &'static str) -> Key {
    name("schema-name", naming, doc)
}

const fn table_name(naming: Naming, doc: &'static str) -> Key {
    name("table-name", naming, doc)
}

const fn column_name(doc: &'static str) -> Key {
    name("column-name", Naming::Pattern, doc)
}

/// The type of the columns to match: a type name, never a pattern.
const fn data_type(doc: &'static str) -> Key {
    name("data-type", Naming::Exact, doc)
}

pub(crate) static SERVER_NAME: Key = name(
    "server-name",
    Naming::Exact,
    "Schema Conversion: the server name stored in the data provider, or its resource id; it decides whether the rule is about the source or the target.",
)
.required(Severity::Error)
.add("Schema Conversion locators start at `server-name`: the server name stored in the data provider, or its resource id");

pub(crate) static DATABASE_NAME: Key = name(
    "database-name",
    Naming::Pattern,
    "SQL Server and SAP ASE sources only: the database.",
);

/// A Schema Conversion locator may stop above the schema.
pub(crate) static SC_SCHEMA_NAME: Key = schema_name(Naming::Pattern, "The schema.");

/// Each object key of a Schema Conversion locator.
pub(crate) static OBJECT_NAME: Key = name(
    "",
    Naming::Pattern,
    "An object of this kind, by name or pattern; one object key per locator (a view is a `table-name` with `\"table-type\": \"view\"`).",
);

/// Written right after `table-name`, which it qualifies.
pub(crate) static SC_TABLE_TYPE: Key = Key::new(
    "table-type",
    Value::Keyword(
        Choices::of(&[TableType::Table.as_str(), TableType::View.as_str()])
            .outside(Severity::Warning),
    ),
    "With `table-name`: `table` (the default) or `view`.",
)
.written_after(ObjectKind::Table.as_str());

/// Any engine's category is accepted: which engine the rules are for is not in the document.
/// With engines given, `dms::engine_mismatch` narrows it to theirs.
pub(crate) static CATEGORY_NAME: Key = Key::new(
    "category-name",
    Value::Keyword(Choices::categories()),
    "A whole class of objects of the engine, such as `Tables` or `Procedures` (case-sensitive).",
);

pub(crate) static SCHEMA_NAME: Key = schema_name(
    Naming::Pattern,
    "The schema (for MongoDB and DocumentDB, the database).",
)
.required(Severity::Error);

/// Schema Conversion locators may stop at the schema: only table mappings need the table.
pub(crate) static SELECTION_TABLE_NAME: Key = table_name(
    Naming::Pattern,
    "The table, view or collection; views take `table-type`.",
)
.need(Need::TableMappings);

pub(crate) static TABLE_TYPE: Key = Key::new(
    "table-type",
    Value::Keyword(Choices::of(TableType::TEXTS)),
    "`table` (the default), `view` or `all`.",
);

pub(crate) static DM_SCHEMA_NAME: Key =
    schema_name(Naming::Percent, "The schema.").required(Severity::Error);

pub(crate) static DM_TABLE_NAME: Key =
    table_name(Naming::Percent, "The table.").required(Severity::Error);

pub(crate) static TABLE_NAME: Key =
    table_name(Naming::Pattern, "The table.").required(Severity::Error);

pub(crate) static OPTIONAL_TABLE_NAME: Key = table_name(Naming::Pattern, "The table.");

/// Written after the tablespaces, as the AWS guide lists them.
pub(crate) static COLUMN_NAME: Key =
    column_name("The column (for `column` targets).").written_after(INDEX_TABLESPACE_NAME.name);

pub(crate) static TABLE_TABLESPACE_NAME: Key = name(
    "table-tablespace-name",
    Naming::Pattern,
    "The table tablespace (Oracle targets).",
);

pub(crate) static INDEX_TABLESPACE_NAME: Key = name(
    "index-tablespace-name",
    Naming::Pattern,
    "The index tablespace (Oracle targets).",
);

pub(crate) static DATA_TYPE: Key = data_type("The existing column type to match, exactly.");

pub(crate) static EXACT_SCHEMA_NAME: Key =
    schema_name(Naming::Exact, "The schema, named exactly.").required(Severity::Error);

pub(crate) static EXACT_TABLE_NAME: Key =
    table_name(Naming::Exact, "The table, named exactly.").required(Severity::Error);

pub(crate) static VALIDATION_COLUMN_NAME: Key =
    column_name("The columns whose validation is overridden.").required(Severity::Error);

pub(crate) static VALIDATION_DATA_TYPE: Key =
    data_type("Only the located columns of this type, named exactly.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_only_schema_conversion_has_are_told_apart() {
        for key in [
            "server-name",
            "database-name",
            "category-name",
            "procedure-name",
        ] {
            assert!(is_schema_conversion_key(key), "{key}");
        }
        for key in [
            "schema-name",
            "table-name",
            "table-type",
            "column-name",
            "colour",
        ] {
            assert!(!is_schema_conversion_key(key), "{key}");
        }
    }

    /// The keys answered without a search get the answer the search gives.
    #[test]
    fn the_common_keys_are_shared() {
        for key in COMMON_SHARED {
            assert!(!searched_is_schema_conversion_key(key), "{key}");
        }
    }
}

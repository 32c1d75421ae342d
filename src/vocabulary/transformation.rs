//! `transformation` rules (table mapping) and the objects their actions take.

use crate::ast::{ColumnFilter, DataTypeName, PrimaryKeyOrigin, RuleTarget, TransformationAction};
use crate::diagnostic::Severity;

use super::header::{object_locator, rule_action, rule_target, HEADER};
use super::locator;
use super::object::{Choices, Entry, Items, Key, Object, Value};

pub(crate) static RULE: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&RULE_TARGET),
    Entry::Key(&ACTION),
    Entry::Key(&OBJECT_LOCATOR),
    Entry::Key(&VALUE),
    Entry::Key(&OLD_VALUE),
    Entry::Key(&EXPRESSION),
    Entry::Key(&DATA_TYPE),
    Entry::Key(&PRIMARY_KEY_DEF),
    Entry::Key(&BEFORE_IMAGE_DEF),
]);

pub(crate) static RULE_TARGET: Key = rule_target(
    Choices::of(RuleTarget::TEXTS),
    "What the action works on: `schema`, `table`, `column`, `table-tablespace` or `index-tablespace`.",
);

pub(crate) static ACTION: Key = rule_action(
    Value::Keyword(Choices::of(TransformationAction::TEXTS)),
    "What the rule does to its target, such as `rename`, `convert-lowercase` or `add-column` (case-sensitive).",
)
.required(Severity::Error);

/// Transformation locators take `%` in every name but `data-type`.
pub(crate) static OBJECT_LOCATOR: Key = object_locator(
    &locator::TRANSFORMATION,
    "Which schemas, tables or columns the rule applies to; names are patterns (`%` any run, `_` any one character, `[_]` a literal underscore).",
);

pub(crate) static VALUE: Key = Key::new(
    "value",
    Value::String,
    "The new name, prefix, suffix or column name.",
);

pub(crate) static OLD_VALUE: Key = Key::new(
    "old-value",
    Value::String,
    "The prefix or suffix to replace (`replace-prefix`, `replace-suffix`).",
);

/// Written after `data-type` by the canonical form, as the AWS guide lists them.
pub(crate) static EXPRESSION: Key = Key::new(
    "expression",
    Value::String,
    "A SQLite expression computing the new column's value (`add-column`).",
)
.written_after(DATA_TYPE.name);

pub(crate) static DATA_TYPE: Key = Key::new(
    "data-type",
    Value::Object(&DATA_TYPE_DEF),
    "The new column type (`add-column`, `change-data-type`): `type`, and `precision`, `scale` or `length`.",
);

pub(crate) static PRIMARY_KEY_DEF: Key = Key::new(
    "primary-key-def",
    Value::Object(&PRIMARY_KEY),
    "The key `define-primary-key` defines: `name`, `origin` and `columns`.",
);

pub(crate) static BEFORE_IMAGE_DEF: Key = Key::new(
    "before-image-def",
    Value::Object(&BEFORE_IMAGE),
    "The before-image columns `add-before-image-columns` adds: `column-prefix`, `column-suffix`, `column-filter`.",
);

/// A transformation's `data-type`.
pub(crate) static DATA_TYPE_DEF: Object = Object::new(
    "data type",
    &[
        Entry::Key(&TYPE),
        Entry::Key(&PRECISION),
        Entry::Key(&SCALE),
        Entry::Key(&LENGTH),
    ],
);

pub(crate) static TYPE: Key = Key::new(
    "type",
    Value::Keyword(Choices::of(DataTypeName::TEXTS)),
    "The column type.",
)
.required(Severity::Error);

pub(crate) static PRECISION: Key =
    Key::new("precision", Value::Count, "Digits in all (`numeric`).");

pub(crate) static SCALE: Key =
    Key::new("scale", Value::Count, "Digits after the point (`numeric`).");

pub(crate) static LENGTH: Key = Key::new(
    "length",
    Value::Count,
    "The length (`string`, `wstring`, `bytes`).",
);

/// `primary-key-def`.
pub(crate) static PRIMARY_KEY: Object = Object::new(
    "primary key definition",
    &[Entry::Key(&NAME), Entry::Key(&ORIGIN), Entry::Key(&COLUMNS)],
);

pub(crate) static NAME: Key =
    Key::new("name", Value::String, "The key's name.").required(Severity::Error);

pub(crate) static ORIGIN: Key = Key::new(
    "origin",
    Value::Keyword(Choices::of(PrimaryKeyOrigin::TEXTS)),
    "`primary-key` or `unique-index`.",
);

pub(crate) static COLUMNS: Key = Key::new(
    "columns",
    Value::Strings(Items::SOME),
    "The key's columns, in order.",
)
.required(Severity::Error);

/// `before-image-def`.
pub(crate) static BEFORE_IMAGE: Object = Object::new(
    "before-image definition",
    &[
        Entry::Key(&COLUMN_PREFIX),
        Entry::Key(&COLUMN_SUFFIX),
        Entry::Key(&COLUMN_FILTER),
    ],
);

pub(crate) static COLUMN_PREFIX: Key = Key::new(
    "column-prefix",
    Value::String,
    "Put before each column's name (default `BI_`).",
);

pub(crate) static COLUMN_SUFFIX: Key = Key::new(
    "column-suffix",
    Value::String,
    "Put after each column's name.",
);

pub(crate) static COLUMN_FILTER: Key = Key::new(
    "column-filter",
    Value::Keyword(Choices::of(ColumnFilter::TEXTS)),
    "Which columns: `pk-only`, `non-lob` or `all`.",
);

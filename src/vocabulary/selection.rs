//! `selection` rules in each dialect, and their source filters.

use crate::ast::{FilterArity, FilterOperator, SelectionAction};
use crate::diagnostic::Severity;

use super::header::{object_locator, rule_action, HEADER, SC_HEADER};
use super::locator;
use super::object::{Choices, Entry, Items, Key, Need, Object, Value};

/// A Schema Conversion selection rule: the members of the API's `SelectionRules`, no more.
pub(crate) static SCHEMA_CONVERSION: Object = Object::rule(&[
        Entry::Keys(&SC_HEADER),
        Entry::Key(&ACTION),
        Entry::Key(&SC_OBJECT_LOCATOR),
])
.unknown(
    Severity::Warning,
    "Schema Conversion selection rules have `rule-type`, `rule-id`, `rule-name`, `rule-action` and `object-locator` only; DMS ignores the rest",
);

/// A table-mapping selection rule.
pub(crate) static TABLE_MAPPING: Object = Object::rule(&[
    Entry::Keys(&HEADER),
    Entry::Key(&ACTION),
    Entry::Key(&OBJECT_LOCATOR),
    Entry::Key(&FILTERS),
    Entry::Key(&LOAD_ORDER),
]);

/// A homogeneous data migration's selection rule.
pub(crate) static DATA_MIGRATION: Object = Object::rule(&[
        Entry::Keys(&HEADER),
        Entry::Key(&DM_ACTION),
        Entry::Key(&DM_OBJECT_LOCATOR),
        Entry::Key(&DM_FILTERS),
])
.unknown(
    Severity::Warning,
    "homogeneous data migrations' selection rules have `rule-type`, `rule-id`, `rule-name`, `rule-action`, `object-locator` and `filters` (empty in every AWS example) only",
);

pub(crate) static ACTION: Key = rule_action(
    Value::Keyword(Choices::of(SelectionAction::TEXTS).docs(&[
        (
            SelectionAction::Include.as_str(),
            "Selects every object the locator's patterns match.",
        ),
        (
            SelectionAction::Exclude.as_str(),
            "Removes what an `include` selected (in Schema Conversion, one with a lower `rule-id`).",
        ),
        (
            SelectionAction::Explicit.as_str(),
            "Selects one object by its exact name: `%`, `_` and `[` are ordinary characters.",
        ),
    ])),
    "What the rule does: `include` and `exclude` take wildcards; `explicit` names one object exactly.",
)
.required(Severity::Error);

/// Homogeneous data migrations take `include` rules only.
pub(crate) static DM_ACTION: Key = rule_action(
    Value::Keyword(Choices::of(&[SelectionAction::Include.as_str()])),
    "What the rule does: data migrations take `include` only.",
)
.required(Severity::Error);

pub(crate) static SC_OBJECT_LOCATOR: Key = object_locator(
    &locator::SCHEMA_CONVERSION,
    "Which objects the rule applies to: from `server-name` down to one kind of object. Names in `include` and `exclude` rules are patterns (`%` any run, `_` any one character, `[_]` a literal underscore).",
);

pub(crate) static OBJECT_LOCATOR: Key = object_locator(
    &locator::SELECTION,
    "Which tables the rule applies to: `schema-name` and `table-name`. Names in `include` and `exclude` rules are patterns (`%` any run, `_` any one character, `[_]` a literal underscore).",
);

pub(crate) static DM_OBJECT_LOCATOR: Key = object_locator(
    &locator::DATA_MIGRATION,
    "Which tables the rule applies to: `schema-name` and `table-name`, where `%` is the only wildcard.",
);

/// Written after `load-order` by the canonical form, as the AWS guide lists them.
pub(crate) static FILTERS: Key = Key::new(
    "filters",
    Value::Objects(&FILTER, Items::ANY),
    "Source row filters: filters combine with AND, the conditions of one filter with OR. Only `include` rules that name a table exactly take them.",
)
.written_after(LOAD_ORDER.name);

/// Every AWS example of a data migration's rules carries `"filters": []`.
pub(crate) static DM_FILTERS: Key = Key::new(
    "filters",
    Value::Objects(
        &FILTER,
        Items {
            min: 0,
            max: Some(0),
        },
    ),
    "Empty in every AWS example: data migrations document no source filters.",
);

pub(crate) static LOAD_ORDER: Key = Key::new(
    "load-order",
    Value::LoadOrder,
    "Tables with a higher `load-order` start loading first (a whole number from 1).",
);

/// A `filters` entry.
pub(crate) static FILTER: Object = Object::new(
    "filter",
    &[
        Entry::Key(&FILTER_TYPE),
        Entry::Key(&COLUMN_NAME),
        Entry::Key(&FILTER_CONDITIONS),
    ],
);

pub(crate) static FILTER_TYPE: Key = Key::new(
    "filter-type",
    Value::Keyword(Choices::of(&["source"])),
    "Always `source`.",
)
.required(Severity::Error);

pub(crate) static COLUMN_NAME: Key = Key::new(
    "column-name",
    Value::String,
    "The column the conditions test (case-sensitive).",
)
.required(Severity::Error);

pub(crate) static FILTER_CONDITIONS: Key = Key::new(
    "filter-conditions",
    Value::Objects(&CONDITION, Items::SOME),
    "The conditions, OR-ed: each a `filter-operator` and its values.",
)
.required(Severity::Error);

/// A `filter-conditions` entry.
pub(crate) static CONDITION: Object = Object::new(
    "filter condition",
    &[
        Entry::Key(&FILTER_OPERATOR),
        Entry::Key(&VALUE),
        Entry::Key(&START_VALUE),
        Entry::Key(&END_VALUE),
    ],
);

pub(crate) static FILTER_OPERATOR: Key = Key::new(
    "filter-operator",
    Value::Keyword(Choices::of(FilterOperator::TEXTS).docs(&[
        (
            FilterOperator::Ste.as_str(),
            "The old spelling of `lte`: write `lte`.",
        ),
        (
            FilterOperator::Lte.as_str(),
            "Less than or equal to `value`.",
        ),
        (
            FilterOperator::Gte.as_str(),
            "Greater than or equal to `value`.",
        ),
        (FilterOperator::Eq.as_str(), "Equal to `value`."),
        (FilterOperator::Noteq.as_str(), "Not equal to `value`."),
        (
            FilterOperator::Between.as_str(),
            "From `start-value` to `end-value`, both included.",
        ),
        (
            FilterOperator::Notbetween.as_str(),
            "Outside `start-value` to `end-value`.",
        ),
        (
            FilterOperator::Null.as_str(),
            "The column is null; takes no value.",
        ),
        (
            FilterOperator::Notnull.as_str(),
            "The column is not null; takes no value.",
        ),
    ])),
    "How the column is compared: `eq`, `noteq`, `lte`, `gte`, `between`, `notbetween`, `null`, `notnull` (`ste` is the old spelling of `lte`).",
)
.required(Severity::Error);

pub(crate) static VALUE: Key = Key::new(
    "value",
    Value::Scalar,
    "The value `eq`, `noteq`, `lte` and `gte` compare with.",
)
.need(Need::WithOperators(FilterArity::One));

pub(crate) static START_VALUE: Key = Key::new(
    "start-value",
    Value::Scalar,
    "The low end of `between` and `notbetween`.",
)
.need(Need::WithOperators(FilterArity::Range));

pub(crate) static END_VALUE: Key = Key::new(
    "end-value",
    Value::Scalar,
    "The high end of `between` and `notbetween`.",
)
.need(Need::WithOperators(FilterArity::Range));

//! `object-locator`: which keys each dialect and rule type takes, and the names they hold.

use std::borrow::Cow;

use crate::ast::{
    Name, NamePattern, ObjectKind, ObjectLocator, PatternErrorKind, RareKey, TableType,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};
use crate::span::{Span, Spanned};
use crate::syntax::{Member, ValueKind};
use crate::vocabulary::locator as keys;
use crate::vocabulary::{Key, Naming, Object, Value};

use super::fields::Fields;
use super::value;

/// Where a locator sits, which decides its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Schema Conversion selection rules: from `server-name` down.
    SchemaConversion,
    /// Table-mapping selection rules.
    Selection,
    Transformation,
    TableSettings,
    PostProcessing,
    ObjectMapping,
    Validation,
    /// Homogeneous data migrations' selection rules.
    DataMigration,
}

impl Context {
    /// The locator's keys.
    fn object(self) -> &'static Object {
        match self {
            Context::SchemaConversion => &keys::SCHEMA_CONVERSION,
            Context::Selection => &keys::SELECTION,
            Context::Transformation => &keys::TRANSFORMATION,
            Context::TableSettings | Context::ObjectMapping => &keys::EXACT_TABLE,
            Context::PostProcessing => &keys::TABLE,
            Context::Validation => &keys::VALIDATION,
            Context::DataMigration => &keys::DATA_MIGRATION,
        }
    }
}

// Which object kinds a locator has fits in a `u32`, a bit each.
const _: () = assert!(ObjectKind::ALL.len() <= 32);

/// Lowers the `object-locator` member into `into`, which is left `None` when the member is not
/// an object; `patterns` says whether names the vocabulary reads as patterns are patterns in
/// this rule (not in an `explicit` one). The locator is filled in place, in its rule: it is
/// large, and moving it costs a copy each time.
pub(super) fn locator<'a>(
    member: &Member<'a>,
    context: Context,
    patterns: bool,
    into: &mut Option<ObjectLocator<'a>>,
    out: &mut Diagnostics,
) {
    let Some(fields) = Fields::of(
        &member.value,
        context.object(),
        Some(&member.key.value),
        out,
    ) else {
        return;
    };
    let locator = into.insert(ObjectLocator::empty(fields.span()));
    let mut reader = Reader {
        fields,
        patterns,
        out,
    };
    match context {
        Context::SchemaConversion => reader.schema_conversion(locator),
        Context::Selection => {
            reader.table(locator, &keys::SCHEMA_NAME, &keys::SELECTION_TABLE_NAME);
            if let Some(m) = reader.fields.get(&keys::TABLE_TYPE) {
                locator.table_type = value::keyword(m, &keys::TABLE_TYPE, reader.out);
            }
        }
        Context::DataMigration => {
            reader.table(locator, &keys::DM_SCHEMA_NAME, &keys::DM_TABLE_NAME)
        }
        Context::TableSettings | Context::ObjectMapping => {
            reader.table(locator, &keys::EXACT_SCHEMA_NAME, &keys::EXACT_TABLE_NAME)
        }
        Context::PostProcessing => reader.table(locator, &keys::SCHEMA_NAME, &keys::TABLE_NAME),
        Context::Validation => reader.validation(locator),
        Context::Transformation => reader.transformation(locator),
    }
    reader.fields.finish(reader.out);
}

/// A locator's members, read one key at a time.
struct Reader<'r, 't, 'a> {
    fields: Fields<'t, 'a>,
    patterns: bool,
    out: &'r mut Diagnostics,
}

impl<'a> Reader<'_, '_, 'a> {
    /// The name under `key`, read as the vocabulary says (exactly in an `explicit` rule).
    fn name(&mut self, key: &'static Key) -> Option<Name<'a>> {
        let member = self.fields.get(key)?;
        name(member, syntax(key, self.patterns), self.out)
    }

    /// A locator of one table (or, with a pattern, of tables): `schema-name` and `table-name`.
    fn table(
        &mut self,
        locator: &mut ObjectLocator<'a>,
        schema: &'static Key,
        table: &'static Key,
    ) {
        locator.schema_name = self.name(schema);
        locator.object = self.object(table, ObjectKind::Table);
    }

    /// The name under `key`, as the locator's object of `kind`.
    fn object(
        &mut self,
        key: &'static Key,
        kind: ObjectKind,
    ) -> Option<(Spanned<ObjectKind>, Name<'a>)> {
        let member = self.fields.get(key)?;
        let span = member.key.span;
        name(member, syntax(key, self.patterns), self.out).map(|n| (Spanned::new(kind, span), n))
    }

    fn validation(&mut self, locator: &mut ObjectLocator<'a>) {
        locator.schema_name = self.name(&keys::SCHEMA_NAME);
        locator.object = self.object(&keys::TABLE_NAME, ObjectKind::Table);
        let column = self.name(&keys::VALIDATION_COLUMN_NAME);
        locator.set_rare(RareKey::ColumnName, column);
        let data_type = self.name(&keys::VALIDATION_DATA_TYPE);
        locator.set_rare(RareKey::DataType, data_type);
    }

    fn transformation(&mut self, locator: &mut ObjectLocator<'a>) {
        locator.schema_name = self.name(&keys::SCHEMA_NAME);
        locator.object = self.object(&keys::OPTIONAL_TABLE_NAME, ObjectKind::Table);
        let rare = [
            (RareKey::ColumnName, &keys::COLUMN_NAME),
            (RareKey::TableTablespaceName, &keys::TABLE_TABLESPACE_NAME),
            (RareKey::IndexTablespaceName, &keys::INDEX_TABLESPACE_NAME),
            (RareKey::DataType, &keys::DATA_TYPE),
        ];
        for (rare, key) in rare {
            let name = self.name(key);
            locator.set_rare(rare, name);
        }
    }

    /// From `server-name` down: the hierarchy, one object key, and what qualifies it.
    fn schema_conversion(&mut self, locator: &mut ObjectLocator<'a>) {
        locator.server_name = self.name(&keys::SERVER_NAME);
        let database = self.name(&keys::DATABASE_NAME);
        locator.set_rare(RareKey::DatabaseName, database);
        locator.schema_name = self.name(&keys::SC_SCHEMA_NAME);
        locator.object = self.object_kinds();
        self.table_type(locator);
        self.category(locator);
    }

    /// The first object key the locator has; a second is `dms::multiple_object_keys`.
    fn object_kinds(&mut self) -> Option<(Spanned<ObjectKind>, Name<'a>)> {
        // One pass over the members finds which object kinds occur, a bit each; only those
        // are looked up, instead of scanning the locator once for each of the many kinds.
        let mut present = self
            .fields
            .keys()
            .filter_map(ObjectKind::parse)
            .fold(0u32, |bits, kind| bits | 1 << kind as u32);
        let syntax = syntax(&keys::OBJECT_NAME, self.patterns);
        let mut first: Option<&Member<'a>> = None;
        let mut object = None;
        // In the order of `ObjectKind::ALL` (a kind's bit is its index there), lowest first.
        while present != 0 {
            let kind = ObjectKind::ALL[present.trailing_zeros() as usize];
            present &= present - 1;
            let Some(m) = self.fields.find(kind.as_str()) else {
                continue;
            };
            match first {
                None => {
                    first = Some(m);
                    object = name(m, syntax, self.out).map(|n| (Spanned::new(kind, m.key.span), n));
                }
                Some(earlier) => self.out.push(
                    Diagnostic::warning(
                        Code::MultipleObjectKeys,
                        format!(
                            "this locator names two kinds of object, `{}` and `{}`",
                            earlier.key.value, m.key.value
                        ),
                        Label::new(m.key.span, "second object key"),
                    )
                    .with_label(Label::new(earlier.key.span, "first object key"))
                    .with_help(
                        "a Schema Conversion locator names one kind of object; write a separate rule for each kind",
                    ),
                ),
            }
        }
        object
    }

    /// `table-type`, which has a meaning with `table-name` only.
    fn table_type(&mut self, locator: &mut ObjectLocator<'a>) {
        let Some(m) = self.fields.get(&keys::SC_TABLE_TYPE) else {
            return;
        };
        locator.table_type = value::keyword::<TableType>(m, &keys::SC_TABLE_TYPE, self.out);
        match &locator.object {
            Some((kind, _)) if kind.value != ObjectKind::Table => self.out.push(
                Diagnostic::warning(
                    Code::MultipleObjectKeys,
                    format!("`table-type` has no meaning with `{}`", kind.value),
                    Label::new(m.key.span, "only for `table-name`"),
                )
                .with_label(Label::new(kind.span, "the object is named here"))
                .with_help(
                    "`table-type` tells tables from views: use it with `table-name`, or remove it",
                ),
            ),
            _ => {}
        }
    }

    /// `category-name`: an exact name, one some engine has.
    fn category(&mut self, locator: &mut ObjectLocator<'a>) {
        let key = &keys::CATEGORY_NAME;
        let Some(m) = self.fields.get(key) else {
            return;
        };
        locator.set_rare(RareKey::CategoryName, name(m, Syntax::Exact, self.out));
        let (Some(category), Some(text), Some(choices)) =
            (locator.category_name(), m.value.as_str(), key.choices())
        else {
            return;
        };
        if !category.value().is_empty() && !choices.contains(category.value()) {
            self.out.push(value::invalid_value(
                key.name,
                text,
                choices.iter(),
                choices.outside,
            ));
        }
    }
}

/// How the name under `key` is read: as the vocabulary says, but exactly where the rule takes
/// no patterns.
fn syntax(key: &Key, patterns: bool) -> Syntax {
    match key.value {
        Value::Name(Naming::Pattern) if patterns => Syntax::Wildcards,
        Value::Name(Naming::Percent) if patterns => Syntax::Percent,
        _ => Syntax::Exact,
    }
}

/// How a locator name is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// Every character stands for itself.
    Exact,
    /// A wildcard pattern (`grammar/pattern.ebnf`).
    Wildcards,
    /// Homogeneous data migrations: `%` is the only wildcard.
    Percent,
}

/// A locator name: a non-empty string, parsed as a pattern unless the syntax is exact.
fn name<'a>(member: &Member<'a>, syntax: Syntax, out: &mut Diagnostics) -> Option<Name<'a>> {
    let pattern = syntax != Syntax::Exact;
    let ValueKind::String(s) = &member.value.kind else {
        out.push(value::wrong_type(member, "a string"));
        return None;
    };
    let mut name = Name {
        text: Spanned::new(s.value.clone(), s.span),
        verbatim: s.is_verbatim(),
        pattern: None,
    };
    if s.value.is_empty() {
        out.push(
            Diagnostic::error(
                Code::EmptyName,
                format!("`{}` is empty", member.key.value),
                Label::new(s.span, "empty name"),
            )
            .with_help(if pattern {
                "name the object, or write `%` to match every name"
            } else {
                "name the object exactly; an empty name matches nothing"
            }),
        );
        return Some(name);
    }
    if syntax == Syntax::Percent {
        let span_of = |start, end| name.sub_span(start, end);
        name.pattern = Some(match &s.value {
            Cow::Borrowed(value) => super::pattern::percent_pattern(value, span_of),
            Cow::Owned(value) => super::pattern::percent_pattern(value, span_of).into_owned(),
        });
    } else if pattern {
        let span_of = |start, end| name.sub_span(start, end);
        // Literal pieces borrow from the input when the name does; a decoded name's pattern
        // owns its text.
        let parsed = match &s.value {
            Cow::Borrowed(value) => super::pattern::pattern(value, span_of),
            Cow::Owned(value) => {
                super::pattern::pattern(value, span_of).map(NamePattern::into_owned)
            }
        };
        match parsed {
            Ok(parsed) => name.pattern = Some(parsed),
            Err(error) => out.push(invalid_wildcard(&member.key.value, &error.kind, error.span)),
        }
    }
    Some(name)
}

fn invalid_wildcard(key: &str, kind: &PatternErrorKind, span: Span) -> Diagnostic {
    let (message, label, help) = match kind {
        PatternErrorKind::Unclosed => (
            format!("`[` in `{key}` is never closed"),
            "unclosed `[`".to_string(),
            "close the character set with `]`, such as `[_]` for a literal underscore or `[a-d]` for a range".to_string(),
        ),
        PatternErrorKind::EmptySet => (
            format!("empty character set `[]` in `{key}`"),
            "matches no character".to_string(),
            "put the characters to match between the brackets, such as `[ab]`, or remove them".to_string(),
        ),
        PatternErrorKind::ReversedRange { low, high } => (
            format!("range `{low}-{high}` in `{key}` is reversed"),
            "matches no character".to_string(),
            format!("write the lower character first: `{high}-{low}`"),
        ),
    };
    let found = Diagnostic::error(Code::InvalidWildcard, message, Label::new(span, label));
    match kind {
        // The span is the range itself only where the name has no escapes.
        PatternErrorKind::ReversedRange { low, high }
            if span.len() == low.len_utf8() + 1 + high.len_utf8() =>
        {
            let edit = Edit::replace(span, format!("{high}-{low}"));
            // The range as written matches nothing; the swapped one is a guess at what was meant.
            found
                .with_help(help)
                .with_fix(Fix::guess(format!("write `{high}-{low}`"), edit))
        }
        _ => found.with_help(help),
    }
}

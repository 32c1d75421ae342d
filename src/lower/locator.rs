//! `object-locator`: which keys each dialect and rule type takes, and the names they hold.

use std::borrow::Cow;

use crate::ast::{
    Name, NamePattern, ObjectKind, ObjectLocator, PatternErrorKind, RareKey, TableType,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label, Severity};
use crate::engine;
use crate::span::{Span, Spanned};
use crate::syntax::{Member, ValueKind};

use super::fields::Fields;
use super::value;

/// Where a locator sits, which decides its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Schema Conversion selection rules: from `server-name` down; unknown keys are errors,
    /// because the service rejects them.
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

// Which object kinds a locator has fits in a `u32`, a bit each.
const _: () = assert!(ObjectKind::ALL.len() <= 32);

/// Lowers the `object-locator` member into `into`, which is left `None` when the member is not
/// an object; `patterns` says whether names are wildcard patterns. The locator is filled in
/// place, in its rule: it is large, and moving it costs a copy each time.
pub(super) fn locator<'a>(
    member: &Member<'a>,
    context: Context,
    patterns: bool,
    into: &mut Option<ObjectLocator<'a>>,
    out: &mut Diagnostics,
) {
    let Some(mut fields) = Fields::of(&member.value, "object locator", Some("object-locator"), out)
    else {
        return;
    };
    let locator = into.insert(ObjectLocator::empty(fields.span()));
    let syntax = match (patterns, context) {
        (false, _) => Syntax::Exact,
        (true, Context::DataMigration) => Syntax::Percent,
        (true, _) => Syntax::Wildcards,
    };
    match context {
        Context::SchemaConversion => {
            locator.server_name = fields
                .require("server-name")
                .and_then(|m| name(m, Syntax::Exact, out));
            locator.set_rare(
                RareKey::DatabaseName,
                fields
                    .get("database-name")
                    .and_then(|m| name(m, syntax, out)),
            );
            locator.schema_name = fields.get("schema-name").and_then(|m| name(m, syntax, out));
            let mut first: Option<&Member<'a>> = None;
            // One pass over the members finds which object kinds occur, a bit each; only those
            // are looked up, instead of scanning the locator once for each of the many kinds.
            let mut present = fields
                .keys()
                .filter_map(ObjectKind::parse)
                .fold(0u32, |bits, kind| bits | 1 << kind as u32);
            fields.expect_all(ObjectKind::TEXTS);
            // In the order of `ObjectKind::ALL` (a kind's bit is its index there), lowest first.
            while present != 0 {
                let kind = ObjectKind::ALL[present.trailing_zeros() as usize];
                present &= present - 1;
                let Some(m) = fields.find(kind.as_str()) else {
                    continue;
                };
                match first {
                    None => {
                        first = Some(m);
                        locator.object = name(m, syntax, out)
                            .map(|n| (Spanned::new(kind, m.key.span), n));
                    }
                    Some(earlier) => out.push(
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
            if let Some(m) = fields.get("table-type") {
                locator.table_type = value::keyword_with(
                    m,
                    &[TableType::Table, TableType::View],
                    Severity::Warning,
                    out,
                );
                if let Some((kind, _)) = &locator.object {
                    if kind.value != ObjectKind::Table {
                        out.push(
                            Diagnostic::warning(
                                Code::MultipleObjectKeys,
                                format!("`table-type` has no meaning with `{}`", kind.value),
                                Label::new(m.key.span, "only for `table-name`"),
                            )
                            .with_label(Label::new(kind.span, "the object is named here"))
                            .with_help("`table-type` tells tables from views: use it with `table-name`, or remove it"),
                        );
                    }
                }
            }
            if let Some(m) = fields.get("category-name") {
                locator.set_rare(RareKey::CategoryName, name(m, Syntax::Exact, out));
                // Which engine the rules are for is not in the document, so a value is accepted
                // when some engine has it; with engines given, `dms::engine_mismatch` narrows
                // it to theirs.
                if let (Some(category), Some(text)) = (locator.category_name(), m.value.as_str()) {
                    if !category.value().is_empty() && !engine::is_category(category.value()) {
                        out.push(value::invalid_value(
                            "category-name",
                            text,
                            engine::categories(),
                            Severity::Error,
                        ));
                    }
                }
            }
            fields.finish_with(
                Severity::Error,
                Some("Schema Conversion rejects locator keys it does not know; the keys are `server-name`, `database-name`, `schema-name`, `category-name`, `table-type` and one object key such as `table-name` or `procedure-name` (a view is a `table-name` with `\"table-type\": \"view\"`)"),
                out,
            );
        }
        Context::Selection
        | Context::TableSettings
        | Context::PostProcessing
        | Context::ObjectMapping
        | Context::DataMigration => {
            if context == Context::Selection {
                // Schema Conversion locators may stop at the schema.
                fields.table_mapping_only(&["table-name"]);
            }
            locator.schema_name = fields
                .require("schema-name")
                .and_then(|m| name(m, syntax, out));
            let table = fields.require("table-name");
            locator.object = table.and_then(|m| {
                name(m, syntax, out).map(|n| (Spanned::new(ObjectKind::Table, m.key.span), n))
            });
            if context == Context::Selection {
                if let Some(m) = fields.get("table-type") {
                    locator.table_type = value::keyword(m, out);
                }
            }
            fields.finish(Severity::Warning, out);
        }
        Context::Validation => {
            locator.schema_name = fields
                .require("schema-name")
                .and_then(|m| name(m, syntax, out));
            locator.object = fields.require("table-name").and_then(|m| {
                name(m, syntax, out).map(|n| (Spanned::new(ObjectKind::Table, m.key.span), n))
            });
            locator.set_rare(
                RareKey::ColumnName,
                fields
                    .require("column-name")
                    .and_then(|m| name(m, syntax, out)),
            );
            // The type of the columns to match: a type name, never a pattern.
            locator.set_rare(
                RareKey::DataType,
                fields
                    .get("data-type")
                    .and_then(|m| name(m, Syntax::Exact, out)),
            );
            fields.finish(Severity::Warning, out);
        }
        Context::Transformation => {
            locator.schema_name = fields
                .require("schema-name")
                .and_then(|m| name(m, syntax, out));
            locator.object = fields.get("table-name").and_then(|m| {
                name(m, syntax, out).map(|n| (Spanned::new(ObjectKind::Table, m.key.span), n))
            });
            locator.set_rare(
                RareKey::ColumnName,
                fields.get("column-name").and_then(|m| name(m, syntax, out)),
            );
            locator.set_rare(
                RareKey::TableTablespaceName,
                fields
                    .get("table-tablespace-name")
                    .and_then(|m| name(m, syntax, out)),
            );
            locator.set_rare(
                RareKey::IndexTablespaceName,
                fields
                    .get("index-tablespace-name")
                    .and_then(|m| name(m, syntax, out)),
            );
            // The existing column type to match: a type name, never a pattern.
            locator.set_rare(
                RareKey::DataType,
                fields
                    .get("data-type")
                    .and_then(|m| name(m, Syntax::Exact, out)),
            );
            fields.finish(Severity::Warning, out);
        }
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

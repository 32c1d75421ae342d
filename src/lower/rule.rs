//! One rule: its header, then the members of its type.

use crate::ast::{Rule, RuleHeader, RuleType};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::options::Dialect;
use crate::span::Spanned;
use crate::syntax::Value;
use crate::vocabulary;

use super::fields::Fields;
use super::{
    rule_id, selection, table_settings, target_specific, transformation, validation, value,
};

/// How the document's dialect was decided, for messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DialectInfo {
    pub dialect: Dialect,
    pub why: Why,
}

/// Why a document is read in its dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// The caller named the dialect.
    Asked,
    /// The caller named a Schema Conversion operation.
    Operation,
    /// Told from the document's locators.
    Detected,
}

/// Lowers one item of the `rules` array.
pub(crate) fn rule<'a>(
    value: &Value<'a>,
    dialect: DialectInfo,
    out: &mut Diagnostics,
) -> Option<Rule<'a>> {
    // Read as a rule of unknown type until its `rule-type` says otherwise: its header comes
    // first, and whatever some rule type takes is known, so a misspelt `rule-type` is still
    // found without flagging the rest.
    let unknown_type = vocabulary::rule_of_unknown_type(dialect.dialect);
    let mut fields = Fields::of(value, unknown_type, None, out)?;
    let rule_type: Option<Spanned<RuleType>> = fields
        .get(&vocabulary::RULE_TYPE)
        .and_then(|m| value::keyword(m, &vocabulary::RULE_TYPE, out));
    let rule_id = fields
        .get(&vocabulary::RULE_ID)
        .and_then(|m| rule_id::rule_id(m, out));
    let rule_name = fields
        .get(vocabulary::rule_name(dialect.dialect))
        .and_then(|m| value::string(m, out));
    let header = RuleHeader {
        span: value.span,
        rule_type,
        rule_id,
        rule_name,
    };

    let Some(rule_type) = rule_type else {
        fields.finish(out);
        return Some(Rule::Invalid(Box::new(header)));
    };
    let Some(object) = vocabulary::rule(dialect.dialect, rule_type.value) else {
        // The rule type is the finding; its fields are not finished, so members it lacks or
        // does not know go unreported.
        out.push(not_allowed(rule_type.value, rule_type, dialect));
        return Some(Rule::Invalid(Box::new(header)));
    };
    fields.read_as(object);
    let fields = &mut fields;
    Some(match rule_type.value {
        RuleType::Selection => {
            Rule::Selection(selection::selection(header, fields, dialect.dialect, out))
        }
        RuleType::Transformation => {
            Rule::Transformation(transformation::transformation(header, fields, out))
        }
        RuleType::TableSettings => {
            Rule::TableSettings(table_settings::table_settings(header, fields, out))
        }
        RuleType::PostProcessing => {
            Rule::PostProcessing(target_specific::post_processing(header, fields, out))
        }
        RuleType::ObjectMapping => {
            Rule::ObjectMapping(target_specific::object_mapping(header, fields, out))
        }
        RuleType::Validation => Rule::Validation(validation::validation(header, fields, out)),
    })
}

fn not_allowed(kind: RuleType, at: Spanned<RuleType>, dialect: DialectInfo) -> Diagnostic {
    let (rules, mut help) = match dialect.dialect {
        Dialect::DataMigration => (
            "homogeneous data migrations' selection rules",
            format!(
                "`CreateDataMigration` and `ModifyDataMigration` take `include` selection rules only; `{kind}` rules belong in a replication task's table mappings"
            ),
        ),
        _ => (
            "Schema Conversion selection rules",
            format!(
                "Schema Conversion calls such as `StartMetadataModelImport` take selection rules only; `{kind}` rules belong in a replication task's table mappings"
            ),
        ),
    };
    match dialect.why {
        Why::Detected => help.push_str(
            "; this document was read as Schema Conversion rules because a locator has `server-name` or another key only Schema Conversion has (choose the table-mapping dialect if it is a task's table mappings)",
        ),
        Why::Operation => help.push_str(
            "; this document was read as Schema Conversion rules because a Schema Conversion operation was named (choose the table-mapping dialect if it is a task's table mappings)",
        ),
        Why::Asked => {}
    }
    Diagnostic::error(
        Code::RuleTypeNotAllowed,
        format!("`{kind}` rules are not allowed in {rules}"),
        Label::new(at.span, "not a selection rule"),
    )
    .with_help(help)
}

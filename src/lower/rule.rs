//! One rule: its header, then the members of its type.

use crate::ast::{Rule, RuleHeader, RuleType};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
use crate::options::Dialect;
use crate::span::Spanned;
use crate::syntax::Value;

use super::fields::Fields;
use super::{
    rule_id, selection, table_settings, target_specific, transformation, validation, value,
};

/// Every key any rule type has: a rule whose type is unknown is checked against these, so a
/// misspelt `rule-type` is still found without flagging the rest.
const ALL_RULE_KEYS: &[&str] = &[
    "rule-action",
    "object-locator",
    "filters",
    "load-order",
    "rule-target",
    "value",
    "old-value",
    "expression",
    "data-type",
    "primary-key-def",
    "before-image-def",
    "parallel-load",
    "lob-settings",
    "tag-set",
    "target-table-name",
    "mapping-parameters",
    "kafka-target-topic",
    "source-function",
    "target-function",
];

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
    let mut fields = Fields::of(value, "rule", None, out)?;
    let rule_type: Option<Spanned<RuleType>> = fields
        .require("rule-type")
        .and_then(|m| value::keyword(m, out));
    let rule_id = fields
        .require("rule-id")
        .and_then(|m| rule_id::rule_id(m, out));
    // Schema Conversion documents every member as required; table mappings are not checked
    // for it by the service.
    let name_severity = match dialect.dialect {
        Dialect::SchemaConversion => Severity::Error,
        Dialect::TableMapping | Dialect::DataMigration => Severity::Warning,
    };
    let rule_name = fields
        .require_with("rule-name", name_severity)
        .and_then(|m| value::string(m, out));
    let header = RuleHeader {
        span: value.span,
        rule_type,
        rule_id,
        rule_name,
    };

    let Some(rule_type) = rule_type else {
        fields.allow(ALL_RULE_KEYS);
        fields.finish(Severity::Warning, out);
        return Some(Rule::Invalid(Box::new(header)));
    };
    match (dialect.dialect, rule_type.value) {
        (_, RuleType::Selection) => Some(Rule::Selection(selection::selection(
            header,
            &mut fields,
            dialect.dialect,
            out,
        ))),
        // The rule type is the finding; its fields are not finished, so members it lacks or
        // does not know go unreported.
        (Dialect::SchemaConversion | Dialect::DataMigration, other) => {
            out.push(not_allowed(other, rule_type, dialect));
            Some(Rule::Invalid(Box::new(header)))
        }
        (Dialect::TableMapping, RuleType::Transformation) => Some(Rule::Transformation(
            transformation::transformation(header, &mut fields, out),
        )),
        (Dialect::TableMapping, RuleType::TableSettings) => Some(Rule::TableSettings(
            table_settings::table_settings(header, &mut fields, out),
        )),
        (Dialect::TableMapping, RuleType::PostProcessing) => Some(Rule::PostProcessing(
            target_specific::post_processing(header, &mut fields, out),
        )),
        (Dialect::TableMapping, RuleType::ObjectMapping) => Some(Rule::ObjectMapping(
            target_specific::object_mapping(header, &mut fields, out),
        )),
        (Dialect::TableMapping, RuleType::Validation) => Some(Rule::Validation(
            validation::validation(header, &mut fields, out),
        )),
    }
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

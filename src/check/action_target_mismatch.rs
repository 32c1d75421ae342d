//! `dms::action_target_mismatch`: a transformation action that does not work on its
//! `rule-target`, or lacks a member it needs (`value`, `old-value`, `data-type`,
//! `primary-key-def`, `before-image-def`, or a locator key such as `column-name`).

use crate::ast::{Rule, RuleTarget, TransformationAction as A, TransformationRule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label, Severity};
use crate::lower::one_of;
use crate::span::Spanned;

use RuleTarget::{Column, IndexTablespace, Schema, Table, TableTablespace};

/// What an action needs (spec §3.5).
struct Needs {
    targets: &'static [RuleTarget],
    members: &'static [(&'static str, &'static str)],
    /// Whether a column target must name the column in the locator.
    column_name: bool,
}

fn needs(action: A) -> Needs {
    const NAMES: &[RuleTarget] = &[Schema, Table, Column];
    const COLUMN: &[RuleTarget] = &[Column];
    let n = |targets, members, column_name| Needs {
        targets,
        members,
        column_name,
    };
    match action {
        A::Rename => n(
            &[Schema, Table, Column, TableTablespace, IndexTablespace],
            &[("value", "the new name")],
            true,
        ),
        A::ConvertLowercase | A::ConvertUppercase => n(NAMES, &[], true),
        A::AddPrefix | A::RemovePrefix => n(NAMES, &[("value", "the prefix")], true),
        A::AddSuffix | A::RemoveSuffix => n(NAMES, &[("value", "the suffix")], true),
        A::ReplacePrefix => n(
            NAMES,
            &[
                ("value", "the new prefix"),
                ("old-value", "the prefix to replace"),
            ],
            true,
        ),
        A::ReplaceSuffix => n(
            NAMES,
            &[
                ("value", "the new suffix"),
                ("old-value", "the suffix to replace"),
            ],
            true,
        ),
        A::AddColumn => n(
            COLUMN,
            &[
                ("value", "the new column's name"),
                ("data-type", "the new column's type"),
            ],
            false,
        ),
        A::RemoveColumn | A::IncludeColumn => n(COLUMN, &[], true),
        A::ChangeDataType => n(COLUMN, &[("data-type", "the new type")], true),
        A::DefinePrimaryKey => n(
            &[Table],
            &[("primary-key-def", "the key's name and columns")],
            false,
        ),
        A::AddBeforeImageColumns => n(
            COLUMN,
            &[("before-image-def", "the before-image columns")],
            false,
        ),
        A::DataMaskingDigitsMask | A::DataMaskingDigitsRandomize | A::DataMaskingHashMask => {
            n(COLUMN, &[], true)
        }
    }
}

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    if let Rule::Transformation(t) = rule {
        check_rule(t, out);
    }
}

fn check_rule(rule: &TransformationRule<'_>, out: &mut Diagnostics) {
    let Some(action) = rule.action else {
        return;
    };
    let needs = needs(action.value);

    for &(member, what) in needs.members {
        let present = match member {
            "value" => rule.value.is_some(),
            "old-value" => rule.old_value.is_some(),
            "data-type" => rule.data_type.is_some(),
            "primary-key-def" => rule.primary_key_def.is_some(),
            _ => rule.before_image_def.is_some(),
        };
        if !present {
            out.push(
                Diagnostic::error(
                    Code::ActionTargetMismatch,
                    format!("`{}` needs `{member}`: {what}", action.value),
                    Label::new(action.span, format!("`{member}` is missing")),
                )
                .with_help(format!("add `\"{member}\"` to this rule")),
            );
        }
    }

    let Some(target) = rule.target else {
        return;
    };
    if !needs.targets.contains(&target.value) {
        // Real task mappings define keys with a `column` target; DMS's handling is unverified.
        let severity = if action.value == A::DefinePrimaryKey && target.value == Column {
            Severity::Warning
        } else {
            Severity::Error
        };
        let found = Diagnostic::new(
            Code::ActionTargetMismatch,
            severity,
            format!(
                "`{}` does not work on a `{}` target",
                action.value, target.value
            ),
            Label::new(target.span, "wrong target"),
        )
        .with_label(Label::new(action.span, "the action"))
        .with_help(format!(
            "`{}` takes `rule-target` {}",
            action.value,
            one_of(needs.targets.iter().map(|t| t.as_str()))
        ));
        out.push(match needs.targets {
            // One target fits: a guess, since the action may be the mistake instead.
            [only] => {
                let (from, to) = (target.value.as_str(), only.as_str());
                found.with_fix(Fix::guess(
                    format!("change the target to `{to}`"),
                    Edit::json_string(target.span, from, to),
                ))
            }
            _ => found,
        });
        return;
    }
    locator_keys(rule, target, needs.column_name, out);
}

/// The locator must name what the target says the rule acts on.
fn locator_keys(
    rule: &TransformationRule<'_>,
    target: Spanned<RuleTarget>,
    column_name: bool,
    out: &mut Diagnostics,
) {
    let Some(locator) = &rule.locator else {
        return;
    };
    let missing = match target.value {
        Table if locator.table_name().is_none() => Some("table-name"),
        Column if column_name && locator.column_name().is_none() => Some("column-name"),
        TableTablespace if locator.table_tablespace_name().is_none() => {
            Some("table-tablespace-name")
        }
        IndexTablespace if locator.index_tablespace_name().is_none() => {
            Some("index-tablespace-name")
        }
        _ => None,
    };
    if let Some(key) = missing {
        out.push(
            Diagnostic::error(
                Code::ActionTargetMismatch,
                format!(
                    "a `{}` rule on a `{}` target needs `{key}` in its object locator",
                    rule.action.map_or("transformation", |a| a.value.as_str()),
                    target.value
                ),
                Label::new(locator.span, format!("no `{key}`")),
            )
            .with_label(Label::new(target.span, "the target"))
            .with_help(format!(
                "add `\"{key}\"` to the object locator (`%` matches every name)"
            )),
        );
    }
}

//! `dms::lob_column_transformation`: a column transformation other than `remove-column` that
//! acts on a column DMS carries as a LOB. "The only supported transformation for columns that
//! are mapped to BLOB/CLOB data types is to drop the column on the target" [TM-TR] (spec
//! §3.11): a `rename`, a case or prefix/suffix action or a `change-data-type` on such a column
//! is not carried out. Needs a catalog that gives column types; which types are LOBs depends on
//! the source engine ([`is_lob_type`](crate::is_lob_type)). One finding per rule, on its
//! `rule-action`, naming the columns.

use std::collections::BTreeMap;

use crate::ast::TransformationAction;
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::select::columns::{is_lob, ColumnBuffer, ColumnRenamer};

use super::{Listed, Targets};

pub(super) fn check(targets: &Targets<'_, '_, '_>, renamer: &ColumnRenamer) -> Vec<Diagnostic> {
    use TransformationAction as A;
    let engine = renamer.source_engine();
    // Rule index -> the LOB columns it acts on, listed, and how many.
    let mut found: BTreeMap<usize, Listed> = BTreeMap::new();
    let mut buffer = ColumnBuffer::default();
    for (_, object, _) in targets.selected() {
        if !object.columns.iter().any(|c| is_lob(engine, c)) {
            continue;
        }
        let columns = renamer.columns_into(object, &mut buffer);
        for (column, view) in object.columns.iter().zip(columns.iter()) {
            let Some(first) = view.rule_indices().next() else {
                continue;
            };
            let (_, action, _) = renamer.rule(first);
            let transforms = matches!(
                action,
                A::Rename
                    | A::ConvertLowercase
                    | A::ConvertUppercase
                    | A::AddPrefix
                    | A::RemovePrefix
                    | A::ReplacePrefix
                    | A::AddSuffix
                    | A::RemoveSuffix
                    | A::ReplaceSuffix
                    | A::ChangeDataType
            );
            if !transforms || !is_lob(engine, column) {
                continue;
            }
            found.entry(first).or_default().add(|| {
                format!(
                    "`{}.{}.{}` ({})",
                    object.schema,
                    object.name,
                    column.name,
                    column.data_type.as_deref().unwrap_or_default()
                )
            });
        }
    }
    found
        .into_iter()
        .map(|(i, listed)| {
            let (id, action, span) = renamer.rule(i);
            let columns = if listed.count == 1 { "column" } else { "columns" };
            Diagnostic::warning(
                Code::LobColumnTransformation,
                format!(
                    "this `{}` (rule {}) acts on the LOB {columns} {}, which DMS does not transform",
                    action.as_str(),
                    id.digits(),
                    listed.text()
                ),
                Label::new(span, "not supported on BLOB/CLOB columns"),
            )
            .with_help(
                "DMS only removes LOB columns (`remove-column`): narrow the rule's `column-name` \
                 (or give its locator a `data-type`) so it leaves them out, or remove them",
            )
        })
        .collect()
}

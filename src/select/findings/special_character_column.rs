//! `dms::special_character_column` with a catalog that lists columns: a column transformation
//! whose pattern makes it act on columns whose names hold `#`, `\`, `/`, `-` or a right-to-left
//! character, which DMS does not transform [TM-TR] (spec §3.11). A `column-name` whose own
//! text holds one is reported without a catalog (`check::special_character_column`); here,
//! the `%` that reaches `ORDER#`. Which rule acts on a column is decided as `explain --target`
//! shows it. One finding per rule, on its `column-name`, naming the columns.

use std::collections::BTreeMap;

use crate::check::special_character_column::{described, find, HELP};
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::select::columns::{ColumnBuffer, ColumnRenamer};

use super::{Listed, Targets};

pub(super) fn check(targets: &Targets<'_, '_, '_>, renamer: &ColumnRenamer) -> Vec<Diagnostic> {
    // Rule index -> the columns it acts on, listed, and how many.
    let mut found: BTreeMap<usize, Listed> = BTreeMap::new();
    let mut buffer = ColumnBuffer::default();
    for (_, object, _) in targets.selected() {
        // Most tables have no such column: one scan of the names rules them out.
        if !object.columns.iter().any(|c| find(&c.name).is_some()) {
            continue;
        }
        let columns = renamer.columns_into(object, &mut buffer);
        for (column, view) in object.columns.iter().zip(columns.iter()) {
            let Some((_, c)) = find(&column.name) else {
                continue;
            };
            for i in view.rule_indices() {
                if renamer.pattern_column_name(i).is_none() || !renamer.names_column(i, column) {
                    continue;
                }
                found.entry(i).or_default().add(|| {
                    format!(
                        "`{}.{}.{}` ({})",
                        object.schema,
                        object.name,
                        column.name,
                        described(c)
                    )
                });
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(i, listed)| {
            let (id, action, _) = renamer.rule(i);
            let span = renamer.pattern_column_name(i)?;
            let (columns, whose) = if listed.count == 1 {
                ("column", "whose name")
            } else {
                ("columns", "whose names")
            };
            Some(
                Diagnostic::warning(
                    Code::SpecialCharacterColumn,
                    format!(
                        "this `{}` (rule {}) acts on the {columns} {}, {whose} DMS cannot \
                         transform",
                        action.as_str(),
                        id.digits(),
                        listed.text()
                    ),
                    Label::new(span, "matches columns DMS cannot transform"),
                )
                .with_help(format!(
                    "{HELP}; a pattern cannot leave one column out, so name the other columns in \
                     narrower rules"
                )),
            )
        })
        .collect()
}

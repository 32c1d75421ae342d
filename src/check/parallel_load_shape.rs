//! `dms::parallel_load_shape`: `parallel-load` members that do not fit its `type` or each
//! other: `ranges` needs `columns` (at most 10) and `boundaries` with one value per column;
//! `partitions-list` needs `partitions`.

use crate::ast::{ParallelLoadType, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};

/// DMS segments by at most this many columns.
const MAX_COLUMNS: usize = 10;

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::TableSettings(settings) = rule else {
        return;
    };
    let Some(load) = &settings.parallel_load else {
        return;
    };
    let Some(load_type) = load.load_type else {
        return;
    };
    match load_type.value {
        ParallelLoadType::Ranges => {
            let Some(columns) = &load.columns else {
                out.push(missing(
                    load_type.span,
                    "ranges",
                    "columns",
                    "the columns to segment by, such as `[\"ID\"]`",
                ));
                return;
            };
            if columns.value.len() > MAX_COLUMNS {
                out.push(
                    Diagnostic::error(
                        Code::ParallelLoadShape,
                        format!(
                            "`ranges` segments by at most {MAX_COLUMNS} columns, found {}",
                            columns.value.len()
                        ),
                        Label::new(columns.span, "too many columns"),
                    )
                    .with_help("keep the indexed columns that split the table best"),
                );
            }
            let Some(boundaries) = &load.boundaries else {
                out.push(missing(load_type.span, "ranges", "boundaries", "the upper bound of each segment, one value per column, such as `[[\"1000\"], [\"2000\"]]`"));
                return;
            };
            for row in boundaries
                .value
                .iter()
                .filter(|row| row.value != columns.value.len())
            {
                out.push(
                    Diagnostic::error(
                        Code::ParallelLoadShape,
                        format!(
                            "this boundary has {} for {}",
                            count(row.value, "value"),
                            count(columns.value.len(), "column")
                        ),
                        Label::new(row.span, "one value per column"),
                    )
                    .with_label(Label::new(columns.span, "the columns"))
                    .with_help("give each boundary one value for each column in `columns`, in the same order"),
                );
            }
        }
        ParallelLoadType::PartitionsList if load.partitions.is_none() => {
            out.push(missing(
                load_type.span,
                "partitions-list",
                "partitions",
                "the partitions to load in parallel, such as `[\"P2023\", \"P2024\"]`",
            ));
        }
        _ => {}
    }
}

fn missing(at: crate::span::Span, kind: &str, key: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ParallelLoadShape,
        format!("`{kind}` needs `{key}`"),
        Label::new(at, format!("no `{key}`")),
    )
    .with_help(format!("add `\"{key}\"`: {what}"))
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

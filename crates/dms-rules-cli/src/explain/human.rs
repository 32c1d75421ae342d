//! The human format: a table of objects grouped by schema, the reports, then a summary.

use std::borrow::Cow;
use std::io::{self, Write};

use dms_rules::ast::RuleId;
use dms_rules::diagnostic::Style;
use dms_rules::select::ColumnBuffer;

use super::{Explained, Row, RuleRef};
use crate::report::human::{draw, plural};
use crate::report::FileReport;

pub(super) fn write(
    out: &mut dyn Write,
    explained: &Explained<'_>,
    file: &FileReport<'_>,
    style: Style,
) -> io::Result<()> {
    if explained.rows.is_empty() {
        writeln!(out, "no object to list")?;
    } else {
        table(out, explained)?;
        columns(out, explained)?;
    }
    // Each report after a blank line, so none runs into the table or the one before.
    draw(file, style, |report| write!(out, "\n{report}"))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} of {} selected",
        explained.selected,
        plural(explained.total, "object")
    )?;
    let unmatched: Vec<String> = explained.unmatched_rules().map(|r| rule(Some(r))).collect();
    if unmatched.is_empty() {
        writeln!(out, "every rule matched at least one object")
    } else {
        let rules = unmatched;
        writeln!(out, "rules that matched nothing: {}", rules.join(", "))
    }
}

/// Aligned columns; a blank line between schemas. Server and database columns appear only
/// when the catalog has them.
fn table(out: &mut dyn Write, explained: &Explained<'_>) -> io::Result<()> {
    let rows = &explained.rows[..];
    let servers = rows.iter().any(|r| r.object.server.is_some());
    let databases = rows.iter().any(|r| r.object.database.is_some());
    let mut header = Vec::new();
    if servers {
        header.push("SERVER");
    }
    if databases {
        header.push("DATABASE");
    }
    header.extend(["SCHEMA", "NAME", "KIND", "SELECTED", "DECIDED BY"]);
    if explained.targets {
        header.extend(["TARGET SCHEMA", "TARGET NAME", "RENAMED BY"]);
    }
    let cells: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| {
            let o = row.object;
            let mut cells = Vec::new();
            if servers {
                cells.push(shown(o.server.as_deref().unwrap_or("-")));
            }
            if databases {
                cells.push(shown(o.database.as_deref().unwrap_or("-")));
            }
            cells.extend([
                shown(&o.schema),
                shown(&o.name),
                Cow::Borrowed(o.kind.as_str()),
                Cow::Borrowed(if row.verdict.selected { "yes" } else { "no" }),
                Cow::Owned(rule(explained.rule(row))),
            ]);
            if explained.targets {
                match &row.target {
                    Some(target) => cells.extend([
                        shown(&target.schema),
                        shown(&target.name),
                        Cow::Owned(ids(&target.rules)),
                    ]),
                    None => cells.extend(["-", "-", "-"].map(Cow::Borrowed)),
                }
            }
            cells
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<Cow<'_, str>> = header.into_iter().map(Cow::Borrowed).collect();
    line(out, &header, &widths)?;
    let same_group = |a: &Row<'_>, b: &Row<'_>| {
        let (a, b) = (a.object, b.object);
        a.schema == b.schema && a.database == b.database && a.server == b.server
    };
    for (i, row) in cells.iter().enumerate() {
        if i > 0 && !same_group(&rows[i - 1], &rows[i]) {
            writeln!(out)?;
        }
        line(out, row, &widths)?;
    }
    Ok(())
}

/// With `--target`, each selected table's columns on the target, where the catalog lists
/// them: a block per table after a blank line.
fn columns(out: &mut dyn Write, explained: &Explained<'_>) -> io::Result<()> {
    let mut buffer = ColumnBuffer::default();
    for row in &explained.rows {
        let Some(target) = &row.target else {
            continue;
        };
        let Some(table) = explained.columns(row, &mut buffer) else {
            continue;
        };
        writeln!(out)?;
        writeln!(
            out,
            "columns of {}.{} on the target, as {}.{}",
            shown(&row.object.schema),
            shown(&row.object.name),
            shown(&target.schema),
            shown(&target.name)
        )?;
        let header = [
            "COLUMN",
            "TYPE",
            "TARGET COLUMN",
            "TARGET TYPE",
            "CHANGED BY",
        ];
        let dash = || Cow::Borrowed("-");
        let cells: Vec<Vec<Cow<'_, str>>> = table
            .iter()
            .map(|c| {
                let (name, data_type) = match c.source {
                    Some(s) => (
                        shown(&s.name),
                        s.data_type.as_deref().map_or_else(dash, shown),
                    ),
                    None => (Cow::Borrowed("(added)"), dash()),
                };
                let (target_name, target_type) = match c.target {
                    Some(t) => (shown(t.name), t.data_type.map_or_else(dash, shown)),
                    None => (Cow::Borrowed("(removed)"), dash()),
                };
                vec![
                    name,
                    data_type,
                    target_name,
                    target_type,
                    Cow::Owned(ids(c.rules())),
                ]
            })
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let widths: Vec<usize> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w + 2 } else { *w })
            .collect();
        line(out, &indent(header.map(Cow::Borrowed).to_vec()), &widths)?;
        for row in cells {
            line(out, &indent(row), &widths)?;
        }
        for note in table.unknown() {
            writeln!(out, "  not shown: {note}")?;
        }
    }
    Ok(())
}

/// The cells with the first indented two spaces, under their object.
fn indent(mut cells: Vec<Cow<'_, str>>) -> Vec<Cow<'_, str>> {
    if let Some(first) = cells.first_mut() {
        *first = Cow::Owned(format!("  {first}"));
    }
    cells
}

fn line(out: &mut dyn Write, cells: &[Cow<'_, str>], widths: &[usize]) -> io::Result<()> {
    let mut text = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i + 1 == cells.len() {
            text.push_str(cell);
        } else {
            let pad = width.saturating_sub(cell.chars().count());
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', pad + 2));
        }
    }
    writeln!(out, "{}", text.trim_end())
}

/// "3 (include hr)", "3", or "-" when no rule decided.
fn rule(rule: Option<&RuleRef>) -> String {
    match rule {
        None => "-".into(),
        Some(RuleRef { id, name }) => {
            let id = id.as_deref().unwrap_or("?");
            match name {
                Some(name) => format!("{id} ({})", shown(name)),
                None => id.to_string(),
            }
        }
    }
}

/// "4, 2", or "-" when no rule acted.
fn ids<'r>(rules: impl IntoIterator<Item = &'r RuleId>) -> String {
    let ids: Vec<&str> = rules.into_iter().map(RuleId::digits).collect();
    if ids.is_empty() {
        return "-".into();
    }
    ids.join(", ")
}

/// Names with control characters (a line break inside a quoted CSV field, an escape sequence)
/// are shown escaped, so they cannot break the table or the terminal.
fn shown(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(text.escape_debug().to_string())
    } else {
        Cow::Borrowed(text)
    }
}

//! The change for people: one block per rule, each value at its place in its own file.
//!
//! ```text
//! ~ rule 2 `include-hr`
//!     object-locator.table-name
//!       - old.json:5:22 "EMP%"
//!       + new.json:7:24 "EMP_%"
//! + rule 4 `archive` new.json:30:5
//! - rule 3 `tmp` old.json:20:5
//! ```

use std::io::{self, Write};

use dms_rules::diff::{ChangeKind, Diff, MemberChange, ObjectChange, TargetChange};
use dms_rules::select::{CatalogObject, TargetName};
use dms_rules::span::LineIndex;
use dms_rules::Span;

use super::{one_line, Objects, Sides};
use crate::report::human::plural;

/// Values longer than this many characters are cut short.
const VALUE_WIDTH: usize = 100;

/// One document's bytes, name and line index.
struct Place<'s> {
    name: &'s str,
    source: &'s [u8],
    lines: LineIndex,
}

impl Place<'_> {
    /// `name:line:column`.
    fn at(&self, span: Span) -> String {
        let (line, column) = self.lines.line_column(self.source, span.start);
        format!("{}:{line}:{column}", self.name)
    }

    fn text(&self, span: Span) -> String {
        let end = span.end.min(self.source.len());
        one_line(
            &String::from_utf8_lossy(&self.source[span.start.min(end)..end]),
            VALUE_WIDTH,
        )
    }
}

/// Nothing at all when nothing changed in meaning.
pub(super) fn write(
    out: &mut dyn Write,
    sides: &Sides<'_>,
    diff: &Diff,
    objects: Objects<'_, '_, '_>,
) -> io::Result<()> {
    if diff.is_empty() {
        return Ok(());
    }
    let old = Place {
        name: &sides.old.name,
        source: sides.old_checked.source(),
        lines: LineIndex::new(sides.old_checked.source()),
    };
    let new = Place {
        name: &sides.new.name,
        source: sides.new_checked.source(),
        lines: LineIndex::new(sides.new_checked.source()),
    };
    // The same members mean other things in the other dialect: say so before any of them.
    let dialects = (sides.old_checked.dialect(), sides.new_checked.dialect());
    if let (Some(before), Some(now)) = dialects {
        if before != now {
            writeln!(out, "~ read as `{before}` before, as `{now}` now")?;
        }
    }
    if !diff.document.is_empty() {
        writeln!(out, "~ the document, outside `rules`")?;
        for member in &diff.document {
            write_member(out, member, &old, &new)?;
        }
    }
    for rule in &diff.rules {
        let name = rule
            .rule_name()
            .map(|n| format!(" `{}`", one_line(n, VALUE_WIDTH)))
            .unwrap_or_default();
        match (rule.kind(), &rule.old, &rule.new) {
            (ChangeKind::Added, _, Some(at)) => {
                writeln!(out, "+ rule {}{name} {}", rule.rule_id, new.at(at.span))?;
            }
            (ChangeKind::Removed, Some(at), _) => {
                writeln!(out, "- rule {}{name} {}", rule.rule_id, old.at(at.span))?;
            }
            _ => {
                writeln!(out, "~ rule {}{name}", rule.rule_id)?;
                for member in &rule.members {
                    write_member(out, member, &old, &new)?;
                }
            }
        }
    }
    if let (Some(objects), Some(catalog)) = (objects, sides.catalog) {
        let (selected, unselected): (Vec<_>, Vec<_>) = objects.iter().partition(|o| o.selected);
        for (title, sign, list) in [
            ("newly selected", '+', &selected),
            ("no longer selected", '-', &unselected),
        ] {
            if list.is_empty() {
                continue;
            }
            writeln!(out, "\nobjects {title}:")?;
            let mut rows: Vec<(&CatalogObject, &ObjectChange<'_, '_>)> = list
                .iter()
                .map(|change| (&catalog.objects[change.object], *change))
                .collect();
            rows.sort_by(|a, b| object_key(a.0).cmp(&object_key(b.0)));
            for (object, change) in rows {
                writeln!(
                    out,
                    "  {sign} {} ({}): {}; before: {}",
                    object_name(object),
                    object.kind.as_str(),
                    decider(change.now),
                    decider(change.before),
                )?;
            }
        }
    }
    if let (Some(targets), Some(catalog)) = (&sides.targets, sides.catalog) {
        if !targets.is_empty() {
            writeln!(out, "\ntarget names that change:")?;
            let mut rows: Vec<(&CatalogObject, &TargetChange)> = targets
                .iter()
                .map(|change| (&catalog.objects[change.object], change))
                .collect();
            rows.sort_by(|a, b| object_key(a.0).cmp(&object_key(b.0)));
            for (object, change) in rows {
                let target = |t: &TargetName| {
                    let ids: Vec<&str> = t.rules.iter().map(|r| r.digits()).collect();
                    let by = match ids.as_slice() {
                        [] => "no rule".to_string(),
                        [one] => format!("rule {one}"),
                        more => format!("rules {}", more.join(", ")),
                    };
                    format!(
                        "{}.{} ({by})",
                        one_line(&t.schema, VALUE_WIDTH),
                        one_line(&t.name, VALUE_WIDTH)
                    )
                };
                writeln!(
                    out,
                    "  ~ {} ({}): {}; before: {}",
                    object_name(object),
                    object.kind.as_str(),
                    target(&change.now),
                    target(&change.before),
                )?;
            }
        }
    }
    let mut summary = summary(diff, objects);
    if let Some(n) = sides.targets.as_ref().map(Vec::len).filter(|&n| n > 0) {
        summary.push_str(&format!("; {} renamed on the target", plural(n, "object")));
    }
    writeln!(out, "\n{summary}")
}

fn write_member(
    out: &mut dyn Write,
    member: &MemberChange,
    old: &Place<'_>,
    new: &Place<'_>,
) -> io::Result<()> {
    let path = one_line(&member.path.to_string(), VALUE_WIDTH);
    let what = match member.kind() {
        ChangeKind::Added => " (added)",
        ChangeKind::Removed => " (removed)",
        ChangeKind::Changed => "",
    };
    writeln!(out, "    {path}{what}")?;
    if let Some(span) = member.old {
        writeln!(out, "      - {} {}", old.at(span), old.text(span))?;
    }
    if let Some(span) = member.new {
        writeln!(out, "      + {} {}", new.at(span), new.text(span))?;
    }
    Ok(())
}

fn object_key(o: &CatalogObject) -> impl Ord + '_ {
    (&o.server, &o.database, &o.schema, &o.name, o.kind.as_str())
}

/// `server.database.schema.name`, with only the parts the object has.
fn object_name(o: &CatalogObject) -> String {
    let parts = [
        o.server.as_deref(),
        o.database.as_deref(),
        Some(&o.schema),
        Some(&o.name),
    ];
    let name: Vec<&str> = parts.into_iter().flatten().collect();
    one_line(&name.join("."), VALUE_WIDTH)
}

fn decider(rule: Option<&dms_rules::ast::SelectionRule<'_>>) -> String {
    let Some(rule) = rule else {
        return "no rule".into();
    };
    let id = rule.header.rule_id.as_ref().map_or("?", |id| id.digits());
    match &rule.header.rule_name {
        Some(name) => format!("rule {id} `{}`", one_line(&name.value, VALUE_WIDTH)),
        None => format!("rule {id}"),
    }
}

/// "1 rule added, 2 changed; 3 objects newly selected, 1 no longer selected".
fn summary(diff: &Diff, objects: Objects<'_, '_, '_>) -> String {
    let count = |kind| diff.rules.iter().filter(|r| r.kind() == kind).count();
    let (added, removed, changed) = (
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Changed),
    );
    let mut parts = Vec::new();
    for (n, word) in [(added, "added"), (removed, "removed"), (changed, "changed")] {
        if n > 0 {
            parts.push(if parts.is_empty() {
                format!("{} {word}", plural(n, "rule"))
            } else {
                format!("{n} {word}")
            });
        }
    }
    if !diff.document.is_empty() {
        parts.push(format!(
            "{} outside `rules`",
            plural(diff.document.len(), "member")
        ));
    }
    let mut text = parts.join(", ");
    if let Some(objects) = objects {
        let selected = objects.iter().filter(|o| o.selected).count();
        let unselected = objects.len() - selected;
        text.push_str(&format!(
            "; {} newly selected, {unselected} no longer selected",
            plural(selected, "object")
        ));
    }
    text
}

//! The change for programs. The shape is a public interface, written down in the README:
//! change it only by adding members.

use std::io::{self, Write};

use serde::Serialize;

use dms_rules::ast::SelectionRule;
use dms_rules::diff::{ChangeKind, Diff, MemberChange, ObjectChange, RuleAt, TargetChange};
use dms_rules::select::Catalog;
use dms_rules::span::LineIndex;
use dms_rules::{Checked, Span};

use super::{Objects, Sides};
use crate::explain::json::{ObjectName, Target};

#[derive(Serialize)]
struct Output<'a> {
    old: Document<'a>,
    new: Document<'a>,
    /// Whether anything changed in meaning: the exit status is 1 when it did.
    changed: bool,
    /// Members of the envelope other than `rules`.
    document: Vec<Member>,
    rules: Vec<Rule<'a>>,
    /// `null` without `--catalog`.
    objects: Option<ObjectLists<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    path: &'a str,
    dialect: Option<&'static str>,
    /// Present, and `true`, when the document has errors and was compared as one without
    /// rules (a task's current mappings).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unreadable: bool,
}

#[derive(Serialize)]
struct Rule<'a> {
    #[serde(rename = "rule-id")]
    rule_id: &'a str,
    change: &'static str,
    #[serde(rename = "rule-name")]
    rule_name: Option<&'a str>,
    old: Option<RulePlace<'a>>,
    new: Option<RulePlace<'a>>,
    members: Vec<Member>,
}

#[derive(Serialize)]
struct RulePlace<'a> {
    #[serde(rename = "rule-name")]
    rule_name: Option<&'a str>,
    #[serde(rename = "rule-type")]
    rule_type: Option<&'a str>,
    span: JsonSpan,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Member {
    /// `object-locator.table-name`, `filters[0].value`.
    path: String,
    /// The same as a JSON Pointer: `/object-locator/table-name`.
    pointer: String,
    change: &'static str,
    old: Option<Value>,
    new: Option<Value>,
}

#[derive(Serialize)]
struct Value {
    value: serde_json::Value,
    /// The value, or the whole member (key and value) when it was added or removed.
    span: JsonSpan,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonSpan {
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
struct ObjectLists<'a> {
    selected: Vec<Object<'a>>,
    unselected: Vec<Object<'a>>,
    /// Objects both sides select, under another target schema or name.
    renamed: Vec<Renamed<'a>>,
}

#[derive(Serialize)]
struct Renamed<'a> {
    #[serde(flatten)]
    object: ObjectName<'a>,
    now: Target<'a>,
    before: Target<'a>,
}

#[derive(Serialize)]
struct Object<'a> {
    #[serde(flatten)]
    object: ObjectName<'a>,
    now: Option<Decider<'a>>,
    before: Option<Decider<'a>>,
}

#[derive(Serialize)]
struct Decider<'a> {
    #[serde(rename = "rule-id")]
    rule_id: Option<&'a str>,
    #[serde(rename = "rule-name")]
    rule_name: Option<&'a str>,
}

/// One document's bytes and line index.
struct Place<'s> {
    source: &'s [u8],
    lines: LineIndex,
}

impl<'s> Place<'s> {
    fn new(checked: &Checked<'s>) -> Self {
        Place {
            source: checked.source(),
            lines: LineIndex::new(checked.source()),
        }
    }

    fn span(&self, span: Span) -> (JsonSpan, usize, usize) {
        let (line, column) = self.lines.line_column(self.source, span.start);
        let json = JsonSpan {
            offset: span.start,
            length: span.len(),
        };
        (json, line, column)
    }

    /// The value at `span`: a value, or a whole member (`"key": value`) when `member`.
    fn value(&self, span: Span, member: bool) -> Value {
        let text = String::from_utf8_lossy(&self.source[span.range()]);
        let value = if member {
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&format!(
                "{{{text}}}"
            ))
            .ok()
            .and_then(|map| map.into_iter().next())
            .map(|(_, value)| value)
        } else {
            serde_json::from_str(&text).ok()
        };
        let (span, line, column) = self.span(span);
        Value {
            value: value.unwrap_or_default(),
            span,
            line,
            column,
        }
    }

    fn rule<'r>(&self, rule: &'r RuleAt) -> RulePlace<'r> {
        let (span, line, column) = self.span(rule.span);
        RulePlace {
            rule_name: rule.rule_name.as_deref(),
            rule_type: rule.rule_type.as_deref(),
            span,
            line,
            column,
        }
    }
}

fn member(change: &MemberChange, old: &Place<'_>, new: &Place<'_>) -> Member {
    let whole = change.kind() != ChangeKind::Changed;
    Member {
        path: change.path.to_string(),
        pointer: change.path.pointer(),
        change: change.kind().as_str(),
        old: change.old.map(|span| old.value(span, whole)),
        new: change.new.map(|span| new.value(span, whole)),
    }
}

fn object<'a>(catalog: &'a Catalog, change: &ObjectChange<'a, '_>) -> Object<'a> {
    Object {
        object: ObjectName::of(&catalog.objects[change.object]),
        now: decider(change.now),
        before: decider(change.before),
    }
}

fn decider<'a>(rule: Option<&'a SelectionRule<'_>>) -> Option<Decider<'a>> {
    rule.map(|rule| Decider {
        rule_id: rule.header.rule_id.as_ref().map(|id| id.digits()),
        rule_name: rule.header.rule_name.as_ref().map(|n| n.value.as_ref()),
    })
}

pub(super) fn write(
    out: &mut dyn Write,
    sides: &Sides<'_>,
    diff: &Diff,
    objects: Objects<'_, '_, '_>,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &output(sides, diff, objects))?;
    writeln!(out)
}

/// The change as a JSON value, for a response that holds it.
#[cfg(feature = "send")]
pub(super) fn value(
    sides: &Sides<'_>,
    diff: &Diff,
    objects: Objects<'_, '_, '_>,
) -> serde_json::Value {
    serde_json::to_value(output(sides, diff, objects)).unwrap_or_default()
}

fn output<'a>(sides: &'a Sides<'_>, diff: &'a Diff, objects: Objects<'a, 'a, '_>) -> Output<'a> {
    let old = Place::new(sides.old_checked);
    let new = Place::new(sides.new_checked);
    let objects = match (objects, sides.catalog) {
        (Some(objects), Some(catalog)) => {
            let mut selected: Vec<_> = objects.iter().filter(|o| o.selected).collect();
            let mut unselected: Vec<_> = objects.iter().filter(|o| !o.selected).collect();
            let key = |c: &&ObjectChange<'_, '_>| {
                let o = &catalog.objects[c.object];
                (
                    o.server.clone(),
                    o.database.clone(),
                    o.schema.clone(),
                    o.name.clone(),
                )
            };
            selected.sort_by_key(key);
            unselected.sort_by_key(key);
            let mut renamed: Vec<&TargetChange> = sides.targets.iter().flatten().collect();
            renamed.sort_by_key(|c| {
                let o = &catalog.objects[c.object];
                (
                    o.server.clone(),
                    o.database.clone(),
                    o.schema.clone(),
                    o.name.clone(),
                )
            });
            Some(ObjectLists {
                selected: selected.into_iter().map(|c| object(catalog, c)).collect(),
                unselected: unselected.into_iter().map(|c| object(catalog, c)).collect(),
                renamed: renamed
                    .into_iter()
                    .map(|c| Renamed {
                        object: ObjectName::of(&catalog.objects[c.object]),
                        now: Target::of(&c.now),
                        before: Target::of(&c.before),
                    })
                    .collect(),
            })
        }
        _ => None,
    };
    Output {
        old: Document {
            path: &sides.old.name,
            dialect: sides.old_checked.dialect().map(|d| d.as_str()),
            unreadable: sides.old_unreadable,
        },
        new: Document {
            path: &sides.new.name,
            dialect: sides.new_checked.dialect().map(|d| d.as_str()),
            unreadable: false,
        },
        changed: !diff.is_empty(),
        document: diff
            .document
            .iter()
            .map(|m| member(m, &old, &new))
            .collect(),
        rules: diff
            .rules
            .iter()
            .map(|rule| Rule {
                rule_id: &rule.rule_id,
                change: rule.kind().as_str(),
                rule_name: rule.rule_name(),
                old: rule.old.as_ref().map(|r| old.rule(r)),
                new: rule.new.as_ref().map(|r| new.rule(r)),
                members: rule.members.iter().map(|m| member(m, &old, &new)).collect(),
            })
            .collect(),
        objects,
    }
}

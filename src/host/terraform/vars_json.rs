//! `.tfvars.json`: a JSON object of variable values. A mapping is a JSON string there, escaped
//! once more, decoded as a CloudFormation JSON template's is, every escape mapped onto its own
//! bytes.

use std::collections::BTreeSet;

use super::nested::KEY;
use crate::diagnostic::{Code, Diagnostic, Label};
use crate::host::task::{Setting, Task, Written};
use crate::host::{Document, Mapping, Scan};
use crate::syntax::{self, Member, Value, ValueKind};

/// The mappings in the variables file `text`, `variables` being the root module's variables that
/// hold a mapping document.
pub(super) fn scan(text: &str, variables: &BTreeSet<String>) -> Scan {
    let parsed = match syntax::parse(text) {
        Ok(parsed) => parsed,
        Err(diagnostic) => return Scan::unreadable(diagnostic),
    };
    let mut scan = Scan::default();
    let Some(members) = parsed.value.as_object() else {
        return scan;
    };
    for member in members {
        let name = member.key.value.as_ref();
        let shown = format!("var.{name}");
        if variables.contains(name) || name.ends_with(KEY) {
            mapping(text, &member.value, shown, None, &mut scan);
        } else {
            walk(text, &member.value, shown, &mut scan);
        }
    }
    scan
}

/// Every `table_mappings` member at any depth of `value` (the JSON parser bounds the depth).
fn walk(text: &str, value: &Value<'_>, name: String, scan: &mut Scan) {
    match &value.kind {
        ValueKind::Object(members) => {
            for member in members {
                let key = member.key.value.as_ref();
                if key == KEY {
                    mapping(text, &member.value, name.clone(), Some(members), scan);
                } else {
                    walk(text, &member.value, format!("{name}[{key:?}]"), scan);
                }
            }
        }
        ValueKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(text, item, format!("{name}[{i}]"), scan);
            }
        }
        _ => {}
    }
}

/// The mapping `value` holds: a JSON string; `null` or an empty string leaves it unset. The
/// object holding it (a task) may say its migration type.
fn mapping(
    text: &str,
    value: &Value<'_>,
    name: String,
    holder: Option<&[Member<'_>]>,
    scan: &mut Scan,
) {
    let document = match &value.kind {
        ValueKind::Null => return,
        ValueKind::String(s) if s.value.trim().is_empty() => return,
        ValueKind::String(s) => Document::Inline(crate::host::cloudformation::json_string(
            text, s.span, &s.value,
        )),
        _ => {
            let what = value.type_name();
            scan.diagnostics.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("`{name}` takes a JSON document as a string, not {what}"),
                    Label::new(value.span, format!("{what}, not a JSON string")),
                )
                .with_help("write the rules document as one JSON string, its quotes escaped"),
            );
            Document::NotStatic
        }
    };
    scan.mappings.push(Mapping {
        resource: name,
        attribute: KEY.to_owned(),
        span: value.span,
        document,
        task: Task {
            migration_type: holder.map_or(Setting::Absent, migration_type),
            ..Task::default()
        },
    });
}

/// The `migration_type` member of a task object, as written.
fn migration_type(members: &[Member<'_>]) -> Setting<crate::options::MigrationType> {
    let Some(member) = members
        .iter()
        .rev()
        .find(|m| m.key.value == "migration_type")
    else {
        return Setting::Absent;
    };
    let at = Written {
        path: None,
        span: member.value.span,
    };
    match member.value.as_str().map(|s| s.value.parse()) {
        Some(Ok(value)) => Setting::Read { value, at },
        _ => Setting::Unknown {
            why: "not a migration type dms-rules knows".into(),
            at,
        },
    }
}

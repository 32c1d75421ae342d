//! The envelope every dialect shares: `{"rules": [...]}`.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};
use crate::syntax::{Value, ValueKind};

/// Checks the top level and returns the `rules` array when there is one.
pub fn envelope<'t, 'a>(root: &'t Value<'a>, out: &mut Diagnostics) -> Option<&'t Value<'a>> {
    let Some(members) = root.as_object() else {
        let help = match root.kind {
            ValueKind::Array(_) => "wrap the rules in an object: `{\"rules\": [...]}`",
            _ => "a rules document is a JSON object such as `{\"rules\": [...]}`",
        };
        let found = Diagnostic::error(
            Code::NotARulesDocument,
            format!(
                "expected an object with a `rules` array, found {}",
                root.type_name()
            ),
            Label::new(root.span, "not an object"),
        )
        .with_help(help);
        out.push(match root.kind {
            ValueKind::Array(_) => found.with_fix(wrap(root, "{\"rules\": ", "}")),
            _ => found,
        });
        return None;
    };
    let Some(rules) = members.iter().find(|m| m.key.value == "rules") else {
        let help = if members.iter().any(|m| m.key.value == "rule-type") {
            "this looks like a single rule: wrap it as `{\"rules\": [ ... ]}`".to_string()
        } else if let Some(m) = members
            .iter()
            .find(|m| m.key.value.eq_ignore_ascii_case("rules") || m.key.value == "TableMappings")
        {
            format!(
                "the key is `rules`, lower case, holding an array of rule objects (found `{}`)",
                m.key.value
            )
        } else {
            "a rules document is a JSON object such as `{\"rules\": [...]}`".to_string()
        };
        let found = Diagnostic::error(
            Code::NotARulesDocument,
            "the document has no `rules` member",
            Label::new(root.span, "no `rules` in this object"),
        )
        .with_help(help);
        let single_rule = members.iter().any(|m| m.key.value == "rule-type");
        out.push(if single_rule {
            found.with_fix(wrap(root, "{\"rules\": [", "]}"))
        } else {
            found
        });
        return None;
    };
    match &rules.value.kind {
        ValueKind::Array(_) => Some(&rules.value),
        _ => {
            out.push(
                Diagnostic::error(
                    Code::NotARulesDocument,
                    format!(
                        "`rules` must be an array, found {}",
                        rules.value.type_name()
                    ),
                    Label::new(rules.value.span, "not an array"),
                )
                .with_label(Label::new(rules.key.span, "`rules` is defined here"))
                .with_help(
                    "write the rules as an array of rule objects: `\"rules\": [ {...}, {...} ]`",
                ),
            );
            None
        }
    }
}

/// Wraps the root value in the envelope: what the document plainly is.
fn wrap(root: &Value<'_>, before: &str, after: &str) -> Fix {
    Fix::new(
        crate::diagnostic::Applicability::Safe,
        "wrap in `{\"rules\": ...}`",
        vec![
            Edit::insert(root.span.start, before),
            Edit::insert(root.span.end, after),
        ],
    )
}

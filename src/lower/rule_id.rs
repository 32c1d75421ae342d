//! `rule-id`: digits as a string (the documented style) or a JSON integer (accepted by DMS).

use crate::ast::RuleId;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};
use crate::syntax::{Member, ValueKind};

/// The largest id a 64-bit signed integer holds; DMS's limit is not documented.
const LARGEST: u64 = i64::MAX as u64;

pub(super) fn rule_id(member: &Member<'_>, out: &mut Diagnostics) -> Option<RuleId> {
    let value = &member.value;
    match &value.kind {
        ValueKind::String(s) if is_digits(&s.value) => {
            let id = RuleId::new(&s.value, s.span);
            if s.value.len() > 1 && s.value.starts_with('0') {
                // The id's digits are the written ones without leading zeros.
                let plain = id.digits();
                out.push(
                    Diagnostic::warning(
                        Code::RuleIdFormat,
                        format!("`rule-id` `{}` has leading zeros", s.value),
                        Label::new(s.span, "leading zeros"),
                    )
                    .with_help(format!(
                        "write `\"{plain}\"`: ids compare as numbers, so `\"{}\"` is the same id as `\"{plain}\"`",
                        s.value
                    ))
                    .with_fix(Fix::safe(
                        format!("write `\"{plain}\"`"),
                        Edit::json_string(s.span, &s.value, plain),
                    )),
                );
            }
            too_large(&id, out);
            Some(id)
        }
        ValueKind::Number(raw) if is_digits(raw) && !(raw.len() > 1 && raw.starts_with('0')) => {
            out.push(
                Diagnostic::warning(
                    Code::RuleIdFormat,
                    format!("`rule-id` {raw} is a JSON number"),
                    Label::new(value.span, "a number"),
                )
                .with_help(format!(
                    "AWS documents `rule-id` as a string of digits: write `\"{raw}\"` (DMS accepts both)"
                ))
                .with_fix(Fix::safe(
                    format!("write `\"{raw}\"`"),
                    Edit::replace(value.span, format!("\"{raw}\"")),
                )),
            );
            let id = RuleId::new(raw, value.span);
            too_large(&id, out);
            Some(id)
        }
        _ => {
            let shown = match &value.kind {
                ValueKind::String(s) => format!("`\"{}\"`", s.value),
                ValueKind::Number(raw) => format!("`{raw}`"),
                _ => value.type_name().to_string(),
            };
            let help = match &value.kind {
                ValueKind::Number(raw) if raw.starts_with('-') => {
                    "rule ids are non-negative: use a positive number such as `\"1\"`".to_string()
                }
                ValueKind::Number(_) => {
                    "rule ids are whole numbers: write digits only, such as `\"1\"`".to_string()
                }
                _ => "write the id as digits, such as `\"1\"`".to_string(),
            };
            out.push(
                Diagnostic::error(
                    Code::RuleIdFormat,
                    format!("`rule-id` must be a non-negative whole number, found {shown}"),
                    Label::new(value.span, "not a rule id"),
                )
                .with_help(help),
            );
            None
        }
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn too_large(id: &RuleId, out: &mut Diagnostics) {
    if id.value().is_none_or(|n| n > LARGEST) {
        out.push(
            Diagnostic::warning(
                Code::RuleIdFormat,
                format!("`rule-id` {} is larger than a 64-bit integer", id.digits()),
                Label::new(id.span, "too large"),
            )
            .with_help(format!(
                "DMS's largest id is not documented; ids above {LARGEST} may be rejected, so use a smaller number"
            )),
        );
    }
}

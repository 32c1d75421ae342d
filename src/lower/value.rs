//! Reading member values of the expected JSON type; findings for the others.

use std::borrow::Cow;

use crate::ast::{Keyword, Text};
use crate::diagnostic::{Applicability, Code, Diagnostic, Diagnostics, Edit, Fix, Label, Severity};
use crate::span::Spanned;
use crate::syntax::{Member, Value, ValueKind};
use crate::vocabulary::Key;

use super::suggest::{nearest, one_of};

/// A string member.
pub(super) fn string<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<Text<'a>> {
    match &member.value.kind {
        ValueKind::String(s) => Some(Spanned::new(s.value.clone(), s.span)),
        _ => {
            out.push(wrong_type(member, "a string"));
            None
        }
    }
}

/// A string or number member, kept as text (filter values, sizes, precisions).
pub(super) fn scalar<'a>(member: &Member<'a>, out: &mut Diagnostics) -> Option<Text<'a>> {
    match &member.value.kind {
        ValueKind::String(s) => Some(Spanned::new(s.value.clone(), s.span)),
        ValueKind::Number(raw) => Some(Spanned::new(Cow::Borrowed(*raw), member.value.span)),
        _ => {
            out.push(wrong_type(member, "a string or a number"));
            None
        }
    }
}

/// An object member's value.
pub(super) fn object<'t, 'a>(
    member: &'t Member<'a>,
    out: &mut Diagnostics,
) -> Option<&'t Value<'a>> {
    match member.value.kind {
        ValueKind::Object(_) => Some(&member.value),
        _ => {
            out.push(wrong_type(member, "an object"));
            None
        }
    }
}

/// An array member's items.
pub(super) fn array<'t, 'a>(
    member: &'t Member<'a>,
    out: &mut Diagnostics,
) -> Option<&'t [Value<'a>]> {
    match &member.value.kind {
        ValueKind::Array(items) => Some(items),
        _ => {
            out.push(wrong_type(member, "an array"));
            None
        }
    }
}

/// A string array item.
fn string_item<'a>(item: &Value<'a>, what: &str, out: &mut Diagnostics) -> Option<Text<'a>> {
    match &item.kind {
        ValueKind::String(s) => Some(Spanned::new(s.value.clone(), s.span)),
        _ => {
            let found = Diagnostic::error(
                Code::WrongType,
                format!("each {what} must be a string, found {}", item.type_name()),
                Label::new(item.span, "expected a string"),
            )
            .with_help("write it in double quotes");
            // A number quoted is the string it was written as: `7` is the column `7`.
            out.push(match &item.kind {
                ValueKind::Number(raw) => found.with_fix(Fix::safe(
                    format!("quote `{raw}`"),
                    Edit::replace(item.span, format!("\"{raw}\"")),
                )),
                _ => found,
            });
            None
        }
    }
}

/// An array member of strings, with the array's span; items that are not strings are reported
/// as `each {what}` and left out.
pub(super) fn strings<'a>(
    member: &Member<'a>,
    what: &str,
    out: &mut Diagnostics,
) -> Option<Spanned<Vec<Text<'a>>>> {
    let items = array(member, out)?;
    let texts = each(items, |item| string_item(item, what, out));
    Some(Spanned::new(texts, member.value.span))
}

/// The items that `lower` keeps, in a vector of exactly the array's length, which is what they
/// need when all of them lower (the usual case). Collecting a `filter_map` would reserve room
/// for four, and typed rules are kept, by the thousand, for as long as the document.
pub(super) fn each<'v, 'a, T>(
    items: &'v [Value<'a>],
    lower: impl FnMut(&'v Value<'a>) -> Option<T>,
) -> Vec<T> {
    let mut kept = Vec::with_capacity(items.len());
    kept.extend(items.iter().filter_map(lower));
    kept
}

/// A keyword member: one of the case-sensitive strings the vocabulary allows for `key`, which
/// are values of `K`. A value outside them is an `invalid_value` at the severity the table
/// gives; one it tolerates is accepted, with a warning that lists the documented ones.
pub(super) fn keyword<K: Keyword>(
    member: &Member<'_>,
    key: &Key,
    out: &mut Diagnostics,
) -> Option<Spanned<K>> {
    let Some(text) = member.value.as_str() else {
        let mut found = wrong_type(member, "a string");
        // A quoted number is no keyword either: no fix to offer.
        found.fix = None;
        out.push(found);
        return None;
    };
    let Some(choices) = key.choices() else {
        debug_assert!(false, "`{}` takes no keyword", key.name);
        return K::parse(&text.value).map(|value| Spanned::new(value, text.span));
    };
    if let Some(value) = K::parse(&text.value) {
        // Where every value of `K` is allowed, there is no list to search.
        if choices.len() == K::ALL.len() || choices.contains(&text.value) {
            return Some(Spanned::new(value, text.span));
        }
        if choices.tolerated.contains(&text.value.as_ref()) {
            out.push(invalid_value(
                &member.key.value,
                text,
                choices.iter(),
                Severity::Warning,
            ));
            return Some(Spanned::new(value, text.span));
        }
    }
    out.push(invalid_value(
        &member.key.value,
        text,
        choices.iter(),
        choices.outside,
    ));
    None
}

/// `invalid_value` for a string that is not one of `allowed`.
pub(super) fn invalid_value<'w>(
    key: &str,
    text: &crate::syntax::Str<'_>,
    allowed: impl Iterator<Item = &'w str> + Clone,
    severity: Severity,
) -> Diagnostic {
    let near = nearest(&text.value, allowed.clone());
    let label = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "not an allowed value".to_string(),
    };
    let found = Diagnostic::new(
        Code::InvalidValue,
        severity,
        format!("`{}` is not a valid `{key}`", text.value),
        Label::new(text.span, label),
    )
    .with_help(format!(
        "`{key}` is one of {} (values are case-sensitive)",
        one_of(allowed)
    ));
    match near {
        Some(near) => {
            // The same word in other letter case is what was meant; another word is a guess.
            let applicability = if near.eq_ignore_ascii_case(&text.value) {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let edit = Edit::json_string(text.span, &text.value, near);
            found.with_fix(Fix::new(
                applicability,
                format!("change to `{near}`"),
                vec![edit],
            ))
        }
        None => found,
    }
}

pub(super) fn wrong_type(member: &Member<'_>, expected: &str) -> Diagnostic {
    let fix = match &member.value.kind {
        ValueKind::Number(raw) if expected.contains("string") => Some(Fix::safe(
            format!("quote `{raw}`"),
            Edit::replace(member.value.span, format!("\"{raw}\"")),
        )),
        _ => None,
    };
    let found = member.value.type_name();
    let help = match (&member.value.kind, expected) {
        (ValueKind::Number(raw), e) if e.contains("string") => {
            format!("write it in double quotes: `\"{raw}\"`")
        }
        (ValueKind::String(_), "an array") => {
            format!("write it as an array: `\"{}\": [ ... ]`", member.key.value)
        }
        _ => format!("`{}` takes {expected}", member.key.value),
    };
    let diagnostic = Diagnostic::error(
        Code::WrongType,
        format!("`{}` must be {expected}, found {found}", member.key.value),
        Label::new(member.value.span, format!("{found}, expected {expected}")),
    )
    .with_help(help);
    match fix {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    }
}

//! `dms::underscore_wildcard`: in a pattern, `_` matches any one character, so `TMP_%` also
//! matches `TMPX...`. A `_` written next to letters in a `%` pattern almost always means a
//! literal underscore.

use crate::ast::{Name, Piece, PieceKind, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};

use super::pattern_names;

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    for name in pattern_names(rule) {
        let Some(pattern) = &name.pattern else {
            continue;
        };
        let pieces = pattern.pieces();
        // Only where a `%` makes the pattern broad: in `OMS_OWNER` the `_` can only match a
        // name that differs by one character, but `TMP_%` also takes every `TMPX...` table.
        let any_char = pieces.iter().any(|p| matches!(p.kind, PieceKind::AnyChar));
        if !any_char || !pieces.iter().any(|p| matches!(p.kind, PieceKind::AnyRun)) {
            continue;
        }
        let literal = |index: Option<usize>| match index.and_then(|i| pieces.get(i)) {
            Some(Piece {
                kind: PieceKind::Literal(text),
                ..
            }) => Some(text.as_ref()),
            _ => None,
        };
        let suspicious = pieces.iter().enumerate().find(|(i, p)| {
            let before = literal(i.checked_sub(1));
            let after = literal(Some(i + 1));
            // `#_` and `\_` may be endpoint escapes: `possible_escape_character` says so.
            let escaped = before.is_some_and(|t| t.ends_with(['#', '\\']));
            p.kind == PieceKind::AnyChar
                && !escaped
                && (before.is_some_and(|t| t.ends_with(char::is_alphanumeric))
                    || after.is_some_and(|t| t.starts_with(char::is_alphanumeric)))
        });
        if let Some((_, piece)) = suspicious {
            out.push(
                Diagnostic::warning(
                    Code::UnderscoreWildcard,
                    format!(
                        "`_` in `{}` matches any one character, not only an underscore",
                        name.value()
                    ),
                    Label::new(piece.span, "any character"),
                )
                .with_help(format!(
                    "write `{}` to match a literal underscore; keep `_` if any character is meant",
                    literal_underscores(name)
                ))
                .with_fix(Fix::new(
                    crate::diagnostic::Applicability::Safe,
                    "match a literal `_`",
                    literal_edits(name),
                )),
            );
        }
    }
}

/// The name with every wildcard `_` written as `[_]`.
fn literal_underscores(name: &Name<'_>) -> String {
    let mut out = String::with_capacity(name.value().len() + 8);
    let mut from = 0;
    for at in wildcard_underscores(name.value()) {
        out.push_str(&name.value()[from..at]);
        out.push_str("[_]");
        from = at + 1;
    }
    out.push_str(&name.value()[from..]);
    out
}

/// The edits that write the help's pattern: one per `_` where the name has no escapes, else
/// the whole string.
fn literal_edits(name: &Name<'_>) -> Vec<Edit> {
    if name.verbatim {
        wildcard_underscores(name.value())
            .map(|at| Edit::replace(name.sub_span(at, at + 1), "[_]"))
            .collect()
    } else {
        let rewritten = literal_underscores(name);
        vec![Edit::json_string(name.span(), name.value(), &rewritten)]
    }
}

/// The offsets of the `_`s that are wildcards: those outside a `[...]` set.
fn wildcard_underscores(value: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_set = false;
    value.char_indices().filter_map(move |(at, c)| {
        match c {
            '[' => in_set = true,
            ']' => in_set = false,
            '_' if !in_set => return Some(at),
            _ => {}
        }
        None
    })
}

//! `dms::possible_escape_character`: `#` or `\` right before a wildcard. Oracle endpoints can
//! declare an escape character (`escapeCharacter=#`), which makes `#_` a literal underscore;
//! without it `#` is an ordinary character. The document cannot tell, so this is advice.

use crate::ast::Rule;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};

use super::pattern_names;

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    for name in pattern_names(rule) {
        let value = name.value();
        // Most names have neither character: one byte scan rules them out.
        if !value.bytes().any(|b| b == b'#' || b == b'\\') {
            continue;
        }
        let found = value
            .char_indices()
            .zip(value.chars().skip(1))
            .find(|((_, c), next)| matches!(c, '#' | '\\') && matches!(next, '_' | '%'));
        if let Some(((at, escape), wildcard)) = found {
            out.push(
                Diagnostic::new(
                    Code::PossibleEscapeCharacter,
                    Severity::Advice,
                    format!("`{escape}{wildcard}` in `{value}` may be an escaped `{wildcard}`, depending on the endpoint"),
                    Label::new(name.sub_span(at, at + 2), "escape or literal?"),
                )
                .with_help(format!(
                    "with the Oracle endpoint setting `escapeCharacter={escape}`, `{escape}{wildcard}` matches a literal `{wildcard}`; without it, `{escape}` is an ordinary character and `{wildcard}` is a wildcard. Where a literal is meant and no escape character is set, write `[{wildcard}]`"
                )),
            );
        }
    }
}

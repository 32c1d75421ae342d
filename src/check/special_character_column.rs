//! `dms::special_character_column`: the AWS guide says transformations cannot be performed on
//! columns whose names hold special characters such as `#`, `\`, `/` or `-`.

use std::borrow::Cow;

use crate::ast::{Rule, TransformationAction};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Label};
use crate::span::Span;

/// The characters the AWS guide names.
const SPECIAL: [char; 4] = ['#', '\\', '/', '-'];

pub(super) fn check(rule: &Rule<'_>, out: &mut Diagnostics) {
    let Rule::Transformation(t) = rule else {
        return;
    };
    if let Some(name) = t.locator.as_ref().and_then(|l| l.column_name()) {
        if let Some((at, c)) = find(name.value()) {
            out.push(diagnostic(
                name.value(),
                c,
                name.sub_span(at, at + c.len_utf8()),
            ));
        }
    }
    // The column `add-column` makes is transformed too.
    if let (Some(action), Some(value)) = (t.action, &t.value) {
        if action.value == TransformationAction::AddColumn {
            if let Some((at, c)) = find(&value.value) {
                // A borrowed value holds no escape, so its bytes are the source's.
                let span = match value.value {
                    Cow::Borrowed(_) => {
                        let start = value.span.start + 1 + at;
                        Span::new(start, start + c.len_utf8())
                    }
                    Cow::Owned(_) => value.span,
                };
                out.push(diagnostic(&value.value, c, span));
            }
        }
    }
}

fn find(name: &str) -> Option<(usize, char)> {
    name.char_indices().find(|(_, c)| SPECIAL.contains(c))
}

fn diagnostic(name: &str, c: char, span: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::SpecialCharacterColumn,
        format!("DMS cannot transform the column `{name}`: its name holds `{c}`"),
        Label::new(span, format!("`{c}` in a column name")),
    )
    .with_help(
        "the AWS guide says transformations cannot be performed on columns whose names hold special characters such as `#`, `\\`, `/` or `-`: leave this column out of transformations, or rename it in the source database",
    )
}

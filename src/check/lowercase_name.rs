//! `dms::lowercase_name`: names in transformation rules are case-sensitive, and the AWS guide
//! says to give them in upper case for an Oracle or Db2 database, which store unquoted names
//! so. Runs only when the source engine is given.

use crate::ast::{Name, PieceKind, Rule};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Edit, Fix, Label};
use crate::engine::{Engine, Family};

pub(super) fn check(rule: &Rule<'_>, source: Option<Engine>, out: &mut Diagnostics) {
    let Some(engine) =
        source.filter(|e| matches!(e.family(), Family::Oracle | Family::Db2Luw | Family::Db2Zos))
    else {
        return;
    };
    let Rule::Transformation(t) = rule else {
        return;
    };
    let Some(locator) = &t.locator else {
        return;
    };
    let names = [
        locator.schema_name.as_ref(),
        locator.table_name(),
        locator.column_name(),
        locator.table_tablespace_name(),
        locator.index_tablespace_name(),
    ];
    for name in names.into_iter().flatten().filter(|n| has_lowercase(n)) {
        let upper = name.value().to_uppercase();
        // A guess: the object may have been created quoted, in lower case.
        let fix = Fix::guess(
            format!("write `{upper}`"),
            Edit::json_string(name.span(), name.value(), &upper),
        );
        out.push(
            Diagnostic::warning(
                Code::LowercaseName,
                format!(
                    "`{}` has lower-case letters, and the source is {}",
                    name.value(),
                    engine.display_name()
                ),
                Label::new(name.span(), "lower case"),
            )
            .with_help(format!(
                "names in transformation rules are case-sensitive, and {} stores names in upper case unless they were created quoted: write `{}`",
                engine.display_name(),
                upper
            ))
            .with_fix(fix),
        );
    }
}

/// Whether the name's literal text (its wildcards apart) has a lower-case letter.
fn has_lowercase(name: &Name<'_>) -> bool {
    match &name.pattern {
        Some(pattern) => pattern.pieces().iter().any(|p| match &p.kind {
            PieceKind::Literal(text) => text.chars().any(char::is_lowercase),
            _ => false,
        }),
        None => name.value().chars().any(char::is_lowercase),
    }
}

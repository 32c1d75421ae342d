//! The JSON format: `{"objects": [...], "diagnostics": [...]}`.

use std::io::{self, Write};

use serde::Serialize;

use super::Row;
use crate::report::json::{diagnostic, JsonDiagnostic};
use crate::report::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    objects: Vec<Object<'a>>,
    /// As `lint --format json` prints them.
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Object<'a> {
    /// Left out for an object that has none. Where a catalog names servers (or databases),
    /// the other fields alone may not tell two objects apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database: Option<&'a str>,
    schema: &'a str,
    name: &'a str,
    kind: &'a str,
    selected: bool,
    #[serde(rename = "decided-by")]
    decided_by: Option<&'a str>,
}

pub(super) fn write(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    file: &FileReport<'_>,
) -> io::Result<()> {
    let output = Output {
        objects: rows
            .iter()
            .map(|row| Object {
                server: row.object.server.as_deref(),
                database: row.object.database.as_deref(),
                schema: &row.object.schema,
                name: &row.object.name,
                kind: row.object.kind.as_str(),
                selected: row.verdict.selected,
                decided_by: row.rule.and_then(|r| r.id.as_deref()),
            })
            .collect(),
        diagnostics: file
            .diagnostics()
            .iter()
            .map(|d| diagnostic(file, d))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

//! The JSON format: `{"objects": [...], "diagnostics": [...]}`.

use std::io::{self, Write};

use dms_rules::span::line_column;
use dms_rules::Diagnostic;
use serde::Serialize;

use super::Row;

#[derive(Serialize)]
struct Output<'a> {
    objects: Vec<Object<'a>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct Object<'a> {
    /// Only when the catalog has servers (or databases): without them the other fields do
    /// not tell two objects apart.
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
    out: &mut impl Write,
    rows: &[Row<'_>],
    diagnostics: &[Diagnostic],
    source: &[u8],
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
                decided_by: row.rule.and_then(|r| r.id),
            })
            .collect(),
        diagnostics: diagnostics
            .iter()
            .map(|d| diagnostic_json(source, d))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

/// One diagnostic as `lint --format json` prints it: code, severity, message, help and the
/// labels, primary first, each with its byte span and 1-based line and column.
fn diagnostic_json<'d>(source: &[u8], diagnostic: &'d Diagnostic) -> DiagnosticJson<'d> {
    DiagnosticJson {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        labels: diagnostic
            .labels()
            .map(|label| {
                let (line, column) = line_column(source, label.span.start);
                LabelJson {
                    label: &label.text,
                    span: SpanJson {
                        offset: label.span.start,
                        length: label.span.len(),
                    },
                    line,
                    column,
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct DiagnosticJson<'d> {
    code: &'static str,
    severity: &'static str,
    message: &'d str,
    help: Option<&'d str>,
    labels: Vec<LabelJson<'d>>,
}

#[derive(Serialize)]
struct LabelJson<'d> {
    label: &'d str,
    span: SpanJson,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct SpanJson {
    offset: usize,
    length: usize,
}

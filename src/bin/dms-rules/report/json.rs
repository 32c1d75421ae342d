//! One JSON document for programs. The shape is a public interface, written down in the README:
//! change it only by adding members.

use std::io::{self, Write};

use serde::Serialize;

use dms_rules::{Diagnostic, Dialect, Label};

use super::FileReport;

#[derive(Debug, Serialize)]
struct Document<'a> {
    files: Vec<File<'a>>,
}

#[derive(Debug, Serialize)]
struct File<'a> {
    path: &'a str,
    /// `null` when the input never got as far as a rules array.
    dialect: Option<&'static str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// A diagnostic as programs see it; `explain` prints the same shape.
#[derive(Debug, Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    /// Primary label first.
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonLabel<'a> {
    label: &'a str,
    span: JsonSpan,
    /// Where the span starts: 1-based line, and column in characters.
    line: usize,
    column: usize,
}

/// Byte offset and length into the file exactly as read.
#[derive(Debug, Serialize)]
struct JsonSpan {
    offset: usize,
    length: usize,
}

/// The JSON form of one diagnostic about `file`.
pub(crate) fn diagnostic<'a>(
    file: &FileReport<'_>,
    diagnostic: &'a Diagnostic,
) -> JsonDiagnostic<'a> {
    let label = |label: &'a Label| {
        let at = file.position(label.span.start);
        JsonLabel {
            label: &label.text,
            span: JsonSpan {
                offset: label.span.start,
                length: label.span.len(),
            },
            line: at.line,
            column: at.column,
        }
    };
    JsonDiagnostic {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        labels: diagnostic.labels().map(label).collect(),
    }
}

/// Every file, pretty-printed, followed by a newline.
pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    let document = Document {
        files: files
            .iter()
            .map(|file| File {
                path: file.name,
                dialect: file.checked.dialect().map(Dialect::as_str),
                diagnostics: file
                    .diagnostics()
                    .iter()
                    .map(|d| diagnostic(file, d))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

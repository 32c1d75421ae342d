//! One JSON document for programs. The shape is a public interface, written down in the README:
//! change it only by adding members.

use std::io::{self, Write};

use serde::Serialize;

use dms_rules::{Diagnostic, Dialect, Label};

use super::{DocumentReport, FileReport};

#[derive(Debug, Serialize)]
struct Document<'a> {
    files: Vec<File<'a>>,
}

#[derive(Debug, Serialize)]
struct File<'a> {
    path: &'a str,
    /// `null` when the input never got as far as a rules array, or its documents differ.
    dialect: Option<&'static str>,
    documents: Vec<JsonDocument<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// The configuration file that applied to the file; `null` when none did.
    config: Option<&'a str>,
    /// How many findings a suppression (a `[[suppress]]` entry or a comment) silenced: they are
    /// not in `diagnostics` and not counted.
    suppressed: usize,
}

/// A rules document within a file: the file itself, or a mapping in a host file.
#[derive(Debug, Serialize)]
struct JsonDocument<'a> {
    /// The host file's resource that holds it (`aws_dms_replication_task.main`, a
    /// CloudFormation logical id); `null` for a rules document.
    resource: Option<&'a str>,
    /// `table_mappings`, `TableMappings`; `null` for a rules document.
    attribute: Option<&'a str>,
    /// `null` when the document was not read.
    dialect: Option<&'static str>,
    /// The file that holds the document's text when it is not this one (`file()`).
    held_in: Option<&'a str>,
    /// The host file that reads this document, when this file is read by one.
    read_by: Option<&'a str>,
    /// Every host file resource that reads this document.
    readers: Vec<JsonReader<'a>>,
    span: JsonSpan,
    line: usize,
    column: usize,
    /// The engines and migration type the document was checked with, each with where it came
    /// from; `null` when none applied and the host file names none.
    task: Option<JsonTask<'a>>,
}

/// The settings a document was checked with.
#[derive(Debug, Serialize)]
struct JsonTask<'a> {
    source_engine: Option<JsonSetting<'a>>,
    target_engine: Option<JsonSetting<'a>>,
    migration_type: Option<JsonSetting<'a>>,
}

/// One setting: its value (`null` when the host file names one that cannot be known, then
/// `not_known` says why), and where it came from (`--source-engine`, the configuration file,
/// or `file:line:column` in the host code).
#[derive(Debug, Serialize)]
struct JsonSetting<'a> {
    value: Option<&'static str>,
    from: &'a str,
    not_known: Option<&'a str>,
}

fn task<'a>(applies: &'a crate::settings::Applies) -> Option<JsonTask<'a>> {
    let one = |a: &'a Option<crate::settings::Applied>| {
        a.as_ref().map(|a| JsonSetting {
            value: a.value,
            from: &a.from,
            not_known: a.not_known.as_deref(),
        })
    };
    let task = JsonTask {
        source_engine: one(&applies.source_engine),
        target_engine: one(&applies.target_engine),
        migration_type: one(&applies.migration_type),
    };
    let none = task.source_engine.is_none()
        && task.target_engine.is_none()
        && task.migration_type.is_none();
    (!none).then_some(task)
}

/// A resource of a host file that reads a document.
#[derive(Debug, Serialize)]
struct JsonReader<'a> {
    path: &'a str,
    resource: &'a str,
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
    /// The document of the file it is about (an index into `documents`); `null` for a finding
    /// about a host file itself.
    #[serde(skip_serializing_if = "Unset::is_unset")]
    document: Unset<Option<usize>>,
}

/// A member that some shapes leave out: `explain` prints diagnostics without `document`.
#[derive(Debug, Clone, Copy)]
struct Unset<T>(Option<T>);

impl<T> Unset<T> {
    fn is_unset(&self) -> bool {
        self.0.is_none()
    }
}

impl<T: Serialize> Serialize for Unset<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
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
        document: Unset(None),
    }
}

fn document<'a>(file: &FileReport<'_>, document: &'a DocumentReport) -> JsonDocument<'a> {
    let at = file.position(document.span.start);
    JsonDocument {
        resource: document.resource.as_deref(),
        attribute: document.attribute.as_deref(),
        dialect: document.dialect.map(Dialect::as_str),
        held_in: document.held_in.as_deref(),
        read_by: document.read_by.as_deref(),
        readers: document
            .readers
            .iter()
            .map(|r| JsonReader {
                path: &r.path,
                resource: &r.resource,
            })
            .collect(),
        span: JsonSpan {
            offset: document.span.start,
            length: document.span.len(),
        },
        line: at.line,
        column: at.column,
        task: task(&document.applies),
    }
}

/// Every file, pretty-printed, followed by a newline.
pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    let document = Document {
        files: files
            .iter()
            .map(|file| File {
                path: &file.name,
                dialect: file.dialect.map(Dialect::as_str),
                documents: file.documents.iter().map(|d| document(file, d)).collect(),
                diagnostics: file
                    .diagnostics()
                    .iter()
                    .zip(&file.document_of)
                    .map(|(d, &of)| JsonDiagnostic {
                        document: Unset(Some(of)),
                        ..diagnostic(file, d)
                    })
                    .collect(),
                config: file.config.as_deref(),
                suppressed: file.suppressed.len(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

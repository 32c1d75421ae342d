//! SARIF 2.1.0, the format code-scanning services read (GitHub's `upload-sarif` among them).
//!
//! Columns and character offsets count Unicode code points (`columnKind: unicodeCodePoints`),
//! as the human and JSON formats do; `byteOffset`/`byteLength` give the exact bytes besides.

use std::io::{self, Write};

use serde::Serialize;

use dms_rules::config::SuppressedBy;
use dms_rules::{Code, Diagnostic, Label, Severity};

use super::{message_with_help, FileReport};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: BorrowedText<'static>,
    full_description: Text,
    help: BorrowedText<'static>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: BorrowedText<'a>,
}

#[derive(Serialize)]
struct BorrowedText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    /// Set on a finding a suppression silenced: code-scanning services show it as dismissed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression<'a>>,
}

#[derive(Serialize)]
struct SarifSuppression<'a> {
    /// `inSource` for a comment in the file, `external` for the configuration file.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    message: BorrowedText<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
    byte_offset: usize,
    byte_length: usize,
}

/// One run: the catalogue as `tool.driver.rules`, every diagnostic as a result, and any file
/// that could not be read as a failed invocation's notification.
pub(crate) fn write(
    out: &mut dyn Write,
    files: &[FileReport<'_>],
    unreadable: &[&str],
) -> io::Result<()> {
    // The findings reported, then those suppressed, marked as such.
    let mut results: Vec<SarifResult<'_>> = files
        .iter()
        .flat_map(|file| file.diagnostics().iter().map(move |d| result(file, d)))
        .collect();
    results.extend(files.iter().flat_map(|file| {
        file.suppressed.iter().map(move |s| {
            let (kind, justification) = match &s.by {
                SuppressedBy::Comment(span) => ("inSource", comment_reason(file, *span)),
                SuppressedBy::Config { reason, .. } => ("external", Some(reason.as_str())),
            };
            SarifResult {
                suppressions: vec![SarifSuppression {
                    kind,
                    justification,
                }],
                ..result(file, &s.diagnostic)
            }
        })
    }));
    let homepage = env!("CARGO_PKG_REPOSITORY");
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    // The tool's name, not its package's.
                    name: "dms-rules",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: (!homepage.is_empty()).then_some(homepage),
                    rules: Code::ALL.iter().map(|&code| rule(code)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: unreadable.is_empty(),
                tool_execution_notifications: unreadable
                    .iter()
                    .map(|&text| Notification {
                        level: "error",
                        message: BorrowedText { text },
                    })
                    .collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn result<'a>(file: &FileReport<'_>, diagnostic: &'a Diagnostic) -> SarifResult<'a> {
    SarifResult {
        rule_id: diagnostic.code.as_str(),
        rule_index: Code::ALL.iter().position(|&c| c == diagnostic.code),
        level: level(diagnostic.severity),
        message: Text {
            text: message_with_help(diagnostic),
        },
        locations: [location(file, &diagnostic.primary)],
        related_locations: diagnostic
            .secondary
            .iter()
            .map(|label| location(file, label))
            .collect(),
        suppressions: Vec::new(),
    }
}

/// What a suppression comment says after its codes: `# dms-rules: ignore[...] reason`.
fn comment_reason<'a>(file: &FileReport<'a>, comment: dms_rules::Span) -> Option<&'a str> {
    let text = std::str::from_utf8(file.source.get(comment.range())?).ok()?;
    let reason = text.split_once(']')?.1.trim();
    (!reason.is_empty()).then_some(reason)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

fn location<'a>(file: &FileReport<'_>, label: &'a Label) -> Location<'a> {
    let source = file.source;
    let span = label.span;
    let start = file.position(span.start);
    let end = file.position(span.end);
    let before = source.get(..span.start).unwrap_or(source);
    let within = source.get(span.range()).unwrap_or_default();
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(&file.name),
            },
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
                char_offset: code_points(before),
                char_length: code_points(within),
                byte_offset: span.start,
                byte_length: span.len(),
            },
        },
        message: BorrowedText { text: &label.text },
    }
}

/// Counts characters by their leading bytes, like the columns, so invalid UTF-8 still counts.
fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// A relative URI reference for a path: every byte outside the unreserved set and `/` is
/// percent-encoded, so a space or a `:` cannot make it something else.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let b = if cfg!(windows) && b == b'\\' { b'/' } else { b };
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF rule for a code, described from the code's own entry in the catalogue.
fn rule(code: Code) -> Rule {
    let summary = code.summary();
    Rule {
        id: code.as_str(),
        short_description: BorrowedText { text: summary },
        full_description: Text {
            text: format!("{summary}."),
        },
        help: BorrowedText { text: code.fix() },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_percent_encode_all_but_plain_path_bytes() {
        assert_eq!(uri("rules/a b.json"), "rules/a%20b.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("c:é.json"), "c%3A%C3%A9.json");
    }
}

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
    // Each file's index, built once for its findings, reported and suppressed.
    let offsets: Vec<CharOffsets> = files
        .iter()
        .map(|file| {
            let placed = !file.diagnostics().is_empty() || !file.suppressed.is_empty();
            CharOffsets::new(file.source, placed)
        })
        .collect();
    // The findings reported, then those suppressed, marked as such.
    let mut results: Vec<SarifResult<'_>> = files
        .iter()
        .zip(&offsets)
        .flat_map(|(file, offsets)| {
            file.diagnostics()
                .iter()
                .map(move |d| result(file, offsets, d))
        })
        .collect();
    results.extend(files.iter().zip(&offsets).flat_map(|(file, offsets)| {
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
                ..result(file, offsets, &s.diagnostic)
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

fn result<'a>(
    file: &FileReport<'_>,
    offsets: &CharOffsets,
    diagnostic: &'a Diagnostic,
) -> SarifResult<'a> {
    SarifResult {
        rule_id: diagnostic.code.as_str(),
        rule_index: Code::ALL.iter().position(|&c| c == diagnostic.code),
        level: level(diagnostic.severity),
        message: Text {
            text: message_with_help(diagnostic),
        },
        locations: [location(file, offsets, &diagnostic.primary)],
        related_locations: diagnostic
            .secondary
            .iter()
            .map(|label| location(file, offsets, label))
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

fn location<'a>(file: &FileReport<'_>, offsets: &CharOffsets, label: &'a Label) -> Location<'a> {
    let source = file.source;
    let span = label.span;
    let start = file.position(span.start);
    let end = file.position(span.end);
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
                char_offset: offsets.at(source, span.start),
                char_length: code_points(within),
                byte_offset: span.start,
                byte_length: span.len(),
            },
        },
        message: BorrowedText { text: &label.text },
    }
}

/// Character offsets in time independent of the file's size: the count at every KiB, recorded
/// once, so a finding near the end of a large file does not count the whole file again (which
/// made the report quadratic in findings on a large file).
struct CharOffsets {
    /// Characters before offset `i * BLOCK`.
    checkpoints: Vec<usize>,
}

const BLOCK: usize = 1024;

impl CharOffsets {
    /// Indexes `source`, once, when there is a finding to place in it (`placed`).
    fn new(source: &[u8], placed: bool) -> Self {
        let mut checkpoints = Vec::new();
        if placed {
            checkpoints.reserve(source.len() / BLOCK + 1);
            let mut before = 0;
            for block in source.chunks(BLOCK) {
                checkpoints.push(before);
                before += code_points(block);
            }
        }
        CharOffsets { checkpoints }
    }

    /// Characters before byte `offset` of `source`, the text the index was built from.
    fn at(&self, source: &[u8], offset: usize) -> usize {
        let offset = offset.min(source.len());
        let block = offset / BLOCK;
        match self.checkpoints.get(block) {
            Some(&before) => before + code_points(&source[block * BLOCK..offset]),
            // Past the last checkpoint only at the very end of a file of whole blocks.
            None => self.checkpoints.last().map_or(0, |&before| {
                before + code_points(&source[(self.checkpoints.len() - 1) * BLOCK..offset])
            }),
        }
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

    /// The index counts what a scan from the start counts, at every offset and past the end.
    #[test]
    fn char_offsets_agree_with_a_count_from_the_start() {
        let mut text = String::new();
        for i in 0..2048 {
            text.push_str(if i % 5 == 0 { "é表" } else { "ab" });
        }
        let source = text.as_bytes();
        let offsets = CharOffsets::new(source, true);
        for offset in (0..source.len() + 3).step_by(7).chain([source.len(), 2048]) {
            let end = offset.min(source.len());
            assert_eq!(
                offsets.at(source, offset),
                code_points(&source[..end]),
                "{offset}"
            );
        }
    }

    #[test]
    fn uris_percent_encode_all_but_plain_path_bytes() {
        assert_eq!(uri("rules/a b.json"), "rules/a%20b.json");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("c:é.json"), "c%3A%C3%A9.json");
    }
}

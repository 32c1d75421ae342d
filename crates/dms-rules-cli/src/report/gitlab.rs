//! GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues, each with
//! `description`, `check_name`, `fingerprint`, `severity` and `location.path` /
//! `location.lines.begin`.
//!
//! GitLab compares the fingerprints of a merge request's report with the target branch's to say
//! which findings are new and which were fixed, so a fingerprint must not change when lines move:
//! it is made of the file, the code, the text under the finding's label and how many times the
//! same code was found on the same text before it in the file, never of a line or an offset.

use std::hash::Hasher;
use std::io::{self, Write};

use serde::Serialize;

use dms_rules::{Diagnostic, Severity};

use super::{message_with_help, FileReport};

#[derive(Debug, Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Debug, Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in files {
        let mut seen: Vec<(u64, usize)> = Vec::new();
        for diagnostic in file.diagnostics() {
            let key = fingerprint_key(file, diagnostic);
            let occurrence = match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((key, 0));
                    0
                }
            };
            issues.push(Issue {
                description: message_with_help(diagnostic),
                check_name: diagnostic.code.as_str(),
                fingerprint: fingerprint(key, occurrence),
                severity: match diagnostic.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Advice => "info",
                },
                location: Location {
                    path: &file.name,
                    lines: Lines {
                        begin: file.position(diagnostic.primary.span.start).line,
                    },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// The file, the code and the bytes under the primary label, hashed with FNV-1a (a fixed
/// algorithm: the same input gives the same fingerprint on every machine and release).
fn fingerprint_key(file: &FileReport<'_>, diagnostic: &Diagnostic) -> u64 {
    let span = diagnostic.primary.span;
    let text = file.source.get(span.start..span.end).unwrap_or_default();
    let mut hasher = fnv::FnvHasher::default();
    for part in [
        file.name.as_bytes(),
        diagnostic.code.as_str().as_bytes(),
        text,
    ] {
        hasher.write(part);
        // A separator no part holds, so `ab` + `c` and `a` + `bc` differ.
        hasher.write(&[0xff]);
    }
    hasher.finish()
}

fn fingerprint(key: u64, occurrence: usize) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(&key.to_le_bytes());
    hasher.write(&(occurrence as u64).to_le_bytes());
    format!("{key:016x}{:016x}", hasher.finish())
}

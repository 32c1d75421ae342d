//! JUnit XML, the test report GitLab (`artifacts:reports:junit`), Jenkins (the JUnit plugin)
//! and Azure Pipelines (`PublishTestResults`) show.
//!
//! One `<testsuite>` per file and one `<testcase>` per finding, each finding a `<failure>`:
//! these services list failed test cases one by one, by name, with their text, so a finding
//! of its own shows its code, place and message at a glance, where one case per file would
//! show only the first lines of a long text. A file without findings is one passing case, so
//! the report says every checked file was read.

use std::io::{self, Write};

use super::xml::escape;
use super::{message_with_help, Counts, FileReport};

pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    let counts = Counts::of(files);
    let findings = counts.errors + counts.warnings + counts.advice;
    let tests: usize = files.iter().map(|f| f.diagnostics().len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="dms-rules" tests="{tests}" failures="{findings}" errors="0">"#
    )?;
    for file in files {
        let name = escape(&file.name);
        let diagnostics = file.diagnostics();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
            diagnostics.len().max(1),
            diagnostics.len()
        )?;
        if diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="{name}" file="{name}"/>"#
            )?;
        }
        for diagnostic in diagnostics {
            let at = file.position(diagnostic.primary.span.start);
            let code = diagnostic.code.as_str();
            writeln!(
                out,
                r#"    <testcase name="{code} at {}:{}" classname="{name}" file="{name}" line="{}">"#,
                at.line, at.column, at.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}:{}:{}: {}: {}</failure>"#,
                escape(&diagnostic.message),
                diagnostic.severity.as_str(),
                name,
                at.line,
                at.column,
                code,
                escape(&message_with_help(diagnostic))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

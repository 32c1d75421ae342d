//! Checkstyle XML, which Jenkins' Warnings plugin, reviewdog and many CI dashboards read: a
//! `<file>` per checked file, an `<error>` per finding.

use std::io::{self, Write};

use dms_rules::Severity;

use super::xml::escape;
use super::{message_with_help, FileReport};

pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in files {
        writeln!(out, r#"  <file name="{}">"#, escape(&file.name))?;
        for diagnostic in file.diagnostics() {
            let at = file.position(diagnostic.primary.span.start);
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Advice => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="{}"/>"#,
                at.line,
                at.column,
                escape(&message_with_help(diagnostic)),
                diagnostic.code.as_str()
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

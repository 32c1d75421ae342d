//! GitHub Actions workflow commands: each diagnostic becomes an annotation on its lines.

use std::io::{self, Write};

use dms_rules::Severity;

use super::{message_with_help, FileReport};

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::MESSAGE`, one per diagnostic.
pub(crate) fn write(out: &mut dyn Write, files: &[FileReport<'_>]) -> io::Result<()> {
    for file in files {
        for diagnostic in file.diagnostics() {
            let start = file.position(diagnostic.primary.span.start);
            let end = file.position(diagnostic.primary.span.end);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Advice => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.name),
                start.line,
                start.column,
                end.line,
                end.column,
                property(diagnostic.code.as_str()),
                data(&message_with_help(diagnostic))
            )?;
        }
    }
    Ok(())
}

/// The message part: `%`, CR and LF are escaped so one command stays on one line.
fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            _ => out.push(c),
        }
    }
    out
}

/// A property value: as [`data`], and `:` and `,` too, since they separate properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50% of\r\nit: a, b"), "50%25 of%0D%0Ait: a, b");
        assert_eq!(property("dms::a,b%"), "dms%3A%3Aa%2Cb%25");
    }
}

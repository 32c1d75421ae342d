//! `dms-rules lint`: check documents and print the findings in the format asked for.

use dms_rules::span::LineIndex;
use dms_rules::Options;

use crate::args::{Format, LintArgs};
use crate::output::{self, Stdout};
use crate::report::{github, human, json, sarif, Counts, FileReport};
use crate::status::Status;
use crate::{catalog, input};

pub fn run(args: &LintArgs) -> Status {
    let options = Options {
        dialect: args.dialect.dialect(),
        operation: args.operation,
        ..Options::default()
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(input::STDIN);
    let inputs = input::read_all(&args.files, stdin_name, options.max_input_len);

    // Files are independent: one that cannot be read is reported and the rest are still checked.
    let mut unreadable = Vec::new();
    let mut readable = Vec::new();
    for input in &inputs {
        match input {
            Ok(input) => readable.push(input),
            Err(message) => {
                output::error(message);
                unreadable.push(message.as_str());
            }
        }
    }
    let catalog = match args.catalog.as_deref().map(catalog::load).transpose() {
        Ok(catalog) => catalog,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    // Without a catalog, no typed rule is needed after its checks: keep none.
    let check: input::Check = match catalog {
        None => dms_rules::lint,
        Some(_) => dms_rules::check,
    };
    let mut checked: Vec<_> = readable
        .iter()
        .map(|input| input.check(&options, check))
        .collect();
    if let Some(catalog) = &catalog {
        for checked in &mut checked {
            // A document with errors is not worth matching: its rules may not mean what they say.
            let unmatched = match checked.document() {
                Some(document) if !checked.has_errors() => {
                    dms_rules::select::unmatched_rules(document, catalog)
                }
                _ => continue,
            };
            checked.add_findings(unmatched);
        }
    }
    let lines: Vec<LineIndex> = checked.iter().map(FileReport::line_index).collect();
    let files: Vec<FileReport<'_>> = readable
        .iter()
        .zip(&checked)
        .zip(&lines)
        .map(|((input, checked), lines)| FileReport {
            name: &input.name,
            checked,
            lines,
        })
        .collect();

    let counts = Counts::of(&files);
    let status = if !unreadable.is_empty() {
        Status::CannotRun
    } else if counts.errors > 0 || (args.deny_warnings && counts.warnings > 0) {
        Status::Findings
    } else {
        Status::Ok
    };
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        Format::Human => human::write(out, &files, human::style(args.color)),
        Format::Json => json::write(out, &files),
        Format::Sarif => sarif::write(out, &files, &unreadable),
        Format::Github => github::write(out, &files),
    });
    stdout.status(status)
}

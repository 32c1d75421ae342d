//! `dms-rules diff OLD NEW`: what a change to a rules document changes in meaning, and with
//! `--catalog`, which objects it newly selects or no longer selects.

mod human;
mod json;
mod source;

use std::io::IsTerminal;

use dms_rules::diff::ObjectChange;
use dms_rules::host::Format;
use dms_rules::select::Catalog;
use dms_rules::{Checked, Diagnostic, Options};

use crate::args::{DiffArgs, DiffFormat};
use crate::catalog;
use crate::input::Input;
use crate::output::{self, Stdout};
use crate::report::{self, FileReport};
use crate::status::Status;

pub fn run(args: &DiffArgs) -> Status {
    if args.old == "-" && args.new == "-" {
        output::error("only one side can be read from standard input");
        return Status::CannotRun;
    }
    let options = Options {
        dialect: args.dialect.dialect(),
        ..Options::default()
    };
    let limit = options.max_input_len;
    let (old, new) = match (
        source::read(&args.old, limit),
        source::read(&args.new, limit),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for message in [old.err(), new.err()].into_iter().flatten() {
                output::error(message);
            }
            return Status::CannotRun;
        }
    };
    let catalog = match args.catalog.as_deref().map(catalog::load).transpose() {
        Ok(catalog) => catalog,
        Err(message) => {
            output::error(message);
            return Status::CannotRun;
        }
    };
    // The typed rules are needed only to explain a catalog.
    let check = if catalog.is_some() {
        dms_rules::check
    } else {
        dms_rules::lint
    };
    let old_checked = old.check(&options, check);
    let new_checked = new.check(&options, check);
    let Some(diff) = dms_rules::diff::compare(&old_checked, &new_checked) else {
        for (input, checked) in [(&old, &old_checked), (&new, &new_checked)] {
            refuse(args, &FileReport::rules(&input.name, checked));
        }
        return Status::CannotRun;
    };
    let objects = catalog.as_ref().map(|catalog| {
        let documents = old_checked.document().zip(new_checked.document());
        documents
            .map(|(old, new)| dms_rules::diff::objects(old, new, catalog))
            .unwrap_or_default()
    });
    let sides = Sides {
        old: &old,
        new: &new,
        old_checked: &old_checked,
        new_checked: &new_checked,
        catalog: catalog.as_ref(),
    };
    let mut stdout = Stdout::new();
    stdout.write(|out| match args.format {
        DiffFormat::Human => human::write(out, &sides, &diff, objects.as_deref()),
        DiffFormat::Json => json::write(out, &sides, &diff, objects.as_deref()),
    });
    stdout.status(if diff.is_empty() {
        Status::Ok
    } else {
        Status::Findings
    })
}

/// Both documents, as read and checked, and the catalog.
pub(crate) struct Sides<'s> {
    old: &'s Input,
    new: &'s Input,
    old_checked: &'s Checked<'s>,
    new_checked: &'s Checked<'s>,
    catalog: Option<&'s Catalog>,
}

/// What each side of an object change is, for the formats.
pub(crate) type Objects<'o, 'd, 'a> = Option<&'o [ObjectChange<'d, 'a>]>;

/// How a host file is named in messages.
pub(crate) fn host_kind(format: Format) -> &'static str {
    match format {
        Format::Terraform => "Terraform file",
        Format::CloudFormation => "CloudFormation template",
    }
}

/// Reports the findings of a document that cannot be compared, on standard error.
fn refuse(args: &DiffArgs, file: &FileReport<'_>) {
    let style = report::human::style_for(args.color, std::io::stderr().is_terminal());
    let _ = report::human::draw(file, style, |report| {
        output::stderr(report);
        Ok(())
    });
    if file.diagnostics().iter().any(Diagnostic::is_error) {
        output::error(format_args!(
            "`{}` has errors: fix them, then compare it",
            file.name
        ));
    }
}

/// A value's text on one line: whitespace outside strings left out, characters that would act
/// on a terminal or reorder the text escaped, and cut short past `max` characters.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max + 4));
    let mut shown = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        if shown == max {
            out.push('…');
            break;
        }
        shown += 1;
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters and bidirectional controls: shown as escapes, never as themselves.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

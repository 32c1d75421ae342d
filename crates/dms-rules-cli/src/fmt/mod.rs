//! `dms-rules fmt`: rewrite rules documents in their canonical form (`grammar/format.md`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use dms_rules::Options;

use crate::args::{FmtArgs, InputChoice};
use crate::input::{self, Input, Kind};
use crate::output::{self, Stdout};
use crate::report::{self, FileReport};
use crate::status::Status;

/// A unified diff gives up looking for the smallest difference after this long.
const DIFF_DEADLINE: Duration = Duration::from_secs(5);

pub fn run(args: &FmtArgs) -> Status {
    let flags = Options {
        dialect: args.dialect.dialect(),
        ..Options::default()
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(input::STDIN);
    let mut stdout = Stdout::new();
    let mut outcome = Outcome::default();
    for input in inputs(&args.files, stdin_name, flags.max_input_len) {
        let input = input.and_then(|input| {
            let options = crate::config::options_for(&args.config, &flags, input.path.as_deref())?;
            Ok((input, options))
        });
        match input {
            Ok((input, options)) => format_one(args, &input, &options, &mut stdout, &mut outcome),
            Err(message) => {
                output::error(message);
                outcome.cannot_run = true;
            }
        }
        if stdout.failed() {
            break;
        }
    }
    let status = if outcome.cannot_run {
        Status::CannotRun
    } else if outcome.errors || ((args.check || args.diff) && outcome.would_change) {
        Status::Findings
    } else {
        Status::Ok
    };
    stdout.status(status)
}

#[derive(Default)]
struct Outcome {
    /// A file could not be read or written.
    cannot_run: bool,
    /// A document had errors and was left as it is.
    errors: bool,
    /// A document is not in the canonical form.
    would_change: bool,
}

/// The documents to format: files named, the rules documents under directories (host files
/// and other JSON there are passed over), or standard input.
fn inputs(paths: &[PathBuf], stdin_name: &str, limit: usize) -> Vec<Result<Input, String>> {
    if paths.is_empty() {
        return input::read_all(paths, stdin_name, limit, InputChoice::Auto);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = input::read_all(
                std::slice::from_ref(path),
                stdin_name,
                limit,
                InputChoice::Auto,
            );
            inputs.extend(found.into_iter().filter(|input| {
                input
                    .as_ref()
                    .map_or(true, |input| input.kind == Kind::Rules)
            }));
        } else {
            inputs.push(input::read_one(path, stdin_name, limit, InputChoice::Auto));
        }
    }
    inputs
}

fn format_one(
    args: &FmtArgs,
    input: &Input,
    options: &Options,
    stdout: &mut Stdout,
    outcome: &mut Outcome,
) {
    match input.kind {
        Kind::Rules => {}
        Kind::Host(format) => {
            output::stderr(format_args!(
                "note: `{}` is a {}: `fmt` formats rules documents only; left as it is\n",
                input.name,
                format.noun()
            ));
            return;
        }
        Kind::NoRules | Kind::SourceCode => {
            output::stderr(format_args!(
                "note: `{}` is not a rules document: left as it is\n",
                input.name
            ));
            return;
        }
    }
    let checked = input.check(options, dms_rules::lint);
    let Some(formatted) = dms_rules::format::canonical(&checked) else {
        report::human::refuse(
            args.color,
            &FileReport::rules(&input.name, &checked),
            "format it; it is left as it is",
        );
        outcome.errors = true;
        return;
    };
    let changed = formatted.as_bytes() != input.bytes;
    outcome.would_change |= changed;
    if args.diff {
        if changed {
            let old = String::from_utf8_lossy(&input.bytes);
            let diff = similar::TextDiff::configure()
                .timeout(DIFF_DEADLINE)
                .diff_lines(old.as_ref(), formatted.as_str());
            let name = &input.name;
            stdout.write(|out| {
                write!(
                    out,
                    "{}",
                    diff.unified_diff().context_radius(3).header(name, name)
                )
            });
        }
        return;
    }
    if args.check {
        if changed {
            stdout.write(|out| writeln!(out, "{}", input.name));
        }
        return;
    }
    match &input.path {
        // Standard input: the formatted text goes to standard output, changed or not.
        None => stdout.write(|out| out.write_all(formatted.as_bytes())),
        Some(path) if changed => write_file(path, &input.name, &formatted, stdout, outcome),
        Some(_) => {}
    }
}

/// Replaces a file with its formatted text and names it on standard output.
fn write_file(
    path: &Path,
    name: &str,
    formatted: &str,
    stdout: &mut Stdout,
    outcome: &mut Outcome,
) {
    match crate::rewrite::replace(path, formatted.as_bytes()) {
        Ok(()) => stdout.write(|out| writeln!(out, "{name}")),
        Err(e) => {
            output::error(format_args!(
                "cannot write `{name}`: {e}; the file is unchanged"
            ));
            outcome.cannot_run = true;
        }
    }
}

//! `dms-rules send`: check a document, then send it: to a Schema Conversion migration project
//! (`project`), or to a replication task (`task`).
//!
//! Standard output carries the result alone (`Name: value` lines, or JSON with `--output
//! json`); findings, progress and errors go to standard error.

mod project;
mod task;

use std::future::Future;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use dms_rules::{Checked, Dialect, Operation, Options, ValidatedRules};
use dms_rules_send::{SendError, Sender};

use crate::args::{ColorChoice, InputChoice, SendArgs};
use crate::aws;
use crate::input::{self, Input};
use crate::output;
use crate::report::{human, Counts, FileReport};
use crate::status::Status;

pub fn run(args: &SendArgs) -> Status {
    let started = Instant::now();
    let Some(input) = read(args) else {
        return Status::CannotRun;
    };
    match &args.replication_task {
        Some(task_arn) => task::run(args, task_arn, &input, started),
        None => project::run(args, &input, started),
    }
}

fn read(args: &SendArgs) -> Option<Input> {
    let limit = Options::default().max_input_len;
    match input::read_one(&args.file, input::STDIN, limit, InputChoice::Rules) {
        Ok(input) => Some(input),
        Err(message) => {
            output::error(message);
            None
        }
    }
}

/// Checks `input` in `dialect` for `operation`, shows the findings on standard error, and
/// hands back the rules when they may be sent; otherwise says that nothing was sent.
fn validate<'i>(
    args: &SendArgs,
    input: &'i Input,
    dialect: Dialect,
    operation: Option<Operation>,
) -> Option<ValidatedRules<'i>> {
    let options = Options {
        dialect: Some(dialect),
        operation,
        ..Options::default()
    };
    let checked = input.check(&options, dms_rules::lint);
    let counts = print_findings(input, &checked, args.color);
    match checked.validated() {
        Some(rules) if !blocks(counts, args.deny_warnings) => Some(rules),
        _ => {
            output::stderr("nothing was sent\n");
            None
        }
    }
}

/// The findings exactly as `lint` draws them (reports, then the summary), on standard error,
/// and their counts. A clean document prints nothing.
fn print_findings(input: &Input, checked: &Checked<'_>, color: ColorChoice) -> Counts {
    let files = [FileReport::rules(&input.name, checked)];
    if !checked.diagnostics().is_empty() {
        let style = human::style_for(color, std::io::stderr().is_terminal());
        let mut stderr = std::io::stderr().lock();
        // Nowhere to say that standard error cannot be written: the findings still decide.
        let _ = human::write(&mut stderr, &files, style, false);
    }
    Counts::of(&files)
}

/// Errors always stop the send; warnings only under `--deny-warnings`.
fn blocks(counts: Counts, deny_warnings: bool) -> bool {
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// The whole run's time limit: `--timeout`, else 60 s, or an hour with `--wait`.
fn timeout(args: &SendArgs) -> Duration {
    args.timeout
        .unwrap_or(Duration::from_secs(if args.wait { 3600 } else { 60 }))
}

/// Connects with the standard AWS configuration and the command line's overrides.
async fn connect(args: &SendArgs) -> Result<Sender, SendError> {
    aws::connect(&args.aws, timeout(args).min(aws::CALL_TIMEOUT)).await
}

/// Runs `work` on a runtime of its own; an error is drawn on standard error and gives the
/// status: 2 for the local setup, 3 for AWS. A wait that ran out says the limit the user gave.
fn block_on(args: &SendArgs, work: impl Future<Output = Result<(), SendError>>) -> Status {
    match aws::run(args.color, timeout(args), work) {
        Ok(()) => Status::Ok,
        Err(status) => status,
    }
}

/// The time left of `--timeout` once `started` is this far behind.
fn remaining(args: &SendArgs, started: Instant) -> Duration {
    timeout(args).saturating_sub(started.elapsed())
}

/// A usage error found after parsing (an option the call does not take): exit status 2.
fn usage(message: impl std::fmt::Display) -> Status {
    output::error(message);
    Status::CannotRun
}

/// Pretty JSON and a line end, as the AWS CLI prints a response.
fn write_json(out: &mut dyn std::io::Write, value: &serde_json::Value) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::{blocks, Counts};

    #[test]
    fn warnings_block_only_when_denied() {
        let warned = Counts {
            warnings: 2,
            ..Counts::default()
        };
        assert!(!blocks(warned, false));
        assert!(blocks(warned, true));
        let failed = Counts {
            errors: 1,
            ..Counts::default()
        };
        assert!(blocks(failed, false) && blocks(failed, true));
        assert!(!blocks(Counts::default(), true));
    }
}

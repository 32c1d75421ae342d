//! `dms-rules send`: check a document, then start a Schema Conversion import with it.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use dms_rules::send::{Connection, ImportRequest, Origin, SendError, Sender, WaitOptions};
use dms_rules::{Checked, Dialect, Operation, Options, ValidatedRules};

use crate::args::{self, ColorChoice, InputChoice, SendArgs};
use crate::input::{self, Input};
use crate::output::{self, Stdout};
use crate::progress::Progress;
use crate::report::{human, Counts, FileReport};
use crate::status::Status;

/// A single call never needs longer than this, even when the whole wait may take an hour.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

pub fn run(args: &SendArgs) -> Status {
    let started = Instant::now();
    let Some(input) = read(args) else {
        return Status::CannotRun;
    };
    let options = Options {
        dialect: Some(Dialect::SchemaConversion),
        operation: Some(Operation::StartMetadataModelImport),
        ..Options::default()
    };
    let checked = input.check(&options, dms_rules::lint);
    let mut stdout = Stdout::new();
    let counts = print_findings(&mut stdout, &input, &checked, args.color);
    if stdout.failed() {
        // Nothing is sent when the findings could not be shown.
        return Status::CannotRun;
    }
    let rules = match checked.validated() {
        Some(rules) if !blocks(counts, args.deny_warnings) => rules,
        _ => {
            output::stderr("nothing was sent\n");
            return Status::Findings;
        }
    };
    let request = ImportRequest {
        migration_project: args.migration_project.clone(),
        origin: match args.origin {
            args::Origin::Source => Origin::Source,
            args::Origin::Target => Origin::Target,
        },
        refresh: args.refresh,
    };
    if args.dry_run {
        stdout.write(|out| print_dry_run(out, &input.name, &rules, &request));
        return stdout.status(Status::Ok);
    }

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            output::error(format_args!("cannot start the async runtime: {e}"));
            return Status::CannotRun;
        }
    };
    let status = match runtime.block_on(send(&mut stdout, args, &rules, &request, started)) {
        Ok(()) => Status::Ok,
        Err(error) => {
            print_error(&error, args.color);
            if error.is_local() {
                Status::CannotRun
            } else {
                Status::Refused
            }
        }
    };
    stdout.status(status)
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

/// Starts the import and, with `--wait`, follows it to its end; all within `--timeout`.
async fn send(
    stdout: &mut Stdout,
    args: &SendArgs,
    rules: &ValidatedRules<'_>,
    request: &ImportRequest,
    started: Instant,
) -> Result<(), SendError> {
    let timeout = args
        .timeout
        .unwrap_or(Duration::from_secs(if args.wait { 3600 } else { 60 }));
    let connection = Connection {
        region: args.region.clone(),
        profile: args.profile.clone(),
        endpoint_url: args.endpoint_url.clone(),
        call_timeout: Some(timeout.min(CALL_TIMEOUT)),
    };
    let sender = Sender::connect(&connection).await?;
    let id = sender.start_import(rules, request).await?;
    stdout.write(|out| writeln!(out, "RequestIdentifier: {id}"));
    // Output that cannot be written ends the run with its own status: no use waiting for it.
    if !args.wait || stdout.failed() {
        return Ok(());
    }
    let options = WaitOptions {
        poll_interval: args.poll_interval,
        timeout: timeout.saturating_sub(started.elapsed()),
    };
    let mut progress = Progress::start();
    let outcome = sender
        .wait_for_import(&request.migration_project, &id, &options, |status| {
            progress.update(status)
        })
        .await;
    progress.finish();
    let done = outcome?;
    stdout.write(|out| writeln!(out, "Status: {}", done.status.as_str()));
    Ok(())
}

/// The findings exactly as `lint` prints them (reports, then the summary), and their counts.
/// A clean document prints nothing, so a successful send prints only its result.
fn print_findings(
    stdout: &mut Stdout,
    input: &Input,
    checked: &Checked<'_>,
    color: ColorChoice,
) -> Counts {
    let files = [FileReport::rules(&input.name, checked)];
    if !checked.diagnostics().is_empty() {
        stdout.write(|out| human::write(out, &files, human::style(color)));
    }
    Counts::of(&files)
}

/// Errors always stop the send; warnings only under `--deny-warnings`.
fn blocks(counts: Counts, deny_warnings: bool) -> bool {
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// The request's members as the API names them, and the rules as they would be sent.
fn print_dry_run(
    out: &mut dyn Write,
    name: &str,
    rules: &ValidatedRules<'_>,
    request: &ImportRequest,
) -> std::io::Result<()> {
    let text = rules.text();
    writeln!(out, "dry run: StartMetadataModelImport was not called")?;
    writeln!(
        out,
        "MigrationProjectIdentifier: {}",
        request.migration_project
    )?;
    writeln!(out, "Origin: {}", request.origin)?;
    writeln!(out, "Refresh: {}", request.refresh)?;
    writeln!(
        out,
        "SelectionRules: {} bytes from `{name}`, as written:",
        text.len()
    )?;
    write!(out, "{text}")?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// The error drawn by miette, with its code and what to do, coloured as `--color` says.
fn print_error(error: &SendError, color: ColorChoice) {
    let style = human::style_for(color, std::io::stderr().is_terminal());
    let theme = if style.color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, error).is_err() {
        out = format!("error: {error}\n  help: {}\n", error.help());
    }
    output::stderr(out);
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

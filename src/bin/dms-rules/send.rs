//! `dms-rules send`: check a document, then start a Schema Conversion import with it.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use dms_rules::diagnostic::{render, Style};
use dms_rules::send::{Connection, ImportRequest, Origin, SendError, Sender, WaitOptions};
use dms_rules::{Checked, Dialect, Operation, Options, Severity, SourceFile, ValidatedRules};

use crate::args::{self, ColorChoice, SendArgs};
use crate::input::{self, Input};
use crate::progress::Progress;
use crate::status;

/// A single call never needs longer than this, even when the whole wait may take an hour.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

pub fn run(args: &SendArgs) -> u8 {
    let started = Instant::now();
    let Some(input) = read(args) else {
        return status::USAGE;
    };
    let options = Options {
        dialect: Some(Dialect::SchemaConversion),
        operation: Operation::StartMetadataModelImport,
        ..Options::default()
    };
    let checked = dms_rules::check(&input.bytes, &options);
    let counts = print_findings(&input, &checked, use_color(args.color));
    let rules = match checked.validated() {
        Some(rules) if !counts.blocks(args.deny_warnings) => rules,
        _ => {
            eprintln!("nothing was sent");
            return status::FINDINGS;
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
        print_dry_run(&input.name, &rules, &request);
        return status::OK;
    }

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return status::USAGE;
        }
    };
    match runtime.block_on(send(args, &rules, &request, started)) {
        Ok(()) => status::OK,
        Err(error) => {
            print_error(&error);
            if error.is_local() {
                status::USAGE
            } else {
                status::REFUSED
            }
        }
    }
}

fn read(args: &SendArgs) -> Option<Input> {
    match input::read_all(std::slice::from_ref(&args.file)).pop() {
        Some(Ok(input)) => Some(input),
        Some(Err(message)) => {
            eprintln!("error: {message}");
            None
        }
        None => None,
    }
}

/// Starts the import and, with `--wait`, follows it to its end; all within `--timeout`.
async fn send(
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
    println!("RequestIdentifier: {id}");
    if !args.wait {
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
    println!("Status: {}", done.status.as_str());
    Ok(())
}

#[derive(Debug, Default)]
struct Counts {
    errors: usize,
    warnings: usize,
}

/// The findings as `lint` prints them: every report, then the summary line.
fn print_findings(input: &Input, checked: &Checked<'_>, color: bool) -> Counts {
    let mut counts = Counts::default();
    if checked.diagnostics().is_empty() {
        return counts;
    }
    let style = Style { color, width: 100 };
    let file = SourceFile::new(&input.name, &input.bytes);
    let mut stdout = std::io::stdout().lock();
    for report in checked.reports(&file) {
        match report.diagnostic.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Advice => {}
        }
        let _ = write!(stdout, "{}", render(&report, style));
    }
    let _ = writeln!(
        stdout,
        "{}, {} in 1 file",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning")
    );
    counts
}

impl Counts {
    /// Errors always stop the send; warnings only under `--deny-warnings`.
    fn blocks(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The request's members as the API names them, and the rules as they would be sent.
fn print_dry_run(name: &str, rules: &ValidatedRules<'_>, request: &ImportRequest) {
    let mut stdout = std::io::stdout().lock();
    let text = rules.text();
    let _ = writeln!(stdout, "dry run: StartMetadataModelImport was not called");
    let _ = writeln!(
        stdout,
        "MigrationProjectIdentifier: {}",
        request.migration_project
    );
    let _ = writeln!(stdout, "Origin: {}", request.origin);
    let _ = writeln!(stdout, "Refresh: {}", request.refresh);
    let _ = writeln!(
        stdout,
        "SelectionRules: {} bytes from `{name}`, as written:",
        text.len()
    );
    let _ = write!(stdout, "{text}");
    if !text.ends_with('\n') {
        let _ = writeln!(stdout);
    }
}

/// The error drawn by miette, with its code and what to do.
fn print_error(error: &SendError) {
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, error).is_err() {
        out = format!("error: {error}\n  help: {}\n", error.help());
    }
    eprint!("{out}");
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn warnings_block_only_when_denied() {
        let warned = Counts {
            errors: 0,
            warnings: 2,
        };
        assert!(!warned.blocks(false));
        assert!(warned.blocks(true));
        let failed = Counts {
            errors: 1,
            warnings: 0,
        };
        assert!(failed.blocks(false) && failed.blocks(true));
        assert!(!Counts::default().blocks(true));
    }
}

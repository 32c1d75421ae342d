//! The `dms-rules` command: arguments in, exit status out.
//!
//! One module per command (`lint`, `explain`, `fmt`, `diff`, `lsp`, `send`); the formats findings are
//! printed in (`report`), what a change means as `diff` prints it (`change`), the calls to DMS
//! (`aws`, `task`), the write path every command prints through (`output`) and the exit
//! statuses (`status`) are shared.

mod args;
#[cfg(feature = "send")]
mod aws;
mod change;
mod config;
mod diff;
mod explain;
mod fix;
mod fmt;
mod host;
mod input;
mod lint;
#[cfg(feature = "lsp")]
mod lsp;
mod output;
#[cfg(feature = "send")]
mod progress;
mod report;
mod rewrite;
#[cfg(feature = "send")]
mod send;
mod settings;
mod status;
#[cfg(feature = "send")]
mod task;

use std::process::ExitCode;

use clap::Parser as _;

use crate::output::Stdout;
use crate::status::Status;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(arguments_refused(&e)),
    };
    let status = match cli.command {
        args::Command::Lint(lint_args) => lint::run(&lint_args),
        args::Command::Explain(explain_args) => explain::run(&explain_args),
        args::Command::Fmt(fmt_args) => fmt::run(&fmt_args),
        args::Command::Diff(diff_args) => diff::run(&diff_args),
        #[cfg(feature = "lsp")]
        args::Command::Lsp => lsp::run(),
        #[cfg(feature = "send")]
        args::Command::Send(send_args) => send::run(&send_args),
    };
    ExitCode::from(status)
}

/// What clap says when it does not hand over arguments: a usage error on standard error, or the
/// help or version asked for on standard output, written as any other output is.
fn arguments_refused(e: &clap::Error) -> Status {
    if e.use_stderr() {
        let _ = e.print();
        return Status::CannotRun;
    }
    let mut stdout = Stdout::new();
    // clap prints through its own handle on standard output; the lock we hold is reentrant.
    stdout.write(|_| e.print());
    stdout.status(Status::Ok)
}

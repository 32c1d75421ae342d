//! The `dms-rules` command: arguments in, exit status out.
//!
//! One module per command (`lint`, `explain`, `send`); the formats findings are printed in
//! (`report`) and the exit statuses (`status`) are shared.

mod args;
mod catalog;
mod explain;
mod input;
mod lint;
#[cfg(feature = "send")]
mod progress;
mod report;
#[cfg(feature = "send")]
mod send;
mod status;

use std::process::ExitCode;

use clap::Parser as _;

use crate::status::Status;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Status::CannotRun
            } else {
                Status::Ok
            });
        }
    };
    let status = match cli.command {
        args::Command::Lint(lint_args) => lint::run(&lint_args),
        args::Command::Explain(explain_args) => explain::run(&explain_args),
        #[cfg(feature = "send")]
        args::Command::Send(send_args) => send::run(&send_args),
    };
    ExitCode::from(status)
}

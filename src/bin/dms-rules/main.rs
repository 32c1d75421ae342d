//! The `dms-rules` command: arguments in, exit code out.

mod args;
mod catalog;
mod explain;
mod input;
mod lint;
mod output;
#[cfg(feature = "send")]
mod progress;
#[cfg(feature = "send")]
mod send;

use std::process::ExitCode;

use clap::Parser as _;

/// Exit statuses shared by every subcommand.
pub mod status {
    /// Nothing wrong.
    pub const OK: u8 = 0;
    /// The input has errors (or warnings under `--deny-warnings`).
    pub const FINDINGS: u8 = 1;
    /// The tool could not run: bad arguments, an unreadable file.
    pub const USAGE: u8 = 2;
    /// AWS refused the call, could not be reached, or the import failed.
    #[cfg(feature = "send")]
    pub const REFUSED: u8 = 3;
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                status::USAGE
            } else {
                status::OK
            });
        }
    };
    let code = match cli.command {
        args::Command::Lint(lint_args) => lint::run(&lint_args),
        args::Command::Explain(explain_args) => explain::run(&explain_args),
        #[cfg(feature = "send")]
        args::Command::Send(send_args) => send::run(&send_args),
    };
    ExitCode::from(code)
}

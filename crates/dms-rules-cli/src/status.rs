//! Exit statuses, the same for every command.

use std::process::ExitCode;

/// How a command ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing wrong: 0.
    Ok,
    /// The input has errors (or warnings under `--deny-warnings`): 1.
    Findings,
    /// The tool could not run: bad arguments, an unreadable file, output that cannot be
    /// written: 2.
    CannotRun,
    /// AWS refused the call, could not be reached, or the import failed: 3.
    #[cfg(feature = "send")]
    Refused,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Ok => 0,
            Status::Findings => 1,
            Status::CannotRun => 2,
            #[cfg(feature = "send")]
            Status::Refused => 3,
        })
    }
}

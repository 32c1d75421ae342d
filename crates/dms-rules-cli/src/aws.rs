//! Calling DMS from the command line (`send`, `diff --task`): the connection the AWS options
//! make, a runtime for each command, and errors drawn on standard error with the status they
//! give.

use std::future::Future;
use std::io::IsTerminal;
use std::time::Duration;

use dms_rules_send::{Connection, SendError, Sender};

use crate::args::{AwsArgs, ColorChoice};
use crate::output;
use crate::report::human;
use crate::status::Status;

/// A single call never needs longer than this, even when the whole wait may take an hour.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// Connects as `aws` says, each call given at most `call_timeout`.
pub async fn connect(aws: &AwsArgs, call_timeout: Duration) -> Result<Sender, SendError> {
    let connection = Connection {
        region: aws.region.clone(),
        profile: aws.profile.clone(),
        endpoint_url: aws.endpoint_url.clone(),
        call_timeout: Some(call_timeout),
    };
    Sender::connect(&connection).await
}

/// Runs `work` on a runtime of its own; an error is drawn on standard error and gives the
/// status: 2 for the local setup, 3 for AWS. `limit` is the whole run's time limit, said by a
/// wait that ran out.
pub fn run<T>(
    color: ColorChoice,
    limit: Duration,
    work: impl Future<Output = Result<T, SendError>>,
) -> Result<T, Status> {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            output::error(format_args!("cannot start the async runtime: {e}"));
            return Err(Status::CannotRun);
        }
    };
    runtime.block_on(work).map_err(|mut error| {
        if let SendError::WaitTimedOut { waited, .. } | SendError::TaskWaitTimedOut { waited, .. } =
            &mut error
        {
            *waited = limit;
        }
        print_error(&error, color);
        if error.is_local() {
            Status::CannotRun
        } else {
            Status::Refused
        }
    })
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

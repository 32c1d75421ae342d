//! Waiting for an import: poll `DescribeMetadataModelImports` until the request ends.

use std::fmt;
use std::time::Duration;

use aws_sdk_databasemigration::types::{Filter, SchemaConversionRequest};
use tokio::time::Instant;

use super::client::{RequestId, Sender};
use super::error::SendError;

/// How often to ask, and for how long in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// The pause between two `DescribeMetadataModelImports` calls.
    pub poll_interval: Duration,
    /// The whole wait, every call included.
    pub timeout: Duration,
}

impl Default for WaitOptions {
    /// Every 10 s for at most an hour: imports of a whole schema take minutes.
    fn default() -> Self {
        WaitOptions {
            poll_interval: Duration::from_secs(10),
            timeout: Duration::from_secs(3600),
        }
    }
}

/// A request's `Status` (`SchemaConversionRequest.Status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// `RECEIVED`: not yet queued.
    Received,
    /// `IN_PROGRESS`: queued or running.
    InProgress,
    /// `SUCCESS`: the import finished.
    Success,
    /// `FAILED`: the import ended in an error.
    Failed,
    /// `CANCELING`: the import is being cancelled.
    Canceling,
    /// `CANCELED`: the import was cancelled.
    Canceled,
    /// A status this crate does not know yet, as the service spelled it.
    Other(String),
}

impl Status {
    fn parse(s: &str) -> Self {
        match s {
            "RECEIVED" => Status::Received,
            "IN_PROGRESS" => Status::InProgress,
            "SUCCESS" => Status::Success,
            "FAILED" => Status::Failed,
            "CANCELING" => Status::Canceling,
            "CANCELED" => Status::Canceled,
            other => Status::Other(other.to_owned()),
        }
    }

    /// The wire value, such as `IN_PROGRESS`.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Received => "RECEIVED",
            Status::InProgress => "IN_PROGRESS",
            Status::Success => "SUCCESS",
            Status::Failed => "FAILED",
            Status::Canceling => "CANCELING",
            Status::Canceled => "CANCELED",
            Status::Other(s) => s,
        }
    }

    /// `SUCCESS`, `FAILED` and `CANCELED` are final.
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Success | Status::Failed | Status::Canceled)
    }
}

/// One look at an import request.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportStatus {
    /// `Status`.
    pub status: Status,
    /// `Progress.ProgressPercent`: of the current step, not of the whole import.
    pub progress_percent: Option<f64>,
    /// `Progress.ProgressStep`, such as `LOADING_METADATA`.
    pub progress_step: Option<String>,
    /// `Error.defaultErrorDetails.Message`, set when the import failed.
    pub error_message: Option<String>,
}

impl ImportStatus {
    fn from_sdk(request: &SchemaConversionRequest) -> Self {
        let progress = request.progress();
        ImportStatus {
            status: Status::parse(request.status().unwrap_or("")),
            progress_percent: progress.and_then(|p| p.progress_percent()),
            progress_step: progress.and_then(|p| p.progress_step()).map(str::to_owned),
            error_message: request
                .error()
                .and_then(|e| e.as_default_error_details().ok())
                .and_then(|d| d.message())
                .map(str::to_owned),
        }
    }
}

/// "IN_PROGRESS LOADING_METADATA 50%"
impl fmt::Display for ImportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.status.as_str())?;
        if let Some(step) = &self.progress_step {
            write!(f, " {step}")?;
        }
        if let Some(percent) = self.progress_percent {
            write!(f, " {percent:.0}%")?;
        }
        Ok(())
    }
}

impl Sender {
    /// Polls `DescribeMetadataModelImports`, filtered by `request-id`, until the request ends;
    /// `on_progress` sees every answer. `SUCCESS` returns the last status; `FAILED` (or
    /// `CANCELED`) is [`SendError::ImportFailed`] with the service's message.
    pub async fn wait_for_import(
        &self,
        migration_project: &str,
        request_id: &RequestId,
        options: &WaitOptions,
        mut on_progress: impl FnMut(&ImportStatus),
    ) -> Result<ImportStatus, SendError> {
        let started = Instant::now();
        let deadline = started + options.timeout;
        let timed_out = || SendError::WaitTimedOut {
            migration_project: migration_project.to_owned(),
            request_id: request_id.to_string(),
            waited: options.timeout,
        };
        // Without the filter the answer lists every request of the project (spec §7.3).
        let filter = Filter::builder()
            .name("request-id")
            .values(request_id.as_str())
            .build()
            .map_err(|e| SendError::Request {
                source: Box::new(e),
            })?;
        loop {
            let call = self
                .client
                .describe_metadata_model_imports()
                .migration_project_identifier(migration_project)
                .filters(filter.clone())
                .send();
            // The SDK's own timeout covers one call; this one keeps the whole wait in bounds.
            let output = tokio::time::timeout_at(deadline, call)
                .await
                .map_err(|_| timed_out())?
                .map_err(|e| SendError::from_sdk(e, self.call_timeout))?;
            // A request just started may not be listed yet: keep asking.
            if let Some(request) = output
                .requests()
                .iter()
                .find(|r| r.request_identifier() == Some(request_id.as_str()))
            {
                let status = ImportStatus::from_sdk(request);
                on_progress(&status);
                match status.status {
                    Status::Success => return Ok(status),
                    Status::Failed | Status::Canceled => {
                        return Err(SendError::ImportFailed {
                            request_id: request_id.to_string(),
                            status: status.status.as_str().to_owned(),
                            message: status
                                .error_message
                                .unwrap_or_else(|| "the service gave no message".into()),
                        })
                    }
                    _ => {}
                }
            }
            let now = Instant::now();
            if now + options.poll_interval >= deadline {
                tokio::time::sleep_until(deadline).await;
                return Err(timed_out());
            }
            tokio::time::sleep(options.poll_interval).await;
        }
    }
}

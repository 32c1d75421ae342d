//! Waiting for a request: poll its `Describe*` call, filtered by `request-id`, until it ends.

use std::fmt;
use std::time::Duration;

use aws_sdk_databasemigration::types::{Filter, SchemaConversionRequest};
use tokio::time::Instant;

use super::call::RequestKind;
use super::client::{RequestId, Sender};
use super::error::SendError;

/// How often to ask, and for how long in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// The pause between two `Describe*` calls.
    pub poll_interval: Duration,
    /// The whole wait, every call included.
    pub timeout: Duration,
}

impl Default for WaitOptions {
    /// Every 10 s for at most an hour: requests about a whole schema take minutes.
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
    /// `SUCCESS`: the request finished.
    Success,
    /// `FAILED`: the request ended in an error.
    Failed,
    /// `CANCELING`: the request is being cancelled.
    Canceling,
    /// `CANCELED`: the request was cancelled.
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

/// One look at a request, as its `Describe*` call lists it (`SchemaConversionRequest`).
#[derive(Debug, Clone, PartialEq)]
pub struct RequestStatus {
    /// `RequestIdentifier`.
    pub request_id: String,
    /// `MigrationProjectArn`.
    pub migration_project_arn: Option<String>,
    /// `Status`.
    pub status: Status,
    /// `Progress.ProgressPercent`: of the current step, not of the whole request.
    pub progress_percent: Option<f64>,
    /// `Progress.ProgressStep`, such as `LOADING_METADATA`.
    pub progress_step: Option<String>,
    /// `Progress.TotalObjects`.
    pub total_objects: Option<i64>,
    /// `Error.defaultErrorDetails.Message`, set when the request failed.
    pub error_message: Option<String>,
    /// `ExportSqlDetails.S3ObjectKey`: where an export as script saved the script.
    pub s3_object_key: Option<String>,
    /// `ExportSqlDetails.ObjectURL`.
    pub object_url: Option<String>,
}

/// The name this type had when imports were the only requests.
pub type ImportStatus = RequestStatus;

impl RequestStatus {
    fn from_sdk(request: &SchemaConversionRequest) -> Self {
        let progress = request.progress();
        let export = request.export_sql_details();
        RequestStatus {
            request_id: request.request_identifier().unwrap_or("").to_owned(),
            migration_project_arn: request.migration_project_arn().map(str::to_owned),
            status: Status::parse(request.status().unwrap_or("")),
            progress_percent: progress.and_then(|p| p.progress_percent()),
            progress_step: progress.and_then(|p| p.progress_step()).map(str::to_owned),
            total_objects: progress.map(|p| p.total_objects()),
            error_message: request
                .error()
                .and_then(|e| e.as_default_error_details().ok())
                .and_then(|d| d.message())
                .map(str::to_owned),
            s3_object_key: export.and_then(|e| e.s3_object_key()).map(str::to_owned),
            object_url: export.and_then(|e| e.object_url()).map(str::to_owned),
        }
    }
}

/// "IN_PROGRESS LOADING_METADATA 50%"
impl fmt::Display for RequestStatus {
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

/// What a wait has to tell while it goes on.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum WaitEvent<'a> {
    /// The `Describe*` call listed the request.
    Status(&'a RequestStatus),
    /// The `Describe*` call has not listed the request in `polls` answers: DMS does not know
    /// it yet, or it was started in another project or region. Sent once; the wait goes on.
    NotListed {
        /// How many answers did not list it.
        polls: u32,
    },
}

/// After this many answers without the request, [`WaitEvent::NotListed`] says so.
pub const NOT_LISTED_AFTER: u32 = 3;

impl Sender {
    /// Polls `DescribeMetadataModelImports`, filtered by `request-id`, until the request ends;
    /// `on_progress` sees every answer that lists it. The same as [`wait_for`](Self::wait_for)
    /// with [`RequestKind::Import`], without [`WaitEvent::NotListed`].
    pub async fn wait_for_import(
        &self,
        migration_project: &str,
        request_id: &RequestId,
        options: &WaitOptions,
        mut on_progress: impl FnMut(&ImportStatus),
    ) -> Result<ImportStatus, SendError> {
        self.wait_for(
            RequestKind::Import,
            migration_project,
            request_id,
            options,
            |event| {
                if let WaitEvent::Status(status) = event {
                    on_progress(status);
                }
            },
        )
        .await
    }

    /// Polls the `Describe*` call of `kind`, filtered by `request-id`, until the request ends;
    /// `on_event` sees every answer. `SUCCESS` returns the last status; `FAILED` (or
    /// `CANCELED`) is [`SendError::RequestFailed`] with the service's message.
    pub async fn wait_for(
        &self,
        kind: RequestKind,
        migration_project: &str,
        request_id: &RequestId,
        options: &WaitOptions,
        mut on_event: impl FnMut(WaitEvent<'_>),
    ) -> Result<RequestStatus, SendError> {
        let started = Instant::now();
        let deadline = started + options.timeout;
        let timed_out = || SendError::WaitTimedOut {
            kind,
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
        let mut unlisted = 0u32;
        loop {
            let call = self.describe_requests(kind, migration_project, filter.clone());
            // The SDK's own timeout covers one call; this one keeps the whole wait in bounds.
            let requests = tokio::time::timeout_at(deadline, call)
                .await
                .map_err(|_| timed_out())??;
            // A request just started may not be listed yet: keep asking.
            match requests
                .iter()
                .find(|r| r.request_identifier() == Some(request_id.as_str()))
            {
                Some(request) => {
                    let status = RequestStatus::from_sdk(request);
                    on_event(WaitEvent::Status(&status));
                    match status.status {
                        Status::Success => return Ok(status),
                        Status::Failed | Status::Canceled => {
                            return Err(SendError::RequestFailed {
                                kind,
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
                None => {
                    unlisted += 1;
                    if unlisted == NOT_LISTED_AFTER {
                        on_event(WaitEvent::NotListed { polls: unlisted });
                    }
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

    /// One `Describe*` call of `kind`: the requests it lists.
    async fn describe_requests(
        &self,
        kind: RequestKind,
        migration_project: &str,
        filter: Filter,
    ) -> Result<Vec<SchemaConversionRequest>, SendError> {
        let call = kind.describe_call();
        let (client, timeout) = (&self.client, self.call_timeout);
        // The five calls take the same members and answer alike, through distinct SDK types.
        macro_rules! requests {
            ($describe:ident) => {
                client
                    .$describe()
                    .migration_project_identifier(migration_project)
                    .filters(filter)
                    .send()
                    .await
                    .map_err(|e| SendError::from_sdk(call, e, timeout))?
                    .requests
                    .unwrap_or_default()
            };
        }
        Ok(match kind {
            RequestKind::Import => requests!(describe_metadata_model_imports),
            RequestKind::Conversion => requests!(describe_metadata_model_conversions),
            RequestKind::Assessment => requests!(describe_metadata_model_assessments),
            RequestKind::ExportAsScript => requests!(describe_metadata_model_exports_as_script),
            RequestKind::ExportToTarget => requests!(describe_metadata_model_exports_to_target),
        })
    }
}

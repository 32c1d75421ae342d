//! What can go wrong between validated rules and a finished request, each with what to do.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_databasemigration::error::{ProvideErrorMetadata, SdkError};

use super::call::{Call, RequestKind};
use dms_rules::Dialect;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why rules were not sent, or why the request did not succeed. The service's faults keep
/// their own variant, the call that met them and the service's message, so callers can tell
/// them apart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The rules were checked in the other dialect: Schema Conversion calls take selection
    /// rules, replication tasks take table mappings.
    #[error("the rules were checked as `{dialect}` rules, but `{call}` takes {}", expected(*call))]
    WrongDialect {
        /// The call the rules were for.
        call: Call,
        /// The dialect they were checked in.
        dialect: Dialect,
    },

    /// No AWS region is configured, or it is empty.
    #[error("no AWS region is configured")]
    MissingRegion,

    /// [`Connection::endpoint_url`](crate::Connection::endpoint_url) is not an
    /// `https://` or `http://` URL with a host.
    #[error("the endpoint URL `{url}` does not start with `https://` or `http://`")]
    InvalidEndpointUrl {
        /// The URL as given.
        url: String,
    },

    /// No AWS credentials were found.
    #[error("no AWS credentials were found")]
    MissingCredentials {
        /// The SDK's error.
        #[source]
        source: BoxError,
    },

    /// `AccessDeniedFault`: the caller or the project's IAM role lacks a permission.
    #[error("DMS was denied access (`AccessDeniedFault`): {message}")]
    AccessDenied {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `InvalidResourceStateFault`: a resource is in a state that prevents its use, such as
    /// a replication task that is running.
    #[error(
        "{} is in a state that prevents {} (`InvalidResourceStateFault`): {message}",
        if call.is_task() { "the replication task" } else { "a resource" },
        if call.is_task() { "changing it" } else { "its use" }
    )]
    InvalidResourceState {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `ResourceAlreadyExistsFault`: an equal request already exists.
    #[error("the resource already exists (`ResourceAlreadyExistsFault`): {message}")]
    ResourceAlreadyExists {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `ResourceNotFoundFault`: the migration project or replication task, or a resource it
    /// uses, was not found.
    #[error("the resource was not found (`ResourceNotFoundFault`): {message}")]
    ResourceNotFound {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `KMSKeyNotAccessibleFault`: DMS cannot use the KMS key.
    #[error("DMS cannot use the KMS key (`KMSKeyNotAccessibleFault`): {message}")]
    KmsKeyNotAccessible {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `ResourceQuotaExceededFault`: a DMS quota is exceeded.
    #[error("a DMS quota is exceeded (`ResourceQuotaExceededFault`): {message}")]
    ResourceQuotaExceeded {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `S3ResourceNotFoundFault`: the project's Amazon S3 bucket or object was not found.
    #[error("an Amazon S3 bucket or object was not found (`S3ResourceNotFoundFault`): {message}")]
    S3ResourceNotFound {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// `S3AccessDeniedFault`: DMS was denied access to Amazon S3.
    #[error("DMS was denied access to Amazon S3 (`S3AccessDeniedFault`): {message}")]
    S3AccessDenied {
        /// The call that was refused.
        call: Call,
        /// The service's message.
        message: String,
    },

    /// AWS throttled the call and the SDK's retries ran out.
    #[error("AWS throttled the call (`{code}`) and the retries ran out: {message}")]
    Throttled {
        /// The call that was throttled.
        call: Call,
        /// The error code, such as `ThrottlingException`.
        code: String,
        /// The service's message.
        message: String,
    },

    /// Any other error the service answered with.
    #[error("AWS refused the call (`{code}`): {message}")]
    Refused {
        /// The call that was refused.
        call: Call,
        /// The service's error code.
        code: String,
        /// The service's message.
        message: String,
    },

    /// The call could not reach AWS: connection, DNS or TLS.
    #[error("the call could not reach AWS")]
    Network {
        /// The SDK's error.
        #[source]
        source: BoxError,
    },

    /// A call did not finish in time.
    #[error("AWS did not answer in time{}", after.map(|d| format!(" ({})", seconds(d))).unwrap_or_default())]
    Timeout {
        /// [`Connection::call_timeout`](crate::Connection::call_timeout), when one was
        /// set.
        after: Option<Duration>,
    },

    /// The answer could not be read: the endpoint may not be DMS.
    #[error("the answer from AWS could not be read")]
    Response {
        /// The SDK's error.
        #[source]
        source: BoxError,
    },

    /// The call could not be built or sent: an argument or the configuration is wrong.
    #[error("the call to AWS could not be made")]
    Request {
        /// The SDK's error.
        #[source]
        source: BoxError,
    },

    /// The service accepted a `Start*` call but returned no `RequestIdentifier`.
    #[error("AWS accepted `{call}` but returned no `RequestIdentifier`")]
    NoRequestIdentifier {
        /// The call.
        call: Call,
    },

    /// `DescribeReplicationTasks` listed no task with the ARN asked for.
    #[error("DMS lists no replication task with the ARN `{task_arn}`")]
    NoSuchTask {
        /// The ARN asked for.
        task_arn: String,
    },

    /// A request ended with `FAILED` or `CANCELED`.
    #[error("{kind} request `{request_id}` ended with status `{status}`: {message}")]
    RequestFailed {
        /// Which request.
        kind: RequestKind,
        /// Its `RequestIdentifier`.
        request_id: String,
        /// The final status, as the service wrote it.
        status: String,
        /// The service's message, or a note that it gave none.
        message: String,
    },

    /// A replication task being changed ended in `failed`.
    #[error("replication task `{task_arn}` ended with status `{status}`: {message}")]
    TaskFailed {
        /// The task's ARN.
        task_arn: String,
        /// The status, as the service wrote it.
        status: String,
        /// `LastFailureMessage`, or a note that the service gave none.
        message: String,
    },

    /// [`WaitOptions::timeout`](crate::WaitOptions::timeout) passed before the request
    /// ended; it goes on in AWS.
    #[error("{kind} request `{request_id}` had not finished after {}", seconds(*waited))]
    WaitTimedOut {
        /// Which request.
        kind: RequestKind,
        /// The migration project the request runs in.
        migration_project: String,
        /// Its `RequestIdentifier`.
        request_id: String,
        /// How long the wait was allowed to last.
        waited: Duration,
    },

    /// [`WaitOptions::timeout`](crate::WaitOptions::timeout) passed before the task was
    /// back to `ready` or `stopped`; the change goes on in AWS.
    #[error(
        "replication task `{task_arn}` was still `{status}` after {}",
        seconds(*waited)
    )]
    TaskWaitTimedOut {
        /// The task's ARN.
        task_arn: String,
        /// The last status seen.
        status: String,
        /// How long the wait was allowed to last.
        waited: Duration,
    },
}

/// What a call takes, for [`SendError::WrongDialect`].
fn expected(call: Call) -> &'static str {
    if call.is_task() {
        "table mappings"
    } else {
        "schema-conversion selection rules"
    }
}

impl SendError {
    /// The service's fault name (such as `ResourceNotFoundFault`) when AWS refused the call.
    pub fn fault(&self) -> Option<&str> {
        Some(match self {
            SendError::AccessDenied { .. } => "AccessDeniedFault",
            SendError::InvalidResourceState { .. } => "InvalidResourceStateFault",
            SendError::ResourceAlreadyExists { .. } => "ResourceAlreadyExistsFault",
            SendError::ResourceNotFound { .. } => "ResourceNotFoundFault",
            SendError::KmsKeyNotAccessible { .. } => "KMSKeyNotAccessibleFault",
            SendError::ResourceQuotaExceeded { .. } => "ResourceQuotaExceededFault",
            SendError::S3ResourceNotFound { .. } => "S3ResourceNotFoundFault",
            SendError::S3AccessDenied { .. } => "S3AccessDeniedFault",
            SendError::Throttled { code, .. } | SendError::Refused { code, .. } => code,
            _ => return None,
        })
    }

    /// The call the service refused, for its faults.
    pub fn call(&self) -> Option<Call> {
        match self {
            SendError::WrongDialect { call, .. }
            | SendError::AccessDenied { call, .. }
            | SendError::InvalidResourceState { call, .. }
            | SendError::ResourceAlreadyExists { call, .. }
            | SendError::ResourceNotFound { call, .. }
            | SendError::KmsKeyNotAccessible { call, .. }
            | SendError::ResourceQuotaExceeded { call, .. }
            | SendError::S3ResourceNotFound { call, .. }
            | SendError::S3AccessDenied { call, .. }
            | SendError::Throttled { call, .. }
            | SendError::Refused { call, .. }
            | SendError::NoRequestIdentifier { call } => Some(*call),
            _ => None,
        }
    }

    /// `true` when nothing reached AWS because of the local setup (rules, region,
    /// credentials), rather than because of AWS or the network.
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            SendError::WrongDialect { .. }
                | SendError::MissingRegion
                | SendError::InvalidEndpointUrl { .. }
                | SendError::MissingCredentials { .. }
                | SendError::Request { .. }
        )
    }

    /// What to do about it, in plain words.
    pub fn help(&self) -> String {
        match self {
            SendError::WrongDialect { call, .. } if call.is_task() => {
                "check the rules with `Dialect::TableMapping` before sending them".into()
            }
            SendError::WrongDialect { .. } => {
                "check the rules with `Dialect::SchemaConversion` before sending them".into()
            }
            SendError::MissingRegion => {
                "pass `--region`, set `AWS_REGION`, or set `region` in the AWS profile".into()
            }
            SendError::InvalidEndpointUrl { .. } => {
                "give the whole URL, such as `http://127.0.0.1:4566`, or leave it out to reach \
                 the region's DMS endpoint"
                    .into()
            }
            SendError::MissingCredentials { .. } => {
                "set `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, pass `--profile`, or sign \
                 in with `aws sso login`"
                    .into()
            }
            SendError::AccessDenied { call, .. } if call.is_task() => {
                format!("check that your identity may call `dms:{call}` on this task")
            }
            SendError::AccessDenied { call, .. } => format!(
                "check that the migration project's IAM role is correctly configured and that \
                 your identity may call `dms:{call}`"
            ),
            SendError::InvalidResourceState { call, .. } if call.is_task() => {
                "a task that is running (or starting, stopping, being changed) cannot take new \
                 table mappings: stop it first (`aws dms stop-replication-task \
                 --replication-task-arn <ARN>`), wait until it is `stopped`, send again, then \
                 start it again"
                    .into()
            }
            SendError::InvalidResourceState { .. } => {
                "wait for the migration project's earlier requests to finish, and check that \
                 its data providers and instance profile are available"
                    .into()
            }
            SendError::ResourceAlreadyExists { call, .. } => match describe_for(*call) {
                Some(describe) => format!(
                    "an equal request is already queued: wait for it with `{describe}` before \
                     sending again"
                ),
                None => "read the service's message above".into(),
            },
            SendError::ResourceNotFound { call, .. } if call.is_task() => {
                "check that the replication task exists in this region (`--region`) and that \
                 its ARN is spelled right"
                    .into()
            }
            SendError::ResourceNotFound { .. } => {
                "check that the migration project exists in this region (`--region`) and that \
                 its name or ARN is spelled right"
                    .into()
            }
            SendError::KmsKeyNotAccessible { call, .. } => format!(
                "check that the {}'s KMS key exists, is enabled, and lets DMS use it",
                if call.is_task() {
                    "replication task"
                } else {
                    "migration project"
                }
            ),
            SendError::ResourceQuotaExceeded { .. } => {
                "wait for running requests to finish, or remove unused DMS resources".into()
            }
            SendError::S3ResourceNotFound { .. } => {
                "check that the migration project's Amazon S3 bucket and folder exist".into()
            }
            SendError::S3AccessDenied { .. } => {
                "check that the migration project's IAM role may read and write its Amazon S3 \
                 bucket"
                    .into()
            }
            SendError::Throttled { .. } => {
                "wait a little and send again; `AWS_MAX_ATTEMPTS` allows more retries".into()
            }
            SendError::Refused { .. } => "read the service's message above".into(),
            SendError::Network { .. } => {
                "check the network, the proxy settings and the endpoint URL".into()
            }
            SendError::Timeout { .. } => "try again, or allow more time with `--timeout`".into(),
            SendError::Response { .. } | SendError::NoRequestIdentifier { .. } => {
                "check that the endpoint URL points at AWS DMS".into()
            }
            SendError::Request { .. } => "check the AWS configuration and the arguments".into(),
            SendError::NoSuchTask { .. } => {
                "check the task's ARN and the region (`--region`); `aws dms \
                 describe-replication-tasks` lists the tasks"
                    .into()
            }
            SendError::RequestFailed {
                kind: RequestKind::Import,
                ..
            } => "the rules were accepted but the import failed: the message says why (`No \
                  objects were found` means the rules match nothing: check `server-name` and the \
                  names against the data provider)"
                .into(),
            SendError::RequestFailed { kind, .. } => format!(
                "the rules were accepted but the {kind} failed: the message says why (`No \
                 objects were found` means the rules match nothing in the project: import the \
                 objects first, and check `server-name` and the names)"
            ),
            SendError::TaskFailed { .. } => {
                "the task's `LastFailureMessage` says why; `aws dms describe-replication-tasks` \
                 shows the task"
                    .into()
            }
            SendError::WaitTimedOut {
                kind,
                migration_project,
                request_id,
                ..
            } => format!(
                "the {kind} goes on in AWS: wait longer with a larger `--timeout`, or follow it \
                 with `aws dms {} --migration-project-identifier {migration_project} --filters \
                 Name=request-id,Values={request_id}`",
                kind.describe_call().cli_name()
            ),
            SendError::TaskWaitTimedOut { task_arn, .. } => format!(
                "the change goes on in AWS: wait longer with a larger `--timeout`, or follow it \
                 with `aws dms describe-replication-tasks --filters \
                 Name=replication-task-arn,Values={task_arn}`"
            ),
        }
    }

    /// A stable name for the kind of error: the fault name for the service's faults.
    fn code(&self) -> &str {
        if let Some(fault) = self.fault() {
            return fault;
        }
        match self {
            SendError::WrongDialect { .. } => "send::wrong_dialect",
            SendError::MissingRegion => "send::missing_region",
            SendError::InvalidEndpointUrl { .. } => "send::invalid_endpoint_url",
            SendError::MissingCredentials { .. } => "send::missing_credentials",
            SendError::Network { .. } => "send::network",
            SendError::Timeout { .. } => "send::timeout",
            SendError::Response { .. } => "send::unreadable_response",
            SendError::Request { .. } => "send::request",
            SendError::NoRequestIdentifier { .. } => "send::no_request_identifier",
            SendError::NoSuchTask { .. } => "send::no_such_task",
            SendError::RequestFailed { kind, .. } => match kind {
                RequestKind::Import => "send::import_failed",
                RequestKind::Conversion => "send::conversion_failed",
                RequestKind::Assessment => "send::assessment_failed",
                RequestKind::ExportAsScript | RequestKind::ExportToTarget => "send::export_failed",
            },
            SendError::TaskFailed { .. } => "send::task_failed",
            SendError::WaitTimedOut { .. } | SendError::TaskWaitTimedOut { .. } => {
                "send::wait_timed_out"
            }
            _ => "send::refused",
        }
    }

    /// Sorts an SDK error from `call` into the variants above.
    pub(super) fn from_sdk<E, R>(
        call: Call,
        error: SdkError<E, R>,
        call_timeout: Option<Duration>,
    ) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: fmt::Debug + Send + Sync + 'static,
    {
        if caused_by::<CredentialsError>(&error) {
            return SendError::MissingCredentials {
                source: Box::new(error),
            };
        }
        match &error {
            SdkError::ServiceError(service) => {
                let code = service.err().code().unwrap_or("unknown error");
                let message = service.err().message().unwrap_or("(no message)");
                Self::from_fault(call, code, message)
            }
            SdkError::TimeoutError(_) => SendError::Timeout {
                after: call_timeout,
            },
            SdkError::DispatchFailure(failure) if failure.is_timeout() => SendError::Timeout {
                after: call_timeout,
            },
            SdkError::DispatchFailure(_) => SendError::Network {
                source: Box::new(error),
            },
            SdkError::ResponseError(_) => SendError::Response {
                source: Box::new(error),
            },
            _ => SendError::Request {
                source: Box::new(error),
            },
        }
    }

    /// The faults the calls document (spec §6.2), throttling, and the rest.
    pub(super) fn from_fault(call: Call, code: &str, message: &str) -> Self {
        let message = message.to_owned();
        match code {
            "AccessDeniedFault" => SendError::AccessDenied { call, message },
            "InvalidResourceStateFault" => SendError::InvalidResourceState { call, message },
            "ResourceAlreadyExistsFault" => SendError::ResourceAlreadyExists { call, message },
            "ResourceNotFoundFault" => SendError::ResourceNotFound { call, message },
            "KMSKeyNotAccessibleFault" => SendError::KmsKeyNotAccessible { call, message },
            "ResourceQuotaExceededFault" => SendError::ResourceQuotaExceeded { call, message },
            "S3ResourceNotFoundFault" => SendError::S3ResourceNotFound { call, message },
            "S3AccessDeniedFault" => SendError::S3AccessDenied { call, message },
            "ThrottlingException"
            | "Throttling"
            | "TooManyRequestsException"
            | "RequestLimitExceeded" => SendError::Throttled {
                call,
                code: code.to_owned(),
                message,
            },
            _ => SendError::Refused {
                call,
                code: code.to_owned(),
                message,
            },
        }
    }
}

/// The AWS CLI command that lists the requests `call` starts.
fn describe_for(call: Call) -> Option<String> {
    let kind = RequestKind::ALL
        .into_iter()
        .find(|kind| kind.start_call() == call)?;
    Some(format!("aws dms {}", kind.describe_call().cli_name()))
}

/// Lets miette draw the error with its code and help, like the rule diagnostics.
impl miette::Diagnostic for SendError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(SendError::code(self)))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(SendError::help(self)))
    }
}

/// Whether `T` is anywhere in the error's chain of causes.
fn caused_by<T: StdError + 'static>(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(error) = next {
        if error.is::<T>() {
            return true;
        }
        next = error.source();
    }
    false
}

/// "60 s", "1.5 s", "0.25 s": whole seconds as such, fractions as given to the millisecond.
pub(super) fn seconds(duration: Duration) -> String {
    let millis = duration.as_millis();
    if millis.is_multiple_of(1000) {
        return format!("{} s", millis / 1000);
    }
    let text = format!("{}.{:03}", millis / 1000, millis % 1000);
    format!("{} s", text.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::seconds;
    use std::time::Duration;

    #[test]
    fn seconds_are_whole_when_they_can_be() {
        assert_eq!(seconds(Duration::from_secs(60)), "60 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(seconds(Duration::from_millis(250)), "0.25 s");
        assert_eq!(seconds(Duration::from_micros(59_999_999)), "59.999 s");
    }
}

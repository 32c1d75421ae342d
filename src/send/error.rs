//! What can go wrong between validated rules and a finished import, each with what to do.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_databasemigration::error::{ProvideErrorMetadata, SdkError};

use crate::Dialect;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why rules were not sent, or why the import did not succeed. The service's faults keep
/// their own variant and message, so callers can tell them apart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The rules were checked as table mappings (the dialect held here); the call takes
    /// Schema Conversion selection rules.
    #[error(
        "the rules were checked as `{0}` rules, but `StartMetadataModelImport` takes \
         schema-conversion selection rules"
    )]
    WrongDialect(Dialect),

    /// No AWS region is configured, or it is empty.
    #[error("no AWS region is configured")]
    MissingRegion,

    /// [`Connection::endpoint_url`](crate::send::Connection::endpoint_url) is not an
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
        /// The service's message.
        message: String,
    },

    /// `InvalidResourceStateFault`: a resource is in a state that prevents its use.
    #[error(
        "a resource is in a state that prevents its use (`InvalidResourceStateFault`): {message}"
    )]
    InvalidResourceState {
        /// The service's message.
        message: String,
    },

    /// `ResourceAlreadyExistsFault`: an equal request already exists.
    #[error("the resource already exists (`ResourceAlreadyExistsFault`): {message}")]
    ResourceAlreadyExists {
        /// The service's message.
        message: String,
    },

    /// `ResourceNotFoundFault`: the migration project, or a resource it uses, was not found.
    #[error("the resource was not found (`ResourceNotFoundFault`): {message}")]
    ResourceNotFound {
        /// The service's message.
        message: String,
    },

    /// `KMSKeyNotAccessibleFault`: DMS cannot use the project's KMS key.
    #[error("DMS cannot use the KMS key (`KMSKeyNotAccessibleFault`): {message}")]
    KmsKeyNotAccessible {
        /// The service's message.
        message: String,
    },

    /// `ResourceQuotaExceededFault`: a DMS quota is exceeded.
    #[error("a DMS quota is exceeded (`ResourceQuotaExceededFault`): {message}")]
    ResourceQuotaExceeded {
        /// The service's message.
        message: String,
    },

    /// `S3ResourceNotFoundFault`: the project's Amazon S3 bucket or object was not found.
    #[error("an Amazon S3 bucket or object was not found (`S3ResourceNotFoundFault`): {message}")]
    S3ResourceNotFound {
        /// The service's message.
        message: String,
    },

    /// `S3AccessDeniedFault`: DMS was denied access to Amazon S3.
    #[error("DMS was denied access to Amazon S3 (`S3AccessDeniedFault`): {message}")]
    S3AccessDenied {
        /// The service's message.
        message: String,
    },

    /// AWS throttled the call and the SDK's retries ran out.
    #[error("AWS throttled the call (`{code}`) and the retries ran out: {message}")]
    Throttled {
        /// The error code, such as `ThrottlingException`.
        code: String,
        /// The service's message.
        message: String,
    },

    /// Any other error the service answered with.
    #[error("AWS refused the call (`{code}`): {message}")]
    Refused {
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
        /// [`Connection::call_timeout`](crate::send::Connection::call_timeout), when one was
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

    /// The service accepted the import but returned no `RequestIdentifier`.
    #[error("AWS accepted the import but returned no `RequestIdentifier`")]
    NoRequestIdentifier,

    /// The import ended with `FAILED` or `CANCELED`.
    #[error("import request `{request_id}` ended with status `{status}`: {message}")]
    ImportFailed {
        /// The import's `RequestIdentifier`.
        request_id: String,
        /// The final status, as the service wrote it.
        status: String,
        /// The service's message, or a note that it gave none.
        message: String,
    },

    /// [`WaitOptions::timeout`](crate::send::WaitOptions::timeout) passed before the import
    /// ended; it goes on in AWS.
    #[error("import request `{request_id}` had not finished after {}", seconds(*waited))]
    WaitTimedOut {
        /// The migration project the import runs in.
        migration_project: String,
        /// The import's `RequestIdentifier`.
        request_id: String,
        /// How long the wait lasted: the timeout.
        waited: Duration,
    },
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

    /// `true` when nothing reached AWS because of the local setup (rules, region,
    /// credentials), rather than because of AWS or the network.
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            SendError::WrongDialect(_)
                | SendError::MissingRegion
                | SendError::InvalidEndpointUrl { .. }
                | SendError::MissingCredentials { .. }
                | SendError::Request { .. }
        )
    }

    /// What to do about it, in plain words.
    pub fn help(&self) -> String {
        match self {
            SendError::WrongDialect(_) => {
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
            SendError::AccessDenied { .. } => {
                "check that the migration project's IAM role is correctly configured and that \
                 your identity may call `dms:StartMetadataModelImport`"
                    .into()
            }
            SendError::InvalidResourceState { .. } => {
                "wait for the migration project's earlier requests to finish, and check that \
                 its data providers and instance profile are available"
                    .into()
            }
            SendError::ResourceAlreadyExists { .. } => {
                "an equal request is already queued: wait for it with \
                 `DescribeMetadataModelImports` before sending again"
                    .into()
            }
            SendError::ResourceNotFound { .. } => {
                "check that the migration project exists in this region (`--region`) and that \
                 its name or ARN is spelled right"
                    .into()
            }
            SendError::KmsKeyNotAccessible { .. } => {
                "check that the migration project's KMS key exists, is enabled, and lets DMS \
                 use it"
                    .into()
            }
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
            SendError::Response { .. } | SendError::NoRequestIdentifier => {
                "check that the endpoint URL points at AWS DMS".into()
            }
            SendError::Request { .. } => "check the AWS configuration and the arguments".into(),
            SendError::ImportFailed { .. } => {
                "the rules were accepted but the import failed: the message says why (`No \
                 objects were found` means the rules match nothing: check `server-name` and the \
                 names against the data provider)"
                    .into()
            }
            SendError::WaitTimedOut {
                migration_project,
                request_id,
                ..
            } => format!(
                "the import goes on in AWS: look it up later with `aws dms \
                 describe-metadata-model-imports --migration-project-identifier \
                 {migration_project} --filters Name=request-id,Values={request_id}`"
            ),
        }
    }

    /// A stable name for the kind of error: the fault name for the service's faults.
    fn code(&self) -> &str {
        if let Some(fault) = self.fault() {
            return fault;
        }
        match self {
            SendError::WrongDialect(_) => "send::wrong_dialect",
            SendError::MissingRegion => "send::missing_region",
            SendError::InvalidEndpointUrl { .. } => "send::invalid_endpoint_url",
            SendError::MissingCredentials { .. } => "send::missing_credentials",
            SendError::Network { .. } => "send::network",
            SendError::Timeout { .. } => "send::timeout",
            SendError::Response { .. } => "send::unreadable_response",
            SendError::Request { .. } => "send::request",
            SendError::NoRequestIdentifier => "send::no_request_identifier",
            SendError::ImportFailed { .. } => "send::import_failed",
            SendError::WaitTimedOut { .. } => "send::wait_timed_out",
            _ => "send::refused",
        }
    }

    /// Sorts an SDK error into the variants above.
    pub(super) fn from_sdk<E, R>(error: SdkError<E, R>, call_timeout: Option<Duration>) -> Self
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
                Self::from_fault(code, message)
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

    /// The eight faults of `StartMetadataModelImport` (spec §6.2), throttling, and the rest.
    pub(super) fn from_fault(code: &str, message: &str) -> Self {
        let message = message.to_owned();
        match code {
            "AccessDeniedFault" => SendError::AccessDenied { message },
            "InvalidResourceStateFault" => SendError::InvalidResourceState { message },
            "ResourceAlreadyExistsFault" => SendError::ResourceAlreadyExists { message },
            "ResourceNotFoundFault" => SendError::ResourceNotFound { message },
            "KMSKeyNotAccessibleFault" => SendError::KmsKeyNotAccessible { message },
            "ResourceQuotaExceededFault" => SendError::ResourceQuotaExceeded { message },
            "S3ResourceNotFoundFault" => SendError::S3ResourceNotFound { message },
            "S3AccessDeniedFault" => SendError::S3AccessDenied { message },
            "ThrottlingException"
            | "Throttling"
            | "TooManyRequestsException"
            | "RequestLimitExceeded" => SendError::Throttled {
                code: code.to_owned(),
                message,
            },
            _ => SendError::Refused {
                code: code.to_owned(),
                message,
            },
        }
    }
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

/// "3 s", "1.5 s"
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

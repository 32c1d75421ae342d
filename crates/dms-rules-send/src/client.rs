//! The client: the AWS configuration, loaded once for every call.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_databasemigration::config::timeout::TimeoutConfig;
use aws_sdk_databasemigration::types::OriginTypeValue;
use aws_sdk_databasemigration::Client;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};

use super::error::SendError;

/// Where and how to reach DMS. Every field left `None` falls back to the standard AWS
/// configuration, as in the AWS CLI: environment variables, then the shared config and
/// credentials files, then container and instance metadata.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    /// Overrides `AWS_REGION` and the profile's `region`.
    pub region: Option<String>,
    /// Overrides `AWS_PROFILE`.
    pub profile: Option<String>,
    /// Overrides `AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE`, `AWS_ENDPOINT_URL` and the
    /// regional endpoint: for testing against a local endpoint.
    pub endpoint_url: Option<String>,
    /// Limit for one call, its retries included.
    pub call_timeout: Option<Duration>,
}

/// The migration project's source or target data provider (`OriginTypeValue`): where an
/// import reads from, which side an export saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The source data provider.
    Source,
    /// The target data provider.
    Target,
}

impl Origin {
    /// The wire value: `SOURCE` or `TARGET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Source => "SOURCE",
            Origin::Target => "TARGET",
        }
    }

    pub(super) fn to_sdk(self) -> OriginTypeValue {
        match self {
            Origin::Source => OriginTypeValue::Source,
            Origin::Target => OriginTypeValue::Target,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Origin {
    type Err = String;

    /// Accepts `source` and `target` in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("source") {
            Ok(Origin::Source)
        } else if s.eq_ignore_ascii_case("target") {
            Ok(Origin::Target)
        } else {
            Err(format!(
                "unknown origin `{s}`: expected `source` or `target`"
            ))
        }
    }
}

/// The service's `RequestIdentifier` for a started request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// The identifier as the service wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for RequestId {
    fn from(id: String) -> Self {
        RequestId(id)
    }
}

/// A DMS client that sends only validated rules.
#[derive(Debug, Clone)]
pub struct Sender {
    pub(super) client: Client,
    /// Kept to say how long a timed-out call was given.
    pub(super) call_timeout: Option<Duration>,
}

impl Sender {
    /// Loads the standard AWS configuration (see [`Connection`]) and checks that it names a
    /// region. Credentials are resolved at the first call, once, as the SDK does.
    pub async fn connect(connection: &Connection) -> Result<Self, SendError> {
        let mut loader =
            aws_config::defaults(BehaviorVersion::latest()).http_client(https_client());
        if let Some(region) = &connection.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(profile) = &connection.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &connection.endpoint_url {
            // The SDK would only notice at the first call, deep inside a long error.
            let host = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            if host.is_none_or(str::is_empty) {
                return Err(SendError::InvalidEndpointUrl { url: url.clone() });
            }
            loader = loader.endpoint_url(url);
        }
        if let Some(limit) = connection.call_timeout {
            loader =
                loader.timeout_config(TimeoutConfig::builder().operation_timeout(limit).build());
        }
        Self::from_sdk_config(&loader.load().await)
    }

    /// Uses a configuration the caller built; an HTTPS client is added when it has none. (A
    /// configuration loaded with `aws-config` needs its own HTTP client when that crate's
    /// `default-https-client` feature is off, as it is here.)
    pub fn from_sdk_config(config: &SdkConfig) -> Result<Self, SendError> {
        // An empty `AWS_REGION` (as left by `export AWS_REGION=`) names no region either.
        if config
            .region()
            .is_none_or(|region| region.as_ref().is_empty())
        {
            return Err(SendError::MissingRegion);
        }
        let mut builder = aws_sdk_databasemigration::config::Builder::from(config);
        if config.http_client().is_none() {
            builder = builder.http_client(https_client());
        }
        Ok(Sender {
            client: Client::from_conf(builder.build()),
            call_timeout: config
                .timeout_config()
                .and_then(TimeoutConfig::operation_timeout),
        })
    }
}

/// HTTPS through rustls with ring, which builds with a C compiler alone; certificates come
/// from the system's trust store.
fn https_client() -> aws_sdk_databasemigration::config::SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

//! `send`: the real SDK client against a local endpoint, through the library and the binary.
//!
//! Nothing here reaches beyond 127.0.0.1, and nothing reads the developer's AWS setup: the
//! library tests ignore the environment, and the binary runs with a cleared one.

mod cli;
mod library;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

use crate::local_dms::{Reply, Request};
use crate::support::{assert_contains, assert_starts_with};

pub const REGION: &str = "eu-west-3";
pub const ACCESS_KEY: &str = "AKIDLOCALTEST000001";
/// Must never appear in anything the tool prints.
pub const SECRET: &str = "LocalTestSecret/9f8e7d6c5b4a39281716151413121110";
pub const PROJECT: &str = "arn:aws:dms:eu-west-3:123456789012:migration-project:LOCALTEST";
pub const REQUEST_ID: &str = "a1b2c3d4-5678-90ab-cdef-LOCALTEST111";
/// The message of an import whose rules select nothing, as DMS words it.
pub const NOTHING_SELECTED: &str = "No objects were found according to the specified selection \
                                    rules. Please review your selection rules and try again.";

/// The eight faults of `StartMetadataModelImport`, each with words its help must contain.
pub const FAULTS: [(&str, &str); 8] = [
    ("AccessDeniedFault", "IAM role"),
    ("InvalidResourceStateFault", "earlier requests to finish"),
    ("ResourceAlreadyExistsFault", "already queued"),
    ("ResourceNotFoundFault", "exists in this region"),
    ("KMSKeyNotAccessibleFault", "KMS key"),
    ("ResourceQuotaExceededFault", "running requests to finish"),
    ("S3ResourceNotFoundFault", "bucket and folder exist"),
    ("S3AccessDeniedFault", "read and write its Amazon S3"),
];

pub fn fixture(name: &str) -> PathBuf {
    crate::support::fixtures().join("send").join(name)
}

pub fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("read a send fixture")
}

/// The answer to a successful `StartMetadataModelImport`.
pub fn started() -> Reply {
    Reply::ok(json!({ "RequestIdentifier": REQUEST_ID }))
}

/// The answer to `DescribeMetadataModelImports` listing our request in `status`.
pub fn described(status: &str, percent: f64, step: &str, error: Option<&str>) -> Reply {
    let mut request = json!({
        "Status": status,
        "RequestIdentifier": REQUEST_ID,
        "MigrationProjectArn": PROJECT,
        "Progress": { "ProgressPercent": percent, "TotalObjects": 100, "ProgressStep": step },
    });
    if let Some(message) = error {
        request["Error"] = json!({ "defaultErrorDetails": { "Message": message } });
    }
    Reply::ok(json!({ "Requests": [request] }))
}

/// What a real `StartMetadataModelImport` request carries, checked in one place.
pub fn assert_start_request(request: &Request, rules: &[u8], origin: &str, refresh: bool) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(
        request.header("x-amz-target"),
        Some("AmazonDMSv20160101.StartMetadataModelImport")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let authorization = request.header("authorization").unwrap_or("");
    assert_starts_with(
        authorization,
        &format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/"),
    );
    assert_contains(authorization, &format!("/{REGION}/dms/aws4_request,"));
    assert_contains(authorization, "x-amz-target");
    assert_contains(authorization, "Signature=");
    let body = request.json();
    assert_eq!(body["MigrationProjectIdentifier"], PROJECT);
    assert_eq!(body["Origin"], origin);
    assert_eq!(body["Refresh"], refresh);
    let sent = body["SelectionRules"].as_str().unwrap_or_default();
    assert_eq!(sent.as_bytes(), rules, "the rules must be sent as written");
    assert_eq!(
        body.as_object().map(|o| o.len()),
        Some(4),
        "unexpected members: {body}"
    );
}

/// What every `DescribeMetadataModelImports` poll carries.
pub fn assert_describe_requests(polls: &[Request]) {
    for request in polls {
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.header("x-amz-target"),
            Some("AmazonDMSv20160101.DescribeMetadataModelImports")
        );
        assert_eq!(
            request.json(),
            json!({
                "MigrationProjectIdentifier": PROJECT,
                "Filters": [{ "Name": "request-id", "Values": [REQUEST_ID] }],
            })
        );
    }
}

pub fn operations(requests: &[Request]) -> Vec<&str> {
    requests.iter().map(Request::operation).collect()
}

/// Fast enough for tests, slow enough to be a real wait.
pub const POLL: Duration = Duration::from_millis(20);

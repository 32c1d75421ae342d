//! What the local endpoint answers and what the tests expect of the requests it receives:
//! the sender's tests use them, and so do the `dms-rules send` tests of the command-line crate.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;

use crate::local_dms::{LocalDms, Reply, Request};
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

/// The eight faults every Schema Conversion `Start*` call documents (the import and the four
/// others alike), each with words its help must contain.
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

/// The answer to a `Describe*` call that does not list our request (yet).
pub fn not_listed() -> Reply {
    Reply::ok(json!({ "Requests": [] }))
}

/// A replication task as `DescribeReplicationTasks` and `ModifyReplicationTask` answer it.
pub fn task(status: &str, mappings: &str) -> serde_json::Value {
    json!({
        "ReplicationTaskIdentifier": "local-test-task",
        "ReplicationTaskArn": TASK,
        "Status": status,
        "MigrationType": "full-load",
        "TableMappings": mappings,
    })
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

/// A task's ARN for the replication-task tests.
pub const TASK: &str = "arn:aws:dms:eu-west-3:123456789012:task:LOCALTESTTASK";

/// The faults `ModifyReplicationTask` documents, with words its help must contain.
pub const TASK_FAULTS: [(&str, &str); 4] = [
    ("InvalidResourceStateFault", "stop it first"),
    ("ResourceAlreadyExistsFault", "service's message"),
    (
        "ResourceNotFoundFault",
        "replication task exists in this region",
    ),
    ("KMSKeyNotAccessibleFault", "replication task's KMS key"),
];

/// A signed AWS JSON 1.1 `POST /` for `operation`, with our key and region.
pub fn assert_signed(request: &Request, operation: &str) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(
        request.header("x-amz-target"),
        Some(format!("AmazonDMSv20160101.{operation}").as_str())
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
}

/// What a real `StartMetadataModelImport` request carries, checked in one place.
pub fn assert_start_request(request: &Request, rules: &[u8], origin: &str, refresh: bool) {
    assert_signed(request, "StartMetadataModelImport");
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
    assert_polls(polls, "DescribeMetadataModelImports");
}

/// What every poll of a request carries: the `Describe*` target, signed, filtered by our id.
pub fn assert_polls(polls: &[Request], operation: &str) {
    assert!(!polls.is_empty(), "no poll");
    for request in polls {
        assert_signed(request, operation);
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

/// The mappings the task holds before the tests send theirs: rule 1 with another table
/// pattern, rule 2 that the fixture drops, rule 3 the same but written differently.
pub const CURRENT: &str = r#"{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"employees","object-locator":{"schema-name":"HR","table-name":"%"},"rule-action":"include"},{"rule-type":"selection","rule-id":"2","rule-name":"tmp","object-locator":{"schema-name":"HR","table-name":"TMP%"},"rule-action":"exclude"},{"rule-action":"convert-lowercase","rule-target":"schema","rule-type":"transformation","rule-id":3,"rule-name":"lower-schema","object-locator":{"schema-name":"HR"}}]}"#;

/// `DescribeReplicationTasks` answering with the task in `status`, holding [`CURRENT`].
pub fn described_task(status: &str) -> Reply {
    Reply::ok(json!({ "ReplicationTasks": [task(status, CURRENT)] }))
}

/// Answers `ModifyReplicationTask` with the task `modifying`, and `DescribeReplicationTasks`
/// with `describe(n)`.
pub fn task_server(describe: impl Fn(usize) -> Reply + Send + Sync + 'static) -> LocalDms {
    LocalDms::start(move |request, n| match request.operation() {
        "ModifyReplicationTask" => {
            let sent = request.json()["TableMappings"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            Reply::ok(json!({ "ReplicationTask": task("modifying", &sent) }))
        }
        _ => describe(n),
    })
}

/// The `ModifyReplicationTask` of the `table-mapping.json` fixture.
pub fn assert_modify_request(request: &Request) {
    assert_signed(request, "ModifyReplicationTask");
    let rules = String::from_utf8(read_fixture("table-mapping.json")).expect("UTF-8");
    assert_eq!(
        request.json(),
        json!({ "ReplicationTaskArn": TASK, "TableMappings": rules }),
        "the mappings are sent as written, and nothing else"
    );
}

/// A server answering every `Start*` with our id and every `Describe*` with `poll(n)`.
pub fn start_server(poll: impl Fn(usize) -> Reply + Send + Sync + 'static) -> LocalDms {
    LocalDms::start(move |request, n| {
        if request.operation().starts_with("Start") {
            started()
        } else {
            poll(n)
        }
    })
}

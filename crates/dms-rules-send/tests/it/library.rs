//! The library API: `Sender` built from an explicit configuration, against the local endpoint:
//! the import, the other Schema Conversion calls and replication tasks.

use std::future::Future;
use std::time::{Duration, Instant};

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_databasemigration::config::Credentials;
use dms_rules::{check, Dialect, Operation, Options, ValidatedRules};
use dms_rules_send::{
    AssessmentRequest, Call, ConversionRequest, ExportAsScriptRequest, ExportToTargetRequest,
    ImportRequest, ImportStatus, Origin, RequestId, RequestKind, SendError, Sender, StartRequest,
    Status, TableMappingsRequest, WaitEvent, WaitOptions,
};

use crate::dms::*;
use crate::local_dms::{LocalDms, Reply};
use crate::support::{assert_contains, assert_ends_with};

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a test runtime")
        .block_on(future)
}

/// A sender for `url` that ignores the host's AWS setup, retries up to `attempts` times with
/// a 1 ms backoff, and gives each call `call_timeout`.
async fn sender_with(url: &str, attempts: u32, call_timeout: Duration) -> Sender {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .empty_test_environment()
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new(ACCESS_KEY, SECRET, None, None, "tests"))
        .endpoint_url(url)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(attempts)
                .with_initial_backoff(Duration::from_millis(1)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(call_timeout)
                .build(),
        )
        .load()
        .await;
    Sender::from_sdk_config(&config).expect("the configuration names a region")
}

async fn sender(url: &str) -> Sender {
    sender_with(url, 3, Duration::from_secs(10)).await
}

fn schema_conversion() -> Options {
    Options {
        dialect: Some(Dialect::SchemaConversion),
        operation: Some(Operation::StartMetadataModelImport),
        ..Options::default()
    }
}

fn request(refresh: bool) -> ImportRequest {
    ImportRequest {
        refresh,
        ..ImportRequest::new(PROJECT, Origin::Source)
    }
}

/// `source` checked as Schema Conversion rules, which it must pass.
fn valid(source: &[u8]) -> ValidatedRules<'_> {
    check(source, &schema_conversion())
        .validated()
        .expect("the fixture is valid")
}

/// Starts one import of `rules` with the sender `sender` resolves to.
fn start(
    sender: impl Future<Output = Sender>,
    rules: &ValidatedRules<'_>,
    request: &ImportRequest,
) -> Result<RequestId, SendError> {
    block_on(async { sender.await.start_import(rules, request).await })
}

/// Starts an import of the `import-schema.json` fixture against a server answering `answer`.
fn start_with(
    answer: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> (LocalDms, Result<String, SendError>) {
    let server = LocalDms::start(move |_, n| answer(n));
    let source = read_fixture("import-schema.json");
    let result = start(sender(&server.url()), &valid(&source), &request(false));
    (server, result.map(|id| id.to_string()))
}

#[test]
fn start_import_sends_the_rules_as_written_and_returns_the_request_identifier() {
    let server = LocalDms::start(|_, _| started());
    let rules = read_fixture("import-schema.json");

    let id =
        start(sender(&server.url()), &valid(&rules), &request(true)).expect("the import starts");

    assert_eq!(id.as_str(), REQUEST_ID);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_start_request(&requests[0], &rules, "SOURCE", true);
}

#[test]
fn table_mapping_rules_are_refused_before_any_request() {
    let server = LocalDms::start(|_, _| started());
    let rules = br#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
        "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
    let options = Options {
        dialect: Some(Dialect::TableMapping),
        ..Options::default()
    };
    let checked = check(rules, &options);
    let validated = checked.validated().expect("valid table mapping");

    let error = start(sender(&server.url()), &validated, &request(false))
        .expect_err("table mappings are not selection rules");

    assert!(matches!(
        error,
        SendError::WrongDialect {
            call: Call::StartMetadataModelImport,
            dialect: Dialect::TableMapping
        }
    ));
    assert!(error.is_local());
    assert!(server.requests().is_empty());
}

#[test]
fn each_fault_becomes_its_own_error_with_the_service_message() {
    for (fault, help) in FAULTS {
        let message = format!("the service says no ({fault})");
        let reply_message = message.clone();
        let (server, result) = start_with(move |_| Reply::fault(fault, &reply_message));
        let error = result.expect_err("a fault is an error");

        assert_eq!(error.fault(), Some(fault));
        assert_eq!(error.call(), Some(Call::StartMetadataModelImport));
        assert_eq!(variant(&error), fault);
        assert!(
            error
                .to_string()
                .contains(&format!("(`{fault}`): {message}")),
            "{error}"
        );
        assert!(error.help().contains(help), "{fault}: {}", error.help());
        assert!(!error.is_local());
        // Faults are final answers: the SDK does not retry them.
        assert_eq!(server.requests().len(), 1, "{fault}");
    }
}

/// The variant, named after the fault it stands for.
fn variant(error: &SendError) -> &'static str {
    match error {
        SendError::AccessDenied { .. } => "AccessDeniedFault",
        SendError::InvalidResourceState { .. } => "InvalidResourceStateFault",
        SendError::ResourceAlreadyExists { .. } => "ResourceAlreadyExistsFault",
        SendError::ResourceNotFound { .. } => "ResourceNotFoundFault",
        SendError::KmsKeyNotAccessible { .. } => "KMSKeyNotAccessibleFault",
        SendError::ResourceQuotaExceeded { .. } => "ResourceQuotaExceededFault",
        SendError::S3ResourceNotFound { .. } => "S3ResourceNotFoundFault",
        SendError::S3AccessDenied { .. } => "S3AccessDeniedFault",
        _ => "another variant",
    }
}

#[test]
fn an_unknown_fault_keeps_its_code_and_message() {
    let (_, result) = start_with(|_| Reply::fault("InvalidParameterValueException", "bad rules"));
    let error = result.expect_err("a fault");
    assert!(
        matches!(&error, SendError::Refused { call: Call::StartMetadataModelImport, code, message }
        if code == "InvalidParameterValueException" && message == "bad rules")
    );
}

#[test]
fn throttling_is_retried_by_the_sdk() {
    let (server, result) = start_with(|n| {
        if n < 2 {
            Reply::fault("ThrottlingException", "Rate exceeded")
        } else {
            started()
        }
    });
    assert_eq!(result.expect("the third attempt succeeds"), REQUEST_ID);
    assert_eq!(
        operations(&server.requests()),
        ["StartMetadataModelImport"; 3]
    );
}

#[test]
fn throttling_that_outlasts_the_retries_is_a_throttling_error() {
    let (server, result) = start_with(|_| Reply::fault("ThrottlingException", "Rate exceeded"));
    let error = result.expect_err("every attempt is throttled");
    assert!(matches!(&error, SendError::Throttled { code, .. } if code == "ThrottlingException"));
    assert_eq!(server.requests().len(), 3, "max attempts");
}

#[test]
fn a_server_that_never_answers_ends_in_a_timeout_within_the_limit() {
    let server = LocalDms::start(|_, _| Reply::Hang);
    let source = read_fixture("import-schema.json");
    let rules = valid(&source);
    let begun = Instant::now();

    let error = start(
        sender_with(&server.url(), 1, Duration::from_millis(300)),
        &rules,
        &request(false),
    )
    .expect_err("no answer");

    let took = begun.elapsed();
    assert!(
        matches!(error, SendError::Timeout { after: Some(d) } if d == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert_eq!(error.to_string(), "AWS did not answer in time (0.3 s)");
}

#[test]
fn a_keep_alive_connection_carries_several_calls_and_close_is_honoured() {
    // Every other answer closes its connection; the client must reconnect for the next call.
    let server = LocalDms::start(|request, n| match request.operation() {
        "StartMetadataModelImport" => started(),
        _ if n % 2 == 0 => Reply::ok_and_close(serde_json::json!({ "Requests": [] })),
        _ => described("IN_PROGRESS", 50.0, "LOADING_METADATA", None),
    });
    let source = read_fixture("import-schema.json");
    let rules = valid(&source);

    let error = block_on(async {
        let sender = sender(&server.url()).await;
        let id = sender.start_import(&rules, &request(false)).await?;
        let options = WaitOptions {
            poll_interval: POLL,
            timeout: Duration::from_millis(300),
        };
        sender.wait_for_import(PROJECT, &id, &options, |_| {}).await
    })
    .expect_err("never finishes");

    assert!(matches!(error, SendError::WaitTimedOut { .. }), "{error:?}");
    let requests = server.requests();
    assert!(requests.len() >= 4, "{}", requests.len());
    // Kept alive: fewer connections than requests; closed: more than one connection.
    let connections = server.connections();
    assert!(
        connections >= 2 && connections < requests.len(),
        "{connections} connections for {} requests",
        requests.len()
    );
    assert_describe_requests(&requests[1..]);
}

/// Waits on a server whose `n`th poll is answered by `polls[n]` (the last one repeats).
fn wait_with(
    polls: Vec<Reply>,
    timeout: Duration,
) -> (LocalDms, Vec<ImportStatus>, Result<ImportStatus, SendError>) {
    let server = LocalDms::start(move |request, n| match request.operation() {
        "StartMetadataModelImport" => started(),
        _ => polls[(n - 1).min(polls.len() - 1)].clone(),
    });
    let source = read_fixture("import-schema.json");
    let rules = valid(&source);
    let mut seen = Vec::new();
    let result = block_on(async {
        let sender = sender(&server.url()).await;
        let id = sender.start_import(&rules, &request(false)).await?;
        let options = WaitOptions {
            poll_interval: POLL,
            timeout,
        };
        sender
            .wait_for_import(PROJECT, &id, &options, |status| seen.push(status.clone()))
            .await
    });
    (server, seen, result)
}

#[test]
fn wait_polls_with_the_request_id_filter_until_success() {
    let (server, seen, result) = wait_with(
        vec![
            described("RECEIVED", 0.0, "IN_PROGRESS", None),
            described("IN_PROGRESS", 40.0, "COUNTING_OBJECTS", None),
            described("IN_PROGRESS", 75.5, "LOADING_METADATA", None),
            described("SUCCESS", 100.0, "FINISHED", None),
        ],
        Duration::from_secs(10),
    );

    let done = result.expect("the import succeeds");
    assert_eq!(done.status, Status::Success);
    let shown: Vec<String> = seen.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "RECEIVED IN_PROGRESS 0%",
            "IN_PROGRESS COUNTING_OBJECTS 40%",
            "IN_PROGRESS LOADING_METADATA 76%",
            "SUCCESS FINISHED 100%",
        ]
    );
    assert_eq!(seen[2].progress_percent, Some(75.5));
    let requests = server.requests();
    assert_eq!(
        operations(&requests),
        [
            "StartMetadataModelImport",
            "DescribeMetadataModelImports",
            "DescribeMetadataModelImports",
            "DescribeMetadataModelImports",
            "DescribeMetadataModelImports",
        ]
    );
    assert_describe_requests(&requests[1..]);
}

#[test]
fn wait_reports_failed_with_the_service_message() {
    let message = NOTHING_SELECTED;
    let (server, seen, result) = wait_with(
        vec![
            described("IN_PROGRESS", 10.0, "LOADING_METADATA", None),
            described("FAILED", 10.0, "LOADING_METADATA", Some(message)),
        ],
        Duration::from_secs(10),
    );

    let error = result.expect_err("the import fails");
    assert!(
        matches!(&error, SendError::RequestFailed { kind: RequestKind::Import, request_id, status, message: m }
            if request_id == REQUEST_ID && status == "FAILED" && m == message),
        "{error:?}"
    );
    assert_contains(&error.to_string(), message);
    assert_eq!(seen.last().map(|s| &s.status), Some(&Status::Failed));
    assert_eq!(server.requests().len(), 3, "no poll after the end");
}

#[test]
fn wait_gives_up_at_its_timeout() {
    let timeout = Duration::from_millis(250);
    let begun = Instant::now();
    let (server, seen, result) = wait_with(
        vec![described("IN_PROGRESS", 5.0, "LOADING_METADATA", None)],
        timeout,
    );

    let took = begun.elapsed();
    let error = result.expect_err("never finishes");
    assert!(
        matches!(&error, SendError::WaitTimedOut { request_id, waited, .. }
            if request_id == REQUEST_ID && *waited == timeout),
        "{error:?}"
    );
    assert!(took >= timeout && took < Duration::from_secs(5), "{took:?}");
    assert!(seen.len() >= 2, "{}", seen.len());
    assert_contains(&error.help(), &format!("Values={REQUEST_ID}"));
    // The start, every poll seen, and perhaps one poll cut short by the deadline.
    let requests = server.requests().len();
    assert!(
        (seen.len() + 1..=seen.len() + 2).contains(&requests),
        "{requests} requests, {} polls seen",
        seen.len()
    );
}

#[test]
fn wait_gives_up_at_its_timeout_even_when_a_poll_hangs() {
    let timeout = Duration::from_millis(300);
    let begun = Instant::now();
    let (_, seen, result) = wait_with(vec![Reply::Hang], timeout);

    assert!(
        matches!(result, Err(SendError::WaitTimedOut { .. })),
        "{result:?}"
    );
    assert!(seen.is_empty());
    assert!(begun.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_configuration_without_region_is_refused() {
    let config = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .build();
    let error = Sender::from_sdk_config(&config).expect_err("no region");
    assert!(matches!(error, SendError::MissingRegion));
    assert_contains(&error.help(), "--region");
}

#[test]
fn errors_never_show_the_secret_key() {
    let (_, result) = start_with(|_| Reply::fault("AccessDeniedFault", "denied"));
    let error = result.expect_err("denied");
    let shown = format!("{error} {error:?} {}", error.help());
    assert!(!shown.contains(SECRET));
    assert_contains(&shown, "AccessDeniedFault");
}

/// Every request kind through the library: `start` sends the call's body, `wait_for` polls
/// the call's `Describe*` and sees `NotListed` once.
#[test]
fn the_library_starts_and_waits_for_every_kind() {
    let source = read_fixture("import-schema.json");
    let rules = valid(&source);
    let requests = [
        StartRequest::Assessment(AssessmentRequest {
            migration_project: PROJECT.into(),
        }),
        StartRequest::Conversion(ConversionRequest {
            migration_project: PROJECT.into(),
        }),
        StartRequest::ExportAsScript(ExportAsScriptRequest {
            migration_project: PROJECT.into(),
            origin: Origin::Source,
            file_name: None,
        }),
        StartRequest::ExportToTarget(ExportToTargetRequest {
            migration_project: PROJECT.into(),
            overwrite_extension_pack: false,
        }),
    ];
    let calls = [
        (
            "StartMetadataModelAssessment",
            "DescribeMetadataModelAssessments",
        ),
        (
            "StartMetadataModelConversion",
            "DescribeMetadataModelConversions",
        ),
        (
            "StartMetadataModelExportAsScript",
            "DescribeMetadataModelExportsAsScript",
        ),
        (
            "StartMetadataModelExportToTarget",
            "DescribeMetadataModelExportsToTarget",
        ),
    ];
    for (request, (start, describe)) in requests.iter().zip(calls) {
        let server = start_server(|n| match n {
            1..=3 => not_listed(),
            _ => described("SUCCESS", 100.0, "FINISHED", None),
        });
        let mut events = Vec::new();
        let done = block_on(async {
            let sender = sender(&server.url()).await;
            let id = sender.start(&rules, request).await?;
            let options = WaitOptions {
                poll_interval: POLL,
                timeout: std::time::Duration::from_secs(10),
            };
            sender
                .wait_for(request.kind(), PROJECT, &id, &options, |event| {
                    events.push(match event {
                        WaitEvent::Status(status) => status.to_string(),
                        WaitEvent::NotListed { polls } => format!("not listed after {polls}"),
                        _ => "other".into(),
                    });
                })
                .await
        })
        .expect("the request succeeds");

        assert_eq!(done.request_id, REQUEST_ID);
        assert_eq!(events, ["not listed after 3", "SUCCESS FINISHED 100%"]);
        let sent = server.requests();
        assert_signed(&sent[0], start);
        assert_eq!(request.kind().start_call().api_name(), start);
        assert_polls(&sent[1..], describe);
    }
}

#[test]
fn the_library_refuses_table_mappings_for_every_call() {
    let rules = br#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
        "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
    let options = dms_rules::Options {
        dialect: Some(dms_rules::Dialect::TableMapping),
        ..dms_rules::Options::default()
    };
    let checked = dms_rules::check(rules, &options);
    let validated = checked.validated().expect("valid table mapping");
    let server = start_server(|_| not_listed());
    let error = block_on(async {
        sender(&server.url())
            .await
            .start_conversion(
                &validated,
                &ConversionRequest {
                    migration_project: PROJECT.into(),
                },
            )
            .await
    })
    .expect_err("table mappings are not selection rules");

    assert!(matches!(
        error,
        SendError::WrongDialect {
            call: Call::StartMetadataModelConversion,
            ..
        }
    ));
    assert!(server.requests().is_empty());
    assert_eq!(
        RequestKind::of(dms_rules::Operation::StartMetadataModelAssessment),
        Some(RequestKind::Assessment)
    );
    assert_eq!(
        RequestKind::of(dms_rules::Operation::DescribeMetadataModel),
        None
    );
}

#[test]
fn the_library_reads_modifies_and_waits() {
    let server = task_server(|_| described_task("ready"));
    let source = read_fixture("table-mapping.json");
    let options = Options {
        dialect: Some(Dialect::TableMapping),
        ..Options::default()
    };
    let checked = dms_rules::check(&source, &options);
    let rules = checked.validated().expect("a valid table mapping");
    let (current, modified, done) = block_on(async {
        let sender = sender(&server.url()).await;
        let current = sender.describe_replication_task(TASK).await?;
        let request = TableMappingsRequest {
            task_arn: TASK.into(),
        };
        let modified = sender.modify_table_mappings(&rules, &request).await?;
        let options = WaitOptions {
            poll_interval: POLL,
            timeout: Duration::from_secs(10),
        };
        let done = sender.wait_for_task(TASK, &options, |_| {}).await?;
        Ok::<_, SendError>((current, modified, done))
    })
    .expect("every call succeeds");

    assert_eq!(current.table_mappings.as_deref(), Some(CURRENT));
    assert_eq!(current.status, "ready");
    assert_eq!(modified.status, "modifying");
    assert!(done.is_settled());
    let requests = server.requests();
    assert_modify_request(&requests[1]);
}

#[test]
fn the_library_refuses_selection_rules_for_a_task() {
    let server = task_server(|_| described_task("ready"));
    let source = read_fixture("import-schema.json");
    let checked = dms_rules::check(
        &source,
        &Options {
            dialect: Some(Dialect::SchemaConversion),
            ..Options::default()
        },
    );
    let rules = checked.validated().expect("valid selection rules");
    let error = block_on(async {
        sender(&server.url())
            .await
            .modify_table_mappings(
                &rules,
                &TableMappingsRequest {
                    task_arn: TASK.into(),
                },
            )
            .await
    })
    .expect_err("selection rules are not table mappings");

    assert!(matches!(
        error,
        SendError::WrongDialect {
            call: Call::ModifyReplicationTask,
            dialect: Dialect::SchemaConversion
        }
    ));
    assert_contains(&error.to_string(), "takes table mappings");
    assert!(server.requests().is_empty());
    assert_ends_with(&error.help(), "before sending them");
}

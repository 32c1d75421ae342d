//! Table mappings to a replication task: `ModifyReplicationTask` after the checks, the running
//! task's fault, the wait until `ready` or `stopped`, and `--dry-run`'s comparison with the
//! mappings `DescribeReplicationTasks` reads.

use std::time::Duration;

use serde_json::json;

use dms_rules::send::{Call, SendError, TableMappingsRequest, WaitOptions};
use dms_rules::{Dialect, Options};

use super::cli::{assert_nothing_sent, command_to, run, with_test_credentials, Run};
use super::library::{block_on, sender};
use super::operations::words;
use super::*;
use crate::local_dms::{LocalDms, Reply};
use crate::support::{assert_contains, assert_ends_with};

/// The mappings the task holds before the tests send theirs: rule 1 with another table
/// pattern, rule 2 that the fixture drops, rule 3 the same but written differently.
const CURRENT: &str = r#"{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"employees","object-locator":{"schema-name":"HR","table-name":"%"},"rule-action":"include"},{"rule-type":"selection","rule-id":"2","rule-name":"tmp","object-locator":{"schema-name":"HR","table-name":"TMP%"},"rule-action":"exclude"},{"rule-action":"convert-lowercase","rule-target":"schema","rule-type":"transformation","rule-id":3,"rule-name":"lower-schema","object-locator":{"schema-name":"HR"}}]}"#;

/// `dms-rules send FILE --replication-task TASK` plus `args` against `server`.
fn send_task(server: &LocalDms, name: &str, args: &[&str]) -> Run {
    let url = server.url();
    let mut all = vec!["--endpoint-url", url.as_str()];
    all.extend_from_slice(args);
    run(&mut with_test_credentials(
        command_to(&["--replication-task", TASK], &fixture(name), &all),
        &[],
    ))
}

fn described_task(status: &str) -> Reply {
    Reply::ok(json!({ "ReplicationTasks": [task(status, CURRENT)] }))
}

/// Answers `ModifyReplicationTask` with the task `modifying`, and `DescribeReplicationTasks`
/// with `describe(n)`.
fn task_server(describe: impl Fn(usize) -> Reply + Send + Sync + 'static) -> LocalDms {
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

fn assert_modify_request(request: &crate::local_dms::Request) {
    assert_signed(request, "ModifyReplicationTask");
    let rules = String::from_utf8(read_fixture("table-mapping.json")).expect("UTF-8");
    assert_eq!(
        request.json(),
        json!({ "ReplicationTaskArn": TASK, "TableMappings": rules }),
        "the mappings are sent as written, and nothing else"
    );
}

#[test]
fn the_mappings_are_sent_as_written_and_the_task_is_printed() {
    let server = task_server(|_| described_task("ready"));
    let run = send_task(&server, "table-mapping.json", &[]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("ReplicationTaskArn: {TASK}\nStatus: modifying\n")
    );
    assert_eq!(run.stderr, "");
    let requests = server.requests();
    assert_eq!(operations(&requests), ["ModifyReplicationTask"]);
    assert_modify_request(&requests[0]);
}

#[test]
fn a_mapping_with_errors_sends_nothing() {
    let server = task_server(|_| described_task("ready"));
    let run = send_task(&server, "table-mapping-error.json", &[]);

    assert_nothing_sent(&run, &server);
    assert_contains(&run.stderr, "dms::unknown_key");
    // Selection rules for Schema Conversion are not table mappings: `server-name` is a
    // warning there, which `--deny-warnings` makes blocking.
    let run = send_task(
        &server,
        "import-schema.json",
        &["--dry-run", "--deny-warnings"],
    );
    assert_nothing_sent(&run, &server);
    assert_contains(&run.stderr, "unknown key `server-name`");
}

#[test]
fn a_running_task_is_refused_by_name_with_what_to_do() {
    let server = LocalDms::start(|_, _| {
        Reply::fault(
            "InvalidResourceStateFault",
            "Replication Task, excluding logging severity task settings, cannot be modified \
             while it is running state",
        )
    });
    let run = send_task(&server, "table-mapping.json", &[]);

    assert_eq!(run.code, Some(3), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("InvalidResourceStateFault"),
        "{}",
        run.stderr
    );
    let text = words(&run.stderr);
    assert!(
        text.contains("the replication task is in a state that prevents changing it"),
        "{text}"
    );
    assert!(
        text.contains("cannot be modified while it is running state"),
        "{text}"
    );
    assert!(
        text.contains(
            "stop it first (`aws dms stop-replication-task --replication-task-arn <ARN>`)"
        ),
        "{text}"
    );
}

#[test]
fn each_fault_of_the_call_is_named_with_what_to_do() {
    for (fault, help) in TASK_FAULTS {
        let server = LocalDms::start(move |_, _| Reply::fault(fault, "Service says no"));
        let run = send_task(&server, "table-mapping.json", &[]);

        assert_eq!(run.code, Some(3), "{fault}: {run:?}");
        assert!(run.stderr.starts_with(fault), "{fault}: {}", run.stderr);
        assert!(words(&run.stderr).contains(help), "{fault}: {}", run.stderr);
    }
}

#[test]
fn wait_follows_the_task_until_it_is_ready_again() {
    let server = task_server(|n| match n {
        1 | 2 => described_task("modifying"),
        _ => described_task("stopped"),
    });
    let run = send_task(
        &server,
        "table-mapping.json",
        &["--wait", "--poll-interval", "0.02"],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("ReplicationTaskArn: {TASK}\nStatus: modifying\nStatus: stopped\n")
    );
    assert_eq!(run.stderr, "modifying\nstopped\n");
    let requests = server.requests();
    assert_eq!(
        operations(&requests),
        [
            "ModifyReplicationTask",
            "DescribeReplicationTasks",
            "DescribeReplicationTasks",
            "DescribeReplicationTasks"
        ]
    );
    for poll in &requests[1..] {
        assert_signed(poll, "DescribeReplicationTasks");
        assert_eq!(
            poll.json(),
            json!({
                "Filters": [{ "Name": "replication-task-arn", "Values": [TASK] }],
                "WithoutSettings": false,
            })
        );
    }
}

#[test]
fn a_task_that_fails_while_changing_exits_with_status_3() {
    let server = task_server(|_| {
        let mut failed = task("failed", CURRENT);
        failed["LastFailureMessage"] = json!("Error in mapping rules. Duplicate ruleid 1");
        Reply::ok(json!({ "ReplicationTasks": [failed] }))
    });
    let run = send_task(
        &server,
        "table-mapping.json",
        &["--wait", "--poll-interval", "0.02"],
    );

    assert_eq!(run.code, Some(3), "{run:?}");
    assert_contains(&run.stderr, "send::task_failed");
    assert!(
        words(&run.stderr).contains("Error in mapping rules. Duplicate ruleid 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_task_wait_limit_is_said_in_whole_seconds() {
    let server = task_server(|_| described_task("modifying"));
    let run = send_task(
        &server,
        "table-mapping.json",
        &["--wait", "--poll-interval", "0.1", "--timeout", "1"],
    );

    assert_eq!(run.code, Some(3), "{run:?}");
    let text = words(&run.stderr);
    assert!(
        text.contains(&format!(
            "replication task `{TASK}` was still `modifying` after 1 s"
        )),
        "{text}"
    );
    assert!(text.contains("Name=replication-task-arn,Values="), "{text}");
}

#[test]
fn dry_run_reads_the_task_and_shows_what_changes_in_meaning() {
    let server = task_server(|_| described_task("running"));
    let run = send_task(&server, "table-mapping.json", &["--dry-run"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "dry run: ModifyReplicationTask was not called\n\
             ReplicationTaskArn: {TASK}\n\
             Status: running\n\
             TableMappings: what `{}` changes in the task's current mappings:\n\
             + rule 4 (`jobs`): selection explicit HR.JOBS\n\
             - rule 2 (`tmp`): selection exclude HR.TMP%\n\
             ~ rule 1 (`employees`):\n    `object-locator.table-name`: \"%\" -> \"EMP%\"\n\
             1 rule added, 1 removed, 1 changed, 1 unchanged\n",
            fixture("table-mapping.json").display()
        )
    );
    // A running task will refuse the real send: the dry run says so now.
    assert_contains(&run.stderr, "note: the task is `running`");
    let requests = server.requests();
    assert_eq!(operations(&requests), ["DescribeReplicationTasks"]);
}

#[test]
fn dry_run_as_json_gives_the_task_and_the_changes() {
    let server = task_server(|_| described_task("ready"));
    let run = send_task(
        &server,
        "table-mapping.json",
        &["--dry-run", "--output", "json"],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["ReplicationTaskArn"], TASK);
    assert_eq!(json["TableMappings"], CURRENT);
    assert_eq!(
        json["Changes"]["added"],
        json!([{ "rule-id": "4", "rule-name": "jobs", "summary": "selection explicit HR.JOBS" }])
    );
    assert_eq!(
        json["Changes"]["changed"][0]["members"][0]["path"],
        "object-locator.table-name"
    );
    assert_eq!(json["Changes"]["unchanged"], 1);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_task_that_does_not_exist_is_said_so() {
    let server = LocalDms::start(|_, _| Reply::ok(json!({ "ReplicationTasks": [] })));
    let run = send_task(&server, "table-mapping.json", &["--dry-run"]);

    assert_eq!(run.code, Some(3), "{run:?}");
    assert_contains(&run.stderr, "send::no_such_task");
    assert!(
        words(&run.stderr).contains("DMS lists no replication task with the ARN"),
        "{}",
        run.stderr
    );
}

#[test]
fn options_of_the_schema_conversion_calls_are_refused_with_a_task() {
    let server = task_server(|_| described_task("ready"));
    for args in [
        &["--origin", "source"][..],
        &["--operation", "start-metadata-model-conversion"][..],
        &["--refresh"][..],
        &["--migration-project", PROJECT][..],
    ] {
        let run = send_task(&server, "table-mapping.json", args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_contains(&run.stderr, "cannot be used with");
    }
    assert!(server.requests().is_empty());
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

#[test]
fn describe_replication_tasks_fault_is_named() {
    let server = LocalDms::start(|_, _| Reply::fault("ResourceNotFoundFault", "Task not found"));
    let run = send_task(&server, "table-mapping.json", &["--dry-run"]);

    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(
        run.stderr.starts_with("ResourceNotFoundFault"),
        "{}",
        run.stderr
    );
    assert!(
        words(&run.stderr).contains("check that the replication task exists in this region"),
        "{}",
        run.stderr
    );
    assert_eq!(operations(&server.requests()), ["DescribeReplicationTasks"]);
}

//! Table mappings to a replication task: `ModifyReplicationTask` after the checks, the running
//! task's fault, the wait until `ready` or `stopped`, and the comparison with the mappings
//! `DescribeReplicationTasks` reads: `send --dry-run`'s and `diff --task`'s.

use serde_json::json;

use super::cli::{assert_nothing_sent, command_to, dms_rules, run, with_test_credentials, Run};
use super::operations::words;
use super::*;
use crate::local_dms::{LocalDms, Reply};
use crate::support::{assert_contains, assert_ends_with};

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
    let file = fixture("table-mapping.json").display().to_string();
    assert_eq!(
        run.stdout,
        format!(
            "dry run: ModifyReplicationTask was not called\n\
             ReplicationTaskArn: {TASK}\n\
             Status: running\n\
             TableMappings: what `{file}` changes in the task's current mappings:\n{}",
            diff_of_the_fixture(&file)
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
    // `Changes` is what `diff --task --format json` prints.
    let changes = &json["Changes"];
    assert_eq!(
        changes["old"],
        json!({ "path": TASK, "dialect": "table-mapping" })
    );
    assert_eq!(changes["changed"], true);
    assert_eq!(
        rule_changes(changes),
        [("1", "changed"), ("2", "removed"), ("4", "added")]
    );
    let member = &changes["rules"][0]["members"][0];
    assert_eq!(member["path"], "object-locator.table-name");
    assert_eq!(member["old"]["value"], "%");
    assert_eq!(member["new"]["value"], "EMP%");
    // The old side's places are in the task's `TableMappings` string.
    let offset = member["old"]["span"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&CURRENT[offset..offset + 3], "\"%\"");
    assert_eq!(run.stderr, "");
}

/// Each rule's `rule-id` and `change` in `diff`'s JSON.
fn rule_changes(diff: &serde_json::Value) -> Vec<(&str, &str)> {
    let rules = diff["rules"].as_array().expect("rules");
    rules
        .iter()
        .map(|r| {
            (
                r["rule-id"].as_str().unwrap(),
                r["change"].as_str().unwrap(),
            )
        })
        .collect()
}

/// What `diff` prints for the send fixture against [`CURRENT`], the fixture named `file`.
fn diff_of_the_fixture(file: &str) -> String {
    format!(
        "~ rule 1 `employees`\n\
         \x20   object-locator.table-name\n\
         \x20     - {TASK}:1:124 \"%\"\n\
         \x20     + {file}:7:62 \"EMP%\"\n\
         - rule 2 `tmp` {TASK}:1:154\n\
         + rule 4 `jobs` {file}:10:5\n\
         \n\
         1 rule added, 1 removed, 1 changed\n"
    )
}

/// `dms-rules diff --task TASK` plus `args` against `server`.
fn diff_task(server: &LocalDms, args: &[&str]) -> Run {
    let mut command = dms_rules();
    command
        .args(["diff", "--task", TASK, "--endpoint-url", &server.url()])
        .args(args);
    run(&mut with_test_credentials(command, &[]))
}

/// The send fixture `name`'s path, as an argument.
fn fixture_arg(name: &str) -> String {
    fixture(name).display().to_string()
}

/// A folder of its own for `test`, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("dms-rules-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        TempDir(dir)
    }

    /// Writes `text` to the file `name` in it, and gives its path as an argument.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write a temporary file");
        path.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The one request `diff --task` makes: the task, by its ARN.
fn assert_task_read(server: &LocalDms) {
    let requests = server.requests();
    assert_eq!(operations(&requests), ["DescribeReplicationTasks"]);
    assert_signed(&requests[0], "DescribeReplicationTasks");
    assert_eq!(
        requests[0].json(),
        json!({
            "Filters": [{ "Name": "replication-task-arn", "Values": [TASK] }],
            "WithoutSettings": false,
        })
    );
}

#[test]
fn diff_task_compares_the_file_with_the_mappings_the_task_holds() {
    let server = task_server(|_| described_task("running"));
    let file = fixture_arg("table-mapping.json");
    let run = diff_task(&server, &[&file]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, diff_of_the_fixture(&file));
    assert_eq!(run.stderr, "");
    assert_task_read(&server);
}

#[test]
fn diff_task_with_no_change_in_meaning_prints_nothing_and_exits_0() {
    let server = task_server(|_| described_task("ready"));
    // The task's rules reordered, relaid and with integer ids.
    let same = r#"{"rules": [
        {"rule-id": 3, "rule-name": "lower-schema", "rule-type": "transformation",
         "rule-target": "schema", "object-locator": {"schema-name": "HR"},
         "rule-action": "convert-lowercase"},
        {"rule-id": 2, "rule-name": "tmp", "rule-type": "selection", "rule-action": "exclude",
         "object-locator": {"table-name": "TMP%", "schema-name": "HR"}},
        {"rule-id": 1, "rule-name": "employees", "rule-type": "selection",
         "rule-action": "include", "object-locator": {"schema-name": "HR", "table-name": "%"},
         "filters": []}]}"#;
    let dir = TempDir::new("diff-task-same");
    let same = dir.file("same.json", same);
    let run = diff_task(&server, &[&same]);
    assert_eq!((run.code, run.stdout.as_str()), (Some(0), ""), "{run:?}");
    assert_eq!(run.stderr, "");

    let run = diff_task(&server, &[&same, "--format", "json"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json["old"],
        json!({ "path": TASK, "dialect": "table-mapping" })
    );
    assert_eq!(
        json["new"],
        json!({ "path": same, "dialect": "table-mapping" })
    );
    assert_eq!(json["changed"], false);
    assert_eq!(json["rules"], json!([]));
}

#[test]
fn diff_task_lists_the_objects_of_a_catalog_the_file_selects_otherwise() {
    let dir = TempDir::new("diff-task-catalog");
    let catalog = dir.file(
        "catalog.csv",
        "schema,name,kind\nHR,EMPLOYEES,table\nHR,REGIONS,table\n",
    );
    let server = task_server(|_| described_task("ready"));
    let file = fixture_arg("table-mapping.json");
    let run = diff_task(&server, &[&file, "--catalog", &catalog]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_ends_with(
        &run.stdout,
        "\nobjects no longer selected:\n\
         \x20 - HR.REGIONS (table): no rule; before: rule 1 `employees`\n\
         \n1 rule added, 1 removed, 1 changed; 0 objects newly selected, 1 no longer selected\n",
    );
    assert_task_read(&server);
}

#[test]
fn diff_task_counts_mappings_the_task_holds_with_errors_as_none() {
    let server = LocalDms::start(|_, _| {
        Reply::ok(json!({ "ReplicationTasks": [task("stopped", "{\"rules\": [")] }))
    });
    let file = fixture_arg("table-mapping.json");
    let run = diff_task(&server, &[&file, "--format", "json"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    // The task's findings, with the place in its mappings, then what is done about them.
    assert_contains(&run.stderr, TASK);
    assert_contains(
        &run.stderr,
        &format!(
            "note: `{TASK}` has errors: it is compared as a document without rules, so every \
             rule of `{file}` counts as added"
        ),
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["old"]["unreadable"], true);
    assert_eq!(
        rule_changes(&json),
        [("1", "added"), ("3", "added"), ("4", "added")]
    );
    assert_eq!(json["new"].get("unreadable"), None);
}

#[test]
fn diff_task_reports_the_fault_or_a_missing_task_with_status_3() {
    let file = fixture_arg("table-mapping.json");
    for (reply, said) in [
        (
            Reply::fault("AccessDeniedFault", "Not for you"),
            "AccessDeniedFault",
        ),
        (
            Reply::ok(json!({ "ReplicationTasks": [] })),
            "send::no_such_task",
        ),
    ] {
        let server = LocalDms::start(move |_, _| reply.clone());
        let run = diff_task(&server, &[&file]);
        assert_eq!(run.code, Some(3), "{run:?}");
        assert_eq!(run.stdout, "");
        assert_contains(&run.stderr, said);
        assert_task_read(&server);
    }
}

#[test]
fn diff_task_refuses_a_file_with_errors_and_a_second_file() {
    let server = task_server(|_| described_task("ready"));
    let file = fixture_arg("table-mapping-error.json");
    let run = diff_task(&server, &[&file]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_contains(&run.stderr, "dms::unknown_key");
    assert_contains(&run.stderr, "has errors: fix them, then compare it");

    let other = fixture_arg("table-mapping.json");
    let run = diff_task(&server, &[&file, &other]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_contains(&run.stderr, "cannot be used with");
    // Only the first run read the task; a usage error reads nothing.
    assert_eq!(server.requests().len(), 1);
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

#[test]
fn dry_run_says_when_nothing_changes_and_counts_unreadable_mappings_as_none() {
    let written = String::from_utf8(read_fixture("table-mapping.json")).expect("UTF-8");
    // The fixture's own rules, on one line: no change in meaning.
    let same: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    let same = same.to_string();
    let server = LocalDms::start(move |_, _| {
        Reply::ok(json!({ "ReplicationTasks": [task("stopped", &same)] }))
    });
    let run = send_task(&server, "table-mapping.json", &["--dry-run"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_ends_with(
        &run.stdout,
        "changes in the task's current mappings:\nno change in meaning\n",
    );
    assert_eq!(run.stderr, "");

    let server = LocalDms::start(|_, _| {
        Reply::ok(json!({ "ReplicationTasks": [task("stopped", "not JSON")] }))
    });
    let run = send_task(&server, "table-mapping.json", &["--dry-run"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_ends_with(&run.stdout, "\n3 rules added\n");
    assert_contains(&run.stderr, &format!("note: `{TASK}` has errors"));
    assert_eq!(operations(&server.requests()), ["DescribeReplicationTasks"]);
}

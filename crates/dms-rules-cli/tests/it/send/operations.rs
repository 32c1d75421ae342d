//! The four other Schema Conversion calls (`…Assessment`, `…Conversion`, `…ExportAsScript`,
//! `…ExportToTarget`), through the binary: each call's signed request and
//! body, its own `Describe*` wait, its faults; and the fixes every call shares (the result
//! alone on standard output, `--output json`, `--origin` in any case, the wait's messages).

use serde_json::json;

use super::cli::{assert_nothing_sent, send_to, Run};
use super::*;
use crate::local_dms::{LocalDms, Reply};
use crate::support::{assert_contains, assert_ends_with};

/// One call as the tests drive it: its CLI name, its calls, the options it needs, and the body
/// members besides `MigrationProjectIdentifier` and `SelectionRules`.
struct Case {
    operation: &'static str,
    start: &'static str,
    describe: &'static str,
    args: &'static [&'static str],
    members: serde_json::Value,
}

fn cases() -> [Case; 4] {
    [
        Case {
            operation: "start-metadata-model-assessment",
            start: "StartMetadataModelAssessment",
            describe: "DescribeMetadataModelAssessments",
            args: &[],
            members: json!({}),
        },
        Case {
            operation: "start-metadata-model-conversion",
            start: "StartMetadataModelConversion",
            describe: "DescribeMetadataModelConversions",
            args: &[],
            members: json!({}),
        },
        Case {
            operation: "start-metadata-model-export-as-script",
            start: "StartMetadataModelExportAsScript",
            describe: "DescribeMetadataModelExportsAsScript",
            args: &["--origin", "TARGET", "--file-name", "hr.sql"],
            members: json!({ "Origin": "TARGET", "FileName": "hr.sql" }),
        },
        Case {
            operation: "start-metadata-model-export-to-target",
            start: "StartMetadataModelExportToTarget",
            describe: "DescribeMetadataModelExportsToTarget",
            args: &["--overwrite-extension-pack"],
            members: json!({ "OverwriteExtensionPack": true }),
        },
    ]
}

impl Case {
    fn send(&self, server: &LocalDms, extra: &[&str]) -> Run {
        let mut args = vec!["--operation", self.operation];
        args.extend_from_slice(self.args);
        args.extend_from_slice(extra);
        send_to(server, "import-schema.json", &args, &[])
    }

    /// The start request: signed, its target, exactly its members, the rules as written.
    fn assert_start(&self, request: &crate::local_dms::Request) {
        assert_signed(request, self.start);
        let mut expected = self.members.clone();
        expected["MigrationProjectIdentifier"] = json!(PROJECT);
        expected["SelectionRules"] =
            json!(String::from_utf8(read_fixture("import-schema.json")).expect("a UTF-8 fixture"));
        assert_eq!(request.json(), expected, "{}", self.start);
    }
}

#[test]
fn each_call_sends_its_signed_request_with_its_members() {
    for case in cases() {
        let server = start_server(|_| not_listed());
        let run = case.send(&server, &[]);

        assert_eq!(run.code, Some(0), "{}: {run:?}", case.operation);
        assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
        assert_eq!(run.stderr, "", "{}", case.operation);
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{}", case.operation);
        case.assert_start(&requests[0]);
    }
}

#[test]
fn the_api_name_is_accepted_and_export_to_target_says_false_unless_asked() {
    let server = start_server(|_| not_listed());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--operation", "StartMetadataModelExportToTarget"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let body = server.requests()[0].json();
    assert_eq!(body["OverwriteExtensionPack"], false);
    // Without `--file-name` the member is left out and the service names the script.
    let run = send_to(
        &server,
        "import-schema.json",
        &[
            "--operation",
            "start-metadata-model-export-as-script",
            "--origin",
            "source",
        ],
        &[],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        server.requests()[1].json(),
        json!({
            "MigrationProjectIdentifier": PROJECT,
            "SelectionRules": String::from_utf8(read_fixture("import-schema.json")).unwrap_or_default(),
            "Origin": "SOURCE",
        })
    );
}

#[test]
fn each_call_waits_with_its_own_describe_call() {
    for case in cases() {
        let server = start_server(|n| match n {
            1 => described("IN_PROGRESS", 30.0, "CONVERTING", None),
            _ => described("SUCCESS", 100.0, "FINISHED", None),
        });
        let run = case.send(&server, &["--wait", "--poll-interval", "0.02"]);

        assert_eq!(run.code, Some(0), "{}: {run:?}", case.operation);
        assert_eq!(
            run.stdout,
            format!("RequestIdentifier: {REQUEST_ID}\nStatus: SUCCESS\n")
        );
        assert_eq!(
            run.stderr,
            "IN_PROGRESS CONVERTING 30%\nSUCCESS FINISHED 100%\n"
        );
        let requests = server.requests();
        assert_eq!(
            operations(&requests),
            [case.start, case.describe, case.describe],
            "{}",
            case.operation
        );
        assert_polls(&requests[1..], case.describe);
    }
}

#[test]
fn a_failed_request_names_its_call_and_exits_with_status_3() {
    for (case, code) in cases().iter().zip([
        "send::assessment_failed",
        "send::conversion_failed",
        "send::export_failed",
        "send::export_failed",
    ]) {
        let server =
            start_server(|_| described("FAILED", 0.0, "CONVERTING", Some(NOTHING_SELECTED)));
        let run = case.send(&server, &["--wait", "--poll-interval", "0.02"]);

        assert_eq!(run.code, Some(3), "{}: {run:?}", case.operation);
        assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
        assert_contains(&run.stderr, code);
        assert_contains(
            &run.stderr,
            &format!("request `{REQUEST_ID}` ended with status `FAILED`"),
        );
    }
}

#[test]
fn each_documented_fault_is_named_with_what_to_do() {
    for case in cases() {
        for (fault, help) in FAULTS {
            let server = LocalDms::start(move |_, _| Reply::fault(fault, "Service says no"));
            let run = case.send(&server, &[]);

            assert_eq!(run.code, Some(3), "{} {fault}: {run:?}", case.operation);
            assert_eq!(run.stdout, "");
            assert!(run.stderr.starts_with(fault), "{fault}: {}", run.stderr);
            assert_contains(&run.stderr, &format!("(`{fault}`): Service says no"));
            assert!(words(&run.stderr).contains(help), "{fault}: {}", run.stderr);
            assert_eq!(server.requests().len(), 1);
        }
    }
    // The permission named is the call's own.
    let server = LocalDms::start(|_, _| Reply::fault("AccessDeniedFault", "no"));
    let run = cases()[1].send(&server, &[]);
    assert!(
        words(&run.stderr).contains("`dms:StartMetadataModelConversion`"),
        "{}",
        run.stderr
    );
}

#[test]
fn options_that_do_not_belong_to_the_call_are_refused_before_anything_is_sent() {
    let server = start_server(|_| not_listed());
    for (args, complaint) in [
        (
            &["--operation", "start-metadata-model-conversion", "--origin", "source"][..],
            "error: `start-metadata-model-conversion` takes no `--origin`: it always reads the source\n",
        ),
        (
            &["--operation", "start-metadata-model-assessment", "--refresh"][..],
            "error: `start-metadata-model-assessment` takes no `--refresh`: only an import reloads objects\n",
        ),
        (
            &["--operation", "start-metadata-model-export-as-script"][..],
            "error: `start-metadata-model-export-as-script` needs `--origin source` or `--origin target`\n",
        ),
        (
            &["--operation", "start-metadata-model-export-to-target", "--file-name", "x.sql"][..],
            "error: `start-metadata-model-export-to-target` takes no `--file-name`: only an export as script writes a file\n",
        ),
        (
            &["--origin", "source", "--overwrite-extension-pack"][..],
            "error: `start-metadata-model-import` takes no `--overwrite-extension-pack`: only an export to target applies the extension pack\n",
        ),
    ] {
        let run = send_to(&server, "import-schema.json", args, &[]);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stderr, complaint, "{args:?}");
        assert_eq!(run.stdout, "");
    }
    let run = send_to(
        &server,
        "import-schema.json",
        &["--operation", "describe-metadata-model"],
        &[],
    );
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_contains(
        &run.stderr,
        "`describe-metadata-model` starts no request, so `send` does not make it",
    );
    assert!(server.requests().is_empty());
}

#[test]
fn rules_with_errors_are_refused_for_every_call() {
    for case in cases() {
        let server = start_server(|_| not_listed());
        let mut args = vec!["--operation", case.operation];
        args.extend_from_slice(case.args);
        let run = send_to(&server, "transformation.json", &args, &[]);

        assert_nothing_sent(&run, &server);
        assert_contains(&run.stderr, "dms::rule_type_not_allowed");
    }
}

#[test]
fn origin_is_accepted_in_any_case() {
    for origin in ["SOURCE", "Source", "source", "TARGET", "tArGeT"] {
        let server = start_server(|_| not_listed());
        let run = send_to(&server, "import-schema.json", &["--origin", origin], &[]);

        assert_eq!(run.code, Some(0), "{origin}: {run:?}");
        assert_eq!(
            server.requests()[0].json()["Origin"],
            origin.to_ascii_uppercase()
        );
    }
}

#[test]
fn output_json_prints_the_responses_alone() {
    let server = start_server(|n| match n {
        1 => not_listed(),
        _ => described("SUCCESS", 100.0, "FINISHED", None),
    });
    let run = send_to(
        &server,
        "underscore-warning.json",
        &[
            "--origin",
            "source",
            "--output",
            "json",
            "--wait",
            "--poll-interval",
            "0.02",
        ],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let documents: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("standard output is JSON documents");
    assert_eq!(
        documents,
        [
            json!({ "RequestIdentifier": REQUEST_ID }),
            json!({ "Requests": [{
                "Status": "SUCCESS",
                "RequestIdentifier": REQUEST_ID,
                "MigrationProjectArn": PROJECT,
                "Progress": { "ProgressPercent": 100.0, "TotalObjects": 100, "ProgressStep": "FINISHED" },
            }] }),
        ]
    );
    // The warning and the progress went to standard error.
    assert_contains(&run.stderr, "dms::underscore_wildcard");
    assert_ends_with(&run.stderr, "SUCCESS FINISHED 100%\n");
}

#[test]
fn output_json_with_dry_run_prints_the_request_body() {
    let server = start_server(|_| not_listed());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source", "--dry-run", "--output", "json"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let body: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        body,
        json!({
            "MigrationProjectIdentifier": PROJECT,
            "Origin": "SOURCE",
            "Refresh": false,
            "SelectionRules": String::from_utf8(read_fixture("import-schema.json")).unwrap_or_default(),
        })
    );
    assert!(server.requests().is_empty());
}

#[test]
fn export_as_script_shows_where_the_script_went() {
    let server = start_server(|_| {
        Reply::ok(json!({ "Requests": [{
            "Status": "SUCCESS",
            "RequestIdentifier": REQUEST_ID,
            "ExportSqlDetails": { "S3ObjectKey": "exports/hr.sql", "ObjectURL": "https://bucket/exports/hr.sql" },
        }] }))
    });
    let run = cases()[2].send(&server, &["--wait", "--poll-interval", "0.02"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "RequestIdentifier: {REQUEST_ID}\nStatus: SUCCESS\nS3ObjectKey: exports/hr.sql\n\
             ObjectURL: https://bucket/exports/hr.sql\n"
        )
    );
}

#[test]
fn a_request_the_describe_call_does_not_list_is_said_once_and_waited_for() {
    let server = start_server(|n| match n {
        1..=4 => not_listed(),
        _ => described("SUCCESS", 100.0, "FINISHED", None),
    });
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source", "--wait", "--poll-interval", "0.02"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "DescribeMetadataModelImports has not listed request `{REQUEST_ID}` in 3 answers: \
             DMS does not list it yet; still waiting\nSUCCESS FINISHED 100%\n"
        )
    );
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn a_wait_limit_is_said_in_whole_seconds_with_what_to_do() {
    let server = start_server(|_| not_listed());
    let run = send_to(
        &server,
        "import-schema.json",
        &[
            "--origin",
            "source",
            "--wait",
            "--poll-interval",
            "0.2",
            "--timeout",
            "1",
        ],
        &[],
    );

    assert_eq!(run.code, Some(3), "{run:?}");
    let text = words(&run.stderr);
    assert!(
        text.contains(&format!(
            "import request `{REQUEST_ID}` had not finished after 1 s"
        )),
        "{}",
        run.stderr
    );
    assert!(
        text.contains("wait longer with a larger `--timeout`"),
        "{text}"
    );
    // miette may break the ARN and the id at their hyphens: look at the words around them.
    assert!(
        text.contains("aws dms describe-metadata-model-imports --migration-project-identifier"),
        "{text}"
    );
    assert!(text.contains("--filters Name=request-id,Values="), "{text}");
    assert_contains(&run.stderr, "has not listed request");
}

/// miette wraps long lines: the words of a report, joined by single spaces.
pub(super) fn words(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_describe_calls_fault_is_named_during_the_wait() {
    for case in cases() {
        let server = start_server(|_| Reply::fault("ResourceNotFoundFault", "Project not found"));
        let run = case.send(&server, &["--wait", "--poll-interval", "0.02"]);

        assert_eq!(run.code, Some(3), "{}: {run:?}", case.operation);
        assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
        assert!(
            run.stderr.starts_with("ResourceNotFoundFault"),
            "{}",
            run.stderr
        );
        assert_contains(&run.stderr, "Project not found");
        assert_eq!(
            operations(&server.requests()),
            [case.start, case.describe],
            "a fault ends the wait"
        );
    }
}

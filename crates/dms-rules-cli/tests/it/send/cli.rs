//! The real binary: `dms-rules send` against the local endpoint, with a cleared environment.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;
use crate::local_dms::{LocalDms, Reply};
use crate::support::{assert_contains, assert_ends_with, assert_starts_with};

/// What one run printed, and how it ended.
#[derive(Debug)]
pub(super) struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `dms-rules send FILE --migration-project PROJECT` plus `args`, with a cleared environment.
pub(super) fn command(file: &Path, args: &[&str]) -> Command {
    command_to(&["--migration-project", PROJECT], file, args)
}

/// `dms-rules send FILE` to `destination` plus `args`, with a cleared environment.
pub(super) fn command_to(destination: &[&str], file: &Path, args: &[&str]) -> Command {
    let mut command = dms_rules();
    command.arg("send").arg(file).args(destination).args(args);
    command
}

/// `dms-rules` with a cleared environment, no command yet.
pub(super) fn dms_rules() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dms-rules"));
    command
        .env_clear()
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1");
    command
}

/// Runs `command` and checks that nothing it printed holds the secret.
pub(super) fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run dms-rules");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "the secret key was printed: {run:?}"
    );
    run
}

/// Runs `dms-rules send FILE --migration-project PROJECT` plus `args`, with only test
/// credentials in the environment (and `env` on top). Every run is checked for the secret.
pub(super) fn send(file: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    run(&mut send_command(file, args, env))
}

/// The command [`send`] runs.
pub(super) fn send_command(file: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    with_test_credentials(command(file, args), env)
}

/// `command` with only test credentials in its environment, and `env` on top.
pub(super) fn with_test_credentials(mut command: Command, env: &[(&str, &str)]) -> Command {
    let missing = std::env::temp_dir().join("dms-rules-tests-no-such-dir");
    command
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", REGION)
        .env("AWS_CONFIG_FILE", missing.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", missing.join("credentials"))
        .envs(env.iter().copied());
    command
}

/// [`send`] of the send fixture `name`, with `--endpoint-url` pointing at `server`.
pub(super) fn send_to(server: &LocalDms, name: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let url = server.url();
    let args: Vec<&str> = ["--endpoint-url", url.as_str()]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    send(&fixture(name), &args, env)
}

/// The rules were refused: status 1, the findings and `nothing was sent` on standard error,
/// nothing on standard output, and no request reached `server`.
pub(super) fn assert_nothing_sent(run: &Run, server: &LocalDms) {
    assert!(server.requests().is_empty(), "rules were sent: {run:?}");
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    assert_ends_with(&run.stderr, "nothing was sent\n");
}

#[test]
fn send_prints_the_request_identifier_and_the_request_is_what_aws_expects() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "target", "--refresh"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
    assert_eq!(run.stderr, "");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_start_request(
        &requests[0],
        &read_fixture("import-schema.json"),
        "TARGET",
        true,
    );
}

#[test]
fn refresh_is_sent_as_false_when_not_asked_for() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(&server, "import-schema.json", &["--origin", "source"], &[]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_start_request(
        &requests[0],
        &read_fixture("import-schema.json"),
        "SOURCE",
        false,
    );
}

#[test]
fn the_endpoint_can_come_from_the_service_specific_variable() {
    let server = LocalDms::start(|_, _| started());
    let run = send(
        &fixture("import-schema.json"),
        &["--origin", "source"],
        &[("AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", &server.url())],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(operations(&server.requests()), ["StartMetadataModelImport"]);
}

#[test]
fn region_comes_from_the_command_line_over_the_environment() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source", "--region", "ap-south-2"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    let authorization = requests[0].header("authorization").unwrap_or("");
    assert_contains(authorization, "/ap-south-2/dms/aws4_request,");
}

#[test]
fn a_profile_from_a_config_file_supplies_credentials_and_region() {
    let server = LocalDms::start(|_, _| started());
    let dir = scratch("profile");
    let config = dir.join("config");
    let credentials = dir.join("credentials");
    std::fs::write(&config, "[profile migrations]\nregion = sa-east-1\n").expect("write config");
    std::fs::write(
        &credentials,
        format!(
            "[migrations]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = {SECRET}\n"
        ),
    )
    .expect("write credentials");
    let url = server.url();
    // No credentials or region in the environment: only the profile supplies them.
    let run = run(command(
        &fixture("import-schema.json"),
        &[
            "--origin",
            "source",
            "--profile",
            "migrations",
            "--endpoint-url",
            &url,
        ],
    )
    .env("AWS_CONFIG_FILE", &config)
    .env("AWS_SHARED_CREDENTIALS_FILE", &credentials));

    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    let authorization = requests[0].header("authorization").unwrap_or("");
    assert_starts_with(authorization, "AWS4-HMAC-SHA256 Credential=AKIDPROFILE/");
    assert_contains(authorization, "/sa-east-1/dms/aws4_request,");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn invalid_rules_print_the_diagnostics_and_send_nothing() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(&server, "trailing-comma.json", &["--origin", "source"], &[]);

    assert_nothing_sent(&run, &server);
    assert_starts_with(&run.stderr, "dms::json_syntax");
    assert_contains(&run.stderr, "trailing comma before `}`");
    assert_ends_with(
        &run.stderr,
        "1 error, 0 warnings in 1 file\nnothing was sent\n",
    );
}

/// Schema Conversion takes selection rules only: a table-mapping transformation is refused by
/// `dms::rule_type_not_allowed`, whose help names `StartMetadataModelImport`.
#[test]
fn a_transformation_rule_is_refused_and_nothing_is_sent() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(&server, "transformation.json", &["--origin", "source"], &[]);

    assert_nothing_sent(&run, &server);
    assert_contains(&run.stderr, "StartMetadataModelImport");
    assert_contains(&run.stderr, "\"rule-type\": \"transformation\"");
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "target", "--refresh", "--dry-run"],
        &[],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    let rules = String::from_utf8(read_fixture("import-schema.json")).expect("UTF-8 fixture");
    let expected = format!(
        "dry run: StartMetadataModelImport was not called\n\
         MigrationProjectIdentifier: {PROJECT}\n\
         Origin: TARGET\n\
         Refresh: true\n\
         SelectionRules: {} bytes from `{}`, as written:\n{rules}",
        rules.len(),
        fixture("import-schema.json").display()
    );
    assert_eq!(run.stdout, expected);
    assert!(server.requests().is_empty());
}

#[test]
fn each_fault_is_explained_and_exits_with_status_3() {
    for (fault, help) in FAULTS {
        let server = LocalDms::start(move |_, _| Reply::fault(fault, "Service says no"));
        let run = send_to(&server, "import-schema.json", &["--origin", "source"], &[]);

        assert_eq!(run.code, Some(3), "{fault}: {run:?}");
        assert_eq!(run.stdout, "", "{fault}");
        assert!(run.stderr.starts_with(fault), "{fault}: {}", run.stderr);
        assert_contains(&run.stderr, &format!("(`{fault}`): Service says no"));
        assert!(run.stderr.contains(help), "{fault}: {}", run.stderr);
        assert_eq!(server.requests().len(), 1, "{fault}");
    }
}

#[test]
fn throttling_is_retried_as_the_environment_allows() {
    let server = LocalDms::start(|_, n| {
        if n == 0 {
            Reply::fault("ThrottlingException", "Rate exceeded")
        } else {
            started()
        }
    });
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source"],
        &[("AWS_MAX_ATTEMPTS", "2")],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
    assert_eq!(
        operations(&server.requests()),
        ["StartMetadataModelImport"; 2]
    );
}

#[test]
fn wait_shows_progress_until_success() {
    let server = LocalDms::start(|request, n| match (request.operation(), n) {
        ("StartMetadataModelImport", _) => started(),
        (_, 1) => described("IN_PROGRESS", 25.0, "LOADING_METADATA", None),
        (_, 2) => described("IN_PROGRESS", 25.0, "LOADING_METADATA", None),
        (_, 3) => described("IN_PROGRESS", 80.0, "LOADING_METADATA", None),
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
        run.stdout,
        format!("RequestIdentifier: {REQUEST_ID}\nStatus: SUCCESS\n")
    );
    // Not a terminal: one plain line per change.
    assert_eq!(
        run.stderr,
        "IN_PROGRESS LOADING_METADATA 25%\nIN_PROGRESS LOADING_METADATA 80%\nSUCCESS FINISHED 100%\n"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    assert_describe_requests(&requests[1..]);
}

#[test]
fn a_reader_that_goes_away_ends_the_wait_quietly_with_the_status_of_the_import() {
    // The import succeeds only once the reader has gone, so `Status:` meets a closed pipe.
    let closed = Arc::new(AtomicBool::new(false));
    let server = LocalDms::start({
        let closed = Arc::clone(&closed);
        move |request, _| match request.operation() {
            "StartMetadataModelImport" => started(),
            _ if closed.load(Ordering::SeqCst) => described("SUCCESS", 100.0, "FINISHED", None),
            _ => described("IN_PROGRESS", 50.0, "LOADING_METADATA", None),
        }
    });
    let url = server.url();
    let args = [
        "--endpoint-url",
        &url,
        "--origin",
        "source",
        "--wait",
        "--poll-interval",
        "0.02",
    ];
    let mut child = send_command(&fixture("import-schema.json"), &args, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dms-rules");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read the first line");
    drop(stdout);
    closed.store(true, Ordering::SeqCst);
    let output = child.wait_with_output().expect("wait for dms-rules");

    assert_eq!(line, format!("RequestIdentifier: {REQUEST_ID}\n"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // Progress only, however many polls came before the reader went: no error, no panic.
    assert_ends_with(&stderr, "SUCCESS FINISHED 100%\n");
    assert!(
        stderr.lines().all(
            |line| ["IN_PROGRESS LOADING_METADATA 50%", "SUCCESS FINISHED 100%"].contains(&line)
        ),
        "{stderr}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_stops_the_wait_with_status_2() {
    let server = LocalDms::start(|request, _| match request.operation() {
        "StartMetadataModelImport" => started(),
        _ => described("SUCCESS", 100.0, "FINISHED", None),
    });
    let url = server.url();
    let args = ["--endpoint-url", &url, "--origin", "source", "--wait"];
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    let run = run(send_command(&fixture("import-schema.json"), &args, &[]).stdout(full));

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(
        run.stderr,
        "error: cannot write the output: No space left on device (os error 28)\n"
    );
    // The import was started, and not waited for: its identifier could not be shown.
    assert_eq!(operations(&server.requests()), ["StartMetadataModelImport"]);
}

#[test]
fn wait_prints_the_message_of_a_failed_import_and_exits_with_status_3() {
    let message = NOTHING_SELECTED;
    let server = LocalDms::start(move |request, _| match request.operation() {
        "StartMetadataModelImport" => started(),
        _ => described("FAILED", 0.0, "LOADING_METADATA", Some(message)),
    });
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source", "--wait", "--poll-interval", "0.02"],
        &[],
    );

    assert_eq!(run.code, Some(3), "{run:?}");
    assert_eq!(run.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
    assert_contains(&run.stderr, "send::import_failed");
    assert_contains(
        &run.stderr,
        &format!("import request `{REQUEST_ID}` ended with status `FAILED`"),
    );
    // miette wraps long lines: compare words.
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| *w != "│")
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(words(&run.stderr).contains(message), "{}", run.stderr);
}

#[test]
fn a_server_that_never_answers_ends_in_a_clear_error_within_the_timeout() {
    let server = LocalDms::start(|_, _| Reply::Hang);
    let begun = Instant::now();
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source", "--timeout", "0.5"],
        &[("AWS_MAX_ATTEMPTS", "1")],
    );

    let took = begun.elapsed();
    assert_eq!(run.code, Some(3), "{run:?}");
    assert_contains(&run.stderr, "AWS did not answer in time (0.5 s)");
    assert_contains(&run.stderr, "--timeout");
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_wait_that_outlasts_the_timeout_says_how_to_look_it_up_later() {
    let server = LocalDms::start(|request, _| match request.operation() {
        "StartMetadataModelImport" => started(),
        _ => described("IN_PROGRESS", 5.0, "LOADING_METADATA", None),
    });
    let run = send_to(
        &server,
        "import-schema.json",
        &[
            "--origin",
            "source",
            "--wait",
            "--poll-interval",
            "0.05",
            "--timeout",
            "1.5",
        ],
        &[],
    );

    assert_eq!(run.code, Some(3), "{run:?}");
    assert_contains(&run.stderr, "send::wait_timed_out");
    // The limit the user gave, not the time left of it when the wait began.
    assert_contains(
        &run.stderr,
        &format!("import request `{REQUEST_ID}` had not finished after 1.5 s"),
    );
    assert_contains(&run.stderr, "a larger `--timeout`");
    assert_contains(&run.stderr, "describe-metadata-model-imports");
}

#[test]
fn no_credentials_is_a_setup_error_and_nothing_is_sent() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source"],
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")],
    );

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_starts_with(&run.stderr, "send::missing_credentials");
    assert_contains(&run.stderr, "AWS_ACCESS_KEY_ID");
    assert!(server.requests().is_empty());
}

#[test]
fn no_region_is_a_setup_error_and_nothing_is_sent() {
    let server = LocalDms::start(|_, _| started());
    let run = send_to(
        &server,
        "import-schema.json",
        &["--origin", "source"],
        &[("AWS_REGION", "")],
    );

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_starts_with(&run.stderr, "send::missing_region");
    assert!(server.requests().is_empty());
}

#[test]
fn bad_arguments_are_usage_errors() {
    let file = fixture("import-schema.json");
    for (args, complaint) in [
        (&["--origin", "sideways"][..], "invalid value 'sideways'"),
        (
            &[][..],
            "`start-metadata-model-import` needs `--origin source` or `--origin target`",
        ),
        (
            &["--origin", "source", "--timeout", "0"][..],
            "not a positive number",
        ),
        (
            &["--origin", "source", "--poll-interval", "soon"][..],
            "not a number of seconds",
        ),
        (
            &["--origin", "source", "--endpoint-url", "localhost:4566"][..],
            "send::invalid_endpoint_url",
        ),
    ] {
        let run = send(&file, args, &[]);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(run.stderr.contains(complaint), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn the_secret_key_is_never_printed_on_any_path() {
    // `send` asserts the secret's absence on every run; here every path runs once more, with
    // an endpoint that echoes the signed request back in its error message.
    let server = LocalDms::start(|request, _| {
        let echo = format!("{:?}", request.headers);
        Reply::fault("AccessDeniedFault", &echo)
    });
    let file = "import-schema.json";
    let runs = [
        send_to(&server, file, &["--origin", "source"], &[]),
        send_to(&server, file, &["--origin", "source", "--dry-run"], &[]),
        send_to(&server, file, &["--origin", "source", "--wait"], &[]),
        send_to(&server, "trailing-comma.json", &["--origin", "source"], &[]),
    ];
    // The echo printed the signed headers (key id included); the secret was never among them.
    assert_contains(&runs[0].stderr, ACCESS_KEY);
    assert_eq!(runs.map(|r| r.code), [Some(3), Some(0), Some(3), Some(1)]);
    assert_eq!(server.requests().len(), 2);
}

/// A fresh directory for one test's files.
pub(super) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dms-rules-send-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

#[test]
fn warnings_are_shown_and_block_only_under_deny_warnings() {
    let server = LocalDms::start(|_, _| started());
    let file = "underscore-warning.json";

    let denied = send_to(
        &server,
        file,
        &["--origin", "source", "--deny-warnings"],
        &[],
    );
    assert_nothing_sent(&denied, &server);
    assert_contains(&denied.stderr, "dms::underscore_wildcard");
    assert_ends_with(
        &denied.stderr,
        "0 errors, 1 warning in 1 file\nnothing was sent\n",
    );

    // Findings on standard error; standard output carries the result alone.
    let sent = send_to(&server, file, &["--origin", "source"], &[]);
    assert_eq!(sent.code, Some(0), "{sent:?}");
    assert_eq!(sent.stdout, format!("RequestIdentifier: {REQUEST_ID}\n"));
    assert_contains(&sent.stderr, "dms::underscore_wildcard");
    assert_ends_with(&sent.stderr, "0 errors, 1 warning in 1 file\n");
    assert_eq!(server.requests().len(), 1);
}

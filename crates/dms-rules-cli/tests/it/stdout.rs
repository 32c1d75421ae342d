//! Standard output that goes away or cannot be written, for every command that prints.
//!
//! A closed pipe (`dms-rules lint big.json | head -1`) ends the run quietly with the status the
//! findings give; any other write error is a message and status 2.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::root;

/// More output than any pipe holds, so the reader goes away while the command still writes.
const MORE_THAN_A_PIPE_HOLDS: usize = 1 << 20;

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dms-rules-stdout-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// `dms-rules ARGS` from the package root, with nothing of the caller's environment.
fn dms_rules<S: AsRef<OsStr>>(args: &[S]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dms-rules"));
    command
        .args(args)
        .current_dir(root())
        .env_clear()
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// How a run ended.
#[derive(Debug)]
struct Ended {
    status: Option<i32>,
    stderr: String,
}

/// Runs `args` to the end, reading everything: the status and the size of the whole output.
fn whole_run<S: AsRef<OsStr>>(args: &[S]) -> (Option<i32>, usize) {
    let output = dms_rules(args)
        .stdout(Stdio::piped())
        .output()
        .expect("run dms-rules");
    (output.status.code(), output.stdout.len())
}

/// Runs `args`, reads the first line of standard output, then closes the pipe, as `| head -1`
/// does. The whole output must be larger than a pipe holds, so the command is still writing.
fn first_line_then_close<S: AsRef<OsStr>>(args: &[S]) -> (String, Ended) {
    let (status, len) = whole_run(args);
    assert!(
        len > MORE_THAN_A_PIPE_HOLDS,
        "only {len} bytes of output: the pipe would not close under the command"
    );
    let mut child = dms_rules(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn dms-rules");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read the first line");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let ended = Ended {
        status: child.wait().expect("wait for dms-rules").code(),
        stderr,
    };
    assert_eq!(
        ended.status, status,
        "a closed pipe changed the status: {ended:?}"
    );
    (line, ended)
}

#[cfg(target_os = "linux")]
/// Runs `args` with standard output on `/dev/full`, where every write fails with "no space
/// left on device".
fn to_a_full_device<S: AsRef<OsStr>>(args: &[S]) -> Ended {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    let output = dms_rules(args)
        .stdout(full)
        .output()
        .expect("run dms-rules");
    Ended {
        status: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[cfg(target_os = "linux")]
/// What a failed write must end in: status 2 and one line saying why.
#[track_caller]
fn assert_cannot_write(ended: &Ended) {
    assert_eq!(ended.status, Some(2), "{ended:?}");
    assert_eq!(
        ended.stderr,
        "error: cannot write the output: No space left on device (os error 28)\n"
    );
}

/// A table-mapping document of `n` selection rules, each with an invalid `rule-action`: one
/// error, and one report, per rule.
fn rules_with_an_error_each(dir: &Path, n: usize) -> PathBuf {
    let rules: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "    {{\"rule-type\": \"selection\", \"rule-id\": \"{i}\", \"rule-name\": \"r{i}\",\n     \
                 \"object-locator\": {{\"schema-name\": \"HR\", \"table-name\": \"T{i}\"}},\n     \
                 \"rule-action\": \"bogus\"}}"
            )
        })
        .collect();
    let path = dir.join("errors.json");
    std::fs::write(
        &path,
        format!("{{\"rules\": [\n{}\n]}}\n", rules.join(",\n")),
    )
    .expect("write the rules");
    path
}

/// One rule that includes every table of `HR`, and a catalog of `n` tables in `HR`.
fn explain_inputs(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
  "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#,
    )
    .expect("write the rules");
    let catalog = dir.join("catalog.csv");
    let objects: String = (0..n).map(|i| format!("HR,TABLE_{i:06}\n")).collect();
    std::fs::write(&catalog, format!("schema,name\n{objects}")).expect("write the catalog");
    (rules, catalog)
}

#[test]
fn lint_stops_quietly_at_a_closed_pipe_with_the_status_of_its_findings() {
    let dir = scratch("lint-pipe");
    let rules = rules_with_an_error_each(&dir, 3000);
    let args = [OsStr::new("lint"), rules.as_os_str()];
    let (line, ended) = first_line_then_close(&args);
    assert_eq!(line, "dms::invalid_value\n");
    assert_eq!(ended.status, Some(1));
    assert_eq!(ended.stderr, "");
}

#[cfg(target_os = "linux")]
#[test]
fn lint_says_when_its_output_cannot_be_written() {
    let dir = scratch("lint-full");
    let rules = rules_with_an_error_each(&dir, 10);
    for format in ["human", "json", "sarif", "github"] {
        let args = [
            OsStr::new("lint"),
            OsStr::new("--format"),
            OsStr::new(format),
            rules.as_os_str(),
        ];
        assert_cannot_write(&to_a_full_device(&args));
    }
}

#[test]
fn explain_stops_quietly_at_a_closed_pipe() {
    let dir = scratch("explain-pipe");
    let (rules, catalog) = explain_inputs(&dir, 100_000);
    for format in ["human", "json"] {
        let args = explain_args(&rules, &catalog, format);
        let (line, ended) = first_line_then_close(&args);
        assert!(line.starts_with(['S', '{']), "{format}: {line}");
        assert_eq!(ended.status, Some(0), "{format}");
        assert_eq!(ended.stderr, "", "{format}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn explain_says_when_its_output_cannot_be_written() {
    let dir = scratch("explain-full");
    let (rules, catalog) = explain_inputs(&dir, 10);
    for format in ["human", "json"] {
        let args = explain_args(&rules, &catalog, format);
        assert_cannot_write(&to_a_full_device(&args));
    }
}

/// `explain RULES --catalog CATALOG --format FORMAT`.
fn explain_args<'a>(rules: &'a Path, catalog: &'a Path, format: &'a str) -> [&'a OsStr; 6] {
    [
        OsStr::new("explain"),
        rules.as_os_str(),
        OsStr::new("--catalog"),
        catalog.as_os_str(),
        OsStr::new("--format"),
        OsStr::new(format),
    ]
}

/// `send --dry-run` of `rules`: it prints the request, and needs no AWS.
#[cfg(feature = "send")]
fn dry_run(rules: &Path) -> [&OsStr; 7] {
    [
        OsStr::new("send"),
        rules.as_os_str(),
        OsStr::new("--migration-project"),
        OsStr::new("project"),
        OsStr::new("--origin"),
        OsStr::new("source"),
        OsStr::new("--dry-run"),
    ]
}

/// A Schema Conversion document of `n` rules, each including one schema.
#[cfg(feature = "send")]
fn schema_conversion_rules(dir: &Path, n: usize) -> PathBuf {
    let rules: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "    {{\"rule-type\": \"selection\", \"rule-id\": \"{i}\", \"rule-name\": \"r{i}\",\n     \
                 \"object-locator\": {{\"server-name\": \"db.example.com\", \"schema-name\": \"S{i}\"}},\n     \
                 \"rule-action\": \"include\"}}"
            )
        })
        .collect();
    let path = dir.join("import.json");
    std::fs::write(
        &path,
        format!("{{\"rules\": [\n{}\n]}}\n", rules.join(",\n")),
    )
    .expect("write the rules");
    path
}

#[cfg(feature = "send")]
#[test]
fn send_stops_quietly_at_a_closed_pipe() {
    let dir = scratch("send-pipe");
    let rules = schema_conversion_rules(&dir, 10_000);
    let (line, ended) = first_line_then_close(&dry_run(&rules));
    assert_eq!(line, "dry run: StartMetadataModelImport was not called\n");
    assert_eq!(ended.status, Some(0));
    assert_eq!(ended.stderr, "");
}

#[cfg(all(feature = "send", target_os = "linux"))]
#[test]
fn send_says_when_its_output_cannot_be_written() {
    let dir = scratch("send-full");
    let rules = schema_conversion_rules(&dir, 3);
    assert_cannot_write(&to_a_full_device(&dry_run(&rules)));
}

#[cfg(all(feature = "send", target_os = "linux"))]
#[test]
fn a_send_whose_result_cannot_be_written_is_status_2() {
    let dir = scratch("send-result-full");
    let rules = dir.join("rules.json");
    std::fs::copy(
        crate::support::fixtures().join("send/import-schema.json"),
        &rules,
    )
    .expect("copy a fixture");
    // Findings go to standard error; the dry run's request is the result on standard output.
    let ended = to_a_full_device(&[
        OsStr::new("send"),
        rules.as_os_str(),
        OsStr::new("--migration-project"),
        OsStr::new("project"),
        OsStr::new("--origin"),
        OsStr::new("source"),
        OsStr::new("--dry-run"),
    ]);
    assert_cannot_write(&ended);
}

#[cfg(target_os = "linux")]
#[test]
fn help_goes_through_the_same_write_path() {
    let ended = to_a_full_device(&["--help"]);
    assert_cannot_write(&ended);
    let ended = to_a_full_device(&["--version"]);
    assert_cannot_write(&ended);
}

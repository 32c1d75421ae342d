//! `dms-rules fmt` and `dms-rules diff` end to end: the real binary, its output, exit status and
//! what it leaves on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{dms_rules, snapshot_path};
use crate::support::{assert_contains, assert_snapshot, root};

const MESSY: &str = "tests/fixtures/review/messy.json";
const OLD: &str = "tests/fixtures/review/old.json";
const NEW: &str = "tests/fixtures/review/new.json";
const CATALOG: &str = "tests/fixtures/review/catalog.csv";
/// In canonical form already.
const CANONICAL: &str = "tests/fixtures/review/canonical.json";
const ERRORS: &str = "tests/fixtures/invalid/duplicate_key/rule-id-twice.json";

/// A fresh directory of its own for a test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dms-rules-review-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn canonical_of(path: &str) -> String {
    let run = dms_rules(&["fmt", "-"])
        .stdin(&fs::read(root().join(path)).expect("read"))
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stdout
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).expect("metadata"))
}

#[test]
fn fmt_rewrites_what_is_not_canonical_and_leaves_the_rest_untouched() {
    let dir = scratch("in-place");
    let messy = dir.join("messy.json");
    let canonical = dir.join("canonical.json");
    fs::copy(root().join(MESSY), &messy).expect("copy");
    fs::copy(root().join(CANONICAL), &canonical).expect("copy");
    fs::write(dir.join("main.tf"), "locals {}\n").expect("write");
    fs::write(dir.join("package.json"), "{\"name\": \"x\"}\n").expect("write");
    #[cfg(unix)]
    let before = inode(&canonical);

    let arg = dir.display().to_string();
    let run = dms_rules(&["fmt", &arg]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{}\n", messy.display()));
    assert_eq!(run.stderr, "");
    assert_eq!(
        fs::read_to_string(&messy).expect("read"),
        canonical_of(MESSY)
    );
    assert_eq!(
        fs::read(&canonical).expect("read"),
        fs::read(root().join(CANONICAL)).expect("read")
    );
    // Not written at all: the same file, not a copy renamed over it.
    #[cfg(unix)]
    assert_eq!(inode(&canonical), before);
    // Files that are no rules documents are passed over; no temporary file is left.
    assert_eq!(
        fs::read_to_string(dir.join("main.tf")).expect("read"),
        "locals {}\n"
    );
    assert_eq!(
        names(&dir),
        ["canonical.json", "main.tf", "messy.json", "package.json"]
    );

    // Formatting again changes nothing.
    let again = dms_rules(&["fmt", "--check", &arg]).run();
    assert_eq!((again.status, again.stdout.as_str()), (0, ""));
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn fmt_check_lists_the_files_that_would_change_and_changes_nothing() {
    let run = dms_rules(&["fmt", "--check", MESSY, CANONICAL]).run();
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, format!("{MESSY}\n"));
    assert_eq!(run.stderr, "");
    let clean = dms_rules(&["fmt", "--check", CANONICAL]).run();
    assert_eq!((clean.status, clean.stdout.as_str()), (0, ""));
}

#[test]
fn fmt_diff_prints_a_unified_diff_and_changes_nothing() {
    let before = fs::read(root().join(MESSY)).expect("read");
    let args = ["fmt", "--diff", MESSY, CANONICAL];
    let run = dms_rules(&args).run();
    if let Err(e) = assert_snapshot(&snapshot_path("fmt-diff"), &run.transcript(&args)) {
        panic!("{e}");
    }
    assert_eq!(run.status, 1);
    assert!(run
        .stdout
        .starts_with(&format!("--- {MESSY}\n+++ {MESSY}\n@@ ")));
    assert_eq!(fs::read(root().join(MESSY)).expect("read"), before);
}

#[test]
fn fmt_reads_standard_input_and_writes_standard_output() {
    let messy = fs::read(root().join(MESSY)).expect("read");
    let run = dms_rules(&["fmt", "-"]).stdin(&messy).run();
    assert_eq!(run.status, 0);
    assert_contains(&run.stdout, "\"rule-id\": \"3\"");
    // Canonical input comes back as it is.
    let again = dms_rules(&["fmt"]).stdin(run.stdout.as_bytes()).run();
    assert_eq!(
        (again.status, again.stdout.as_str()),
        (0, run.stdout.as_str())
    );
    let check = dms_rules(&["fmt", "--check", "--stdin-filename", "rules.json", "-"])
        .stdin(&messy)
        .run();
    assert_eq!((check.status, check.stdout.as_str()), (1, "rules.json\n"));
}

#[test]
fn a_document_with_errors_is_reported_and_left_as_it_is() {
    let dir = scratch("errors");
    let path = dir.join("rules.json");
    let broken = fs::read(root().join(ERRORS)).expect("read");
    fs::write(&path, &broken).expect("write");
    let arg = path.display().to_string();
    let run = dms_rules(&["fmt", "--color", "never", &arg]).run();
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert_contains(&run.stderr, "dms::duplicate_key");
    assert_contains(
        &run.stderr,
        &format!("error: `{arg}` has errors: fix them, then format it; it is left as it is"),
    );
    assert_eq!(fs::read(&path).expect("read"), broken);
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_host_file_named_is_left_as_it_is_with_a_note() {
    let path = "tests/fixtures/host/terraform/jsonencode/main.tf";
    let before = fs::read(root().join(path)).expect("read");
    let run = dms_rules(&["fmt", path]).run();
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stderr,
        format!("note: `{path}` is a Terraform file: `fmt` formats rules documents only; left as it is\n")
    );
    assert_eq!(fs::read(root().join(path)).expect("read"), before);
}

/// A write that fails half-way (the file-size limit is reached while the temporary file is
/// written) leaves the original byte for byte, and no temporary file behind.
#[cfg(unix)]
#[test]
fn a_write_failing_half_way_leaves_the_original_byte_for_byte() {
    let dir = scratch("half-way");
    let path = dir.join("rules.json");
    // About 100 KB, minified: its canonical form is longer still.
    let rules: Vec<String> = (1..=400)
        .map(|id| {
            format!(
                r#"{{"rule-type":"selection","rule-id":{id},"rule-name":"r{id}","rule-action":"include","object-locator":{{"schema-name":"HR","table-name":"T{id}%"}}}}"#
            )
        })
        .collect();
    let original = format!("{{\"rules\":[{}]}}", rules.join(","));
    fs::write(&path, &original).expect("write");
    // Writing past 16 blocks fails with EFBIG instead of killing the process (the signal is
    // ignored, which `exec` keeps).
    let output = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16 && exec \"$0\" fmt \"$1\"")
        .arg(env!("CARGO_BIN_EXE_dms-rules"))
        .arg(&path)
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_contains(
        &stderr,
        &format!("error: cannot write `{}`: ", path.display()),
    );
    assert_contains(&stderr, "the file is unchanged");
    assert_eq!(fs::read_to_string(&path).expect("read"), original);
    assert_eq!(names(&dir), ["rules.json"]);
    fs::remove_dir_all(&dir).expect("clean up");
}

/// A read-only file is not replaced. A read-only directory cannot take the temporary file;
/// root writes there all the same, so that half is checked only for other users.
#[cfg(unix)]
#[test]
fn a_read_only_file_or_directory_is_left_byte_for_byte() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("read-only");
    let path = dir.join("rules.json");
    let messy = fs::read(root().join(MESSY)).expect("read");
    fs::write(&path, &messy).expect("write");
    let arg = path.display().to_string();

    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = dms_rules(&["fmt", &arg]).run();
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("error: cannot write `{arg}`: the file is read-only; the file is unchanged\n")
    );
    assert_eq!(fs::read(&path).expect("read"), messy);

    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = dir.join("probe");
    let permissions_apply = fs::write(&probe, b"").is_err();
    if permissions_apply {
        let run = dms_rules(&["fmt", &arg]).run();
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_contains(&run.stderr, "the file is unchanged");
        assert_eq!(fs::read(&path).expect("read"), messy);
        assert_eq!(names(&dir), ["rules.json"]);
    } else {
        let _ = fs::remove_file(&probe);
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::remove_dir_all(&dir).expect("clean up");
}

#[cfg(unix)]
#[test]
fn a_formatted_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("permissions");
    let path = dir.join("rules.json");
    fs::copy(root().join(MESSY), &path).expect("copy");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = dms_rules(&["fmt", &path.display().to_string()]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mode = fs::metadata(&path).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        canonical_of(MESSY)
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn diff_prints_nothing_when_only_the_writing_changed() {
    let canonical = canonical_of(MESSY);
    let run = dms_rules(&["diff", MESSY, "-"])
        .stdin(canonical.as_bytes())
        .run();
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn diff_labels_each_change_in_its_own_file_and_the_objects_it_moves() {
    let args = ["diff", OLD, NEW, "--catalog", CATALOG];
    let run = dms_rules(&args).run();
    if let Err(e) = assert_snapshot(&snapshot_path("diff-human"), &run.transcript(&args)) {
        panic!("{e}");
    }
    assert_eq!(run.status, 1);
    assert_contains(
        &run.stdout,
        &format!("      - {OLD}:15:62 \"TMP[_]%\"\n      + {NEW}:8:84 \"TMP%\"\n"),
    );
}

/// A change that makes the document read in the other dialect says so first: the same members
/// then mean other things.
#[test]
fn diff_names_the_dialects_when_the_change_moves_the_document_to_the_other() {
    let old = "tests/corpus/real-world/tm-docs-selection-explicit-single-table.json";
    let new = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
      "object-locator": {"server-name": "s", "schema-name": "NewCust", "table-name": "Customer"},
      "rule-action": "explicit"}]}"#;
    let run = dms_rules(&["diff", old, "-"]).stdin(new.as_bytes()).run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "~ read as `table-mapping` before, as `schema-conversion` now\n~ rule 1 `1`\n"
        ),
        "{}",
        run.stdout
    );
    // Within one dialect, nothing of the kind.
    let run = dms_rules(&["diff", OLD, NEW]).run();
    assert_eq!(run.status, 1);
    assert!(!run.stdout.contains("read as"), "{}", run.stdout);
}

#[test]
fn diff_json_has_the_documented_shape() {
    let run = dms_rules(&["diff", "--format", "json", OLD, NEW, "--catalog", CATALOG]).run();
    assert_eq!(run.status, 1);
    let json = run.json();
    assert_eq!(json["old"]["path"], OLD);
    assert_eq!(json["new"]["dialect"], "table-mapping");
    assert_eq!(json["changed"], true);
    assert_eq!(json["document"], serde_json::json!([]));
    let rules = json["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["rule-id"], "2");
    assert_eq!(rules[0]["change"], "changed");
    let member = &rules[0]["members"][0];
    assert_eq!(member["path"], "object-locator.table-name");
    assert_eq!(member["pointer"], "/object-locator/table-name");
    assert_eq!(member["change"], "changed");
    assert_eq!(member["old"]["value"], "TMP[_]%");
    assert_eq!(member["old"]["line"], 15);
    assert_eq!(member["new"]["value"], "TMP%");
    let offset = member["new"]["span"]["offset"].as_u64().expect("offset") as usize;
    let length = member["new"]["span"]["length"].as_u64().expect("length") as usize;
    let new = fs::read_to_string(root().join(NEW)).expect("read");
    assert_eq!(&new[offset..offset + length], "\"TMP%\"");
    assert_eq!(rules[1]["change"], "added");
    assert_eq!(rules[1]["old"], serde_json::Value::Null);
    assert_eq!(rules[1]["new"]["rule-type"], "selection");
    let objects = &json["objects"];
    assert_eq!(objects["selected"][0]["name"], "EMPLOYEES_2019");
    assert_eq!(objects["selected"][0]["now"]["rule-id"], "4");
    assert_eq!(objects["selected"][0]["before"], serde_json::Value::Null);
    assert_eq!(objects["unselected"][0]["name"], "TMPLIST");
    assert_eq!(objects["unselected"][0]["before"]["rule-name"], "all-of-hr");

    // Without a catalog, `objects` is null; with no change, the lists are empty.
    let same = dms_rules(&["diff", "--format", "json", OLD, OLD]).run();
    assert_eq!(same.status, 0);
    assert_eq!(same.json()["objects"], serde_json::Value::Null);
    assert_eq!(same.json()["rules"], serde_json::json!([]));
}

#[test]
fn diff_cannot_run_on_documents_with_errors_or_without_a_side() {
    let run = dms_rules(&["diff", "--color", "never", OLD, ERRORS]).run();
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_contains(&run.stderr, "dms::duplicate_key");
    assert_contains(
        &run.stderr,
        &format!("error: `{ERRORS}` has errors: fix them, then compare it"),
    );

    let both = dms_rules(&["diff", "-", "-"]).stdin(b"{}").run();
    assert_eq!(both.status, 2);
    assert_eq!(
        both.stderr,
        "error: only one side can be read from standard input\n"
    );

    let missing = dms_rules(&["diff", OLD, "no-such-file.json"]).run();
    assert_eq!(missing.status, 2);
    assert_contains(&missing.stderr, "error: cannot read `no-such-file.json`");

    let host = "tests/fixtures/host/terraform/jsonencode/main.tf";
    let host_run = dms_rules(&["diff", OLD, host]).run();
    assert_eq!(host_run.status, 2);
    assert_eq!(
        host_run.stderr,
        format!("error: `{host}` is a Terraform file: `diff` compares rules documents only\n")
    );
}

/// Runs `git` in `dir` with no configuration but the test's.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn diff_reads_a_file_at_a_git_revision() {
    let dir = scratch("git");
    git(&dir, &["init", "-q"]);
    fs::copy(root().join(OLD), dir.join("rules.json")).expect("copy");
    git(&dir, &["add", "rules.json"]);
    git(&dir, &["commit", "-q", "-m", "rules"]);
    fs::copy(root().join(NEW), dir.join("rules.json")).expect("copy");

    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dms-rules"))
            .args(args)
            .current_dir(&dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("run dms-rules")
    };
    let output = run(&["diff", "HEAD:rules.json", "rules.json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_contains(&stdout, "      - HEAD:rules.json:15:62 \"TMP[_]%\"\n");
    assert_contains(&stdout, "      + rules.json:8:84 \"TMP%\"\n");
    assert_contains(&stdout, "1 rule added, 1 changed\n");

    // The committed file against itself, by `./` from here.
    let same = run(&["diff", "HEAD:rules.json", "HEAD:./rules.json"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(same.stdout, b"");

    let missing = run(&["diff", "HEAD:nothing.json", "rules.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_contains(&stderr, "error: cannot read `HEAD:nothing.json` from git: ");
    fs::remove_dir_all(&dir).expect("clean up");
}

/// The README's `diff --format json` example is this run's output as it is: the rule added
/// and the objects are the ones the human example shows.
#[test]
fn the_readme_shows_the_diff_json_example_as_it_runs() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let command = format!("$ dms-rules diff --format json {OLD} {NEW} --catalog {CATALOG}\n");
    let start = readme.find(&command).expect("the example in the README") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("end of block")];
    let run = dms_rules(&["diff", "--format", "json", OLD, NEW, "--catalog", CATALOG]).run();
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, shown);
    // Consistent with itself: the rule that newly selects an object is among the rules added,
    // the rule an object is no longer selected by among those changed.
    let json = run.json();
    let rule = |change: &str| -> Vec<String> {
        json["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .filter(|r| r["change"] == change)
            .map(|r| r["rule-id"].as_str().expect("an id").to_owned())
            .collect()
    };
    assert_eq!(json["objects"]["selected"][0]["now"]["rule-id"], "4");
    assert!(rule("added").contains(&"4".to_owned()));
    assert_eq!(json["objects"]["unselected"][0]["now"]["rule-id"], "2");
    assert!(rule("changed").contains(&"2".to_owned()));
}

/// The README shows this run's output as it is.
#[test]
fn the_readme_shows_the_diff_example_as_it_runs() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let command = format!("$ dms-rules diff {OLD} {NEW} --catalog {CATALOG}\n");
    let start = readme.find(&command).expect("the example in the README") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("end of block")];
    let run = dms_rules(&["diff", OLD, NEW, "--catalog", CATALOG]).run();
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, shown);
}

/// With a catalog, `diff` lists what each object both versions select is called on the
/// target before and after, with the rules that named it, in both formats.
#[test]
fn diff_with_a_catalog_lists_the_target_names_that_change() {
    let dir = "tests/fixtures/diff-targets";
    let (old, new, catalog) = (
        format!("{dir}/old.json"),
        format!("{dir}/new.json"),
        format!("{dir}/catalog.csv"),
    );
    let args = ["diff", &old, &new, "--catalog", &catalog];
    let run = dms_rules(&args).run();
    assert_eq!(run.status, 1);
    if let Err(e) = assert_snapshot(&root().join(dir).join("human.snap"), &run.transcript(&args)) {
        panic!("{e}");
    }
    assert_contains(
        &run.stdout,
        "  ~ HR.TMP_LOAD (table): hr_dw.STG_TMP_LOAD (rules 3, 4); before: hr.TMP_LOAD (rule 3)\n",
    );
    // `SALES.ORDERS` keeps its name: not listed.
    assert!(!run.stdout.contains("ORDERS"), "{}", run.stdout);

    let run = dms_rules(&[
        "diff",
        "--format",
        "json",
        &old,
        &new,
        "--catalog",
        &catalog,
    ])
    .run();
    let renamed = run.json()["objects"]["renamed"].clone();
    let shown: Vec<(String, String, String)> = renamed
        .as_array()
        .expect("renamed")
        .iter()
        .map(|o| {
            let target = |t: &serde_json::Value| format!("{}.{}", t["schema"], t["name"]);
            (
                format!("{}.{}", o["schema"], o["name"]),
                target(&o["before"]),
                target(&o["now"]),
            )
        })
        .map(|(a, b, c)| (a.replace('"', ""), b.replace('"', ""), c.replace('"', "")))
        .collect();
    let own = |s: &str| s.to_string();
    assert_eq!(
        shown,
        [
            (
                own("HR.EMPLOYEES"),
                own("hr.EMPLOYEES"),
                own("hr_dw.EMPLOYEES")
            ),
            (own("HR.JOBS"), own("hr.JOBS"), own("hr_dw.JOBS")),
            (
                own("HR.TMP_LOAD"),
                own("hr.TMP_LOAD"),
                own("hr_dw.STG_TMP_LOAD")
            ),
        ]
    );
    assert_eq!(renamed[2]["now"]["rules"], serde_json::json!(["3", "4"]));
    // Without a catalog, no objects at all.
    let run = dms_rules(&["diff", "--format", "json", &old, &new]).run();
    assert_eq!(run.json()["objects"], serde_json::Value::Null);
}

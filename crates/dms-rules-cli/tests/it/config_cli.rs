//! `dms-rules.toml` as a user meets it: found from each file upwards, named with `--config`,
//! refused with `--no-config`, under the flags given; its problems and unused suppressions
//! reported on its bytes; suppressed findings out of the report and the exit status, and
//! counted in JSON and SARIF.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::command::{dms_rules, Run};

/// A folder of files for one test, removed when dropped.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir = std::env::temp_dir().join(format!("dms-rules-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
            std::fs::write(&path, text).expect("write the file");
        }
        Tree(dir)
    }

    fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.0.join(relative), text).expect("write the file");
    }

    fn path(&self, relative: &str) -> String {
        self.0.join(relative).display().to_string()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const TMP_RULE: &str = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
  {"rule-type": "selection", "rule-id": "3", "rule-name": "tmp", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"},
  {"rule-type": "transformation", "rule-id": "4", "rule-name": "lower", "rule-target": "table", "object-locator": {"schema-name": "HR", "table-name": "Emp"}, "rule-action": "convert-lowercase"}
]}
"#;

/// A document with no finding.
const CLEAN: &str = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}
]}
"#;

fn lint(args: &[&str]) -> Run {
    let mut command = vec!["lint"];
    command.extend_from_slice(args);
    dms_rules(&command).run()
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut command = vec!["--format", "json"];
    command.extend_from_slice(args);
    let run = lint(&command);
    (run.status, run.json())
}

fn codes(file: &Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn the_nearest_configuration_applies_and_json_names_it() {
    let tree = Tree::new(
        "nearest",
        &[
            (
                "dms-rules.toml",
                "[codes]\n\"dms::underscore_wildcard\" = \"error\"\n",
            ),
            ("a/rules.json", TMP_RULE),
            (
                "b/.dms-rules.toml",
                "[codes]\nunderscore_wildcard = \"off\"\n",
            ),
            ("b/c/rules.json", TMP_RULE),
        ],
    );
    let (status, report) = json(&[&tree.path("a/rules.json"), &tree.path("b/c/rules.json")]);
    assert_eq!(status, 1);
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["config"], tree.path("dms-rules.toml"));
    assert_eq!(codes(&files[0]), ["dms::underscore_wildcard"]);
    assert_eq!(files[0]["diagnostics"][0]["severity"], "error");
    assert_eq!(files[1]["config"], tree.path("b/.dms-rules.toml"));
    assert_eq!(codes(&files[1]), Vec::<&str>::new());
    assert_eq!(files[1]["suppressed"], 0);

    // `--no-config`: the codes at their own levels; `--config`: that one for every file.
    let (status, report) = json(&["--no-config", &tree.path("b/c/rules.json")]);
    assert_eq!(status, 0);
    assert_eq!(report["files"][0]["config"], Value::Null);
    assert_eq!(codes(&report["files"][0]), ["dms::underscore_wildcard"]);
    assert_eq!(report["files"][0]["diagnostics"][0]["severity"], "warning");
    let (status, report) = json(&[
        "--config",
        &tree.path("dms-rules.toml"),
        &tree.path("b/c/rules.json"),
    ]);
    assert_eq!(status, 1);
    assert_eq!(report["files"][0]["config"], tree.path("dms-rules.toml"));
}

#[test]
fn the_configuration_sets_the_flags_and_the_flags_win() {
    let tree = Tree::new(
        "flags",
        &[
            (
                "dms-rules.toml",
                "source-engine = \"oracle\"\ndeny-warnings = true\n",
            ),
            ("rules.json", TMP_RULE),
        ],
    );
    let file = tree.path("rules.json");
    // An Oracle source: `Emp` in lower case is reported, and warnings fail the run.
    let (status, report) = json(&[&file]);
    assert_eq!(status, 1);
    assert_eq!(
        codes(&report["files"][0]),
        ["dms::underscore_wildcard", "dms::lowercase_name"]
    );
    let (_, report) = json(&["--source-engine", "postgres", &file]);
    assert_eq!(codes(&report["files"][0]), ["dms::underscore_wildcard"]);
}

#[test]
fn deny_warnings_applies_to_the_files_of_its_configuration_only() {
    let tree = Tree::new(
        "deny",
        &[
            ("strict/dms-rules.toml", "deny-warnings = true\n"),
            ("strict/rules.json", CLEAN),
            ("lax/dms-rules.toml", "source-engine = \"postgres\"\n"),
            ("lax/rules.json", TMP_RULE),
        ],
    );
    let (strict, lax) = (tree.path("strict/rules.json"), tree.path("lax/rules.json"));
    // The warning is in a file whose configuration does not deny warnings: the run passes,
    // whatever else the run reads.
    assert_eq!(lint(&[&lax]).status, 0);
    assert_eq!(lint(&[&strict, &lax]).status, 0);
    // `--deny-warnings` denies them in every file.
    assert_eq!(lint(&["--deny-warnings", &strict, &lax]).status, 1);
    // The same warning under the strict configuration fails the run.
    tree.write("strict/tmp.json", TMP_RULE);
    assert_eq!(lint(&[&tree.path("strict/tmp.json"), &lax]).status, 1);
    // A configuration's own warnings (a suppression that silences nothing) follow its own
    // `deny-warnings`.
    let unused =
        "[[suppress]]\npath = \"rules.json\"\ncode = \"dms::lowercase_name\"\nreason = \"x\"\n";
    tree.write(
        "strict/dms-rules.toml",
        &format!("deny-warnings = true\n{unused}"),
    );
    let run = lint(&[&strict]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stdout.contains("dms::unused_suppression"),
        "{}",
        run.stdout
    );
    tree.write("lax/dms-rules.toml", unused);
    let run = lint(&[&lax]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout.contains("dms::unused_suppression"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_suppression_takes_one_finding_out_of_the_report_and_the_status() {
    let tree = Tree::new(
        "suppress",
        &[
            (
                "dms-rules.toml",
                "deny-warnings = true\n\n[[suppress]]\npath = \"mappings/hr.json\"\ncode = \"dms::underscore_wildcard\"\nrule-id = \"3\"\nreason = \"any character is meant\"\n",
            ),
            ("mappings/hr.json", TMP_RULE),
        ],
    );
    let file = tree.path("mappings/hr.json");
    let run = lint(&[&file]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 1 file\n");
    let (status, report) = json(&[&file]);
    assert_eq!(status, 0);
    assert_eq!(codes(&report["files"][0]), Vec::<&str>::new());
    assert_eq!(report["files"][0]["suppressed"], 1);

    let run = lint(&["--format", "sarif", &file]);
    assert_eq!(run.status, 0);
    let log = run.json();
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "dms::underscore_wildcard");
    assert_eq!(
        results[0]["suppressions"],
        serde_json::json!([{"kind": "external", "justification": "any character is meant"}])
    );
}

/// `lint --fix` in a fresh folder holding `files`; returns the text of `fixed` afterwards.
fn fixed_text(name: &str, files: &[(&str, &str)], fixed: &str, args: &[&str]) -> String {
    let tree = Tree::new(name, files);
    let file = tree.path(fixed);
    let mut command = vec!["--fix"];
    command.extend_from_slice(args);
    command.push(&file);
    lint(&command);
    std::fs::read_to_string(&file).expect("read the file back")
}

#[test]
fn fix_leaves_alone_what_the_report_leaves_out() {
    // Without a configuration the wildcard `_` is escaped: the fix is there to be withheld.
    let plain = fixed_text(
        "fix-plain",
        &[("hr.json", TMP_RULE)],
        "hr.json",
        &["--no-config"],
    );
    assert!(plain.contains(r#""TMP[_]%""#), "{plain}");

    // Turned off, suppressed by rule, not selected, or suppressed by a comment: not fixed.
    let off = fixed_text(
        "fix-off",
        &[
            (
                "dms-rules.toml",
                "[codes]\n\"dms::underscore_wildcard\" = \"off\"\n",
            ),
            ("hr.json", TMP_RULE),
        ],
        "hr.json",
        &[],
    );
    assert!(off.contains(r#""TMP_%""#), "{off}");
    let suppressed = fixed_text(
        "fix-suppressed",
        &[
            (
                "dms-rules.toml",
                "[[suppress]]\npath = \"hr.json\"\ncode = \"dms::underscore_wildcard\"\nrule-id = \"3\"\nreason = \"any character is meant\"\n",
            ),
            ("hr.json", TMP_RULE),
        ],
        "hr.json",
        &[],
    );
    assert!(suppressed.contains(r#""TMP_%""#), "{suppressed}");
    let ignored = fixed_text(
        "fix-ignored",
        &[("hr.json", TMP_RULE)],
        "hr.json",
        &["--no-config", "--ignore", "dms::underscore_wildcard"],
    );
    assert!(ignored.contains(r#""TMP_%""#), "{ignored}");
    let commented = fixed_text(
        "fix-comment",
        &[("main.tf", TERRAFORM)],
        "main.tf",
        &["--no-config"],
    );
    assert_eq!(commented, TERRAFORM);
}

#[test]
fn a_broken_configuration_is_reported_at_its_bytes() {
    let toml = "source-engine = \"oracle9\"\n[codes]\n\"dms::underscore_wildcards\" = \"off\"\n";
    let tree = Tree::new(
        "broken",
        &[("dms-rules.toml", toml), ("rules.json", TMP_RULE)],
    );
    let (status, report) = json(&[&tree.path("rules.json")]);
    assert_eq!(status, 1);
    let config = &report["files"][0];
    assert_eq!(config["path"], tree.path("dms-rules.toml"));
    assert_eq!(
        codes(config),
        ["dms::invalid_config_value", "dms::unknown_code"]
    );
    let label = &config["diagnostics"][1]["labels"][0];
    let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
    let length = label["span"]["length"].as_u64().expect("length") as usize;
    assert_eq!(
        &toml[offset..offset + length],
        "\"dms::underscore_wildcards\""
    );
    assert_eq!(
        config["diagnostics"][1]["help"],
        "did you mean `dms::underscore_wildcard`?"
    );
    // The rest of the file still applies: the rules are checked.
    assert_eq!(codes(&report["files"][1]), ["dms::underscore_wildcard"]);

    let run = lint(&[
        "--config",
        &tree.path("missing.toml"),
        &tree.path("rules.json"),
    ]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read the configuration"),
        "{}",
        run.stderr
    );
}

const TERRAFORM: &str = r#"resource "aws_dms_replication_task" "t" {
  replication_task_id = "t"
  # dms-rules: ignore[dms::underscore_wildcard, dms::filter_ignored] any character is meant
  table_mappings = <<EOF
{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "tmp", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"}
]}
EOF
}
"#;

#[test]
fn a_comment_in_terraform_suppresses_and_an_unused_code_is_reported() {
    let tree = Tree::new("comment", &[("main.tf", TERRAFORM)]);
    let file = tree.path("main.tf");
    let (status, report) = json(&["--no-config", &file]);
    assert_eq!(status, 0);
    let host = &report["files"][0];
    assert_eq!(codes(host), ["dms::unused_suppression"]);
    assert_eq!(host["suppressed"], 1);
    let label = &host["diagnostics"][0]["labels"][0];
    let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
    assert!(TERRAFORM[offset..].starts_with("dms::filter_ignored]"));
    assert_eq!(host["diagnostics"][0]["document"], Value::Null);

    let run = lint(&["--no-config", "--format", "sarif", &file]);
    let results = run.json()["runs"][0]["results"].clone();
    let suppressed: Vec<&Value> = results
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(
        suppressed[0]["suppressions"],
        serde_json::json!([{"kind": "inSource", "justification": "any character is meant"}])
    );
}

#[test]
fn a_catalog_is_relative_to_the_configuration() {
    let tree = Tree::new(
        "catalog",
        &[
            ("conf/dms-rules.toml", "catalog = \"objects.csv\"\n"),
            ("conf/objects.csv", "schema,name\nHR,EMPLOYEES\n"),
            (
                "conf/rules.json",
                r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "p", "object-locator": {"schema-name": "PAY", "table-name": "%"}, "rule-action": "include"}]}"#,
            ),
        ],
    );
    let (status, report) = json(&[&tree.path("conf/rules.json")]);
    assert_eq!(status, 0);
    assert_eq!(codes(&report["files"][0]), ["dms::rule_matches_nothing"]);
    assert!(Path::new(&tree.path("conf/objects.csv")).exists());
}

#[test]
fn explain_and_diff_take_the_configurations_catalog_unless_one_is_given() {
    let old = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"schema-name": "HR", "table-name": "EMPLOYEES"}, "rule-action": "include"}]}"#;
    let new = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
    let tree = Tree::new(
        "commands-catalog",
        &[
            ("conf/dms-rules.toml", "catalog = \"objects.csv\"\n"),
            ("conf/objects.csv", "schema,name\nHR,EMPLOYEES\nHR,JOBS\n"),
            ("conf/old.json", old),
            ("conf/new.json", new),
            ("other.csv", "schema,name\nHR,REGIONS\n"),
        ],
    );
    let (old, new) = (tree.path("conf/old.json"), tree.path("conf/new.json"));
    // The configuration's catalog, relative to it.
    let run = dms_rules(&["explain", "--format", "json", &new]).run();
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("JOBS"), "{}", run.stdout);
    // `--catalog` wins.
    let run = dms_rules(&["explain", "--catalog", &tree.path("other.csv"), &new]).run();
    assert!(
        run.stdout.contains("REGIONS") && !run.stdout.contains("JOBS"),
        "{run:?}"
    );
    // Neither: said in one line.
    let run = dms_rules(&["explain", "--no-config", &new]).run();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: `explain` needs a catalog: give `--catalog SOURCE`, or set `catalog` in dms-rules.toml\n"
    );

    // `diff` lists what the change newly selects from the configuration's catalog.
    let run = dms_rules(&["diff", &old, &new]).run();
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stdout.contains("JOBS"), "{}", run.stdout);
    let run = dms_rules(&["diff", "--no-config", &old, &new]).run();
    assert!(!run.stdout.contains("JOBS"), "{}", run.stdout);
}

#[test]
fn an_override_sets_the_catalog_and_deny_warnings_of_the_files_it_matches() {
    // Selects `HR` and `PAY`; each catalog has one of them.
    let rules = r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "hr", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
  {"rule-type": "selection", "rule-id": "2", "rule-name": "pay", "object-locator": {"schema-name": "PAY", "table-name": "%"}, "rule-action": "include"}
]}
"#;
    let tree = Tree::new(
        "override-catalog",
        &[
            (
                "conf/dms-rules.toml",
                "catalog = \"objects.csv\"\n\n[[overrides]]\npaths = [\"legacy/**\"]\ncatalog = \"legacy/objects.csv\"\ndeny-warnings = true\n",
            ),
            ("conf/objects.csv", "schema,name\nHR,EMPLOYEES\n"),
            ("conf/legacy/objects.csv", "schema,name\nPAY,SLIPS\n"),
            ("conf/rules.json", rules),
            ("conf/legacy/rules.json", rules),
        ],
    );
    let (top, legacy) = (
        tree.path("conf/rules.json"),
        tree.path("conf/legacy/rules.json"),
    );
    let rule_of = |file: &Value| -> Vec<String> {
        file["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap_or(""),
                    d["labels"][0]["line"]
                )
            })
            .collect()
    };
    // The top level's catalog has no `PAY` (rule 2, line 3); the override's, relative to the
    // configuration, no `HR` (rule 1, line 2). Only the override denies warnings.
    let (status, report) = json(&[&top]);
    assert_eq!(status, 0);
    assert_eq!(
        rule_of(&report["files"][0]),
        ["dms::rule_matches_nothing 3"]
    );
    let (status, report) = json(&[&legacy]);
    assert_eq!(status, 1);
    assert_eq!(
        rule_of(&report["files"][0]),
        ["dms::rule_matches_nothing 2"]
    );
    // `--catalog` wins over both.
    let (_, report) = json(&["--catalog", &tree.path("conf/objects.csv"), &legacy]);
    assert_eq!(
        rule_of(&report["files"][0]),
        ["dms::rule_matches_nothing 3"]
    );

    // `explain` and `diff` take the override's catalog for the file it matches.
    let run = dms_rules(&["explain", &legacy]).run();
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout.contains("SLIPS") && !run.stdout.contains("EMPLOYEES"),
        "{}",
        run.stdout
    );
    let run = dms_rules(&["explain", &top]).run();
    assert!(
        run.stdout.contains("EMPLOYEES") && !run.stdout.contains("SLIPS"),
        "{}",
        run.stdout
    );
    tree.write("conf/legacy/old.json", CLEAN);
    let run = dms_rules(&["diff", &tree.path("conf/legacy/old.json"), &legacy]).run();
    assert!(run.stdout.contains("SLIPS"), "{run:?}");
}

#[test]
fn the_migration_type_of_the_configuration_and_its_overrides_applies() {
    let rules = include_str!("../../../../tests/fixtures/catalog-target/view-in-cdc.json");
    let catalog = include_str!("../../../../tests/fixtures/catalog-target/view-in-cdc.csv");
    let tree = Tree::new(
        "migration-type",
        &[
            (
                "dms-rules.toml",
                "catalog = \"catalog.csv\"\nmigration-type = \"cdc\"\n\n[[overrides]]\npaths = [\"full/*.json\"]\nmigration-type = \"full-load\"\n",
            ),
            ("catalog.csv", catalog),
            ("rules.json", rules),
            ("full/rules.json", rules),
        ],
    );
    let views = |report: &Value| codes(&report["files"][0]).contains(&"dms::view_in_cdc");
    let (_, report) = json(&[&tree.path("rules.json")]);
    assert!(views(&report), "{report}");
    let task = &report["files"][0]["documents"][0]["task"]["migration_type"];
    assert_eq!(task["value"], "cdc");
    assert!(
        task["from"]
            .as_str()
            .is_some_and(|f| f.ends_with("dms-rules.toml")),
        "{task}"
    );
    let (_, report) = json(&[&tree.path("full/rules.json")]);
    assert!(!views(&report), "{report}");
    // The flag wins.
    let (_, report) = json(&["--migration-type", "full-load", &tree.path("rules.json")]);
    assert!(!views(&report), "{report}");
}

#[test]
fn explain_fmt_and_diff_read_the_same_file() {
    // Schema Conversion rules, told by `server-name`; the configuration says they are table
    // mappings, where `table-name` is required.
    let rules = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"server-name": "db", "schema-name": "HR"}, "rule-action": "include"}]}"#;
    let tree = Tree::new(
        "commands",
        &[
            ("dms-rules.toml", "dialect = \"table-mapping\"\n"),
            ("rules.json", rules),
            ("catalog.csv", "schema,name,server\nHR,EMPLOYEES,db\n"),
        ],
    );
    let file = tree.path("rules.json");
    let with = |args: &[&str]| {
        let mut command = args.to_vec();
        command.push(&file);
        let run = dms_rules(&command).run();
        command.insert(1, "--no-config");
        let without = dms_rules(&command).run();
        (run, without)
    };
    // Read as table mappings, the locator lacks `table-name`: fmt refuses the file.
    let (run, without) = with(&["fmt", "--check"]);
    assert!(run.stderr.contains("dms::missing_key"), "{run:?}");
    assert!(!without.stderr.contains("dms::missing_key"), "{without:?}");
    let catalog = tree.path("catalog.csv");
    let (run, without) = with(&["explain", "--catalog", &catalog]);
    assert_ne!((run.status, &run.stdout), (without.status, &without.stdout));
    let (run, without) = with(&["diff", &file]);
    assert_ne!((run.status, &run.stdout), (without.status, &without.stdout));

    // A problem in the configuration is said, and the rest still applies.
    std::fs::write(
        tree.0.join("dms-rules.toml"),
        "dialect = \"table-mapping\"\ncolour = 1\n",
    )
    .expect("write");
    let run = dms_rules(&["fmt", "--check", &file]).run();
    assert!(
        run.stderr.contains(
            "dms-rules.toml:2:1: `colour` is not a key of the top level (dms::unknown_config_key)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("dms::missing_key"), "{run:?}");
}

#[test]
fn lint_help_says_what_a_catalog_reports_and_names_the_configuration() {
    let run = dms_rules(&["lint", "--help"]).run();
    assert_eq!(run.status, 0);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("(`dms::rule_matches_nothing`) and transformations that another keeps from acting on objects both match (`dms::conflicting_transformation`)"), "{help}");
    assert!(
        help.contains("--config <PATH>") && help.contains("--no-config"),
        "{help}"
    );
    assert!(
        help.contains("--select <CODE>") && help.contains("--ignore <CODE>"),
        "{help}"
    );
}

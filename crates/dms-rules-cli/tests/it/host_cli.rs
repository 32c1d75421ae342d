//! `lint` and `explain` on Terraform files, CloudFormation templates and directories, as a user
//! runs them: every finding on the host file's bytes, in every format.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::command::{dms_rules, snapshot_path};
use crate::support::{assert_contains, assert_snapshot, root};

const JSONENCODE: &str = "tests/fixtures/host/terraform/jsonencode/main.tf";
const FILE: &str = "tests/fixtures/host/terraform/file/main.tf";
const LITERAL: &str = "tests/fixtures/host/cloudformation/literal-block.yaml";
const CDK: &str = "tests/fixtures/host/cloudformation/cdk-escaped.template.json";

/// Runs `args` and compares the whole transcript with `tests/fixtures/cli/<name>.snap`.
fn pinned(name: &str, args: &[&str]) -> crate::command::Run {
    let run = dms_rules(args).run();
    if let Err(e) = assert_snapshot(&snapshot_path(name), &run.transcript(args)) {
        panic!("{e}");
    }
    run
}

/// The text `label` of a JSON diagnostic covers in `file`.
fn labelled(file: &str, label: &Value) -> String {
    let source = std::fs::read(root().join(file)).expect("fixture");
    let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
    let length = label["span"]["length"].as_u64().expect("length") as usize;
    String::from_utf8_lossy(&source[offset..offset + length]).into_owned()
}

#[test]
fn a_terraform_file_is_reported_on_its_own_lines() {
    let run = pinned("host-terraform-human", &["lint", JSONENCODE]);
    assert_eq!(run.status, 1);
    assert_contains(
        &run.stdout,
        "╭─[tests/fixtures/host/terraform/jsonencode/main.tf:18:9]",
    );
}

#[test]
fn a_cloudformation_template_is_reported_on_its_own_lines() {
    let run = pinned("host-cloudformation-human", &["lint", LITERAL]);
    assert_eq!(run.status, 1);
    let run = pinned("host-cdk-github", &["lint", "--format", "github", CDK]);
    assert_eq!(run.status, 1);
}

#[test]
fn json_names_the_documents_and_each_finding_its_document() {
    let run = dms_rules(&["lint", "--format", "json", JSONENCODE]).run();
    assert_eq!(run.status, 1);
    let json = run.json();
    let file = &json["files"][0];
    assert_eq!(file["path"], JSONENCODE);
    let documents = file["documents"].as_array().expect("documents");
    let resources: Vec<&str> = documents
        .iter()
        .map(|d| d["resource"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        resources,
        [
            "aws_dms_replication_task.bare",
            "aws_dms_replication_config.quoted"
        ]
    );
    // Each document's span is its attribute's value in the host file.
    for document in documents {
        assert_eq!(document["attribute"], "table_mappings");
        assert!(labelled(JSONENCODE, document).starts_with("jsonencode({"));
    }
    // Both misspelt keys, each on the bytes the user wrote and in its own document.
    let acton: Vec<(String, &Value)> = file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "dms::unknown_key")
        .map(|d| (labelled(JSONENCODE, &d["labels"][0]), &d["document"]))
        .collect();
    assert_eq!(
        acton,
        [
            ("rule-acton".to_string(), &Value::from(0)),
            ("\"rule-acton\"".to_string(), &Value::from(1)),
        ]
    );
}

#[test]
fn a_file_read_by_terraform_is_reported_at_its_own_path() {
    let run = dms_rules(&["lint", "--format", "json", FILE]).run();
    let json = run.json();
    let files = json["files"].as_array().expect("files");
    let held = "tests/fixtures/host/terraform/file/mappings/table_mappings.json";
    let paths: Vec<&str> = files
        .iter()
        .map(|f| f["path"].as_str().unwrap_or(""))
        .collect();
    // Read by two resources, the JSON file is one document: reported once.
    assert_eq!(paths, [FILE, held]);
    assert_eq!(files[0]["documents"][0]["held_in"], held);
    assert_eq!(files[1]["documents"][0]["read_by"], FILE);
    let readers: Vec<&str> = files[1]["documents"][0]["readers"]
        .as_array()
        .expect("readers")
        .iter()
        .map(|r| r["resource"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        readers,
        [
            "aws_dms_replication_task.module_relative",
            "aws_dms_replication_task.root_relative"
        ]
    );
    let finding = &files[1]["diagnostics"][0];
    assert_eq!(finding["code"], "dms::unknown_key");
    assert_eq!(labelled(held, &finding["labels"][0]), "\"rule-acton\"");
    // The file that does not exist: a warning on the path, in the document that names it.
    let missing = &files[0]["diagnostics"][0];
    assert_eq!(missing["code"], "dms::file_not_read");
    assert_eq!(missing["document"], 2);
    assert_eq!(
        labelled(FILE, &missing["labels"][0]),
        "\"${path.module}/mappings/nothing.json\""
    );
}

/// A scratch directory of its own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("dms-rules-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
        std::fs::write(path, text).expect("write");
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const TASK_TF: &str = r#"resource "aws_dms_replication_task" "t" {
  table_mappings = jsonencode({
    rules = [{
      rule-type = "selection", rule-id = "1", rule-name = "1",
      object-locator = { schema-name = "hr", table-name = "%" },
      rule-acton = "include"
    }]
  })
}
"#;

const TEMPLATE: &str = "Resources:\n  Task:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: '{\"rules\": []}'\n";

const RULES: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "1",
  "object-locator": {"schema-name": "hr", "table-name": "%"}, "rule-action": "include"}]}"#;

#[test]
fn a_directory_is_walked_for_the_files_that_hold_rules() {
    let dir = Scratch::new("walk");
    dir.write("infra/main.tf", TASK_TF);
    dir.write("infra/variables.tf", "variable \"x\" {}\n");
    dir.write("cfn/task.yaml", TEMPLATE);
    dir.write("cfn/k8s.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    dir.write("rules/mappings.json", RULES);
    dir.write("package.json", r#"{"name": "x", "rules": {"a": 1}}"#);
    dir.write("notes.txt", "not rules");
    dir.write(".hidden/main.tf", TASK_TF);
    dir.write(".gitignore", "ignored/\n");
    dir.write("ignored/main.tf", TASK_TF);
    let path = dir.path().to_str().expect("UTF-8 path");
    let run = dms_rules(&["lint", "--format", "json", path]).run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let json = run.json();
    let paths: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap_or("");
            p.strip_prefix(path).unwrap_or(p).to_string()
        })
        .collect();
    assert_eq!(
        paths,
        [
            "/cfn/task.yaml",
            "/infra/main.tf",
            "/infra/variables.tf",
            "/rules/mappings.json"
        ]
    );
    let codes: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics"))
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["dms::no_selection_rule", "dms::unknown_key"]);
}

#[test]
fn a_named_file_is_checked_as_asked_or_said_to_hold_nothing() {
    let dir = Scratch::new("named");
    dir.write("k8s.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    dir.write("task.txt", TASK_TF);
    let k8s = dir.path().join("k8s.yaml");
    let run = dms_rules(&["lint", k8s.to_str().expect("UTF-8")]).run();
    assert_eq!(run.status, 0);
    assert_contains(&run.stderr, "is not a CloudFormation template");
    // No file was checked: the summary says so.
    assert_eq!(run.stdout, "0 errors, 0 warnings in 0 files\n");
    // A Terraform file under another name, and on standard input, with `--input`.
    let task = dir.path().join("task.txt");
    let run = dms_rules(&[
        "lint",
        "--input",
        "terraform",
        task.to_str().expect("UTF-8"),
    ])
    .run();
    assert_eq!(run.status, 1);
    assert_contains(&run.stdout, "unknown key `rule-acton`");
    let run = dms_rules(&["lint", "--input", "terraform", "-"])
        .stdin(TASK_TF.as_bytes())
        .run();
    assert_eq!(run.status, 1);
    assert_contains(&run.stdout, "╭─[<stdin>:6:7]");
    // The name given to standard input tells its kind as a file's name would.
    let run = dms_rules(&["lint", "--stdin-filename", "main.tf", "-"])
        .stdin(TASK_TF.as_bytes())
        .run();
    assert_contains(&run.stdout, "╭─[main.tf:6:7]");
}

#[test]
fn a_secret_outside_the_root_is_never_read() {
    let dir = Scratch::new("root");
    dir.write("secret.json", "{\"rules\": \"TOP-SECRET-VALUE\"}");
    dir.write(
        "repo/main.tf",
        "resource \"aws_dms_replication_task\" \"t\" {\n  table_mappings = file(\"../secret.json\")\n}\n",
    );
    let repo = dir.path().join("repo");
    let main = repo.join("main.tf");
    for format in ["human", "json", "sarif", "github"] {
        let run = dms_rules(&[
            "lint",
            "--format",
            format,
            "--root",
            repo.to_str().expect("UTF-8"),
            main.to_str().expect("UTF-8"),
        ])
        .run();
        assert_eq!(run.status, 0, "{format}: {}", run.stderr);
        assert_contains(&run.stdout, "outside");
        assert!(
            !run.stdout.contains("TOP-SECRET") && !run.stderr.contains("TOP-SECRET"),
            "{format}: {}",
            run.stdout
        );
    }
}

#[test]
fn explain_explains_every_mapping_under_its_resource() {
    let dir = Scratch::new("explain");
    dir.write(
        "main.tf",
        r#"resource "aws_dms_replication_task" "hr" {
  table_mappings = jsonencode({ rules = [{ rule-type = "selection", rule-id = "1",
    rule-name = "hr", object-locator = { schema-name = "HR", table-name = "%" },
    rule-action = "include" }] })
}
resource "aws_dms_replication_task" "jobs" {
  table_mappings = <<EOF
{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "jobs",
  "object-locator": {"schema-name": "HR", "table-name": "JOBZ"}, "rule-action": "include"}]}
EOF
}
"#,
    );
    dir.write("catalog.csv", "schema,name\nHR,EMPLOYEES\nHR,JOBS\n");
    let main = dir.path().join("main.tf");
    let catalog = dir.path().join("catalog.csv");
    let (main, catalog) = (
        main.to_str().expect("UTF-8"),
        catalog.to_str().expect("UTF-8"),
    );
    let run = dms_rules(&["explain", main, "--catalog", catalog]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        "aws_dms_replication_task.hr (table_mappings)\n",
    );
    assert_contains(
        &run.stdout,
        "aws_dms_replication_task.jobs (table_mappings)\n",
    );
    assert_contains(&run.stdout, "2 of 2 objects selected");
    assert_contains(&run.stdout, "rules that matched nothing: 1 (jobs)");
    let run = dms_rules(&["explain", "--format", "json", main, "--catalog", catalog]).run();
    let json = run.json();
    let mappings = json["mappings"].as_array().expect("mappings");
    assert_eq!(mappings.len(), 2);
    assert_eq!(mappings[1]["resource"], "aws_dms_replication_task.jobs");
    // The rule that matches nothing, labelled on the heredoc's bytes in the host file.
    let warning = &mappings[1]["diagnostics"][0];
    assert_eq!(warning["code"], "dms::rule_matches_nothing");
    let source = std::fs::read_to_string(main).expect("host file");
    let offset = warning["labels"][0]["span"]["offset"]
        .as_u64()
        .expect("offset") as usize;
    let length = warning["labels"][0]["span"]["length"]
        .as_u64()
        .expect("length") as usize;
    assert_eq!(&source[offset..offset + length], "\"JOBZ\"");
    assert_eq!(warning["labels"][0]["line"], 9);
}

/// The README shows this run's output as it is.
#[test]
fn the_readme_shows_the_terraform_example_as_it_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let command = "$ dms-rules lint examples/terraform\n";
    let start = readme.find(command).expect("the example in the README") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("end of block")];
    let run = dms_rules(&["lint", "examples/terraform"]).run();
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, shown);
}

/// What a lint run found, in a form that does not depend on how paths are shown: each
/// finding's code and the file name it points into, sorted.
fn findings_by_file(run: &crate::command::Run) -> Vec<(String, String)> {
    let json = run.json();
    let mut found: Vec<(String, String)> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|file| {
            let name = Path::new(file["path"].as_str().expect("path"))
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            file["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(move |d| (d["code"].as_str().unwrap_or("").to_owned(), name.clone()))
        })
        .collect();
    found.sort();
    found
}

/// However the Terraform file is named (bare as pre-commit passes it, `./`, absolute, through
/// its directory, with `--root`), the `file()` it reads is read, and the findings are the same.
#[test]
fn every_way_of_naming_a_terraform_file_reads_its_files() {
    let dir = "tests/fixtures/host/terraform/file";
    let absolute = root().join(dir).join("main.tf");
    let absolute = absolute.to_str().expect("a UTF-8 path");
    let ways: [&[&str]; 5] = [
        &["lint", "--format", "json", "main.tf"],
        &["lint", "--format", "json", "./main.tf"],
        &["lint", "--format", "json", absolute],
        &["lint", "--format", "json", "--root", ".", "main.tf"],
        &["lint", "--format", "json", "--input", "terraform", "."],
    ];
    let mut seen = Vec::new();
    for args in ways {
        let run = dms_rules(args).dir(dir).run();
        assert_eq!(run.status, 1, "{args:?}: {}", run.stderr);
        // Only the file the fixture names that is not there is not read.
        assert!(
            !run.stdout.contains("no root was given"),
            "{args:?}: {}",
            run.stdout
        );
        assert_eq!(run.stdout.matches("was not read: no such file").count(), 1);
        let found = findings_by_file(&run);
        assert!(
            found.contains(&("dms::unknown_key".into(), "table_mappings.json".into())),
            "{args:?}: {found:?}"
        );
        seen.push(found);
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:#?}");
}

/// `explain` on a file whose mapping cannot be read says why, then that there is nothing to
/// explain.
#[test]
fn explain_says_why_there_is_nothing_to_explain() {
    let args = [
        "explain",
        "--catalog",
        "tests/fixtures/catalog/tm-views-and-servers.csv",
        "tests/fixtures/host/terraform/missing-file/main.tf",
    ];
    let run = dms_rules(&args).run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_contains(&run.stderr, "dms::file_not_read");
    assert_contains(&run.stderr, "nothing to explain");
}

/// A JSON file read by three tasks, in a folder that is also walked, is one document: its
/// finding printed and counted once, the files counted once each, and the JSON output listing
/// every task that reads it.
#[test]
fn a_document_read_by_several_tasks_is_reported_once() {
    let dir = "tests/fixtures/host/terraform/shared-file";
    let run = dms_rules(&["lint", dir]).run();
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout.matches("unknown key `rule-acton`").count(),
        1,
        "{}",
        run.stdout
    );
    assert_contains(&run.stdout, "1 error, 0 warnings in 3 files");

    let run = dms_rules(&["lint", "--format", "json", dir]).run();
    let json = run.json();
    let files = json["files"].as_array().expect("files");
    let paths: Vec<&str> = files
        .iter()
        .map(|f| f["path"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    let held: Vec<&Value> = files
        .iter()
        .filter(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("table_mappings.json"))
        })
        .collect();
    assert_eq!(held.len(), 1, "{paths:?}");
    assert_eq!(held[0]["diagnostics"].as_array().map(Vec::len), Some(1));
    let readers: Vec<(String, String)> = held[0]["documents"][0]["readers"]
        .as_array()
        .expect("readers")
        .iter()
        .map(|r| {
            let path = r["path"].as_str().unwrap_or("");
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                r["resource"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        readers,
        [
            (
                "main.tf".into(),
                "aws_dms_replication_task.full_load".into()
            ),
            ("main.tf".into(), "aws_dms_replication_task.cdc".into()),
            (
                "other.tf".into(),
                "aws_dms_replication_task.validation".into()
            ),
        ]
    );
    // Named alone, the host file still reports the finding once (two tasks, one file).
    let run = dms_rules(&["lint", &format!("{dir}/main.tf")]).run();
    assert_eq!(
        run.stdout.matches("unknown key `rule-acton`").count(),
        1,
        "{}",
        run.stdout
    );
    assert_contains(&run.stdout, "in 2 files");
}

/// Program source named on the command line is not read, and says so in one line (not a JSON
/// syntax error); a YAML file forced as CloudFormation but holding no `Resources` says so too,
/// instead of a clean summary.
#[test]
fn what_is_not_read_is_said_in_one_line() {
    let dir = Scratch::new("not-read");
    dir.write(
        "lib/stack.ts",
        "import * as dms from 'aws-cdk-lib/aws-dms';\nnew dms.CfnReplicationTask(this, 'T', {});\n",
    );
    dir.write("app.py", "from aws_cdk import App\n");
    dir.write("values.yaml", "replicas: 2\n");
    for name in ["lib/stack.ts", "app.py"] {
        let path = dir.path().join(name);
        let run = dms_rules(&["lint", path.to_str().expect("UTF-8")]).run();
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, "0 errors, 0 warnings in 0 files\n", "{name}");
        assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
        assert_contains(&run.stderr, "is source code, which is not read");
        assert_contains(&run.stderr, "`cdk synth`, then `dms-rules lint cdk.out`");
        assert!(!run.stderr.contains("JSON"), "{}", run.stderr);
    }
    let values = dir.path().join("values.yaml");
    let values = values.to_str().expect("UTF-8");
    let run = dms_rules(&["lint", "--input", "cloudformation", values]).run();
    assert_eq!(run.status, 0);
    // The note says what was not read; the summary, that no file was checked.
    assert_eq!(run.stdout, "0 errors, 0 warnings in 0 files\n");
    assert_contains(&run.stderr, "has no top-level `Resources`");
    // A directory forced as CloudFormation skips it as any file of no known kind.
    let run = dms_rules(&[
        "lint",
        "--input",
        "cloudformation",
        dir.path().to_str().expect("UTF-8"),
    ])
    .run();
    assert!(!run.stdout.contains("values.yaml"), "{}", run.stdout);
}

/// Values given to a root module's variables (`terraform.tfvars`, `*.auto.tfvars`, a
/// `-var-file` such as `envs/prod.tfvars`, `.tfvars.json`, Terragrunt's `inputs`) are read as
/// Terraform values, named or walked, each checked where it is written.
#[test]
fn variables_files_are_read_as_the_values_they_hold() {
    const TFVARS: &str = "tests/fixtures/host/terraform/tfvars";
    for (file, at) in [
        // Named on the command line, as `-var-file` names it: not a JSON syntax error.
        ("tfvars/envs/prod.tfvars", &["4:65"][..]),
        ("tfvars/terraform.tfvars", &["10:9", "19:179"]),
        ("tfvars/prod.auto.tfvars", &["2:185"]),
        ("tfvars/stage.tfvars.json", &["2:178", "6:194", "9:27"]),
        ("terragrunt/terragrunt.hcl", &["12:7", "26:67"]),
    ] {
        let path = format!("tests/fixtures/host/terraform/{file}");
        let run = dms_rules(&["lint", &path]).run();
        assert_eq!(run.status, 1, "{file}: {}", run.stderr);
        assert!(!run.stdout.contains("json_syntax"), "{}", run.stdout);
        for at in at {
            assert_contains(&run.stdout, &format!("╭─[{path}:{at}]"));
        }
    }
    // Walked: each file beside the module, each value a document named for its variable.
    let run = dms_rules(&["lint", "--format", "json", TFVARS]).run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    let json = run.json();
    let documents: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap_or("").to_owned();
            f["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(move |d| {
                    let name = path.strip_prefix(TFVARS).unwrap_or(&path);
                    format!("{name} {}", d["resource"].as_str().unwrap_or(""))
                })
        })
        .collect();
    assert_eq!(
        documents,
        [
            "/envs/prod.tfvars var.rules",
            "/main.tf aws_dms_replication_task.main",
            "/prod.auto.tfvars var.default_table_mappings",
            "/stage.tfvars.json var.rules",
            "/stage.tfvars.json var.tasks[\"full\"]",
            "/stage.tfvars.json var.extra_table_mappings",
            "/terraform.tfvars var.rules",
            "/terraform.tfvars var.tasks[\"cdc\"]",
        ]
    );
}

/// The engines and migration type each document was checked with, and where each came from:
/// read from the code (`file:line:column`), or given on the command line, which wins; an
/// endpoint that cannot be known is said in one line.
#[test]
fn json_says_which_engines_applied_and_where_each_was_read() {
    const ENGINES: &str = "tests/fixtures/host/terraform/engines/main.tf";
    let settings = |run: &crate::command::Run| -> Vec<String> {
        run.json()["files"][0]["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .map(|d| {
                let task = &d["task"];
                let one = |key: &str| {
                    let s = &task[key];
                    match (&s["value"], &s["not_known"]) {
                        (Value::String(v), _) => {
                            format!("{v} from {}", s["from"].as_str().unwrap_or(""))
                        }
                        (_, Value::String(_)) => {
                            format!("not known at {}", s["from"].as_str().unwrap_or(""))
                        }
                        _ => "none".to_owned(),
                    }
                };
                format!(
                    "{}: {}; {}; {}",
                    d["resource"].as_str().unwrap_or(""),
                    one("source_engine"),
                    one("target_engine"),
                    one("migration_type")
                )
            })
            .collect()
    };
    let run = dms_rules(&["lint", "--format", "json", ENGINES]).run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    let at = |line_column: &str| format!("{ENGINES}:{line_column}");
    let variables = "tests/fixtures/host/terraform/engines/variables.tf";
    assert_eq!(
        settings(&run),
        [
            format!(
                "aws_dms_replication_task.oracle_to_postgres: oracle from {}; aurora-postgresql from {variables}:3:13; cdc from {}",
                at("5:19"),
                at("16:25")
            ),
            format!(
                "module.database_migration_service.replication_tasks[\"archive\"]: db2 from {}; s3 from {}; full-load from {}",
                at("42:23"),
                at("46:23"),
                at("52:29")
            ),
            format!(
                "aws_dms_replication_task.elsewhere: not known at {}; not known at {}; full-load-and-cdc from {}",
                at("77:25"),
                at("78:25"),
                at("76:25")
            ),
        ]
    );
    // The endpoint that cannot be known, in one line.
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "`aws_dms_replication_task.elsewhere`: the source engine is not known",
    );
    // The Oracle source's case check ran on what was read.
    assert_contains(&run.stdout, "and the source is Oracle");
    // A flag wins over what is read, and says so.
    let run = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--source-engine",
        "postgres",
        ENGINES,
    ])
    .run();
    let first = &settings(&run)[0];
    assert!(
        first.contains(": postgres from --source-engine; aurora-postgresql"),
        "{first}"
    );
    assert!(
        !run.stdout.contains("and the source is Oracle"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stderr.contains("source engine is not known"),
        "{}",
        run.stderr
    );
}

/// The README's claims about what is read, kept true: each form it names for variables files
/// and for finding engines is a fixture the command reads as the README says.
#[test]
fn the_readme_says_what_is_read_and_how_engines_are_found() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    // From `title` to the next `until`.
    let section = |title: &str, until: &str| -> String {
        let start = readme
            .find(title)
            .unwrap_or_else(|| panic!("`{title}` in the README"));
        let rest = &readme[start..];
        let end = rest[title.len()..]
            .find(until)
            .map_or(rest.len(), |n| n + title.len());
        rest[..end].to_owned()
    };
    // Each variables file form the README names is read, as the variable it gives a value to.
    let variables = section("- **Values of variables.**", "\n- **");
    for (form, file, document) in [
        ("`terraform.tfvars`", "tfvars/terraform.tfvars", "var.rules"),
        (
            "`*.auto.tfvars`",
            "tfvars/prod.auto.tfvars",
            "var.default_table_mappings",
        ),
        ("`envs/prod.tfvars`", "tfvars/envs/prod.tfvars", "var.rules"),
        (
            "`.tfvars.json`",
            "tfvars/stage.tfvars.json",
            "var.tasks[\"full\"]",
        ),
        (
            "`inputs = {...}`",
            "terragrunt/terragrunt.hcl",
            "inputs.default_table_mappings",
        ),
    ] {
        assert!(variables.contains(form), "the README does not name {form}");
        let path = format!("tests/fixtures/host/terraform/{file}");
        let run = dms_rules(&["lint", "--format", "json", &path]).run();
        let json = run.json();
        let found: Vec<&str> = json["files"][0]["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .filter_map(|d| d["resource"].as_str())
            .collect();
        assert!(found.contains(&document), "{form}: {found:?}");
    }
    // Each shape the README says engines are read from gives an engine in the JSON output.
    let engines = section("### How engines are found", "\n#");
    for (shape, file, document) in [
        (
            "`aws_dms_endpoint.x.endpoint_arn`",
            "terraform/engines/main.tf",
            "aws_dms_replication_task.oracle_to_postgres",
        ),
        (
            "`source_endpoint_key`",
            "terraform/engines/main.tf",
            "module.database_migration_service.replication_tasks[\"archive\"]",
        ),
        ("`!Ref X`", "cloudformation/engines.yaml", "Task"),
        (
            "`!GetAtt X.Arn`",
            "cloudformation/engines.yaml",
            "Elsewhere",
        ),
    ] {
        assert!(engines.contains(shape), "the README does not name {shape}");
        let path = format!("tests/fixtures/host/{file}");
        let run = dms_rules(&["lint", "--format", "json", &path]).run();
        let json = run.json();
        let task = json["files"][0]["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["resource"] == document)
            .map(|d| d["task"].clone())
            .unwrap_or_else(|| panic!("{shape}: no document {document}"));
        assert!(
            task["source_engine"]["value"].is_string(),
            "{shape}: {task}"
        );
        assert!(
            task["migration_type"]["value"].is_string(),
            "{shape}: {task}"
        );
    }
    // What is not known is said, as the README says.
    assert!(engines.contains("said in one line on standard error"));
}

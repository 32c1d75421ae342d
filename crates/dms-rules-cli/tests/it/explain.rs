//! `dms-rules explain` against CSV catalogs. Every case under `fixtures/explain/` runs the
//! real binary in both formats, pinned in `human.snap` and `json.snap` (exit status, stdout,
//! stderr); the tests below also read the JSON field by field where the semantics are the
//! point.

use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{assert_contains, assert_snapshot, fixtures, root};

/// `dms-rules explain ARGS` to run from the fixtures directory, so paths in reports are stable.
fn explain_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dms-rules"));
    command
        .current_dir(fixtures())
        .arg("explain")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DMS_RULES_CATALOG");
    command
}

/// Runs `dms-rules explain ARGS` from the fixtures directory.
pub fn explain(args: &[&str]) -> Output {
    explain_command(args).output().expect("run dms-rules")
}

/// The stdout of a run, which must be one JSON document.
pub fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// The pinned form of a run: exit status, stdout, stderr.
pub fn pinned(output: &Output) -> String {
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn case_args(case: &str) -> (String, String) {
    (
        format!("explain/{case}/rules.json"),
        format!("explain/{case}/catalog.csv"),
    )
}

/// Runs `explain` on the rules of `case` with its catalog, then `extra`.
fn explain_case(case: &str, extra: &[&str]) -> Output {
    let (rules, catalog) = case_args(case);
    let mut args = vec![rules.as_str(), "--catalog", &catalog];
    args.extend_from_slice(extra);
    explain(&args)
}

#[test]
fn every_case_matches_its_snapshots() {
    let dir = fixtures().join("explain");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .expect("explain fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "{cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        for format in ["human", "json"] {
            let output = explain_case(case, &["--format", format]);
            let snap = dir.join(case).join(format!("{format}.snap"));
            if let Err(e) = assert_snapshot(&snap, &pinned(&output)) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `schema.name` → (selected, decided-by) from the JSON output of a case.
fn verdicts(case: &str, extra: &[&str]) -> Vec<(String, bool, Option<String>)> {
    let output = explain_case(case, &[&["--format", "json"], extra].concat());
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    stdout_json(&output)["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .map(|o| {
            (
                format!(
                    "{}.{}",
                    o["schema"].as_str().expect("schema"),
                    o["name"].as_str().expect("name")
                ),
                o["selected"].as_bool().expect("selected"),
                o["decided-by"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn row(object: &str, selected: bool, rule: Option<&str>) -> (String, bool, Option<String>) {
    (object.to_string(), selected, rule.map(str::to_string))
}

fn codes(case: &str) -> Vec<String> {
    stdout_json(&explain_case(case, &["--format", "json"]))["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn percent_underscore_and_literal_underscore() {
    assert_eq!(
        verdicts("tm-percent-and-underscore", &[]),
        [
            row("HR.DEPT", false, None),
            row("HR.EMP", true, Some("1")),
            row("HR.EMPLOYEES", true, Some("1")),
            row("HR.LOGX1", false, None),
            row("HR.LOG_1", true, Some("3")),
            row("HR.TMP", false, None),
            row("HR.TMPXA", true, Some("2")),
            row("HR.TMP_A", true, Some("2")),
            row("HX.LOG_2", true, Some("3")),
        ]
    );
}

#[test]
fn names_are_case_sensitive() {
    assert_eq!(
        verdicts("tm-case", &[]),
        [
            row("HR.EMPLOYEES", false, None),
            row("Sales.OrderLines", true, Some("3")),
            row("Sales.Orders", true, Some("3")),
            row("sales.orders", false, None),
        ]
    );
    assert_eq!(
        codes("tm-case"),
        ["dms::rule_matches_nothing", "dms::rule_matches_nothing"]
    );
}

#[test]
fn table_type_picks_tables_views_or_both() {
    assert_eq!(
        verdicts("tm-table-type", &[]),
        [
            row("app.add_user", false, None),
            row("app.mv_totals", false, None),
            row("app.users", true, Some("1")),
            row("app.v_users", false, None),
            row("audit.events", true, Some("3")),
            row("audit.v_events", true, Some("3")),
            row("report.daily", true, Some("2")),
            row("report.raw", false, None),
        ]
    );
}

#[test]
fn table_mapping_excludes_win_whatever_their_id() {
    assert_eq!(
        verdicts("tm-exclude-after-include", &[]),
        [
            row("dw.fact_sales", true, Some("2")),
            row("dw.fact_sales_bak", false, Some("3")),
            row("dw.stg_sales", false, Some("1")),
            row("dw.stgsales", true, Some("2")),
            // Excluded, but nothing included it: no rule changed its state.
            row("ops.jobs_bak", false, None),
        ]
    );
}

#[test]
fn explicit_names_are_exact() {
    assert_eq!(
        verdicts("tm-explicit", &[]),
        [
            row("HR.EMPLOYEES", true, Some("10")),
            row("HR.EMPLOYEES2", false, None),
            row("HR.EMPXDETAILS", false, None),
            row("HR.EMP_DETAILS", true, Some("20")),
            row("HR.JOBS", false, None),
        ]
    );
}

#[test]
fn schema_conversion_applies_rules_by_ascending_id() {
    assert_eq!(
        verdicts("sc-rule-id-order", &[]),
        [
            row("HR.EMPLOYEES", false, None),
            row("HR.ADD_JOB", true, Some("3")),
            // Rule 2 excludes before anything is included, so it changes nothing.
            row("HR.AUDIT_LOG", true, Some("3")),
            row("HR.EMPLOYEES", true, Some("3")),
            row("HR.EMP_SEQ", true, Some("3")),
            // Excluded by 5, then added back by the explicit rule 7.
            row("HR.TMP_KEEP", true, Some("7")),
            row("HR.TMP_LOAD", false, Some("5")),
            row("HR.V_EMP", true, Some("3")),
            row("OPS.JOBS", false, None),
            row("OPS.NEXT_RUN", false, None),
            row("OPS.RUN_JOBS", true, Some("9")),
        ]
    );
}

#[test]
fn only_filters_the_list_but_not_the_summary() {
    let selected = verdicts("tm-explicit", &["--only", "selected"]);
    assert_eq!(
        selected,
        [
            row("HR.EMPLOYEES", true, Some("10")),
            row("HR.EMP_DETAILS", true, Some("20")),
        ]
    );
    let unselected = verdicts("tm-explicit", &["--only", "unselected"]);
    assert_eq!(unselected.len(), 3);
    assert!(unselected.iter().all(|(_, selected, _)| !selected));

    let human = explain_case("tm-explicit", &["--only", "selected"]);
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert_contains(&stdout, "\n2 of 5 objects selected\n");
    let listed = stdout.lines().filter(|l| l.starts_with("HR ")).count();
    assert_eq!(listed, 2, "{stdout}");
}

#[test]
fn diagnostics_in_json_have_spans_lines_and_columns() {
    let json = stdout_json(&explain_case("tm-case", &["--format", "json"]));
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "dms::rule_matches_nothing");
    assert_eq!(first["severity"], "warning");
    assert_eq!(
        first["message"],
        "this `include` rule (id 1) matches no object in the catalog"
    );
    assert_eq!(
        first["help"],
        "did you mean schema `HR`? Names are case-sensitive"
    );
    let label = &first["labels"][0];
    let (rules, _) = case_args("tm-case");
    let source = std::fs::read(fixtures().join(rules)).expect("rules");
    let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
    let length = label["span"]["length"].as_u64().expect("length") as usize;
    assert_eq!(&source[offset..offset + length], b"\"hr\"");
    assert_eq!(
        (label["line"].as_u64(), label["column"].as_u64()),
        (Some(7), Some(42))
    );
}

#[test]
fn rules_with_errors_stop_before_the_catalog_is_read() {
    let output = explain(&[
        "invalid/duplicate_rule_id/same-string.json",
        "--catalog",
        "explain/does-not-exist.csv",
    ]);
    assert_snapshot(
        &fixtures().join("explain-errors/rule-errors.snap"),
        &pinned(&output),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

/// A PostgreSQL nothing listens at.
const UNREACHABLE: &str = "postgres://user@127.0.0.1:1/none?connect_timeout=5";

#[test]
fn unreadable_catalogs_exit_with_status_2() {
    let dir = fixtures().join("explain-errors");
    let rules = "explain/tm-explicit/rules.json";
    let cases: &[(&str, &str)] = &[
        ("missing-file", "explain/does-not-exist.csv"),
        ("bad-csv", "explain-errors/bad-row.csv"),
        ("unknown-kind", "explain-errors/unknown-kind.csv"),
        // Port 1 on the loopback: refused at once, and never leaves the machine.
        #[cfg(feature = "postgres")]
        ("unreachable-database", UNREACHABLE),
    ];
    let mut failures = Vec::new();
    for &(name, catalog) in cases {
        let output = explain(&[rules, "--catalog", catalog]);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", pinned(&output));
        assert!(output.stdout.is_empty(), "{name}");
        if let Err(e) = assert_snapshot(&dir.join(format!("{name}.snap")), &pinned(&output)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A build without the database readers (`--no-default-features`) says which feature reads
/// the database named, and reads nothing.
#[cfg(not(feature = "postgres"))]
#[test]
fn a_build_without_a_reader_says_which_feature_has_it() {
    let output = explain(&["explain/tm-explicit/rules.json", "--catalog", UNREACHABLE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: this build of dms-rules cannot read PostgreSQL: build it with the `postgres` \
         feature\n"
    );
}

#[test]
fn the_catalog_can_come_from_the_environment() {
    let output = explain_command(&["explain/tm-explicit/rules.json", "--format", "json"])
        .env("DMS_RULES_CATALOG", "explain/tm-explicit/catalog.csv")
        .output()
        .expect("run dms-rules");
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    let json = stdout_json(&output);
    assert_eq!(json["objects"].as_array().map(Vec::len), Some(5));
}

/// Every case under `fixtures/explain-target/`, with `--target`, in both formats.
#[test]
fn every_target_case_matches_its_snapshots() {
    let dir = fixtures().join("explain-target");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .expect("explain-target fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let rules = format!("explain-target/{case}/rules.json");
        let catalog = format!("explain-target/{case}/catalog.csv");
        for format in ["human", "json"] {
            let output = explain(&[
                &rules,
                "--catalog",
                &catalog,
                "--target",
                "--format",
                format,
            ]);
            let snap = dir.join(case).join(format!("{format}.snap"));
            if let Err(e) = assert_snapshot(&snap, &pinned(&output)) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A target `schema.name` and the ids of the rules that acted.
type Target = (String, Vec<String>);

/// `schema.name` → its target, `None` when unselected.
fn targets(case: &str) -> Vec<(String, Option<Target>)> {
    let rules = format!("explain-target/{case}/rules.json");
    let catalog = format!("explain-target/{case}/catalog.csv");
    let output = explain(&[
        &rules,
        "--catalog",
        &catalog,
        "--target",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    let text = |v: &Value| v.as_str().expect("a string").to_string();
    stdout_json(&output)["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .map(|o| {
            let source = format!("{}.{}", text(&o["schema"]), text(&o["name"]));
            let target = &o["target"];
            let target = (!target.is_null()).then(|| {
                (
                    format!("{}.{}", text(&target["schema"]), text(&target["name"])),
                    target["rules"]
                        .as_array()
                        .expect("rules")
                        .iter()
                        .map(text)
                        .collect(),
                )
            });
            (source, target)
        })
        .collect()
}

#[test]
fn target_names_follow_the_first_schema_and_table_rule_of_each_object() {
    let some = |name: &str, rules: &[&str]| {
        Some((
            name.to_string(),
            rules.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        ))
    };
    let own = |s: &str| s.to_string();
    assert_eq!(
        targets("renames"),
        [
            (own("HR.ADD_JOB_HISTORY"), None),
            (own("HR.EMPLOYEES"), some("hr_dw.employees", &["10", "12"])),
            (
                own("HR.EMP_DETAILS_VIEW"),
                some("hr_dw.emp_details_view", &["10", "12"])
            ),
            (own("HR.JOBS"), some("hr_dw.jobs", &["10", "12"])),
            (own("HR.TMP_LOAD"), some("hr_dw.STG_LOAD", &["10", "11"])),
            // Rule 13 also matches, but rule 12 acts on the table first.
            (own("SALES.ORDERS_OLD"), some("SALES.orders_old", &["12"])),
            (own("SALES.REGIONS"), some("SALES.regions", &["12"])),
        ]
    );
}

#[test]
fn without_target_the_output_has_no_target() {
    let (rules, catalog) = case_args("tm-transformation-overlap");
    let output = explain(&[&rules, "--catalog", &catalog, "--format", "json"]);
    let json = stdout_json(&output);
    let objects = json["objects"].as_array().expect("objects");
    assert!(!objects.is_empty());
    assert!(objects.iter().all(|o| o.get("target").is_none()));
}

/// The README shows this run's output as it is.
#[test]
fn the_readme_shows_the_target_example_as_it_runs() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let command =
        "$ dms-rules explain examples/table-mapping.json --catalog examples/catalog.csv --target\n";
    let start = readme.find(command).expect("the example in the README") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("end of block")];
    let output = Command::new(env!("CARGO_BIN_EXE_dms-rules"))
        .current_dir(root)
        .args([
            "explain",
            "examples/table-mapping.json",
            "--catalog",
            "examples/catalog.csv",
            "--target",
        ])
        .env("NO_COLOR", "1")
        .env_remove("DMS_RULES_CATALOG")
        .output()
        .expect("run dms-rules");
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout), shown);
}

/// A column as the JSON output gives it: source name, target name, target type, rules.
type ShownColumn = (Option<String>, Option<String>, Option<String>, Vec<String>);

/// Each column of `table` in the `columns` case.
fn columns_of(table: &str) -> Vec<ShownColumn> {
    let rules = "explain-target/columns/rules.json";
    let catalog = "explain-target/columns/catalog.csv";
    let output = explain(&[rules, "--catalog", catalog, "--target", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    let json = stdout_json(&output);
    let object = json["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o["name"] == table)
        .expect("the table")
        .clone();
    let text = |v: &Value| v.as_str().map(str::to_string);
    object["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            (
                text(&c["name"]),
                text(&c["target"]["name"]),
                text(&c["target"]["type"]),
                c["rules"]
                    .as_array()
                    .expect("rules")
                    .iter()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn columns_show_their_target_names_and_types_and_the_rules_that_acted() {
    let s = |t: &str| Some(t.to_string());
    let ids = |ids: &[&str]| ids.iter().map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(
        columns_of("EMPLOYEES"),
        [
            (s("EMPLOYEE_ID"), s("EMPLOYEE_ID"), s("NUMBER"), ids(&[])),
            (s("EMP_NAME"), s("FULL_NAME"), s("VARCHAR2"), ids(&["10"])),
            // Removed: no target at all.
            (s("SSN"), None, None, ids(&["11"])),
            // Masking shares the column with `change-data-type`.
            (
                s("SALARY"),
                s("SALARY"),
                s("numeric(12,2)"),
                ids(&["12", "13"])
            ),
            (None, s("LOADED_AT"), s("datetime(6)"), ids(&["14"])),
        ]
    );
    assert_eq!(
        columns_of("JOBS"),
        [
            (s("JOB_ID"), s("J_ID"), s("VARCHAR2"), ids(&["15"])),
            (s("JOB_TITLE"), s("J_TITLE"), s("VARCHAR2"), ids(&["15"])),
            (s("DESCRIPTION"), s("DESCRIPTION"), s("CLOB"), ids(&[])),
            // `non-lob`: the CLOB column gets none; the others under their target names.
            (None, s("BI_J_ID"), s("VARCHAR2"), ids(&["16"])),
            (None, s("BI_J_TITLE"), s("VARCHAR2"), ids(&["16"])),
        ]
    );
    // `include-column` keeps only the columns it names; the before-image columns of the
    // primary key are not in the catalog, which the output says.
    assert_eq!(
        columns_of("REGIONS"),
        [
            (s("REGION_ID"), s("REGION_ID"), s("NUMBER"), ids(&["17"])),
            (
                s("REGION_NAME"),
                s("REGION_NAME"),
                s("VARCHAR2"),
                ids(&["17"])
            ),
            (s("NOTES"), None, None, ids(&["17"])),
        ]
    );
}

#[test]
fn what_the_catalog_cannot_tell_about_columns_is_said() {
    let output = explain(&[
        "explain-target/columns/rules.json",
        "--catalog",
        "explain-target/columns/catalog.csv",
        "--target",
        "--format",
        "json",
    ]);
    let json = stdout_json(&output);
    let regions = json["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o["name"] == "REGIONS")
        .expect("REGIONS")
        .clone();
    let left_out = regions["columns-left-out"].as_array().expect("a note");
    assert_eq!(left_out.len(), 1);
    assert!(left_out[0]
        .as_str()
        .expect("text")
        .contains("rule 18 adds before-image columns for the primary-key columns"));
    // Without columns in the catalog, no object has `columns`.
    let (rules, catalog) = case_args("tm-transformation-overlap");
    let output = explain(&[
        &rules,
        "--catalog",
        &catalog,
        "--target",
        "--format",
        "json",
    ]);
    let json = stdout_json(&output);
    assert!(json["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .all(|o| o.get("columns").is_none()));
}

//! `dms-rules lint` end to end: the real binary, its stdout, stderr and exit status.

use dms_rules::Options;

use crate::command::{dms_rules, snapshot_path, Run};
use crate::support::{
    assert_contains, assert_ends_with, assert_snapshot, assert_starts_with, fixtures, json_files,
    root,
};

/// A schema conversion document with no finding (SOURCES.md: VALID, nothing to warn about).
const CLEAN: &str =
    "tests/corpus/real-world/sc-awscli-start-metadata-model-import-schema-explicit.json";
/// A table mapping document with no finding.
const TABLE_MAPPING: &str = "tests/corpus/real-world/tm-docs-selection-explicit-single-table.json";
/// One error with a secondary label, over several lines.
const DUPLICATE: &str = "tests/fixtures/invalid/duplicate_key/rule-id-twice.json";
/// One syntax error.
const SYNTAX: &str = "tests/fixtures/invalid/json_syntax/missing-comma.json";
const MISSING: &str = "tests/fixtures/no-such-file.json";

/// Runs `args` and compares the whole transcript with `tests/fixtures/cli/<name>.snap`.
fn pinned(name: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut invocation = dms_rules(args);
    if let Some(bytes) = stdin {
        invocation = invocation.stdin(bytes);
    }
    let run = invocation.run();
    if let Err(e) = assert_snapshot(&snapshot_path(name), &run.transcript(args)) {
        panic!("{e}");
    }
    run
}

#[test]
fn a_clean_file_prints_nothing_but_the_summary() {
    let run = dms_rules(&["lint", CLEAN]).run();
    assert_eq!(run.stdout, "0 errors, 0 warnings in 1 file\n");
    assert_eq!(run.stderr, "");
    assert_eq!(run.status, 0);
}

#[test]
fn an_invalid_file_gets_a_graphical_report_and_status_1() {
    let run = pinned("human-duplicate-key", &["lint", DUPLICATE], None);
    assert_eq!(run.status, 1);
    assert_ends_with(&run.stdout, "\n1 error, 0 warnings in 1 file\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn github_format_prints_one_workflow_command_per_diagnostic() {
    let run = dms_rules(&["lint", "--format", "github", DUPLICATE, SYNTAX]).run();
    assert_eq!(
        run.stdout,
        "::error file=tests/fixtures/invalid/duplicate_key/rule-id-twice.json,\
         line=7,col=7,endLine=7,endColumn=16,title=dms%3A%3Aduplicate_key::\
         key `rule-id` appears twice in this object%0Ahelp: keep one of the two members; \
         which one a reader of the JSON uses is not defined\n\
         ::error file=tests/fixtures/invalid/json_syntax/missing-comma.json,\
         line=2,col=19,endLine=2,endColumn=20,title=dms%3A%3Ajson_syntax::\
         expected `,` or `}` after an object member, found `\"`\n"
    );
    assert_eq!(run.stderr, "");
    assert_eq!(run.status, 1);
}

#[test]
fn github_format_escapes_the_file_property() {
    let args = [
        "lint",
        "--format",
        "github",
        "--stdin-filename",
        "maps/a,b:c%.json",
    ];
    let run = dms_rules(&args).stdin(b"").run();
    assert_starts_with(
        &run.stdout,
        "::error file=maps/a%2Cb%3Ac%25.json,line=1,col=1,",
    );
    assert_eq!(run.status, 1);
}

#[test]
fn json_format_is_pinned() {
    let run = pinned(
        "json-duplicate-key",
        &["lint", "--format", "json", DUPLICATE],
        None,
    );
    assert_eq!(run.status, 1);
    assert_eq!(run.stderr, "");
}

#[test]
fn standard_input_is_read_without_a_file_and_with_dash() {
    let source = std::fs::read(absolute(SYNTAX)).expect("fixture");
    let implicit = dms_rules(&["lint"]).stdin(&source).run();
    let dash = pinned("stdin-dash", &["lint", "-"], Some(&source));
    assert_eq!(implicit.stdout, dash.stdout);
    assert_eq!(implicit.status, 1);
    assert_contains(&dash.stdout, "╭─[<stdin>:2:19]");

    let named = dms_rules(&["lint", "--stdin-filename", "rules/task.json", "-"])
        .stdin(&source)
        .run();
    assert_contains(&named.stdout, "╭─[rules/task.json:2:19]");
}

fn absolute(path: &str) -> std::path::PathBuf {
    root().join(path)
}

#[test]
fn several_files_are_checked_independently() {
    let run = pinned(
        "several-files-one-bad",
        &["lint", CLEAN, SYNTAX, TABLE_MAPPING],
        None,
    );
    assert_eq!(run.status, 1);
    assert_ends_with(&run.stdout, "\n1 error, 0 warnings in 3 files\n");
}

#[test]
fn an_unreadable_file_is_status_2_and_the_others_are_still_checked() {
    let run = pinned("missing-file", &["lint", SYNTAX, MISSING, CLEAN], None);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: cannot read `tests/fixtures/no-such-file.json`: \
         No such file or directory (os error 2)\n"
    );
    assert_ends_with(&run.stdout, "\n1 error, 0 warnings in 2 files\n");

    // Machine formats still print their one document, with the files that could be read.
    let json = dms_rules(&["lint", "--format", "json", MISSING, CLEAN]).run();
    assert_eq!(json.status, 2);
    assert_eq!(json.json()["files"][0]["path"], CLEAN);
    assert_eq!(json.json()["files"].as_array().map(Vec::len), Some(1));
}

#[test]
fn nothing_readable_prints_no_summary() {
    let run = dms_rules(&["lint", MISSING]).run();
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_starts_with(&run.stderr, "error: cannot read");
}

#[test]
fn a_run_with_nothing_to_check_still_prints_the_summary() {
    let dir = std::env::temp_dir().join(format!("dms-rules-nothing-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("empty")).expect("folder");
    let yaml = dir.join("settings.yaml");
    std::fs::write(&yaml, "name: not a template\n").expect("yaml");
    let empty = dir.join("empty");
    for path in [&empty, &yaml] {
        let path = path.to_str().expect("utf-8 path");
        let run = dms_rules(&["lint", "--no-config", path]).run();
        assert_eq!(run.status, 0, "{path}: {}", run.stderr);
        assert_eq!(run.stdout, "0 errors, 0 warnings in 0 files\n", "{path}");
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// Exit statuses without and with `--deny-warnings`.
fn statuses(path: &str) -> (i32, i32) {
    let without = dms_rules(&["lint", path]).run().status;
    let with = dms_rules(&["lint", "--deny-warnings", path]).run().status;
    (without, with)
}

/// Fixtures whose every diagnostic is a warning: the inputs `--deny-warnings` exists for.
fn warning_only_fixtures() -> Vec<String> {
    let dirs = std::fs::read_dir(fixtures().join("invalid"))
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir());
    let mut found = Vec::new();
    for path in dirs.flat_map(|dir| json_files(&dir)) {
        let source = std::fs::read(&path).expect("fixture");
        let checked = dms_rules::check(&source, &Options::default());
        let diagnostics = checked.diagnostics();
        if !diagnostics.is_empty()
            && diagnostics
                .iter()
                .all(|d| d.severity == dms_rules::Severity::Warning)
        {
            let relative = path.strip_prefix(root()).expect("inside the package");
            found.push(relative.display().to_string());
        }
    }
    found.sort();
    found
}

#[test]
fn deny_warnings_fails_on_warnings_and_changes_nothing_else() {
    assert_eq!(statuses(CLEAN), (0, 0));
    assert_eq!(statuses(DUPLICATE), (1, 1));
    // Every warning-only fixture passes, and fails under the flag.
    let warning_only = warning_only_fixtures();
    assert!(!warning_only.is_empty(), "no warning-only fixture to try");
    for path in warning_only {
        assert_eq!(statuses(&path), (0, 1), "{path}");
    }
}

#[test]
fn dialect_is_detected_or_forced() {
    // The dialect `lint --format json ARGS` reports for its one file.
    let dialect = |args: &[&str]| {
        let run = dms_rules(&[&["lint", "--format", "json"], args].concat()).run();
        run.json()["files"][0]["dialect"].clone()
    };
    assert_eq!(dialect(&[CLEAN]), "schema-conversion");
    assert_eq!(dialect(&[TABLE_MAPPING]), "table-mapping");
    assert_eq!(
        dialect(&["--dialect", "table-mapping", CLEAN]),
        "table-mapping"
    );
    assert_eq!(dialect(&["--dialect", "auto", CLEAN]), "schema-conversion");
    assert_eq!(
        dialect(&["--dialect", "schema-conversion", TABLE_MAPPING]),
        "schema-conversion"
    );
    // No rules array, no dialect.
    assert_eq!(dialect(&[SYNTAX]), serde_json::Value::Null);
}

#[test]
fn operation_takes_the_cli_or_the_api_name() {
    for name in ["describe-metadata-model", "DescribeMetadataModel"] {
        let run = dms_rules(&["lint", "--operation", name, CLEAN]).run();
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
    }
    let run = dms_rules(&["lint", "--operation", "import", CLEAN]).run();
    assert_eq!(run.status, 2);
    assert_contains(
        &run.stderr,
        "unknown operation `import`: expected one of start-metadata-model-import,",
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn usage_errors_are_status_2() {
    for args in [
        &["lint", "--format", "xml", CLEAN][..],
        &["lint", "--dialect", "sc", CLEAN],
        &["lint", "--color", "sometimes", CLEAN],
        &["lint", "--no-such-flag"],
        &[],
    ] {
        let run = dms_rules(args).run();
        assert_eq!(run.status, 2, "{args:?}");
        // clap's own message, pointing to `--help`.
        assert!(run.stderr.contains("--help"), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn help_and_version_are_status_0() {
    let help = dms_rules(&["lint", "--help"]).run();
    assert_eq!(help.status, 0);
    assert_contains(&help.stdout, "--deny-warnings");
    let version = dms_rules(&["--version"]).run();
    assert_eq!(version.status, 0);
    assert_eq!(
        version.stdout,
        format!("dms-rules {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn colour_follows_color_and_no_color() {
    const ESC: char = '\u{1b}';
    let coloured = |args: &[&str], no_color: Option<&str>| {
        let mut invocation = dms_rules(args);
        if let Some(value) = no_color {
            invocation = invocation.env("NO_COLOR", value);
        }
        invocation.run().stdout.contains(ESC)
    };
    assert!(coloured(&["lint", "--color", "always", SYNTAX], None));
    // An explicit request beats the environment.
    assert!(coloured(&["lint", "--color", "always", SYNTAX], Some("1")));
    assert!(!coloured(&["lint", "--color", "never", SYNTAX], None));
    // Not a terminal here, so `auto` means no colour, with or without NO_COLOR.
    assert!(!coloured(&["lint", SYNTAX], None));
    assert!(!coloured(&["lint", "--color", "auto", SYNTAX], Some("1")));
    // Machine formats never carry colour.
    assert!(!coloured(
        &["lint", "--color", "always", "--format", "json", SYNTAX],
        None
    ));
    assert!(!coloured(
        &["lint", "--color", "always", "--format", "github", SYNTAX],
        None
    ));
}

#[test]
fn hostile_input_is_a_finding_not_a_crash() {
    let deep = "[".repeat(100_000);
    let cases: [(&[u8], &str); 5] = [
        (b"", "dms::empty_document"),
        (b"\xef\xbb\xbf  \n", "dms::empty_document"),
        (b"{\"rules\": [\"caf\xe9\"]}", "dms::invalid_utf8"),
        (deep.as_bytes(), "dms::nesting_too_deep"),
        (b"\x00\xff{", "dms::invalid_utf8"),
    ];
    for (input, code) in cases {
        for format in ["human", "json", "sarif", "github"] {
            let run = dms_rules(&["lint", "--format", format, "-"])
                .stdin(input)
                .run();
            assert_eq!(run.status, 1, "{code} as {format}: {}", run.stderr);
            assert_eq!(run.stderr, "", "{code} as {format}");
            // How each format spells the code of a finding.
            let needle = match format {
                "sarif" => format!("\"ruleId\": \"{code}\""),
                "github" => format!("title={}", code.replace(':', "%3A")),
                _ => code.to_string(),
            };
            assert!(
                run.stdout.contains(&needle),
                "{code} as {format}: {}",
                run.stdout
            );
        }
    }
}

#[test]
fn lint_with_a_catalog_reports_rules_that_match_nothing() {
    let rules = "tests/fixtures/explain/tm-case/rules.json";
    let catalog = "tests/fixtures/explain/tm-case/catalog.csv";
    let run = dms_rules(&["lint", "--format", "json", "--catalog", catalog, rules]).run();
    assert_eq!(run.status, 0, "warnings alone pass");
    let diagnostics = &run.json()["files"][0]["diagnostics"];
    let found: Vec<(&str, &str)> = diagnostics
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default(),
                d["help"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "dms::rule_matches_nothing",
                "did you mean schema `HR`? Names are case-sensitive"
            ),
            (
                "dms::rule_matches_nothing",
                "did you mean table `Orders`? Names are case-sensitive"
            ),
        ]
    );
    let denied = dms_rules(&["lint", "--deny-warnings", "--catalog", catalog, rules]).run();
    assert_eq!(denied.status, 1);
    let missing = dms_rules(&["lint", "--catalog", "tests/fixtures/no-such.csv", rules]).run();
    assert_eq!(missing.status, 2);
    assert_starts_with(&missing.stderr, "error: cannot read the catalog");
}

/// The codes of the first file's findings, from `--format json`.
fn codes(run: &Run) -> Vec<String> {
    run.json()["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn lint_with_a_catalog_reports_transformations_another_keeps_from_acting() {
    let rules = "tests/fixtures/catalog-transformations/wildcard-and-exact-tables.json";
    let catalog = "tests/fixtures/catalog-transformations/wildcard-and-exact-tables.csv";
    let without = dms_rules(&["lint", "--format", "json", rules]).run();
    assert_eq!((without.status, codes(&without)), (0, vec![]));
    let with = dms_rules(&["lint", "--format", "json", "--catalog", catalog, rules]).run();
    assert_eq!(with.status, 0, "warnings alone pass");
    assert_eq!(
        codes(&with),
        [
            // The view `HR.EMP_DETAILS`, which a tables-only rule names.
            "dms::views_not_selected",
            "dms::conflicting_transformation",
            "dms::conflicting_transformation"
        ]
    );
}

#[test]
fn lint_with_a_catalog_and_a_migration_type_reports_views_in_a_cdc_task() {
    let rules = "tests/fixtures/catalog-target/view-in-cdc.json";
    let catalog = "tests/fixtures/catalog-target/view-in-cdc.csv";
    let lint = |extra: &[&str]| {
        let mut args = vec!["lint", "--format", "json", "--catalog", catalog];
        args.extend_from_slice(extra);
        args.push(rules);
        dms_rules(&args).run()
    };
    let full_load = lint(&["--migration-type", "full-load"]);
    assert!(!codes(&full_load).contains(&"dms::view_in_cdc".to_string()));
    let unknown = lint(&[]);
    assert!(!codes(&unknown).contains(&"dms::view_in_cdc".to_string()));
    let cdc = lint(&["--migration-type", "cdc"]);
    assert!(
        codes(&cdc).contains(&"dms::view_in_cdc".to_string()),
        "{}",
        cdc.stdout
    );
}

#[test]
fn data_migration_rules_are_asked_for_never_detected() {
    const DM: &str = "tests/corpus/real-world/dm-docs-homogeneous-include-all-tables.json";
    let dialect = |args: &[&str]| {
        let mut all = vec!["lint", "--format", "json"];
        all.extend_from_slice(args);
        let run = dms_rules(&all).run();
        (run.status, run.json()["files"][0]["dialect"].clone())
    };
    assert_eq!(dialect(&[DM]), (0, "table-mapping".into()));
    assert_eq!(
        dialect(&["--dialect", "data-migration", DM]),
        (0, "data-migration".into())
    );
    let exclude = "tests/fixtures/invalid/invalid_value/dm-exclude-and-explicit.json";
    assert_eq!(dialect(&[exclude]).0, 0);
    assert_eq!(
        dialect(&["--dialect", "data-migration", exclude]),
        (1, "data-migration".into())
    );
}

#[test]
fn an_operation_says_the_rules_are_schema_conversion_rules() {
    let rules = "tests/fixtures/invalid/missing_key/sc-operation-without-server-name.json";
    let run = dms_rules(&["lint", "--format", "json", rules]).run();
    assert_eq!(run.json()["files"][0]["dialect"], "table-mapping");
    assert_contains(&run.stdout, "check them with `--dialect schema-conversion`");
    let run = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--operation",
        "DescribeMetadataModelChildren",
        rules,
    ])
    .run();
    assert_eq!(run.json()["files"][0]["dialect"], "schema-conversion");
    assert_contains(&run.stdout, "this object locator has no `server-name`");
    // An asked dialect wins over the operation.
    let run = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--operation",
        "describe-metadata-model",
        "--dialect",
        "table-mapping",
        rules,
    ])
    .run();
    assert_eq!(run.json()["files"][0]["dialect"], "table-mapping");
}

#[test]
fn engines_are_named_as_dms_names_them_and_change_nothing_unset() {
    let rules = "tests/fixtures/invalid/lowercase_name/oracle-table.json";
    let unset = dms_rules(&["lint", "--format", "json", rules]).run();
    assert_eq!((unset.status, codes(&unset)), (0, vec![]));
    let oracle = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--source-engine",
        "oracle",
        rules,
    ])
    .run();
    assert_eq!(oracle.status, 0);
    assert_eq!(codes(&oracle), ["dms::lowercase_name"]);
    let tablespace = "tests/fixtures/invalid/engine_mismatch/tablespace-postgres-target.json";
    for (engine, expected) in [
        ("oracle", vec![]),
        ("postgres", vec!["dms::engine_mismatch"]),
    ] {
        let run = dms_rules(&[
            "lint",
            "--format",
            "json",
            "--target-engine",
            engine,
            tablespace,
        ])
        .run();
        assert_eq!(codes(&run), expected, "{engine}");
    }
    let explain = crate::explain::explain(&[
        "explain/tm-transformation-overlap/rules.json",
        "--catalog",
        "explain/tm-transformation-overlap/catalog.csv",
        "--source-engine",
        "oracle",
        "--format",
        "json",
    ]);
    assert_eq!(explain.status.code(), Some(0));
    let run = dms_rules(&["lint", "--source-engine", "Oracle", rules]).run();
    assert_eq!(run.status, 2);
    assert_contains(
        &run.stderr,
        "unknown engine `Oracle`: expected one of mysql, oracle, postgres,",
    );
    let help = dms_rules(&["lint", "--help"]).run();
    assert_contains(&help.stdout, "--source-engine <ENGINE>");
    assert_contains(&help.stdout, "data-migration");
}

#[test]
fn a_two_hundred_megabyte_file_is_refused_by_its_size() {
    let dir = std::env::temp_dir().join(format!("dms-rules-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.json");
    // A sparse file: 200 MB long without writing 200 MB.
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(200 * 1024 * 1024).expect("set_len");
    let path_text = path.to_str().expect("utf-8 path");
    let run = dms_rules(&["lint", "--format", "json", path_text]).run();
    std::fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(run.status, 1);
    let diagnostic = &run.json()["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "dms::input_too_large");
    assert_eq!(
        diagnostic["message"],
        "the input is 200 MiB (209715200 bytes), more than the limit of 64 MiB (67108864 bytes)"
    );
}

/// Values and raw bytes that would drive a terminal (escape sequences, a bell, a bidirectional
/// override, a lone carriage return) reach the human report only as visible text.
#[test]
fn terminal_control_characters_never_reach_the_report() {
    let values =
        "{\"rules\": [{\"rule-type\": \"selection\", \"rule-id\": \"1\", \"rule-name\": \"a\",\r\
                  \"object-locator\": {\"schema-name\": \"s\u{202e}\", \"table-name\": \"t\"},\
                  \"rule-action\": \"in\\u001b[31mred\\u0007\"}]}";
    let raw = "{\"rules\": [\r{}\u{1b}[2J\u{7}]}";
    for (source, message) in [
        (
            values,
            "`in\\u{1b}[31mred\\u{7}` is not a valid `rule-action`",
        ),
        (
            raw,
            "expected `,` or `]` after an array item, found `\\u{1b}`",
        ),
    ] {
        let run = dms_rules(&["lint", "--color", "never", "-"])
            .stdin(source.as_bytes())
            .run();
        assert_eq!(run.status, 1);
        let hidden: Vec<char> = run
            .stdout
            .chars()
            .filter(|&c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
            .collect();
        assert_eq!(hidden, [] as [char; 0], "{:?}", run.stdout);
        assert!(run.stdout.contains(message), "{}", run.stdout);
    }
    // The right-to-left override in a source line shows as one replacement character, not
    // one `?` for each of its three bytes.
    let run = dms_rules(&["lint", "--color", "never", "-"])
        .stdin(values.as_bytes())
        .run();
    assert!(
        run.stdout.contains("\"schema-name\": \"s\u{fffd}\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("s???"), "{}", run.stdout);
}

/// The column findings reach `lint --format json`: code, span and the source engine that
/// decides which types are LOBs.
#[test]
fn lint_with_a_typed_catalog_reports_transformations_of_lob_columns() {
    let rules = "tests/fixtures/catalog-target/lob-column-transformation.json";
    let catalog = "tests/fixtures/catalog-target/lob-column-transformation.csv";
    let lob = |run: &Run| -> Vec<(u64, u64)> {
        run.json()["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "dms::lob_column_transformation")
            .map(|d| {
                let span = &d["labels"][0]["span"];
                (
                    span["offset"].as_u64().expect("offset"),
                    span["length"].as_u64().expect("length"),
                )
            })
            .collect()
    };
    let args = ["lint", "--format", "json", "--catalog", catalog];
    let postgres = dms_rules(&[&args[..], &["--source-engine", "postgres", rules]].concat()).run();
    assert_eq!(postgres.status, 0, "warnings alone pass");
    // `change-data-type` on `scan` (bytea), `convert-uppercase` on `body` (text).
    assert_eq!(lob(&postgres), [(366, 18), (705, 19)]);
    // From Oracle, `text` and `bytea` are not LOB types.
    let oracle = dms_rules(&[&args[..], &["--source-engine", "oracle", rules]].concat()).run();
    assert_eq!(lob(&oracle), []);
}

/// `lint --format json --catalog`: a column name written with `/` is reported without the
/// catalog, and the `%` patterns that reach `ORDER#`, `SHIP-DATE`, `עמודה` and `اسم` with it,
/// each labelled on its `column-name`.
#[test]
fn lint_with_a_column_catalog_reports_patterns_reaching_special_character_columns() {
    let rules = "tests/fixtures/catalog-target/special-character-column.json";
    let catalog = "tests/fixtures/catalog-target/special-character-column.csv";
    let special = |run: &Run| -> Vec<(u64, u64, String)> {
        run.json()["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"] == "dms::special_character_column")
            .map(|d| {
                let span = &d["labels"][0]["span"];
                (
                    span["offset"].as_u64().expect("offset"),
                    span["length"].as_u64().expect("length"),
                    d["message"].as_str().expect("message").to_string(),
                )
            })
            .collect()
    };
    let with = dms_rules(&["lint", "--format", "json", "--catalog", catalog, rules]).run();
    assert_eq!(with.status, 0, "warnings alone pass");
    let found = special(&with);
    let spans: Vec<(u64, u64)> = found.iter().map(|&(o, l, _)| (o, l)).collect();
    // `/` in `UNIT/PRICE`; the `"%"` of rules 3 and 4.
    assert_eq!(spans, [(473, 1), (750, 3), (1039, 3)], "{found:?}");
    assert!(found[2]
        .2
        .contains("`SALES.CUSTOMERS.اسم` (right-to-left `ا`, U+0627)"));
    // Without the catalog, only the name written out.
    let without = dms_rules(&["lint", "--format", "json", rules]).run();
    let spans: Vec<(u64, u64)> = special(&without).iter().map(|&(o, l, _)| (o, l)).collect();
    assert_eq!(spans, [(473, 1)]);
}

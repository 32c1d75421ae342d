//! The PostgreSQL catalog reader against a real server: `tests/run` starts one and exports
//! its URL in `DMS_RULES_TEST_POSTGRES_URL`. Each test makes a database of its own, fills it,
//! and drops it at the end.

use std::sync::atomic::{AtomicUsize, Ordering};

use dms_rules::select::Catalog;
use postgres::{Client, NoTls};

use crate::command::dms_rules;
use crate::explain::{explain, pinned, stdout_json};
use crate::support::{assert_contains, assert_snapshot, assert_starts_with, fixtures};

const URL: &str = "DMS_RULES_TEST_POSTGRES_URL";

/// The server's URL. Under CI a missing URL fails the test; elsewhere the test says why it
/// has nothing to check and passes, so `cargo test` alone still runs the rest.
fn server_url() -> Option<String> {
    match std::env::var(URL) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{URL} is not set: run the tests with `tests/run`, which starts a PostgreSQL")
        }
        _ => {
            eprintln!("{URL} is not set: the PostgreSQL tests check nothing; `tests/run` starts a server and runs them");
            None
        }
    }
}

/// A database of its own for one test, dropped when the test ends.
struct TestDatabase {
    admin: Client,
    name: String,
    url: String,
}

impl TestDatabase {
    fn create(server: &str, setup: &str) -> TestDatabase {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "dms_rules_{}_{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(server, NoTls).expect("connect to the test server");
        // One statement a call: neither may run inside the implicit transaction of a batch.
        for statement in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin
                .batch_execute(&statement)
                .expect("create the test database");
        }
        let url = with_database(server, &name);
        let mut client = Client::connect(&url, NoTls).expect("connect to the test database");
        client.batch_execute(setup).expect("set up the objects");
        TestDatabase { admin, name, url }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// `url` with its database (the path) replaced by `name`, query kept.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    format!("{}/{name}{query}", &base[..host_end])
}

/// Every kind the reader knows, in two schemas; an overloaded function, an index and a
/// temporary table that must not show up.
const SETUP: &str = r#"
CREATE SCHEMA hr;
CREATE SCHEMA "Sales";
CREATE TABLE hr.employees (id int PRIMARY KEY, name text);
CREATE TABLE hr.tmp_load (id int);
CREATE TABLE hr.tmpxload (id int);
CREATE VIEW hr.v_employees AS SELECT id, name FROM hr.employees;
CREATE MATERIALIZED VIEW hr.mv_headcount AS SELECT count(*) AS n FROM hr.employees;
CREATE SEQUENCE hr.employee_ids;
CREATE FUNCTION hr.headcount() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM hr.employees';
CREATE FUNCTION hr.headcount(since int) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM hr.employees WHERE id > since';
CREATE PROCEDURE hr.hire(new_id int, new_name text) LANGUAGE sql AS 'INSERT INTO hr.employees VALUES (new_id, new_name)';
CREATE TABLE "Sales"."Orders" (id int);
CREATE TEMPORARY TABLE scratch (id int);
"#;

#[test]
fn reads_tables_views_routines_and_sequences() {
    let Some(server) = server_url() else { return };
    let database = TestDatabase::create(&server, SETUP);
    let catalog = Catalog::from_postgres(&database.url).expect("read the catalog");
    let objects: Vec<String> = catalog
        .objects
        .iter()
        .map(|o| format!("{}.{} {}", o.schema, o.name, o.kind))
        .collect();
    assert_eq!(
        objects,
        [
            "Sales.Orders table",
            "hr.employee_ids sequence",
            "hr.employees table",
            "hr.headcount function",
            "hr.hire procedure",
            "hr.mv_headcount materialized-view",
            "hr.tmp_load table",
            "hr.tmpxload table",
            "hr.v_employees view",
        ]
    );
    assert!(catalog
        .objects
        .iter()
        .all(|o| o.server.is_none() && o.database.is_none()));
}

#[test]
fn reads_the_columns_of_tables_and_views_names_differing_only_in_case_apart() {
    let Some(server) = server_url() else { return };
    let database = TestDatabase::create(
        &server,
        r#"
CREATE SCHEMA docs;
CREATE TABLE docs.files (id int, "ID" bigint, body text, scan bytea, title varchar(10));
CREATE TABLE docs."Files" ("Id" int);
CREATE VIEW docs.v_files AS SELECT id, body FROM docs.files;
CREATE MATERIALIZED VIEW docs.mv AS SELECT id FROM docs.files;
"#,
    );
    let catalog = Catalog::from_postgres(&database.url).expect("read the catalog");
    let listed: Vec<String> = catalog
        .objects
        .iter()
        .map(|o| {
            let columns: Vec<String> = o
                .columns
                .iter()
                .map(|c| format!("{}:{}", c.name, c.data_type.as_deref().unwrap_or("?")))
                .collect();
            format!("{}.{} {} [{}]", o.schema, o.name, o.kind, columns.join(" "))
        })
        .collect();
    assert_eq!(
        listed,
        [
            "docs.Files table [Id:integer]",
            "docs.files table [id:integer ID:bigint body:text scan:bytea title:character varying]",
            // Not in `information_schema.columns`.
            "docs.mv materialized-view []",
            "docs.v_files view [id:integer body:text]",
        ]
    );
    assert_eq!(catalog.column_case, dms_rules::select::NameCase::Sensitive);
}

#[test]
fn explain_reads_a_live_database() {
    let Some(server) = server_url() else { return };
    let database = TestDatabase::create(&server, SETUP);
    let dir = fixtures().join("explain-postgres");
    let mut failures = Vec::new();
    for (case, format) in [
        ("schema-conversion", "human"),
        ("schema-conversion", "json"),
        ("table-mapping", "json"),
    ] {
        let rules = format!("explain-postgres/{case}.json");
        let output = explain(&[&rules, "--catalog", &database.url, "--format", format]);
        assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
        if let Err(e) =
            assert_snapshot(&dir.join(format!("{case}.{format}.snap")), &pinned(&output))
        {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    let output = explain(&[
        "explain-postgres/table-mapping.json",
        "--catalog",
        &database.url,
        "--format",
        "json",
    ]);
    let json = stdout_json(&output);
    let selected: Vec<String> = json["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["selected"] == true)
        .map(|o| {
            format!(
                "{}.{} by {}",
                o["schema"].as_str().unwrap_or("?"),
                o["name"].as_str().unwrap_or("?"),
                o["decided-by"]
            )
        })
        .collect();
    assert_eq!(
        selected,
        [
            "hr.employees by \"1\"",
            "hr.tmpxload by \"1\"",
            "hr.v_employees by \"3\""
        ]
    );
    let help: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert_eq!(
        help,
        ["did you mean schema `Sales`? Names are case-sensitive"]
    );
}

#[test]
fn a_missing_database_is_a_clear_error() {
    let Some(server) = server_url() else { return };
    let url = with_database(&server, "dms_rules_no_such_database");
    let output = explain(&["explain/tm-explicit/rules.json", "--catalog", &url]);
    assert_eq!(output.status.code(), Some(2), "{}", pinned(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_starts_with(&stderr, "error: cannot connect to PostgreSQL: ");
    assert_contains(
        &stderr,
        "database \"dms_rules_no_such_database\" does not exist",
    );
    // The URL holds the password: it must never be printed.
    assert!(!stderr.contains(&server), "{stderr}");
}

#[test]
fn with_database_replaces_only_the_path() {
    assert_eq!(
        with_database(
            "postgres://u:p@127.0.0.1:5432/postgres?sslmode=disable",
            "x"
        ),
        "postgres://u:p@127.0.0.1:5432/x?sslmode=disable"
    );
    assert_eq!(with_database("postgresql://h", "x"), "postgresql://h/x");
}

/// `diff --catalog` reads a live database as it reads a CSV file: the same objects move.
#[test]
fn diff_reads_the_catalog_from_a_live_database() {
    let Some(server) = server_url() else { return };
    let database = TestDatabase::create(
        &server,
        r#"
        CREATE SCHEMA "HR";
        CREATE TABLE "HR"."EMPLOYEES" (id int);
        CREATE TABLE "HR"."TMP_LOAD" (id int);
        CREATE TABLE "HR"."TMPLIST" (id int);
        CREATE TABLE "HR"."JOBS" (id int);
        CREATE SCHEMA hr_archive;
        CREATE TABLE hr_archive."EMPLOYEES_2019" (id int);
        "#,
    );
    let (old, new) = (
        "tests/fixtures/review/old.json",
        "tests/fixtures/review/new.json",
    );
    let from_csv = dms_rules(&[
        "diff",
        old,
        new,
        "--catalog",
        "tests/fixtures/review/catalog.csv",
    ])
    .run();
    let live = dms_rules(&["diff", old, new, "--catalog", &database.url]).run();
    assert_eq!(live.status, 1, "{}", live.stderr);
    assert_eq!(live.stderr, "");
    assert_eq!(live.stdout, from_csv.stdout);
    assert_contains(
        &live.stdout,
        "objects no longer selected:\n  - HR.TMPLIST (table): rule 2 `no-temporary-tables`; before: rule 1 `all-of-hr`\n",
    );
}

/// `lint --catalog` on a live PostgreSQL: the types `information_schema` gives (`text`,
/// `bytea`) are the ones `dms::lob_column_transformation` counts for a PostgreSQL source, and
/// column names that differ only in case stay apart (`id` is not `ID`).
#[test]
fn lint_catalog_reports_transformations_of_lob_columns_from_a_live_database() {
    let Some(server) = server_url() else { return };
    let database = TestDatabase::create(
        &server,
        r#"
CREATE SCHEMA docs;
CREATE TABLE docs.files (id int, "ID" bigint, body text, scan bytea, title varchar(10));
"#,
    );
    let dir = std::env::temp_dir().join(format!("dms-rules-pg-lob-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "docs", "rule-action": "include",
   "object-locator": {"schema-name": "docs", "table-name": "%"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "upper", "rule-target": "column",
   "rule-action": "convert-uppercase",
   "object-locator": {"schema-name": "docs", "table-name": "files", "column-name": "%"}},
  {"rule-type": "transformation", "rule-id": "3", "rule-name": "key", "rule-target": "column",
   "rule-action": "rename", "value": "file_id",
   "object-locator": {"schema-name": "docs", "table-name": "files", "column-name": "Id"}}
]}"#,
    )
    .expect("write the rules");
    let rules = rules.display().to_string();
    let run = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--source-engine",
        "postgres",
        "--catalog",
        &database.url,
        &rules,
    ])
    .run();
    let _ = std::fs::remove_dir_all(&dir);
    let json = run.json();
    let found: Vec<(String, String)> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let lob: Vec<&(String, String)> = found
        .iter()
        .filter(|(code, _)| code == "dms::lob_column_transformation")
        .collect();
    assert_eq!(lob.len(), 1, "{found:?}");
    assert_contains(&lob[0].1, "`docs.files.body` (text)");
    assert_contains(&lob[0].1, "`docs.files.scan` (bytea)");
    // `Id` is neither `id` nor `ID` on PostgreSQL: an unknown column, with a "did you mean".
    let unknown: Vec<&(String, String)> = found
        .iter()
        .filter(|(code, _)| code == "dms::unknown_column")
        .collect();
    assert_eq!(unknown.len(), 1, "{found:?}");
    assert_contains(&unknown[0].1, "`Id`");
}

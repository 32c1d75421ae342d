//! The MySQL and MariaDB catalog reader against real servers: `tests/run` starts two (the
//! second with `lower_case_table_names=1`) and exports their URLs in
//! `DMS_RULES_TEST_MYSQL_URL` and `DMS_RULES_TEST_MYSQL_LOWER_URL`. Each test makes the
//! schemas it reads, under names of its own, and drops them at the end.

use std::net::TcpListener;

use dms_rules::select::{Catalog, NameCase};
use mysql::prelude::Queryable;
use mysql::{Conn, Opts};

use crate::command::dms_rules;
use crate::explain::{explain, pinned, stdout_json};
use crate::support::{assert_contains, assert_starts_with};

const URL: &str = "DMS_RULES_TEST_MYSQL_URL";
const LOWER_URL: &str = "DMS_RULES_TEST_MYSQL_LOWER_URL";

/// The server's URL in `variable`. Under CI a missing URL fails the test; elsewhere the test
/// says why it has nothing to check and passes, so `cargo test` alone still runs the rest.
fn server_url(variable: &str) -> Option<String> {
    match std::env::var(variable) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{variable} is not set: run the tests with `tests/run`, which starts MariaDB")
        }
        _ => {
            eprintln!("{variable} is not set: the MySQL tests check nothing; `tests/run` starts a server and runs them");
            None
        }
    }
}

/// Schemas made for one test, dropped when it ends.
struct TestSchemas {
    conn: Conn,
    names: Vec<&'static str>,
}

impl TestSchemas {
    /// Drops and creates `names`, then runs `setup` one statement at a time.
    fn create(url: &str, names: &[&'static str], setup: &[&str]) -> TestSchemas {
        let opts = Opts::from_url(url).expect("a MySQL URL");
        let mut conn = Conn::new(opts).expect("connect to the test server");
        for name in names {
            conn.query_drop(format!("DROP DATABASE IF EXISTS {name}"))
                .expect("drop an old schema");
            conn.query_drop(format!("CREATE DATABASE {name}"))
                .expect("create the schema");
        }
        for statement in setup {
            conn.query_drop(statement)
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        TestSchemas {
            conn,
            names: names.to_vec(),
        }
    }
}

impl Drop for TestSchemas {
    fn drop(&mut self) {
        for name in &self.names {
            let _ = self
                .conn
                .query_drop(format!("DROP DATABASE IF EXISTS {name}"));
        }
    }
}

/// Every kind the reader knows; a temporary table and an index that must not show up.
const SETUP: &[&str] = &[
    "CREATE TABLE dms_hr.employees (id INT PRIMARY KEY, name TEXT)",
    "CREATE INDEX employees_name ON dms_hr.employees (name(10))",
    "CREATE TABLE dms_hr.tmp_load (id INT)",
    "CREATE TABLE dms_hr.tmpxload (id INT)",
    "CREATE VIEW dms_hr.v_employees AS SELECT id, name FROM dms_hr.employees",
    "CREATE FUNCTION dms_hr.headcount() RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) FROM dms_hr.employees)",
    "CREATE PROCEDURE dms_hr.hire(new_id INT, new_name TEXT) INSERT INTO dms_hr.employees VALUES (new_id, new_name)",
    "CREATE TABLE dms_sales.Orders (id INT)",
    "CREATE TEMPORARY TABLE dms_hr.scratch (id INT)",
];

/// `schema.name kind` of the objects in the test's schemas, in catalog order.
fn listed(catalog: &Catalog, schemas: &[&str]) -> Vec<String> {
    catalog
        .objects
        .iter()
        .filter(|o| schemas.contains(&o.schema.as_str()))
        .map(|o| format!("{}.{} {}", o.schema, o.name, o.kind))
        .collect()
}

#[test]
fn reads_tables_views_routines_and_sequences_case_sensitively() {
    let Some(url) = server_url(URL) else { return };
    let mut schemas = TestSchemas::create(&url, &["dms_hr", "dms_sales"], SETUP);
    // Sequences are MariaDB's; MySQL has none.
    let version: String = schemas
        .conn
        .query_first("SELECT VERSION()")
        .expect("the server's version")
        .unwrap_or_default();
    let mariadb = version.contains("MariaDB");
    if mariadb {
        schemas
            .conn
            .query_drop("CREATE SEQUENCE dms_hr.employee_ids")
            .expect("create a sequence");
    }
    let catalog = Catalog::from_mysql(&url).expect("read the catalog");

    let mut expected = vec![
        "dms_hr.employee_ids sequence",
        "dms_hr.employees table",
        "dms_hr.headcount function",
        "dms_hr.hire procedure",
        "dms_hr.tmp_load table",
        "dms_hr.tmpxload table",
        "dms_hr.v_employees view",
        "dms_sales.Orders table",
    ];
    if !mariadb {
        expected.remove(0);
    }
    assert_eq!(listed(&catalog, &["dms_hr", "dms_sales"]), expected);
    // `lower_case_table_names` is 0 on this server: names keep their case and compare with it.
    assert_eq!(catalog.case, NameCase::Sensitive);
    assert!(catalog.objects.iter().all(|o| {
        o.server.is_none()
            && o.database.is_none()
            && !["mysql", "information_schema", "performance_schema", "sys"]
                .contains(&o.schema.as_str())
    }));
}

#[test]
fn explain_reads_mysql_and_mariadb_urls_and_compares_names_with_case() {
    let Some(url) = server_url(URL) else { return };
    let _schemas = TestSchemas::create(&url, &["dms_hr2", "dms_sales2"], &[]);
    // The rules' schemas are renamed for this test's own schemas.
    let setup = [
        "CREATE TABLE dms_hr2.employees (id INT)",
        "CREATE TABLE dms_hr2.tmp_load (id INT)",
        "CREATE VIEW dms_hr2.v_employees AS SELECT id FROM dms_hr2.employees",
        "CREATE TABLE dms_sales2.Orders (id INT)",
    ];
    let mut conn = Conn::new(Opts::from_url(&url).expect("URL")).expect("connect");
    for statement in setup {
        conn.query_drop(statement).expect("set up");
    }
    let rules = scratch_rules("explain-case-sensitive", "2");
    for scheme_url in [url.clone(), url.replacen("mysql://", "mariadb://", 1)] {
        let output = explain(&[&rules, "--catalog", &scheme_url, "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
        let json = stdout_json(&output);
        assert_eq!(
            selected(&json, "dms_hr2", "dms_sales2"),
            ["dms_hr2.employees by \"1\"", "dms_hr2.v_employees by \"3\""]
        );
        let help: Vec<&str> = json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["help"].as_str())
            .collect();
        assert_eq!(
            help,
            ["did you mean schema `dms_sales2`? Names are case-sensitive"]
        );
    }
}

#[test]
fn lower_case_table_names_makes_names_compare_without_case() {
    let Some(url) = server_url(LOWER_URL) else {
        return;
    };
    let _schemas = TestSchemas::create(
        &url,
        &["dms_hr3", "dms_sales3"],
        &[
            "CREATE TABLE dms_hr3.Employees (id INT)",
            "CREATE TABLE dms_hr3.TMP_LOAD (id INT)",
            "CREATE VIEW dms_hr3.V_Employees AS SELECT id FROM dms_hr3.Employees",
            "CREATE TABLE dms_sales3.Orders (id INT)",
        ],
    );
    let catalog = Catalog::from_mysql(&url).expect("read the catalog");
    assert_eq!(catalog.case, NameCase::Insensitive);
    // The server stores the names in lower case.
    assert_eq!(
        listed(&catalog, &["dms_hr3", "dms_sales3"]),
        [
            "dms_hr3.employees table",
            "dms_hr3.tmp_load table",
            "dms_hr3.v_employees view",
            "dms_sales3.orders table",
        ]
    );

    let rules = scratch_rules("explain-case-insensitive", "3");
    let output = explain(&[&rules, "--catalog", &url, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", pinned(&output));
    let json = stdout_json(&output);
    // `DMS_Sales3`.`Orders` reaches `dms_sales3`.`orders`: the server ignores case.
    assert_eq!(
        selected(&json, "dms_hr3", "dms_sales3"),
        [
            "dms_hr3.employees by \"1\"",
            "dms_hr3.v_employees by \"3\"",
            "dms_sales3.orders by \"4\""
        ]
    );
    assert_eq!(json["diagnostics"], serde_json::json!([]));
}

#[test]
fn lint_catalog_reads_a_mysql_url() {
    let Some(url) = server_url(URL) else { return };
    let _schemas = TestSchemas::create(
        &url,
        &["dms_hr4", "dms_sales4"],
        &["CREATE TABLE dms_hr4.employees (id INT)"],
    );
    let rules = scratch_rules("lint", "4");
    let run = dms_rules(&["lint", "--format", "json", "--catalog", &url, &rules]).run();
    assert_eq!(run.status, 0, "{run:?}");
    let json = run.json();
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    // Only `employees` is there: the exclude, the view rule and the sales rule match nothing.
    assert_eq!(codes, ["dms::rule_matches_nothing"; 3]);
}

#[test]
fn a_refused_login_is_a_clear_error_without_the_password() {
    let Some(url) = server_url(URL) else { return };
    let password = "Wrong-Password-1234";
    let bad = with_password(&url, password);
    let output = explain(&["explain/tm-explicit/rules.json", "--catalog", &bad]);

    assert_eq!(output.status.code(), Some(2), "{}", pinned(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_starts_with(
        &stderr,
        "error: cannot connect to MySQL: Access denied for user",
    );
    assert!(!stderr.contains(password), "{stderr}");
    assert!(!stderr.contains(&url), "{stderr}");
    assert_eq!(output.stdout, b"");
}

#[test]
fn a_server_that_is_down_is_a_clear_error() {
    // A port that was free a moment ago: nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let url = format!("mysql://someone:Secret-Pass-987@127.0.0.1:{port}/");
    let output = explain(&["explain/tm-explicit/rules.json", "--catalog", &url]);

    assert_eq!(output.status.code(), Some(2), "{}", pinned(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_starts_with(&stderr, "error: cannot connect to MySQL: ");
    assert_contains(&stderr, "refused");
    assert!(!stderr.contains("Secret-Pass-987"), "{stderr}");
}

/// The `explain-mysql` rules with `dms_hr` and `DMS_Sales` renamed `dms_hr{suffix}` and
/// `DMS_Sales{suffix}`, written to a file of their own; the path, for the command line.
fn scratch_rules(name: &str, suffix: &str) -> String {
    let text = std::fs::read_to_string(
        crate::support::fixtures().join("explain-mysql/table-mapping.json"),
    )
    .expect("read the rules");
    let text = text
        .replace("\"dms_hr\"", &format!("\"dms_hr{suffix}\""))
        .replace("\"DMS_Sales\"", &format!("\"DMS_Sales{suffix}\""));
    let path = std::env::temp_dir().join(format!(
        "dms-rules-mysql-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, text).expect("write the rules");
    path.to_string_lossy().into_owned()
}

/// `schema.name by "rule-id"` of the selected objects in the two schemas.
fn selected(json: &serde_json::Value, hr: &str, sales: &str) -> Vec<String> {
    json["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["selected"] == true)
        .filter(|o| [hr, sales].contains(&o["schema"].as_str().unwrap_or("")))
        .map(|o| {
            format!(
                "{}.{} by {}",
                o["schema"].as_str().unwrap_or("?"),
                o["name"].as_str().unwrap_or("?"),
                o["decided-by"]
            )
        })
        .collect()
}

/// `url` with its password replaced.
fn with_password(url: &str, password: &str) -> String {
    let rest = url.strip_prefix("mysql://").expect("a mysql:// URL");
    let (credentials, host) = rest.split_once('@').expect("credentials in the URL");
    let user = credentials.split(':').next().unwrap_or(credentials);
    format!("mysql://{user}:{password}@{host}")
}

/// `schema.table: column:type ...` for the tables and views of `schemas` that list columns.
fn columns(catalog: &Catalog, schemas: &[&str]) -> Vec<String> {
    catalog
        .objects
        .iter()
        .filter(|o| schemas.contains(&o.schema.as_str()) && !o.columns.is_empty())
        .map(|o| {
            let columns: Vec<String> = o
                .columns
                .iter()
                .map(|c| format!("{}:{}", c.name, c.data_type.as_deref().unwrap_or("?")))
                .collect();
            format!("{}.{}: {}", o.schema, o.name, columns.join(" "))
        })
        .collect()
}

#[test]
fn reads_the_columns_of_tables_and_views_in_their_order() {
    let Some(url) = server_url(URL) else { return };
    let _schemas = TestSchemas::create(
        &url,
        &["dms_cols"],
        &[
            "CREATE TABLE dms_cols.Docs (ID INT, Body LONGTEXT, Scan LONGBLOB, body2 VARCHAR(10))",
            "CREATE VIEW dms_cols.v_docs AS SELECT ID, Body FROM dms_cols.Docs",
            "CREATE PROCEDURE dms_cols.p() SELECT 1",
        ],
    );
    let catalog = Catalog::from_mysql(&url).expect("read the catalog");
    assert_eq!(
        columns(&catalog, &["dms_cols"]),
        [
            "dms_cols.Docs: ID:int Body:longtext Scan:longblob body2:varchar",
            "dms_cols.v_docs: ID:int Body:longtext",
        ]
    );
    // MySQL and MariaDB compare column names without case, whatever the table names do.
    assert_eq!(catalog.column_case, NameCase::Insensitive);
}

#[test]
fn columns_of_a_server_that_lower_cases_names_reach_their_tables() {
    let Some(url) = server_url(LOWER_URL) else {
        return;
    };
    let _schemas = TestSchemas::create(
        &url,
        &["dms_cols3"],
        &["CREATE TABLE dms_cols3.Docs (ID INT, Body TEXT)"],
    );
    let catalog = Catalog::from_mysql(&url).expect("read the catalog");
    assert_eq!(
        columns(&catalog, &["dms_cols3"]),
        ["dms_cols3.docs: ID:int Body:text"]
    );
}

/// `lint --catalog` on a MariaDB with `lower_case_table_names=1`: rules naming the table in
/// upper case still reach its columns, column names compare without case, and the types
/// `information_schema` gives (`longtext`, `blob`; not `tinytext`) decide which columns are
/// LOBs for a MariaDB source.
#[test]
fn lint_catalog_reports_lob_columns_of_a_server_that_lower_cases_names() {
    let Some(url) = server_url(LOWER_URL) else {
        return;
    };
    let _schemas = TestSchemas::create(
        &url,
        &["dms_lob5"],
        &["CREATE TABLE dms_lob5.Docs (ID INT, Body LONGTEXT, Pic BLOB, Note TINYTEXT)"],
    );
    let dir = std::env::temp_dir().join(format!("dms-rules-my-lob-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch");
    let rules = dir.join("rules.json");
    std::fs::write(
        &rules,
        r#"{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "docs", "rule-action": "include",
   "object-locator": {"schema-name": "DMS_LOB5", "table-name": "DOCS"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "key", "rule-target": "column",
   "rule-action": "rename", "value": "doc_id",
   "object-locator": {"schema-name": "DMS_LOB5", "table-name": "DOCS", "column-name": "id"}},
  {"rule-type": "transformation", "rule-id": "3", "rule-name": "lower", "rule-target": "column",
   "rule-action": "convert-lowercase",
   "object-locator": {"schema-name": "DMS_LOB5", "table-name": "DOCS", "column-name": "%"}}
]}"#,
    )
    .expect("write the rules");
    let rules = rules.display().to_string();
    let run = dms_rules(&[
        "lint",
        "--format",
        "json",
        "--source-engine",
        "mariadb",
        "--catalog",
        &url,
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
    assert_contains(&lob[0].1, "`dms_lob5.docs.Body` (longtext)");
    assert_contains(&lob[0].1, "`dms_lob5.docs.Pic` (blob)");
    assert!(!lob[0].1.contains("Note"), "{found:?}");
    // `id` is the column `ID` here: no unknown column, and the selection matched.
    assert!(
        !found
            .iter()
            .any(|(code, _)| code == "dms::unknown_column" || code == "dms::rule_matches_nothing"),
        "{found:?}"
    );
}

//! `--format sarif`: valid against the official SARIF 2.1.0 schema, with the fields code-scanning
//! services read.

use std::sync::OnceLock;

use serde_json::Value;

use dms_rules::Code;

use crate::command::dms_rules;
use crate::support::root;

const DUPLICATE: &str = "tests/fixtures/invalid/duplicate_key/rule-id-twice.json";
const SYNTAX: &str = "tests/fixtures/invalid/json_syntax/missing-comma.json";
const CLEAN: &str =
    "tests/corpus/real-world/sc-awscli-start-metadata-model-import-schema-explicit.json";

/// The OASIS schema, vendored in `tests/vendor/` (see the README there).
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = root().join("tests/vendor/sarif-schema-2.1.0.json");
        let text = std::fs::read_to_string(&path).expect("vendored SARIF schema");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

fn assert_valid_sarif(log: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

fn sarif(args: &[&str], stdin: Option<&[u8]>) -> (i32, Value) {
    let mut command = vec!["lint", "--format", "sarif"];
    command.extend_from_slice(args);
    let mut invocation = dms_rules(&command);
    if let Some(bytes) = stdin {
        invocation = invocation.stdin(bytes);
    }
    let run = invocation.run();
    let log = run.json();
    assert_valid_sarif(&log);
    (run.status, log)
}

#[test]
fn the_schema_rejects_what_it_should() {
    // The validator is only a witness if it can say no.
    assert!(!validator().is_valid(&serde_json::json!({"version": "2.1.0"})));
    assert!(!validator().is_valid(&serde_json::json!({
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]
    })));
}

#[test]
fn log_run_and_tool_are_described() {
    let (status, log) = sarif(&[DUPLICATE, SYNTAX, CLEAN], None);
    assert_eq!(status, 1);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "dms-rules");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().unwrap_or(""))
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, codes);
    for rule in rules {
        let short = rule["shortDescription"]["text"].as_str().unwrap_or("");
        assert!(!short.is_empty() && !short.ends_with('.'), "{rule}");
        assert!(
            rule["help"]["text"].as_str().is_some_and(|h| !h.is_empty()),
            "{rule}"
        );
        assert!(rule["fullDescription"]["text"].is_string(), "{rule}");
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or("")),
            "{rule}"
        );
    }

    let results = run["results"].as_array().expect("results");
    let rule_ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(rule_ids, ["dms::duplicate_key", "dms::json_syntax"]);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["level"], "error");
    }
}

#[test]
fn results_point_at_the_exact_region() {
    let (_, log) = sarif(&[DUPLICATE], None);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["message"]["text"],
        "key `rule-id` appears twice in this object\nhelp: keep one of the two members; which \
         one a reader of the JSON uses is not defined"
    );
    let primary = &result["locations"][0]["physicalLocation"];
    assert_eq!(primary["artifactLocation"]["uri"], DUPLICATE);
    assert_eq!(
        primary["region"],
        serde_json::json!({
            "startLine": 7, "startColumn": 7, "endLine": 7, "endColumn": 16,
            "charOffset": 107, "charLength": 9, "byteOffset": 107, "byteLength": 9
        })
    );
    assert_eq!(result["locations"][0]["message"]["text"], "repeated here");
    let related = &result["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "first used here");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    assert_eq!(related["physicalLocation"]["region"]["charOffset"], 59);
}

#[test]
fn character_offsets_count_code_points_and_byte_offsets_bytes() {
    let source = "{\"rules\": [{\"rule-name\": \"\u{1f600} caf\u{e9}\",}]}";
    let comma = source.find(",}").expect("comma");
    let (_, log) = sarif(
        &["--stdin-filename", "maps/my rules.json", "-"],
        Some(source.as_bytes()),
    );
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "maps/my%20rules.json");
    let region = &location["region"];
    let chars = source[..comma].chars().count();
    assert_eq!(region["charOffset"], chars);
    assert_eq!(region["startColumn"], chars + 1);
    assert_eq!(region["endColumn"], chars + 2);
    assert_eq!(region["byteOffset"], comma);
    assert_ne!(chars, comma);
}

#[test]
fn an_unreadable_file_is_a_failed_invocation_with_a_notification() {
    let (status, log) = sarif(&["tests/fixtures/no-such-file.json", CLEAN], None);
    assert_eq!(status, 2);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert!(notification["message"]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("cannot read `tests/fixtures/no-such-file.json`")));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn hostile_input_still_makes_valid_sarif() {
    for input in [
        &b""[..],
        b"\xff\xfe{\x00",
        b"{\"rules\": [\"a\xe9\"]}",
        b"\"\\ud800\"",
    ] {
        let (status, log) = sarif(&["-"], Some(input));
        assert_eq!(status, 1);
        assert_eq!(log["runs"][0]["results"][0]["level"], "error");
    }
}

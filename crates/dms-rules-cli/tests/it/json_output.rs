//! `--format json`: the documented shape, field by field.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::command::dms_rules;
use crate::support::root;

const DUPLICATE: &str = "tests/fixtures/invalid/duplicate_key/rule-id-twice.json";
const CLEAN: &str =
    "tests/corpus/real-world/sc-awscli-start-metadata-model-import-schema-explicit.json";

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// 1-based line and column in characters, counted here independently of the crate.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[test]
fn json_carries_every_documented_field() {
    let run = dms_rules(&["lint", "--format", "json", DUPLICATE]).run();
    assert_eq!(run.status, 1);
    let json = run.json();
    assert_eq!(keys(&json), BTreeSet::from(["files"]));

    let file = &json["files"][0];
    assert_eq!(
        keys(file),
        BTreeSet::from([
            "path",
            "dialect",
            "documents",
            "diagnostics",
            "config",
            "suppressed"
        ])
    );
    assert_eq!(file["path"], DUPLICATE);
    // No configuration file above the fixtures, so none applied and nothing was suppressed.
    assert_eq!(file["config"], serde_json::Value::Null);
    assert_eq!(file["suppressed"], 0);
    assert_eq!(file["dialect"], "table-mapping");

    // A rules document is one document: the whole file, held by no resource.
    let source_len = std::fs::metadata(root().join(DUPLICATE))
        .expect("fixture")
        .len();
    let documents = file["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1);
    assert_eq!(
        keys(&documents[0]),
        BTreeSet::from([
            "resource",
            "attribute",
            "dialect",
            "held_in",
            "read_by",
            "readers",
            "span",
            "line",
            "column",
            "task"
        ])
    );
    assert_eq!(documents[0]["resource"], Value::Null);
    // No engine or migration type was given, and a rules document names none.
    assert_eq!(documents[0]["task"], Value::Null);
    assert_eq!(documents[0]["dialect"], "table-mapping");
    assert_eq!(documents[0]["span"]["offset"], 0);
    assert_eq!(documents[0]["span"]["length"], source_len);

    let diagnostic = &file["diagnostics"][0];
    assert_eq!(
        keys(diagnostic),
        BTreeSet::from(["code", "severity", "message", "help", "labels", "document"])
    );
    assert_eq!(diagnostic["document"], 0);
    assert_eq!(diagnostic["code"], "dms::duplicate_key");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(
        diagnostic["message"],
        "key `rule-id` appears twice in this object"
    );
    assert!(diagnostic["help"].is_string());

    let source = std::fs::read_to_string(root().join(DUPLICATE)).expect("fixture");
    let labels = diagnostic["labels"].as_array().expect("labels");
    // Primary first: the repeat, then where the key was first used.
    let texts: Vec<&str> = labels
        .iter()
        .map(|l| l["label"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(texts, ["repeated here", "first used here"]);
    for label in labels {
        assert_eq!(
            keys(label),
            BTreeSet::from(["label", "span", "line", "column"])
        );
        assert_eq!(keys(&label["span"]), BTreeSet::from(["offset", "length"]));
        let offset = label["span"]["offset"].as_u64().expect("offset") as usize;
        let length = label["span"]["length"].as_u64().expect("length") as usize;
        assert_eq!(&source[offset..offset + length], "\"rule-id\"");
        let (line, column) = position(&source, offset);
        assert_eq!(label["line"], line);
        assert_eq!(label["column"], column);
    }
    assert_eq!(
        (labels[0]["line"].clone(), labels[0]["column"].clone()),
        (7.into(), 7.into())
    );
}

#[test]
fn columns_count_characters_and_offsets_count_bytes() {
    // The trailing comma sits after a two-byte `é`.
    let source = "{\"rules\": [{\"rule-name\": \"caf\u{e9}\",}]}";
    let run = dms_rules(&["lint", "--format", "json", "-"])
        .stdin(source.as_bytes())
        .run();
    let label = &run.json()["files"][0]["diagnostics"][0]["labels"][0];
    let comma = source.find(",}").expect("comma");
    assert_eq!(label["span"]["offset"], comma);
    assert_eq!(label["span"]["length"], 1);
    assert_eq!(label["line"], 1);
    assert_eq!(label["column"], source[..comma].chars().count() + 1);
    assert_eq!(label["column"], comma);
    // The human report's header counts the same way.
    let human = dms_rules(&["lint", "--color", "never", "-"])
        .stdin(source.as_bytes())
        .run();
    let header = format!("[<stdin>:1:{comma}]");
    assert!(human.stdout.contains(&header), "{}", human.stdout);
}

#[test]
fn a_clean_file_has_an_empty_list_and_null_help_is_written_out() {
    let run = dms_rules(&["lint", "--format", "json", CLEAN]).run();
    assert_eq!(run.status, 0);
    assert_eq!(run.json()["files"][0]["diagnostics"], serde_json::json!([]));

    // `help` is always present: null when there is none (a missing comma has no help).
    let run = dms_rules(&["lint", "--format", "json", "-"])
        .stdin(b"{\"rules\": [{\"rule-id\": \"1\" \"rule-name\": \"a\"}]}")
        .run();
    let diagnostic = &run.json()["files"][0]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "dms::json_syntax");
    assert!(diagnostic
        .as_object()
        .is_some_and(|d| d.get("help") == Some(&Value::Null)));
}

#[test]
fn several_files_in_one_document_in_argument_order() {
    let run = dms_rules(&["lint", "--format", "json", DUPLICATE, CLEAN]).run();
    let paths: Vec<Value> = run.json()["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].clone())
        .collect();
    assert_eq!(paths, [DUPLICATE, CLEAN]);
    // Exactly one document: nothing after it but the final newline.
    assert!(run.stdout.ends_with("}\n"));
    assert_eq!(run.stdout.matches("\n{").count(), 0);
}

/// A lone `\r` ends a line, as in editors: the JSON position and the human report's header
/// name the same line and column.
#[test]
fn every_line_ending_counts_in_every_format() {
    const FILE: &str = "tests/fixtures/invalid/invalid_value/lone-carriage-returns.json";
    let run = dms_rules(&["lint", "--format", "json", FILE]).run();
    let label = &run.json()["files"][0]["diagnostics"][0]["labels"][0];
    assert_eq!(
        (label["line"].clone(), label["column"].clone()),
        (5.into(), 17.into())
    );
    let human = dms_rules(&["lint", "--color", "never", FILE]).run();
    let stdout = &human.stdout;
    assert!(
        stdout.contains("lone-carriage-returns.json:5:17]"),
        "{stdout}"
    );
    assert!(!stdout.contains('\r'), "{stdout:?}");
}

/// The README's `lint --format json` example is what the command prints.
#[test]
fn the_readme_json_example_is_the_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let command = format!("$ dms-rules lint --format json {DUPLICATE}\n");
    let start = readme.find(&command).expect("the example") + command.len();
    let example = &readme[start..start + readme[start..].find("```\n").expect("closed")];
    let run = dms_rules(&["lint", "--format", "json", DUPLICATE]).run();
    assert_eq!(example, run.stdout);
}

//! `grammar/dms-rules.schema.json`, the JSON Schema editors validate with, is kept honest: it
//! is what the vocabulary table writes, it accepts every valid fixture and every real document
//! DMS accepts, and it rejects structural mistakes at the right place.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{corpus, corpus_verdicts, json_files, root, BLESS};

/// The committed schema is the one the table writes; blessing rewrites it.
#[test]
fn the_schema_is_written_from_the_vocabulary() {
    let path = root().join("grammar/dms-rules.schema.json");
    let generated = dms_rules::vocabulary::json_schema();
    if std::env::var_os(BLESS).is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not what the vocabulary table writes: regenerate it with `{BLESS}=1 cargo test --test it schema::the_schema_is_written_from_the_vocabulary`, then review the change",
        path.display()
    );
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema =
            read_json(&root().join("grammar/dms-rules.schema.json")).expect("the schema is JSON");
        jsonschema::meta::validate(&schema).expect("the schema is a valid draft 2020-12 schema");
        jsonschema::validator_for(&schema).expect("the schema compiles")
    })
}

/// The document as an editor reads it (a leading byte-order mark is not part of the JSON).
fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    serde_json::from_slice(bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The JSON pointers of every place the schema objects to.
fn complaints(document: &Value) -> Vec<String> {
    validator()
        .iter_errors(document)
        .map(|e| format!("{} ({e})", e.instance_path().as_str()))
        .collect()
}

#[test]
fn valid_fixtures_and_examples_pass() {
    let mut files = json_files(&root().join("tests/fixtures/valid"));
    files.extend(json_files(&root().join("examples")));
    assert!(files.len() >= 2);
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let errors = complaints(&read_json(path).ok()?);
            (!errors.is_empty()).then(|| format!("{}: {errors:#?}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_documents_pass_or_fail_by_their_verdict() {
    let verdicts: BTreeMap<String, String> = corpus_verdicts().into_iter().collect();
    assert_eq!(verdicts.len(), 40, "the corpus table changed");
    // Invalid for reasons no JSON Schema can see.
    let semantic_only = [
        // Rule ids must be unique across items: not expressible in JSON Schema.
        "invalid-localstack-duplicate-rule-id.json",
    ];
    let mut failures = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for (file, verdict) in &verdicts {
        let path = corpus().join(file);
        let document = read_json(&path);
        match verdict.as_str() {
            "VALID" | "VALID (warn)" | "CONTEXT" => {
                let errors = complaints(&document.unwrap_or_else(|e| panic!("{e}")));
                if !errors.is_empty() {
                    failures.push(format!("{file} ({verdict}) was rejected: {errors:#?}"));
                }
                accepted += 1;
            }
            "INVALID" => {
                // Documents that are not JSON at all are the parser's business, not the schema's.
                let Ok(document) = document else { continue };
                if semantic_only.contains(&file.as_str()) {
                    assert!(complaints(&document).is_empty(), "{file}");
                    continue;
                }
                if complaints(&document).is_empty() {
                    failures.push(format!("{file} ({verdict}) was accepted"));
                }
                rejected += 1;
            }
            other => failures.push(format!("{file}: unknown verdict `{other}`")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!((accepted, rejected), (31, 6));
}

/// Each schema-level mistake and the JSON pointer the schema must name.
const SCHEMA_INVALID: &[(&str, &str)] = &[
    (
        "before-image-column-filter-unknown",
        "/rules/1/before-image-def/column-filter",
    ),
    ("data-type-unknown", "/rules/1/data-type/type"),
    ("empty-rules", "/rules"),
    (
        "filter-between-without-end-value",
        "/rules/0/filters/0/filter-conditions/0",
    ),
    (
        "filter-operator-unknown",
        "/rules/0/filters/0/filter-conditions/0/filter-operator",
    ),
    ("load-order-boolean", "/rules/0/load-order"),
    ("lob-settings-mode-unknown", "/rules/1/lob-settings/mode"),
    ("missing-rules", ""),
    ("object-locator-string", "/rules/0/object-locator"),
    ("object-mapping-rule-action-unknown", "/rules/1/rule-action"),
    (
        "parallel-load-eleven-columns",
        "/rules/1/parallel-load/columns",
    ),
    ("parallel-load-type-unknown", "/rules/1/parallel-load/type"),
    (
        "primary-key-def-without-columns",
        "/rules/1/primary-key-def",
    ),
    ("rule-id-boolean", "/rules/0/rule-id"),
    ("rule-id-not-digits", "/rules/0/rule-id"),
    ("rule-type-capitalised", "/rules/0/rule-type"),
    ("rule-without-object-locator", "/rules/0"),
    ("rule-without-rule-id", "/rules/0"),
    ("rule-without-rule-type", "/rules/0"),
    ("rules-not-array", "/rules"),
    ("selection-rule-action-unknown", "/rules/0/rule-action"),
    ("selection-without-table-name", "/rules/0/object-locator"),
    ("server-name-empty", "/rules/0/object-locator/server-name"),
    ("table-type-unknown", "/rules/0/object-locator/table-type"),
    ("tag-set-object", "/rules/1/tag-set"),
    ("transformation-both-tablespaces", "/rules/1/object-locator"),
    (
        "transformation-rule-action-capitalised",
        "/rules/1/rule-action",
    ),
    ("transformation-rule-target-unknown", "/rules/1/rule-target"),
    ("transformation-without-rule-target", "/rules/1"),
    ("validation-rule-action-unknown", "/rules/1/rule-action"),
    ("validation-without-functions", "/rules/1"),
];

#[test]
fn schema_invalid_fixtures_fail_at_the_mistake() {
    let dir = root().join("tests/fixtures/schema-invalid");
    let names: Vec<String> = json_files(&dir)
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    let listed: Vec<&str> = SCHEMA_INVALID.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names, listed,
        "every fixture is listed here, with where it fails"
    );

    let mut failures = Vec::new();
    for (name, pointer) in SCHEMA_INVALID {
        let document = read_json(&dir.join(format!("{name}.json"))).expect("fixture is JSON");
        let errors = complaints(&document);
        let at_pointer = validator()
            .iter_errors(&document)
            .any(|e| e.instance_path().as_str() == *pointer);
        if !at_pointer {
            failures.push(format!(
                "{name}: expected a complaint at `{pointer}`, got {errors:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The schema's definition of a homogeneous data migration's rules, as a schema of its own.
fn data_migration_validator() -> jsonschema::Validator {
    let mut schema =
        read_json(&root().join("grammar/dms-rules.schema.json")).expect("the schema is JSON");
    let top = schema.as_object_mut().expect("an object");
    for key in ["type", "required", "properties"] {
        top.remove(key);
    }
    top.insert(
        "$ref".into(),
        Value::String("#/$defs/data-migration-document".into()),
    );
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[test]
fn data_migration_documents_are_checked_by_their_definition() {
    let validator = data_migration_validator();
    let valid = [
        root().join("tests/fixtures/valid/data-migration-include.json"),
        corpus().join("dm-docs-homogeneous-include-all-tables.json"),
    ];
    for path in &valid {
        let document = read_json(path).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    // `exclude` and `explicit` are the main schema's, not a data migration's.
    let path = root().join("tests/fixtures/invalid/invalid_value/dm-exclude-and-explicit.json");
    let document = read_json(&path).expect("JSON");
    let pointers: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| e.instance_path().as_str().to_string())
        .collect();
    assert_eq!(pointers, ["/rules/1/rule-action", "/rules/2/rule-action"]);
    assert!(complaints(&document).is_empty());
}

#[test]
fn unknown_members_and_nulls_are_allowed() {
    let document = serde_json::json!({
        "rules": [{
            "rule-type": "selection", "rule-id": 1, "rule-name": "all",
            "object-locator": {"schema-name": "HR", "table-name": "%", "column-name": null},
            "rule-action": "include",
            "filters": [], "load-order": null, "parallel-load": null,
            "isAutoSegmentationChecked": false
        }, {
            "rule-type": "transformation", "rule-id": "2", "rule-name": "lower",
            "rule-target": "table", "rule-action": "convert-lowercase",
            "object-locator": {"schema-name": "HR", "table-name": "%"},
            "value": null, "old-value": null, "before-image-def": null
        }],
        "x-generated-by": "console export"
    });
    assert_eq!(complaints(&document), Vec::<String>::new());
}

//! Structure-aware: the fuzzer builds rule documents from the DMS vocabulary (known and
//! misspelt keys, values of every JSON type, wildcards), and picks the dialect and the engines,
//! so it explores lowering and the checks rather than the JSON syntax.
#![no_main]

use arbitrary::Arbitrary;
use dms_rules::diagnostic::{render, Style};
use dms_rules::{check, lint, Dialect, Engine, Options, SourceFile};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

const KEYS: &[&str] = &[
    "rule-type", "rule-id", "rule-name", "rule-action", "object-locator", "server-name",
    "database-name", "schema-name", "table-name", "table-type", "procedure-name",
    "category-name", "column-name", "filters", "filter-type", "filter-conditions",
    "filter-operator", "value", "start-value", "end-value", "load-order", "rule-target",
    "old-value", "data-type", "type", "primary-key-def", "before-image-def", "columns",
    "parallel-load", "boundaries", "lob-settings", "mode", "bulk-max-size", "tag-set", "key",
    "rule-acton", "Rule-Type", "source-function", "target-function", "target-functon",
    "table-tablespace-name", "index-tablespace-name", "partition-key", "mapping-parameters",
];

const WORDS: &[&str] = &[
    "selection", "transformation", "table-settings", "post-processing", "object-mapping",
    "include", "exclude", "explicit", "rename", "add-column", "remove-column", "define-primary-key",
    "schema", "table", "column", "view", "all", "source", "between", "notbetween", "eq", "noteq",
    "null", "notnull", "ste", "ranges", "partitions-list", "limited", "unlimited", "1", "01",
    "-1", "%", "_", "TMP_%", "[_]", "[a-", "[d-a]", "[]", "", "HR", "db.example.com", "Tables",
    "validation", "override-validation-function", "${column-name}", "convert-lowercase",
    "add-prefix", "change-data-type", "data-masking-hash-mask", "table-tablespace",
    "index-tablespace", "ORDER#", "col-x", "emp", "Packages", "int4", "partitions-auto",
    "subpartitions-auto", "add-tag", "map-record-to-record",
];

/// The dialects and engines the fuzzer picks from; `None` leaves it to the crate.
const DIALECTS: &[Option<Dialect>] = &[
    None,
    Some(Dialect::SchemaConversion),
    Some(Dialect::TableMapping),
    Some(Dialect::DataMigration),
];
const ENGINES: &[Option<Engine>] = &[
    None,
    Some(Engine::Oracle),
    Some(Engine::Postgres),
    Some(Engine::SqlServer),
    Some(Engine::MySql),
    Some(Engine::Db2),
    Some(Engine::S3),
    Some(Engine::Kinesis),
];

#[derive(Debug, Arbitrary)]
struct Input {
    rules: Vec<Node>,
    dialect: u8,
    source: u8,
    target: u8,
}

#[derive(Debug, Arbitrary)]
enum Node {
    Word(u8),
    Number(i64),
    Bool(bool),
    Null,
    Array(Vec<Node>),
    Object(Vec<(u8, Node)>),
}

impl Node {
    fn to_json(&self, depth: usize) -> Value {
        if depth > 6 {
            return Value::Null;
        }
        match self {
            Node::Word(i) => Value::String(WORDS[*i as usize % WORDS.len()].to_string()),
            Node::Number(n) => Value::from(*n),
            Node::Bool(b) => Value::Bool(*b),
            Node::Null => Value::Null,
            Node::Array(items) => items.iter().map(|n| n.to_json(depth + 1)).collect(),
            Node::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (KEYS[*k as usize % KEYS.len()].to_string(), v.to_json(depth + 1)))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

fuzz_target!(|input: Input| {
    let pick = |n: u8, len: usize| n as usize % len;
    let options = Options {
        dialect: DIALECTS[pick(input.dialect, DIALECTS.len())],
        source_engine: ENGINES[pick(input.source, ENGINES.len())],
        target_engine: ENGINES[pick(input.target, ENGINES.len())],
        ..Options::default()
    };
    let document = serde_json::json!({ "rules": input.rules.iter().map(|r| r.to_json(0)).collect::<Vec<_>>() });
    let text = document.to_string();
    let checked = check(&text, &options);
    assert_eq!(lint(&text, &options).diagnostics(), checked.diagnostics());
    let file = SourceFile::new("fuzz.json", text.as_bytes());
    for report in checked.reports(&file) {
        for label in report.diagnostic.labels() {
            assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
            assert!(label.span.end <= text.len());
        }
        let _ = render(&report, Style::default());
    }
});

//! Structure-aware: the fuzzer builds rule documents from the DMS vocabulary (known and
//! misspelt keys, values of every JSON type, wildcards) so it explores lowering and the checks
//! rather than the JSON syntax.
#![no_main]

use arbitrary::Arbitrary;
use dms_rules::diagnostic::{render, Style};
use dms_rules::{check, Options, SourceFile};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

const KEYS: &[&str] = &[
    "rule-type", "rule-id", "rule-name", "rule-action", "object-locator", "server-name",
    "database-name", "schema-name", "table-name", "table-type", "procedure-name",
    "category-name", "column-name", "filters", "filter-type", "filter-conditions",
    "filter-operator", "value", "start-value", "end-value", "load-order", "rule-target",
    "old-value", "data-type", "type", "primary-key-def", "before-image-def", "columns",
    "parallel-load", "boundaries", "lob-settings", "mode", "bulk-max-size", "tag-set", "key",
    "rule-acton", "Rule-Type",
];

const WORDS: &[&str] = &[
    "selection", "transformation", "table-settings", "post-processing", "object-mapping",
    "include", "exclude", "explicit", "rename", "add-column", "remove-column", "define-primary-key",
    "schema", "table", "column", "view", "all", "source", "between", "notbetween", "eq", "noteq",
    "null", "notnull", "ste", "ranges", "partitions-list", "limited", "unlimited", "1", "01",
    "-1", "%", "_", "TMP_%", "[_]", "[a-", "[d-a]", "[]", "", "HR", "db.example.com", "Tables",
];

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

fuzz_target!(|rules: Vec<Node>| {
    let document = serde_json::json!({ "rules": rules.iter().map(|r| r.to_json(0)).collect::<Vec<_>>() });
    let text = document.to_string();
    let checked = check(&text, &Options::default());
    let file = SourceFile::new("fuzz.json", text.as_bytes());
    for report in checked.reports(&file) {
        for label in report.diagnostic.labels() {
            assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
            assert!(label.span.end <= text.len());
        }
        let _ = render(&report, Style::default());
    }
});

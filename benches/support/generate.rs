//! A generator of realistic rules documents: both dialects, wildcards, filters, transformations,
//! table settings, escapes and non-ASCII names. Deterministic, so runs compare.

use std::fmt::Write as _;

/// Which kind of document to generate.
#[derive(Debug, Clone, Copy)]
pub enum Dialect {
    TableMapping,
    SchemaConversion,
}

/// A small deterministic generator (xorshift), so no dependency is needed for randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SCHEMAS: &[&str] = &["HR", "SALES", "dbo", "Ünïcode", "客户", "billing_2024"];
const TABLES: &[&str] = &[
    "ORDERS",
    "ORDER_ITEMS",
    "Customers",
    "emp\\u00e9",
    "表",
    "audit \\\"log\\\"",
];

/// A pretty-printed document of `rules` rules. Each transformation acts on an object of its
/// own, as in a real mapping: the document has no findings.
pub fn document(dialect: Dialect, rules: usize) -> String {
    generate(dialect, rules, Transformations::OwnObject)
}

/// A table-mapping document of `rules` rules whose transformations act on a few objects many
/// times over: about one rule in five is a `dms::conflicting_transformation` warning, whose
/// labels may lie far apart (the rule that wins may be the first of the document).
pub fn conflicting_document(rules: usize) -> String {
    generate(Dialect::TableMapping, rules, Transformations::SharedObjects)
}

/// What the transformations of a generated document act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transformations {
    /// Each its own table.
    OwnObject,
    /// The few tables of [`TABLES`], over and over.
    SharedObjects,
}

fn generate(dialect: Dialect, rules: usize, transformations: Transformations) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ rules as u64);
    let mut out = String::with_capacity(rules * 330);
    out.push_str("{\n  \"rules\": [\n");
    for id in 1..=rules {
        if id > 1 {
            out.push_str(",\n");
        }
        match dialect {
            Dialect::TableMapping => table_mapping_rule(&mut out, &mut rng, id, transformations),
            Dialect::SchemaConversion => schema_conversion_rule(&mut out, &mut rng, id),
        }
    }
    out.push_str("\n  ]\n}\n");
    out
}

fn table_mapping_rule(out: &mut String, rng: &mut Rng, id: usize, objects: Transformations) {
    let schema = rng.pick(SCHEMAS);
    let table = rng.pick(TABLES);
    // The table a transformation acts on.
    let own;
    let object = match objects {
        Transformations::OwnObject => {
            own = format!("{table}_{id}");
            own.as_str()
        }
        Transformations::SharedObjects => table,
    };
    match rng.next() % 6 {
        0 | 1 => {
            let _ = write!(
                out,
                r#"    {{
      "rule-type": "selection",
      "rule-id": "{id}",
      "rule-name": "include-{id}",
      "object-locator": {{ "schema-name": "{schema}", "table-name": "{table}%" }},
      "rule-action": "include",
      "filters": []
    }}"#
            );
        }
        2 => {
            let _ = write!(
                out,
                r#"    {{
      "rule-type": "selection",
      "rule-id": "{id}",
      "rule-name": "filtered-{id}",
      "object-locator": {{ "schema-name": "{schema}", "table-name": "{table}" }},
      "rule-action": "include",
      "filters": [{{
        "filter-type": "source",
        "column-name": "CREATED_AT",
        "filter-conditions": [{{ "filter-operator": "between", "start-value": "2020-01-01", "end-value": "2024-12-31" }}]
      }}]
    }}"#
            );
        }
        3 => {
            let _ = write!(
                out,
                r#"    {{
      "rule-type": "transformation",
      "rule-id": "{id}",
      "rule-name": "rename-{id}",
      "rule-target": "table",
      "object-locator": {{ "schema-name": "{schema}", "table-name": "{object}" }},
      "rule-action": "rename",
      "value": "{object}_v2"
    }}"#
            );
        }
        4 => {
            let _ = write!(
                out,
                r#"    {{
      "rule-type": "transformation",
      "rule-id": "{id}",
      "rule-name": "add-column-{id}",
      "rule-target": "column",
      "object-locator": {{ "schema-name": "{schema}", "table-name": "{object}" }},
      "rule-action": "add-column",
      "value": "LOADED_AT",
      "expression": "datetime('now')",
      "data-type": {{ "type": "datetime", "precision": 6 }}
    }}"#
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"    {{
      "rule-type": "table-settings",
      "rule-id": "{id}",
      "rule-name": "settings-{id}",
      "object-locator": {{ "schema-name": "{schema}", "table-name": "{table}" }},
      "parallel-load": {{ "type": "ranges", "columns": ["ID"], "boundaries": [["1000"], ["2000"]] }},
      "lob-settings": {{ "mode": "limited", "bulk-max-size": "64" }}
    }}"#
            );
        }
    }
}

fn schema_conversion_rule(out: &mut String, rng: &mut Rng, id: usize) {
    let schema = rng.pick(SCHEMAS);
    let table = rng.pick(TABLES);
    let (action, leaf) = match rng.next() % 4 {
        0 => ("include", format!(r#", "table-name": "{table}[_]%""#)),
        1 => ("exclude", format!(r#", "table-name": "TMP[_]{table}%""#)),
        2 => ("explicit", format!(r#", "procedure-name": "{table}""#)),
        _ => ("include", String::new()),
    };
    let _ = write!(
        out,
        r#"    {{
      "rule-type": "selection",
      "rule-id": "{id}",
      "rule-name": "{action}-{id}",
      "object-locator": {{ "server-name": "db.example.com", "schema-name": "{schema}"{leaf} }},
      "rule-action": "{action}"
    }}"#
    );
}

/// A table-mapping document of `rules` rules, each with one mistake (a misspelt key, a bad
/// value, a repeated id, a wrong type, a missing member, a broken wildcard): about one
/// diagnostic per rule, for the benches of lowering, checks and rendering on invalid input.
pub fn invalid_document(rules: usize) -> String {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ rules as u64);
    let mut out = String::with_capacity(rules * 300);
    out.push_str("{\n  \"rules\": [\n");
    for id in 1..=rules {
        if id > 1 {
            out.push_str(",\n");
        }
        let schema = rng.pick(SCHEMAS);
        let table = rng.pick(TABLES);
        let (rule_id, key, action, locator) = match id % 6 {
            // A misspelt required key.
            0 => (
                id,
                "rule-acton",
                "include",
                format!(r#""table-name": "{table}%""#),
            ),
            // An action that does not exist.
            1 => (
                id,
                "rule-action",
                "includ",
                format!(r#""table-name": "{table}""#),
            ),
            // The id of the rule before.
            2 => (
                id - 1,
                "rule-action",
                "include",
                format!(r#""table-name": "{table}""#),
            ),
            // An unclosed wildcard set.
            3 => (
                id,
                "rule-action",
                "include",
                format!(r#""table-name": "[{table}""#),
            ),
            // A number where a name belongs.
            4 => (
                id,
                "rule-action",
                "exclude",
                r#""table-name": 7"#.to_string(),
            ),
            // An unknown key in the locator.
            _ => (
                id,
                "rule-action",
                "include",
                format!(r#""tabel-name": "{table}""#),
            ),
        };
        let _ = write!(
            out,
            r#"    {{
      "rule-type": "selection",
      "rule-id": "{rule_id}",
      "rule-name": "rule-{id}",
      "object-locator": {{ "schema-name": "{schema}", {locator} }},
      "{key}": "{action}"
    }}"#
        );
    }
    out.push_str("\n  ]\n}\n");
    out
}

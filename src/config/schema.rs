//! `grammar/dms-rules-config.schema.json`, the JSON Schema of the configuration file (editors
//! with a TOML language server validate with it), written from the keys, codes, engines and
//! levels the reader accepts; a test keeps the committed file equal to it.

use serde_json::{json, Map, Value};

use super::Level;
use crate::diagnostic::Code;
use crate::engine::Engine;
use crate::options::{MigrationType, Operation};

/// The schema, pretty-printed, with a final newline.
pub fn json_schema() -> String {
    let engines: Vec<&str> = Engine::ALL.iter().map(|e| e.as_str()).collect();
    let mut operations: Vec<&str> = Vec::new();
    for operation in Operation::ALL {
        operations.push(operation.as_str());
        operations.push(operation.api_name());
    }
    let migration_types: Vec<&str> = MigrationType::ALL.iter().map(|t| t.as_str()).collect();
    let mut codes: Vec<&str> = Vec::new();
    for code in Code::ALL {
        codes.push(code.as_str());
        codes.push(&code.as_str()["dms::".len()..]);
    }
    let defs = json!({
        "engine": {
            "description": "An endpoint engine, as the DMS API names it.",
            "enum": engines,
        },
        "dialect": {
            "description": "The rules vocabulary, instead of telling it from each document.",
            "enum": ["schema-conversion", "table-mapping", "data-migration"],
        },
        "operation": {
            "description": "The Schema Conversion call the rules are for (its command-line or API name).",
            "enum": operations,
        },
        "migration_type": {
            "description": "The replication task's migration type, instead of reading it from a host file's task.",
            "enum": migration_types,
        },
        "code": {
            "description": "A diagnostic code, with or without `dms::`.",
            "enum": codes,
        },
        "codes": {
            "description": "The level of each code: `off` (not reported), or the severity it is reported at.",
            "type": "object",
            "propertyNames": { "$ref": "#/$defs/code" },
            "additionalProperties": { "enum": Level::NAMES },
        },
        "glob": {
            "description": "A path glob relative to the configuration file's folder: `*` within a folder, `**` across folders.",
            "type": "string",
            "minLength": 1,
        },
    });
    let settings = |extra: Map<String, Value>| {
        let mut properties = Map::new();
        properties.insert("source-engine".into(), json!({ "$ref": "#/$defs/engine" }));
        properties.insert("target-engine".into(), json!({ "$ref": "#/$defs/engine" }));
        properties.insert("dialect".into(), json!({ "$ref": "#/$defs/dialect" }));
        properties.insert("operation".into(), json!({ "$ref": "#/$defs/operation" }));
        properties.insert(
            "migration-type".into(),
            json!({ "$ref": "#/$defs/migration_type" }),
        );
        properties.insert(
            "catalog".into(),
            json!({
                "description": "A CSV file of objects, relative to the configuration file, or a `postgres://`, `mysql://` or `mariadb://` URL.",
                "type": "string",
                "pattern": "\\S",
            }),
        );
        properties.insert(
            "deny-warnings".into(),
            json!({ "description": "The warnings of the files these settings apply to (at the top level, the configuration file's own too) fail the run, as errors do.", "type": "boolean" }),
        );
        properties.insert("codes".into(), json!({ "$ref": "#/$defs/codes" }));
        properties.extend(extra);
        properties
    };
    let overriding = json!({
        "description": "Settings for the files its globs match, over the top level's; a later override wins.",
        "type": "object",
        "required": ["paths"],
        "properties": settings(Map::from_iter([(
            "paths".to_string(),
            json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/glob" } }),
        )])),
        "additionalProperties": false,
    });
    let suppression = json!({
        "description": "One finding silenced: by file, code and (optionally) the rule it lies in, with the reason.",
        "type": "object",
        "required": ["path", "code", "reason"],
        "properties": {
            "path": { "$ref": "#/$defs/glob" },
        "code": { "$ref": "#/$defs/code" },
            "rule-id": {
                "anyOf": [
                    { "type": "string", "pattern": "^[0-9]+$" },
                    { "type": "integer", "minimum": 0 },
                ],
            },
            "rule-name": { "type": "string" },
            "reason": { "type": "string", "pattern": "\\S" },
        },
        "additionalProperties": false,
    });
    let top = settings(Map::from_iter([
        (
            "overrides".to_string(),
            json!({ "type": "array", "items": overriding }),
        ),
        (
            "suppress".to_string(),
            json!({ "type": "array", "items": suppression }),
        ),
    ]));
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dms-rules.toml",
        "description": "The dms-rules configuration file (`dms-rules.toml` or `.dms-rules.toml`), read as JSON.",
        "type": "object",
        "properties": top,
        "additionalProperties": false,
        "$defs": defs,
    });
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

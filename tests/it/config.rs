//! The configuration file and suppressions, from outside: `grammar/dms-rules-config.schema.json`
//! is what the reader accepts, no input makes the reader or the comment scanner panic, and a
//! suppression by rule finds the rule in a host file's bytes.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::Value;

use dms_rules::config::{self, comment::Comments, Config};
use dms_rules::host::{self, Context, Format};
use dms_rules::{Code, Options};

use crate::support::{root, BLESS};

const SCHEMA: &str = "grammar/dms-rules-config.schema.json";

#[test]
fn the_schema_is_written_from_the_reader() {
    let path = root().join(SCHEMA);
    let generated = config::json_schema();
    if std::env::var_os(BLESS).is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not what the reader writes: regenerate it with `{BLESS}=1 cargo test --test it config::the_schema`, then review the change",
        path.display()
    );
}

fn schema() -> &'static Value {
    static SCHEMA_JSON: OnceLock<Value> = OnceLock::new();
    SCHEMA_JSON.get_or_init(|| {
        let text = std::fs::read_to_string(root().join(SCHEMA)).expect("the schema is committed");
        serde_json::from_str(&text).expect("the schema is JSON")
    })
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::meta::validate(schema()).expect("a valid draft 2020-12 schema");
        jsonschema::validator_for(schema()).expect("the schema compiles")
    })
}

fn keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn sorted(keys: &[&'static str]) -> Vec<&'static str> {
    let mut keys = keys.to_vec();
    keys.sort_unstable();
    keys
}

#[test]
fn the_schema_has_the_keys_and_codes_the_reader_has() {
    let [top, overriding, suppress] = config::KEYS;
    let schema = schema();
    assert_eq!(keys(schema), sorted(top));
    assert_eq!(
        keys(&schema["properties"]["overrides"]["items"]),
        sorted(overriding)
    );
    assert_eq!(
        keys(&schema["properties"]["suppress"]["items"]),
        sorted(suppress)
    );
    let codes = schema["$defs"]["code"]["enum"].as_array().expect("codes");
    assert_eq!(codes.len(), 2 * Code::ALL.len());
    for code in codes {
        let code = code.as_str().expect("a string");
        assert!(code.parse::<Code>().is_ok(), "{code}");
    }
}

/// A TOML document as JSON, as a TOML language server hands it to a JSON Schema.
fn json(text: &str) -> Value {
    let document = toml_edit::Document::parse(text).expect("well-formed TOML");
    item(document.as_item())
}

fn item(item: &toml_edit::Item) -> Value {
    match item {
        toml_edit::Item::Value(value) => self::value(value),
        toml_edit::Item::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.to_string(), self::item(v)))
                .collect(),
        ),
        toml_edit::Item::ArrayOfTables(array) => Value::Array(
            array
                .iter()
                .map(|t| self::item(&toml_edit::Item::Table(t.clone())))
                .collect(),
        ),
        toml_edit::Item::None => Value::Null,
    }
}

fn value(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match value {
        V::String(s) => Value::from(s.value().as_str()),
        V::Integer(i) => Value::from(*i.value()),
        V::Float(f) => Value::from(*f.value()),
        V::Boolean(b) => Value::from(*b.value()),
        V::Datetime(d) => Value::from(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(self::value).collect()),
        V::InlineTable(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.to_string(), self::value(v)))
                .collect(),
        ),
    }
}

/// Configurations the reader accepts, and ones it finds a problem in that a schema can see.
const ACCEPTED: &[&str] = &[
    "",
    "source-engine = \"oracle\"\ntarget-engine = \"aurora-postgresql\"\ncatalog = \"c.csv\"\ndeny-warnings = false\n",
    "dialect = \"data-migration\"\noperation = \"StartMetadataModelImport\"\nmigration-type = \"full-load-and-cdc\"\n",
    "[codes]\n\"dms::underscore_wildcard\" = \"off\"\nunknown_key = \"error\"\n",
    "[[overrides]]\npaths = [\"legacy/**\"]\ndialect = \"table-mapping\"\ncodes = { \"dms::exclude_without_include\" = \"advice\" }\n",
    "[[suppress]]\npath = \"a.json\"\ncode = \"dms::unknown_key\"\nrule-id = 3\nreason = \"r\"\n[[suppress]]\npath = \"m/*.json\"\ncode = \"filter_ignored\"\nrule-name = \"x\"\nreason = \"r\"\n",
];
const REFUSED: &[&str] = &[
    "source_engine = \"oracle\"\n",
    "source-engine = \"oracle9\"\n",
    "dialect = 3\n",
    "migration-type = \"full\"\n",
    "deny-warnings = \"yes\"\n",
    "[codes]\n\"dms::no_such\" = \"off\"\n",
    "[codes]\n\"dms::unknown_key\" = \"ignore\"\n",
    "[[overrides]]\ncodes = {}\n",
    "[[overrides]]\npaths = []\n",
    "[[overrides]]\npaths = [\"a\"]\ncatalog = 3\n",
    "[[overrides]]\npaths = [\"a\"]\ncatalog = \" \"\n",
    "[[overrides]]\npaths = [\"a\"]\ndeny-warnings = \"yes\"\n",
    "catalog = \"\"\n",
    "[[suppress]]\npath = \"a.json\"\ncode = \"dms::unknown_key\"\n",
    "[[suppress]]\npath = \"a.json\"\ncode = \"dms::unknown_key\"\nreason = \" \"\n",
    "[[suppress]]\npath = \"a.json\"\ncode = \"dms::unknown_key\"\nreason = \"r\"\nrule-id = \"x\"\n",
    "[[suppress]]\npath = \"a.json\"\ncode = \"dms::unknown_key\"\nreason = \"r\"\nwhy = 1\n",
    "overrides = 1\n",
];

#[test]
fn the_schema_accepts_what_the_reader_accepts() {
    for text in ACCEPTED {
        let (_, problems) = Config::parse(text, Path::new("/x/dms-rules.toml"));
        assert!(problems.is_empty(), "{text}: {problems:?}");
        let complaints: Vec<String> = validator()
            .iter_errors(&json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(complaints.is_empty(), "{text}: {complaints:?}");
    }
    for text in REFUSED {
        let (_, problems) = Config::parse(text, Path::new("/x/dms-rules.toml"));
        assert!(!problems.is_empty(), "{text}");
        assert!(!validator().is_valid(&json(text)), "{text}");
    }
}

#[test]
fn a_suppression_by_rule_id_finds_the_rule_in_a_terraform_heredoc() {
    let tf = r#"resource "aws_dms_replication_task" "t" {
  table_mappings = <<EOF
{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"},
  {"rule-type": "selection", "rule-id": "3", "rule-name": "b", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"}
]}
EOF
}
"#;
    let scan = host::scan(
        tf.as_bytes(),
        Format::Terraform,
        &Context::default(),
        Options::DEFAULT_MAX_INPUT_LEN,
    );
    let checked = dms_rules::lint_mapping(&scan.mappings[0], &Options::default()).expect("static");
    let marks: Vec<_> = checked.rules().iter().collect();
    assert_eq!(marks.len(), 2);
    // The marks are on the host file's bytes.
    assert!(tf[marks[1].span.start..marks[1].span.end].starts_with("{\"rule-type\""));
    assert!(tf[marks[1].span.start..marks[1].span.end].ends_with("\"include\"}"));
    assert_eq!(marks[1].rule_id, Some("3"));
    assert_eq!(marks[1].rule_name, Some("b"));
    let codes: Vec<Code> = checked.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnderscoreWildcard]);

    let (config, problems) = Config::parse(
        "[[suppress]]\npath = \"main.tf\"\ncode = \"dms::underscore_wildcard\"\nrule-id = \"3\"\nreason = \"any character\"\n",
        Path::new("/repo/dms-rules.toml"),
    );
    assert!(problems.is_empty());
    let settled = config::settle(
        Some(&config),
        Some(Path::new("/repo/main.tf")),
        checked.diagnostics().to_vec(),
        checked.rules(),
        &Comments::default(),
    );
    assert!(settled.findings.is_empty());
    assert_eq!(settled.suppressed.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text: no panic, every label inside it on character boundaries.
    #[test]
    fn any_configuration_text_is_read_without_panic(text in "(\\PC|\n|\\[|\\]|=|\"|\\{|\\}|,){0,200}") {
        let (_, problems) = Config::parse(&text, Path::new("/x/dms-rules.toml"));
        for problem in problems {
            let span = problem.primary.span;
            prop_assert!(span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }

    #[test]
    fn any_host_text_is_scanned_for_comments_without_panic(
        text in "(\\PC|\n| |#|//|dms-rules: ignore\\[|dms::unknown_key|\\]|,){0,120}",
    ) {
        for format in [Format::Terraform, Format::CloudFormation] {
            let comments = Comments::scan(text.as_bytes(), format.comment_markers(), &[]);
            for problem in &comments.problems {
                let span = problem.primary.span;
                prop_assert!(span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}

/// The README's example configuration reads without a problem and sets what the text says.
#[test]
fn the_readme_configuration_is_read_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let section = &readme[readme.find("\n## Configuration\n").expect("the section")..];
    let start = section.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let text = &section[start..start + section[start..].find("```").expect("closed")];
    let (config, problems) = Config::parse(text, Path::new("/repo/dms-rules.toml"));
    assert!(problems.is_empty(), "{problems:?}");
    let file = Path::new("/repo/legacy/a.json");
    assert_eq!(
        config.options(file).source_engine.map(|e| e.as_str()),
        Some("oracle")
    );
    assert_eq!(
        config.settings.catalog.as_deref(),
        Some("/repo/catalog.csv")
    );
    assert_eq!(config.settings.deny_warnings, Some(true));
    assert_eq!(
        config.level(file, Code::ExcludeWithoutInclude),
        Some(config::Level::Off)
    );
    assert_eq!(config.suppressions[0].rule_id.as_deref(), Some("3"));
}

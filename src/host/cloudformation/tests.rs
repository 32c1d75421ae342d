//! Templates as a whole: the project's fixtures (one or more per form, each with a misspelt
//! `rule-acton` whose host bytes are pinned), the real templates of the shared corpus, hostile
//! input, and generated mutations.

use proptest::prelude::*;

use super::{is_template, scan};
use crate::diagnostic::{Code, Severity};
use crate::host::{Decoded, Document, Scan};
use crate::span::{line_column, Span};
use crate::syntax::{self, Value, ValueKind};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/host/cloudformation/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn inline<'s>(scan: &'s Scan, id: &str) -> &'s Decoded {
    let mapping = scan
        .mappings
        .iter()
        .find(|m| m.resource == id)
        .unwrap_or_else(|| panic!("no mapping for `{id}`: {scan:#?}"));
    match &mapping.document {
        Document::Inline(decoded) => decoded,
        other => panic!("`{id}` is not inline: {other:?}"),
    }
}

/// Every string in the parsed document, keys included, with its decoded span.
fn strings<'a>(value: &Value<'a>, out: &mut Vec<(String, Span)>) {
    match &value.kind {
        ValueKind::String(s) => out.push((s.value.to_string(), s.span)),
        ValueKind::Array(items) => items.iter().for_each(|v| strings(v, out)),
        ValueKind::Object(members) => {
            for m in members {
                out.push((m.key.value.to_string(), m.key.span));
                strings(&m.value, out);
            }
        }
        _ => {}
    }
}

/// The template bytes behind the first string `wanted` of the decoded document, and the line
/// they start on.
fn host<'t>(text: &'t str, decoded: &Decoded, wanted: &str) -> (&'t str, usize) {
    let parsed = syntax::parse(&decoded.text)
        .unwrap_or_else(|d| panic!("decoded text does not parse: {d:?}\n{}", decoded.text));
    let mut all = Vec::new();
    strings(&parsed.value, &mut all);
    let (_, span) = all
        .iter()
        .find(|(s, _)| s == wanted)
        .unwrap_or_else(|| panic!("no string {wanted:?} in {}", decoded.text));
    let at = decoded.map.span(*span);
    (&text[at.range()], line_column(text.as_bytes(), at.start).0)
}

fn errors(scan: &Scan) -> Vec<String> {
    scan.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

#[test]
fn literal_block() {
    let text = fixture("literal-block.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert_eq!(host(&text, decoded, "rule-acton"), ("\"rule-acton\"", 17));
    assert_eq!(host(&text, decoded, "héros").0, "\"héros\"");
    assert_eq!(&text[scan.mappings[0].span.range()][..3], "|\n ");
}

#[test]
fn folded_blocks() {
    let text = fixture("folded-block.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    assert_eq!(
        host(&text, inline(&scan, "Task"), "rule-acton"),
        ("\"rule-acton\"", 8)
    );
    // A value folded onto the line before: the label stays on its own line.
    assert_eq!(host(&text, inline(&scan, "Task"), "%"), ("\"%\"", 7));
    // More-indented lines keep their breaks.
    let config = inline(&scan, "Config");
    assert!(config.text.starts_with("{\n    \"rules\": [\n"));
    assert_eq!(host(&text, config, "rule-acton"), ("\"rule-acton\"", 18));
}

#[test]
fn single_quoted_with_continuation_lines_left_of_the_key() {
    let text = fixture("single-quoted.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert_eq!(host(&text, decoded, "rule-acton"), ("\"rule-acton\"", 10));
    assert_eq!(host(&text, decoded, "it's"), ("\"it''s\"", 7));
}

#[test]
fn double_quoted_with_escapes_and_joined_lines() {
    let text = fixture("double-quoted.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert_eq!(
        host(&text, decoded, "rule-acton"),
        ("\\\"rule-acton\\\"", 7)
    );
    assert_eq!(host(&text, decoded, "café").0, "\\\"caf\\u00e9\\\"");
}

#[test]
fn sub_list_form_with_variables_literals_and_dynamic_references() {
    let text = fixture("sub-list.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert_eq!(host(&text, decoded, "rule-acton"), ("\"rule-acton\"", 15));
    // A variable whose value is literal text is that text, on the reference.
    assert_eq!(
        host(&text, decoded, "${schema-name}").0,
        "\"${SCHEMA_NAME}\""
    );
    assert_eq!(
        host(&text, decoded, "${table-name}").0,
        "\"${!table-name}\""
    );
    // Parameters, pseudo parameters and dynamic references are unknown, whole strings.
    let unknown: Vec<&str> = decoded
        .unknown
        .iter()
        .filter(|u| decoded.text[u.range()].starts_with('"'))
        .map(|&u| &text[decoded.map.span(u).range()])
        .collect();
    assert_eq!(
        unknown,
        [
            "\"${AWS::StackName}\"",
            "\"${Schema}\"",
            "\"{{resolve:secretsmanager:${Secret}:SecretString:dbname}}\""
        ]
    );
}

#[test]
fn join_of_literal_parts() {
    let text = fixture("join.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert_eq!(host(&text, decoded, "rule-acton"), ("\"rule-acton\"", 9));
    // The delimiter stands for the delimiter node.
    let at = decoded.text.find('\n').unwrap();
    assert_eq!(
        &text[decoded.map.span(Span::new(at, at + 1)).range()],
        "\"\\n\""
    );
}

#[test]
fn sam_template_with_properties_before_type() {
    let text = fixture("sam.yaml");
    assert!(is_template(&text));
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    assert_eq!(scan.mappings.len(), 1);
    assert_eq!(
        host(&text, inline(&scan, "RDSToS3"), "rule-acton"),
        ("\"rule-acton\"", 12)
    );
}

#[test]
fn replication_config_as_a_yaml_mapping() {
    let text = fixture("replication-config.yaml");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Serverless");
    assert_eq!(
        decoded.text,
        r#"{"rules": [{"rule-type": "selection", "rule-id": 1, "rule-name": "1", "object-locator": {"schema-name": "x", "table-name": "%"}, "rule-acton": "include", "filters": []}]}"#
    );
    assert_eq!(host(&text, decoded, "rule-acton"), ("rule-acton", 15));
    assert_eq!(host(&text, decoded, "%").0, "'%'");
    let schema = decoded.text.find("\"x\"").unwrap();
    assert!(decoded.unknown.contains(&Span::new(schema, schema + 3)));
    assert_eq!(
        &text[decoded.map.span(Span::new(schema, schema + 3)).range()],
        "!Ref Schema"
    );
    // `rule-id: 1` is a number, as CloudFormation sends it.
    let id = decoded.text.find(": 1,").unwrap() + 2;
    assert_eq!(&text[decoded.map.span(Span::new(id, id + 1)).range()], "1");
}

#[test]
fn a_block_mapping_ending_in_a_flow_mapping_closes_on_its_own_end() {
    let text = "Resources:\n  C:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      TableMappings:\n        rules: [{object-locator: {schema-name: a}}]\n";
    let scan = scan(text);
    let decoded = inline(&scan, "C");
    assert_eq!(
        decoded.text,
        r#"{"rules": [{"object-locator": {"schema-name": "a"}}]}"#
    );
    let last = decoded.text.len() - 1;
    let outer = decoded.map.span(Span::new(last, last + 1));
    assert_eq!(outer, Span::at(text.len() - 1));
    let inner = decoded.map.span(Span::new(last - 1, last));
    assert_eq!(&text[inner.range()], "]");
}

#[test]
fn json_template_as_cdk_writes_it() {
    let text = fixture("cdk-escaped.template.json");
    assert!(is_template(&text));
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let ids: Vec<&str> = scan.mappings.iter().map(|m| m.resource.as_str()).collect();
    assert_eq!(ids, ["TaskOneLine", "TaskPretty", "TaskSub", "Config"]);
    for (id, line) in [("TaskOneLine", 7), ("TaskPretty", 13), ("TaskSub", 20)] {
        let decoded = inline(&scan, id);
        assert_eq!(
            host(&text, decoded, "rule-acton"),
            ("\\\"rule-acton\\\"", line),
            "{id}"
        );
    }
    // `\\u00e9` in the template is `\u00e9` in the document.
    assert_eq!(
        host(&text, inline(&scan, "TaskOneLine"), "café").0,
        "\\\"caf\\\\u00e9\\\""
    );
    let sub = inline(&scan, "TaskSub");
    let unknown = sub
        .unknown
        .iter()
        .find(|u| sub.text[u.range()].starts_with('"'));
    assert_eq!(
        &text[sub.map.span(*unknown.unwrap()).range()],
        "\\\"${Table}\\\""
    );
    let config = inline(&scan, "Config");
    assert_eq!(host(&text, config, "rule-acton").0, "\"rule-acton\"");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&config.text).unwrap()["rules"][0]["rule-acton"],
        "include"
    );
}

#[test]
fn computed_mappings_are_advice_on_the_value() {
    let text = fixture("not-static.yaml");
    let scan = scan(&text);
    let found: Vec<(&str, bool)> = scan
        .mappings
        .iter()
        .map(|m| {
            (
                m.resource.as_str(),
                matches!(m.document, Document::NotStatic),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("FromParameter", true),
            ("FromBucket", true),
            ("ByCondition", true),
            ("Imported", true),
            ("Joined", true),
            ("Shared", false),
            ("Aliased", true),
            ("Listed", true),
        ]
    );
    let advice: Vec<(&str, &str)> = scan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::MappingNotStatic)
        .map(|d| {
            assert_eq!(d.severity, Severity::Advice);
            assert!(d.help.is_some());
            (&text[d.primary.span.range()], d.message.as_str())
        })
        .collect();
    assert_eq!(advice[0].0, "!Ref Mappings");
    assert!(
        advice[0].1.contains("`!Ref` names a parameter or resource"),
        "{}",
        advice[0].1
    );
    assert_eq!(advice[1].0, "Fn::GetAtt: [Loader, Mappings]");
    assert!(advice[1].1.contains("`Fn::GetAtt` reads an attribute"));
    assert_eq!(
        advice[2].0,
        "!If [Prod, '{\"rules\": []}', !Ref AWS::NoValue]"
    );
    assert_eq!(advice[3].0, "!ImportValue shared-mappings");
    assert_eq!(advice[4].0, "!Ref Rules");
    assert!(advice[4]
        .1
        .contains("a part of `!Join` is not literal text"));
    assert_eq!(advice[5].0, "*rules");
    assert!(advice[5].1.contains("alias"));
    // A list is no mapping: an error on it, and no mapping.
    let wrong: Vec<&str> = scan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::WrongType)
        .map(|d| &text[d.primary.span.range()])
        .collect();
    assert_eq!(wrong, ["- '{\"rules\": []}'"]);
}

#[test]
fn a_repeated_table_mappings_key_is_reported_and_the_last_one_read() {
    let text = "Resources:\n  T:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: '{}'\n      TableMappings: '{\"rules\": []}'\n";
    let scan = scan(text);
    assert_eq!(inline(&scan, "T").text, "{\"rules\": []}");
    let d = &scan.diagnostics[0];
    assert_eq!(d.code, Code::DuplicateKey);
    assert_eq!(&text[d.primary.span.range()], "TableMappings");
    assert_eq!(
        d.secondary[0].span.start,
        text.find("TableMappings").unwrap()
    );
}

#[test]
fn is_template_looks_for_a_top_level_resources_key() {
    assert!(is_template(
        "AWSTemplateFormatVersion: x\nResources:\n  A: {}\n"
    ));
    assert!(is_template("\u{feff}{\"Resources\" : {}}"));
    assert!(!is_template("rules:\n  - Resources: x\n"));
    assert!(!is_template("{\"rules\": [{\"Resources\": 1}]}"));
    assert!(!is_template("{\"a\": \"\\\"Resources\\\": 1\"}"));
    // Named as a value, deep, and then at the top level after the rules.
    let deep = "{\"rules\": [{\"table-name\": \"Resources\", \"x\": {\"Resources\" :1}}]";
    assert!(!is_template(&format!("{deep}}}")));
    assert!(is_template(&format!("{deep},\n \"Resources\"\n: {{}}}}")));
    assert!(is_template("Description: x\n'Resources' :\n  A: {}\n"));
}

proptest::proptest! {
    /// The search that spares a rules document the reading never turns away a text the reading
    /// takes for a template.
    #[test]
    fn the_search_for_resources_misses_no_template(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Resources", "\"", "'", ":", "{", "}", "[", "]", " ", "\n", "\t", "\\",
                "\u{a0}", "\u{feff}", "\u{b}", "a", ",",
            ]),
            0..24,
        )
    ) {
        let text = pieces.concat();
        proptest::prop_assert!(
            super::names_resources(text.as_bytes()) || !super::has_top_level_resources(&text),
            "{text:?}"
        );
    }
}

#[test]
fn what_is_not_a_template_is_said_plainly() {
    let scan = super::scan("just some text\n");
    assert_eq!(scan.diagnostics[0].code, Code::WrongType);
    assert!(scan.diagnostics[0]
        .message
        .contains("not a CloudFormation template"));
    let scan = super::scan("{\"Resources\": ");
    assert_eq!(scan.diagnostics[0].code, Code::JsonSyntax);
    let scan = super::scan("Resources:\n  A: 'open\n");
    assert_eq!(scan.diagnostics.len(), 1);
    assert_eq!(scan.diagnostics[0].code, Code::YamlSyntax);
    assert!(super::scan("").diagnostics[0].code == Code::EmptyDocument);
}

// The shared corpus: real templates, read where they are, skipped when absent.

const CORPUS: &[(&str, &[&str])] = &[
    ("cfn-yaml-literal-block/dms-export.yml", &["MigrationTask"]),
    (
        "cfn-yaml-single-quoted-oneline/cfn/dms.template",
        &["ReplicationTask"],
    ),
    (
        "cfn-yaml-single-quoted-multiline/DMSPostgreSQLMemoryDBRedis.yaml",
        &["DMSReplicationTask"],
    ),
    (
        "sam-yaml-folded-and-quoted/s3-event-store.yaml",
        &["RDSToS3", "S3ToDynamoDB"],
    ),
    (
        "cfn-yaml-sub-list-folded/templates/aws-dms-to-hudi.yaml",
        &["ReplicationTask"],
    ),
    (
        "cfn-json-cdk-synth/cdk.out/DmsStack.template.json",
        &[
            "dbserver1dbname1all",
            "dbserver1dbname2all",
            "dbserver1dbname3all",
            "dbserver2dbname1all",
            "dbserver3dbname1all",
            "dbserver3dbname2all",
            "dbserver4dbname1all",
            "dbserver4dbname2all",
            "dbserver5dbname1all",
        ],
    ),
    (
        "cfn-json-escaped-newlines/lib/TapStack.json",
        &["DMSReplicationTask"],
    ),
];

fn corpus(path: &str) -> Option<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/iac/");
    std::fs::read_to_string(format!("{root}{path}")).ok()
}

#[test]
fn corpus_templates_give_their_mappings_with_spans_on_the_bytes_as_written() {
    for &(path, ids) in CORPUS {
        let Some(text) = corpus(path) else {
            continue;
        };
        assert!(is_template(&text), "{path}");
        let scan = scan(&text);
        assert_eq!(errors(&scan), Vec::<String>::new(), "{path}");
        let found: Vec<&str> = scan.mappings.iter().map(|m| m.resource.as_str()).collect();
        assert_eq!(found, ids, "{path}");
        let json = path.ends_with(".json");
        for mapping in &scan.mappings {
            let Document::Inline(decoded) = &mapping.document else {
                panic!("{path}: `{}` is not inline", mapping.resource);
            };
            let parsed = syntax::parse(&decoded.text)
                .unwrap_or_else(|d| panic!("{path}: {d:?}\n{}", decoded.text));
            let mut all = Vec::new();
            strings(&parsed.value, &mut all);
            assert!(all.iter().any(|(s, _)| s == "rules"), "{path}");
            for (value, span) in all {
                let substituted = value.contains("${");
                if substituted
                    || decoded
                        .unknown
                        .iter()
                        .any(|u| u.start <= span.start && span.end <= u.end)
                {
                    // Placeholders and `!Sub` variables stand for other bytes: checked below.
                    continue;
                }
                let written = &text[decoded.map.span(span).range()];
                let raw = &decoded.text[span.range()];
                let expected = if json {
                    raw.replace('\\', "\\\\").replace('"', "\\\"")
                } else {
                    raw.to_string()
                };
                assert_eq!(
                    written, expected,
                    "{path}: `{value}` of `{}`",
                    mapping.resource
                );
            }
        }
    }
}

#[test]
fn corpus_sub_template_turns_its_variables_into_dms_placeholders() {
    let Some(text) = corpus("cfn-yaml-sub-list-folded/templates/aws-dms-to-hudi.yaml") else {
        return;
    };
    let scan = scan(&text);
    let decoded = inline(&scan, "ReplicationTask");
    let doc: serde_json::Value = serde_json::from_str(&decoded.text).unwrap();
    let tags = &doc["rules"][3]["tag-set"];
    assert_eq!(tags[2]["value"], "${schema-name}");
    assert_eq!(tags[3]["value"], "${table-name}");
    assert_eq!(doc["rules"][1]["expression"], "$AR_H_CHANGE_SEQ");
    assert_eq!(
        host(&text, decoded, "${schema-name}").0,
        "\"${SCHEMA_NAME}\""
    );
}

// Hostile input.

#[test]
fn deep_nesting_is_one_finding_not_a_stack_overflow() {
    let deep = [
        "[".repeat(100_000),
        "{".repeat(100_000),
        format!("Resources:\n  T: {}", "[".repeat(100_000)),
        // Block mappings nest on one line through explicit keys; block sequences through `- `.
        "? ".repeat(100_000),
        "- ".repeat(100_000),
        format!(
            "Resources:\n{}",
            (1..400)
                .map(|d| format!("{}k:\n", " ".repeat(d)))
                .collect::<String>()
        ),
    ];
    for text in &deep {
        let scan = scan(text);
        assert_eq!(scan.diagnostics.len(), 1, "{:?}", &text[..20]);
        assert_eq!(scan.diagnostics[0].code, Code::NestingTooDeep);
    }
}

/// Expanding the aliases would take 9^30 nodes: the scan ends only because it never expands
/// them (`benches/cloudformation.rs` times it against an ordinary template).
#[test]
fn an_alias_bomb_is_not_expanded() {
    let mut text = String::from("x: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for k in 1..30 {
        let refs = vec![format!("*a{}", k - 1); 9].join(", ");
        text.push_str(&format!("x{k}: &a{k} [{refs}]\n"));
    }
    text.push_str("Resources:\n  T:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: *a29\n");
    let scan = scan(&text);
    assert!(matches!(scan.mappings[0].document, Document::NotStatic));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Mutations of valid templates never panic, and every span lies in the template on char
    /// boundaries, including the host span of every char-aligned range of a decoded document.
    #[test]
    fn mutated_templates_never_panic_and_spans_stay_in_bounds(
        which in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(vec![
            " ", "\n", "\t", "'", "\"", "\\", "{", "}", "[", "]", ":", "- ", "#", "&a ", "*a", "!Sub ",
            "|", ">-", "${", "}}", "é", "\u{2028}", "\r\n", "{{resolve:", ",", "!Ref ", "!GetAtt ",
            "Ref: ",
        ])), 1..6),
    ) {
        let name = ["literal-block.yaml", "sub-list.yaml", "single-quoted.yaml", "cdk-escaped.template.json", "replication-config.yaml", "engines.yaml"][which];
        let mut text = fixture(name);
        for (at, op, piece) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match op {
                0 => text.insert_str(i, piece),
                1 => {
                    let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                    text.replace_range(i..end, "");
                }
                _ => text.truncate(i),
            }
        }
        let scan = scan(&text);
        let in_bounds = |s: Span| {
            s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        };
        for d in &scan.diagnostics {
            for label in d.labels() {
                prop_assert!(in_bounds(label.span), "{:?}", d);
            }
        }
        for m in &scan.mappings {
            prop_assert!(in_bounds(m.span));
            // Where each of the task's settings is read.
            for at in crate::host::task::tests::places(&m.task) {
                prop_assert!(at.path.is_none() && in_bounds(at.span), "{:?}", m.task);
            }
            if let Document::Inline(decoded) = &m.document {
                let bounds: Vec<usize> = decoded.text.char_indices().map(|(i, _)| i).chain([decoded.text.len()]).collect();
                for (k, &a) in bounds.iter().enumerate().step_by(7) {
                    for &b in bounds[k..].iter().step_by(13).take(5) {
                        prop_assert!(in_bounds(decoded.map.span(Span::new(a, b))));
                    }
                }
            }
        }
    }
}

/// Every scalar of the corpus templates decodes exactly as the parser does, so none of them
/// falls back to the coarse map.
#[test]
fn corpus_scalars_all_decode_exactly() {
    fn walk(text: &str, node: &super::node::Node<'_>, count: &mut usize) {
        match &node.kind {
            super::node::Kind::Scalar(s) => {
                assert!(
                    super::decode::exact(text, s).is_some(),
                    "{:?} at {:?}: {:?}",
                    s.style,
                    s.raw,
                    &text[s.raw.range()]
                );
                *count += 1;
            }
            super::node::Kind::Sequence(items) => items.iter().for_each(|n| walk(text, n, count)),
            super::node::Kind::Mapping(entries) => entries.iter().for_each(|(k, v)| {
                walk(text, k, count);
                walk(text, v, count);
            }),
            super::node::Kind::Alias => {}
        }
    }
    for &(path, _) in CORPUS {
        let Some(text) = corpus(path) else {
            continue;
        };
        let root = super::read(&text).unwrap().unwrap();
        let mut count = 0;
        walk(&text, &root, &mut count);
        assert!(count > 50, "{path}: {count}");
    }
}

#[test]
fn to_json_string_of_a_literal_mapping_is_written_out() {
    let text = "Transform: AWS::LanguageExtensions\nResources:\n  T:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n      TableMappings: !ToJsonString\n        rules: [{rule-acton: include}]\n";
    let scan = scan(text);
    let decoded = inline(&scan, "T");
    assert_eq!(decoded.text, r#"{"rules": [{"rule-acton": "include"}]}"#);
    assert_eq!(host(text, decoded, "rule-acton"), ("rule-acton", 7));
}

#[test]
fn syntax_errors_are_one_finding_in_plain_words_on_the_bytes() {
    let cases = [
        (
            "\0\0\u{1}",
            Code::YamlSyntax,
            "\0",
            "`\\u{0}` cannot start a value here",
        ),
        (
            "Resources: [\n",
            Code::YamlSyntax,
            "[",
            "a `[` is never closed",
        ),
        (
            "Resources:\n  - a\n  b: c\n",
            Code::YamlSyntax,
            "b",
            "indentation",
        ),
        (
            "resource \"aws_dms_replication_task\" \"t\" {\n  a = 1\n}\n",
            Code::WrongType,
            "resource \"aws_dms_replication_task\" \"t\" {\n  a = 1\n}",
            "its top level is a string",
        ),
    ];
    for (text, code, under, words) in cases {
        let scan = scan(text);
        assert_eq!(scan.diagnostics.len(), 1, "{text:?}");
        let d = &scan.diagnostics[0];
        assert_eq!(d.code, code, "{text:?}");
        assert_eq!(&text[d.primary.span.range()], under, "{text:?}");
        assert!(d.message.contains(words), "{text:?}: {}", d.message);
        assert!(d.help.is_some());
    }
}

#[test]
fn a_byte_order_mark_and_crlf_lines_keep_spans_on_the_bytes() {
    let text = fixture("literal-block.yaml").replace('\n', "\r\n");
    let text = format!("\u{feff}{text}");
    let scan = scan(&text);
    assert_eq!(errors(&scan), Vec::<String>::new());
    let decoded = inline(&scan, "Task");
    assert!(!decoded.text.contains('\r'));
    assert_eq!(host(&text, decoded, "rule-acton"), ("\"rule-acton\"", 17));
    assert_eq!(host(&text, decoded, "héros").0, "\"héros\"");
}

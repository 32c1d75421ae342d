//! Property tests of the typed rules: generated valid rule sets in every dialect print to JSON
//! and lower back to the same rules with no diagnostics; mutated documents never panic and
//! every label stays on the input.

use dms_rules::ast::{
    FilterOperator, ObjectKind, PieceKind, Rule, RuleTarget, SelectionAction, TransformationAction,
    ValidationAction,
};
use dms_rules::diagnostic::{render, Style};
use dms_rules::{check, internals, Dialect, Options, SourceFile};
use proptest::prelude::*;
use serde_json::json;

/// A rule as the generator writes it and as it is read back, without spans.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Model {
    Selection {
        id: u32,
        action: SelectionAction,
        server: Option<String>,
        schema: String,
        object: Option<(ObjectKind, String)>,
        filters: Vec<(String, FilterOperator, Vec<String>)>,
    },
    Transformation {
        id: u32,
        target: RuleTarget,
        action: TransformationAction,
        schema: String,
        value: Option<String>,
    },
    Validation {
        id: u32,
        schema: String,
        table: String,
        column: String,
        data_type: Option<String>,
        source_function: Option<String>,
        target_function: Option<String>,
    },
}

fn name() -> impl Strategy<Value = String> {
    // No `_` next to a `%`, so no warning is due.
    "[A-Z][A-Z0-9]{0,6}|\u{e9}t\u{e9}|\u{5ba2}\u{6237}"
}

fn pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        name(),
        name().prop_map(|n| format!("{n}%")),
        Just("%".to_string()),
        name().prop_map(|n| format!("{n}[_]%"))
    ]
}

fn filter() -> impl Strategy<Value = (String, FilterOperator, Vec<String>)> {
    let op = prop::sample::select(vec![
        FilterOperator::Eq,
        FilterOperator::Gte,
        FilterOperator::Lte,
        FilterOperator::Between,
        FilterOperator::Null,
    ]);
    (name(), op, "[0-9]{1,4}").prop_map(|(column, op, v)| {
        let values = match op {
            FilterOperator::Between => vec![v.clone(), format!("{v}9")],
            FilterOperator::Null => vec![],
            _ => vec![v],
        };
        (column, op, values)
    })
}

/// A table-mapping rule set: includes first, then excludes and transformations.
pub(crate) fn table_mapping() -> impl Strategy<Value = Vec<Model>> {
    let include = (name(), pattern())
        .prop_map(|(schema, table)| (SelectionAction::Include, schema, table, vec![]));
    let filtered = (name(), name(), prop::collection::vec(filter(), 0..3))
        .prop_map(|(schema, table, filters)| (SelectionAction::Include, schema, table, filters));
    // Exact names in explicit rules may hold `_` and brackets: they are ordinary characters.
    let explicit = (name(), "[A-Z]{1,4}_[A-Z]{1,4}(\\[1\\])?")
        .prop_map(|(schema, table)| (SelectionAction::Explicit, schema, table, vec![]));
    let selections = prop::collection::vec(prop_oneof![include, filtered, explicit], 1..5);
    // One rename per schema: DMS applies one transformation per object.
    let transformations = prop::collection::btree_map(name(), name(), 0..3);
    let function = "(UPPER|TRIM|LOWER)\\(\\$\\{column-name\\}\\)";
    let functions = prop_oneof![
        (Just(None), function.prop_map(Some)),
        (function.prop_map(Some), Just(None)),
        (function.prop_map(Some), function.prop_map(Some)),
    ];
    let validation = (
        pattern(),
        pattern(),
        pattern(),
        prop::option::of(prop::sample::select(vec!["datetime", "int8", "string"])),
        functions,
    );
    let validations = prop::collection::vec(validation, 0..3);
    (selections, transformations, validations).prop_map(
        |(selections, transformations, validations)| {
            let mut id = 0;
            let mut next = || {
                id += 1;
                id
            };
            let mut rules: Vec<Model> = selections
                .into_iter()
                .map(|(action, schema, table, filters)| Model::Selection {
                    id: next(),
                    action,
                    server: None,
                    schema,
                    object: Some((ObjectKind::Table, table)),
                    filters,
                })
                .collect();
            rules.extend(transformations.into_iter().map(|(schema, value)| {
                Model::Transformation {
                    id: next(),
                    target: RuleTarget::Schema,
                    action: TransformationAction::Rename,
                    schema,
                    value: Some(value),
                }
            }));
            rules.extend(validations.into_iter().map(
                |(schema, table, column, data_type, (source_function, target_function))| {
                    Model::Validation {
                        id: next(),
                        schema,
                        table,
                        column,
                        data_type: data_type.map(str::to_string),
                        source_function,
                        target_function,
                    }
                },
            ));
            rules
        },
    )
}

/// A Schema Conversion rule set: an include first, then any mix.
pub(crate) fn schema_conversion() -> impl Strategy<Value = Vec<Model>> {
    let kind = prop::sample::select(vec![
        ObjectKind::Table,
        ObjectKind::Procedure,
        ObjectKind::Function,
        ObjectKind::Sequence,
    ]);
    let rule = (
        prop::sample::select(vec![
            SelectionAction::Include,
            SelectionAction::Exclude,
            SelectionAction::Explicit,
        ]),
        name(),
        prop::option::of((kind, name())),
    );
    (name(), prop::collection::vec(rule, 0..5)).prop_map(|(schema, rest)| {
        let first = Model::Selection {
            id: 1,
            action: SelectionAction::Include,
            server: Some("db.example.com".into()),
            schema,
            object: None,
            filters: vec![],
        };
        std::iter::once(first)
            .chain(
                rest.into_iter()
                    .enumerate()
                    .map(|(i, (action, schema, object))| Model::Selection {
                        id: i as u32 + 2,
                        action,
                        server: Some("db.example.com".into()),
                        schema,
                        object,
                        filters: vec![],
                    }),
            )
            .collect()
    })
}

/// A homogeneous data migration's rule set: `include` rules whose names may hold `_` and
/// brackets, which stand for themselves there, and `%`.
fn data_migration() -> impl Strategy<Value = Vec<Model>> {
    let name = "[A-Za-z]{1,3}(_[a-z]{1,3})?(\\[[a-z0-9]{1,2}\\])?%?|%";
    prop::collection::vec((name, name), 1..5).prop_map(|rules| {
        rules
            .into_iter()
            .enumerate()
            .map(|(i, (schema, table))| Model::Selection {
                id: i as u32 + 1,
                action: SelectionAction::Include,
                server: None,
                schema,
                object: Some((ObjectKind::Table, table)),
                filters: vec![],
            })
            .collect()
    })
}

pub(crate) fn to_json(rules: &[Model]) -> String {
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|rule| match rule {
            Model::Selection { id, action, server, schema, object, filters } => {
                let mut locator = serde_json::Map::new();
                if let Some(server) = server {
                    locator.insert("server-name".into(), json!(server));
                }
                locator.insert("schema-name".into(), json!(schema));
                if let Some((kind, name)) = object {
                    locator.insert(kind.as_str().into(), json!(name));
                }
                let mut value = json!({
                    "rule-type": "selection",
                    "rule-id": id.to_string(),
                    "rule-name": format!("rule {id}"),
                    "object-locator": locator,
                    "rule-action": action.as_str(),
                });
                if !filters.is_empty() {
                    value["filters"] = filters
                        .iter()
                        .map(|(column, op, values)| {
                            let mut condition = json!({ "filter-operator": op.as_str() });
                            match values.as_slice() {
                                [one] => condition["value"] = json!(one),
                                [start, end] => {
                                    condition["start-value"] = json!(start);
                                    condition["end-value"] = json!(end);
                                }
                                _ => {}
                            }
                            json!({ "filter-type": "source", "column-name": column, "filter-conditions": [condition] })
                        })
                        .collect();
                }
                value
            }
            Model::Transformation { id, target, action, schema, value } => json!({
                "rule-type": "transformation",
                "rule-id": id.to_string(),
                "rule-name": format!("rule {id}"),
                "rule-target": target.as_str(),
                "object-locator": { "schema-name": schema },
                "rule-action": action.as_str(),
                "value": value,
            }),
            Model::Validation { id, schema, table, column, data_type, source_function, target_function } => {
                let mut locator = json!({ "schema-name": schema, "table-name": table, "column-name": column });
                if let Some(data_type) = data_type {
                    locator["data-type"] = json!(data_type);
                }
                let mut value = json!({
                    "rule-type": "validation",
                    "rule-id": id.to_string(),
                    "rule-name": format!("rule {id}"),
                    "rule-target": "column",
                    "object-locator": locator,
                    "rule-action": "override-validation-function",
                });
                if let Some(f) = source_function {
                    value["source-function"] = json!(f);
                }
                if let Some(f) = target_function {
                    value["target-function"] = json!(f);
                }
                value
            }
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "rules": rules })).expect("serialize")
}

fn from_ast(rule: &Rule<'_>) -> Model {
    let id = rule
        .header()
        .rule_id
        .as_ref()
        .and_then(|id| id.value())
        .expect("id") as u32;
    match rule {
        Rule::Selection(s) => {
            let locator = s.locator.as_ref().expect("locator");
            Model::Selection {
                id,
                action: s.action.expect("action").value,
                server: locator.server_name.as_ref().map(|n| n.value().to_string()),
                schema: locator
                    .schema_name
                    .as_ref()
                    .expect("schema")
                    .value()
                    .to_string(),
                object: locator
                    .object
                    .as_ref()
                    .map(|(kind, name)| (kind.value, name.value().to_string())),
                filters: s
                    .filters
                    .iter()
                    .map(|f| {
                        let c = &f.conditions[0];
                        let values = [&c.value, &c.start_value, &c.end_value]
                            .into_iter()
                            .flatten()
                            .map(|t| t.value.to_string())
                            .collect();
                        (
                            f.column_name.as_ref().expect("column").value.to_string(),
                            c.operator.expect("op").value,
                            values,
                        )
                    })
                    .collect(),
            }
        }
        Rule::Transformation(t) => Model::Transformation {
            id,
            target: t.target.expect("target").value,
            action: t.action.expect("action").value,
            schema: t
                .locator
                .as_ref()
                .and_then(|l| l.schema_name.as_ref())
                .expect("schema")
                .value()
                .to_string(),
            value: t.value.as_ref().map(|v| v.value.to_string()),
        },
        Rule::Validation(v) => {
            assert_eq!(v.target.expect("target").value, RuleTarget::Column);
            assert_eq!(
                v.action.expect("action").value,
                ValidationAction::OverrideValidationFunction
            );
            let locator = v.locator.as_ref().expect("locator");
            let text =
                |name: Option<&dms_rules::ast::Name<'_>>| name.expect("name").value().to_string();
            Model::Validation {
                id,
                schema: text(locator.schema_name.as_ref()),
                table: text(locator.table_name()),
                column: text(locator.column_name()),
                data_type: locator.data_type().map(|t| t.value().to_string()),
                source_function: v.source_function.as_ref().map(|f| f.value.to_string()),
                target_function: v.target_function.as_ref().map(|f| f.value.to_string()),
            }
        }
        other => panic!("unexpected rule {other:?}"),
    }
}

fn round_trip(rules: &[Model], dialect: Dialect) -> Result<(), TestCaseError> {
    let text = to_json(rules);
    // Data migrations are never detected: they are asked for.
    let asked = (dialect == Dialect::DataMigration).then_some(dialect);
    let checked = check(
        &text,
        &Options {
            dialect: asked,
            ..Options::default()
        },
    );
    let findings: Vec<String> = checked
        .diagnostics()
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    prop_assert!(findings.is_empty(), "{findings:?} in\n{text}");
    prop_assert_eq!(checked.dialect(), Some(dialect));
    let document = checked.document().expect("document");
    let back: Vec<Model> = document.rules.iter().map(from_ast).collect();
    prop_assert_eq!(back, rules.to_vec());
    Ok(())
}

/// `at` brought into `text` and back to the nearest character boundary.
fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn table_mappings_round_trip(rules in table_mapping()) {
        round_trip(&rules, Dialect::TableMapping)?;
    }

    #[test]
    fn schema_conversion_rules_round_trip(rules in schema_conversion()) {
        round_trip(&rules, Dialect::SchemaConversion)?;
    }

    #[test]
    fn data_migration_rules_round_trip_with_percent_the_only_wildcard(rules in data_migration()) {
        round_trip(&rules, Dialect::DataMigration)?;
        let text = to_json(&rules);
        let checked = check(&text, &Options { dialect: Some(Dialect::DataMigration), ..Options::default() });
        let document = checked.document().expect("document");
        for rule in document.selection_rules() {
            for name in rule.locator.as_ref().expect("locator").names() {
                let pattern = name.pattern.as_ref().expect("a pattern");
                for piece in pattern.pieces() {
                    prop_assert!(
                        matches!(piece.kind, PieceKind::Literal(_) | PieceKind::AnyRun),
                        "{:?} in {}", piece.kind, name.value()
                    );
                }
            }
        }
    }

    #[test]
    fn mutated_documents_never_panic(
        rules in table_mapping(),
        edits in prop::collection::vec((any::<usize>(), prop::sample::select(vec!["", "%", "_", "[", "]", "\"", "{", "}", ",", "null", "1", "\"x\"", "[]", "{}"])), 1..4),
    ) {
        let mut text = to_json(&rules);
        for (at, insert) in edits {
            let at = char_boundary(&text, at);
            // Replace the token-sized run at `at` with `insert`.
            let end = text[at..].find(['"', ',', ':', '}', ']']).map_or(text.len(), |i| at + i.max(1).min(text.len() - at));
            text.replace_range(at..end, insert);
        }
        for dialect in [None, Some(Dialect::SchemaConversion), Some(Dialect::TableMapping), Some(Dialect::DataMigration)] {
            let checked = check(&text, &Options { dialect, ..Options::default() });
            let file = SourceFile::new("mutated.json", text.as_bytes());
            for report in checked.reports(&file) {
                for label in report.diagnostic.labels() {
                    prop_assert!(label.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
                }
                let _ = render(&report, Style::default());
            }
        }
    }
}

/// What `check` finds, computed in two steps: lowering alone (the pipeline without its
/// checks), then the checks over the kept rules.
fn lowered_then_checked(text: &str, options: &Options) -> Vec<dms_rules::Diagnostic> {
    let lowered = internals::lower(text.as_bytes(), options);
    let mut found = lowered.diagnostics().to_vec();
    if let Some(document) = lowered.document() {
        found.extend(internals::checks(document, options));
    }
    dms_rules::diagnostic::order(&mut found);
    found
}

/// `found` without the hint the pipeline adds, after the checks, to a table-mapping finding in a
/// document that could be Schema Conversion rules: the phases one by one do not add it.
fn without_dialect_hint(mut found: Vec<dms_rules::Diagnostic>) -> Vec<dms_rules::Diagnostic> {
    const HINT: &str = "no locator has `server-name`, so these rules were read as table mappings";
    for diagnostic in &mut found {
        if let Some(at) = diagnostic.help.as_deref().and_then(|help| help.find(HINT)) {
            let help = diagnostic.help.take().unwrap_or_default();
            let before = help[..at].trim_end_matches("; ");
            diagnostic.help = (!before.is_empty()).then(|| before.to_string());
        }
    }
    found
}

/// The dialect of a document as the reference reads it, with serde_json: Schema Conversion when
/// any rule's `object-locator` has a key only Schema Conversion has (`server-name`,
/// `database-name`, `category-name`, an object key other than `table-name`), table mappings
/// otherwise; `None` when the text is not JSON, or has a second `rules` member (serde_json keeps
/// the last, the crate reads the first and reports the second).
fn reference_dialect(text: &str) -> Option<Dialect> {
    if text.matches("\"rules\"").count() > 1 {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let rules = value.get("rules").and_then(|r| r.as_array());
    let only_schema_conversion = |key: &str| {
        ["server-name", "database-name", "category-name"].contains(&key)
            || ObjectKind::parse(key).is_some_and(|kind| kind != ObjectKind::Table)
    };
    let names_server = rules.into_iter().flatten().any(|rule| {
        rule.get("object-locator")
            .and_then(|l| l.as_object())
            .is_some_and(|l| {
                l.iter()
                    .any(|(k, v)| !v.is_null() && only_schema_conversion(k))
            })
    });
    Some(if names_server {
        Dialect::SchemaConversion
    } else {
        Dialect::TableMapping
    })
}

/// Each finding's code and span: what does not depend on how the dialect was chosen.
fn codes_and_spans(found: &[dms_rules::Diagnostic]) -> Vec<(dms_rules::Code, dms_rules::Span)> {
    found.iter().map(|d| (d.code, d.primary.span)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Lowering and checking each rule as the parser completes it finds exactly what lowering
    /// first and checking the kept rules after finds, in every dialect, on valid and mutated
    /// documents alike; `lint`, which keeps no rule, finds the same; and a dialect detected from
    /// the document is the one the reference reads, with the findings of asking for it.
    #[test]
    fn streaming_finds_what_the_phases_find(
        rules in prop_oneof![table_mapping(), schema_conversion()],
        edits in prop::collection::vec((any::<usize>(), prop::sample::select(vec!["", "%", "\"server-name\": \"s\", ", "\"procedure-name\": \"p\", ", "\"rules\": [], ", "{}", ",", "]"])), 0..3),
    ) {
        let mut text = to_json(&rules);
        for (at, insert) in edits {
            let at = char_boundary(&text, at);
            text.insert_str(at, insert);
        }
        for dialect in [None, Some(Dialect::SchemaConversion), Some(Dialect::TableMapping), Some(Dialect::DataMigration)] {
            let options = Options { dialect, ..Options::default() };
            let streamed: Vec<_> = check(&text, &options).diagnostics().to_vec();
            let kept_nothing: Vec<_> = dms_rules::lint(&text, &options).diagnostics().to_vec();
            prop_assert_eq!(&kept_nothing, &streamed, "{}", text);
            prop_assert_eq!(without_dialect_hint(streamed), lowered_then_checked(&text, &options), "{}", text);
        }
        let detected = check(&text, &Options::default());
        if let (Some(dialect), Some(reference)) = (detected.dialect(), reference_dialect(&text)) {
            prop_assert_eq!(dialect, reference, "{}", text);
            let asked = check(&text, &Options { dialect: Some(reference), ..Options::default() });
            prop_assert_eq!(codes_and_spans(detected.diagnostics()), codes_and_spans(asked.diagnostics()), "{}", text);
        }
    }
}

/// `text` is detected as `dialect` and raises nothing.
#[track_caller]
fn assert_clean_in(text: &str, dialect: Dialect) {
    let checked = check(text, &Options::default());
    assert_eq!(checked.dialect(), Some(dialect));
    assert!(
        checked.diagnostics().is_empty(),
        "{:?}",
        checked.diagnostics()
    );
}

#[test]
fn an_escaped_server_name_key_still_makes_schema_conversion_rules() {
    let text = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "r", "object-locator": {"server\u002dname": "db", "schema-name": "HR"}, "rule-action": "explicit"}]}"#;
    assert_clean_in(text, Dialect::SchemaConversion);
}

#[test]
fn server_name_as_a_value_leaves_table_mappings() {
    let text = r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "server-name", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
    assert_clean_in(text, Dialect::TableMapping);
}

//! The real documents in `tests/corpus/real-world/`, judged by the verdicts in its SOURCES.md:
//! VALID, VALID (warn) and CONTEXT raise no error; each INVALID one raises the error its
//! verdict describes.

use dms_rules::{check, Code, Options};

use crate::support::{corpus, corpus_verdicts, pin};

/// The error each INVALID document must raise.
const INVALID: &[(&str, Code)] = &[
    (
        "invalid-botocore-1121-legacy-tablemappings-format.json",
        Code::NotARulesDocument,
    ),
    (
        "invalid-localstack-duplicate-rule-id.json",
        Code::DuplicateRuleId,
    ),
    ("invalid-localstack-malformed-json.json", Code::JsonSyntax),
    (
        "invalid-localstack-missing-object-locator.json",
        Code::MissingKey,
    ),
    (
        "invalid-localstack-no-rules-key.json",
        Code::NotARulesDocument,
    ),
    (
        "invalid-localstack-unknown-rule-type-select.json",
        Code::InvalidValue,
    ),
    (
        "tm-docs-s3-post-processing-trailing-commas-INVALID.json",
        Code::JsonSyntax,
    ),
    (
        "tm-docs-table-settings-wildcard-bare-rule-INVALID.json",
        Code::NotARulesDocument,
    ),
    (
        "tm-docs-transform-change-data-type-bare-rule-INVALID.json",
        Code::NotARulesDocument,
    ),
];

#[test]
fn every_corpus_document_meets_its_verdict() {
    let rows = corpus_verdicts();
    assert_eq!(rows.len(), 40, "SOURCES.md lists 40 documents");
    let mut failures = Vec::new();
    for (file, verdict) in &rows {
        let source = std::fs::read(corpus().join(file)).expect("corpus file");
        let checked = check(&source, &Options::default());
        let errors: Vec<_> = checked
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .collect();
        match verdict.as_str() {
            "VALID" | "VALID (warn)" | "CONTEXT" => {
                if !errors.is_empty() {
                    let pinned: Vec<String> = errors.iter().map(|d| pin(&source, d)).collect();
                    failures.push(format!("{file} ({verdict}) raised:\n{}", pinned.concat()));
                }
            }
            "INVALID" => {
                let expected = INVALID
                    .iter()
                    .find(|(name, _)| name == file)
                    .map(|(_, code)| *code)
                    .unwrap_or_else(|| {
                        panic!("{file}: INVALID but not in the table of expected codes")
                    });
                if !errors.iter().any(|d| d.code == expected) {
                    failures.push(format!(
                        "{file}: expected {expected}, got {:?}",
                        errors.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
                    ));
                }
            }
            other => failures.push(format!("{file}: unknown verdict {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn warn_verdicts_that_name_a_lint_get_it() {
    // Documents whose verdict explains a lint the linter has: it must fire.
    let expect = [
        (
            "rw-cloudposse-include-all-exclude-test-underscore.json",
            Code::UnderscoreWildcard,
        ),
        (
            "tm-docs-2018-filter-ste-between-gte.json",
            Code::LegacyFilterOperator,
        ),
        (
            "rw-moj-emsys-selection-leading-zero-ids-extra-keys.json",
            Code::RuleIdFormat,
        ),
        (
            "rw-moj-emsys-selection-leading-zero-ids-extra-keys.json",
            Code::UnknownKey,
        ),
        (
            "rw-moj-nomis-duplicate-rule-names.json",
            Code::DuplicateRuleName,
        ),
        (
            "rw-dragonfoxsl-include-column-mixed-ruleid-types.json",
            Code::RuleIdFormat,
        ),
        (
            "rw-moj-emsys-views-rename-define-pk-column-target.json",
            Code::ActionTargetMismatch,
        ),
        (
            "tm-docs-wildcard-oracle-escape-character-hash.json",
            Code::PossibleEscapeCharacter,
        ),
        (
            "sc-docs-oracle-include-schema-exclude-tmp-prefix.json",
            Code::UnderscoreWildcard,
        ),
    ];
    for (file, code) in expect {
        let source = std::fs::read(corpus().join(file)).expect("corpus file");
        let checked = check(&source, &Options::default());
        assert!(
            checked
                .diagnostics()
                .iter()
                .any(|d| d.code == code && !d.is_error()),
            "{file}: expected a {code} warning"
        );
    }
}

#[test]
fn schema_conversion_documents_are_detected() {
    for (file, _) in corpus_verdicts()
        .iter()
        .filter(|(f, _)| f.starts_with("sc-"))
    {
        let source = std::fs::read(corpus().join(file)).expect("corpus file");
        let checked = check(&source, &Options::default());
        assert_eq!(
            checked.dialect(),
            Some(dms_rules::Dialect::SchemaConversion),
            "{file}"
        );
    }
}

#[test]
fn the_data_migration_document_is_clean_as_one_and_never_detected() {
    let file = "dm-docs-homogeneous-include-all-tables.json";
    assert!(corpus_verdicts()
        .iter()
        .any(|(f, v)| f == file && v == "VALID"));
    let source = std::fs::read(corpus().join(file)).expect("corpus file");
    let asked = Options {
        dialect: Some(dms_rules::Dialect::DataMigration),
        ..Options::default()
    };
    let checked = check(&source, &asked);
    assert_eq!(checked.diagnostics(), []);
    assert_eq!(checked.dialect(), Some(dms_rules::Dialect::DataMigration));
    assert_eq!(
        check(&source, &Options::default()).dialect(),
        Some(dms_rules::Dialect::TableMapping)
    );
}

#[test]
fn engines_unset_change_nothing_and_the_valid_documents_stay_clean_with_their_engines() {
    use dms_rules::Engine;
    // Engines each VALID table mapping fits, as its SOURCES.md row or content says.
    let engines = [
        (
            "tm-docs-transform-add-column-datetime-precision.json",
            Engine::MySql,
            Engine::Postgres,
        ),
        (
            "rw-aws-samples-cdk-change-data-type-uint1-to-int4.json",
            Engine::SqlServer,
            Engine::Postgres,
        ),
        (
            "tm-docs-table-settings-ranges-and-partitions-auto.json",
            Engine::Oracle,
            Engine::Postgres,
        ),
        (
            "tm-docs-s3-post-processing-add-tag-static.json",
            Engine::Oracle,
            Engine::S3,
        ),
        (
            "tm-docs-dynamodb-object-mapping-attribute-mappings.json",
            Engine::MySql,
            Engine::DynamoDb,
        ),
        (
            "tm-docs-table-settings-lob-combination-full-lob.json",
            Engine::Db2,
            Engine::Postgres,
        ),
    ];
    for (file, source_engine, target_engine) in engines {
        let source = std::fs::read(corpus().join(file)).expect("corpus file");
        let given = Options {
            source_engine: Some(source_engine),
            target_engine: Some(target_engine),
            ..Options::default()
        };
        let with = check(&source, &given);
        let without = check(&source, &Options::default());
        assert_eq!(with.diagnostics(), without.diagnostics(), "{file}");
    }
    // Each Schema Conversion document with an engine its locators fit: still no error.
    let sc = [
        (
            "sc-awscli-get-target-selection-rules-sqlserver-database-name.json",
            Engine::SqlServer,
        ),
        (
            "sc-docs-sapase-all-procedures-wildcard.json",
            Engine::Sybase,
        ),
        (
            "sc-docs-oracle-include-schema-exclude-tmp-prefix.json",
            Engine::Oracle,
        ),
        (
            "sc-awscli-describe-children-output-category-tables.json",
            Engine::Oracle,
        ),
        (
            "sc-docs-metadata-model-category-schemas.json",
            Engine::Postgres,
        ),
    ];
    for (file, engine) in sc {
        let source = std::fs::read(corpus().join(file)).expect("corpus file");
        let given = Options {
            source_engine: Some(engine),
            ..Options::default()
        };
        assert!(!check(&source, &given).has_errors(), "{file}");
    }
    // The SQL Server document's `database-name` with an Oracle source: the documented error.
    let file = "sc-awscli-get-target-selection-rules-sqlserver-database-name.json";
    let source = std::fs::read(corpus().join(file)).expect("corpus file");
    let oracle = Options {
        source_engine: Some(Engine::Oracle),
        ..Options::default()
    };
    let codes: Vec<Code> = check(&source, &oracle)
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, [Code::EngineMismatch]);
}

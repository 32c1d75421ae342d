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

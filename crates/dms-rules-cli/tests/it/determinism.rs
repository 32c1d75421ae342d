//! `lint` is deterministic: the same input gives byte-identical output, every format, every run.

use proptest::prelude::*;

use crate::command::dms_rules;

/// A rules document with findings of many kinds: each part is picked by the generator.
fn document() -> impl Strategy<Value = String> {
    let rule = prop_oneof![
        Just(
            r#"{"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-action": "include"}"#
        ),
        Just(
            r#"{"rule-type": "selection", "rule-id": "1", "rule-name": "a", "object-locator": {"schema-name": "HR", "tabel-name": "%"}, "rule-acton": "include"}"#
        ),
        Just(r#"{"rule-type": "selection", "rule-id": 07, "rule-name": "b"}"#),
        Just(
            r#"{"rule-type": "transformation", "rule-id": "2", "rule-name": "b", "rule-target": "table", "object-locator": {"schema-name": "HR"}, "rule-action": "add-column"}"#
        ),
        Just(
            r#"{"rule-type": "selection", "rule-id": "3", "rule-name": "b", "object-locator": {"server-name": "s", "schema-name": "HR", "table-name": "A[b"}, "rule-action": "exclude"}"#
        ),
        Just(
            r#"{"rule-type": "table-settings", "rule-id": "4", "rule-name": "c", "object-locator": {"schema-name": "HR", "table-name": "%"}, "parallel-load": {"type": "ranges", "columns": ["A"], "boundaries": [["1", "2"]]}}"#
        ),
        Just(r#"{"a": 1, "a": 2, "b": "\u00e9"}"#),
    ];
    prop::collection::vec(rule, 0..6)
        .prop_map(|rules| format!("{{\"rules\": [\n{}\n]}}\n", rules.join(",\n")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn lint_output_is_byte_identical_on_every_run(text in document()) {
        for format in ["human", "json", "sarif", "github"] {
            let args = ["lint", "--format", format, "--stdin-filename", "rules.json", "-"];
            let first = dms_rules(&args).stdin(text.as_bytes()).run();
            let second = dms_rules(&args).stdin(text.as_bytes()).run();
            prop_assert_eq!(&first.stdout, &second.stdout, "{} output differs", format);
            prop_assert_eq!(&first.stderr, &second.stderr);
            prop_assert_eq!(first.status, second.status);
            prop_assert!(!first.stdout.is_empty());
        }
    }
}

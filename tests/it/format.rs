//! The canonical form (`dms_rules::format`) and what a change means (`dms_rules::diff`), as a
//! library: the example written down in `grammar/format.md`, and properties over documents
//! written every way that means the same.

use dms_rules::diff::ChangeKind;
use dms_rules::select::Selector;
use dms_rules::{check, lint, Checked, Code, Diagnostic, Options};
use proptest::prelude::*;

use crate::generated::{self, Rng};
use crate::support::{corpus, corpus_verdicts, root, under};

fn canonical(text: &str) -> String {
    let checked = lint(text, &Options::default());
    dms_rules::format::canonical(&checked)
        .unwrap_or_else(|| panic!("{:?}\n{text}", checked.diagnostics()))
}

/// The two ```json blocks of `grammar/format.md`'s example: before and after.
#[test]
fn the_example_in_the_grammar_is_what_fmt_writes() {
    let doc = std::fs::read_to_string(root().join("grammar/format.md")).expect("format.md");
    let example = &doc[doc.find("## Example").expect("an example")..];
    let blocks: Vec<&str> = example
        .split("```json\n")
        .skip(1)
        .map(|block| &block[..block.find("```").expect("a closed block")])
        .collect();
    let [before, after] = blocks[..] else {
        panic!("expected two blocks, found {}", blocks.len());
    };
    assert_eq!(canonical(before), after);
    assert_eq!(canonical(after), after);
}

#[test]
fn a_document_with_errors_is_not_formatted() {
    for text in [
        r#"{"rules": [{"rule-type": "selection", "rule-id": "1",}]}"#,
        r#"{"rules": [{"rule-type": "selection", "rule-id": "x", "rule-name": "a",
            "rule-action": "include", "object-locator": {"schema-name": "A", "table-name": "%"}}]}"#,
        r#"{"rules": [], "rules": []}"#,
    ] {
        let checked = lint(text, &Options::default());
        assert!(checked.has_errors());
        assert_eq!(dms_rules::format::canonical(&checked), None, "{text}");
    }
}

#[test]
fn a_byte_order_mark_and_a_minified_document_become_the_canonical_layout() {
    let text = "\u{feff}{\"rules\":[{\"rule-type\":\"selection\",\"rule-id\":\"1\",\"rule-name\":\"a\",\"object-locator\":{\"schema-name\":\"A\",\"table-name\":\"%\"},\"rule-action\":\"include\"}],\"x\":{}}";
    assert_eq!(
        canonical(text),
        "{\n  \"rules\": [\n    {\n      \"rule-type\": \"selection\",\n      \"rule-id\": \"1\",\n      \"rule-name\": \"a\",\n      \"rule-action\": \"include\",\n      \"object-locator\": {\n        \"schema-name\": \"A\",\n        \"table-name\": \"%\"\n      }\n    }\n  ],\n  \"x\": {}\n}\n"
    );
}

/// The typed rules without their spans, in `rule-id` order: `Debug` text with every span
/// (`12..40`) taken out.
fn typed(checked: &Checked<'_>) -> Vec<String> {
    let document = checked.document().expect("a rules document");
    let spans = regex::Regex::new(r"\d+\.\.\d+").expect("regex");
    let mut rules: Vec<_> = document.rules.iter().collect();
    rules.sort_by(|a, b| match (&a.header().rule_id, &b.header().rule_id) {
        (Some(a), Some(b)) => a.numeric_cmp(b),
        _ => std::cmp::Ordering::Equal,
    });
    rules
        .iter()
        .map(|rule| spans.replace_all(&format!("{rule:?}"), "_").into_owned())
        .collect()
}

/// The findings without their places: code, severity, message, help and the text under the
/// primary label (its layout aside), sorted; `rule_id_format` for an integer id left out.
fn findings(source: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut out: Vec<String> = diagnostics
        .iter()
        .filter(|d| !(d.code == Code::RuleIdFormat && d.message.ends_with("is a JSON number")))
        .map(|d| {
            format!(
                "{} {} {} {:?} {:?}",
                d.code,
                d.severity.as_str(),
                d.message,
                d.help,
                under(source.as_bytes(), d.primary.span).replace(char::is_whitespace, "")
            )
        })
        .collect();
    out.sort();
    out
}

/// What the rules select from the generated catalog: each object's selection and the id of the
/// rule that decided it.
fn selection(checked: &Checked<'_>) -> Vec<(bool, Option<String>)> {
    let document = checked.document().expect("a rules document");
    let selector = Selector::new(document);
    let explanation = selector.explain(&generated::catalog());
    explanation
        .verdicts
        .iter()
        .map(|v| {
            let id = v
                .decided_by
                .and_then(|i| selector.rule(i))
                .and_then(|r| r.header.rule_id.as_ref())
                .map(|id| id.digits().to_owned());
            (v.selected, id)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Formatting a formatted document changes nothing; the formatted document means what the
    /// original meant: the same typed rules, the same findings (an integer id's aside), the
    /// same objects selected, and no difference by `diff`.
    #[test]
    fn formatting_keeps_the_meaning_and_is_idempotent(seed in any::<u64>()) {
        let (text, _) = generated::document(seed);
        let options = Options::default();
        let before = check(&text, &options);
        prop_assume!(!before.has_errors());
        let formatted = dms_rules::format::canonical(&before).expect("no errors");
        prop_assert_eq!(&canonical(&formatted), &formatted, "not idempotent:\n{}", text);

        let after = check(&formatted, &options);
        prop_assert!(!after.has_errors());
        prop_assert_eq!(before.dialect(), after.dialect());
        prop_assert_eq!(typed(&before), typed(&after), "{}\n{}", text, formatted);
        prop_assert_eq!(
            findings(&text, before.diagnostics()),
            findings(&formatted, after.diagnostics()),
            "{}\n{}", text, formatted
        );
        prop_assert!(after
            .diagnostics()
            .iter()
            .all(|d| !(d.code == Code::RuleIdFormat && d.message.ends_with("is a JSON number"))));
        prop_assert_eq!(selection(&before), selection(&after));
        let diff = dms_rules::diff::compare(&before, &after).expect("no errors");
        prop_assert!(diff.is_empty(), "{:?}", diff);
    }

    /// Two documents written differently that mean the same have no difference; one real
    /// change is found, on the bytes of each side.
    #[test]
    fn diff_finds_one_change_and_nothing_else(seed in any::<u64>()) {
        let (text, _) = generated::document(seed);
        let options = Options::default();
        let old = lint(&text, &options);
        prop_assume!(!old.has_errors());
        let formatted = canonical(&text);
        // The same rules, written otherwise, with one rule name changed.
        let mut rng = Rng::new(seed ^ 0x5eed);
        let target = format!("\"rule-name\": \"rule-{}\"", rng.below(5));
        prop_assume!(formatted.contains(&target));
        let changed = formatted.replacen(&target, "\"rule-name\": \"renamed\"", 1);
        let new = lint(&changed, &options);
        let diff = dms_rules::diff::compare(&old, &new).expect("no errors");
        prop_assert_eq!(diff.rules.len(), 1, "{:?}", diff);
        let rule = &diff.rules[0];
        prop_assert_eq!(rule.members.len(), 1);
        let member = &rule.members[0];
        prop_assert_eq!(member.path.to_string(), "rule-name");
        prop_assert_eq!(under(changed.as_bytes(), member.new.expect("new")), "\"renamed\"");
        let old_name = under(text.as_bytes(), member.old.expect("old"));
        prop_assert_eq!(format!("\"rule-name\": {old_name}"), target);
    }
}

/// The real documents: each one without errors formats to text that formats to itself and
/// means what the original meant; each one with errors is refused. At least the documents
/// written with `null` members, integer ids and keys in another order are rewritten.
#[test]
fn every_real_document_formats_to_the_same_meaning_or_is_refused() {
    let options = Options::default();
    let mut rewritten = 0;
    let mut refused = 0;
    for (file, _) in corpus_verdicts() {
        let bytes = std::fs::read(corpus().join(&file)).expect("corpus file");
        let text = String::from_utf8(bytes).expect("UTF-8");
        let before = check(&text, &options);
        let Some(formatted) = dms_rules::format::canonical(&before) else {
            assert!(before.has_errors(), "{file}");
            refused += 1;
            continue;
        };
        rewritten += usize::from(formatted != text);
        assert_eq!(canonical(&formatted), formatted, "{file}");
        let after = check(&formatted, &options);
        assert_eq!(typed(&before), typed(&after), "{file}");
        assert_eq!(
            findings(&text, before.diagnostics()),
            findings(&formatted, after.diagnostics()),
            "{file}"
        );
        let diff = dms_rules::diff::compare(&before, &after).expect("no errors");
        assert!(diff.is_empty(), "{file}: {diff:?}");
    }
    assert_eq!(refused, 9, "the INVALID documents");
    assert!(rewritten >= 25, "only {rewritten} documents rewritten");
}

/// Bytes that are mostly JSON: a generated document with a stretch replaced by arbitrary text.
fn mangled() -> impl Strategy<Value = String> {
    (
        any::<u64>(),
        any::<usize>(),
        0usize..40,
        "[ -~\\t\\n\u{e9}\u{202e}]{0,12}",
    )
        .prop_map(|(seed, at, len, with)| {
            let (text, _) = generated::document(seed);
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}{with}{}", &text[..at], &text[end..])
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the input, formatting and comparing never panic; what formats is idempotent,
    /// and means the same as what it came from.
    #[test]
    fn any_input_formats_or_is_refused_without_panicking(text in mangled(), other in mangled()) {
        let options = Options::default();
        let checked = lint(&text, &options);
        match dms_rules::format::canonical(&checked) {
            Some(formatted) => {
                prop_assert!(!checked.has_errors());
                prop_assert_eq!(&canonical(&formatted), &formatted);
                let after = lint(&formatted, &options);
                let diff = dms_rules::diff::compare(&checked, &after).expect("no errors");
                prop_assert!(diff.is_empty(), "{:?}", diff);
            }
            None => prop_assert!(checked.has_errors()),
        }
        let other = lint(&other, &options);
        let diff = dms_rules::diff::compare(&checked, &other);
        prop_assert_eq!(diff.is_some(), !checked.has_errors() && !other.has_errors());
    }
}

fn diff(old: &str, new: &str) -> dms_rules::diff::Diff {
    let options = Options::default();
    let (old, new) = (lint(old, &options), lint(new, &options));
    dms_rules::diff::compare(&old, &new).expect("no errors")
}

const RULE: &str = r#"{"rule-type": "selection", "rule-id": "1", "rule-name": "hr",
  "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}"#;

#[test]
fn what_does_not_change_meaning_is_no_change() {
    let other = r#"{"rule-type": "selection", "rule-id": "2", "rule-name": "x",
      "object-locator": {"schema-name": "X", "table-name": "%"}, "rule-action": "exclude"}"#;
    let old = format!(r#"{{"rules": [{RULE}, {other}]}}"#);
    for new in [
        // Layout, key order, rule order.
        format!("{{\"rules\":[{other},\n{RULE}]}}"),
        // An integer id, `null` members, an empty filters array, escapes.
        r#"{"rules": [{"rule-id": 2, "rule-type": "selection", "rule-name": "\u0078",
          "object-locator": {"table-name": "%", "schema-name": "X", "table-type": null},
          "rule-action": "exclude", "load-order": null},
          {"rule-type": "selection", "rule-id": "01", "rule-name": "hr", "filters": [],
          "object-locator": {"schema-name": "H\u0052", "table-name": "%"}, "rule-action": "include"}],
          "x": null}"#
            .to_string(),
    ] {
        let found = diff(&old, &new);
        assert!(found.is_empty(), "{found:?}\n{new}");
    }
}

#[test]
fn rules_added_removed_and_changed_are_each_in_their_own_file() {
    let old = format!(
        r#"{{"rules": [{RULE}, {{"rule-type": "selection", "rule-id": "3", "rule-name": "gone",
      "object-locator": {{"schema-name": "A", "table-name": "%"}}, "rule-action": "include"}}]}}"#
    );
    let new = r#"{"rules": [
      {"rule-type": "selection", "rule-id": "1", "rule-name": "hr", "rule-action": "include",
       "object-locator": {"schema-name": "HR", "table-name": "EMP%"},
       "filters": [{"filter-type": "source", "column-name": "ID",
                    "filter-conditions": [{"filter-operator": "eq", "value": "1"}]}]},
      {"rule-type": "selection", "rule-id": "2", "rule-name": "new",
       "object-locator": {"schema-name": "B", "table-name": "%"}, "rule-action": "include"}],
      "description": "added"}"#;
    let found = diff(&old, new);
    let text = |source: &str, span| under(source.as_bytes(), span);

    let [document] = &found.document[..] else {
        panic!("{:?}", found.document)
    };
    assert_eq!(document.path.to_string(), "description");
    assert_eq!(document.old, None);
    assert_eq!(
        text(new, document.new.expect("new")),
        "\"description\": \"added\""
    );

    let ids: Vec<(&str, &str)> = found
        .rules
        .iter()
        .map(|r| (r.rule_id.as_str(), r.kind().as_str()))
        .collect();
    assert_eq!(ids, [("1", "changed"), ("2", "added"), ("3", "removed")]);
    let changed = &found.rules[0];
    let members: Vec<(String, String, String)> = changed
        .members
        .iter()
        .map(|m| {
            (
                m.path.to_string(),
                m.old.map(|s| text(&old, s)).unwrap_or_default(),
                m.new.map(|s| text(new, s)).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            (
                "object-locator.table-name".to_string(),
                "\"%\"".to_string(),
                "\"EMP%\"".to_string()
            ),
            (
                "filters".to_string(),
                String::new(),
                text(new, changed.members[1].new.expect("new"))
            ),
        ]
    );
    assert!(members[1].2.starts_with("\"filters\": [{"));
    assert_eq!(
        changed.members[0].path.pointer(),
        "/object-locator/table-name"
    );
    let added = found.rules[1].new.as_ref().expect("added");
    assert!(text(new, added.span).starts_with("{\"rule-type\": \"selection\", \"rule-id\": \"2\""));
    assert_eq!(added.rule_name.as_deref(), Some("new"));
    let removed = found.rules[2].old.as_ref().expect("removed");
    assert!(text(&old, removed.span).contains("\"gone\""));
}

#[test]
fn a_change_inside_a_member_the_crate_does_not_read_is_a_change() {
    let old = r#"{"rules": [{"rule-type": "selection", "rule-id": "2", "rule-name": "all",
      "object-locator": {"schema-name": "%", "table-name": "%"}, "rule-action": "include"},
      {"rule-type": "object-mapping", "rule-id": "1", "rule-name": "m",
      "rule-action": "map-record-to-record", "object-locator": {"schema-name": "A", "table-name": "T"},
      "mapping-parameters": {"partition-key-name": "id", "sort-key-name": null}}]}"#;
    let new = old.replace("\"sort-key-name\": null", "\"sort-key-name\": \"ts\"");
    let found = diff(old, &new);
    assert_eq!(found.rules.len(), 1);
    assert_eq!(found.rules[0].members.len(), 1);
    assert_eq!(
        found.rules[0].members[0].path.to_string(),
        "mapping-parameters.sort-key-name"
    );
    // `null` is kept where the crate does not read: removing it is a change too.
    let without = old.replace(", \"sort-key-name\": null", "");
    assert_eq!(diff(old, &without).rules[0].members[0].new, None);
}

#[test]
fn documents_with_errors_are_not_compared() {
    let options = Options::default();
    let good = lint(r#"{"rules": []}"#, &options);
    let bad = lint(r#"{"rules": [}"#, &options);
    assert!(dms_rules::diff::compare(&good, &bad).is_none());
    assert!(dms_rules::diff::compare(&bad, &good).is_none());
}

#[test]
fn objects_newly_selected_and_no_longer_selected_name_the_deciding_rules() {
    let old = r#"{"rules": [
      {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
       "object-locator": {"schema-name": "HR", "table-name": "%"}},
      {"rule-type": "selection", "rule-id": "2", "rule-name": "no-tmp", "rule-action": "exclude",
       "object-locator": {"schema-name": "HR", "table-name": "TMP%"}}]}"#;
    let new = old.replace("TMP%", "EMP%");
    let options = Options::default();
    let (old, new) = (check(old, &options), check(&new, &options));
    let catalog =
        dms_rules::select::Catalog::from_csv(b"schema,name\nHR,EMPLOYEES\nHR,TMP_LOAD\nHR,JOBS\n")
            .expect("catalog");
    let changes = dms_rules::diff::objects(
        old.document().expect("old"),
        new.document().expect("new"),
        &catalog,
    );
    let described: Vec<(&str, bool, Option<String>, Option<String>)> = changes
        .iter()
        .map(|c| {
            let id = |r: Option<&dms_rules::ast::SelectionRule<'_>>| {
                r.and_then(|r| r.header.rule_id.as_ref())
                    .map(|id| id.digits().to_owned())
            };
            (
                catalog.objects[c.object].name.as_str(),
                c.selected,
                id(c.now),
                id(c.before),
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            ("EMPLOYEES", false, Some("2".into()), Some("1".into())),
            ("TMP_LOAD", true, Some("1".into()), Some("2".into())),
        ]
    );
}

/// From no document at all, every rule and envelope member is added, on its own bytes; a
/// document with errors gives nothing.
#[test]
fn from_nothing_every_rule_and_member_is_added() {
    let text = format!(
        r#"{{"rules": [{RULE}, {}], "note": 1}}"#,
        RULE.replace("\"1\"", "\"07\"")
    );
    let new = lint(&text, &Options::default());
    let diff = dms_rules::diff::from_nothing(&new).expect("no errors");
    let added: Vec<(&str, ChangeKind)> = diff
        .rules
        .iter()
        .map(|r| (r.rule_id.as_str(), r.kind()))
        .collect();
    assert_eq!(added, [("1", ChangeKind::Added), ("7", ChangeKind::Added)]);
    let span = diff.rules[0]
        .new
        .as_ref()
        .expect("in the new document")
        .span;
    assert_eq!(under(text.as_bytes(), span), RULE);
    assert_eq!(diff.document.len(), 1);
    assert_eq!(diff.document[0].kind(), ChangeKind::Added);
    assert_eq!(
        under(text.as_bytes(), diff.document[0].new.expect("added")),
        "\"note\": 1"
    );

    let broken = lint(
        r#"{"rules": [{"rule-type": "selection"}]}"#,
        &Options::default(),
    );
    assert_eq!(dms_rules::diff::from_nothing(&broken), None);
}

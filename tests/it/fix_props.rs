//! Property test of the fixes: mistakes that have a safe fix, put into generated clean
//! documents, are each reported with a safe fix; applying the safe fixes, round after round,
//! never adds an error and gives back the clean document.

use std::collections::HashMap;

use dms_rules::diagnostic::{fix, Applicability};
use dms_rules::{check, Code, Diagnostic, Dialect, Options};
use proptest::prelude::*;

use crate::rules_props::{schema_conversion, table_mapping, to_json};

/// A mistake with a safe fix: the text it replaces, what it writes instead, and the code that
/// reports it. Each is undone exactly by its fix.
const MISTAKES: &[(&str, &str, Code)] = &[
    // A numeric `rule-id`.
    ("\"rule-id\": \"", "\"rule-id\": ", Code::RuleIdFormat),
    // Leading zeros.
    ("\"rule-id\": \"", "\"rule-id\": \"00", Code::RuleIdFormat),
    // A misspelt key the rule must have.
    ("\"rule-action\"", "\"rule-acton\"", Code::UnknownKey),
    ("\"object-locator\"", "\"object-locatr\"", Code::UnknownKey),
    // The old spelling of `lte`.
    ("\"lte\"", "\"ste\"", Code::LegacyFilterOperator),
    // A value in the wrong letter case.
    ("\"include\"", "\"Include\"", Code::InvalidValue),
    ("\"selection\"", "\"Selection\"", Code::InvalidValue),
    // A wildcard `_` where the literal was written.
    ("[_]", "_", Code::UnderscoreWildcard),
    // A trailing comma.
    ("\n  ]\n}", ",\n  ]\n}", Code::JsonSyntax),
];

/// `text` with mistake `which` made at its `nth` place (counted modulo the places), or `None`
/// when the text has no such place.
fn make(text: &str, which: usize, nth: usize) -> Option<(String, usize)> {
    let (from, to, _) = MISTAKES[which];
    let places: Vec<usize> = text.match_indices(from).map(|(at, _)| at).collect();
    let at = *places.get(nth % places.len().max(1))?;
    let mut out = text.to_owned();
    out.replace_range(at..at + from.len(), to);
    // A numeric id: drop the closing quote too.
    if which == 0 {
        let close = at + to.len() + out[at + to.len()..].find('"')?;
        out.remove(close);
    }
    Some((out, at))
}

fn errors(found: &[Diagnostic]) -> HashMap<(Code, String), usize> {
    let mut counts = HashMap::new();
    for d in found.iter().filter(|d| d.is_error()) {
        *counts.entry((d.code, d.message.clone())).or_default() += 1;
    }
    counts
}

/// Applies the safe fixes round after round, checking at each that no error is added: a
/// round's errors are among the previous round's, except after a syntax error, which hides
/// every later finding; then the syntax error must be gone, or stand later in the text.
fn fix_all(text: &str, options: &Options) -> Result<String, TestCaseError> {
    let mut text = text.to_owned();
    for _ in 0..16 {
        let before = check(&text, options);
        let round = fix::apply(&text, before.diagnostics(), Applicability::Safe);
        if round.applied == 0 {
            return Ok(text);
        }
        let after = check(&round.text, options);
        let syntax = |found: &[Diagnostic]| {
            found
                .iter()
                .find(|d| d.code == Code::JsonSyntax)
                .map(|d| d.primary.span.start)
        };
        match syntax(before.diagnostics()) {
            Some(at) => {
                if let Some(again) = syntax(after.diagnostics()) {
                    prop_assert!(again >= at, "a syntax error moved back:\n{}", round.text);
                }
            }
            None => {
                let (was, is) = (errors(before.diagnostics()), errors(after.diagnostics()));
                for (error, n) in &is {
                    prop_assert!(
                        was.get(error).is_some_and(|m| m >= n),
                        "fixing added {error:?}:\n{}\n->\n{}",
                        text,
                        round.text
                    );
                }
            }
        }
        text = round.text;
    }
    Ok(text)
}

fn check_mistakes(
    clean: &str,
    dialect: Dialect,
    mistakes: &[(usize, usize)],
) -> Result<(), TestCaseError> {
    let options = Options {
        dialect: Some(dialect),
        ..Options::default()
    };
    prop_assert!(check(clean, &options).diagnostics().is_empty());
    // One mistake at a time: each is reported with a safe fix that undoes it.
    let mut text = clean.to_owned();
    let mut made = Vec::new();
    for &(which, nth) in mistakes {
        let Some((one, at)) = make(clean, which, nth) else {
            continue;
        };
        let found = check(&one, &options);
        let code = MISTAKES[which].2;
        prop_assert!(
            found.diagnostics().iter().any(|d| d.code == code
                && d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)),
            "{code} with a safe fix in:\n{one}"
        );
        prop_assert_eq!(fix_all(&one, &options)?, clean);
        // Together: mistakes at distinct places, made from the end of the text backwards.
        made.push((at, which));
    }
    // One mistake a line (a member each): a misspelt key hides its value's mistake, and a
    // broken `rule-type` its whole rule's, which fixing the first then shows. Not the numeric
    // id (it moves a quote) nor the broken `rule-type` (it hides a whole rule).
    let line = |at: usize| clean[..at].matches('\n').count();
    made.retain(|&(_, which)| {
        (which != 0 && MISTAKES[which].2 != Code::InvalidValue) || which == 5
    });
    made.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
    let mut lines = Vec::new();
    for (at, which) in made {
        let (from, to, _) = MISTAKES[which];
        if lines.contains(&line(at)) || lines.contains(&line(at + from.len())) {
            continue;
        }
        lines.extend([line(at), line(at + from.len())]);
        text.replace_range(at..at + from.len(), to);
    }
    let fixed = fix_all(&text, &options)?;
    prop_assert_eq!(&fixed, clean, "from:\n{}", text);
    Ok(())
}

fn mistakes() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0..MISTAKES.len(), 0..8usize), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn safe_fixes_undo_mistakes_in_table_mappings(rules in table_mapping(), mistakes in mistakes()) {
        check_mistakes(&to_json(&rules), Dialect::TableMapping, &mistakes)?;
    }

    #[test]
    fn safe_fixes_undo_mistakes_in_schema_conversion_rules(rules in schema_conversion(), mistakes in mistakes()) {
        check_mistakes(&to_json(&rules), Dialect::SchemaConversion, &mistakes)?;
    }
}

#[test]
fn a_bare_array_of_rules_is_wrapped() {
    let text = r#"[{"rule-type": "selection", "rule-id": "1", "rule-name": "a",
  "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]"#;
    let options = Options::default();
    let fixed = fix_all(text, &options).expect("no error added");
    assert_eq!(fixed, format!("{{\"rules\": {text}}}"));
    assert!(check(&fixed, &options).diagnostics().is_empty());
}

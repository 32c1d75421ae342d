//! Property tests of the JSON layer: it never panics, its spans are exact, and it accepts exactly
//! what serde_json accepts, with equal values.

use dms_rules::diagnostic::{render, Style};
use dms_rules::internals::{self as syntax, Value, ValueKind};
use dms_rules::{check, Options, SourceFile, Span};
use proptest::prelude::*;

/// JSON values: strings with escapes, quotes and non-ASCII text; integers and finite floats.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        (-1e12f64..1e12).prop_map(|n| serde_json::json!(n)),
        "[a-zA-Z0-9_%\\[\\]\\- \"\\\\/\u{e9}\u{4e2d}\u{1f600}\t\n]{0,12}"
            .prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[a-z\\-\"\\\\\u{e9}]{0,8}", inner), 0..6)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Valid JSON text, compact or pretty.
fn json_text() -> impl Strategy<Value = String> {
    (json_value(), any::<bool>()).prop_map(|(value, pretty)| {
        if pretty {
            serde_json::to_string_pretty(&value).expect("serialize")
        } else {
            value.to_string()
        }
    })
}

/// One edit to JSON text, at a character boundary.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let ch = prop::sample::select(vec![
        '{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\n', '0', '1', '-', '.', 'e', 'u', 'a', 't',
        'n', '/', '\'', '\u{0}', '\u{e9}',
    ]);
    prop::collection::vec(
        prop_oneof![
            (any::<usize>(), ch.clone()).prop_map(|(at, c)| Edit::Insert(at, c)),
            any::<usize>().prop_map(Edit::Delete),
            (any::<usize>(), ch).prop_map(|(at, c)| Edit::Replace(at, c)),
        ],
        1..4,
    )
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let n = chars.len();
        match *edit {
            Edit::Insert(at, c) => chars.insert(at % (n + 1), c),
            Edit::Delete(at) if n > 0 => {
                chars.remove(at % n);
            }
            Edit::Replace(at, c) if n > 0 => chars[at % n] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Walks the tree without recursion, calling `f` on every value and every key span.
fn for_each_span(root: &Value<'_>, mut f: impl FnMut(Span, Option<&str>)) {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match &value.kind {
            ValueKind::String(s) => f(s.span, Some(&s.value)),
            ValueKind::Array(items) => stack.extend(items),
            ValueKind::Object(members) => {
                for member in members {
                    f(member.key.span, Some(&member.key.value));
                    f(member.span(), None);
                    stack.push(&member.value);
                }
            }
            _ => {}
        }
        f(value.span, None);
    }
}

fn assert_span_ok(text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside input"
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} splits a character"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let checked = check(&bytes, &Options::default());
        let file = SourceFile::new("input", &bytes);
        for report in checked.reports(&file) {
            let _ = render(&report, Style::default());
            let d = report.diagnostic;
            for label in d.labels() {
                prop_assert!(label.span.end <= bytes.len() && label.span.start <= label.span.end);
            }
        }
    }

    #[test]
    fn generated_json_parses_to_the_value_serde_json_reads(text in json_text()) {
        let parsed = syntax::parse_json(&text).map_err(|d| TestCaseError::fail(d.message))?;
        let expected: serde_json::Value = serde_json::from_str(&text).expect("serde_json reads its own output");
        prop_assert_eq!(parsed.value.to_json(), expected);
    }

    #[test]
    fn spans_are_exact(text in json_text()) {
        let parsed = syntax::parse_json(&text).map_err(|d| TestCaseError::fail(d.message))?;
        prop_assert_eq!(parsed.value.span, Span::new(0, text.len()).cover(parsed.value.span));
        for_each_span(&parsed.value, |span, decoded| {
            assert_span_ok(&text, span);
            if let Some(decoded) = decoded {
                // The text under a string's span is that string, quotes included.
                let again = syntax::parse_json(&text[span.range()]).expect("a string re-parses");
                assert_eq!(again.value.as_str().map(|s| s.value.as_ref()), Some(decoded));
            }
        });
    }

    #[test]
    fn accepts_exactly_what_serde_json_accepts((text, edits) in (json_text(), edits())) {
        let text = apply(&text, &edits);
        let ours = syntax::parse_json(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &theirs) {
            (Ok(parsed), Ok(value)) => prop_assert_eq!(&parsed.value.to_json(), value),
            (Err(_), Err(_)) => {}
            // serde_json refuses numbers beyond f64; JSON itself does not.
            (Ok(_), Err(e)) if e.to_string().contains("out of range") => {}
            _ => prop_assert!(false, "disagree on {:?}: ours {:?}, serde_json {:?}", text, ours.map(|_| ()), theirs.map(|_| ())),
        }
        if let Err(diagnostic) = &ours {
            assert_span_ok(&text, diagnostic.primary.span);
        }
    }
}

#[test]
fn a_million_open_brackets_stop_at_the_limit() {
    let text = "[".repeat(1_000_000);
    let error = syntax::parse_json(&text).expect_err("too deep");
    assert_eq!(error.code, dms_rules::Code::NestingTooDeep);
    assert_eq!(
        error.primary.span,
        Span::new(syntax::MAX_DEPTH, syntax::MAX_DEPTH + 1)
    );
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    let depth = syntax::MAX_DEPTH;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(syntax::parse_json(&text).is_ok());
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let parsed = syntax::parse_json(r#"{"plain": "a\"b"}"#).expect("valid");
    let members = parsed.value.as_object().expect("object");
    assert!(members[0].key.is_verbatim());
    let value = members[0].value.as_str().expect("string");
    assert!(!value.is_verbatim());
    assert_eq!(value.value, "a\"b");
}

#[test]
fn byte_order_mark_is_skipped_but_counted_in_spans() {
    let text = "\u{feff}{\"rules\": []}";
    let parsed = syntax::parse_json(text).expect("valid");
    assert_eq!(parsed.value.span, Span::new(3, text.len()));
}

#[test]
fn numbers_keep_their_raw_text() {
    let parsed = syntax::parse_json("[-0.50e+3, 99999999999999999999999]").expect("valid");
    let raws: Vec<&str> = parsed
        .value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| match v.kind {
            ValueKind::Number(raw) => raw,
            _ => "",
        })
        .collect();
    assert_eq!(raws, ["-0.50e+3", "99999999999999999999999"]);
}

#[test]
fn streaming_hands_over_the_items_of_the_first_member_only() {
    let text = r#"{"other": [1], "rules": [{"a": 1}, [2], 3], "rules": [4]}"#;
    let mut streamed = Vec::new();
    let parsed = syntax::parse_streaming(text, "rules", &mut |item| {
        streamed.push(text[item.span.range()].to_string());
    })
    .expect("valid");
    assert_eq!(streamed, [r#"{"a": 1}"#, "[2]", "3"]);
    let members = parsed.value.as_object().expect("object");
    // The streamed array is empty in the tree but keeps its span; the others are whole.
    assert_eq!(members[1].value.as_array().map(<[_]>::len), Some(0));
    assert_eq!(
        &text[members[1].value.span.range()],
        r#"[{"a": 1}, [2], 3]"#
    );
    assert_eq!(members[0].value.as_array().map(<[_]>::len), Some(1));
    assert_eq!(members[2].value.as_array().map(<[_]>::len), Some(1));
    assert_eq!(parsed.diagnostics.len(), 1, "the repeated `rules` key");
}

//! Hostile input: every case ends in an exact diagnostic (or a clean result), quickly, and
//! never in a panic or a stack overflow.

use dms_rules::{check, Code, Options, Span};

use crate::support::pin;

/// Each finding pinned as `code severity start..end "text" message`.
fn pinned(source: &[u8]) -> Vec<String> {
    let checked = check(source, &Options::default());
    checked
        .diagnostics()
        .iter()
        .map(|d| {
            pin(source, d)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn codes(source: &[u8]) -> Vec<Code> {
    check(source, &Options::default())
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect()
}

const RULE: &str = r#"{"rule-type": "selection", "rule-id": "1", "rule-name": "r", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}"#;

#[test]
fn a_million_nested_brackets() {
    let text = format!("{{\"rules\": {}", "[".repeat(1_000_000));
    // The document object is level 1, so the 128th `[` crosses the limit.
    let offset = "{\"rules\": ".len() + 127;
    assert_eq!(
        pinned(text.as_bytes()),
        [format!("dms::nesting_too_deep error {offset}..{} \"[\" arrays and objects nest more than 128 levels deep", offset + 1)]
    );
}

#[test]
fn a_fifty_megabyte_string() {
    let name = "x".repeat(50 * 1024 * 1024);
    let text = format!(
        r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1", "rule-name": "{name}", "object-locator": {{"schema-name": "HR", "table-name": "%"}}, "rule-action": "include"}}]}}"#
    );
    // Read to the end: only its size is worth a finding.
    assert_eq!(codes(text.as_bytes()), [Code::MappingTooLarge]);
}

#[test]
fn an_object_with_a_million_keys() {
    let mut text = String::from(
        r#"{"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "r", "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include""#,
    );
    for i in 0..1_000_000 {
        text.push_str(&format!(r#", "k{i}": 0"#));
    }
    text.push_str("}]}");
    let checked = check(&text, &Options::default());
    // Over 2 MB of table mapping.
    assert_eq!(checked.diagnostics()[0].code, Code::MappingTooLarge);
    let diagnostics = &checked.diagnostics()[1..];
    // Twenty named one by one, then one finding that counts the rest.
    assert_eq!(diagnostics.len(), 21);
    assert!(diagnostics
        .iter()
        .all(|d| d.code == Code::UnknownKey && !d.is_error()));
    assert_eq!(
        diagnostics[20].message,
        "999980 more unknown keys in this rule"
    );
    let first_extra = text.find(r#""k20""#).expect("key");
    assert_eq!(
        diagnostics[20].primary.span,
        Span::new(first_extra, first_extra + 5)
    );
}

#[test]
fn a_million_repeated_keys_are_found_by_hashing() {
    let mut text = String::from(r#"{"rules": [], "x": 0"#);
    for _ in 0..100_000 {
        text.push_str(r#", "x": 0"#);
    }
    text.push('}');
    let found = codes(text.as_bytes());
    assert_eq!(
        found.iter().filter(|&&c| c == Code::DuplicateKey).count(),
        100_000
    );
}

#[test]
fn invalid_utf8_at_the_start_middle_and_end() {
    let valid = format!(r#"{{"rules": [{RULE}]}}"#).into_bytes();
    let mut start = vec![0xC3];
    start.extend_from_slice(&valid);
    assert_eq!(
        pinned(&start),
        ["dms::invalid_utf8 error 0..1 \"\u{fffd}\" the input is not valid UTF-8: byte \\xC3 at offset 0"]
    );
    let mut middle = valid.clone();
    let at = valid.len() / 2;
    middle[at] = 0xFF;
    assert_eq!(
        pinned(&middle),
        [format!("dms::invalid_utf8 error {at}..{} \"\u{fffd}\" the input is not valid UTF-8: byte \\xFF at offset {at}", at + 1)]
    );
    let mut end = valid.clone();
    end.extend_from_slice(&[0xF0, 0x9F, 0x98]);
    let len = valid.len();
    assert_eq!(
        pinned(&end),
        [format!("dms::invalid_utf8 error {len}..{} \"\u{fffd}\" the input is not valid UTF-8: byte \\xF0\\x9F\\x98 at offset {len}", len + 3)]
    );
}

#[test]
fn a_nul_byte_inside_and_outside_a_string() {
    let inside = b"{\"rules\": [{\"rule-name\": \"a\0b\"}]}".to_vec();
    assert_eq!(
        pinned(&inside),
        ["dms::json_syntax error 27..28 \"\\0\" control character U+0000 inside a string"]
    );
    let outside = b"{\"rules\": \0[]}".to_vec();
    assert_eq!(
        pinned(&outside),
        ["dms::json_syntax error 10..11 \"\\0\" expected a JSON value, found `\\u{0}`"]
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{{\"rules\": [{RULE}]}}");
    assert!(codes(text.as_bytes()).is_empty());
}

#[test]
fn lone_surrogate_escapes() {
    let text = br#"{"rules": [{"rule-name": "\udfff\ud800"}]}"#;
    assert_eq!(
        pinned(text),
        ["dms::unpaired_surrogate error 26..32 \"\\\\udfff\" escape `\\udfff` is half of a surrogate pair"]
    );
}

#[test]
fn hostile_rule_ids() {
    let doc = |id: &str| {
        format!(
            r#"{{"rules": [{{"rule-type": "selection", "rule-id": {id}, "rule-name": "r", "object-locator": {{"schema-name": "HR", "table-name": "%"}}, "rule-action": "include"}}]}}"#
        )
    };
    let at = r#"{"rules": [{"rule-type": "selection", "rule-id": "#.len();
    let span = |id: &str| format!("{at}..{} \"{id}\"", at + id.len());
    assert_eq!(
        pinned(doc("1e999").as_bytes()),
        [format!("dms::rule_id_format error {} `rule-id` must be a non-negative whole number, found `1e999`", span("1e999"))]
    );
    assert_eq!(
        pinned(doc("-1").as_bytes()),
        [format!("dms::rule_id_format error {} `rule-id` must be a non-negative whole number, found `-1`", span("-1"))]
    );
    let huge = "99999999999999999999999";
    assert_eq!(
        pinned(doc(huge).as_bytes()),
        [
            format!(
                "dms::rule_id_format warning {} `rule-id` {huge} is a JSON number",
                span(huge)
            ),
            format!(
                "dms::rule_id_format warning {} `rule-id` {huge} is larger than a 64-bit integer",
                span(huge)
            ),
        ]
    );
}

#[test]
fn ten_thousand_character_names() {
    let long = "N".repeat(10_000);
    let text = format!(
        r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1", "rule-name": "r", "object-locator": {{"schema-name": "{long}", "table-name": "{long}%"}}, "rule-action": "include"}}]}}"#
    );
    assert!(codes(text.as_bytes()).is_empty());
}

#[test]
fn an_unclosed_bracket_before_a_hundred_thousand_characters() {
    let pattern = format!("[{}", "a".repeat(100_000));
    let text = format!(
        r#"{{"rules": [{{"rule-type": "selection", "rule-id": "1", "rule-name": "r", "object-locator": {{"schema-name": "HR", "table-name": "{pattern}"}}, "rule-action": "include"}}]}}"#
    );
    let at = text
        .find('[')
        .and_then(|first| text[first + 1..].find('[').map(|i| first + 1 + i))
        .expect("bracket");
    assert_eq!(
        pinned(text.as_bytes()),
        [format!(
            "dms::invalid_wildcard error {at}..{} \"[\" `[` in `table-name` is never closed",
            at + 1
        )]
    );
}

#[test]
fn input_over_the_limit_is_refused_unread() {
    let text = vec![b' '; 1024];
    let options = Options {
        max_input_len: 1000,
        ..Options::default()
    };
    let checked = check(&text, &options);
    assert_eq!(checked.diagnostics().len(), 1);
    assert_eq!(checked.diagnostics()[0].code, Code::InputTooLarge);
}

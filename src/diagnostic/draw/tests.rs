//! The direct drawing against miette's handler: byte for byte the same, or declined.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::diagnostic::{Code, Diagnostic, Label, Renderer, Report, Severity, SourceFile, Style};
use crate::span::Span;

/// Renders `diagnostic` both ways; also says whether it was drawn directly.
fn both(diagnostic: &Diagnostic, name: &str, text: &str, style: Style) -> (String, String, bool) {
    let source = SourceFile::new(name, text.as_bytes());
    let report = Report {
        diagnostic,
        source: &source,
    };
    let renderer = Renderer::new(style);
    (
        renderer.render(&report),
        renderer.miette(&report),
        renderer.draws_directly(&report),
    )
}

/// A rules document laid out as the tool's users write them, `rules` rules long.
fn document(rules: usize) -> String {
    let mut out = String::from("{\n  \"rules\": [\n");
    for id in 1..=rules {
        if id > 1 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            "    {{\n      \"rule-type\": \"selection\",\n      \"rule-id\": \"{id}\",\n      \
             \"rule-name\": \"rule-{id}\",\n      \"object-locator\": {{ \"schema-name\": \
             \"客户\", \"table-name\": \"ORDERS\" }},\n      \"rule-action\": \"include\"\n    }}"
        ));
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// The span of the `n`th occurrence of `needle`.
fn find(text: &str, needle: &str, n: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(n)
        .map(|(at, _)| at)
        .expect("in the document");
    Span::new(start, start + needle.len())
}

/// The usual reports are drawn directly, and come out as miette draws them.
#[test]
fn usual_reports_are_drawn_directly() {
    let text = document(40);
    let long_help = "give every rule its own id (ids compare as numbers, so `\"7\"`, `7` and \
                     `\"07\"` are the same); DMS rejects the document with `Duplicate ruleid`";
    let one = Diagnostic::error(
        Code::InvalidValue,
        "`include` is not a valid `rule-action`",
        Label::new(find(&text, "\"include\"", 7), "did you mean `include`?"),
    )
    .with_help("`rule-action` is one of `include`, `exclude` or `explicit`");
    // Far apart: two boxes.
    let far = Diagnostic::error(
        Code::DuplicateRuleId,
        "`rule-id` 1 is used twice",
        Label::new(find(&text, "\"1\"", 0), "used again here"),
    )
    .with_label(Label::new(find(&text, "\"30\"", 0), "first used here"))
    .with_help(long_help);
    // Near each other deep in the document: one box, the title at the primary label.
    let near = Diagnostic::error(
        Code::DuplicateRuleId,
        "`rule-id` 31 is used twice",
        Label::new(find(&text, "\"31\"", 0), "used again here"),
    )
    .with_label(Label::new(find(&text, "\"30\"", 0), "first used here"))
    .with_help(long_help);
    // On one line, and an empty label.
    let same_line = Diagnostic::warning(
        Code::UnknownKey,
        "unknown key",
        Label::new(
            find(&text, "\"table-name\"", 3),
            "did you mean `tabel-name`?",
        ),
    )
    .with_label(Label::new(find(&text, "\"客户\"", 3), "here"))
    .with_label(Label::new(Span::at(find(&text, "}", 12).start), "and here"));
    for diagnostic in [&one, &far, &near, &same_line] {
        for color in [false, true] {
            let style = Style { color, width: 100 };
            let (ours, theirs, drawn) = both(diagnostic, "rules.json", &text, style);
            assert!(drawn, "{diagnostic:?}");
            assert_eq!(ours, theirs);
        }
    }
}

/// A piece of a source line: JSON-ish text, multi-byte and wide characters, tabs, control and
/// combining characters, and runs long enough to make a line wide.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => "[a-z0-9\":,{} \\[\\]-]{1,12}",
        12 => "[éÜï客户表]{1,4}",
        3 => Just("\t".to_string()),
        1 => Just("\u{1}".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("\u{1b}[1m".to_string()),
        2 => "x{100,250}",
        1 => "y{400,1000}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    vec(piece(), 0..5).prop_map(|pieces| pieces.concat())
}

fn source() -> impl Strategy<Value = String> {
    let ending = prop_oneof![60 => Just("\n"), 15 => Just("\r\n"), 1 => Just("\r")];
    (vec((line(), ending), 0..12), line()).prop_map(|(lines, last)| {
        let mut text = String::new();
        for (line, ending) in lines {
            text.push_str(&line);
            text.push_str(ending);
        }
        text.push_str(&last);
        text
    })
}

/// Text for a message, a help or a label: short, long enough to wrap, Unicode, several lines,
/// blank lines, spaces at the ends, tabs, empty.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        18 => "[a-z`]{1,8}( [a-z`]{1,8}){0,4}",
        6 => "[a-z`]{1,8}( [a-z`\\-]{1,12}){10,30}",
        6 => "[a-zé客户表]{1,6}( [a-zé客户表]{1,6}){0,20}",
        1 => Just("one\ntwo".to_string()),
        1 => Just("one\n\ntwo\n".to_string()),
        1 => Just(" padded ".to_string()),
        1 => Just("tab\there".to_string()),
        1 => Just(String::new()),
    ]
}

/// Where a label goes: a line, a character on it (the line's end and the input's end included),
/// how many characters on it covers (often none or a few; sometimes to the end of the input),
/// and whether it stops at the end of the line (mostly).
fn place() -> impl Strategy<Value = (Index, Index, usize, bool)> {
    let length = prop_oneof![
        4 => Just(0usize),
        12 => 1usize..6,
        2 => 1usize..40,
        1 => Just(usize::MAX),
    ];
    (
        any::<Index>(),
        any::<Index>(),
        length,
        proptest::bool::weighted(0.8),
    )
}

fn span(text: &str, (line, at, chars, within): (Index, Index, usize, bool)) -> Span {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect();
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let line = line.index(lines.len());
    let from = lines[line];
    let to = lines.get(line + 1).copied().unwrap_or(text.len());
    let first = bounds.partition_point(|&b| b < from);
    let past = bounds.partition_point(|&b| b <= to);
    let start = first + at.index(past - first);
    let mut end = start.saturating_add(chars).min(bounds.len() - 1);
    if within {
        let content = text[..to]
            .trim_end_matches(['\n', '\r'])
            .len()
            .max(bounds[start]);
        end = end.min(bounds.partition_point(|&b| b <= content) - 1);
    }
    Span::new(bounds[start], bounds[end])
}

/// Whether a case is plainly of the usual shape, judged without the drawing's own rules: short
/// lines without control characters, labels on one line each at different places, and a message
/// and help that fit.
fn plainly_usual(text: &str, diagnostic: &Diagnostic, width: usize) -> bool {
    let fits = |s: &str| {
        !s.is_empty()
            && s.len() + 10 < width
            && s.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
            && s.trim() == s
    };
    let labels: Vec<&Label> = diagnostic.labels().collect();
    text.lines().all(|l| l.len() <= 100)
        && text.chars().all(|c| c == '\n' || !c.is_control())
        && labels
            .iter()
            .all(|l| !l.span.is_empty() && !text[l.span.range()].contains('\n'))
        && labels
            .iter()
            .enumerate()
            .all(|(i, l)| labels[..i].iter().all(|m| m.span.start != l.span.start))
        && fits(&diagnostic.message)
        && diagnostic.help.as_deref().is_none_or(fits)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Whatever the source, labels and text, the renderer's output is miette's.
    #[test]
    fn drawn_reports_match_miette(
        text in source(),
        places in vec((place(), words()), 1..4),
        message in words(),
        help in proptest::option::of(words()),
        severity in select(vec![Severity::Error, Severity::Warning, Severity::Advice]),
        code in select(Code::ALL.to_vec()),
        color in any::<bool>(),
        width in select(vec![40usize, 60, 100]),
        name in select(vec!["t.json", "dir/客户.json"]),
    ) {
        let mut labels = places.into_iter().map(|(place, words)| Label::new(span(&text, place), words));
        let primary = labels.next().expect("at least one");
        let mut diagnostic = Diagnostic::new(code, severity, message, primary);
        diagnostic.secondary = labels.collect();
        diagnostic.help = help;
        let (ours, theirs, drawn) = both(&diagnostic, name, &text, Style { color, width });
        prop_assert_eq!(ours, theirs);
        if plainly_usual(&text, &diagnostic, width) {
            prop_assert!(drawn, "declined a usual report");
        }
    }
}

//! The wildcard pattern parser and matcher on arbitrary patterns and names: no panic, pieces
//! that cover the pattern without gaps, and the matcher agreeing with a plain dynamic-programming
//! reference on every name.
#![no_main]

use dms_rules::ast::{NamePattern, PieceKind};
use dms_rules::internals::{parse_pattern, NameMatcher};
use dms_rules::Span;
use libfuzzer_sys::fuzz_target;

/// Textbook wildcard matching over characters: `table[i][j]` says whether the first `i`
/// pieces' characters match the first `j` characters of the name.
fn reference(pattern: &NamePattern<'_>, name: &str) -> bool {
    #[derive(Clone)]
    enum Unit<'p> {
        Char(char),
        AnyRun,
        AnyChar,
        Set(&'p dms_rules::ast::CharSet),
    }
    let units: Vec<Unit<'_>> = pattern
        .pieces()
        .iter()
        .flat_map(|piece| match &piece.kind {
            PieceKind::Literal(text) => text.chars().map(Unit::Char).collect::<Vec<_>>(),
            PieceKind::AnyRun => vec![Unit::AnyRun],
            PieceKind::AnyChar => vec![Unit::AnyChar],
            PieceKind::Set(set) => vec![Unit::Set(set)],
        })
        .collect();
    let chars: Vec<char> = name.chars().collect();
    let mut row = vec![false; chars.len() + 1];
    row[0] = true;
    for unit in &units {
        let mut next = vec![false; chars.len() + 1];
        for j in 0..=chars.len() {
            next[j] = match unit {
                Unit::AnyRun => row[j] || (j > 0 && next[j - 1]),
                Unit::AnyChar => j > 0 && row[j - 1],
                Unit::Char(c) => j > 0 && row[j - 1] && chars[j - 1] == *c,
                Unit::Set(set) => j > 0 && row[j - 1] && set.contains(chars[j - 1]),
            };
        }
        row = next;
    }
    row[chars.len()]
}

fuzz_target!(|input: (&str, Vec<&str>)| {
    let (text, names) = input;
    match parse_pattern(text, Span::new) {
        Ok(pattern) => {
            let mut at = 0;
            for piece in pattern.pieces() {
                assert_eq!(piece.span.start, at, "pieces are contiguous");
                assert!(piece.span.end > piece.span.start && piece.span.end <= text.len());
                at = piece.span.end;
            }
            assert_eq!(at, text.len());
            let matcher = NameMatcher::from_pattern(&pattern);
            for name in names.iter().take(8) {
                assert_eq!(
                    matcher.matches(name),
                    reference(&pattern, name),
                    "pattern {text:?} on {name:?}"
                );
            }
        }
        Err(error) => {
            assert!(error.span.end <= text.len() && error.span.start < error.span.end);
            assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
        }
    }
});

//! The wildcard pattern parser on arbitrary names: no panic, spans inside the name, and the
//! pieces cover the name without gaps.
#![no_main]

use dms_rules::ast::NamePattern;
use dms_rules::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    match NamePattern::parse(name, Span::new) {
        Ok(pattern) => {
            let mut at = 0;
            for piece in &pattern.pieces {
                assert_eq!(piece.span.start, at, "pieces are contiguous");
                assert!(piece.span.end > piece.span.start && piece.span.end <= name.len());
                at = piece.span.end;
            }
            assert_eq!(at, name.len());
        }
        Err(error) => {
            assert!(error.span.end <= name.len() && error.span.start < error.span.end);
            assert!(name.is_char_boundary(error.span.start) && name.is_char_boundary(error.span.end));
        }
    }
});

//! The configuration reader and the suppression-comment scanner on arbitrary text: no panic,
//! every label inside the input on character boundaries.
#![no_main]

use std::path::Path;

use dms_rules::config::{comment::Comments, Config};
use dms_rules::host::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (_, problems) = Config::parse(text, Path::new("/fuzz/dms-rules.toml"));
    let comments = [Format::Terraform, Format::CloudFormation]
        .map(|format| Comments::scan(data, format.comment_markers(), &[]).problems);
    for problem in problems.iter().chain(comments.iter().flatten()) {
        let span = problem.primary.span;
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
});

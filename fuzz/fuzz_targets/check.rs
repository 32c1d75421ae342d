//! The whole pipeline on arbitrary bytes, in every dialect, with every report rendered: no
//! panic, every label inside the input on character boundaries, no control character in a
//! rendered report, and `lint` finding exactly what `check` finds.
#![no_main]

use dms_rules::diagnostic::{render, Style};
use dms_rules::{check, lint, Dialect, Options, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for dialect in [
        None,
        Some(Dialect::SchemaConversion),
        Some(Dialect::TableMapping),
        Some(Dialect::DataMigration),
    ] {
        let options = Options {
            dialect,
            ..Options::default()
        };
        let checked = check(data, &options);
        let file = SourceFile::new("fuzz.json", data);
        let text = std::str::from_utf8(data).ok();
        for report in checked.reports(&file) {
            for label in report.diagnostic.labels() {
                assert!(label.span.start <= label.span.end && label.span.end <= data.len());
                if let Some(text) = text {
                    assert!(text.is_char_boundary(label.span.start));
                    assert!(text.is_char_boundary(label.span.end));
                }
            }
            let shown = render(&report, Style::default());
            assert!(
                !shown.chars().any(|c| c != '\n' && c.is_control()),
                "a control character reached the report: {shown:?}"
            );
        }
        assert_eq!(lint(data, &options).diagnostics(), checked.diagnostics());
        // Only a document without errors can be validated.
        assert_eq!(checked.validated().is_some(), !checked.has_errors() && checked.dialect().is_some() && text.is_some());
    }
});

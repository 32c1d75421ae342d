//! Host files on arbitrary bytes, read as Terraform and as a CloudFormation template: every
//! mapping linted and every report rendered, with no panic, every label inside the file it
//! points into (the host file, or the file a mapping is read from) on character boundaries, no
//! control character in a rendered report, and `check_mapping` finding what `lint_mapping`
//! finds.
//!
//! The Terraform text is scanned as if it were `tests/fixtures/host/terraform/references/main.tf`,
//! reading files under `tests/fixtures/host`, so `file()`, `templatefile()`, `var.x` and `local.x`
//! lead into real files.
#![no_main]

use dms_rules::diagnostic::{render, Style};
use dms_rules::host::{self, Context, Format};
use dms_rules::{check_mapping, lint_mapping, Diagnostic, Options, Report, SourceFile};
use libfuzzer_sys::fuzz_target;

const HOST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/host");

fuzz_target!(|data: &[u8]| {
    let terraform = Context::file(format!("{HOST}/terraform/references/main.tf"), HOST);
    let options = Options::default();
    for format in [Format::Terraform, Format::CloudFormation] {
        let scan = host::scan(data, format, &terraform, options.max_input_len);
        for d in &scan.diagnostics {
            sound("host", data, d);
        }
        for mapping in &scan.mappings {
            assert!(mapping.span.end <= data.len(), "{:?}", mapping.span);
            let (name, bytes) = match mapping.elsewhere() {
                Some((path, source)) => (path.display().to_string(), source.as_bytes()),
                None => ("host".to_owned(), data),
            };
            let Some(linted) = lint_mapping(mapping, &options) else {
                assert!(mapping.decoded().is_none());
                continue;
            };
            for d in linted.diagnostics() {
                sound(&name, bytes, d);
            }
            let checked = check_mapping(mapping, &options).expect("known to lint");
            assert_eq!(checked.diagnostics(), linted.diagnostics());
        }
    }
});

/// `diagnostic`'s labels lie in `bytes` on character boundaries, and its report renders
/// without a control character.
fn sound(name: &str, bytes: &[u8], diagnostic: &Diagnostic) {
    let text = std::str::from_utf8(bytes).ok();
    for label in diagnostic.labels() {
        let span = label.span;
        assert!(
            span.start <= span.end && span.end <= bytes.len(),
            "{name}: {} label {span:?} outside {} bytes",
            diagnostic.code,
            bytes.len()
        );
        if let Some(text) = text {
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{name}: {} label {span:?} splits a character",
                diagnostic.code
            );
        }
    }
    let file = SourceFile::new(name, bytes);
    let shown = render(
        &Report {
            diagnostic,
            source: &file,
        },
        Style::default(),
    );
    assert!(
        !shown.chars().any(|c| c != '\n' && c.is_control()),
        "a control character reached the report: {shown:?}"
    );
}

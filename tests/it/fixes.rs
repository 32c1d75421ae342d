//! Fixes: every fix in the fixtures removes its finding; fixes carried into host files make
//! there exactly the change they make to the document; the fix loop (`fix::apply_all`) on a
//! document and on a host file.

use std::path::PathBuf;

use dms_rules::diagnostic::{fix, Applicability};
use dms_rules::fix::Source;
use dms_rules::host::{self, Context, Format};
use dms_rules::{check, Code, Diagnostic, Dialect, Options};

use crate::fixtures::fixture_options;
use crate::support::{fixtures, json_files};

/// Whether `found` (in the fixed text) still holds the finding `fixed`: one of the same code
/// on the bytes it and its fix covered, shifted by what the fix added or removed.
fn still_there(fixed: &Diagnostic, found: &[Diagnostic]) -> bool {
    let fix = fixed.fix.as_ref().expect("a fix");
    let covered = fix
        .span()
        .map_or(fixed.primary.span, |s| s.cover(fixed.primary.span));
    let grown: isize = fix
        .edits
        .iter()
        .map(|e| e.replacement.len() as isize - e.span.len() as isize)
        .sum();
    let end = (covered.end as isize + grown).max(covered.start as isize) as usize;
    found.iter().any(|d| {
        d.code == fixed.code && d.primary.span.start >= covered.start && d.primary.span.start <= end
    })
}

#[test]
fn every_fix_in_the_fixtures_removes_its_finding() {
    let mut fixes = 0;
    let mut safe_codes = std::collections::BTreeSet::new();
    let invalid = fixtures().join("invalid");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&invalid)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for path in dirs.iter().flat_map(|d| json_files(d)) {
        let options = fixture_options(&path);
        let source = std::fs::read(&path).expect("fixture");
        let Ok(text) = std::str::from_utf8(&source) else {
            continue;
        };
        let checked = check(text, &options);
        for finding in checked.diagnostics().iter().filter(|d| d.fix.is_some()) {
            let applied = fix::apply(text, [finding], Applicability::Unsafe);
            assert_eq!(applied.applied, 1, "{}: {finding:?}", path.display());
            let again = check(&applied.text, &options);
            assert!(
                !still_there(finding, again.diagnostics()),
                "{}: `{}` is still there after its fix:\n{}",
                path.display(),
                finding.message,
                applied.text
            );
            fixes += 1;
            if finding.fix.as_ref().unwrap().applicability == Applicability::Safe {
                safe_codes.insert(finding.code);
            }
        }
    }
    assert!(fixes >= 20, "only {fixes} fixes in the fixtures");
    for code in [
        Code::JsonSyntax,
        Code::RuleIdFormat,
        Code::UnknownKey,
        Code::WrongType,
        Code::LegacyFilterOperator,
        Code::UnderscoreWildcard,
        Code::NotARulesDocument,
    ] {
        assert!(
            safe_codes.contains(&code),
            "no safe fix of {code} in the fixtures"
        );
    }
}

/// A document with a mistake of each kind that has a fix.
fn mistaken() -> String {
    let text = std::fs::read_to_string(fixtures().join("fix/mistaken.json")).expect("fixture");
    text.trim_end().to_owned()
}

/// [`mistaken`] in a Terraform `jsonencode`, as people write it.
fn mistaken_tf() -> String {
    std::fs::read_to_string(fixtures().join("fix/mistaken.tf")).expect("fixture")
}

/// [`mistaken`] in every form a host file holds a mapping in.
fn host_files() -> Vec<(&'static str, Format, String)> {
    let json = &mistaken();
    let escaped = serde_json::to_string(json).unwrap();
    let indented = |by: &str| {
        json.lines()
            .map(|l| format!("{by}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let template = |properties: &str| {
        format!(
            "Resources:\n  Task:\n    Type: AWS::DMS::ReplicationTask\n    Properties:\n{properties}\n"
        )
    };
    vec![
        (
            "heredoc",
            Format::Terraform,
            format!("resource \"aws_dms_replication_task\" \"t\" {{\n  table_mappings = <<EOF\n{json}\nEOF\n}}\n"),
        ),
        (
            "indented heredoc",
            Format::Terraform,
            format!("resource \"aws_dms_replication_task\" \"t\" {{\n  table_mappings = <<-EOF\n{}\n  EOF\n}}\n", indented("    ")),
        ),
        (
            "quoted string",
            Format::Terraform,
            format!("resource \"aws_dms_replication_task\" \"t\" {{\n  table_mappings = {escaped}\n}}\n"),
        ),
        ("jsonencode", Format::Terraform, mistaken_tf()),
        (
            "literal block",
            Format::CloudFormation,
            template(&format!("      TableMappings: |\n{}", indented("        "))),
        ),
        (
            "single-quoted",
            Format::CloudFormation,
            template(&format!("      TableMappings: '{}'", json.replace('\n', " "))),
        ),
        (
            "double-quoted",
            Format::CloudFormation,
            template(&format!("      TableMappings: {escaped}")),
        ),
        (
            "JSON template",
            Format::CloudFormation,
            format!("{{\"Resources\": {{\"Task\": {{\"Type\": \"AWS::DMS::ReplicationTask\", \"Properties\": {{\"TableMappings\": {escaped}}}}}}}}}"),
        ),
        (
            "flow mapping",
            Format::CloudFormation,
            format!("Resources:\n  Config:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      TableMappings: {}\n", json.replace('\n', " ")),
        ),
        (
            "block mapping",
            Format::CloudFormation,
            "Resources:\n  Config:\n    Type: AWS::DMS::ReplicationConfig\n    Properties:\n      TableMappings:\n        rules:\n          - rule-type: selection\n            rule-id: '007'\n            rule-name: a\n            object-locator:\n              schema-name: HR\n              table-name: TMP_%\n            rule-acton: include\n          - rule-type: selection\n            rule-id: 8\n            rule-name: b\n            rule-action: Include\n            object-locator: {schema-name: HR, table-name: EMP, tabel-type: view}\n".to_owned(),
        ),
    ]
}

/// The decoded documents of a host text, in order.
fn decoded(text: &str, format: Format) -> Vec<Option<String>> {
    let scan = host::scan(text.as_bytes(), format, &Context::default(), usize::MAX);
    scan.mappings
        .iter()
        .map(|m| m.decoded().map(|d| d.text.clone()))
        .collect()
}

/// Every fix carried into a host file, applied there, changes the document DMS receives
/// exactly as the same fix changes the document itself: the host file, scanned again, decodes
/// to the fixed document. A fix that could not be carried so is not offered at all.
#[test]
fn fixes_carried_into_host_files_make_the_same_change() {
    let options = Options::default();
    let table_mapping = Options {
        dialect: Some(Dialect::TableMapping),
        ..Options::default()
    };
    let mut carried = 0;
    let mut files: Vec<(String, Format, String)> = host_files()
        .into_iter()
        .map(|(name, format, text)| (name.to_owned(), format, text))
        .collect();
    for path in crate::host::host_fixtures() {
        let format = Format::detect(&path, &std::fs::read(&path).unwrap()).expect("a host file");
        let text = std::fs::read_to_string(&path).unwrap();
        files.push((path.display().to_string(), format, text));
    }
    for (name, format, text) in &files {
        let scan = host::scan(text.as_bytes(), *format, &Context::default(), usize::MAX);
        let mut renamed = false;
        for (index, mapping) in scan.mappings.iter().enumerate() {
            let (Some(checked), None) = (
                dms_rules::lint_mapping(mapping, &options),
                mapping.elsewhere(),
            ) else {
                continue;
            };
            let document = &mapping.decoded().unwrap().text;
            // With the engines and migration type the host file names, as the mapping had.
            let own = check(document, &mapping.task.fill(&table_mapping));
            for finding in checked.diagnostics().iter().filter(|d| d.fix.is_some()) {
                let fixed_host = fix::apply(text, [finding], Applicability::Unsafe);
                assert_eq!(fixed_host.applied, 1, "{name}: {finding:?}");
                // The same finding in the document itself, with its own fix.
                let twin = own
                    .diagnostics()
                    .iter()
                    .find(|d| d.code == finding.code && d.message == finding.message)
                    .unwrap_or_else(|| panic!("{name}: no twin of {finding:?}"));
                let expected = fix::apply(document, [twin], Applicability::Unsafe).text;
                let again = decoded(&fixed_host.text, *format);
                let again = again[index].as_deref().expect("still static");
                // `jsonencode` writes the JSON itself, its keys sorted: a renamed key may move.
                // The document is the same JSON; elsewhere it is the same text.
                let same = if text.contains("jsonencode(") {
                    let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
                    parse(again).is_some() && parse(again) == parse(&expected)
                } else {
                    again == expected
                };
                assert!(
                    same,
                    "{name}: `{}` fixed in the host file as\n{}\ndecodes to\n{again}\nnot\n{expected}",
                    finding.message,
                    fixed_host.text
                );
                carried += 1;
                renamed |= finding.message.contains("`rule-acton`");
            }
        }
        // A key renamed by letters alone is carried in every form.
        if !name.contains('/') {
            assert!(
                renamed,
                "{name}: the rename of `rule-acton` was not carried"
            );
        }
    }
    assert!(carried >= 30, "only {carried} fixes carried");
}

/// The loop `lint --fix` and the language server run: round after round until no safe fix is
/// left, the guesses left alone unless asked for.
#[test]
fn the_fix_loop_takes_every_safe_fix_and_the_guesses_only_when_asked() {
    let options = Options::default();
    let text = mistaken();
    let fixed = dms_rules::fix::apply_all(&text, Source::Rules, &options, Applicability::Safe);
    assert_eq!(fixed.applied, 6, "{}", fixed.text);
    let left: Vec<Code> = dms_rules::fix::findings(&fixed.text, Source::Rules, &options)
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(left, [Code::UnknownKey], "{}", fixed.text);

    let guessed =
        dms_rules::fix::apply_all(&fixed.text, Source::Rules, &options, Applicability::Unsafe);
    assert_eq!(guessed.applied, 1);
    assert!(
        guessed.text.contains("\"table-type\": \"view\""),
        "{}",
        guessed.text
    );
    assert!(dms_rules::fix::findings(&guessed.text, Source::Rules, &options).is_empty());

    // A host file's own mappings, fixed in its own text.
    let context = Context::default();
    let tf = mistaken_tf();
    let source = Source::Host(Format::Terraform, &context);
    let fixed = dms_rules::fix::apply_all(&tf, source, &options, Applicability::Safe);
    assert!(fixed.applied > 0);
    for written in [
        "rule-action = \"include\"",
        "rule-id = \"7\"",
        "filter-operator = \"lte\"",
    ] {
        assert!(fixed.text.contains(written), "{written}: {}", fixed.text);
    }
    let again = dms_rules::fix::apply_all(&fixed.text, source, &options, Applicability::Safe);
    assert_eq!(again.applied, 0, "nothing safe is left: {}", again.text);
}

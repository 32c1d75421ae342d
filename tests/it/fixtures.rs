//! Fixture-driven tests: `valid/*.json` raise no error; `invalid/<code>/*.json` raise that code,
//! and the snapshot beside each file pins every diagnostic and its rendered report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dms_rules::{check, Code, Options};

use crate::support::{assert_snapshot, fixtures, json_files, pin, snapshot};

fn display_name(path: &Path) -> String {
    path.strip_prefix(fixtures())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Options for a fixture from `<case>.options` beside it: `key = value` lines, with keys
/// `dialect`, `operation`, `source-engine` and `target-engine`.
pub(crate) fn fixture_options(path: &Path) -> Options {
    let mut options = Options::default();
    let Ok(text) = std::fs::read_to_string(path.with_extension("options")) else {
        return options;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once('=').expect("`key = value`");
        match key.trim() {
            "dialect" => options.dialect = Some(value.trim().parse().expect("dialect")),
            "operation" => options.operation = Some(value.trim().parse().expect("operation")),
            "source-engine" => {
                options.source_engine = Some(value.trim().parse().expect("source engine"))
            }
            "target-engine" => {
                options.target_engine = Some(value.trim().parse().expect("target engine"))
            }
            other => panic!("{}: unknown option `{other}`", path.display()),
        }
    }
    options
}

#[test]
fn valid_fixtures_raise_no_error() {
    let files = json_files(&fixtures().join("valid"));
    assert!(!files.is_empty());
    for path in files {
        let source = std::fs::read(&path).expect("read fixture");
        let checked = check(&source, &fixture_options(&path));
        let errors: Vec<String> = checked
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .map(|d| pin(&source, d))
            .collect();
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.concat()
        );
    }
}

#[test]
fn invalid_fixtures_raise_their_code_and_match_snapshots() {
    let mut failures = Vec::new();
    let mut codes_seen = BTreeSet::new();
    let invalid = fixtures().join("invalid");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&invalid)
        .expect("invalid fixtures")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let dir_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let code: Code = dir_name
            .parse()
            .unwrap_or_else(|()| panic!("{}: not a diagnostic code", dir.display()));
        let files = json_files(&dir);
        assert!(
            files.len() >= 2,
            "{}: each code needs at least two fixtures",
            dir.display()
        );
        for path in files {
            let source = std::fs::read(&path).expect("read fixture");
            let options = fixture_options(&path);
            let checked = check(&source, &options);
            if !checked.diagnostics().iter().any(|d| d.code == code) {
                failures.push(format!(
                    "{}: expected {code}, got {:?}",
                    path.display(),
                    checked
                        .diagnostics()
                        .iter()
                        .map(|d| d.code.as_str())
                        .collect::<Vec<_>>()
                ));
            }
            codes_seen.insert(code);
            let actual = snapshot(&display_name(&path), &source, &checked);
            if let Err(e) = assert_snapshot(&path.with_extension("snap"), &actual) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The host fixtures' snapshots pin the codes raised about host files, and more.
    codes_seen.extend(crate::host::fixture_codes());

    // Every code but the ones that need options or a catalog (pinned by their own tests) has
    // fixtures.
    // The catalog's target findings are pinned by `select::target_findings_are_labelled_...`,
    // `dms::mapping_too_large` (2 MB) by a generated document. The configuration file's codes
    // and the suppressions' are about a `.toml` file or a host file's comments, not a rules
    // document: src/config/tests.rs pins each code and span.
    let needs_options = [
        Code::InputTooLarge,
        Code::RuleMatchesNothing,
        Code::TargetCollision,
        Code::TargetNameTooLong,
        Code::UppercaseTarget,
        Code::ViewsNotSelected,
        Code::ViewInCdc,
        Code::UnknownColumn,
        Code::LobColumnTransformation,
        Code::MappingTooLarge,
        Code::ConfigSyntax,
        Code::UnknownConfigKey,
        Code::InvalidConfigValue,
        Code::MissingConfigKey,
        Code::UnknownCode,
        Code::InvalidGlob,
        Code::MalformedSuppression,
        Code::UnusedSuppression,
    ];
    let missing: Vec<_> = Code::ALL
        .iter()
        .filter(|code| !codes_seen.contains(code) && !needs_options.contains(code))
        .collect();
    assert!(missing.is_empty(), "codes without fixtures: {missing:?}");
}

#[test]
fn input_too_large_is_refused_before_parsing() {
    let source = br#"{"rules": []}"#;
    let options = Options {
        max_input_len: 8,
        ..Options::default()
    };
    let checked = check(source, &options);
    let pinned: Vec<String> = checked
        .diagnostics()
        .iter()
        .map(|d| pin(source, d))
        .collect();
    assert_eq!(
        pinned,
        ["dms::input_too_large error 0..0 \"\" the input is 13 bytes, more than the limit of 8 bytes\n"]
    );
    assert!(checked.document().is_none());
}

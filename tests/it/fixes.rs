//! Fixes: every fix in the fixtures removes its finding; fixes carried into host files make
//! there exactly the change they make to the document; `lint --fix` and `--unsafe-fixes`.

use std::path::PathBuf;

use dms_rules::diagnostic::{fix, Applicability};
use dms_rules::host::{self, Context, Format};
use dms_rules::{check, Code, Diagnostic, Dialect, Options};

use crate::command::dms_rules;
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
const MISTAKEN: &str = r#"{"rules": [{"rule-type": "selection", "rule-id": "007", "rule-name": "a",
  "object-locator": {"schema-name": "HR", "table-name": "TMP_%"}, "rule-acton": "include"},
 {"rule-type": "selection", "rule-id": 8, "rule-name": "b", "rule-action": "Include",
  "object-locator": {"schema-name": "HR", "table-name": "EMP", "tabel-type": "view"},
  "filters": [{"filter-type": "source", "column-name": "x",
    "filter-conditions": [{"filter-operator": "ste", "value": "5"}]}]}]}"#;

/// `MISTAKEN` in every form a host file holds a mapping in.
fn host_files() -> Vec<(&'static str, Format, String)> {
    let json = MISTAKEN;
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
        (
            "jsonencode",
            Format::Terraform,
            r#"resource "aws_dms_replication_task" "t" {
  table_mappings = jsonencode({ rules = [
    { rule-type = "selection", rule-id = "007", rule-name = "a", rule-acton = "include",
      object-locator = { schema-name = "HR", table-name = "TMP_%" } },
    { "rule-type" = "selection", "rule-id" = 8, "rule-name" = "b", "rule-action" = "Include",
      object-locator = { schema-name = "HR", table-name = "EMP", tabel-type = "view" },
      filters = [{ filter-type = "source", column-name = "x",
        filter-conditions = [{ filter-operator = "ste", value = "5" }] }] }] })
}
"#
            .to_owned(),
        ),
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
            let own = check(document, &table_mapping);
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

/// A scratch folder with `files` in it, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("dms-rules-fix-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        Scratch(dir)
    }

    fn path(&self, file: &str) -> String {
        self.0.join(file).display().to_string()
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.0.join(file)).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn lint_fix_writes_the_safe_fixes_and_reports_what_remains() {
    let dir = Scratch::new("safe", &[("rules.json", MISTAKEN)]);
    let path = dir.path("rules.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let run = dms_rules(&["lint", "--fix", "--format", "json", &path]).run();
    assert_eq!(run.stderr, format!("fixed `{path}`: 6 fixes applied\n"));
    let fixed = dir.read("rules.json");
    for written in [
        "\"rule-id\": \"7\"",
        "\"rule-id\": \"8\"",
        "TMP[_]%",
        "\"rule-action\": \"include\"}",
        "\"rule-action\": \"include\",",
        "\"lte\"",
    ] {
        assert!(fixed.contains(written), "{written}: {fixed}");
    }
    // What remains: the guess, and the filter on a table now named exactly.
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["dms::unknown_key"], "{}", run.stdout);
    assert_eq!(run.status, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Only the file is left in the folder: no temporary file.
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 1);

    // Unsafe fixes too: the guess is taken.
    let run = dms_rules(&["lint", "--fix", "--unsafe-fixes", &path]).run();
    assert_eq!(run.stderr, format!("fixed `{path}`: 1 fix applied\n"));
    assert!(dir.read("rules.json").contains("\"table-type\": \"view\""));
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.ends_with("0 errors, 0 warnings in 1 file\n"),
        "{}",
        run.stdout
    );

    // Nothing left to fix: the file is not written.
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let run = dms_rules(&["lint", "--fix", &path]).run();
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn lint_fix_exits_on_the_errors_that_remain() {
    // A misspelt `rule-type` value has a guess, not a safe fix: the error remains.
    let text = r#"{"rules": [{"rule-type": "selectoin", "rule-id": 1, "rule-name": "a",
  "object-locator": {"schema-name": "HR", "table-name": "%"}, "rule-action": "include"}]}"#;
    let dir = Scratch::new("remains", &[("rules.json", text)]);
    let path = dir.path("rules.json");
    let run = dms_rules(&["lint", "--fix", "--format", "github", &path]).run();
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stdout.contains("title=dms%3A%3Ainvalid_value"),
        "{}",
        run.stdout
    );
    assert!(dir.read("rules.json").contains("\"rule-id\": \"1\""));
}

#[test]
fn lint_fix_fixes_host_files_in_place() {
    let tf = host_files()
        .into_iter()
        .find(|(name, ..)| *name == "jsonencode")
        .unwrap()
        .2;
    let dir = Scratch::new("host", &[("main.tf", &tf)]);
    let run = dms_rules(&["lint", "--fix", "--format", "json", &dir.path("main.tf")]).run();
    let fixed = dir.read("main.tf");
    assert!(fixed.contains("rule-action = \"include\""), "{fixed}");
    assert!(fixed.contains("rule-id = \"7\""), "{fixed}");
    assert!(fixed.contains("filter-operator = \"lte\""), "{fixed}");
    assert_eq!(run.status, 0, "{run:?}");
}

#[test]
fn lint_fix_refuses_standard_input() {
    let run = dms_rules(&["lint", "--fix", "-"])
        .stdin(MISTAKEN.as_bytes())
        .run();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: `--fix` rewrites files in place: standard input cannot be fixed\n"
    );
    let run = dms_rules(&["lint", "--unsafe-fixes", "x.json"]).run();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--fix"), "{}", run.stderr);
}

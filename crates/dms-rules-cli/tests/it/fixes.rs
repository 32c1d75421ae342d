//! `lint --fix` and `--unsafe-fixes`: the files are rewritten in place, and what remains is
//! reported.

use std::path::PathBuf;

use crate::command::dms_rules;
use crate::support::fixtures;

/// A document with a mistake of each kind that has a fix.
fn mistaken() -> String {
    std::fs::read_to_string(fixtures().join("fix/mistaken.json")).expect("fixture")
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
    let dir = Scratch::new("safe", &[("rules.json", &mistaken())]);
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
    let tf = std::fs::read_to_string(fixtures().join("fix/mistaken.tf")).expect("fixture");
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
        .stdin(mistaken().as_bytes())
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

/// With a catalog, the catalog's findings' fixes are applied too: the `convert-lowercase`
/// rules `dms::uppercase_target` offers (unsafe), written into the file, after which the
/// catalog finds no upper-case target left.
#[test]
fn lint_fix_with_a_catalog_applies_the_catalog_findings_fixes() {
    let case = fixtures().join("catalog-target/uppercase-oracle-postgres");
    let rules = std::fs::read_to_string(case.with_extension("json")).expect("rules");
    let catalog = std::fs::read_to_string(case.with_extension("csv")).expect("catalog");
    let dir = Scratch::new(
        "catalog",
        &[("rules.json", &rules), ("catalog.csv", &catalog)],
    );
    let (path, csv) = (dir.path("rules.json"), dir.path("catalog.csv"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let engines = [
        "--source-engine",
        "oracle",
        "--target-engine",
        "aurora-postgresql",
    ];
    let lint = |extra: &[&str]| {
        let args = [
            &["lint", "--format", "json", "--catalog", &csv][..],
            &engines,
            extra,
            &[&path],
        ];
        dms_rules(&args.concat()).run()
    };
    let codes = |run: &crate::command::Run| -> Vec<String> {
        run.json()["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // The safe fixes alone leave the file as it is: the catalog's fix is unsafe.
    let safe = lint(&["--fix"]);
    assert!(codes(&safe).contains(&"dms::uppercase_target".to_string()));
    assert_eq!(dir.read("rules.json"), rules);

    let fixed = lint(&["--fix", "--unsafe-fixes"]);
    assert_eq!(fixed.stderr, format!("fixed `{path}`: 1 fix applied\n"));
    let written = dir.read("rules.json");
    assert_eq!(
        written.matches("\"convert-lowercase\"").count(),
        3,
        "{written}"
    );
    assert!(!codes(&fixed).contains(&"dms::uppercase_target".to_string()));
    // Checked again from the file: nothing upper case is left on the target.
    assert!(!codes(&lint(&[])).contains(&"dms::uppercase_target".to_string()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions kept");
    }
}
